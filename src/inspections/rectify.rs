//! 整改事项 (PRODUCT #13, EXCHANGE §7): numbering, progress, the unit's
//! report, the three checks of 三不放过 the office ticks, 销号 and reopening.
//! A unit's 已整改 is a completion report and never closes an item.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::inspection::sync_final_stage_in;
use super::{rect_number, Measure, RectKind, UnitStatus, CHECKS};
use crate::attachments::{self, StoredFile};
use crate::dates::ymd;
use crate::error::{invalid, Error, Result};
use crate::items::ImportSource;
use crate::store::{audit, Actor, Store};

/// The attachment owner kind of a rectification item's evidence (整改到位).
pub const EVIDENCE_FILES: &str = "rectification_evidence";

/// What a write needs to know of an item.
#[derive(Debug, Clone)]
pub(crate) struct ItemHead {
    pub id: i64,
    pub rect_no: String,
    pub party_id: i64,
    pub inspection_id: Option<i64>,
    pub problem: String,
    pub deadline: NaiveDate,
    pub cause: String,
    pub cause_checked: bool,
    pub remedied_checked: bool,
    pub acc_measure: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub created_on: NaiveDate,
    /// The day it was last reopened (it is closed again on or after it).
    pub reopened_on: Option<NaiveDate>,
}

