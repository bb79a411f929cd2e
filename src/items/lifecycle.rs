//! The item's life after creation: progress, completion reports and their
//! review (销号 / 退回), withdrawal, reopening, milestones. Each public use case
//! is one transaction with one audit entry on the item's timeline.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use crate::attachments;
use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::items::{
    item_by_no, ImportSource, ItemKey, NewCompletion, NewMilestone, NewProgress, Status,
};
use crate::store::{audit, Actor, Store};

fn status_of(tx: &Transaction, item_id: i64) -> Result<Status> {
    tx.prepare_cached("SELECT status FROM items WHERE id = ?1")?
        .query_row([item_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该督办事项。".into()))
}

/// [`status_of`] and the item's document, in one lookup: what a progress
/// entry or a completion report checks first (a feedback file, on each row).
fn status_and_document(tx: &Transaction, item_id: i64) -> Result<(Status, Option<i64>)> {
    tx.prepare_cached("SELECT status, document_id FROM items WHERE id = ?1")?
        .query_row([item_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该督办事项。".into()))
}

fn key(store: &Store, item_no: &str) -> Result<ItemKey> {
    key_in(store.conn(), item_no)
}

/// [`key`] through a connection: inside a write, what the item is now.
fn key_in(conn: &rusqlite::Connection, item_no: &str) -> Result<ItemKey> {
    item_by_no(conn, item_no)?
        .ok_or_else(|| Error::NotFound(format!("找不到事项编号为“{}”的督办事项。", item_no.trim())))
}

/// Sets an item's status. `is_open` is written only when the item closes or
/// reopens: an UPDATE that sets it rewrites the item's entry in the partial
/// index `items_open_deadline` (migration 0019), which a change between open
/// statuses (未启动 → 推进中 → 待销号) need not touch.
fn set_status(
    tx: &Transaction,
    item_id: i64,
    status: Status,
    done_on: Option<NaiveDate>,
    reason: &str,
) -> Result<()> {
    let args = params![
        item_id,
        status.code(),
        done_on.map(ymd),
        reason,
        status.is_open()
    ];
    let same_openness = tx
        .prepare_cached(
            "UPDATE items SET status = ?2, done_on = ?3, status_reason = ?4
              WHERE id = ?1 AND is_open = ?5",
        )?
        .execute(args)?;
    if same_openness == 0 {
        tx.prepare_cached(
            "UPDATE items SET status = ?2, done_on = ?3, status_reason = ?4, is_open = ?5
              WHERE id = ?1",
        )?
        .execute(args)?;
    }
    Ok(())
}

/// Marks an item 已撤销 with its reason inside the caller's transaction, and
/// nothing else: no check of its current status, no audit entry (the caller
/// records one). For a migrated ledger's withdrawn rows, just inserted.
pub fn mark_withdrawn_in(tx: &Transaction, item_id: i64, reason: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE items SET status = 'withdrawn', is_open = 0, status_reason = ?2 WHERE id = ?1",
    )?
    .execute(params![item_id, reason])?;
    Ok(())
}

/// Records a progress entry inside the caller's transaction (no audit entry).
/// Refused on closed or withdrawn items; moves 未启动 to 推进中.
pub fn insert_progress_in(
    tx: &Transaction,
    actor: &Actor,
    item_id: i64,
    p: &NewProgress,
    source: Option<&ImportSource>,
) -> Result<i64> {
    if p.text.trim().is_empty() {
        return Err(Error::Invalid("办理进展内容不能为空。".into()));
    }
    // A progress entry dated ahead would count as every 长期 cycle's report until then.
    crate::dates::not_after_today(
        "进展日期",
        p.reported_on,
        actor.today(),
        "请填写实际报告进展的日期。",
    )?;
    let (status, document) = status_and_document(tx, item_id)?;
    super::not_before_the_document(tx, item_id, document, "进展日期", p.reported_on)?;
    if !status.is_open() {
        return Err(Error::Conflict(format!(
            "该事项{}，不能再录入进展；如需继续办理，请先重新打开。",
            status.label()
        )));
    }
    tx.prepare_cached(
        "INSERT INTO progress(item_id, reported_on, text, reporter, party_id, problems, next_steps,
             import_id, import_sheet, import_row, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        item_id,
        ymd(p.reported_on),
        p.text.trim(),
        p.reporter.trim(),
        p.party_id,
        p.problems.trim(),
        p.next_steps.trim(),
        source.map(|s| s.import_id),
        source.map(|s| s.sheet.as_str()),
        source.map(|s| s.row),
        actor.stamp(),
    ])?;
    let id = tx.last_insert_rowid();
    if status == Status::NotStarted {
        set_status(tx, item_id, Status::InProgress, None, "")?;
    }
    Ok(id)
}

/// Records a completion report inside the caller's transaction (no audit
/// entry): the item waits for the office's review (待销号).
pub fn insert_completion_report_in(
    tx: &Transaction,
    actor: &Actor,
    item_id: i64,
    c: &NewCompletion,
    source: Option<&ImportSource>,
) -> Result<i64> {
    let (status, document) = status_and_document(tx, item_id)?;
    match status {
        Status::Done | Status::Withdrawn => {
            return Err(Error::Conflict(format!(
                "该事项{}，不能再报送办结报告。",
                status.label()
            )))
        }
        Status::PendingReview => {
            return Err(Error::Conflict(
                "该事项已有待审核的办结报告，请先销号或退回后再报送。".into(),
            ))
        }
        _ => {}
    }
    // Refused here rather than at 销号, where the date could no longer be corrected.
    crate::dates::not_after_today(
        "办结日期",
        c.reported_on,
        actor.today(),
        "请填写实际办结的日期。",
    )?;
    super::not_before_the_document(tx, item_id, document, "办结日期", c.reported_on)?;
    tx.prepare_cached(
        "INSERT INTO completion_reports(item_id, reported_on, text, reporter, party_id, import_id,
             import_sheet, import_row, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        item_id,
        ymd(c.reported_on),
        c.text.trim(),
        c.reporter.trim(),
        c.party_id,
        source.map(|s| s.import_id),
        source.map(|s| s.sheet.as_str()),
        source.map(|s| s.row),
        actor.stamp(),
    ])?;
    let id = tx.last_insert_rowid();
    set_status(tx, item_id, Status::PendingReview, None, "")?;
    Ok(id)
}

/// Adds a progress entry typed in by the office.
pub fn add_progress(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    p: &NewProgress,
) -> Result<i64> {
    add_progress_with_evidence(store, actor, item_no, p, &[])
}

/// Adds a progress entry with evidence files (佐证材料) copied into the data
/// folder and attached to the entry.
pub fn add_progress_with_evidence(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    p: &NewProgress,
    evidence: &[std::path::PathBuf],
) -> Result<i64> {
    key(store, item_no)?; // an unknown item gets no files copied
    let stored = attachments::store_files(&store.attachments_dir(), evidence)?;
    store.write(|tx| add_progress_in(tx, actor, item_no, p, &stored))
}

/// [`add_progress_with_evidence`] inside the caller's transaction, with the
/// evidence files already stored.
pub fn add_progress_in(
    tx: &Transaction,
    actor: &Actor,
    item_no: &str,
    p: &NewProgress,
    stored: &[attachments::StoredFile],
) -> Result<i64> {
    let k = key_in(tx, item_no)?;
    let id = insert_progress_in(tx, actor, k.id, p, None)?;
    attachments::insert_in(tx, actor, "progress", id, stored)?;
    audit::append_in(
        tx,
        actor,
        "item",
        &k.item_no,
        "录入进展",
        None,
        Some(&json!(p)),
    )?;
    Ok(id)
}

/// Records a department's completion report (with evidence files copied into
/// the data folder).
pub fn report_completion(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    c: &NewCompletion,
) -> Result<i64> {
    key(store, item_no)?; // an unknown item gets no files copied
    let stored = attachments::store_files(&store.attachments_dir(), &c.evidence)?;
    store.write(|tx| report_completion_in(tx, actor, item_no, c, &stored))
}

/// [`report_completion`] inside the caller's transaction, with the evidence
/// files already stored.
pub fn report_completion_in(
    tx: &Transaction,
    actor: &Actor,
    item_no: &str,
    c: &NewCompletion,
    stored: &[attachments::StoredFile],
) -> Result<i64> {
    let k = key_in(tx, item_no)?;
    let id = insert_completion_report_in(tx, actor, k.id, c, None)?;
    attachments::insert_in(tx, actor, "completion_report", id, stored)?;
    audit::append_in(
        tx,
        actor,
        "item",
        &k.item_no,
        "报送办结报告",
        None,
        Some(&json!(c)),
    )?;
    Ok(id)
}

/// The item's pending completion report (not voided), refused unless the
/// item stands at 待销号: a report voided, or an item withdrawn or voided
/// with its import, has nothing left to accept or send back.
fn pending_report(tx: &Transaction, k: &ItemKey, act: &str) -> Result<(i64, NaiveDate)> {
    super::edit::ensure_live(tx, k.id)?;
    let status = status_of(tx, k.id)?;
    if status != Status::PendingReview {
        return Err(Error::Conflict(format!(
            "事项{}当前为“{}”，不是待销号，不能{act}。",
            k.item_no,
            status.label()
        )));
    }
    let row: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, reported_on FROM completion_reports
              WHERE item_id = ?1 AND status = 'pending' AND voided_at IS NULL
             ORDER BY id DESC LIMIT 1",
            [k.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, d) = row.ok_or_else(|| Error::Conflict("该事项没有待审核的办结报告。".into()))?;
    Ok((id, crate::dates::parse_ymd(&d).unwrap_or_default()))
}

/// 销号: the office accepts the pending completion report; the item is done on
/// the report's date (or `done_on` when the office corrects it).
pub fn accept_completion(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    done_on: Option<NaiveDate>,
    note: &str,
) -> Result<()> {
    store.write(|tx| accept_completion_in(tx, actor, item_no, done_on, note))
}

/// [`accept_completion`] inside the caller's transaction.
pub fn accept_completion_in(
    tx: &Transaction,
    actor: &Actor,
    item_no: &str,
    done_on: Option<NaiveDate>,
    note: &str,
) -> Result<()> {
    let k = key_in(tx, item_no)?;
    let (report, reported_on) = pending_report(tx, &k, "销号")?;
    let done = done_on.unwrap_or(reported_on);
    crate::dates::not_after_today("办结日期", done, actor.today(), "请核对。")?;
    tx.execute(
        "UPDATE completion_reports SET status = 'accepted', decided_on = ?2, decision_note = ?3 WHERE id = ?1",
        params![report, ymd(actor.today()), note.trim()],
    )?;
    set_status(tx, k.id, Status::Done, Some(done), "")?;
    audit::append_in(
        tx,
        actor,
        "item",
        &k.item_no,
        "销号",
        Some(&json!({"status": Status::PendingReview.label()})),
        Some(&json!({"status": Status::Done.label(), "done_on": ymd(done), "note": note})),
    )
}

/// 退回: the office sends the completion report back with a reason.
pub fn return_completion(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    reason: &str,
) -> Result<()> {
    let reason = required_reason(reason, "退回")?;
    let k = key(store, item_no)?;
    store.write(|tx| {
        let (report, _) = pending_report(tx, &k, "退回")?;
        tx.execute(
            "UPDATE completion_reports SET status = 'returned', decided_on = ?2, decision_note = ?3 WHERE id = ?1",
            params![report, ymd(actor.today()), reason],
        )?;
        set_status(tx, k.id, Status::InProgress, None, &reason)?;
        audit::append_in(
            tx,
            actor,
            "item",
            &k.item_no,
            "退回办结报告",
            Some(&json!({"status": Status::PendingReview.label()})),
            Some(&json!({"status": Status::InProgress.label(), "reason": reason})),
        )
    })
}

fn required_reason(reason: &str, what: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::Invalid(format!("{what}必须填写理由。")));
    }
    Ok(r.to_string())
}

