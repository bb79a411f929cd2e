//! `duban extension …` — 延期申请: request, approve, reject, list.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::dates::parse_day;
use duban::extensions::{
    self, Extension, ExtensionDecision, ExtensionFilter, ExtensionStatus, NewExtension,
};
use duban::store::Store;

use crate::{Door, Failure, Outcome};

#[derive(Subcommand)]
pub enum ExtensionCommand {
    /// 登记部门的延期申请（须在完成时限到期前提出）
    Request {
        /// 事项编号
        item_no: String,
        /// 申请的新完成时限
        #[arg(long = "to", value_parser = parse_day)]
        new_deadline: NaiveDate,
        /// 延期理由
        #[arg(long)]
        reason: String,
        /// 目前进展
        #[arg(long)]
        progress: String,
        /// 申请日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 批准延期申请（完成时限改为申请的日期，原时限保留）
    Approve {
        /// 延期申请编号
        id: i64,
        /// 审批意见
        #[arg(long, default_value = "")]
        comment: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 不批准延期申请（须填写意见）
    Reject {
        /// 延期申请编号
        id: i64,
        /// 审批意见
        #[arg(long)]
        comment: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出延期申请
    List {
        /// 只列某事项的
        #[arg(long)]
        item: Option<String>,
        /// 状态：pending（待审批）、approved（已批准）、rejected（未批准）
        #[arg(long)]
        status: Option<String>,
        /// 只列某月批准的（如 2026-11，按审批日期；可与 --item 同用）
        #[arg(long, conflicts_with = "status")]
        approved_in: Option<String>,
    },
}

fn line(e: &Extension) -> String {
    format!(
        "#{} {} {}（{}）{} → {} [{}] {}",
        e.id,
        e.item_no,
        e.item_name,
        e.party,
        e.old_deadline,
        e.new_deadline,
        e.status.label(),
        e.decision_note
    ) + voided(&e.voided).as_str()
        + &e.superseded_on
            .map(|d| format!(" [{d} 事项改为长期，已不适用]"))
            .unwrap_or_default()
}

/// ` [已作废：原因]` for a voided record, else nothing.
pub fn voided(v: &Option<duban::store::void::VoidMark>) -> String {
    v.as_ref()
        .map(|v| format!(" [已作废：{}]", v.reason))
        .unwrap_or_default()
}

pub fn run(door: &Door, c: ExtensionCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        ExtensionCommand::Request {
            item_no,
            new_deadline,
            reason,
            progress,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let new = NewExtension {
                item_no,
                requested_on: on.unwrap_or(actor.today()),
                new_deadline,
                reason,
                progress_so_far: progress,
            };
            let e = extensions::request(&mut store, &actor, &new)?;
            door.print(&e, || format!("已登记延期申请：{}", line(&e)));
        }
        ExtensionCommand::Approve { id, comment, at } => {
            decide(door, &mut store, id, comment, at, true)?
        }
        ExtensionCommand::Reject { id, comment, at } => {
            decide(door, &mut store, id, comment, at, false)?
        }
        ExtensionCommand::List {
            item,
            status,
            approved_in,
        } => {
            let list = match approved_in {
                Some(m) => {
                    let month: duban::dates::Month = m.parse()?;
                    let first = month.first_day();
                    use chrono::Datelike;
                    let mut list =
                        extensions::approved_in_month(store.conn(), first.year(), first.month())?;
                    if let Some(no) = item.as_deref().map(str::trim) {
                        list.retain(|e| e.item_no == no);
                    }
                    list
                }
                None => {
                    let status = match status.as_deref() {
                        None => None,
                        Some(s) => Some(ExtensionStatus::from_code(s.trim()).ok_or_else(|| {
                            Failure::msg(format!(
                                "状态“{s}”无法识别。请填写 pending、approved 或 rejected。"
                            ))
                        })?),
                    };
                    extensions::list(
                        store.conn(),
                        &ExtensionFilter {
                            item_no: item,
                            status,
                        },
                    )?
                }
            };
            door.print(&list, || {
                if list.is_empty() {
                    "没有延期申请。".into()
                } else {
                    list.iter().map(line).collect::<Vec<_>>().join("\n")
                }
            });
        }
    }
    Ok(())
}

/// 批准 (`approve`) or 不批准 a request, and says which.
fn decide(
    door: &Door,
    store: &mut Store,
    id: i64,
    comment: String,
    at: Option<NaiveDateTime>,
    approve: bool,
) -> Outcome {
    let actor = door.actor_at(store, at)?;
    let e = extensions::decide(store, &actor, id, &ExtensionDecision { approve, comment })?;
    let verdict = if approve { "已批准" } else { "未批准" };
    door.print(&e, || format!("{verdict}：{}", line(&e)));
    Ok(())
}
