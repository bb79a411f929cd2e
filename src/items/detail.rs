//! One item in full: its row, milestones, progress (with the file and row it
//! was imported from), completion reports, extensions, chases and timeline.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::dates::parse_ymd;
use crate::error::{Error, Result};
use crate::items::ledger::{select_rows, ROW_SELECT};
use crate::items::{yellow_days, ItemRow, Status};
use crate::store::audit::{self, AuditEntry};
use crate::store::void::{mark_at, VoidMark};

/// The identity and state of an item, for use cases.
#[derive(Debug, Clone, Serialize)]
pub struct ItemKey {
    /// Row id in `items`.
    pub id: i64,
    /// 事项编号, e.g. `DB2026-0001` (or the number as imported); unique.
    pub item_no: String,
    /// 事项名称: the item's name.
    pub name: String,
    /// 牵头部门: `parties.id` of the one department that leads the item.
    pub lead_party_id: i64,
    /// 配合部门: `parties.id`s of the departments that cooperate (`item_cooperators`).
    pub cooperators: Vec<i64>,
    /// 办理状态: where the item stands.
    pub status: Status,
    /// 长期: a standing item that reports by cycle and may have no deadline.
    pub standing: bool,
    /// 完成时限 as first set, kept forever; None only for a standing item.
    pub deadline: Option<NaiveDate>,
    /// The deadline in force after approved extensions (延期); None only for a standing item.
    pub effective_deadline: Option<NaiveDate>,
    /// Row id in `documents` of the 收文 the item was split from, if any.
    pub document_id: Option<i64>,
}

/// Looks an item up by its 事项编号.
pub fn item_by_no(conn: &Connection, item_no: &str) -> Result<Option<ItemKey>> {
    let Some(mut key) = item_head_by_no(conn, item_no)? else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached("SELECT party_id FROM item_cooperators WHERE item_id = ?1")?;
    key.cooperators = st
        .query_map([key.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(key))
}

/// [`item_by_no`] without the 配合部门 (`cooperators` left empty), for a
/// lookup per imported row that only asks whether the reporting party takes
/// part ([`takes_part`]): most rows come from the lead, and the cooperators'
/// pages are then not read at all.
pub fn item_head_by_no(conn: &Connection, item_no: &str) -> Result<Option<ItemKey>> {
    let no = crate::org::normalize_name(item_no);
    let found = conn
        .prepare_cached(
            "SELECT id, item_no, name, lead_party_id, status, standing, deadline, effective_deadline,
                    document_id
             FROM items WHERE item_no = ?1",
        )?
        .query_row([&no], |r| {
            Ok(ItemKey {
                id: r.get(0)?,
                item_no: r.get(1)?,
                name: r.get(2)?,
                lead_party_id: r.get(3)?,
                cooperators: Vec::new(),
                status: r.get(4)?,
                standing: r.get::<_, i64>(5)? != 0,
                deadline: r.get::<_, Option<String>>(6)?.as_deref().and_then(parse_ymd),
                effective_deadline: r.get::<_, Option<String>>(7)?.as_deref().and_then(parse_ymd),
                document_id: r.get(8)?,
            })
        })
        .optional()?;
    Ok(found)
}

/// Whether `party_id` leads the item or is one of its 配合部门.
pub fn takes_part(conn: &Connection, item: &ItemKey, party_id: i64) -> Result<bool> {
    if item.lead_party_id == party_id || item.cooperators.contains(&party_id) {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached("SELECT 1 FROM item_cooperators WHERE item_id = ?1 AND party_id = ?2")?
        .exists(params![item.id, party_id])?)
}

/// Where an imported row came from, as the clerk sees it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SourceRef {
    /// Name of the imported file, as the clerk chose it (`imports.file_name`).
    pub file_name: String,
    /// Sheet name inside that file.
    pub sheet: String,
    /// Row number in that sheet, 1-based as the spreadsheet shows it.
    pub row: i64,
    /// When the file was imported: local moment `YYYY-MM-DD HH:MM:SS`.
    pub imported_at: String,
}