/// The item numbered `rect_no` (整改编号); [`Error::NotFound`] otherwise.
pub(crate) fn head(conn: &Connection, rect_no: &str) -> Result<ItemHead> {
    let no = rect_no.trim();
    conn.query_row(
        "SELECT r.id, r.rect_no, r.party_id, f.inspection_id, r.problem, r.deadline, r.cause,
                r.cause_checked, r.remedied_checked, r.acc_measure, r.closed_on, substr(r.created_at, 1, 10), r.reopened_on
         FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE r.rect_no = ?1",
        [no],
        |r| {
            Ok(ItemHead {
                id: r.get(0)?,
                rect_no: r.get(1)?,
                party_id: r.get(2)?,
                inspection_id: r.get(3)?,
                problem: r.get(4)?,
                deadline: r.get(5)?,
                cause: r.get(6)?,
                cause_checked: r.get(7)?,
                remedied_checked: r.get(8)?,
                acc_measure: r.get(9)?,
                closed_on: r.get(10)?,
                created_on: r.get(11)?,
                reopened_on: r.get(12)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到整改编号“{no}”。请核对编号（如 ZG2026-001）后重试。")))
}

impl ItemHead {
    /// Refuses `day` (`what` names it) before the item was registered
    /// (登记日期): nothing is reported, chased or checked on an item before
    /// it exists, as it is not closed before then.
    pub(crate) fn not_before_registered(&self, what: &str, day: NaiveDate) -> Result<()> {
        if day < self.created_on {
            return Err(invalid(format!(
                "{what} {} 早于整改事项 {} 的登记日期 {}。请填写实际的日期。",
                ymd(day),
                self.rect_no,
                ymd(self.created_on)
            )));
        }
        Ok(())
    }
}

/// The day the latest check of 三不放过 was ticked on item `rect_no` (its
/// audit entries are the record of when): a 销号 is not dated before it.
fn last_checked_on(tx: &Transaction, rect_no: &str) -> Result<Option<NaiveDate>> {
    let at: Option<String> = tx.query_row(
        "SELECT max(at) FROM audit_log
          WHERE entity = 'rectification' AND entity_id = ?1 AND action = 'rectification_check'",
        [rect_no],
        |r| r.get(0),
    )?;
    Ok(at
        .as_deref()
        .and_then(|a| crate::dates::parse_ymd(a.get(..10)?)))
}

/// Refuses `on` before the latest follow-up result already recorded: on the
/// item `item` (or on its inspection as a whole) or, with `inspection`, on
/// the inspection or any of its items. A 回头看 that found an item fixed on
/// 1 November is not followed by a finding, or a reopening, dated before it.
pub(crate) fn not_before_results(
    tx: &Transaction,
    item: Option<&ItemHead>,
    inspection: Option<i64>,
    on: NaiveDate,
) -> Result<()> {
    const LATEST: &str = "SELECT done_on, result FROM followups WHERE done_on IS NOT NULL AND ";
    let latest: Option<(NaiveDate, String)> = match (item, inspection) {
        (Some(h), _) => tx
            .query_row(
                &format!("{LATEST} (rectification_id = ?1 OR inspection_id = ?2) ORDER BY done_on DESC LIMIT 1"),
                params![h.id, h.inspection_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?,
        (None, Some(i)) => tx
            .query_row(
                &format!(
                    "{LATEST} (inspection_id = ?1 OR rectification_id IN
                       (SELECT r.id FROM rectifications r JOIN findings f ON f.id = r.finding_id
                         WHERE f.inspection_id = ?1)) ORDER BY done_on DESC LIMIT 1"
                ),
                [i],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?,
        (None, None) => None,
    };
    match latest {
        Some((done, result)) if on < done => Err(invalid(format!(
            "日期 {} 早于已登记的复查结果（{}：{result}）。复查结果和重新打开须按时间先后登记。",
            ymd(on),
            ymd(done)
        ))),
        _ => Ok(()),
    }
}

fn refuse_closed(h: &ItemHead, what: &str) -> Result<()> {
    match h.closed_on {
        Some(on) => Err(Error::Conflict(format!(
            "整改事项 {} 已于 {} 销号，不能{what}。如需继续整改，请先重新打开。",
            h.rect_no,
            ymd(on)
        ))),
        None => Ok(()),
    }
}

/// Creates a 整改事项 for a finding; returns its id and 整改编号.
pub(crate) fn insert_item_in(
    tx: &Transaction,
    actor: &Actor,
    finding_id: i64,
    party_id: i64,
    kind: RectKind,
    problem: &str,
    deadline: NaiveDate,
) -> Result<(i64, String)> {
    let year = actor.today().year();
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM rectifications WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let no = rect_number(year, seq);
    tx.execute(
        "INSERT INTO rectifications(rect_no, year, seq, finding_id, party_id, kind, problem, deadline, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![no, year, seq, finding_id, party_id, kind.label(), problem, ymd(deadline), actor.stamp()],
    )?;
    Ok((tx.last_insert_rowid(), no))
}

/// A progress entry to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewRectProgress {
    /// 整改编号.
    pub rect_no: String,
    /// The day it is reported for (not after today).
    pub reported_on: NaiveDate,
    /// 整改进展.
    pub text: String,
    /// 填报人 (and phone); may be empty.
    pub reporter: String,
}

/// Records progress on an open item, one audit entry. Refused: empty text, a
/// closed item, a future date.
pub fn add_progress(store: &mut Store, actor: &Actor, p: &NewRectProgress) -> Result<()> {
    store.write(|tx| {
        let h = head(tx, &p.rect_no)?;
        refuse_closed(&h, "登记进展")?;
        if p.text.trim().is_empty() {
            return Err(invalid("请填写整改进展。"));
        }
        crate::dates::not_after_today("进展日期", p.reported_on, actor.today(), "请填写实际报告进展的日期。")?;
        h.not_before_registered("进展日期", p.reported_on)?;
        insert_progress_in(tx, actor, h.id, p.reported_on, p.text.trim(), p.reporter.trim(), None)?;
        audit::append_in(
            tx,
            actor,
            "rectification",
            &h.rect_no,
            "rectification_progress",
            None,
            Some(&serde_json::json!({"reported_on": ymd(p.reported_on), "text": p.text.trim(), "reporter": p.reporter.trim()})),
        )
    })
}

/// Inserts a progress entry (no audit entry: the caller writes it).
pub(crate) fn insert_progress_in(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    text: &str,
    reporter: &str,
    source: Option<&ImportSource>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO rectification_progress(rectification_id, reported_on, text, reporter, import_id, sheet, row, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        ymd(on),
        text,
        reporter,
        source.map(|s| s.import_id),
        source.map(|s| s.sheet.clone()),
        source.map(|s| s.row),
        actor.stamp()
    ])?;
    Ok(())
}

/// What a unit reported on one item in its 整改情况反馈表 (EXCHANGE §2.7).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct UnitReport {
    /// The item's row id.
    pub rectification_id: i64,
    /// The day of the report (填报日期, or the import's day).
    pub reported_on: NaiveDate,
    /// 原因分析 (replaces the unit's cause when not empty, until the office ticks 原因查清).
    pub cause: String,
    /// 整改措施.
    pub measures: String,
    /// 整改进展.
    pub progress: String,
    /// 整改状态.
    pub status: Option<UnitStatus>,
    /// 完成日期 (with 已整改).
    pub done_on: Option<NaiveDate>,
    /// 责任追究情况 as the unit wrote it (the office keeps its own record).
    pub accountability: String,
    /// 填报人 (联系电话).
    pub reporter: String,
}

/// Records a unit's report on an open item (the importer's apply step; no
/// audit entry: the loader writes one for the file). 已整改 is a completion
/// report: it sets 已整改 and the date, and closes nothing.
pub(crate) fn apply_unit_report_in(
    tx: &Transaction,
    actor: &Actor,
    r: &UnitReport,
    source: &ImportSource,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE rectifications SET
            cause = CASE WHEN ?2 = '' OR cause_checked THEN cause ELSE ?2 END,
            measures = CASE WHEN ?3 = '' THEN measures ELSE ?3 END,
            unit_status = coalesce(?4, unit_status),
            unit_done_on = CASE WHEN ?4 = '已整改' THEN ?5 ELSE unit_done_on END,
            unit_accountability = CASE WHEN ?6 = '' THEN unit_accountability ELSE ?6 END
         WHERE id = ?1",
    )?
    .execute(params![
        r.rectification_id,
        r.cause,
        r.measures,
        r.status.map(UnitStatus::label),
        r.done_on.or(Some(r.reported_on)).map(ymd),
        r.accountability
    ])?;
    let text = match (r.progress.is_empty(), r.status) {
        (false, _) => r.progress.clone(),
        (true, Some(UnitStatus::Done)) => "报送整改完成（待督查督办办公室核查销号）".to_string(),
        (true, _) => return Ok(()),
    };
    insert_progress_in(
        tx,
        actor,
        r.rectification_id,
        r.reported_on,
        &text,
        &r.reporter,
        Some(source),
    )
}

/// One of the three checks to tick, with its evidence.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub enum Check {
    /// 原因查清: the cause (empty: the one the unit wrote).
    Cause {
        /// 原因分析.
        text: String,
    },
    /// 整改到位: evidence text and/or attached files.
    Remedied {
        /// What shows the problem is fixed.
        evidence: String,
        /// Files attached as evidence.
        #[ts(type = "Array<string>")]
        files: Vec<PathBuf>,
    },
    /// 责任追究: who was held to account and how, or 无需追究 with a reason.
    Accountability {
        /// The measure, or 无需追究.
        measure: Measure,
        /// Who (empty for 无需追究).
        who: String,
        /// Details; the reason for 无需追究.
        note: String,
    },
}

/// Ticks one check of 三不放过 on an open item, with its evidence, one audit
/// entry. Refused: a closed item; no cause written; no evidence; 责任追究
/// without who, or 无需追究 without a reason.
pub fn tick(store: &mut Store, actor: &Actor, rect_no: &str, check: &Check) -> Result<()> {
    let files = match check {
        Check::Remedied { files, .. } => attachments::store_files(&store.attachments_dir(), files)?,
        _ => Vec::new(),
    };
    store.write(|tx| tick_in(tx, actor, rect_no, check, &files))
}

/// [`tick`] inside the caller's transaction (with its audit entry).
pub fn tick_in(
    tx: &Transaction,
    actor: &Actor,
    rect_no: &str,
    check: &Check,
    files: &[StoredFile],
) -> Result<()> {
    let h = head(tx, rect_no)?;
    refuse_closed(&h, "修改三不放过核查")?;
    // Ticked now (or at `--at`): not before the item, nor before it was
    // reopened (the fix is shown again after that).
    h.not_before_registered("核查日期", actor.today())?;
    if let Some(reopened) = h.reopened_on.filter(|r| actor.today() < *r) {
        return Err(invalid(format!(
            "核查日期 {} 早于该事项重新打开的日期 {}。请按实际核查的时间登记。",
            ymd(actor.today()),
            ymd(reopened)
        )));
    }
    let (name, after) = match check {
        Check::Cause { text } => {
            let text = match text.trim() {
                "" => h.cause.trim().to_string(),
                t => t.to_string(),
            };
            if text.is_empty() {
                return Err(invalid(format!(
                    "整改事项 {} 还没有原因分析，请填写原因后再勾选“原因查清”。",
                    h.rect_no
                )));
            }
            tx.execute(
                "UPDATE rectifications SET cause = ?2, cause_checked = 1 WHERE id = ?1",
                params![h.id, text],
            )?;
            (CHECKS[0], serde_json::json!({"cause": text}))
        }
        Check::Remedied { evidence, .. } => {
            if evidence.trim().is_empty() && files.is_empty() {
                return Err(invalid(format!(
                    "请填写整改到位的佐证说明或附上佐证材料后再勾选“整改到位”（{}）。",
                    h.rect_no
                )));
            }
            tx.execute(
                "UPDATE rectifications SET evidence = CASE WHEN ?2 = '' THEN evidence ELSE ?2 END, remedied_checked = 1 WHERE id = ?1",
                params![h.id, evidence.trim()],
            )?;
            attachments::insert_in(tx, actor, EVIDENCE_FILES, h.id, files)?;
            (
                CHECKS[1],
                serde_json::json!({"evidence": evidence.trim(), "files": files.iter().map(|f| &f.file_name).collect::<Vec<_>>()}),
            )
        }
        Check::Accountability { measure, who, note } => {
            if *measure == Measure::NotNeeded {
                if note.trim().is_empty() {
                    return Err(invalid("选择“无需追究”时，请写明理由。"));
                }
            } else if who.trim().is_empty() {
                return Err(invalid(format!(
                    "请写明对谁进行了{}（责任追究对象）。",
                    measure.label()
                )));
            }
            tx.execute(
                "UPDATE rectifications SET acc_measure = ?2, acc_who = ?3, acc_note = ?4 WHERE id = ?1",
                params![h.id, measure.label(), who.trim(), note.trim()],
            )?;
            (
                CHECKS[2],
                serde_json::json!({"measure": measure.label(), "who": who.trim(), "note": note.trim()}),
            )
        }
    };
    audit::append_in(
        tx,
        actor,
        "rectification",
        &h.rect_no,
        "rectification_check",
        None,
        Some(&serde_json::json!({"check": name, "detail": after})),
    )
}

/// The checks of 三不放过 an item still lacks, in order.
pub(crate) fn missing_checks(h: &ItemHead) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !h.cause_checked {
        out.push(CHECKS[0]);
    }
    if !h.remedied_checked {
        out.push(CHECKS[1]);
    }
    if h.acc_measure.is_none() {
        out.push(CHECKS[2]);
    }
    out
}

