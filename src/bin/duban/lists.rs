//! `duban export documents|instructions|extensions|countersigns|relay|round|org|audit`:
//! every list through the one list exporter (`duban::exports::lists`).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use duban::documents::Urgency;
use duban::exports::lists::{export_list, ListFilter, ListKind};
use duban::extensions::ExtensionStatus;

use crate::{Door, Failure, Outcome};

fn day(s: &str) -> Result<NaiveDate, String> {
    duban::sheets::parse_date(s).map_err(|e| e.reason(s))
}

/// What every list export takes.
#[derive(Args)]
pub struct ListArgs {
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// 起始日期（含），如 2026-11-01
    #[arg(long, value_parser = day)]
    pub from: Option<NaiveDate>,
    /// 截止日期（含），如 2026-11-30
    #[arg(long, value_parser = day)]
    pub to: Option<NaiveDate>,
    /// 按哪一天计算逾期、漏报等（默认今天）
    #[arg(long, value_parser = day)]
    pub today: Option<NaiveDate>,
}

/// `duban export documents`（收文登记簿，按收文日期）.
#[derive(Args)]
pub struct DocumentsArgs {
    #[command(flatten)]
    pub common: ListArgs,
    /// 标题、收文编号、来文文号或来文单位中包含的文字
    #[arg(long)]
    pub text: Option<String>,
    /// 紧急程度（特急 加急 平件）
    #[arg(long)]
    pub urgency: Option<String>,
    /// 只导出尚未分解的文件
    #[arg(long)]
    pub unsplit: bool,
    /// 收文年度（收〔年度〕）
    #[arg(long)]
    pub year: Option<i32>,
}

/// `duban export instructions`（批示件办理情况，按批示日期）.
#[derive(Args)]
pub struct InstructionsArgs {
    #[command(flatten)]
    pub common: ListArgs,
    /// 局领导姓名
    #[arg(long)]
    pub leader: Option<String>,
}

/// `duban export extensions`（延期申请，按申请日期）.
#[derive(Args)]
pub struct ExtensionsArgs {
    #[command(flatten)]
    pub common: ListArgs,
    /// 审批状态（待审批 已批准 未批准，或 pending approved rejected）
    #[arg(long)]
    pub status: Option<String>,
    /// 事项编号
    #[arg(long)]
    pub item: Option<String>,
    /// 申请单位（名称或简称）
    #[arg(long)]
    pub party: Option<String>,
}

/// `duban export countersigns` / `relay`（按发出日期 / 报送期限）.
#[derive(Args)]
pub struct AskedArgs {
    #[command(flatten)]
    pub common: ListArgs,
    /// 收文编号（只导出该文件的）
    #[arg(long)]
    pub doc: Option<String>,
    /// 部门或单位（名称或简称）
    #[arg(long)]
    pub party: Option<String>,
    /// 只导出尚未答复 / 尚未报送的
    #[arg(long)]
    pub open: bool,
}

/// `duban export round ROUND_ID`（一次报送任务各单位的报送情况）.
#[derive(Args)]
pub struct RoundArgs {
    /// 报送任务编号（duban round list 中的编号）
    pub round: i64,
    #[command(flatten)]
    pub common: ListArgs,
}

/// `duban export org`（组织机构、局领导、人员名单）.
#[derive(Args)]
pub struct OrgArgs {
    #[command(flatten)]
    pub common: ListArgs,
    /// 只导出该部门或单位（名称或简称）
    #[arg(long)]
    pub party: Option<String>,
}

/// `duban export audit`（某一期间的操作记录，按操作时间）.
#[derive(Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub common: ListArgs,
    /// 只导出该操作人的记录（全局的 --operator 是“谁在操作”，不是筛选）
    #[arg(long, value_name = "操作人")]
    pub by: Option<String>,
    /// 对象、编号、操作或修改后内容中包含的文字
    #[arg(long)]
    pub text: Option<String>,
}

