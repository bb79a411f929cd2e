//! `duban bulletin …` — 月度督办通报, published (EXCHANGE §3, §4): publish a
//! month (frozen figures, an issue number per year; `--correct` for a 更正),
//! list the issues, export an issue's Word 通报 and Excel workbook.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::bulletins::{self, IssueRow, MonthlyIssue};
use duban::circulation::Month;
use duban::dates::parse_day;

use crate::{Door, Failure, Outcome};

fn parse_month(s: &str) -> duban::Result<Month> {
    s.parse()
}

/// 督办通报的子命令
#[derive(Subcommand)]
pub enum BulletinCommand {
    /// 发布某月的督办通报（发布后数据变化不影响已发布的内容；再次发布须用 --correct 填写更正原因）
    Publish {
        /// 统计月份，如 2026-11
        #[arg(long, value_parser = parse_month)]
        month: Month,
        /// 统计截止日期（默认该月最后一天；月份未结束时必须指定）
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// 更正原因：发布已发布月份的更正版本
        #[arg(long)]
        correct: Option<String>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出已发布的督办通报（各期各版本）
    List,
    /// 导出一期通报：Word 通报与 Excel 附表（按发布时的数据）
    Export {
        /// 通报编号（见 duban bulletin list）
        id: i64,
        /// 输出文件夹
        #[arg(short, long = "output", visible_alias = "out")]
        out: PathBuf,
    },
    /// 公文办理质量通报（月度或季度）
    #[command(subcommand)]
    Quality(crate::bulletin_kinds::QualityCommand),
    /// 专项通报（启动、进展、完成）
    #[command(subcommand)]
    Special(crate::bulletin_kinds::SpecialCommand),
}

fn row_text(r: &IssueRow) -> String {
    let s = &r.summary;
    format!(
        "{}\t{}\t{}\t第{}版{}\t截至{}\t{} {}{}",
        s.id,
        s.issue.map(|i| i.label()).unwrap_or_default(),
        r.month_label,
        s.version,
        if s.current { "（当前）" } else { "" },
        duban::dates::ymd(s.as_of),
        s.published_by,
        duban::dates::minute(s.published_at),
        if s.reason.is_empty() {
            String::new()
        } else {
            format!("\t更正原因：{}", s.reason)
        }
    )
}

fn published_text(r: &IssueRow, issue: &MonthlyIssue) -> String {
    format!(
        "已发布督办通报{}（{}，第{}版，编号 {}）\n{}",
        r.summary.issue.map(|i| i.label()).unwrap_or_default(),
        r.month_label,
        r.summary.version,
        r.summary.id,
        issue.figures.summary
    )
}

pub fn run(door: &Door, c: BulletinCommand) -> Outcome {
    match c {
        BulletinCommand::Quality(c) => crate::bulletin_kinds::quality(door, c)?,
        BulletinCommand::Special(c) => crate::bulletin_kinds::special(door, c)?,
        BulletinCommand::Publish {
            month,
            as_of,
            correct,
            at,
        } => {
            let mut store = door.open()?;
            let actor = door.actor_at(&store, at)?;
            let (row, issue) =
                match correct.as_deref() {
                    Some(reason) => {
                        bulletins::correct_monthly(&mut store, &actor, month, as_of, reason)?
                    }
                    None => bulletins::publish_monthly(&mut store, &actor, month, as_of).map_err(
                        |e| match e {
                            duban::Error::Conflict(m) => Failure::msg(format!(
                                "{m}（命令行：加 --correct \"更正原因\" 发布更正版本。）"
                            )),
                            e => e.into(),
                        },
                    )?,
                };
            let out = serde_json::json!({"publication": row, "issue": issue});
            door.print(&out, || published_text(&row, &issue));
        }
        BulletinCommand::List => {
            let store = door.open()?;
            let list = bulletins::list_monthly(store.conn())?;
            door.print(&list, || {
                if list.is_empty() {
                    "尚未发布督办通报。".to_string()
                } else {
                    list.iter().map(row_text).collect::<Vec<_>>().join("\n")
                }
            });
        }
        BulletinCommand::Export { id, out } => {
            let store = door.open()?;
            let files = bulletins::export_monthly_issue(store.conn(), id, &out)?;
            door.print(&files, || {
                format!(
                    "已导出：\n{}\n{}",
                    files.docx.display(),
                    files.xlsx.display()
                )
            });
        }
    }
    Ok(())
}
