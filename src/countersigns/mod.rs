//! 会签 / 征求意见 (PRODUCT #7): a document or a draft goes to several
//! departments with a reply deadline counted in working days
//! (`calendar.add_workdays(sent_on, n)`); each reply is recorded (date,
//! 同意 / 不同意 / 有意见, comment). Open replies are `countersign_due`
//! reminders, replies past the deadline `countersign_overdue`.

mod queries;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::{invalid, Error, Result};
use crate::store::{audit, Actor, Store};

pub(crate) use queries::reminders;
pub use queries::{for_document, get, list, open_count};

/// 会签 or 征求意见.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum CountersignKind {
    /// 会签: the departments sign off on a draft.
    #[serde(rename = "会签")]
    Countersign,
    /// 征求意见: the departments are asked for their opinions.
    #[serde(rename = "征求意见")]
    Consultation,
}

impl CountersignKind {
    /// The Chinese word (also the database value).
    pub fn label(self) -> &'static str {
        match self {
            CountersignKind::Countersign => "会签",
            CountersignKind::Consultation => "征求意见",
        }
    }
    /// From the Chinese word.
    pub fn parse(text: &str) -> Result<CountersignKind> {
        match text.trim() {
            "会签" => Ok(CountersignKind::Countersign),
            "征求意见" => Ok(CountersignKind::Consultation),
            other => Err(invalid(format!(
                "类型“{other}”无法识别。请填写“会签”或“征求意见”。"
            ))),
        }
    }
}

/// A department's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum Opinion {
    /// 同意: agrees.
    #[serde(rename = "同意")]
    Agree,
    /// 不同意: disagrees.
    #[serde(rename = "不同意")]
    Disagree,
    /// 有意见: has comments or changes to ask for (`parse` also reads 修改意见 as this).
    #[serde(rename = "有意见")]
    Comments,
}

impl Opinion {
    /// The Chinese word (also the database value).
    pub fn label(self) -> &'static str {
        match self {
            Opinion::Agree => "同意",
            Opinion::Disagree => "不同意",
            Opinion::Comments => "有意见",
        }
    }
    /// From the Chinese word.
    pub fn parse(text: &str) -> Result<Opinion> {
        match text.trim() {
            "同意" => Ok(Opinion::Agree),
            "不同意" => Ok(Opinion::Disagree),
            "有意见" | "修改意见" => Ok(Opinion::Comments),
            other => Err(invalid(format!(
                "回复意见“{other}”无法识别。请填写：同意、不同意或有意见。"
            ))),
        }
    }
}

/// A countersign to send.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewCountersign {
    /// 收文编号 of the document, or none for a draft.
    pub doc_no: Option<String>,
    /// What is sent (defaults to the document's title).
    pub title: String,
    /// 会签 or 征求意见.
    pub kind: CountersignKind,
    /// The day it was sent (not after today).
    pub sent_on: NaiveDate,
    /// Working days to reply (at least 1).
    pub reply_days: u32,
    /// Departments/units (names or aliases); at least one.
    pub parties: Vec<String>,
}

/// One party's reply (open while `replied_on` is none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CountersignReply {
    /// The department or unit asked (`parties.id`).
    pub party_id: i64,
    /// Its name.
    pub party: String,
    /// The date it replied; None while the reply is outstanding.
    pub replied_on: Option<NaiveDate>,
    /// 回复意见; None while the reply is outstanding.
    pub opinion: Option<Opinion>,
    /// The reply's comment; empty when none.
    pub comment: String,
}

/// A countersign with its replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Countersign {
    /// Row id in `countersigns`.
    pub id: i64,
    /// Row id in `documents` of the document it concerns; None for a draft with no 收文.
    pub document_id: Option<i64>,
    /// 收文编号 of that document; None for a draft.
    pub doc_no: Option<String>,
    /// What was sent.
    pub title: String,
    /// 会签 or 征求意见.
    pub kind: CountersignKind,
    /// The day it was sent.
    pub sent_on: NaiveDate,
    /// Working days allowed to reply (at least 1).
    pub reply_days: u32,
    /// `calendar.add_workdays(sent_on, reply_days)`.
    pub reply_due: NaiveDate,
    /// One reply per party it was sent to, in organisation order.
    pub replies: Vec<CountersignReply>,
}

