//! 回头看 / 再督查 (EXCHANGE §7): a follow-up planned for a closed item or
//! a whole inspection (every item closed); its result is 整改到位, 整改不到位
//! (the item reopens with a new deadline) or 问题反弹 (a new problem linked to
//! the old one). Planned follow-ups not done are `followup_due` reminders.
//!
//! Recording a result writes the follow-up's audit entry; the item it
//! reopens, or the problem it adds, gets its own entry in the same
//! transaction, so that the item's timeline shows it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::findings::{record_in, NewFinding};
use super::inspection::find;
use super::rectify::{head, not_before_results, reopen_in};
use super::{FollowupKind, FollowupResult, Source};
use crate::dates::{opt_date_col, ymd};
use crate::error::{invalid, Error, Result};
use crate::store::{audit, Actor, Store};

/// A follow-up to plan.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewFollowup {
    /// 回头看 or 再督查.
    pub kind: FollowupKind,
    /// The closed item (整改编号); exactly one of this and `inspection`.
    pub rect_no: Option<String>,
    /// The inspection (id or 督查编号) whose items are all closed.
    pub inspection: Option<String>,
    /// The planned date (not before the item was closed).
    pub planned_on: NaiveDate,
    /// 备注.
    pub note: String,
}

/// A follow-up as listed.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Followup {
    /// Row id.
    pub id: i64,
    /// 回头看 / 再督查.
    pub kind: FollowupKind,
    /// 整改编号, for an item's follow-up.
    pub rect_no: Option<String>,
    /// 督查编号, for an inspection's.
    pub inspection: Option<String>,
    /// The unit (an item's); empty for an inspection's.
    pub party: String,
    /// The planned date.
    pub planned_on: NaiveDate,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
    /// Its result once done.
    pub result: Option<FollowupResult>,
    /// 备注.
    pub note: String,
    /// The 整改编号 of the new item a 问题反弹 made.
    pub new_rect_no: Option<String>,
}

/// Plans a follow-up, one audit entry. Refused, nothing written: neither or
/// both of item and inspection; an item not closed, or an inspection with an
/// open item or none; a date before the item (or the inspection's last item)
/// was closed.
pub fn plan(store: &mut Store, actor: &Actor, new: &NewFollowup) -> Result<Followup> {
    let id = store.write(|tx| plan_in(tx, actor, new))?;
    get(store.conn(), id)
}

/// What a follow-up looks back on: one 整改事项 or one inspection, all of
/// whose items are closed.
struct Target {
    /// Row id in `rectifications`, for an item's follow-up.
    rectification_id: Option<i64>,
    /// Row id in `inspections`, for an inspection's follow-up.
    inspection_id: Option<i64>,
    /// The item's close, or the last close among the inspection's items
    /// (None for an inspection with no dated close).
    closed_on: Option<NaiveDate>,
    /// 整改编号 or the inspection's number, for messages.
    label: String,
}

