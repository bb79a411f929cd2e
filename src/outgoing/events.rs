//! Quality events of outgoing documents: 退文 / 退改 with the 关 that failed
//! and 会签逾期, recorded by the office; 会签逾期 of a linked countersign and
//! 限时件超时, derived.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::{department_of, get, Outgoing};
use crate::dates::{date_col, ymd};
use crate::error::{invalid, Error, Result};
use crate::org::PartyIndex;
use crate::store::{audit, Actor, Store};

/// The five 关 of §八 a document is checked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub enum Gate {
    /// 法律关.
    #[serde(rename = "法律关")]
    Legal,
    /// 政策关.
    #[serde(rename = "政策关")]
    Policy,
    /// 程序关.
    #[serde(rename = "程序关")]
    Procedure,
    /// 内容关.
    #[serde(rename = "内容关")]
    Content,
    /// 文字关.
    #[serde(rename = "文字关")]
    Wording,
}

impl Gate {
    /// Every 关, in the order of §八.
    pub const ALL: [Gate; 5] = [
        Gate::Legal,
        Gate::Policy,
        Gate::Procedure,
        Gate::Content,
        Gate::Wording,
    ];
    /// 法律关 … (also the stored value).
    pub fn label(self) -> &'static str {
        match self {
            Gate::Legal => "法律关",
            Gate::Policy => "政策关",
            Gate::Procedure => "程序关",
            Gate::Content => "内容关",
            Gate::Wording => "文字关",
        }
    }
    /// From 法律关 or 法律 ….
    pub fn parse(text: &str) -> Result<Gate> {
        let t = text.trim();
        Gate::ALL
            .into_iter()
            .find(|g| g.label() == t || g.label().trim_end_matches('关') == t)
            .ok_or_else(|| {
                invalid(format!(
                    "“{t}”不是可识别的审核关口。请填写：法律关、政策关、程序关、内容关或文字关。"
                ))
            })
    }
}

/// What went wrong with a document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// 退文: returned to the drafting department.
    Returned,
    /// 退改: sent back for changes.
    Revised,
    /// 会签逾期: a department answered a 会签 after its deadline (or not at all).
    CountersignOverdue,
    /// 限时件超时: 印发 after the 限时 (derived only).
    TimeLimitLate,
}

impl EventKind {
    /// Every kind, in the bulletin's column order.
    pub const ALL: [EventKind; 4] = [
        EventKind::Returned,
        EventKind::Revised,
        EventKind::CountersignOverdue,
        EventKind::TimeLimitLate,
    ];
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Returned => "returned",
            EventKind::Revised => "revised",
            EventKind::CountersignOverdue => "countersign_overdue",
            EventKind::TimeLimitLate => "time_limit_late",
        }
    }
    /// 退文 / 退改 / 会签逾期 / 限时件超时.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Returned => "退文",
            EventKind::Revised => "退改",
            EventKind::CountersignOverdue => "会签逾期",
            EventKind::TimeLimitLate => "限时件超时",
        }
    }
    fn from_code(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == s)
    }
    /// A kind the office records (限时件超时 is always derived).
    pub fn parse(text: &str) -> Result<EventKind> {
        let t = text.trim();
        match EventKind::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
        {
            Some(EventKind::TimeLimitLate) => Err(invalid(
                "限时件超时由印发日期与限时自动认定，无需登记。请登记印发日期。",
            )),
            Some(k) => Ok(k),
            None => Err(invalid(format!(
                "问题类型“{t}”无法识别。请填写：退文、退改或会签逾期。"
            ))),
        }
    }
}

/// A quality event to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewEvent {
    /// 文号 of the outgoing document.
    pub doc_no: String,
    /// The department at fault (name or alias); none = the 主办部门.
    pub department: Option<String>,
    /// 退文 / 退改 / 会签逾期.
    pub kind: EventKind,
    /// The 关 it failed: required for 退文 and 退改, refused otherwise.
    pub gate: Option<Gate>,
    /// The day it happened.
    pub occurred_on: NaiveDate,
    /// 说明.
    pub note: String,
}