/// A reply to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewReply {
    /// Row id in `countersigns` of the countersign answered.
    pub countersign_id: i64,
    /// The replying party (name or alias), one of those it was sent to.
    pub party: String,
    /// The date the party replied.
    pub replied_on: NaiveDate,
    /// 回复意见.
    pub opinion: Opinion,
    /// The reply's comment; may be empty.
    pub comment: String,
}

/// Sends a countersign. Refused, nothing written: an unknown party or
/// document, no party, `reply_days` 0, an empty title, a future date.
pub fn send(
    store: &mut Store,
    actor: &Actor,
    cal: &Calendar,
    new: &NewCountersign,
) -> Result<Countersign> {
    let id = store.write(|tx| send_in(tx, actor, cal, new))?;
    get(store.conn(), id)
}

/// The audit entity of a countersign: its document, or itself.
fn entity(doc_no: &Option<String>, id: i64) -> (&'static str, String) {
    match doc_no {
        Some(no) => ("document", no.clone()),
        None => ("countersign", id.to_string()),
    }
}

/// [`send`] inside the caller's transaction (with its audit entry); returns the id.
pub fn send_in(
    tx: &Transaction,
    actor: &Actor,
    cal: &Calendar,
    new: &NewCountersign,
) -> Result<i64> {
    let doc = match new
        .doc_no
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(no) => Some(
            tx.query_row(
                "SELECT id, doc_no, title FROM documents WHERE doc_no = ?1",
                [no],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("找不到收文编号“{no}”。请核对编号后重试。")))?,
        ),
    };
    let title = match (new.title.trim(), &doc) {
        ("", Some((_, _, t))) => t.clone(),
        ("", None) => return Err(invalid("请填写会签/征求意见的文稿标题。")),
        (t, _) => t.to_string(),
    };
    if new.reply_days == 0 {
        return Err(invalid("回复期限至少为 1 个工作日。"));
    }
    crate::dates::not_after_today(
        "发送日期",
        new.sent_on,
        actor.today(),
        "请填写实际发送的日期。",
    )?;
    if let Some((id, _, _)) = &doc {
        crate::documents::check_record_on(tx, *id, "会签发送日期", new.sent_on)?;
    }
    let index = crate::org::PartyIndex::load(tx)?;
    let mut parties: Vec<(i64, String)> = Vec::new();
    for name in new
        .parties
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        let p = index.resolve(name).ok_or_else(|| {
            Error::NotFound(format!(
                "组织机构中没有“{name}”，不能发送{}。请核对部门名称，或先在组织机构中添加该部门。",
                new.kind.label()
            ))
        })?;
        if !parties.iter().any(|(id, _)| *id == p.id) {
            parties.push((p.id, p.name.clone()));
        }
    }
    if parties.is_empty() {
        return Err(invalid(format!("请至少选择一个{}部门。", new.kind.label())));
    }
    let reply_due = cal.add_workdays(new.sent_on, new.reply_days);
    tx.execute(
        "INSERT INTO countersigns(document_id, title, kind, sent_on, reply_days, reply_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            doc.as_ref().map(|d| d.0),
            title,
            new.kind.label(),
            crate::dates::ymd(new.sent_on),
            new.reply_days,
            crate::dates::ymd(reply_due)
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (party_id, _) in &parties {
        tx.execute(
            "INSERT INTO countersign_replies(countersign_id, party_id) VALUES (?1, ?2)",
            params![id, party_id],
        )?;
    }
    let (ent, number) = entity(&doc.map(|d| d.1), id);
    audit::append_in(
        tx,
        actor,
        ent,
        &number,
        "countersign_send",
        None,
        Some(&serde_json::json!({
            "countersign_id": id,
            "title": title,
            "kind": new.kind.label(),
            "sent_on": crate::dates::ymd(new.sent_on),
            "reply_days": new.reply_days,
            "reply_due": crate::dates::ymd(reply_due),
            "parties": parties.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
        })),
    )?;
    Ok(id)
}

