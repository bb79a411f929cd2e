//! `duban round …` (报送任务), and the round/monthly pieces of `import report`,
//! `template round` and `export monthly` that `imports.rs` dispatches here
//! (EXCHANGE §4).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use duban::calendar::Calendar;
use duban::circulation::{self, Month, Period};
use duban::dates::parse_day;
use duban::imports::{FileStatus, ImportOptions};
use duban::rounds::{
    self, propose::document_id_of, NewRound, ReportStatus, RoundCounts, RoundDetail, RoundKind,
    Targets,
};

use crate::{Door, Failure, Outcome};

#[derive(Subcommand)]
pub enum RoundCommand {
    /// 创建报送任务
    Create(CreateArgs),
    /// 列出报送任务及各单位报送情况统计
    List {
        /// 按此日期判断漏报/未到期（默认今天）
        #[arg(long, value_parser = parse_day)]
        today: Option<NaiveDate>,
    },
    /// 查看一个报送任务：各单位按时/迟报/漏报/未到期，以及需要催报的单位
    Show {
        /// 报送任务编号（round list 中的 ID）
        id: i64,
        /// 按此日期判断漏报/未到期（默认今天）
        #[arg(long, value_parser = parse_day)]
        today: Option<NaiveDate>,
    },
    /// 按《意见》第十二条为政策文件提出两次报送任务（1个月内、2个月内）
    Propose {
        /// 收文 ID 或收文编号
        #[arg(long)]
        policy: String,
        /// 政策出台日期（默认收文日期）
        #[arg(long, value_parser = parse_day)]
        issued: Option<NaiveDate>,
        /// 直接创建这两个报送任务
        #[arg(long)]
        create: bool,
        /// 报送单位：all（全部下级单位）或以、或逗号分隔的名称
        #[arg(long, default_value = "all")]
        units: String,
    },
    /// 查看一份已收到的报送材料
    Report {
        /// 报送材料编号（round show 中的 report_id）
        id: i64,
    },
}

/// `duban round create`.
#[derive(Args)]
pub struct CreateArgs {
    /// 标题
    #[arg(long)]
    title: String,
    /// 报送截止日期
    #[arg(long, value_parser = parse_day)]
    due: NaiveDate,
    /// 所涉政策文件：收文 ID 或收文编号（设定后为政策措施报送）
    #[arg(long)]
    policy: Option<String>,
    /// 报送单位：all（全部下级单位）或以、或逗号分隔的名称
    #[arg(long, default_value = "all")]
    units: String,
    /// 类型：progress（落实进展，默认）或 policy（政策措施落实情况）
    #[arg(long)]
    kind: Option<String>,
    /// 政策报送阶段：一个月内 / 两个月内（决定报送表栏目）
    #[arg(long, default_value = "")]
    phase: String,
    /// 备注 / 报送要求
    #[arg(long, default_value = "")]
    notes: String,
}

