//! 传达学习 (PRODUCT #3): a key (重点) document names the departments/units
//! that must report how they relayed and studied it, "第一时间": by default
//! within `relay_days` working days (setting, default 5) of the document's
//! 收文日期. Each report records the date, the form (会议 / 文件 / 其他) and the
//! measures taken. Parties that have not reported when the deadline has passed
//! are `relay_missing` reminders and are listed on the document.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::dates::{date_col, opt_date_col, ymd};
use crate::error::{invalid, Error, Result};
use crate::reminders::{Reminder, ReminderKind, ScanContext};
use crate::store::{audit, Actor, Store};

/// The setting of the default deadline, in working days.
pub const RELAY_DAYS_KEY: &str = "relay_days";

/// How a party relayed the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum RelayForm {
    /// 会议: relayed at a meeting.
    #[serde(rename = "会议")]
    Meeting,
    /// 文件: relayed by a document of its own.
    #[serde(rename = "文件")]
    Document,
    /// 其他: some other way.
    #[serde(rename = "其他")]
    Other,
}

impl RelayForm {
    /// The Chinese word (also the database value).
    pub fn label(self) -> &'static str {
        match self {
            RelayForm::Meeting => "会议",
            RelayForm::Document => "文件",
            RelayForm::Other => "其他",
        }
    }
    /// From the Chinese word.
    pub fn parse(text: &str) -> Result<RelayForm> {
        match text.trim() {
            "会议" => Ok(RelayForm::Meeting),
            "文件" => Ok(RelayForm::Document),
            "其他" => Ok(RelayForm::Other),
            other => Err(invalid(format!(
                "传达形式“{other}”无法识别。请填写：会议、文件或其他。"
            ))),
        }
    }
}

/// Marking a document key and choosing who reports.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct RelayPlan {
    /// 收文编号.
    pub doc_no: String,
    /// Departments/units (names or aliases) to add; those already chosen stay.
    pub parties: Vec<String>,
    /// The deadline; none = keep the document's, or `relay_days` working days
    /// after its 收文日期 when it has none yet.
    pub due: Option<NaiveDate>,
}

/// One party's report to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewRelayReport {
    /// 收文编号 of the key document.
    pub doc_no: String,
    /// The reporting department or unit (name or alias), one of those chosen.
    pub party: String,
    /// The date it reported its 传达学习.
    pub reported_on: NaiveDate,
    /// 传达形式: how it relayed the document.
    pub form: RelayForm,
    /// 采取的措施.
    pub measures: String,
}

/// One party's line on a key document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RelayEntry {
    /// The department or unit that must report (`parties.id`).
    pub party_id: i64,
    /// Its name.
    pub party: String,
    /// The date its report is due: the document's relay deadline (a party that
    /// has reported keeps the one in force then).
    pub due: NaiveDate,
    /// The date it reported; None while it has not.
    pub reported_on: Option<NaiveDate>,
    /// 传达形式; None while it has not reported.
    pub form: Option<RelayForm>,
    /// 采取的措施; empty while it has not reported.
    pub measures: String,
    /// Reported after the deadline.
    pub late: bool,
    /// Not reported and the deadline has passed (as of `today`).
    pub missing: bool,
}

/// Where a key document's 传达学习 stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RelayStatus {
    /// Row id in `documents`.
    pub document_id: i64,
    /// 收文编号.
    pub doc_no: String,
    /// 文件标题.
    pub title: String,
    /// 重点: whether the document is marked for tracked 传达学习.
    pub key_relay: bool,
    /// The relay deadline; None when none has been set.
    pub due: Option<NaiveDate>,
    /// One line per party that must report, departments first, in organisation order.
    pub entries: Vec<RelayEntry>,
    /// Number of parties that have reported (on time or late).
    pub reported: usize,
    /// Names of the parties missing past the deadline.
    pub missing: Vec<String>,
}

/// N of the default deadline (setting `relay_days`, default 5).
pub fn relay_days(conn: &Connection) -> Result<u32> {
    Ok(crate::store::setting(conn, RELAY_DAYS_KEY, "5")?
        .trim()
        .parse()
        .unwrap_or(5))
}

/// The document a plan or report is about: (id, doc_no, title, received_on, relay_due).
fn document(
    conn: &Connection,
    doc_no: &str,
) -> Result<(i64, String, String, NaiveDate, Option<NaiveDate>)> {
    conn.query_row(
        "SELECT id, doc_no, title, received_on, relay_due FROM documents WHERE doc_no = ?1",
        [doc_no.trim()],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                date_col(r, 3)?,
                opt_date_col(r, 4)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "找不到收文编号“{}”。请核对编号后重试。",
            doc_no.trim()
        ))
    })
}