/// The [`Target`] named by `rect_no` or `inspection`; None when neither or
/// both are given. Refused (`what`: what cannot be done) while the item, or
/// any item of the inspection, is open: planned for a closed item, a
/// follow-up's result is recorded only while it still is.
fn closed_target(
    tx: &Transaction,
    rect_no: Option<String>,
    inspection: Option<String>,
    what: &str,
) -> Result<Option<Target>> {
    Ok(Some(match (rect_no, inspection) {
        (Some(no), None) => {
            let h = head(tx, &no)?;
            let Some(closed) = h.closed_on else {
                return Err(invalid(format!(
                    "整改事项 {} 尚未销号，不能{what}。",
                    h.rect_no
                )));
            };
            Target {
                rectification_id: Some(h.id),
                inspection_id: None,
                closed_on: Some(closed),
                label: h.rect_no,
            }
        }
        (None, Some(k)) => {
            let id = find(tx, &k)?;
            let (total, open, last, number): (i64, i64, Option<NaiveDate>, String) = tx.query_row(
                "SELECT count(r.id), coalesce(sum(r.status = 'open'), 0), max(r.closed_on), i.number
                 FROM inspections i LEFT JOIN findings f ON f.inspection_id = i.id
                 LEFT JOIN rectifications r ON r.finding_id = f.id WHERE i.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            if total == 0 || open > 0 {
                return Err(invalid(format!(
                    "{number} 还有 {open} 项整改事项未销号（共 {total} 项），整改全部销号后才能{what}。"
                )));
            }
            Target {
                rectification_id: None,
                inspection_id: Some(id),
                closed_on: last,
                label: number,
            }
        }
        _ => return Ok(None),
    }))
}

/// [`plan`] inside the caller's transaction; returns the id.
pub fn plan_in(tx: &Transaction, actor: &Actor, new: &NewFollowup) -> Result<i64> {
    let key = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let what = format!("安排{}", new.kind.label());
    let target = closed_target(tx, key(&new.rect_no), key(&new.inspection), &what)?
        .ok_or_else(|| invalid("请指定一个已销号的整改事项，或一次督查（二者选一）。"))?;
    let label = target.label;
    let closed_on = target.closed_on.unwrap_or(new.planned_on);
    if new.planned_on < closed_on {
        return Err(invalid(format!(
            "{}日期 {} 早于 {} 的销号日期 {}，请安排在销号之后。",
            new.kind.label(),
            ymd(new.planned_on),
            label,
            ymd(closed_on)
        )));
    }
    tx.execute(
        "INSERT INTO followups(rectification_id, inspection_id, kind, planned_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            target.rectification_id,
            target.inspection_id,
            new.kind.label(),
            ymd(new.planned_on),
            new.note.trim(),
            actor.stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append_in(
        tx,
        actor,
        "followup",
        &id.to_string(),
        "followup_plan",
        None,
        Some(
            &serde_json::json!({"kind": new.kind.label(), "of": label, "planned_on": ymd(new.planned_on), "note": new.note.trim()}),
        ),
    )?;
    Ok(id)
}

/// The result of a follow-up to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct FollowupOutcome {
    /// The follow-up (row id).
    pub followup_id: i64,
    /// The day it was done (not after today, not before the item was closed).
    pub done_on: NaiveDate,
    /// 整改到位 / 整改不到位 / 问题反弹.
    pub result: FollowupResult,
    /// 备注; for 问题反弹, the new problem's description (default: the old one).
    pub note: String,
    /// For an inspection's follow-up whose result is not 整改到位: which item.
    pub rect_no: Option<String>,
    /// 整改不到位: the reopened item's new deadline; 问题反弹: the new item's.
    pub new_deadline: Option<NaiveDate>,
}

/// Records a follow-up's result; 整改不到位 reopens the item with the new
/// deadline, 问题反弹 records a new problem linked to the old item. Returns
/// the 整改编号 of a new item (问题反弹). Refused, nothing written: a
/// follow-up already done, a date after today or before the close, a missing
/// new deadline, an inspection's follow-up without the item concerned.
pub fn record_result(
    store: &mut Store,
    actor: &Actor,
    o: &FollowupOutcome,
) -> Result<Option<String>> {
    store.write(|tx| record_result_in(tx, actor, o))
}

/// [`record_result`] inside the caller's transaction.
pub fn record_result_in(
    tx: &Transaction,
    actor: &Actor,
    o: &FollowupOutcome,
) -> Result<Option<String>> {
    let f = get(tx, o.followup_id)?;
    if let (Some(done), Some(r)) = (f.done_on, f.result) {
        return Err(Error::Conflict(format!(
            "该{}已于 {} 登记结果“{}”，不能重复登记。",
            f.kind.label(),
            ymd(done),
            r.label()
        )));
    }
    crate::dates::not_after_today(
        "复查日期",
        o.done_on,
        actor.today(),
        "请填写实际复查的日期。",
    )?;
    // Planned after the close; the item (or every item of the inspection)
    // must still be closed, and the result not dated before that close.
    let what = format!("登记{}结果（可在再次销号后登记）", f.kind.label());
    let target = closed_target(tx, f.rect_no.clone(), f.inspection.clone(), &what)?;
    if let Some(Target {
        closed_on: Some(closed),
        label,
        ..
    }) = target
    {
        if o.done_on < closed {
            return Err(invalid(format!(
                "复查日期 {} 早于 {} 的销号日期 {}。",
                ymd(o.done_on),
                label,
                ymd(closed)
            )));
        }
    }
    let scope_item = f.rect_no.as_deref().map(|no| head(tx, no)).transpose()?;
    let scope_inspection = match (&scope_item, f.inspection.as_deref()) {
        (None, Some(k)) => Some(find(tx, k)?),
        _ => None,
    };
    not_before_results(tx, scope_item.as_ref(), scope_inspection, o.done_on)?;
    let item = match (
        &f.rect_no,
        o.rect_no
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty()),
    ) {
        (Some(no), _) => Some(head(tx, no)?),
        (None, Some(no)) => {
            let h = head(tx, no)?;
            let insp = f.inspection.as_deref().map(|k| find(tx, k)).transpose()?;
            if h.inspection_id != insp {
                return Err(invalid(format!(
                    "整改事项 {} 不属于{}。",
                    h.rect_no,
                    f.inspection.clone().unwrap_or_default()
                )));
            }
            Some(h)
        }
        (None, None) => None,
    };
    // No date check of its own for the item: `closed_target` checked the
    // follow-up's item, or the inspection's last close, which is not before
    // the close of any item of it.
    let needs_item = || {
        item.clone().ok_or_else(|| {
            invalid(format!(
                "结果为“{}”时，请指明是哪一项整改事项（整改编号）。",
                o.result.label()
            ))
        })
    };
    let needs_deadline = || {
        o.new_deadline.ok_or_else(|| {
            invalid(format!(
                "结果为“{}”时，请填写新的整改时限。",
                o.result.label()
            ))
        })
    };
    let mut new_rect = None;
    let mut new_finding: Option<i64> = None;
    match o.result {
        FollowupResult::Remedied => {}
        FollowupResult::NotRemedied => {
            let h = needs_item()?;
            let deadline = needs_deadline()?;
            let reason = format!("{}整改不到位 {}", f.kind.label(), o.note.trim());
            reopen_in(
                tx,
                actor,
                &h.rect_no,
                reason.trim(),
                Some(deadline),
                o.done_on,
            )?;
        }
        FollowupResult::Rebound => {
            let h = needs_item()?;
            let deadline = needs_deadline()?;
            let (source, source_ref): (String, String) = tx.query_row(
                "SELECT f.source, f.source_ref FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE r.id = ?1",
                [h.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let party: String = tx.query_row(
                "SELECT name FROM parties WHERE id = ?1",
                [h.party_id],
                |r| r.get(0),
            )?;
            let description = match o.note.trim() {
                "" => format!("问题反弹：{}", h.problem),
                t => t.to_string(),
            };
            let source = Source::parse(&source)?;
            let inspection_no: Option<String> = match h.inspection_id {
                Some(i) => Some(tx.query_row(
                    "SELECT number FROM inspections WHERE id = ?1",
                    [i],
                    |r| r.get(0),
                )?),
                None => None,
            };
            let created = record_in(
                tx,
                actor,
                &NewFinding {
                    source,
                    inspection: inspection_no,
                    source_ref: if source_ref.is_empty() {
                        format!("{}#{}", f.kind.label(), f.id)
                    } else {
                        source_ref
                    },
                    party,
                    description,
                    general: false,
                    found_on: o.done_on,
                    deadline,
                },
                Some(h.id),
            )?;
            new_finding = Some(created.finding_id);
            new_rect = Some(created.rect_no);
        }
    }
    tx.execute(
        "UPDATE followups SET done_on = ?2, result = ?3, note = CASE WHEN ?4 = '' THEN note ELSE ?4 END,
                new_finding_id = ?5 WHERE id = ?1",
        params![f.id, ymd(o.done_on), o.result.label(), o.note.trim(), new_finding],
    )?;
    audit::append_in(
        tx,
        actor,
        "followup",
        &f.id.to_string(),
        "followup_result",
        None,
        Some(&serde_json::json!({
            "done_on": ymd(o.done_on),
            "result": o.result.label(),
            "note": o.note.trim(),
            "item": item.map(|h| h.rect_no),
            "new_deadline": o.new_deadline.map(ymd),
            "new_item": new_rect,
        })),
    )?;
    Ok(new_rect)
}

const SELECT: &str = "SELECT u.id, u.kind, r.rect_no, i.number, coalesce(p.name, ''), u.planned_on, u.done_on, u.result, u.note,
            (SELECT rect_no FROM rectifications WHERE finding_id = u.new_finding_id ORDER BY id LIMIT 1)
     FROM followups u LEFT JOIN rectifications r ON r.id = u.rectification_id
     LEFT JOIN parties p ON p.id = r.party_id LEFT JOIN inspections i ON i.id = u.inspection_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Followup, String, Option<String>)> {
    Ok((
        Followup {
            id: r.get(0)?,
            kind: FollowupKind::Review,
            rect_no: r.get(2)?,
            inspection: r.get(3)?,
            party: r.get(4)?,
            planned_on: r.get(5)?,
            done_on: opt_date_col(r, 6)?,
            result: None,
            note: r.get(8)?,
            new_rect_no: r.get(9)?,
        },
        r.get(1)?,
        r.get(7)?,
    ))
}

fn finish((mut f, kind, result): (Followup, String, Option<String>)) -> Result<Followup> {
    f.kind = FollowupKind::parse(&kind)?;
    f.result = result.as_deref().map(FollowupResult::parse).transpose()?;
    Ok(f)
}

/// One follow-up by id.
pub fn get(conn: &Connection, id: i64) -> Result<Followup> {
    let raw = conn
        .query_row(&format!("{SELECT} WHERE u.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到序号为 {id} 的回头看/再督查。")))?;
    finish(raw)
}

/// Every follow-up (or only those not done), by planned date.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Followup>> {
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE ?1 = 0 OR u.done_on IS NULL ORDER BY u.planned_on, u.id"
    ))?;
    let raw = st
        .query_map([open_only], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter().map(finish).collect()
}

/// One line for the terminal.
pub fn line(f: &Followup) -> String {
    let of = f
        .rect_no
        .clone()
        .or(f.inspection.clone())
        .unwrap_or_default();
    let state = match (f.done_on, f.result, &f.new_rect_no) {
        (Some(d), Some(r), Some(no)) => {
            format!("{} 已复查：{}，新整改事项 {no}", ymd(d), r.label())
        }
        (Some(d), Some(r), None) => format!("{} 已复查：{}", ymd(d), r.label()),
        _ => "待复查".into(),
    };
    format!(
        "#{} {} {} {} 计划 {} {}",
        f.id,
        f.kind.label(),
        of,
        f.party,
        ymd(f.planned_on),
        state
    )
}
