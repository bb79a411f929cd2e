//! 催办 (PRODUCT #6): every time the office chases an item or a document it
//! records the date, the channel (电话 / 通知单 / 当面 / 系统), whom it chased
//! and a note. A closed (已办结) or withdrawn (已撤销) item is not chased.
//! [`counts`] gives the ledger its 催办次数; [`notice`] writes the printable
//! 催办通知单.
//!
//! The ledger may also count in SQL: `SELECT item_id, COUNT(*) FROM chases
//! WHERE item_id IS NOT NULL GROUP BY item_id` (index `chases_item`).

pub mod notice;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::dates::{date_col, opt_date_col};
use crate::error::{invalid, Error, Result};
use crate::store::{audit, Actor, Store};

/// How the office chased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum Channel {
    /// 电话: by phone.
    #[serde(rename = "电话")]
    Phone,
    /// 通知单: by a written 催办通知单.
    #[serde(rename = "通知单")]
    Notice,
    /// 当面: in person.
    #[serde(rename = "当面")]
    InPerson,
    /// 系统: by a message in the office's electronic system.
    #[serde(rename = "系统")]
    System,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 4] = [
        Channel::Phone,
        Channel::Notice,
        Channel::InPerson,
        Channel::System,
    ];

    /// The Chinese word (also the database value).
    pub fn label(self) -> &'static str {
        match self {
            Channel::Phone => "电话",
            Channel::Notice => "通知单",
            Channel::InPerson => "当面",
            Channel::System => "系统",
        }
    }

    /// From the Chinese word.
    pub fn parse(text: &str) -> Result<Channel> {
        let t = text.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.label() == t)
            .ok_or_else(|| {
                invalid(format!(
                    "催办方式“{t}”无法识别。请填写：电话、通知单、当面或系统。"
                ))
            })
    }
}

/// A chase to record: on an item (`item_no`) or on a document (`doc_no`).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewChase {
    /// 事项编号 (exactly one of `item_no` and `doc_no`).
    pub item_no: Option<String>,
    /// 收文编号.
    pub doc_no: Option<String>,
    /// The day of the chase (not after today).
    pub chased_on: NaiveDate,
    /// 催办方式.
    pub channel: Channel,
    /// Whom (department, person); defaults to the item's 牵头部门.
    pub to_whom: String,
    /// 备注; may be empty.
    pub note: String,
}

/// A recorded chase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Chase {
    /// Row id in `chases`.
    pub id: i64,
    /// Row id in `items` of the chased item; None for a chase on a document.
    pub item_id: Option<i64>,
    /// 事项编号 of the chased item; None for a chase on a document.
    pub item_no: Option<String>,
    /// Row id in `documents` of the chased document; None for a chase on an item.
    pub document_id: Option<i64>,
    /// 收文编号 of the chased document; None for a chase on an item.
    pub doc_no: Option<String>,
    /// The day of the chase.
    pub chased_on: NaiveDate,
    /// 催办方式.
    pub channel: Channel,
    /// Whom the office chased (department, person); stored as `chases.target`.
    pub to_whom: String,
    /// 备注; may be empty.
    pub note: String,
    /// Set when it was voided (作废): show it struck through, marked 已作废; it is not counted.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// Records a chase. Refused, nothing written: neither or both of item and
/// document, an unknown number, a closed or withdrawn item, a future date.
pub fn record(store: &mut Store, actor: &Actor, new: &NewChase) -> Result<Chase> {
    let id = store.write(|tx| record_in(tx, actor, new))?;
    get(store.conn(), id)
}

/// [`record`] inside the caller's transaction (with its audit entry); returns the id.
pub fn record_in(tx: &Transaction, actor: &Actor, new: &NewChase) -> Result<i64> {
    let item_no = new
        .item_no
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let doc_no = new
        .doc_no
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    crate::dates::not_after_today(
        "催办日期",
        new.chased_on,
        actor.today(),
        "请填写实际催办的日期。",
    )?;
    let (item_id, document_id, entity, number, default_to) = match (item_no, doc_no) {
        (Some(no), None) => {
            let (id, name, status, lead) = crate::items::chase_target(tx, no)?;
            if let Some(why) = crate::extensions::closed_reason(&status) {
                return Err(Error::Conflict(format!(
                    "事项“{name}”（{no}）{why}，无需催办。如需继续办理，请先重新打开该事项。"
                )));
            }
            crate::items::not_before_its_document(tx, id, "催办日期", new.chased_on)?;
            (Some(id), None, "item", no.to_string(), lead)
        }
        (None, Some(no)) => {
            let id: i64 = tx
                .query_row("SELECT id FROM documents WHERE doc_no = ?1", [no], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| {
                    Error::NotFound(format!("找不到收文编号“{no}”。请核对编号后重试。"))
                })?;
            crate::documents::check_record_on(tx, id, "催办日期", new.chased_on)?;
            (None, Some(id), "document", no.to_string(), String::new())
        }
        _ => return Err(invalid("请指定催办的事项编号或收文编号（二者选一）。")),
    };
    let to_whom = if new.to_whom.trim().is_empty() {
        default_to
    } else {
        new.to_whom.trim().to_string()
    };
    tx.execute(
        "INSERT INTO chases(item_id, document_id, chased_on, channel, target, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            item_id,
            document_id,
            crate::dates::ymd(new.chased_on),
            new.channel.label(),
            to_whom,
            new.note.trim()
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append_in(
        tx,
        actor,
        entity,
        &number,
        "chase",
        None,
        Some(&serde_json::json!({
            "chase_id": id,
            "chased_on": crate::dates::ymd(new.chased_on),
            "channel": new.channel.label(),
            "to_whom": to_whom,
            "note": new.note.trim(),
        })),
    )?;
    Ok(id)
}

/// What a batch 催办 records for each selected item (the items come apart).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct BatchChase {
    /// The day of the chase (not after today).
    pub chased_on: NaiveDate,
    /// 催办方式.
    pub channel: Channel,
    /// Whom; blank means each item's own 牵头部门.
    pub to_whom: String,
    /// 备注; may be empty.
    pub note: String,
}