/// 撤销: withdraws an open item with a reason; it leaves every figure.
pub fn withdraw(store: &mut Store, actor: &Actor, item_no: &str, reason: &str) -> Result<()> {
    move_with_reason(
        store,
        actor,
        item_no,
        reason,
        "撤销",
        Status::Withdrawn,
        "不能撤销",
    )
}

/// 重新打开: a done or withdrawn item goes back to 推进中 with a reason.
pub fn reopen(store: &mut Store, actor: &Actor, item_no: &str, reason: &str) -> Result<()> {
    move_with_reason(
        store,
        actor,
        item_no,
        reason,
        "重新打开",
        Status::InProgress,
        "无需重新打开",
    )
}

/// Moves an item between open and closed (撤销 closes, 重新打开 opens) with
/// a required reason: refused with `该事项{status}，{refusal}。` when the item is
/// already on the side `to` is on; audited as `action`.
fn move_with_reason(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    reason: &str,
    action: &str,
    to: Status,
    refusal: &str,
) -> Result<()> {
    let reason = required_reason(reason, action)?;
    store.write(|tx| {
        // Read inside the write: the command line may have closed or opened
        // the item since the window showed it (a 撤销 must not undo a 销号).
        let k = key_in(tx, item_no)?;
        crate::items::edit::ensure_live(tx, k.id)?;
        if k.status.is_open() == to.is_open() {
            return Err(Error::Conflict(format!(
                "该事项{}，{refusal}。",
                k.status.label()
            )));
        }
        if to.is_open() {
            // A voided document has no standing item (documents::void_document).
            if let Some(doc) = k.document_id {
                crate::store::void::refuse_voided_document(tx, doc, "重新打开由它分解的事项")?;
            }
            // Its 收文日期 may have been corrected while it was withdrawn.
            if let Some(d) = k.deadline {
                super::not_before_its_document(tx, k.id, "完成时限", d)?;
            }
        }
        // A report waiting for 销号 gets no decision once the item is
        // withdrawn: it is sent back with the reason, so that a reopened
        // item does not find it still waiting.
        let returned = tx.execute(
            "UPDATE completion_reports SET status = 'returned', decided_on = ?2, decision_note = ?3
              WHERE item_id = ?1 AND status = 'pending' AND voided_at IS NULL",
            params![k.id, ymd(actor.today()), format!("事项{action}：{reason}")],
        )?;
        set_status(tx, k.id, to, None, &reason)?;
        let mut after = json!({"status": to.label(), "reason": reason});
        if returned > 0 {
            after["办结报告"] = json!("已退回");
        }
        audit::append_in(
            tx,
            actor,
            "item",
            &k.item_no,
            action,
            Some(&json!({"status": k.status.label()})),
            Some(&after),
        )
    })
}

