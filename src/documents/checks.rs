//! Rules a document's records keep: its 来源类别 is one of 《意见》第三条's,
//! and what is recorded on it (a 批示, a 催办, a 会签) comes after it arrived.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::SOURCE_CATEGORIES;
use crate::dates::{parse_ymd, ymd};
use crate::error::{Error, Result};

/// Refuses a 来源类别 not among [`SOURCE_CATEGORIES`], listing them.
pub(crate) fn check_category(category: &str) -> Result<()> {
    if SOURCE_CATEGORIES.contains(&category.trim()) {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "来源类别“{}”不在《意见》第三条所列类别中，请填写其中之一：{}。",
        category.trim(),
        SOURCE_CATEGORIES.join("、")
    )))
}

/// Refuses a record on document `id` dated `day` (`what` names the date,
/// e.g. `批示日期`): on a voided document, or before it was received (its
/// 收文日期) — a 批示, a 催办 or a 会签 on it comes after it arrived.
pub fn check_record_on(
    conn: &rusqlite::Connection,
    id: i64,
    what: &str,
    day: NaiveDate,
) -> Result<()> {
    crate::store::void::refuse_voided_document(
        conn,
        id,
        &format!("登记{}", what.trim_end_matches("日期")),
    )?;
    let (doc_no, received): (String, String) = conn
        .prepare_cached("SELECT doc_no, received_on FROM documents WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    match parse_ymd(&received) {
        Some(r) if day < r => Err(Error::Invalid(format!(
            "{what} {} 早于{doc_no}的收文日期 {}，请核对。",
            ymd(day),
            ymd(r)
        ))),
        _ => Ok(()),
    }
}

/// Refuses moving document `id`'s 收文日期 to `received` when something
/// already recorded on it is dated before that day (a 批示, a 催办, a 会签
/// sent; the 完成时限 of an item split from it, or what was reported on that
/// item: progress, a completion report, a 催办, an extension request): the
/// correction would leave them dated before the document arrived.
pub(crate) fn received_not_after_records(
    conn: &rusqlite::Connection,
    id: i64,
    doc_no: &str,
    received: NaiveDate,
) -> Result<()> {
    let first: Option<(String, String)> = conn
        .query_row(
            "SELECT what, day FROM (
                 SELECT '批示日期' AS what, given_on AS day FROM instructions
                  WHERE document_id = ?1 AND voided_at IS NULL
                 UNION ALL SELECT '催办日期', chased_on FROM chases
                  WHERE document_id = ?1 AND voided_at IS NULL
                 UNION ALL SELECT '会签发送日期', sent_on FROM countersigns WHERE document_id = ?1
                 UNION ALL SELECT '分解事项 ' || item_no || ' 的完成时限', deadline FROM items
                  WHERE document_id = ?1 AND voided_at IS NULL AND status <> 'withdrawn'
                    AND deadline IS NOT NULL
                 UNION ALL SELECT '分解事项 ' || i.item_no || ' 的进展', p.reported_on
                   FROM progress p JOIN items i ON i.id = p.item_id
                  WHERE i.document_id = ?1 AND i.status <> 'withdrawn' AND p.voided_at IS NULL
                 UNION ALL SELECT '分解事项 ' || i.item_no || ' 的办结报告', c.reported_on
                   FROM completion_reports c JOIN items i ON i.id = c.item_id
                  WHERE i.document_id = ?1 AND i.status <> 'withdrawn' AND c.voided_at IS NULL
                 UNION ALL SELECT '分解事项 ' || i.item_no || ' 的催办', c.chased_on
                   FROM chases c JOIN items i ON i.id = c.item_id
                  WHERE i.document_id = ?1 AND i.status <> 'withdrawn' AND c.voided_at IS NULL
                 UNION ALL SELECT '分解事项 ' || i.item_no || ' 的延期申请', e.requested_on
                   FROM extensions e JOIN items i ON i.id = e.item_id
                  WHERE i.document_id = ?1 AND i.status <> 'withdrawn' AND e.voided_at IS NULL)
             WHERE day < ?2 ORDER BY day LIMIT 1",
            rusqlite::params![id, ymd(received)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match first {
        Some((what, day)) => Err(Error::Invalid(format!(
            "不能把{doc_no}的收文日期改为 {}：{what} {day} 早于它。请核对收文日期，或先更正那条记录。",
            ymd(received)
        ))),
        None => Ok(()),
    }
}
