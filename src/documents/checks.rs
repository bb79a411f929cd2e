//! Rules a document's records keep: its 来源类别 is one of 《意见》第三条's,
//! and what is recorded on it (a 批示, a 催办, a 会签) comes after it arrived.

use chrono::NaiveDate;

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

/// Refuses `day` (`what` names it) before document `id` was received (its
/// 收文日期): a 批示, a 催办 or a 会签 on it comes after it arrived.
pub fn not_before_received(
    conn: &rusqlite::Connection,
    id: i64,
    what: &str,
    day: NaiveDate,
) -> Result<()> {
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