/// Adds a milestone (时间表/路线图) to an item.
pub fn add_milestone(
    store: &mut Store,
    actor: &Actor,
    item_no: &str,
    m: &NewMilestone,
) -> Result<i64> {
    if m.title.trim().is_empty() {
        return Err(Error::Invalid("节点内容不能为空。".into()));
    }
    let k = key(store, item_no)?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO milestones(item_id, due, title) VALUES (?1, ?2, ?3)",
            params![k.id, ymd(m.due), m.title.trim()],
        )?;
        let id = tx.last_insert_rowid();
        audit::append_in(
            tx,
            actor,
            "item",
            &k.item_no,
            "新增节点",
            None,
            Some(&json!(m)),
        )?;
        Ok(id)
    })
}

/// Marks a milestone done on a date.
pub fn complete_milestone(
    store: &mut Store,
    actor: &Actor,
    milestone_id: i64,
    done_on: NaiveDate,
) -> Result<()> {
    store.write(|tx| {
        let (item_no, title, voided): (String, String, Option<String>) = tx
            .query_row(
                "SELECT i.item_no, m.title, m.voided_at FROM milestones m JOIN items i ON i.id = m.item_id WHERE m.id = ?1",
                [milestone_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("找不到该节点。".into()))?;
        if let Some(at) = voided {
            return Err(Error::Conflict(format!("节点“{title}”已于 {at} 作废，不能再标为完成。")));
        }
        tx.execute(
            "UPDATE milestones SET done_on = ?2 WHERE id = ?1",
            params![milestone_id, ymd(done_on)],
        )?;
        audit::append_in(
            tx,
            actor,
            "item",
            &item_no,
            "完成节点",
            None,
            Some(&json!({"title": title, "done_on": ymd(done_on)})),
        )
    })
}