/// One quality event, recorded or derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct QualityEvent {
    /// Row id in `outgoing_events`; none when derived.
    pub id: Option<i64>,
    /// Row id in `outgoing_docs`.
    pub outgoing_id: i64,
    /// 文号.
    pub doc_no: String,
    /// 标题.
    pub title: String,
    /// The department at fault.
    pub department: String,
    /// Its `parties.id`.
    pub department_id: i64,
    /// What happened.
    pub kind: EventKind,
    /// The 关 (退文 / 退改).
    pub gate: Option<Gate>,
    /// The day it happened (a derived 会签逾期 not answered: its reply deadline).
    pub occurred_on: NaiveDate,
    /// 说明, or how a derived event was found.
    pub note: String,
    /// Derived from the register or the 会签, not recorded.
    pub derived: bool,
}

/// Records a quality event. Refused, nothing written: an unknown document,
/// an unknown department or one that is not a 内设机构, a 退文 / 退改 without
/// its 关, a 关 on a 会签逾期, a 会签逾期 on a document whose 会签 is linked
/// (derived from its replies), a date before 拟稿 or after today.
pub fn record_event(store: &mut Store, actor: &Actor, new: &NewEvent) -> Result<QualityEvent> {
    let id = store.write(|tx| record_event_in(tx, actor, new))?;
    let o = get(store.conn(), &new.doc_no)?;
    recorded(store.conn(), &o)?
        .into_iter()
        .find(|e| e.id == Some(id))
        .ok_or_else(|| Error::NotFound(format!("找不到问题记录 {id}。")))
}

