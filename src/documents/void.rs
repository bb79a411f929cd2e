//! 作废 of a document registered by mistake (a wrong year, twice, not the
//! office's): it stays in the 收文登记簿, marked 已作废 with who, when and
//! why, and leaves the 待分解 count, the 特急/限时 and 传达学习 reminders.
//! Nothing new is recorded on it afterwards. A document that has items is
//! not voided: its items are withdrawn first (they carry their own figures).

use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::error::{Error, Result};
use crate::store::{audit, void, Actor, Store};

/// Voids document `doc_no` with `reason` (required), one audit entry.
/// Refused while an item split from it stands, and when voided already.
pub fn void_document(store: &mut Store, actor: &Actor, doc_no: &str, reason: &str) -> Result<()> {
    let reason = void::required_reason(reason, "收文")?;
    store.write(|tx| {
        let no = doc_no.trim();
        let found: Option<(i64, String, String, Option<String>, Option<String>)> = tx
            .query_row(
                "SELECT id, title, received_on, voided_at, voided_by FROM documents WHERE doc_no = ?1",
                [no],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (id, title, received, voided_at, voided_by) = found
            .ok_or_else(|| Error::NotFound(format!("找不到收文编号为“{no}”的文件。")))?;
        if let Some(at) = voided_at {
            return Err(Error::Conflict(format!(
                "{no}已于 {at} 由{}作废，不能重复作废。",
                voided_by.unwrap_or_default()
            )));
        }
        let items: Vec<String> = tx
            .prepare(
                "SELECT item_no FROM items WHERE document_id = ?1 AND status <> 'withdrawn'
                  ORDER BY id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(first) = items.first() {
            return Err(Error::Conflict(format!(
                "{no}已分解出 {} 项督办事项（{first}{}），不能作废。请先撤销这些事项，再作废这件收文。",
                items.len(),
                if items.len() > 1 { " 等" } else { "" }
            )));
        }
        void::void_row_in(tx, actor, "documents", id, &reason, "收文")?;
        audit::append_in(
            tx,
            actor,
            "document",
            no,
            "作废收文",
            Some(&json!({"文件标题": title, "收文日期": received})),
            Some(&json!({"已作废": true, "原因": reason})),
        )
    })
}

/// Refuses recording `what` (e.g. `登记批示`) on document `id` once it is
/// voided, naming it and why it was voided.
pub fn refuse_voided(conn: &Connection, id: i64, what: &str) -> Result<()> {
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
