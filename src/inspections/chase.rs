//! 催办 of a 整改事项 (PRODUCT #6, as on items): the date, the channel (电话 /
//! 通知单 / 当面 / 系统), whom (default: the unit) and a note. A closed item
//! is not chased.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::rectify::head;
use crate::chases::Channel;
use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::store::{audit, Actor, Store};

/// A chase to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewRectChase {
    /// 整改编号.
    pub rect_no: String,
    /// The day of the chase (not after today).
    pub chased_on: NaiveDate,
    /// 催办方式.
    pub channel: Channel,
    /// Whom; defaults to the unit.
    pub to_whom: String,
    /// 备注.
    pub note: String,
}

/// A recorded chase.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct RectChase {
    /// Row id.
    pub id: i64,
    /// The day of the chase.
    pub chased_on: NaiveDate,
    /// 催办方式 (its word).
    pub channel: String,
    /// Whom.
    pub to_whom: String,
    /// 备注.
    pub note: String,
    /// Set when the chase was voided (作废).
    pub voided: Option<crate::store::void::VoidMark>,
}

/// Records a 催办 of an open item, one audit entry. Refused: a closed item,
/// a future date.
pub fn chase(store: &mut Store, actor: &Actor, c: &NewRectChase) -> Result<i64> {
    store.write(|tx| {
        let h = head(tx, &c.rect_no)?;
        if h.closed_on.is_some() {
            return Err(Error::Conflict(format!(
                "整改事项 {} 已销号，无需催办。如需继续整改，请先重新打开。",
                h.rect_no
            )));
        }
        crate::dates::not_after_today(
            "催办日期",
            c.chased_on,
            actor.today(),
            "请填写实际催办的日期。",
        )?;
        h.not_before_registered("催办日期", c.chased_on)?;
        let to_whom = match c.to_whom.trim() {
            "" => tx.query_row("SELECT name FROM parties WHERE id = ?1", [h.party_id], |r| r.get(0))?,
            t => t.to_string(),
        };
        tx.execute(
            "INSERT INTO rectification_chases(rectification_id, chased_on, channel, target, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![h.id, ymd(c.chased_on), c.channel.label(), to_whom, c.note.trim()],
        )?;
        let id = tx.last_insert_rowid();
        audit::append_in(
            tx,
            actor,
            "rectification",
            &h.rect_no,
            "chase",
            None,
            Some(&serde_json::json!({"chase_id": id, "chased_on": ymd(c.chased_on), "channel": c.channel.label(), "to_whom": to_whom, "note": c.note.trim()})),
        )?;
        Ok(id)
    })
}

/// The chases of an item (row id), oldest first.
pub fn chases_of(conn: &Connection, rectification_id: i64) -> Result<Vec<RectChase>> {
    let mut st = conn.prepare_cached(
        "SELECT id, chased_on, channel, target, note, voided_at, voided_by, void_reason
         FROM rectification_chases WHERE rectification_id = ?1 ORDER BY chased_on, id",
    )?;
    let rows = st.query_map([rectification_id], |r| {
        Ok(RectChase {
            id: r.get(0)?,
            chased_on: r.get(1)?,
            channel: r.get(2)?,
            to_whom: r.get(3)?,
            note: r.get(4)?,
            voided: crate::store::void::mark_at(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Voids (作废) the 整改 催办 `id` recorded by mistake, with a reason: it
/// stays on the item's chase history, struck through, and leaves every
/// count. One audit entry on the 整改事项. Refused: no reason, an unknown
/// id, a chase already voided.
pub fn void_rect_chase(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    let reason = crate::store::void::required_reason(reason, "整改催办记录")?;
    store.write(|tx| {
        crate::store::void::void_row_in(tx, actor, "rectification_chases", id, &reason, "整改催办记录")?;
        let (rect_no, chased_on, channel, target): (String, String, String, String) = tx.query_row(
            "SELECT r.rect_no, c.chased_on, c.channel, c.target
             FROM rectification_chases c JOIN rectifications r ON r.id = c.rectification_id
             WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        audit::append_in(
            tx,
            actor,
            "rectification",
            &rect_no,
            "作废催办",
            Some(&serde_json::json!({"chase_id": id, "chased_on": chased_on, "channel": channel, "to_whom": target})),
            Some(&serde_json::json!({"chase_id": id, "已作废": true, "原因": reason})),
        )
    })
}
