//! 作废 of an item's records (issue 13): a progress entry, a milestone, a
//! completion report, and everything an import wrote into the items' tables.
//! The record stays (marked, see [`crate::store::void`]) and leaves every
//! figure; the item's status is put back where the live records leave it.

use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use crate::error::{Error, Result};
use crate::items::edit::void_reason;
use crate::items::Status;
use crate::store::{audit, void, Actor, Store};

/// The item (id, number, status) a row of `table` belongs to.
fn owner(tx: &Transaction, table: &str, id: i64, what: &str) -> Result<(i64, String, Status)> {
    tx.query_row(
        &format!(
            "SELECT i.id, i.item_no, i.status FROM {table} t JOIN items i ON i.id = t.item_id WHERE t.id = ?1"
        ),
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的{what}，请核对编号。")))
}

/// Puts an open item's status back where its live records leave it: 待销号
/// only with a live pending report; 未启动 when nothing live was ever reported
/// and no status move gave a reason; 推进中 otherwise.
pub(crate) fn restore_status_in(tx: &Transaction, item_id: i64) -> Result<()> {
    let (status, reason, progress, pending, reports): (Status, String, i64, i64, i64) = tx.query_row(
        "SELECT status, status_reason,
                (SELECT count(*) FROM progress WHERE item_id = i.id AND voided_at IS NULL),
                (SELECT count(*) FROM completion_reports WHERE item_id = i.id AND status = 'pending' AND voided_at IS NULL),
                (SELECT count(*) FROM completion_reports WHERE item_id = i.id AND voided_at IS NULL)
         FROM items i WHERE id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    if !status.is_open() {
        return Ok(());
    }
    let to = if pending > 0 {
        Status::PendingReview
    } else if progress == 0 && reports == 0 && reason.is_empty() {
        Status::NotStarted
    } else {
        Status::InProgress
    };
    if to != status {
        // From one open status to another: `is_open` stays as it is.
        tx.execute(
            "UPDATE items SET status = ?2 WHERE id = ?1",
            params![item_id, to.code()],
        )?;
    }
    Ok(())
}

fn void_item_record(
    store: &mut Store,
    actor: &Actor,
    table: &'static str,
    id: i64,
    reason: &str,
    what: &str,
    summary_sql: &str,
) -> Result<()> {
    let reason = void_reason(reason, what)?;
    store.write(|tx| {
        let (item_id, item_no, status) = owner(tx, table, id, what)?;
        let summary: String = tx.query_row(summary_sql, [id], |r| r.get(0))?;
        if table == "completion_reports" {
            let st: String = tx.query_row(
                "SELECT status FROM completion_reports WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if st == "accepted" && status == Status::Done {
                return Err(Error::Conflict(
                    "该办结报告已销号。如需作废，请先重新打开该事项。".into(),
                ));
            }
        }
        void::void_row_in(tx, actor, table, id, &reason, what)?;
        restore_status_in(tx, item_id)?;
        audit::append_in(
            tx,
            actor,
            "item",
            &item_no,
            &format!("作废{what}"),
            Some(&json!({ "id": id, "内容": summary })),
            Some(&json!({ "id": id, "已作废": true, "原因": reason })),
        )
    })
}

/// 作废 a progress entry (办理进展): it leaves the ledger's latest progress and counts.
pub fn void_progress(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    void_item_record(
        store,
        actor,
        "progress",
        id,
        reason,
        "进展记录",
        "SELECT reported_on || ' ' || text FROM progress WHERE id = ?1",
    )
}

/// 作废 a milestone (时间表节点): it leaves the milestone reminders.
pub fn void_milestone(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    void_item_record(
        store,
        actor,
        "milestones",
        id,
        reason,
        "时间表节点",
        "SELECT due || ' ' || title FROM milestones WHERE id = ?1",
    )
}

/// 作废 a completion report not yet accepted (a pending one puts the item back to 推进中).
pub fn void_completion_report(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    reason: &str,
) -> Result<()> {
    void_item_record(
        store,
        actor,
        "completion_reports",
        id,
        reason,
        "办结报告",
        "SELECT reported_on || ' ' || text FROM completion_reports WHERE id = ?1",
    )
}

/// What voiding an import did to the items' tables.
#[derive(Debug, Clone, Default, serde::Serialize, ts_rs::TS)]
pub struct ImportedItemsVoided {
    /// Items the import created, now voided (and withdrawn).
    pub items: usize,
    /// Progress entries it wrote.
    pub progress: usize,
    /// Completion reports it wrote.
    pub completion_reports: usize,
}

/// Voids, inside the caller's transaction, everything import `import_id`
/// wrote into the items' tables: the items it created (also withdrawn, so
/// every figure leaves them), its progress entries and completion reports
/// (the items they moved are put back). Refused when one of its completion
/// reports has been accepted (销号) since. Each item whose progress or report
/// is voided gets an entry on its timeline; the import's own entry is the caller's.
pub fn void_imported_items_in(
    tx: &Transaction,
    actor: &Actor,
    import_id: i64,
    reason: &str,
) -> Result<ImportedItemsVoided> {
    let accepted: Option<String> = tx
        .query_row(
            "SELECT i.item_no FROM completion_reports c JOIN items i ON i.id = c.item_id
             WHERE c.import_id = ?1 AND c.voided_at IS NULL AND c.status = 'accepted' LIMIT 1",
            [import_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(no) = accepted {
        return Err(Error::Conflict(format!(
            "该导入报送的事项{no}的办结报告已销号。如需作废该导入，请先重新打开该事项。"
        )));
    }
    let touched: Vec<i64> = tx
        .prepare(
            "SELECT item_id FROM progress WHERE import_id = ?1 AND voided_at IS NULL
             UNION SELECT item_id FROM completion_reports WHERE import_id = ?1 AND voided_at IS NULL",
        )?
        .query_map([import_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let progress = void::void_imported_in(tx, actor, "progress", import_id, reason)?;
    let completion_reports =
        void::void_imported_in(tx, actor, "completion_reports", import_id, reason)?;
    let items = void::void_imported_in(tx, actor, "items", import_id, reason)?;
    tx.execute(
        "UPDATE items SET status = 'withdrawn', is_open = 0, status_reason = ?2
         WHERE import_id = ?1 AND voided_by IS NOT NULL AND status <> 'withdrawn'",
        params![import_id, format!("导入作废：{reason}")],
    )?;
    for id in touched {
        restore_status_in(tx, id)?;
        let no: String = tx.query_row("SELECT item_no FROM items WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
        audit::append_in(
            tx,
            actor,
            "item",
            &no,
            "作废导入的记录",
            None,
            Some(&json!({"import_id": import_id, "已作废": true, "原因": reason})),
        )?;
    }
    Ok(ImportedItemsVoided {
        items,
        progress,
        completion_reports,
    })
}