/// 销号: closes an item on `closed_on`, one audit entry. Refused, naming what
/// is missing: any check of 三不放过 not ticked; also a closed item, a date
/// after today or before the item was created.
pub fn close(store: &mut Store, actor: &Actor, rect_no: &str, closed_on: NaiveDate) -> Result<()> {
    store.write(|tx| close_in(tx, actor, rect_no, closed_on))
}

/// [`close`] inside the caller's transaction (with its audit entry).
pub fn close_in(
    tx: &Transaction,
    actor: &Actor,
    rect_no: &str,
    closed_on: NaiveDate,
) -> Result<()> {
    let h = head(tx, rect_no)?;
    refuse_closed(&h, "重复销号")?;
    let missing = missing_checks(&h);
    if !missing.is_empty() {
        return Err(invalid(format!(
            "整改事项 {} 不能销号：三不放过尚未落实——{}。请先核查并勾选。",
            h.rect_no,
            missing.join("、")
        )));
    }
    if closed_on > actor.today() || closed_on < h.created_on {
        return Err(invalid(format!(
            "销号日期 {} 须在登记日期 {} 与今天之间。",
            ymd(closed_on),
            ymd(h.created_on)
        )));
    }
    if let Some(reopened) = h.reopened_on.filter(|r| closed_on < *r) {
        return Err(invalid(format!(
            "销号日期 {} 早于该事项重新打开的日期 {}：请填写重新整改到位后销号的日期。",
            ymd(closed_on),
            ymd(reopened)
        )));
    }
    if let Some(checked) = last_checked_on(tx, &h.rect_no)?.filter(|c| closed_on < *c) {
        return Err(invalid(format!(
            "销号日期 {} 早于三不放过最后一项核查勾选的日期 {}：销号须在核查落实之后。",
            ymd(closed_on),
            ymd(checked)
        )));
    }
    tx.execute(
        "UPDATE rectifications SET status = 'closed', closed_on = ?2 WHERE id = ?1",
        params![h.id, ymd(closed_on)],
    )?;
    if let Some(i) = h.inspection_id {
        sync_final_stage_in(tx, i)?;
    }
    audit::append_in(
        tx,
        actor,
        "rectification",
        &h.rect_no,
        "rectification_close",
        Some(&serde_json::json!({"status": "open"})),
        Some(&serde_json::json!({"status": "closed", "closed_on": ymd(closed_on)})),
    )
}

