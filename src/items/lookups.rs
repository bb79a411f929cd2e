//! Plain lookups of `items` for other modules (importers, extension requests,
//! chases), run on the caller's connection or transaction and statement cache.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::dates::opt_date_col;
use crate::error::{Error, Result};

/// 事项编号 of the items named exactly `name` (trimmed) that the party leads
/// or cooperates on, withdrawn items left out, in number order.
pub(crate) fn item_nos_named(conn: &Connection, party_id: i64, name: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT item_no FROM items WHERE name = ?1 AND status <> 'withdrawn'
           AND (lead_party_id = ?2 OR id IN (SELECT item_id FROM item_cooperators WHERE party_id = ?2))
         ORDER BY item_no",
    )?;
    let rows = st.query_map(params![name.trim(), party_id], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An open item as a party's feedback sheet lists it.
pub(crate) struct OpenItem {
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// The effective 完成时限; None for a standing item.
    pub deadline: Option<NaiveDate>,
    /// 长期: a standing item (no deadline).
    pub standing: bool,
}

/// The open items (未启动, 办理中, 待审核) the party leads or cooperates on,
/// in number order.
pub(crate) fn open_items_of(conn: &Connection, party_id: i64) -> Result<Vec<OpenItem>> {
    let mut st = conn.prepare_cached(
        "SELECT item_no, name, effective_deadline, standing FROM items
         WHERE status IN ('not_started', 'in_progress', 'pending_review')
           AND (lead_party_id = ?1 OR id IN (SELECT item_id FROM item_cooperators WHERE party_id = ?1))
         ORDER BY item_no",
    )?;
    let rows = st.query_map(params![party_id], |r| {
        let d: Option<String> = r.get(2)?;
        Ok(OpenItem {
            item_no: r.get(0)?,
            name: r.get(1)?,
            deadline: d.as_deref().and_then(crate::dates::parse_ymd),
            standing: r.get::<_, i64>(3)? != 0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The item as an extension request sees it.
pub(crate) struct ItemState {
    /// Row id.
    pub id: i64,
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// Status code.
    pub status: String,
    /// The effective 完成时限 (the original one if never extended).
    pub effective_deadline: Option<NaiveDate>,
}

/// The item a request is about, by its number; [`Error::NotFound`] if none.
pub(crate) fn item_state(conn: &Connection, item_no: &str) -> Result<ItemState> {
    conn.query_row(
        "SELECT id, item_no, name, status, COALESCE(effective_deadline, deadline) FROM items WHERE item_no = ?1",
        [item_no],
        |r| {
            Ok(ItemState {
                id: r.get(0)?,
                item_no: r.get(1)?,
                name: r.get(2)?,
                status: r.get(3)?,
                effective_deadline: opt_date_col(r, 4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到事项编号“{item_no}”。请核对编号后重试。")))
}

/// The item a chase is for, by its number: (id, 事项名称, status code, the
/// lead party's name); [`Error::NotFound`] if none.
pub(crate) fn chase_target(
    conn: &Connection,
    item_no: &str,
) -> Result<(i64, String, String, String)> {
    conn.query_row(
        "SELECT i.id, i.name, i.status, p.name FROM items i JOIN parties p ON p.id = i.lead_party_id
                     WHERE i.item_no = ?1",
        [item_no],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到事项编号“{item_no}”。请核对编号后重试。")))
}

/// Refuses `day` (`what` names it, e.g. `进展日期`) on item `item_id` when
/// it is before the 收文日期 of the document the item was split from: what
/// is reported on a task comes after the task arrived. Items without a
/// document (entered or imported directly) have no such bound.
pub(crate) fn not_before_its_document(
    conn: &Connection,
    item_id: i64,
    what: &str,
    day: chrono::NaiveDate,
) -> Result<()> {
    let document = document_of(conn, item_id)?;
    not_before_the_document(conn, item_id, document, what, day)
}

/// [`not_before_its_document`] for an item whose document (`document_id`)
/// the caller has read already.
pub(crate) fn not_before_the_document(
    conn: &Connection,
    item_id: i64,
    document: Option<i64>,
    what: &str,
    day: chrono::NaiveDate,
) -> Result<()> {
    match before_the_document(conn, item_id, document, what, day)? {
        Some(why) => Err(Error::Invalid(format!("{why}，请核对。"))),
        None => Ok(()),
    }
}

/// The document item `item_id` was split from; None when it has none (or
/// there is no such item).
fn document_of(conn: &Connection, item_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT document_id FROM items WHERE id = ?1")?
        .query_row([item_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Why `day` on item `item_id` is before its document's 收文日期 (`进展日期
/// 2026-11-09 早于事项 … 的收文日期 2026-11-10`), as a sheet's row issue says
/// it; None when it is not, or the item has no document (`document`, as the
/// caller read it with the item: no lookup at all for the many without one).
pub(crate) fn before_the_document(
    conn: &Connection,
    item_id: i64,
    document: Option<i64>,
    what: &str,
    day: chrono::NaiveDate,
) -> Result<Option<String>> {
    // The document's id read with the item, then the document by rowid,
    // rather than one join: most items have no document, and the join was
    // planned again on every call (an import checks each of its rows: 0.27 s
    // of 36 feedback files).
    let Some(document) = document else {
        return Ok(None);
    };
    let found: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT (SELECT item_no FROM items WHERE id = ?1), doc_no, received_on
               FROM documents WHERE id = ?2",
        )?
        .query_row(rusqlite::params![item_id, document], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(match found {
        Some((item_no, doc_no, received))
            if crate::dates::parse_ymd(&received).is_some_and(|r| day < r) =>
        {
            Some(format!(
                "{what} {} 早于事项 {item_no} 所属收文 {doc_no} 的收文日期 {received}",
                crate::dates::ymd(day)
            ))
        }
        _ => None,
    })
}
