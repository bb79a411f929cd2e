//! 延期申请 (PRODUCT #8): a department asks for a later deadline before the
//! current one passes; the office approves or rejects it with a comment.
//!
//! - The original deadline (`items.deadline`) never changes; an approval moves
//!   only the effective deadline (`items::set_effective_deadline_in`), to the
//!   requested date, and is refused when that date is no later than the
//!   effective deadline now (a 完成时限 corrected since the request), or when
//!   it would be dated before the request.
//! - A request is accepted on the deadline day itself, refused the day after;
//!   it must carry a reason, the progress so far and a concrete new date
//!   strictly after the current effective deadline. One request at a time per item.
//! - Every request and decision is an audit entry of the item (entity `item`,
//!   the 事项编号), so the item's timeline shows the whole history.
//! - [`approved_in_month`] gives the monthly sheet its 延期次数 (approved with
//!   a decision date in the month).

mod queries;

use chrono::NaiveDate;
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};

use crate::dates::ymd;
use crate::error::{invalid, Error, Result};
use crate::reminders::{Reminder, ReminderKind, ScanContext};
use crate::store::{audit, Actor, Store};

pub use queries::{approved_in_month, for_item, get, list, pending, ExtensionFilter};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionStatus {
    /// 待审批: awaiting the office's decision.
    Pending,
    /// 已批准: approved; the item's effective deadline moved to the new date.
    Approved,
    /// 未批准: rejected; the deadline stays.
    Rejected,
}

impl ExtensionStatus {
    /// The database code.
    pub fn code(self) -> &'static str {
        match self {
            ExtensionStatus::Pending => "pending",
            ExtensionStatus::Approved => "approved",
            ExtensionStatus::Rejected => "rejected",
        }
    }
    /// From the database code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "pending" => Some(ExtensionStatus::Pending),
            "approved" => Some(ExtensionStatus::Approved),
            "rejected" => Some(ExtensionStatus::Rejected),
            _ => None,
        }
    }
    /// 待审批 / 已批准 / 未批准.
    pub fn label(self) -> &'static str {
        match self {
            ExtensionStatus::Pending => "待审批",
            ExtensionStatus::Approved => "已批准",
            ExtensionStatus::Rejected => "未批准",
        }
    }
}

/// One extension request with its item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Extension {
    /// Row id in `extensions`.
    pub id: i64,
    /// Row id in `items` of the item.
    pub item_id: i64,
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub item_name: String,
    /// The item's 牵头部门 (who asked).
    pub party: String,
    /// The 牵头部门's `parties.id`.
    pub party_id: i64,
    /// The date the department asked.
    pub requested_on: NaiveDate,
    /// The effective deadline when the request was made.
    pub old_deadline: NaiveDate,
    /// The date asked for.
    pub new_deadline: NaiveDate,
    /// The item's original deadline (kept forever).
    pub original_deadline: Option<NaiveDate>,
    /// 延期理由: why it needs more time.
    pub reason: String,
    /// The progress made so far, as stated in the request; may be empty.
    pub progress_so_far: String,
    /// 待审批 / 已批准 / 未批准.
    pub status: ExtensionStatus,
    /// When the office decided; None while pending.
    pub decided_on: Option<NaiveDate>,
    /// The office's note on its decision; empty when none.
    pub decision_note: String,
    /// Set when the request was voided (作废): show it struck through; it leaves every count.
    pub voided: Option<crate::store::void::VoidMark>,
    /// The day the item became 长期: this approval no longer sets its deadline
    /// (it still counts where it was approved); None otherwise.
    pub superseded_on: Option<NaiveDate>,
}

/// A request as the office records it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewExtension {
    /// 事项编号.
    pub item_no: String,
    /// The day the department made the request (not after today).
    pub requested_on: NaiveDate,
    /// The concrete new deadline asked for.
    pub new_deadline: NaiveDate,
    /// 延期理由.
    pub reason: String,
    /// 目前进展.
    pub progress_so_far: String,
}

/// The office's decision.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ExtensionDecision {
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// 审批意见 (required to reject; defaults to “同意延期” on approval).
    pub comment: String,
}

/// The refusal for an item that is closed.
pub(crate) fn closed_reason(status: &str) -> Option<&'static str> {
    match status {
        "done" => Some("已办结"),
        "withdrawn" => Some("已撤销"),
        _ => None,
    }
}

/// Records a request. Refused, with nothing written: an unknown item, a closed
/// item, a standing item without deadline, a request dated in the future or
/// after the current effective deadline, an empty reason or progress, a new
/// date not strictly after the current deadline, or a second open request.
pub fn request(store: &mut Store, actor: &Actor, new: &NewExtension) -> Result<Extension> {
    let id = store.write(|tx| request_in(tx, actor, new))?;
    get(store.conn(), id)
}

