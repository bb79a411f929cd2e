//! 约谈 / 问责 records (PRODUCT #14): a department or unit, a date, a kind
//! (提醒谈话 / 约谈 / 诫勉谈话 / 通报批评 / 问责), the reason, the items it
//! concerns and who decided. Records are kept, never voided here.
//!
//! - [`record`] writes one record, an audit entry of its own (entity
//!   `accountability`) and one on the timeline of each item it concerns
//!   (entity `item`, the 事项编号), so the item's history shows it.
//! - [`list`] per party and period; [`export`] the sheet.
//! - [`count_for_party`] / [`counts_by_party`]: the assessment's
//!   `accountability` indicator (records dated in a range).
//! - Rectification items (整改事项) will be linked through
//!   `accountability_links.rectification_id` once they exist.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::dates::ymd;
use crate::error::{invalid, Error, Result};
use crate::org::PartyIndex;
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};
use crate::store::{audit, Actor, Store};

/// The kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountabilityKind {
    /// 提醒谈话
    ReminderTalk,
    /// 约谈
    Interview,
    /// 诫勉谈话
    Admonition,
    /// 通报批评
    Criticism,
    /// 问责
    Accountability,
}

impl AccountabilityKind {
    /// Every kind, mildest first.
    pub const ALL: [AccountabilityKind; 5] = [
        AccountabilityKind::ReminderTalk,
        AccountabilityKind::Interview,
        AccountabilityKind::Admonition,
        AccountabilityKind::Criticism,
        AccountabilityKind::Accountability,
    ];
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            AccountabilityKind::ReminderTalk => "reminder_talk",
            AccountabilityKind::Interview => "interview",
            AccountabilityKind::Admonition => "admonition",
            AccountabilityKind::Criticism => "criticism",
            AccountabilityKind::Accountability => "accountability",
        }
    }
    /// 提醒谈话 / 约谈 / 诫勉谈话 / 通报批评 / 问责.
    pub fn label(self) -> &'static str {
        match self {
            AccountabilityKind::ReminderTalk => "提醒谈话",
            AccountabilityKind::Interview => "约谈",
            AccountabilityKind::Admonition => "诫勉谈话",
            AccountabilityKind::Criticism => "通报批评",
            AccountabilityKind::Accountability => "问责",
        }
    }
    /// From the Chinese word or the code.
    pub fn from_word(text: &str) -> Option<AccountabilityKind> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
    }
}

impl std::str::FromStr for AccountabilityKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        AccountabilityKind::from_word(s).ok_or_else(|| {
            invalid(format!(
                "类型“{}”无法识别（可填：提醒谈话、约谈、诫勉谈话、通报批评、问责）。",
                s.trim()
            ))
        })
    }
}

/// A record to write.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewAccountability {
    /// The department or unit (name or alias).
    pub party: String,
    /// The record's date.
    pub decided_on: NaiveDate,
    /// Its kind.
    pub kind: AccountabilityKind,
    /// 事由: why.
    pub reason: String,
    /// The 事项编号 of the items it concerns (may be empty).
    pub items: Vec<String>,
    /// Who decided (a leader, a meeting).
    pub decided_by: String,
}

/// A stored record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AccountabilityRecord {
    /// Row id in `accountability_records`.
    pub id: i64,
    /// The party's `parties.id`.
    pub party_id: i64,
    /// The party's name.
    pub party: String,
    /// The record's date.
    pub decided_on: NaiveDate,
    /// Its kind.
    pub kind: AccountabilityKind,
    /// 事由.
    pub reason: String,
    /// The 事项编号 of the items it concerns.
    pub items: Vec<String>,
    /// Who decided.
    pub decided_by: String,
    /// Who recorded it.
    pub operator: String,
}