/// [`record_event`] inside the caller's transaction (with its audit entry); returns the id.
pub fn record_event_in(tx: &Transaction, actor: &Actor, new: &NewEvent) -> Result<i64> {
    let o = get(tx, &new.doc_no)?;
    let (party_id, party) = match new.department.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => department_of(&PartyIndex::load(tx)?, d, "问题责任部门")?,
        _ => (o.department_id, o.department.clone()),
    };
    match (new.kind, new.gate) {
        (EventKind::Returned | EventKind::Revised, None) => {
            return Err(invalid(format!(
                "登记{}时请注明未通过的关口：法律关、政策关、程序关、内容关或文字关。",
                new.kind.label()
            )))
        }
        (EventKind::CountersignOverdue, Some(_)) => {
            return Err(invalid("会签逾期不涉及审核关口，请不要填写关口。"))
        }
        (EventKind::TimeLimitLate, _) => {
            return Err(invalid(
                "限时件超时由印发日期与限时自动认定，无需登记。请登记印发日期。",
            ))
        }
        _ => {}
    }
    if new.kind == EventKind::CountersignOverdue {
        if let Some(cs) = o.countersign_id {
            return Err(Error::Conflict(format!(
                "发文“{}”已关联会签 #{cs}，会签逾期按各部门的回复日期自动认定，无需登记。",
                o.doc_no
            )));
        }
    }
    if new.occurred_on < o.drafted_on {
        return Err(invalid(format!(
            "问题发生日期 {} 早于发文“{}”的拟稿日期 {}，请核对日期。",
            ymd(new.occurred_on),
            o.doc_no,
            ymd(o.drafted_on)
        )));
    }
    crate::dates::not_after_today(
        "问题发生日期",
        new.occurred_on,
        actor.today(),
        "请填写实际发生的日期。",
    )?;
    tx.execute(
        "INSERT INTO outgoing_events (outgoing_id, party_id, kind, gate, occurred_on, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            o.id,
            party_id,
            new.kind.code(),
            new.gate.map(Gate::label),
            ymd(new.occurred_on),
            new.note.trim(),
            actor.operator,
            actor.stamp(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append_in(
        tx,
        actor,
        "outgoing",
        &o.doc_no,
        "quality_event",
        None,
        Some(&serde_json::json!({
            "event": id,
            "department": party,
            "kind": new.kind.label(),
            "gate": new.gate.map(Gate::label),
            "occurred_on": ymd(new.occurred_on),
            "note": new.note.trim(),
        })),
    )?;
    Ok(id)
}

fn recorded(conn: &Connection, o: &Outgoing) -> Result<Vec<QualityEvent>> {
    let mut st = conn.prepare_cached(
        "SELECT e.id, e.party_id, p.name, e.kind, e.gate, e.occurred_on, e.note
         FROM outgoing_events e JOIN parties p ON p.id = e.party_id
         WHERE e.outgoing_id = ?1 ORDER BY e.occurred_on, e.id",
    )?;
    let rows = st.query_map([o.id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            date_col(r, 5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, party_id, party, kind, gate, on, note) = row?;
        let bad = || Error::BadFile(format!("发文问题记录 {id} 的内容有误，请运行完整性检查。"));
        out.push(QualityEvent {
            id: Some(id),
            outgoing_id: o.id,
            doc_no: o.doc_no.clone(),
            title: o.title.clone(),
            department: party,
            department_id: party_id,
            kind: EventKind::from_code(&kind).ok_or_else(bad)?,
            gate: gate
                .map(|g| Gate::parse(&g))
                .transpose()
                .map_err(|_| bad())?,
            occurred_on: on,
            note,
            derived: false,
        });
    }
    Ok(out)
}

/// Every event of document `o` as of `as_of`, as things stood then: those
/// recorded on or before `as_of` (but a 会签逾期 recorded by hand once a 会签
/// is linked), then the derived ones — 限时件超时 (印发
/// after the 限时, or not 印发 by `as_of` and the 限时 before it) and 会签逾期
/// of its linked 会签 (a reply after the reply deadline, or none by `as_of`
/// and the deadline before it).
pub fn events_of(conn: &Connection, o: &Outgoing, as_of: NaiveDate) -> Result<Vec<QualityEvent>> {
    let mut out = recorded(conn, o)?;
    // Once the document links its 会签, 会签逾期 comes from the replies only:
    // one recorded by hand before the link is not counted a second time.
    out.retain(|e| {
        e.occurred_on <= as_of
            && !(o.countersign_id.is_some() && e.kind == EventKind::CountersignOverdue)
    });
    let derived = |department_id, department: &str, kind, on, note: String| QualityEvent {
        id: None,
        outgoing_id: o.id,
        doc_no: o.doc_no.clone(),
        title: o.title.clone(),
        department: department.to_string(),
        department_id,
        kind,
        gate: None,
        occurred_on: on,
        note,
        derived: true,
    };
    if let Some(limit) = o.time_limit {
        let late = match o.issued_on.filter(|i| *i <= as_of) {
            Some(i) => (i > limit).then(|| (i, format!("限时 {}，{} 印发", ymd(limit), ymd(i)))),
            None => (as_of > limit).then(|| {
                (
                    limit,
                    format!("限时 {}，截至 {} 未印发", ymd(limit), ymd(as_of)),
                )
            }),
        };
        if let Some((on, note)) = late {
            out.push(derived(
                o.department_id,
                &o.department,
                EventKind::TimeLimitLate,
                on,
                note,
            ));
        }
    }
    if let Some(cs) = o.countersign_id {
        let c = crate::countersigns::get(conn, cs)?;
        for r in &c.replies {
            let late = match r.replied_on.filter(|on| *on <= as_of) {
                Some(on) => (on > c.reply_due).then(|| {
                    (
                        on,
                        format!("会签 #{cs} 限 {} 回复，{} 回复", ymd(c.reply_due), ymd(on)),
                    )
                }),
                None => (as_of > c.reply_due).then(|| {
                    (
                        c.reply_due,
                        format!(
                            "会签 #{cs} 限 {} 回复，截至 {} 未回复",
                            ymd(c.reply_due),
                            ymd(as_of)
                        ),
                    )
                }),
            };
            if let Some((on, note)) = late {
                out.push(derived(
                    r.party_id,
                    &r.party,
                    EventKind::CountersignOverdue,
                    on,
                    note,
                ));
            }
        }
    }
    Ok(out)
}

/// Every event of the document with 文号 `doc_no` as of `as_of` ([`events_of`]).
pub fn events_for(conn: &Connection, doc_no: &str, as_of: NaiveDate) -> Result<Vec<QualityEvent>> {
    events_of(conn, &get(conn, doc_no)?, as_of)
}
