//! `duban relay …` — 传达学习: mark a key document, record reports, status.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::calendar::Calendar;
use duban::dates::parse_day;
use duban::relay::{self, NewRelayReport, RelayForm, RelayPlan, RelayStatus};

use duban::imports::split_names;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum RelayCommand {
    /// 标记重点文件并指定需报送传达学习情况的部门/单位
    Plan {
        /// 收文编号
        doc_no: String,
        /// 部门/单位（逗号或顿号分隔）
        #[arg(long)]
        parties: String,
        /// 报送期限（默认：收文后 relay_days 个工作日，默认 5）
        #[arg(long, value_parser = parse_day)]
        due: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 登记某部门/单位的传达学习情况
    Report {
        /// 收文编号
        doc_no: String,
        /// 报送的部门或单位
        #[arg(long)]
        party: String,
        /// 形式：会议、文件、其他
        #[arg(long)]
        form: String,
        /// 采取的措施
        #[arg(long)]
        measures: String,
        /// 报送日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 查看重点文件的传达学习情况
    Status {
        /// 收文编号（不填：全部重点文件）
        doc_no: Option<String>,
    },
}

fn text(s: &RelayStatus) -> String {
    format!(
        "{}“{}” 期限 {}：已报 {}/{}{}",
        s.doc_no,
        s.title,
        s.due.map(|d| d.to_string()).unwrap_or_default(),
        s.reported,
        s.entries.len(),
        if s.missing.is_empty() {
            String::new()
        } else {
            format!("；逾期未报：{}", s.missing.join("、"))
        }
    )
}

pub fn run(door: &Door, c: RelayCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        RelayCommand::Plan {
            doc_no,
            parties,
            due,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let cal = Calendar::load(store.conn())?;
            let plan = RelayPlan {
                doc_no,
                parties: split_names(&parties),
                due,
            };
            // Counted by this call: no date given and none set before.
            let counted = plan.due.is_none()
                && relay::status(store.conn(), &plan.doc_no, actor.today())
                    .is_ok_and(|before| before.due.is_none());
            let s = relay::mark_key(&mut store, &actor, &cal, &plan)?;
            door.print(&s, || text(&s));
            crate::workdays::note_provisional_deadline(
                counted && s.due.is_some_and(|d| cal.is_provisional(d)),
            );
        }
        RelayCommand::Report {
            doc_no,
            party,
            form,
            measures,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let report = NewRelayReport {
                doc_no,
                party,
                reported_on: on.unwrap_or(actor.today()),
                form: RelayForm::parse(&form)?,
                measures,
            };
            let s = relay::record_report(&mut store, &actor, &report)?;
            door.print(&s, || text(&s));
        }
        RelayCommand::Status { doc_no } => {
            let today = door.now().date();
            let list = match doc_no {
                Some(no) => vec![relay::status(store.conn(), &no, today)?],
                None => relay::key_documents(store.conn(), today)?,
            };
            door.print(&list, || {
                list.iter().map(text).collect::<Vec<_>>().join("\n")
            });
        }
    }
    Ok(())
}