/// Marks a document key and adds the parties that must report. Refused,
/// nothing written: an unknown document or party, no party at all.
pub fn mark_key(
    store: &mut Store,
    actor: &Actor,
    cal: &Calendar,
    plan: &RelayPlan,
) -> Result<RelayStatus> {
    store.write(|tx| mark_key_in(tx, actor, cal, plan))?;
    status(store.conn(), &plan.doc_no, actor.today())
}

/// [`mark_key`] inside the caller's transaction (with its audit entry).
pub fn mark_key_in(
    tx: &Transaction,
    actor: &Actor,
    cal: &Calendar,
    plan: &RelayPlan,
) -> Result<()> {
    let (id, doc_no, _title, received_on, current_due) = document(tx, &plan.doc_no)?;
    crate::store::void::refuse_voided_document(tx, id, "安排传达学习")?;
    // (deadline, how it was set: Some(Some(n)) counted now with n working
    // days, Some(None) chosen by hand, None kept as it was)
    let (due, counted) = match (plan.due, current_due) {
        (Some(d), _) => (d, Some(None)),
        (None, Some(d)) => (d, None),
        (None, None) => {
            let n = relay_days(tx)?;
            (cal.add_workdays(received_on, n), Some(Some(n)))
        }
    };
    if due < received_on {
        return Err(invalid(format!(
            "传达学习报送期限 {} 早于收文日期 {}，请选择收文日期当天或之后的日期。",
            ymd(due),
            ymd(received_on)
        )));
    }
    let index = crate::org::PartyIndex::load(tx)?;
    let mut ids = Vec::new();
    for name in plan
        .parties
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        let p = index.resolve(name).ok_or_else(|| {
            Error::NotFound(format!(
                "组织机构中没有“{name}”。请核对部门/单位名称，或先在组织机构中添加。"
            ))
        })?;
        if !ids.contains(&(p.id, p.name.clone())) {
            ids.push((p.id, p.name.clone()));
        }
    }
    let existing: i64 = tx.query_row(
        "SELECT COUNT(*) FROM relay_reports WHERE document_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if ids.is_empty() && existing == 0 {
        return Err(invalid("请至少选择一个需报送传达学习情况的部门或单位。"));
    }
    tx.execute(
        "UPDATE documents SET key_relay = 1, relay_due = ?2,
                relay_due_days = CASE WHEN ?3 THEN ?4 ELSE relay_due_days END
          WHERE id = ?1",
        params![id, ymd(due), counted.is_some(), counted.flatten()],
    )?;
    move_open_reports_in(tx, id, due)?;
    for (party_id, _) in &ids {
        tx.execute(
            "INSERT OR IGNORE INTO relay_reports(document_id, party_id, due) VALUES (?1, ?2, ?3)",
            params![id, party_id, ymd(due)],
        )?;
    }
    audit::append_in(
        tx,
        actor,
        "document",
        &doc_no,
        "relay_plan",
        Some(&serde_json::json!({ "relay_due": current_due.map(ymd) })),
        Some(&serde_json::json!({
            "key_relay": true,
            "relay_due": ymd(due),
            "parties": ids.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        })),
    )?;
    Ok(())
}

/// Moves the deadline of a document's parties not yet reported to `due`
/// (those reported keep the one they were judged by).
fn move_open_reports_in(tx: &Transaction, document_id: i64, due: NaiveDate) -> Result<()> {
    tx.execute(
        "UPDATE relay_reports SET due = ?2 WHERE document_id = ?1 AND reported_on IS NULL",
        params![document_id, ymd(due)],
    )?;
    Ok(())
}