/// Writes a record: one transaction, an audit entry of the record and one
/// on each concerned item's timeline. Refuses an unknown party or item, an
/// empty reason.
pub fn record(
    store: &mut Store,
    actor: &Actor,
    new: &NewAccountability,
) -> Result<AccountabilityRecord> {
    let reason = new.reason.trim();
    if reason.is_empty() {
        return Err(invalid("请填写事由（约谈、问责的原因）。"));
    }
    crate::dates::not_after_today(
        "日期",
        new.decided_on,
        actor.today(),
        "请填写实际约谈或作出决定的日期。",
    )?;
    let parties = PartyIndex::load(store.conn())?;
    let party = parties.resolve(&new.party).ok_or_else(|| {
        Error::NotFound(format!(
            "“{}”不在组织机构中，请核对名称。",
            new.party.trim()
        ))
    })?;
    let mut items: Vec<(i64, String)> = Vec::new();
    for no in &new.items {
        let key = crate::items::item_by_no(store.conn(), no)?.ok_or_else(|| {
            Error::NotFound(format!("找不到事项编号为“{}”的督办事项。", no.trim()))
        })?;
        if !items.iter().any(|(id, _)| *id == key.id) {
            items.push((key.id, key.item_no));
        }
    }
    let (party_id, party_name) = (party.id, party.name.clone());
    let id = store.write(|tx| {
        tx.execute(
            "INSERT INTO accountability_records(party_id, decided_on, kind, reason, decided_by, created_at, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                party_id,
                ymd(new.decided_on),
                new.kind.code(),
                reason,
                new.decided_by.trim(),
                actor.stamp(),
                actor.operator
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (item_id, _) in &items {
            tx.execute(
                "INSERT INTO accountability_links(record_id, item_id) VALUES (?1, ?2)",
                params![id, item_id],
            )?;
        }
        let after = serde_json::json!({
            "party": party_name,
            "date": ymd(new.decided_on),
            "kind": new.kind.label(),
            "reason": reason,
            "items": items.iter().map(|(_, no)| no).collect::<Vec<_>>(),
            "decided_by": new.decided_by.trim(),
            "record": id,
        });
        let action = format!("记录{}", new.kind.label());
        audit::append_in(tx, actor, "accountability", &id.to_string(), &action, None, Some(&after))?;
        for (_, no) in &items {
            audit::append_in(tx, actor, "item", no, &action, None, Some(&after))?;
        }
        Ok(id)
    })?;
    get(store.conn(), id)
}

const SELECT: &str =
    "SELECT r.id, r.party_id, p.name, r.decided_on, r.kind, r.reason, r.decided_by, r.operator
    FROM accountability_records r JOIN parties p ON p.id = r.party_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountabilityRecord> {
    let kind: String = r.get(4)?;
    Ok(AccountabilityRecord {
        id: r.get(0)?,
        party_id: r.get(1)?,
        party: r.get(2)?,
        decided_on: crate::dates::date_col(r, 3)?,
        kind: AccountabilityKind::from_word(&kind).unwrap_or(AccountabilityKind::Interview),
        reason: r.get(5)?,
        items: Vec::new(),
        decided_by: r.get(6)?,
        operator: r.get(7)?,
    })
}

fn with_items(conn: &Connection, mut rec: AccountabilityRecord) -> Result<AccountabilityRecord> {
    let mut st = conn.prepare_cached(
        "SELECT i.item_no FROM accountability_links l JOIN items i ON i.id = l.item_id
         WHERE l.record_id = ?1 ORDER BY i.item_no",
    )?;
    rec.items = st
        .query_map([rec.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rec)
}

/// One record by id.
pub fn get(conn: &Connection, id: i64) -> Result<AccountabilityRecord> {
    use rusqlite::OptionalExtension;
    let rec = conn
        .query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的约谈问责记录。")))?;
    with_items(conn, rec)
}

/// Which records to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct AccountabilityFilter {
    /// Only this party's (name or alias).
    pub party: Option<String>,
    /// Dated on or after.
    pub from: Option<NaiveDate>,
    /// Dated on or before.
    pub to: Option<NaiveDate>,
}

/// The records matching the filter, newest first.
pub fn list(conn: &Connection, filter: &AccountabilityFilter) -> Result<Vec<AccountabilityRecord>> {
    let party_id = match filter.party.as_deref() {
        None => None,
        Some(name) => Some(crate::org::party_id(conn, name)?.ok_or_else(|| {
            Error::NotFound(format!("“{}”不在组织机构中，请核对名称。", name.trim()))
        })?),
    };
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR r.party_id = ?1) AND (?2 IS NULL OR r.decided_on >= ?2)
           AND (?3 IS NULL OR r.decided_on <= ?3)
         ORDER BY r.decided_on DESC, r.id DESC"
    ))?;
    let rows = st
        .query_map(
            params![party_id, filter.from.map(ymd), filter.to.map(ymd)],
            row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|r| with_items(conn, r)).collect()
}

/// How many records (every kind) party `party_id` has dated in `[from, to]`:
/// the value of the assessment's `accountability` indicator.
pub fn count_for_party(
    conn: &Connection,
    party_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM accountability_records WHERE party_id = ?1 AND decided_on >= ?2 AND decided_on <= ?3",
        params![party_id, ymd(from), ymd(to)],
        |r| r.get(0),
    )?)
}

/// [`count_for_party`] for every party at once (`parties.id` → count;
/// parties without a record are absent).
pub fn counts_by_party(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, u32>> {
    let mut st = conn.prepare(
        "SELECT party_id, COUNT(*) FROM accountability_records
         WHERE decided_on >= ?1 AND decided_on <= ?2 GROUP BY party_id",
    )?;
    let rows = st.query_map(params![ymd(from), ymd(to)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The sheet of the records matching `filter` (print-ready; dates are date
/// cells), headed like every list: the office's name, 统计日期 `today`.
pub fn export(
    conn: &Connection,
    filter: &AccountabilityFilter,
    today: NaiveDate,
    path: &Path,
) -> Result<usize> {
    let rows = list(conn, filter)?;
    let scope = match (filter.from, filter.to) {
        (None, None) => "全部".to_string(),
        (f, t) => format!(
            "{} 至 {}",
            f.map(crate::dates::cn).unwrap_or_else(|| "最早".into()),
            t.map(crate::dates::cn).unwrap_or_else(|| "最近".into())
        ),
    };
    let office = crate::reminders::office_name(conn)?;
    let layout = Layout::new(format!("{office}约谈问责记录"))
        .info(vec![(
            0,
            format!(
                "统计日期：{}　　范围：{scope}　　共 {} 条",
                ymd(today),
                rows.len()
            ),
        )])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::date("日期"),
            Column::text("部门/单位", 22.0),
            Column::text("类型", 10.0),
            Column::text("事由", 40.0).wrap(),
            Column::text("涉及事项", 20.0).wrap(),
            Column::text("决定人", 12.0),
            Column::text("记录人", 10.0),
        ]);
    let mut book = Book::new();
    book.anchor(crate::store::audit::head(conn)?.short());
    let mut t = book.table("约谈问责记录", &layout)?;
    for (n, r) in rows.iter().enumerate() {
        let items = r.items.join("、");
        t.row(
            &[
                Cell::Int(n as i64 + 1),
                Cell::Date(r.decided_on),
                Cell::Text(&r.party),
                Cell::Text(r.kind.label()),
                Cell::Text(&r.reason),
                Cell::Text(&items),
                Cell::Text(&r.decided_by),
                Cell::Text(&r.operator),
            ],
            Fill::None,
        )?;
    }
    book.save(path)?;
    Ok(rows.len())
}