fn urgency(s: &str) -> Result<Urgency, Failure> {
    match s.trim() {
        "特急" => Ok(Urgency::TeJi),
        "加急" => Ok(Urgency::JiaJi),
        "平件" => Ok(Urgency::PingJian),
        other => Err(Failure::msg(format!(
            "--urgency：“{other}”不是紧急程度，请填写 特急、加急 或 平件。"
        ))),
    }
}

fn extension_status(s: &str) -> Result<ExtensionStatus, Failure> {
    let s = s.trim();
    ExtensionStatus::from_code(s)
        .or(match s {
            "待审批" => Some(ExtensionStatus::Pending),
            "已批准" => Some(ExtensionStatus::Approved),
            "未批准" => Some(ExtensionStatus::Rejected),
            _ => None,
        })
        .ok_or_else(|| {
            Failure::msg(format!(
                "--status：“{s}”不是审批状态，请填写 待审批、已批准 或 未批准。"
            ))
        })
}

/// Exports list `kind` with `filter` (its dates from `common`).
pub fn export(door: &Door, kind: ListKind, common: ListArgs, mut filter: ListFilter) -> Outcome {
    if let (Some(f), Some(t)) = (common.from, common.to) {
        if f > t {
            return Err(Failure::msg(format!(
                "--from {} 晚于 --to {}，请检查日期范围。",
                duban::dates::ymd(f),
                duban::dates::ymd(t)
            )));
        }
    }
    filter.from = common.from;
    filter.to = common.to;
    let store = door.open()?;
    let today = common.today.unwrap_or_else(|| door.today());
    let done = export_list(store.conn(), today, kind, &filter, &common.output)?;
    let n = done.rows;
    door.print(
        &serde_json::json!({"file": common.output, "list": kind, "rows": n}),
        || {
            format!(
                "已导出{} {n} 条到：{}",
                kind.label(),
                common.output.display()
            )
        },
    );
    Ok(())
}

/// `duban export documents`.
pub fn documents(door: &Door, a: DocumentsArgs) -> Outcome {
    let filter = ListFilter {
        text: a.text,
        urgency: a.urgency.as_deref().map(urgency).transpose()?,
        unsplit_only: a.unsplit,
        year: a.year,
        ..ListFilter::default()
    };
    export(door, ListKind::Documents, a.common, filter)
}

/// `duban export instructions`.
pub fn instructions(door: &Door, a: InstructionsArgs) -> Outcome {
    let filter = ListFilter {
        leader: a.leader,
        ..ListFilter::default()
    };
    export(door, ListKind::Instructions, a.common, filter)
}

/// `duban export extensions`.
pub fn extensions(door: &Door, a: ExtensionsArgs) -> Outcome {
    let filter = ListFilter {
        extension_status: a.status.as_deref().map(extension_status).transpose()?,
        item_no: a.item,
        party: a.party,
        ..ListFilter::default()
    };
    export(door, ListKind::Extensions, a.common, filter)
}

/// `duban export countersigns` or `relay`.
pub fn asked(door: &Door, kind: ListKind, a: AskedArgs) -> Outcome {
    let filter = ListFilter {
        doc_no: a.doc,
        party: a.party,
        open_only: a.open,
        ..ListFilter::default()
    };
    export(door, kind, a.common, filter)
}

/// `duban export round ROUND_ID`.
pub fn round(door: &Door, a: RoundArgs) -> Outcome {
    let filter = ListFilter {
        round: Some(a.round),
        ..ListFilter::default()
    };
    export(door, ListKind::Round, a.common, filter)
}

/// `duban export org`.
pub fn org(door: &Door, a: OrgArgs) -> Outcome {
    let filter = ListFilter {
        party: a.party,
        ..ListFilter::default()
    };
    export(door, ListKind::Org, a.common, filter)
}

/// `duban export audit`.
pub fn audit(door: &Door, a: AuditArgs) -> Outcome {
    let filter = ListFilter {
        operator: a.by,
        text: a.text,
        ..ListFilter::default()
    };
    export(door, ListKind::Audit, a.common, filter)
}
