//! 导入记录: the files that were applied, newest first.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::sheets::RowIssue;

/// One applied (or partially applied) file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportRecord {
    /// Row id in `imports`.
    pub id: i64,
    /// ledger / feedback / report / org
    pub kind: String,
    /// Name of the imported file, as the clerk chose it.
    pub file_name: String,
    /// SHA-256 of the file's bytes, hex; the same kind and hash is refused as a duplicate.
    pub sha256: String,
    /// The reporting department's or unit's name; None for a ledger or org file.
    pub party: Option<String>,
    /// applied / partial
    pub status: String,
    /// Number of rows applied.
    pub rows_applied: i64,
    /// Number of rows refused (all of them; `rejected` lists the first ones).
    pub rows_rejected: i64,
    /// When it was imported: local moment `YYYY-MM-DD HH:MM:SS`.
    pub imported_at: String,
    /// The operator (操作人) who imported it.
    pub operator: String,
    /// The rejected rows of a partial import: the first
    /// [`super::REJECTED_ROWS`], as its report listed them.
    pub rejected: Vec<RowIssue>,
    /// Things the clerk was told that did not stop a row.
    pub warnings: Vec<RowIssue>,
    /// Set when the import was voided (作废) with everything it wrote.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// The latest `limit` imports, newest first.
pub fn history(conn: &Connection, limit: u32) -> Result<Vec<ImportRecord>> {
    let mut st = conn.prepare(
        "SELECT i.id, i.kind, i.file_name, i.sha256, p.name, i.status, i.rows_applied, i.rows_rejected,
                i.imported_at, i.operator, i.detail, i.voided_at, i.voided_by, i.void_reason
         FROM imports i LEFT JOIN parties p ON p.id = i.party_id
         ORDER BY i.id DESC LIMIT ?1",
    )?;
    let rows = st.query_map([limit], |r| {
        let detail: String = r.get(10)?;
        let detail: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        let issues = |key: &str| -> Vec<RowIssue> {
            detail
                .get(key)
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default()
        };
        Ok(ImportRecord {
            id: r.get(0)?,
            kind: r.get(1)?,
            file_name: r.get(2)?,
            sha256: r.get(3)?,
            party: r.get(4)?,
            status: r.get(5)?,
            rows_applied: r.get(6)?,
            rows_rejected: r.get(7)?,
            imported_at: r.get(8)?,
            operator: r.get(9)?,
            rejected: issues("rejected"),
            warnings: issues("warnings"),
            voided: crate::store::void::mark_at(r, 11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