/// A milestone.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Milestone {
    /// Row id in `milestones`.
    pub id: i64,
    /// The date this step of the 时间表/路线图 is due.
    pub due: NaiveDate,
    /// What is to be done by then.
    pub title: String,
    /// When the step was done; None while open.
    pub done_on: Option<NaiveDate>,
    /// Set when the record was voided (作废): show it struck through, marked 已作废.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// A progress entry.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProgressEntry {
    /// Row id in `progress`.
    pub id: i64,
    /// The date the progress is reported for (报送日期).
    pub reported_on: NaiveDate,
    /// 办理进展: what was done.
    pub text: String,
    /// 填报人: who reported it; empty when not given.
    pub reporter: String,
    /// The reporting department's name; None when not known.
    pub party: Option<String>,
    /// 存在问题: problems met; empty when none.
    pub problems: String,
    /// 下步措施: next steps; empty when none.
    pub next_steps: String,
    /// The sheet row it was imported from; None when entered by hand.
    pub source: Option<SourceRef>,
    /// Supporting files (佐证材料) attached to the entry.
    pub evidence: Vec<crate::attachments::Attachment>,
    /// Set when the record was voided (作废): show it struck through, marked 已作废.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// A completion report and its review.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CompletionReport {
    /// Row id in `completion_reports`.
    pub id: i64,
    /// The completion date the department states (办结日期).
    pub reported_on: NaiveDate,
    /// 办结情况: the department's account of the completion.
    pub text: String,
    /// 填报人: who reported it; empty when not given.
    pub reporter: String,
    /// The reporting department's name; None when not known.
    pub party: Option<String>,
    /// pending | accepted | returned
    pub status: String,
    /// When the office accepted (销号) or returned it; None while pending.
    pub decided_on: Option<NaiveDate>,
    /// The office's note on its decision; empty when none.
    pub decision_note: String,
    /// The sheet row it was imported from; None when entered by hand.
    pub source: Option<SourceRef>,
    /// Supporting files (佐证材料) attached to the report.
    pub evidence: Vec<crate::attachments::Attachment>,
    /// Set when the record was voided (作废): show it struck through, marked 已作废.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// An extension request as the item shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExtensionEntry {
    /// Row id in `extensions`.
    pub id: i64,
    /// The date the department asked for the extension.
    pub requested_on: NaiveDate,
    /// The deadline in force when it asked.
    pub old_deadline: NaiveDate,
    /// The deadline it asks for.
    pub new_deadline: NaiveDate,
    /// 延期理由: why it needs more time.
    pub reason: String,
    /// The progress made so far, as stated in the request.
    pub progress_so_far: String,
    /// pending | approved | rejected
    pub status: String,
    /// When the office approved or rejected it; None while pending.
    pub decided_on: Option<NaiveDate>,
    /// The office's note on its decision; empty when none.
    pub decision_note: String,
    /// The day the item became 长期, after which this approval no longer
    /// applies (show it marked 已不适用（事项改为长期）); None otherwise.
    pub superseded_on: Option<NaiveDate>,
    /// Set when the record was voided (作废): show it struck through, marked 已作废.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// An item in full.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ItemDetail {
    /// The item as the ledger (台账) row shows it.
    pub row: ItemRow,
    /// The meeting the item was decided at, for an item with no document; empty otherwise.
    pub meeting: String,
    /// The reason of the last withdraw / reopen / send-back; empty when none.
    pub status_reason: String,
    /// The ledger sheet row the item was imported from; None when entered by hand.
    pub source: Option<SourceRef>,
    /// 时间表/路线图, by due date.
    pub milestones: Vec<Milestone>,
    /// 办理进展 entries, as reported.
    pub progress: Vec<ProgressEntry>,
    /// 办结报告 and the office's review of each.
    pub completion_reports: Vec<CompletionReport>,
    /// 延期申请 and their decisions.
    pub extensions: Vec<ExtensionEntry>,
    /// The audit log entries about this item (its history).
    pub timeline: Vec<AuditEntry>,
    /// Set when the item itself was voided (an import it came from was voided).
    pub voided: Option<crate::store::void::VoidMark>,
}

fn source_of(
    conn: &Connection,
    import_id: Option<i64>,
    sheet: Option<String>,
    row: Option<i64>,
) -> Result<Option<SourceRef>> {
    let Some(id) = import_id else { return Ok(None) };
    let found = conn
        .prepare_cached("SELECT file_name, imported_at FROM imports WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    Ok(found.map(|(file_name, imported_at)| SourceRef {
        file_name,
        sheet: sheet.unwrap_or_default(),
        row: row.unwrap_or(0),
        imported_at,
    }))
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(parse_ymd)
}

/// The item with this 事项编号, in full, with its light on `today`.
pub fn get_item(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    item_no: &str,
) -> Result<ItemDetail> {
    let no = crate::org::normalize_name(item_no);
    let n = yellow_days(conn)?;
    let row = select_rows(
        conn,
        &format!("{ROW_SELECT} WHERE i.item_no = ?1"),
        &[Value::Text(no.clone())],
        cal,
        today,
        n,
    )?
    .pop()
    .ok_or_else(|| Error::NotFound(format!("找不到事项编号为“{no}”的督办事项。")))?;
    let id = row.id;
    let (meeting, status_reason, source, voided) = origin_of(conn, id)?;
    Ok(ItemDetail {
        voided,
        meeting,
        status_reason,
        source,
        milestones: milestones_of(conn, id)?,
        progress: progress_of(conn, id)?,
        completion_reports: completion_reports_of(conn, id)?,
        extensions: extensions_of(conn, id)?,
        timeline: audit::entries_for(conn, "item", &row.item_no)?,
        row,
    })
}

