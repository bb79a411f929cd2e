//! Reading extension requests.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{Extension, ExtensionStatus};
use crate::dates::{date_col, opt_date_col};
use crate::error::{Error, Result};
use crate::reminders::OPEN_STATUSES_SQL;

const SELECT: &str = "SELECT e.id, e.item_id, i.item_no, i.name, p.name, p.id, e.requested_on, e.old_deadline,
        e.new_deadline, i.deadline, e.reason, e.progress_so_far, e.status, e.decided_on, e.decision_note,
        e.voided_at, e.voided_by, e.void_reason, e.superseded_on
    FROM extensions e JOIN items i ON i.id = e.item_id JOIN parties p ON p.id = i.lead_party_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Extension> {
    let status: String = r.get(12)?;
    Ok(Extension {
        id: r.get(0)?,
        item_id: r.get(1)?,
        item_no: r.get(2)?,
        item_name: r.get(3)?,
        party: r.get(4)?,
        party_id: r.get(5)?,
        requested_on: date_col(r, 6)?,
        old_deadline: date_col(r, 7)?,
        new_deadline: date_col(r, 8)?,
        original_deadline: opt_date_col(r, 9)?,
        reason: r.get(10)?,
        progress_so_far: r.get(11)?,
        status: ExtensionStatus::from_code(&status).unwrap_or(ExtensionStatus::Pending),
        decided_on: opt_date_col(r, 13)?,
        decision_note: r.get(14)?,
        voided: crate::store::void::mark_at(r, 15)?,
        superseded_on: opt_date_col(r, 18)?,
    })
}

/// One request by id.
pub fn get(conn: &Connection, id: i64) -> Result<Extension> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的延期申请。")))
}

/// Which requests to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct ExtensionFilter {
    /// Only this item's requests.
    pub item_no: Option<String>,
    /// Only requests in this state.
    pub status: Option<ExtensionStatus>,
}

/// Requests matching the filter, newest request first.
pub fn list(conn: &Connection, filter: &ExtensionFilter) -> Result<Vec<Extension>> {
    let sql = format!(
        "{SELECT} WHERE (?1 IS NULL OR i.item_no = ?1) AND (?2 IS NULL OR e.status = ?2)
         ORDER BY e.requested_on DESC, e.id DESC"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(
        rusqlite::params![
            filter.item_no.as_deref().map(str::trim),
            filter.status.map(|s| s.code())
        ],
        row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Requests waiting for a decision on items still open, the most urgent
/// (earliest current deadline) first. (A request on an item closed since
/// needs no decision: it is not reminded; it can still be rejected.)
pub fn pending(conn: &Connection) -> Result<Vec<Extension>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE e.status = 'pending' AND e.voided_at IS NULL AND i.status IN {OPEN_STATUSES_SQL}
         ORDER BY e.old_deadline, e.id"
    ))?;
    let rows = st.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One item's requests, oldest first (its extension history).
pub fn for_item(conn: &Connection, item_no: &str) -> Result<Vec<Extension>> {
    let mut st = conn.prepare_cached(&format!("{SELECT} WHERE i.item_no = ?1 ORDER BY e.id"))?;
    let rows = st.query_map([item_no.trim()], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Requests approved with a decision date in month `month` of `year` (the
/// monthly sheet's 延期次数 and 延期事项), by decision date; like the sheet,
/// not those of withdrawn items.
pub fn approved_in_month(conn: &Connection, year: i32, month: u32) -> Result<Vec<Extension>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| crate::error::invalid(format!("月份 {year}-{month:02} 无效。")))?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(|| crate::error::invalid(format!("月份 {year}-{month:02} 无效。")))?;
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE e.status = 'approved' AND e.voided_at IS NULL AND i.status <> 'withdrawn'
           AND e.decided_on >= ?1 AND e.decided_on < ?2
         ORDER BY e.decided_on, e.id"
    ))?;
    let rows = st.query_map([crate::dates::ymd(first), crate::dates::ymd(next)], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
