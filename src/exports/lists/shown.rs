//! What a page shows of a list before it is exported, read with the same
//! filter and the same query as the export, so that the page and the file
//! agree: the 延期申请 and a page of the audit log.

use rusqlite::Connection;
use serde::Serialize;

use super::kinds::wanted_party;
use super::ListFilter;
use crate::error::Result;
use crate::extensions::{Extension, ExtensionFilter};
use crate::store::audit::AuditEntry;

/// The extension requests the 延期申请 list holds for `f` (status, item,
/// 申请单位, 申请日期 in `from..=to`), newest request first.
pub fn extension_requests(conn: &Connection, f: &ListFilter) -> Result<Vec<Extension>> {
    let party = wanted_party(conn, &f.party)?;
    let list = crate::extensions::list(
        conn,
        &ExtensionFilter {
            item_no: f.item_no.clone(),
            status: f.extension_status,
        },
    )?;
    Ok(list
        .into_iter()
        .filter(|e| f.in_range(e.requested_on) && party.is_none_or(|p| p == e.party_id))
        .collect())
}

/// The audit log's WHERE for a filter (操作时间 in `from..=to`, 操作人, text),
/// over `?1`..`?4` bound by [`audit_args`].
pub(super) const AUDIT_WHERE: &str = "WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2)
           AND (?3 IS NULL OR operator = ?3)
           AND (?4 IS NULL OR instr(entity_id, ?4) > 0 OR instr(action, ?4) > 0
                OR instr(entity, ?4) > 0 OR instr(coalesce(after, ''), ?4) > 0)";

/// The four arguments of [`AUDIT_WHERE`].
pub(super) fn audit_args(f: &ListFilter) -> [Option<String>; 4] {
    // Stored moments are `YYYY-MM-DD HH:MM:SS`: a day range is a text range.
    let trimmed = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    [
        f.from.map(crate::dates::ymd),
        f.to.and_then(|d| d.succ_opt()).map(crate::dates::ymd),
        trimmed(&f.operator),
        trimmed(&f.text),
    ]
}

/// One page of the audit log for a filter, newest first.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditPage {
    /// How many entries match (all of them are in the export).
    pub total: i64,
    /// The entries of this page, newest first.
    pub entries: Vec<AuditEntry>,
    /// The operators of the latest 20,000 entries, for the filter's choices.
    pub operators: Vec<String>,
}

/// Entries `offset..offset + limit` (newest first) of the audit log for `f`;
/// `limit` is capped at 500 (the log may hold millions of entries).
pub fn audit_page(conn: &Connection, f: &ListFilter, offset: u32, limit: u32) -> Result<AuditPage> {
    let args = audit_args(f);
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM audit_log {AUDIT_WHERE}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(&format!(
        "SELECT id, at, operator, entity, entity_id, action, before, after FROM audit_log
         {AUDIT_WHERE} ORDER BY id DESC LIMIT ?5 OFFSET ?6"
    ))?;
    let [a, b, c, d] = args;
    let rows = st.query_map(
        rusqlite::params![a, b, c, d, limit.min(500), offset],
        crate::store::audit::entry_of,
    )?;
    let entries = rows.collect::<rusqlite::Result<_>>()?;
    // The operators of the latest entries only: a DISTINCT over millions of
    // rows at every refresh of the page would cost more than the page.
    let mut ops = conn.prepare_cached(
        "SELECT DISTINCT operator FROM (SELECT operator FROM audit_log ORDER BY id DESC LIMIT 20000)
         ORDER BY operator",
    )?;
    let operators = ops
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AuditPage {
        total,
        entries,
        operators,
    })
}
