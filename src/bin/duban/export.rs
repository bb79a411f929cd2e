//! `duban export …`: the ledger sheet, the monthly circulation sheet, the
//! month's 舆情 figures, the 约谈问责 records, the 绩效考核 workbook, and
//! every other list through the one list exporter (`lists.rs`).

use crate::{Door, Failure, Outcome};
use clap::{Args, Subcommand};
use duban::exports::ledger as export;
use duban::exports::lists::ListKind;
use duban::items::{LedgerFilter, Light, Status};
use std::path::PathBuf;

/// 导出表格
#[derive(Subcommand)]
pub enum ExportCommand {
    /// 导出督办事项台账（可按条件筛选）
    Ledger(ExportLedgerArgs),
    /// 导出月度督办通报
    Monthly(crate::round::ExportMonthlyArgs),
    /// 导出某月舆情统计（单位排名、标记、舆情明细）
    Opinion(crate::opinion::ExportOpinionArgs),
    /// 导出约谈问责记录（可按部门/单位和日期范围）
    Accountability(crate::accountability::ExportAccountabilityArgs),
    /// 导出绩效考核结果（排名和各部门、单位的指标明细）
    Assessment(crate::assess::ExportAssessmentArgs),
    /// 导出收文登记簿（按收文日期）
    Documents(crate::lists::DocumentsArgs),
    /// 导出领导批示件办理情况（按批示日期、局领导）
    Instructions(crate::lists::InstructionsArgs),
    /// 导出延期申请（按申请日期）
    Extensions(crate::lists::ExtensionsArgs),
    /// 导出会签 / 征求意见情况（按发出日期）
    Countersigns(crate::lists::AskedArgs),
    /// 导出重点文件传达学习情况（按报送期限）
    Relay(crate::lists::AskedArgs),
    /// 导出一次报送任务各单位的报送情况
    Round(crate::lists::RoundArgs),
    /// 导出组织机构、局领导和人员名单
    Org(crate::lists::OrgArgs),
    /// 导出某一期间的操作记录（审计日志）
    Audit(crate::lists::AuditArgs),
}

/// `duban export ledger`.
#[derive(Args)]
pub struct ExportLedgerArgs {
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// 牵头部门（名称或简称）
    #[arg(long)]
    pub party: Option<String>,
    /// 同时包括该部门配合办理的事项
    #[arg(long)]
    pub include_cooperating: bool,
    /// 统筹局领导
    #[arg(long)]
    pub leader: Option<String>,
    /// 办理状态（未启动 推进中 待销号 已办结 已撤销，或 not_started 等），可多次
    #[arg(long)]
    pub status: Vec<Status>,
    /// 灯（红 黄 绿，或 red yellow green），可多次
    #[arg(long)]
    pub light: Vec<Light>,
    /// 来源类别
    #[arg(long)]
    pub source: Option<String>,
    /// 完成时限不早于（YYYY-MM-DD）
    #[arg(long)]
    pub from: Option<String>,
    /// 完成时限不晚于（YYYY-MM-DD）
    #[arg(long)]
    pub to: Option<String>,
    /// 事项编号、名称或工作要求中包含的文字
    #[arg(long)]
    pub text: Option<String>,
    /// 只导出跟踪督办事项
    #[arg(long)]
    pub tracked: bool,
    /// 按哪一天计算红黄绿灯（默认今天）
    #[arg(long)]
    pub today: Option<String>,
}

fn date_arg(s: &Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>, Failure> {
    match s {
        None => Ok(None),
        Some(t) => duban::sheets::parse_date(t)
            .map(Some)
            .map_err(|e| Failure::msg(format!("{what}：{}", e.reason(t)))),
    }
}

fn ledger_filter(a: &ExportLedgerArgs) -> Result<LedgerFilter, Failure> {
    Ok(LedgerFilter {
        party: a.party.clone(),
        include_cooperating: a.include_cooperating,
        leader: a.leader.clone(),
        status: a.status.clone(),
        light: a.light.clone(),
        source_category: a.source.clone(),
        deadline_from: date_arg(&a.from, "--from")?,
        deadline_to: date_arg(&a.to, "--to")?,
        text: a.text.clone(),
        tracked_only: a.tracked,
        ..LedgerFilter::default()
    })
}

/// `duban export …`.
pub fn run(door: &Door, c: ExportCommand) -> Outcome {
    match c {
        ExportCommand::Ledger(a) => {
            let store = door.open()?;
            let filter = ledger_filter(&a)?;
            let today = date_arg(&a.today, "--today")?.unwrap_or_else(|| door.today());
            let cal = duban::calendar::Calendar::load(store.conn())?;
            let n = export::export_ledger(store.conn(), &cal, today, &filter, &a.output)?;
            door.print(&serde_json::json!({"file": a.output, "items": n}), || {
                format!("已导出 {n} 项督办事项到：{}", a.output.display())
            });
            Ok(())
        }
        ExportCommand::Monthly(a) => crate::round::export_monthly(door, a),
        ExportCommand::Opinion(a) => crate::opinion::export(door, a),
        ExportCommand::Accountability(a) => crate::accountability::export(door, a),
        ExportCommand::Assessment(a) => crate::assess::export(door, a),
        ExportCommand::Documents(a) => crate::lists::documents(door, a),
        ExportCommand::Instructions(a) => crate::lists::instructions(door, a),
        ExportCommand::Extensions(a) => crate::lists::extensions(door, a),
        ExportCommand::Countersigns(a) => crate::lists::asked(door, ListKind::Countersigns, a),
        ExportCommand::Relay(a) => crate::lists::asked(door, ListKind::Relay, a),
        ExportCommand::Round(a) => crate::lists::round(door, a),
        ExportCommand::Org(a) => crate::lists::org(door, a),
        ExportCommand::Audit(a) => crate::lists::audit(door, a),
    }
}