/// 批量催办: records the same chase on every item of `item_nos` in one
/// transaction, one audit entry each; the ids in the order given. All or
/// nothing: one closed, withdrawn or unknown item refuses the whole batch
/// (the error names it), and nothing is written.
pub fn record_batch(
    store: &mut Store,
    actor: &Actor,
    item_nos: &[String],
    input: &BatchChase,
) -> Result<Vec<i64>> {
    let mut seen = std::collections::HashSet::new();
    let nos: Vec<&str> = item_nos
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty() && seen.insert(*s))
        .collect();
    if nos.is_empty() {
        return Err(invalid("请先在台账中勾选要催办的事项。"));
    }
    store.write(|tx| {
        nos.iter()
            .map(|no| {
                record_in(
                    tx,
                    actor,
                    &NewChase {
                        item_no: Some(no.to_string()),
                        doc_no: None,
                        chased_on: input.chased_on,
                        channel: input.channel,
                        to_whom: input.to_whom.clone(),
                        note: input.note.clone(),
                    },
                )
            })
            .collect()
    })
}

const SELECT: &str = "SELECT c.id, c.item_id, i.item_no, c.document_id, d.doc_no, c.chased_on, c.channel, c.target, c.note,
    c.voided_at, c.voided_by, c.void_reason
    FROM chases c LEFT JOIN items i ON i.id = c.item_id LEFT JOIN documents d ON d.id = c.document_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Chase> {
    let channel: String = r.get(6)?;
    Ok(Chase {
        id: r.get(0)?,
        item_id: r.get(1)?,
        item_no: r.get(2)?,
        document_id: r.get(3)?,
        doc_no: r.get(4)?,
        chased_on: date_col(r, 5)?,
        channel: Channel::parse(&channel).unwrap_or(Channel::System),
        to_whom: r.get(7)?,
        note: r.get(8)?,
        voided: crate::store::void::mark_at(r, 9)?,
    })
}

/// One chase by id.
pub fn get(conn: &Connection, id: i64) -> Result<Chase> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的催办记录。")))
}

/// An item's chases, oldest first.
pub fn for_item(conn: &Connection, item_no: &str) -> Result<Vec<Chase>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE i.item_no = ?1 ORDER BY c.chased_on, c.id"
    ))?;
    let rows = st.query_map([item_no.trim()], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A document's chases, oldest first.
pub fn for_document(conn: &Connection, doc_no: &str) -> Result<Vec<Chase>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.doc_no = ?1 ORDER BY c.chased_on, c.id"
    ))?;
    let rows = st.query_map([doc_no.trim()], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// 催办次数 per item id (items never chased are absent).
pub fn counts(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let mut st = conn.prepare_cached(
        "SELECT item_id, COUNT(*) FROM chases WHERE item_id IS NOT NULL AND voided_at IS NULL GROUP BY item_id",
    )?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// 催办次数 of one item.
pub fn count_for_item(conn: &Connection, item_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM chases WHERE item_id = ?1 AND voided_at IS NULL",
        [item_id],
        |r| r.get(0),
    )?)
}

/// The last chase date of an item, if any.
pub fn last_chased_on(conn: &Connection, item_id: i64) -> Result<Option<NaiveDate>> {
    Ok(conn.query_row(
        "SELECT MAX(chased_on) FROM chases WHERE item_id = ?1 AND voided_at IS NULL",
        [item_id],
        |r| opt_date_col(r, 0),
    )?)
}

/// 作废 a chase recorded by mistake: it stays listed, marked, and leaves the
/// 催办次数 (ledger, 催办通知单, counts).
pub fn void_chase(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    let reason = crate::store::void::required_reason(reason, "催办记录")?;
    let c = get(store.conn(), id)?;
    store.write(|tx| {
        crate::store::void::void_row_in(tx, actor, "chases", id, &reason, "催办记录")?;
        let (entity, number) = match (&c.item_no, &c.doc_no) {
            (Some(no), _) => ("item", no.clone()),
            (None, Some(no)) => ("document", no.clone()),
            (None, None) => ("chase", id.to_string()),
        };
        audit::append_in(
            tx,
            actor,
            entity,
            &number,
            "作废催办",
            Some(&serde_json::json!({
                "chase_id": id,
                "chased_on": crate::dates::ymd(c.chased_on),
                "channel": c.channel.label(),
                "to_whom": c.to_whom,
            })),
            Some(&serde_json::json!({"chase_id": id, "已作废": true, "原因": reason})),
        )
    })
}