/// `duban template round --round ID -o DIR`.
#[derive(Args)]
pub struct TemplateRoundArgs {
    /// 报送任务编号
    #[arg(long)]
    pub round: i64,
    /// 输出文件夹（每个报送单位一个文件）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// `duban export monthly --month YYYY-MM [--as-of DATE] -o FILE`.
#[derive(Args)]
pub struct ExportMonthlyArgs {
    /// 通报月份，如 2026-10
    #[arg(long)]
    pub month: String,
    /// 统计截止日期（默认该月最后一天；本月未结束时为今天）
    #[arg(long, value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

fn units_of(text: &str) -> Targets {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("all") || t == "全部" {
        Targets::All
    } else {
        Targets::Named(duban::imports::split_names(t))
    }
}

/// Runs `duban round …`.
pub fn run(door: &Door, c: RoundCommand) -> Outcome {
    match c {
        RoundCommand::Create(a) => create(door, a),
        RoundCommand::List { today } => {
            let store = door.open()?;
            let today = today.unwrap_or_else(|| door.today());
            let list = rounds::list_rounds(store.conn(), today)?;
            door.print(&list, || {
                if list.is_empty() {
                    return "还没有报送任务。".to_string();
                }
                list.iter()
                    .map(|r| {
                        format!(
                            "[{}] {}（{}，截止 {}，编号 {}）{}{}",
                            r.id,
                            r.title,
                            r.kind.label(),
                            r.due,
                            r.token,
                            counts_text(&r.counts),
                            crate::extension::voided(&r.voided)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        RoundCommand::Show { id, today } => {
            let store = door.open()?;
            let today = today.unwrap_or_else(|| door.today());
            let d = rounds::round_detail(store.conn(), id, today)?;
            door.print(&d, || detail_text(&d));
            Ok(())
        }
        RoundCommand::Propose {
            policy,
            issued,
            create,
            units,
        } => propose(door, &policy, issued, create, &units),
        RoundCommand::Report { id } => {
            let store = door.open()?;
            let r = rounds::report_content(store.conn(), id)?;
            door.print(&r, || {
                let mut s = format!("{}　{}　报送日期 {}", r.round, r.party, r.received_on);
                if !r.file_name.is_empty() {
                    s.push_str(&format!("　文件 {}", r.file_name));
                }
                for f in &r.fields {
                    s.push_str(&format!("\n{}：{}", f.label, f.value));
                }
                for row in &r.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|f| format!("{}：{}", f.label, f.value))
                        .collect();
                    s.push_str(&format!("\n- {}", cells.join("；")));
                }
                s
            });
            Ok(())
        }
    }
}

fn create(door: &Door, a: CreateArgs) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let document_id = a
        .policy
        .as_deref()
        .map(|p| document_id_of(store.conn(), p))
        .transpose()?;
    let kind = match a.kind.as_deref() {
        Some("policy") | Some("政策") | Some("政策措施") => RoundKind::Policy,
        Some("progress") | Some("进展") | Some("落实进展") => RoundKind::Progress,
        Some(other) => {
            return Err(Failure::msg(format!(
                "报送任务类型“{other}”无法识别。请填写 progress（落实进展）或 policy（政策措施落实情况）。"
            )))
        }
        None if document_id.is_some() => RoundKind::Policy,
        None => RoundKind::Progress,
    };
    let new = NewRound {
        title: a.title,
        kind,
        phase: a.phase,
        document_id,
        policy_name: String::new(),
        policy_doc_no: String::new(),
        issued_on: None,
        due: a.due,
        notes: a.notes,
        targets: units_of(&a.units),
    };
    let r = rounds::create_round(&mut store, &actor, &new)?;
    door.print(&r, || {
        format!(
            "已创建报送任务 [{}] {}（{}），截止 {}，报送单位 {} 个，报送任务编号 {}。",
            r.id,
            r.title,
            r.kind.label(),
            r.due,
            r.counts.targets,
            r.token
        )
    });
    Ok(())
}

fn propose(
    door: &Door,
    policy: &str,
    issued: Option<NaiveDate>,
    create: bool,
    units: &str,
) -> Outcome {
    let mut store = door.open()?;
    let cal = Calendar::load(store.conn())?;
    let id = document_id_of(store.conn(), policy)?;
    let mut proposals = rounds::propose_for_document(store.conn(), &cal, id, issued)?;
    for p in &mut proposals {
        p.round.targets = units_of(units);
    }
    if !create {
        door.print(&proposals, || {
            proposals
                .iter()
                .map(|p| format!("{}：截止 {}。{}", p.round.title, p.round.due, p.explanation))
                .collect::<Vec<_>>()
                .join("\n")
        });
        return Ok(());
    }
    let actor = door.actor(&store)?;
    // Both rounds or neither.
    let asked: Vec<_> = proposals.iter().map(|p| p.round.clone()).collect();
    let created = rounds::create_rounds(&mut store, &actor, &asked)?;
    for p in proposals.iter().filter(|p| p.provisional) {
        crate::say_err(format_args!(
            "注意：{}的截止日期 {} 为暂定（该年节假日安排未载入，只按周末判断），载入后请核对。",
            p.round.title, p.round.due
        ));
    }
    door.print(&created, || {
        created
            .iter()
            .map(|r| {
                format!(
                    "已创建报送任务 [{}] {}，截止 {}，编号 {}。",
                    r.id, r.title, r.due, r.token
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

/// A round's figures: 应报 N：按时 N、迟报 N、漏报 N、未到期 N.
fn counts_text(c: &RoundCounts) -> String {
    format!(
        "应报 {}：按时 {}、迟报 {}、漏报 {}、未到期 {}",
        c.targets, c.on_time, c.late, c.missing, c.not_due
    )
}

fn detail_text(d: &RoundDetail) -> String {
    let r = &d.round;
    let mut s = format!(
        "[{}] {}（{}）截止 {}，编号 {}\n{}",
        r.id,
        r.title,
        r.kind.label(),
        r.due,
        r.token,
        counts_text(&r.counts)
    );
    for t in &d.targets {
        s.push_str(&format!("\n  {}　{}", t.party, t.status.label()));
        if let (Some(on), Some(id)) = (t.received_on, t.report_id) {
            s.push_str(&format!("（{on} 报送，材料 {id}）"));
        }
    }
    if !d.to_chase.is_empty() {
        let names: Vec<String> = d
            .to_chase
            .iter()
            .map(|t| {
                if t.status == ReportStatus::Missing {
                    format!("{}（漏报）", t.party)
                } else {
                    t.party.clone()
                }
            })
            .collect();
        s.push_str(&format!("\n需催报：{}", names.join("、")));
    }
    s
}

/// `duban import report`: prints one object per file (the import fields plus
/// the round, received date and 按时/迟报); exits non-zero when any file was rejected.
pub fn import_report(door: &Door, files: &[PathBuf], options: &ImportOptions) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let out = rounds::import_reports(&mut store, &actor, files, options);
    door.print(&out, || {
        out.iter()
            .map(|o| {
                let mut s = o.report.message();
                if let (Some(round), Some(on), Some(st)) =
                    (&o.round, o.received_on, o.report_status)
                {
                    s.push_str(&format!(
                        "\n  报送任务：{round}，报送日期 {on}，{}",
                        st.label()
                    ));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let rejected = out
        .iter()
        .filter(|o| o.report.status == FileStatus::Rejected)
        .count();
    if rejected > 0 {
        return Err(Failure::msg(format!("{rejected} 个文件未导入，原因见上。")));
    }
    Ok(())
}

/// `duban template round`.
pub fn template_round(door: &Door, a: TemplateRoundArgs) -> Outcome {
    let store = door.open()?;
    let files = rounds::write_templates(store.conn(), a.round, &a.output, door.now().date())?;
    door.print(&files, || {
        let mut s = format!("已生成 {} 个模板：", files.len());
        for f in &files {
            s.push_str(&format!("\n  {}：{}", f.party, f.path));
        }
        s
    });
    Ok(())
}

/// `duban export monthly`.
pub fn export_monthly(door: &Door, a: ExportMonthlyArgs) -> Outcome {
    let store = door.open()?;
    let month: Month = a.month.parse()?;
    let period = Period::seen_on(month, a.as_of, door.today())?;
    let f = circulation::export_monthly(store.conn(), &period, &a.output)?;
    #[derive(serde::Serialize)]
    struct Written<'a> {
        file: String,
        figures: &'a circulation::MonthlyFigures,
    }
    let out = Written {
        file: a.output.display().to_string(),
        figures: &f,
    };
    door.print(&out, || {
        format!(
            "已导出 {} 月度督办通报：{}\n{}",
            f.period.month.label(),
            a.output.display(),
            f.summary
        )
    });
    Ok(())
}