/// Reopens a closed item with a reason (and a new deadline, when given), one
/// audit entry. 整改到位 is unticked: the fix is to be shown again.
pub fn reopen(
    store: &mut Store,
    actor: &Actor,
    rect_no: &str,
    reason: &str,
    new_deadline: Option<NaiveDate>,
) -> Result<()> {
    store.write(|tx| reopen_in(tx, actor, rect_no, reason, new_deadline, actor.today()))
}

/// [`reopen`] inside the caller's transaction (with its audit entry),
/// reopened as of `on` (today, or the day a 回头看 found it not fixed): the
/// item is closed again on or after that day.
pub fn reopen_in(
    tx: &Transaction,
    actor: &Actor,
    rect_no: &str,
    reason: &str,
    new_deadline: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<()> {
    let h = head(tx, rect_no)?;
    let Some(closed_on) = h.closed_on else {
        return Err(Error::Conflict(format!(
            "整改事项 {} 尚未销号，无需重新打开。",
            h.rect_no
        )));
    };
    if reason.trim().is_empty() {
        return Err(invalid("请写明重新打开的理由。"));
    }
    if on < closed_on {
        return Err(invalid(format!(
            "重新打开的日期 {} 早于该事项的销号日期 {}。请按实际发现问题的时间登记。",
            ymd(on),
            ymd(closed_on)
        )));
    }
    not_before_results(tx, Some(&h), None, on)?;
    if let Some(d) = new_deadline {
        if d < actor.today() {
            return Err(invalid(format!("新的整改时限 {} 早于今天。", ymd(d))));
        }
    }
    let deadline = new_deadline.unwrap_or(h.deadline);
    tx.execute(
        "UPDATE rectifications SET status = 'open', closed_on = NULL, remedied_checked = 0, deadline = ?2,
                reopened_on = ?3 WHERE id = ?1",
        params![h.id, ymd(deadline), ymd(on)],
    )?;
    if let Some(i) = h.inspection_id {
        sync_final_stage_in(tx, i)?;
    }
    audit::append_in(
        tx,
        actor,
        "rectification",
        &h.rect_no,
        "rectification_reopen",
        Some(
            &serde_json::json!({"status": "closed", "closed_on": ymd(closed_on), "deadline": ymd(h.deadline)}),
        ),
        Some(
            &serde_json::json!({"status": "open", "reason": reason.trim(), "deadline": ymd(deadline), "reopened_on": ymd(on)}),
        ),
    )
}
