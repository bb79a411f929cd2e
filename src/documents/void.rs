//! 作废 of a document registered by mistake (a wrong year, twice, not the
//! office's): it stays in the 收文登记簿, marked 已作废 with who, when and
//! why, and leaves the 待分解 count, the 特急/限时 and 传达学习 reminders.
//! Nothing new is recorded on it afterwards. A document that has items is
//! not voided: its items are withdrawn first (they carry their own figures).

use rusqlite::OptionalExtension;
use serde_json::json;

use crate::error::{Error, Result};
use crate::store::{audit, void, Actor, Store};

/// Voids document `doc_no` with `reason` (required), one audit entry.
/// Refused while an item split from it stands, and when voided already.
pub fn void_document(store: &mut Store, actor: &Actor, doc_no: &str, reason: &str) -> Result<()> {
    let reason = void::required_reason(reason, "收文")?;
    store.write(|tx| {
        let no = doc_no.trim();
        let found = tx
            .query_row(
                "SELECT id, title, received_on, voided_at, voided_by, void_reason
                   FROM documents WHERE doc_no = ?1",
                [no],
                |r| {
                    let row: (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                    Ok((row, void::mark_at(r, 3)?))
                },
            )
            .optional()?;
        let ((id, title, received), mark) = found
            .ok_or_else(|| Error::NotFound(format!("找不到收文编号为“{no}”的文件。")))?;
        if let Some(m) = mark {
            return Err(Error::Conflict(format!(
                "{no}已于 {} 由{}作废，不能重复作废。",
                m.voided_at, m.voided_by
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