/// After a change of the calendar (`was`: as it was): a key document's
/// 传达学习 deadline that was the default (counted from its 收文日期 with the
/// working days stored beside it, under `was`) is worked out again, and one
/// that moves is stored, for the parties not yet reported too, with an audit
/// entry. One set by hand stays.
pub fn follow_calendar_in(tx: &Transaction, actor: &Actor, was: &Calendar) -> Result<()> {
    let now = Calendar::load(tx)?;
    let planned: Vec<(i64, String, NaiveDate, NaiveDate, u32)> = {
        let mut st = tx.prepare(
            "SELECT id, doc_no, received_on, relay_due, relay_due_days FROM documents
              WHERE relay_due IS NOT NULL AND relay_due_days IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                date_col(r, 2)?,
                date_col(r, 3)?,
                r.get(4)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, doc_no, received_on, due, days) in planned {
        let Some(moved) = recounted(due, days, (was, received_on), (&now, received_on)) else {
            continue;
        };
        tx.execute(
            "UPDATE documents SET relay_due = ?2 WHERE id = ?1",
            params![id, ymd(moved)],
        )?;
        move_open_reports_in(tx, id, moved)?;
        audit::append_in(
            tx,
            actor,
            "document",
            &doc_no,
            "relay_due",
            Some(&serde_json::json!({ "relay_due": ymd(due) })),
            Some(&serde_json::json!({ "relay_due": ymd(moved), "原因": "节假日安排调整" })),
        )?;
    }
    Ok(())
}

/// A default deadline counted anew: `due` was `days` working days after the
/// first date under the first calendar (else it was set by hand, or counted
/// otherwise, and stays); the deadline the same count gives from the second
/// date under the second calendar, when it differs.
fn recounted(
    due: NaiveDate,
    days: u32,
    (was, from): (&Calendar, NaiveDate),
    (now, to): (&Calendar, NaiveDate),
) -> Option<NaiveDate> {
    let moved = now.add_workdays(to, days);
    (was.add_workdays(from, days) == due && moved != due).then_some(moved)
}

/// A key document's 收文日期 corrected from `from` to `to` (in the caller's
/// write; the document row itself is the caller's): a default 传达学习
/// deadline is counted anew from `to` (the parties not yet reported moved
/// with it) and returned with the one it replaces, for the audit entry; one
/// set by hand stays. Refused: `to` after a party's report, or after a
/// deadline set by hand.
pub(crate) fn receipt_corrected_in(
    tx: &Transaction,
    document_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let (due, days, first_report): (Option<String>, Option<u32>, Option<String>) = tx.query_row(
        "SELECT relay_due, relay_due_days,
                (SELECT min(reported_on) FROM relay_reports WHERE document_id = ?1)
           FROM documents WHERE id = ?1",
        [document_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let Some(due) = due
        .as_deref()
        .and_then(crate::dates::parse_ymd)
        .filter(|_| from != to)
    else {
        return Ok(None);
    };
    if let Some(first) = first_report.filter(|f| f.as_str() < ymd(to).as_str()) {
        return Err(invalid(format!(
            "已有部门/单位于 {first} 报送传达学习情况，收文日期不能更正为其后的 {}。请核对收文日期。",
            ymd(to)
        )));
    }
    let cal = Calendar::load(tx)?;
    if let Some(moved) = days.and_then(|n| recounted(due, n, (&cal, from), (&cal, to))) {
        move_open_reports_in(tx, document_id, moved)?;
        return Ok(Some((due, moved)));
    }
    // Set by hand (a default one counted anew lands after `to`).
    if due < to {
        return Err(invalid(format!(
            "传达学习报送期限 {} 早于更正后的收文日期 {}。请先修改传达学习的报送期限（收文详情“传达学习”，或 duban relay plan 收文编号 --due 日期），再更正收文日期。",
            ymd(due),
            ymd(to)
        )));
    }
    Ok(None)
}

/// Records one party's report. Refused: an unknown document or party, a
/// party not chosen for it, a second report, a date after today.
pub fn record_report(
    store: &mut Store,
    actor: &Actor,
    report: &NewRelayReport,
) -> Result<RelayStatus> {
    store.write(|tx| record_report_in(tx, actor, report))?;
    status(store.conn(), &report.doc_no, actor.today())
}

/// [`record_report`] inside the caller's transaction (with its audit entry).
pub fn record_report_in(tx: &Transaction, actor: &Actor, report: &NewRelayReport) -> Result<()> {
    let (id, doc_no, title, received_on, _due) = document(tx, &report.doc_no)?;
    crate::store::void::refuse_voided_document(tx, id, "登记传达学习情况")?;
    let index = crate::org::PartyIndex::load(tx)?;
    let name = report.party.trim();
    let party = index
        .resolve(name)
        .ok_or_else(|| Error::NotFound(format!("组织机构中没有“{name}”。请核对部门/单位名称。")))?;
    let row: Option<(NaiveDate, Option<NaiveDate>)> = tx
        .query_row(
            "SELECT due, reported_on FROM relay_reports WHERE document_id = ?1 AND party_id = ?2",
            params![id, party.id],
            |r| Ok((date_col(r, 0)?, opt_date_col(r, 1)?)),
        )
        .optional()?;
    let (due, reported) = row.ok_or_else(|| {
        invalid(format!(
            "“{}”不在“{title}”的传达学习报送范围内。如需其报送，请先把它加入报送范围。",
            party.name
        ))
    })?;
    if let Some(on) = reported {
        return Err(Error::Conflict(format!(
            "{}已于 {} 报送了“{title}”的传达学习情况，不能重复登记。",
            party.name,
            ymd(on)
        )));
    }
    crate::dates::not_after_today(
        "报送日期",
        report.reported_on,
        actor.today(),
        "请填写实际报送的日期。",
    )?;
    if report.reported_on < received_on {
        return Err(invalid(format!(
            "报送日期 {} 早于“{title}”的收文日期 {}，请核对报送日期。",
            ymd(report.reported_on),
            ymd(received_on)
        )));
    }
    if report.measures.trim().is_empty() {
        return Err(invalid("请填写传达学习情况及采取的措施。"));
    }
    tx.execute(
        "UPDATE relay_reports SET reported_on = ?3, form = ?4, measures = ?5 WHERE document_id = ?1 AND party_id = ?2",
        params![
            id,
            party.id,
            ymd(report.reported_on),
            report.form.label(),
            report.measures.trim()
        ],
    )?;
    audit::append_in(
        tx,
        actor,
        "document",
        &doc_no,
        "relay_report",
        None,
        Some(&serde_json::json!({
            "party": party.name,
            "reported_on": ymd(report.reported_on),
            "form": report.form.label(),
            "measures": report.measures.trim(),
            "late": report.reported_on > due,
        })),
    )?;
    Ok(())
}

/// A document's 传达学习 as of `today`.
pub fn status(conn: &Connection, doc_no: &str, today: NaiveDate) -> Result<RelayStatus> {
    let (id, doc_no, title, _received, due) = document(conn, doc_no)?;
    let key: bool = conn.query_row("SELECT key_relay FROM documents WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    let mut st = conn.prepare_cached(
        "SELECT r.party_id, p.name, r.due, r.reported_on, r.form, r.measures
         FROM relay_reports r JOIN parties p ON p.id = r.party_id
         WHERE r.document_id = ?1 ORDER BY p.kind, p.sort_order, p.id",
    )?;
    let entries: Vec<RelayEntry> = st
        .query_map([id], |r| {
            let due = date_col(r, 2)?;
            let reported_on = opt_date_col(r, 3)?;
            let form: Option<String> = r.get(4)?;
            Ok(RelayEntry {
                party_id: r.get(0)?,
                party: r.get(1)?,
                due,
                reported_on,
                form: form.and_then(|f| RelayForm::parse(&f).ok()),
                measures: r.get(5)?,
                late: reported_on.is_some_and(|on| on > due),
                missing: reported_on.is_none() && due < today,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(RelayStatus {
        document_id: id,
        doc_no,
        title,
        key_relay: key,
        due,
        reported: entries.iter().filter(|e| e.reported_on.is_some()).count(),
        missing: entries
            .iter()
            .filter(|e| e.missing)
            .map(|e| e.party.clone())
            .collect(),
        entries,
    })
}

/// Every key document's 传达学习 as of `today`, newest document first.
pub fn key_documents(conn: &Connection, today: NaiveDate) -> Result<Vec<RelayStatus>> {
    let nos: Vec<String> = conn
        .prepare(
            "SELECT doc_no FROM documents WHERE key_relay = 1 AND voided_at IS NULL
              ORDER BY received_on DESC, id DESC",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    nos.iter().map(|no| status(conn, no, today)).collect()
}

/// One `relay_missing` reminder per party not reported past its deadline.
pub(crate) fn reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, w) = (ctx.conn, ctx.window);
    let mut st = conn.prepare_cached(
        "SELECT d.id, d.doc_no, d.title, r.due, p.name
         FROM relay_reports r JOIN documents d ON d.id = r.document_id JOIN parties p ON p.id = r.party_id
         WHERE r.reported_on IS NULL AND r.due < ?1 AND d.key_relay = 1 AND d.voided_at IS NULL",
    )?;
    let mut rows = st.query([ymd(w.today)])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let doc_no: String = r.get(1)?;
        let title: String = r.get(2)?;
        let due = date_col(r, 3)?;
        let party: String = r.get(4)?;
        let late = w.days_late(due);
        let message = format!(
            "重点文件“{title}”的传达学习情况应于 {} 前报送，{party}已逾期 {late} 天未报，请催报传达学习情况和采取的措施。",
            ymd(due)
        );
        let mut rem = Reminder::new(ReminderKind::RelayMissing, doc_no, party, due, message);
        rem.title = title;
        rem.days_late = late;
        rem.document_id = Some(id);
        out.push(rem);
    }
    Ok(())
}
