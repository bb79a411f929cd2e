//! 作废: the one way a mistaken record leaves the figures (issue 13). A voided
//! row stays in its table with `voided_at`, `voided_by` and `void_reason`
//! (migration 0011) and stays visible, marked 已作废, where it is listed; every
//! figure, count, light and reminder reads `voided_at IS NULL`. Each owner of
//! a table calls [`void_row_in`] on its own rows.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Actor;

/// The tables whose rows can be voided (each has the three columns of 0011).
pub const VOIDABLE: [&str; 12] = [
    "documents",
    "items",
    "progress",
    "completion_reports",
    "milestones",
    "instructions",
    "chases",
    "extensions",
    "rounds",
    "round_reports",
    "imports",
    "rectification_chases",
];

/// How a voided record was voided; the UI strikes the record through when present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct VoidMark {
    /// When it was voided: local moment `YYYY-MM-DD HH:MM:SS`.
    pub voided_at: String,
    /// The operator (操作人) who voided it.
    pub voided_by: String,
    /// 作废原因.
    pub reason: String,
}

/// The mark from three columns `voided_at, voided_by, void_reason` read as
/// `Option<String>`s; None while the record stands.
pub fn mark(at: Option<String>, by: Option<String>, reason: Option<String>) -> Option<VoidMark> {
    at.map(|voided_at| VoidMark {
        voided_at,
        voided_by: by.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
    })
}

/// The mark of a row whose columns `i, i+1, i+2` are `voided_at, voided_by, void_reason`.
pub fn mark_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<VoidMark>> {
    Ok(mark(r.get(i)?, r.get(i + 1)?, r.get(i + 2)?))
}

/// The reason, trimmed; an empty one is refused (`作废{what}必须填写原因。`).
pub fn required_reason(reason: &str, what: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::Invalid(format!(
            "作废{what}必须填写原因，请说明为什么作废。"
        )));
    }
    Ok(r.to_string())
}

/// Marks row `id` of `table` voided by `actor` with `reason` (already
/// checked) inside the caller's transaction. A missing row is `NotFound`, a
/// row voided already a `Conflict`; `what` names the record in the messages
/// (e.g. `进展记录`). Writes no audit entry: the owner records one.
pub fn void_row_in(
    tx: &Transaction,
    actor: &Actor,
    table: &str,
    id: i64,
    reason: &str,
    what: &str,
) -> Result<()> {
    if !VOIDABLE.contains(&table) {
        return Err(Error::Invalid(format!("“{table}”中的记录不能作废。")));
    }
    let found: Option<(Option<String>, Option<String>)> = tx
        .query_row(
            &format!("SELECT voided_at, voided_by FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => Err(Error::NotFound(format!(
            "找不到编号为 {id} 的{what}，请核对编号。"
        ))),
        Some((Some(at), by)) => Err(Error::Conflict(format!(
            "编号为 {id} 的{what}已于 {at} 由{}作废，不能重复作废。",
            by.unwrap_or_default()
        ))),
        Some((None, _)) => {
            tx.execute(
                &format!(
                    "UPDATE {table} SET voided_at = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1"
                ),
                params![id, actor.stamp(), actor.operator, reason],
            )?;
            Ok(())
        }
    }
}

/// Voids, inside the caller's transaction, every live row of `table` that
/// import `import_id` wrote; returns how many.
pub fn void_imported_in(
    tx: &Transaction,
    actor: &Actor,
    table: &str,
    import_id: i64,
    reason: &str,
) -> Result<usize> {
    if !VOIDABLE.contains(&table) || table == "imports" {
        return Err(Error::Invalid(format!("“{table}”中的记录不能按导入作废。")));
    }
    Ok(tx.execute(
        &format!(
            "UPDATE {table} SET voided_at = ?2, voided_by = ?3, void_reason = ?4
             WHERE import_id = ?1 AND voided_at IS NULL"
        ),
        params![import_id, actor.stamp(), actor.operator, reason],
    )?)
}

/// Refuses recording `what` (e.g. `登记批示`) on document `id` once it is
/// voided, naming it and why it was voided. Here, below every module that
/// records something on a document (批示, 催办, 会签, 分解, 报送任务, 传达学习,
/// 督查), so that none of them depends on `documents` for it.
pub fn refuse_voided_document(conn: &rusqlite::Connection, id: i64, what: &str) -> Result<()> {
    let found: Option<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT doc_no, void_reason FROM documents WHERE id = ?1 AND voided_at IS NOT NULL",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        Some((no, why)) => Err(Error::Invalid(format!(
            "{no}已作废（{}），不能再{what}。",
            why.unwrap_or_default()
        ))),
        None => Ok(()),
    }
}