/// [`request`] inside the caller's transaction (with its audit entry); returns the id.
pub fn request_in(tx: &Transaction, actor: &Actor, new: &NewExtension) -> Result<i64> {
    let item = crate::items::item_state(tx, new.item_no.trim())?;
    if let Some(why) = closed_reason(&item.status) {
        return Err(Error::Conflict(format!(
            "事项“{}”（{}）{why}，不能申请延期。",
            item.name, item.item_no
        )));
    }
    let current = item.effective_deadline.ok_or_else(|| {
        invalid(format!(
            "事项“{}”（{}）为长期事项，没有完成时限，无需申请延期。",
            item.name, item.item_no
        ))
    })?;
    crate::dates::not_after_today(
        "申请日期",
        new.requested_on,
        actor.today(),
        "请填写部门实际提出申请的日期。",
    )?;
    crate::items::not_before_its_document(tx, item.id, "申请日期", new.requested_on)?;
    if new.requested_on > current {
        return Err(invalid(format!(
            "延期申请须在完成时限到期前提出（最晚为到期当天 {}）。本申请于 {} 提出，已超过时限 {} 天，不予受理；该事项已逾期，请按逾期事项催办。",
            ymd(current),
            ymd(new.requested_on),
            (new.requested_on - current).num_days()
        )));
    }
    if new.reason.trim().is_empty() {
        return Err(invalid("请填写延期理由。"));
    }
    if new.progress_so_far.trim().is_empty() {
        return Err(invalid("请填写目前的办理进展（已完成哪些工作）。"));
    }
    if new.new_deadline <= current {
        return Err(invalid(format!(
            "申请的新完成时限 {} 须晚于当前完成时限 {}。请填写一个具体的、更晚的日期。",
            ymd(new.new_deadline),
            ymd(current)
        )));
    }
    let open: Option<i64> = {
        use rusqlite::OptionalExtension;
        tx.query_row(
            "SELECT id FROM extensions WHERE item_id = ?1 AND status = 'pending' AND voided_at IS NULL",
            [item.id],
            |r| r.get(0),
        )
        .optional()?
    };
    if open.is_some() {
        return Err(Error::Conflict(format!(
            "事项“{}”（{}）已有一份待审批的延期申请。请先审批该申请，再登记新的申请。",
            item.name, item.item_no
        )));
    }
    tx.execute(
        "INSERT INTO extensions(item_id, requested_on, old_deadline, new_deadline, reason, progress_so_far, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending')",
        params![
            item.id,
            ymd(new.requested_on),
            ymd(current),
            ymd(new.new_deadline),
            new.reason.trim(),
            new.progress_so_far.trim()
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append_in(
        tx,
        actor,
        "item",
        &item.item_no,
        "extension_request",
        None,
        Some(&serde_json::json!({
            "extension_id": id,
            "requested_on": ymd(new.requested_on),
            "old_deadline": ymd(current),
            "new_deadline": ymd(new.new_deadline),
            "reason": new.reason.trim(),
            "progress_so_far": new.progress_so_far.trim(),
        })),
    )?;
    Ok(id)
}

/// Approves or rejects a pending request (decision date = today). An approval
/// moves the item's effective deadline to the requested date.
pub fn decide(
    store: &mut Store,
    actor: &Actor,
    extension_id: i64,
    decision: &ExtensionDecision,
) -> Result<Extension> {
    store.write(|tx| decide_in(tx, actor, extension_id, decision))?;
    get(store.conn(), extension_id)
}

/// [`decide`] inside the caller's transaction (with its audit entry).
pub fn decide_in(
    tx: &Transaction,
    actor: &Actor,
    extension_id: i64,
    decision: &ExtensionDecision,
) -> Result<()> {
    let ext = get(tx, extension_id)?;
    if let Some(v) = &ext.voided {
        return Err(Error::Conflict(format!(
            "该延期申请（事项 {}）已于 {} 作废，不能审批。",
            ext.item_no, v.voided_at
        )));
    }
    if ext.status != ExtensionStatus::Pending {
        return Err(Error::Conflict(format!(
            "该延期申请（事项 {}）已于 {} 审批（{}），不能再次审批。",
            ext.item_no,
            ext.decided_on.map(ymd).unwrap_or_default(),
            ext.status.label()
        )));
    }
    let comment = decision.comment.trim();
    if !decision.approve && comment.is_empty() {
        return Err(invalid("不批准延期时请填写审批意见，说明理由。"));
    }
    let item = crate::items::item_state(tx, &ext.item_no)?;
    if let (true, Some(on)) = (decision.approve, ext.superseded_on) {
        // Made standing after the request (and perhaps dated again since).
        return Err(Error::Conflict(format!(
            "事项“{}”（{}）在提出该申请后已于 {} 改为长期事项，该申请不再适用，不能批准；如需了结该申请，请选择不批准并说明原因。",
            item.name,
            item.item_no,
            ymd(on)
        )));
    }
    if decision.approve && item.effective_deadline.is_none() {
        // Made standing after the request: there is no deadline to extend.
        return Err(Error::Conflict(format!(
            "事项“{}”（{}）已改为长期事项，没有完成时限，不能批准延期；如需了结该申请，请选择不批准并说明原因。",
            item.name, item.item_no
        )));
    }
    if decision.approve {
        if let Some(current) = item.effective_deadline.filter(|c| ext.new_deadline <= *c) {
            // The 完成时限 was corrected to this date or later since the request.
            return Err(Error::Conflict(format!(
                "该申请延期至 {}，不晚于事项“{}”（{}）现在的完成时限 {}，批准不会延后时限；请选择不批准并说明原因。",
                ymd(ext.new_deadline),
                item.name,
                item.item_no,
                ymd(current)
            )));
        }
    }
    if actor.today() < ext.requested_on {
        return Err(invalid(format!(
            "审批日期 {} 早于申请日期 {}，请核对审批日期。",
            ymd(actor.today()),
            ymd(ext.requested_on)
        )));
    }
    if let Some(why) = closed_reason(&item.status) {
        if decision.approve {
            return Err(Error::Conflict(format!(
                "事项“{}”（{}）{why}，不能批准延期；如需了结该申请，请选择不批准并说明原因。",
                item.name, item.item_no
            )));
        }
    }
    let comment = if decision.approve && comment.is_empty() {
        "同意延期".to_string()
    } else {
        comment.to_string()
    };
    let status = if decision.approve {
        ExtensionStatus::Approved
    } else {
        ExtensionStatus::Rejected
    };
    tx.execute(
        "UPDATE extensions SET status = ?1, decided_on = ?2, decision_note = ?3 WHERE id = ?4",
        params![status.code(), ymd(actor.today()), comment, extension_id],
    )?;
    if decision.approve {
        crate::items::set_effective_deadline_in(tx, item.id, ext.new_deadline)?;
    }
    let effective_after = if decision.approve {
        Some(ext.new_deadline)
    } else {
        item.effective_deadline
    };
    audit::append_in(
        tx,
        actor,
        "item",
        &ext.item_no,
        if decision.approve {
            "extension_approve"
        } else {
            "extension_reject"
        },
        Some(&serde_json::json!({
            "extension_id": extension_id,
            "effective_deadline": item.effective_deadline.map(ymd),
        })),
        Some(&serde_json::json!({
            "extension_id": extension_id,
            "effective_deadline": effective_after.map(ymd),
            "new_deadline": ymd(ext.new_deadline),
            "comment": comment,
        })),
    )?;
    Ok(())
}

/// 作废 an extension request recorded by mistake: it leaves the pending
/// list, the reminders and every 延期 count; an approved one no longer moves
/// the item's effective deadline (it falls back to the newest live approval,
/// or the item's deadline).
pub fn void_extension(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    let reason = crate::store::void::required_reason(reason, "延期申请")?;
    store.write(|tx| {
        let ext = get(tx, id)?;
        crate::store::void::void_row_in(tx, actor, "extensions", id, &reason, "延期申请")?;
        let before = crate::items::item_state(tx, &ext.item_no)?.effective_deadline;
        crate::items::recompute_effective_deadline_in(tx, ext.item_id)?;
        let after = crate::items::item_state(tx, &ext.item_no)?.effective_deadline;
        audit::append_in(
            tx,
            actor,
            "item",
            &ext.item_no,
            "作废延期申请",
            Some(&serde_json::json!({
                "extension_id": id,
                "status": ext.status.label(),
                "new_deadline": ymd(ext.new_deadline),
                "effective_deadline": before.map(ymd),
            })),
            Some(&serde_json::json!({
                "extension_id": id,
                "已作废": true,
                "原因": reason,
                "effective_deadline": after.map(ymd),
            })),
        )
    })
}

/// `extension_pending` reminders: the office's move, due on the current
/// effective deadline (decide before it passes).
pub(crate) fn reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, w, office) = (ctx.conn, ctx.window, ctx.office);
    for e in pending(conn)? {
        // Due on the item's deadline as it is now: a 完成时限 corrected since
        // the request moves it, and may leave nothing to approve.
        let current = crate::items::item_state(conn, &e.item_no)?
            .effective_deadline
            .unwrap_or(e.old_deadline);
        let message = if e.new_deadline <= current {
            format!(
                "{}申请将事项“{}”的完成时限延至 {}（{} 提出），但完成时限已更正为 {}，批准不会延后时限，请选择不批准并说明原因。",
                e.party,
                e.item_name,
                ymd(e.new_deadline),
                ymd(e.requested_on),
                ymd(current)
            )
        } else {
            format!(
                "{}申请将事项“{}”的完成时限由 {} 延至 {}（{} 提出），请审批。",
                e.party,
                e.item_name,
                ymd(current),
                ymd(e.new_deadline),
                ymd(e.requested_on)
            )
        };
        let mut rem = Reminder::new(
            ReminderKind::ExtensionPending,
            e.item_no.clone(),
            office.to_string(),
            current,
            message,
        );
        rem.title = e.item_name.clone();
        rem.days_late = w.days_late(current);
        rem.item_id = Some(e.item_id);
        rem.extension_id = Some(e.id);
        out.push(rem);
    }
    Ok(())
}