/// The item's 会议/来源 text, why its status stands, and the file it was
/// imported from.
#[allow(clippy::type_complexity)]
fn origin_of(
    conn: &Connection,
    id: i64,
) -> Result<(String, String, Option<SourceRef>, Option<VoidMark>)> {
    let (meeting, status_reason, import_id, sheet, srow, voided): (String, String, Option<i64>, Option<String>, Option<i64>, Option<VoidMark>) =
        conn.query_row(
            "SELECT meeting, status_reason, import_id, import_sheet, import_row, voided_at, voided_by, void_reason
             FROM items WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, mark_at(r, 5)?)),
        )?;
    Ok((
        meeting,
        status_reason,
        source_of(conn, import_id, sheet, srow)?,
        voided,
    ))
}

/// The milestones (时间表), by due date.
fn milestones_of(conn: &Connection, id: i64) -> Result<Vec<Milestone>> {
    Ok(conn
        .prepare(
            "SELECT id, due, title, done_on, voided_at, voided_by, void_reason FROM milestones
             WHERE item_id = ?1 ORDER BY due, id",
        )?
        .query_map([id], |r| {
            Ok(Milestone {
                id: r.get(0)?,
                due: date(r.get(1)?).unwrap_or_default(),
                title: r.get(2)?,
                done_on: date(r.get(3)?),
                voided: mark_at(r, 4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The progress entries, newest first, each with the file it came from.
fn progress_of(conn: &Connection, id: i64) -> Result<Vec<ProgressEntry>> {
    let mut progress = Vec::new();
    let mut st = conn.prepare(
        "SELECT g.id, g.reported_on, g.text, g.reporter, p.name, g.problems, g.next_steps,
                g.import_id, g.import_sheet, g.import_row, g.voided_at, g.voided_by, g.void_reason
         FROM progress g LEFT JOIN parties p ON p.id = g.party_id
         WHERE g.item_id = ?1 ORDER BY g.reported_on DESC, g.id DESC",
    )?;
    let raw = st
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<i64>>(9)?,
                mark_at(r, 10)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (pid, on, text, reporter, party, problems, next_steps, imp, sh, rw, voided) in raw {
        progress.push(ProgressEntry {
            id: pid,
            reported_on: date(on).unwrap_or_default(),
            text,
            reporter,
            party,
            problems,
            next_steps,
            source: source_of(conn, imp, sh, rw)?,
            evidence: crate::attachments::list(conn, "progress", pid)?,
            voided,
        });
    }
    Ok(progress)
}

/// The completion reports (办结报告), newest first, with their evidence.
fn completion_reports_of(conn: &Connection, id: i64) -> Result<Vec<CompletionReport>> {
    let mut completion_reports = Vec::new();
    let mut st = conn.prepare(
        "SELECT c.id, c.reported_on, c.text, c.reporter, p.name, c.status, c.decided_on, c.decision_note,
                c.import_id, c.import_sheet, c.import_row, c.voided_at, c.voided_by, c.void_reason
         FROM completion_reports c LEFT JOIN parties p ON p.id = c.party_id
         WHERE c.item_id = ?1 ORDER BY c.id DESC",
    )?;
    let raw = st
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<i64>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<i64>>(10)?,
                mark_at(r, 11)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (cid, on, text, reporter, party, status, decided, note, imp, sh, rw, voided) in raw {
        completion_reports.push(CompletionReport {
            id: cid,
            reported_on: date(on).unwrap_or_default(),
            text,
            reporter,
            party,
            status,
            decided_on: date(decided),
            decision_note: note,
            source: source_of(conn, imp, sh, rw)?,
            evidence: crate::attachments::list(conn, "completion_report", cid)?,
            voided,
        });
    }
    Ok(completion_reports)
}

/// The extension requests (延期申请), oldest first.
fn extensions_of(conn: &Connection, id: i64) -> Result<Vec<ExtensionEntry>> {
    Ok(conn
        .prepare(
            "SELECT id, requested_on, old_deadline, new_deadline, reason, progress_so_far, status, decided_on,
                    decision_note, voided_at, voided_by, void_reason, superseded_on
               FROM extensions WHERE item_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(ExtensionEntry {
                id: r.get(0)?,
                requested_on: date(r.get(1)?).unwrap_or_default(),
                old_deadline: date(r.get(2)?).unwrap_or_default(),
                new_deadline: date(r.get(3)?).unwrap_or_default(),
                reason: r.get(4)?,
                progress_so_far: r.get(5)?,
                status: r.get(6)?,
                decided_on: date(r.get(7)?),
                decision_note: r.get(8)?,
                superseded_on: date(r.get(12)?),
                voided: mark_at(r, 9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