/// After a change of the calendar (`was`: as it was): the reply deadline of
/// each 会签 nobody has answered yet is worked out again from its sending date
/// and working days, and one that moves is stored with an audit entry (a 会签
/// sent before the office loaded the year's holiday notice is due when the
/// notice says). One with a reply recorded keeps its deadline: the deadline is
/// shared, and a reply judged on time (or late) stays so.
pub fn follow_calendar_in(tx: &Transaction, actor: &Actor, was: &Calendar) -> Result<()> {
    let now = Calendar::load(tx)?;
    let sent: Vec<(i64, Option<String>, NaiveDate, u32, NaiveDate)> = {
        let mut st = tx.prepare(
            "SELECT c.id, d.doc_no, c.sent_on, c.reply_days, c.reply_due
               FROM countersigns c LEFT JOIN documents d ON d.id = c.document_id
              WHERE NOT EXISTS (SELECT 1 FROM countersign_replies r
                                 WHERE r.countersign_id = c.id AND r.replied_on IS NOT NULL)",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                crate::dates::date_col(r, 2)?,
                r.get(3)?,
                crate::dates::date_col(r, 4)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, doc_no, sent_on, days, due) in sent {
        let moved = now.add_workdays(sent_on, days);
        if moved == due || was.add_workdays(sent_on, days) != due {
            continue;
        }
        tx.execute(
            "UPDATE countersigns SET reply_due = ?2 WHERE id = ?1",
            params![id, crate::dates::ymd(moved)],
        )?;
        let (ent, number) = entity(&doc_no, id);
        audit::append_in(
            tx,
            actor,
            ent,
            &number,
            "countersign_reply_due",
            Some(&serde_json::json!({ "countersign_id": id, "reply_due": crate::dates::ymd(due) })),
            Some(&serde_json::json!({
                "countersign_id": id,
                "reply_due": crate::dates::ymd(moved),
                "原因": "节假日安排调整",
            })),
        )?;
    }
    Ok(())
}

/// Records one party's reply. Refused: an unknown countersign or party, a
/// party it was not sent to, a party that already replied, a date before
/// sending or after today.
pub fn reply(store: &mut Store, actor: &Actor, new: &NewReply) -> Result<Countersign> {
    store.write(|tx| reply_in(tx, actor, new))?;
    get(store.conn(), new.countersign_id)
}

/// [`reply`] inside the caller's transaction (with its audit entry).
pub fn reply_in(tx: &Transaction, actor: &Actor, new: &NewReply) -> Result<()> {
    let cs = get(tx, new.countersign_id)?;
    let index = crate::org::PartyIndex::load(tx)?;
    let name = new.party.trim();
    let party = index
        .resolve(name)
        .ok_or_else(|| Error::NotFound(format!("组织机构中没有“{name}”。请核对部门名称。")))?;
    let slot = cs
        .replies
        .iter()
        .find(|r| r.party_id == party.id)
        .ok_or_else(|| {
            invalid(format!(
                "“{}”未收到{}“{}”，不能登记其回复。",
                party.name,
                cs.kind.label(),
                cs.title
            ))
        })?;
    if let Some(on) = slot.replied_on {
        return Err(Error::Conflict(format!(
            "{}已于 {} 回复了“{}”，不能重复登记。",
            party.name,
            crate::dates::ymd(on),
            cs.title
        )));
    }
    if new.replied_on < cs.sent_on || new.replied_on > actor.today() {
        return Err(invalid(format!(
            "回复日期 {} 须在发送日期 {} 与今天之间。",
            crate::dates::ymd(new.replied_on),
            crate::dates::ymd(cs.sent_on)
        )));
    }
    tx.execute(
        "UPDATE countersign_replies SET replied_on = ?3, opinion = ?4, comment = ?5
         WHERE countersign_id = ?1 AND party_id = ?2",
        params![
            cs.id,
            party.id,
            crate::dates::ymd(new.replied_on),
            new.opinion.label(),
            new.comment.trim()
        ],
    )?;
    let (ent, number) = entity(&cs.doc_no, cs.id);
    audit::append_in(
        tx,
        actor,
        ent,
        &number,
        "countersign_reply",
        None,
        Some(&serde_json::json!({
            "countersign_id": cs.id,
            "party": party.name,
            "replied_on": crate::dates::ymd(new.replied_on),
            "opinion": new.opinion.label(),
            "comment": new.comment.trim(),
            "late": new.replied_on > cs.reply_due,
        })),
    )?;
    Ok(())
}
