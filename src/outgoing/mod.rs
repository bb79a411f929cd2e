//! 发文登记 and 公文办理质量 (seed §八, §九; PRODUCT #11).
//!
//! - The register: 文号, 标题, 主办部门 (a department of the organisation),
//!   the stage dates 拟稿 ≤ 会签 ≤ 审签 ≤ 印发, 限时 / 特急 and 重要 flags
//!   ([`add`], [`update`], [`list`]).
//! - Quality events per department ([`record_event`], [`events_of`]): 退文 /
//!   退改 with the 关 that failed, recorded; 会签逾期 derived from the linked
//!   countersign's replies (or recorded when the 会签 was not sent through
//!   Duban); 限时件超时 derived (印发 after the 限时, or not 印发 and the 限时
//!   passed on the as-of day).
//! - Important documents not yet 印发 are `outgoing_pending` reminders, in the
//!   每个工作日上、下午 check (§九) ([`reminders`]).
//! - `quality.rs`: the 公文办理质量 figures of a month or a quarter, as a plain
//!   function ([`quality_figures`]), loading and publishing them; `workbook.rs`
//!   the print-ready workbook of the stored figures.

mod events;
mod quality;
pub mod word;
pub mod workbook;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::dates::{date_col, opt_date_col, ymd};
use crate::error::{invalid, Error, Result};
use crate::org::{PartyIndex, PartyKind};
use crate::reminders::{Reminder, ReminderKind, ScanContext};
use crate::store::{audit, Actor, Store};

pub use events::{
    events_for, events_of, record_event, record_event_in, EventKind, Gate, NewEvent, QualityEvent,
};
pub use quality::{
    load_quality, publish_quality, published_quality, quality_figures, quality_summary, DocFact,
    QualityFigures, QualityPeriod, QualityRow,
};
pub use workbook::{export_quality, write_quality};

/// An outgoing document to register.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct NewOutgoing {
    /// 文号 (unique).
    pub doc_no: String,
    /// 标题.
    pub title: String,
    /// 主办部门 (name or alias of a department).
    pub department: String,
    /// 拟稿日期.
    pub drafted_on: NaiveDate,
    /// 会签 done on; none when not (yet) countersigned.
    pub countersigned_on: Option<NaiveDate>,
    /// 审签日期.
    pub approved_on: Option<NaiveDate>,
    /// 印发日期.
    pub issued_on: Option<NaiveDate>,
    /// 限时: the day it must be 印发 by.
    pub time_limit: Option<NaiveDate>,
    /// 特急.
    pub urgent: bool,
    /// 重要: checked every working day 上午 and 下午 until 印发.
    pub important: bool,
    /// The 会签 (countersign id) it went through, when sent with Duban.
    pub countersign_id: Option<i64>,
    /// 备注.
    pub note: String,
}

/// Changes to a registered document; `None` keeps the stored value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct OutgoingPatch {
    /// 标题.
    pub title: Option<String>,
    /// 主办部门.
    pub department: Option<String>,
    /// 拟稿日期.
    pub drafted_on: Option<NaiveDate>,
    /// 会签日期.
    pub countersigned_on: Option<NaiveDate>,
    /// 审签日期.
    pub approved_on: Option<NaiveDate>,
    /// 印发日期.
    pub issued_on: Option<NaiveDate>,
    /// 限时.
    pub time_limit: Option<NaiveDate>,
    /// 特急.
    pub urgent: Option<bool>,
    /// 重要.
    pub important: Option<bool>,
    /// The linked 会签.
    pub countersign_id: Option<i64>,
    /// 备注.
    pub note: Option<String>,
}

/// A registered outgoing document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Outgoing {
    /// Row id in `outgoing_docs`.
    pub id: i64,
    /// 文号.
    pub doc_no: String,
    /// 标题.
    pub title: String,
    /// 主办部门 (`parties.id`).
    pub department_id: i64,
    /// 主办部门's name.
    pub department: String,
    /// 拟稿日期.
    pub drafted_on: NaiveDate,
    /// 会签日期.
    pub countersigned_on: Option<NaiveDate>,
    /// 审签日期.
    pub approved_on: Option<NaiveDate>,
    /// 印发日期.
    pub issued_on: Option<NaiveDate>,
    /// 限时.
    pub time_limit: Option<NaiveDate>,
    /// 特急.
    pub urgent: bool,
    /// 重要.
    pub important: bool,
    /// The linked 会签.
    pub countersign_id: Option<i64>,
    /// 备注.
    pub note: String,
    /// 当前环节: 拟稿 / 会签 / 审签 / 已印发 (the last stage reached).
    pub stage: String,
}

impl Outgoing {
    fn stage_of(&self) -> &'static str {
        if self.issued_on.is_some() {
            "已印发"
        } else if self.approved_on.is_some() {
            "已审签待印发"
        } else if self.countersigned_on.is_some() {
            "已会签待审签"
        } else {
            "拟稿"
        }
    }
}

/// Checks 拟稿 ≤ 会签 ≤ 审签 ≤ 印发 (those given, none after `today`: a
/// document 印发 on a day to come is not issued yet) and the text fields.
fn check(o: &Outgoing, today: NaiveDate) -> Result<()> {
    if o.doc_no.trim().is_empty() {
        return Err(invalid("请填写发文文号。"));
    }
    if o.title.trim().is_empty() {
        return Err(invalid(format!("请填写发文“{}”的标题。", o.doc_no)));
    }
    let stages = [
        ("拟稿", Some(o.drafted_on)),
        ("会签", o.countersigned_on),
        ("审签", o.approved_on),
        ("印发", o.issued_on),
    ];
    for (stage, day) in &stages {
        if let Some(day) = day {
            crate::dates::not_after_today(
                &format!("发文“{}”的{stage}日期", o.doc_no),
                *day,
                today,
                "请填写实际的日期；尚未到该环节的，请留空。",
            )?;
        }
    }
    for (i, (later, ld)) in stages.iter().enumerate() {
        for (earlier, ed) in &stages[..i] {
            if let (Some(l), Some(e)) = (ld, ed) {
                if l < e {
                    return Err(invalid(format!(
                        "发文“{}”的{later}日期 {} 早于{earlier}日期 {}。环节应按 拟稿、会签、审签、印发 的顺序，请核对日期。",
                        o.doc_no,
                        ymd(*l),
                        ymd(*e)
                    )));
                }
            }
        }
    }
    if let Some(t) = o.time_limit {
        if t < o.drafted_on {
            return Err(invalid(format!(
                "发文“{}”的限时 {} 早于拟稿日期 {}，请核对限时或拟稿日期。",
                o.doc_no,
                ymd(t),
                ymd(o.drafted_on)
            )));
        }
    }
    Ok(())
}

/// The department named `name`: a known 内设机构, or a Chinese error.
pub(crate) fn department_of(index: &PartyIndex, name: &str, what: &str) -> Result<(i64, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid(format!("请填写{what}。")));
    }
    let p = index.resolve(name).ok_or_else(|| {
        Error::NotFound(format!(
            "组织机构中没有“{name}”，不能作为{what}。请核对部门名称，或先在组织机构中添加该部门。"
        ))
    })?;
    if p.kind != PartyKind::Department {
        return Err(invalid(format!(
            "“{}”是下级单位，{what}应为局内职能部门（内设机构）。",
            p.name
        )));
    }
    Ok((p.id, p.name.clone()))
}

fn check_countersign(conn: &Connection, id: Option<i64>) -> Result<()> {
    if let Some(id) = id {
        crate::countersigns::get(conn, id)?;
    }
    Ok(())
}

fn write_row(tx: &Transaction, o: &Outgoing) -> Result<i64> {
    let opt = |d: Option<NaiveDate>| d.map(ymd);
    if o.id == 0 {
        let dup: Option<i64> = tx
            .query_row(
                "SELECT id FROM outgoing_docs WHERE doc_no = ?1",
                [o.doc_no.trim()],
                |r| r.get(0),
            )
            .optional()?;
        if dup.is_some() {
            return Err(Error::Conflict(format!(
                "发文文号“{}”已登记，不能重复登记。如需修改请使用编辑。",
                o.doc_no.trim()
            )));
        }
        tx.execute(
            "INSERT INTO outgoing_docs (doc_no, title, party_id, drafted_on, countersigned_on, approved_on,
                 issued_on, time_limit, urgent, important, countersign_id, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                o.doc_no.trim(),
                o.title.trim(),
                o.department_id,
                ymd(o.drafted_on),
                opt(o.countersigned_on),
                opt(o.approved_on),
                opt(o.issued_on),
                opt(o.time_limit),
                o.urgent,
                o.important,
                o.countersign_id,
                o.note.trim(),
            ],
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE outgoing_docs SET title = ?2, party_id = ?3, drafted_on = ?4, countersigned_on = ?5,
                 approved_on = ?6, issued_on = ?7, time_limit = ?8, urgent = ?9, important = ?10,
                 countersign_id = ?11, note = ?12 WHERE id = ?1",
            params![
                o.id,
                o.title.trim(),
                o.department_id,
                ymd(o.drafted_on),
                opt(o.countersigned_on),
                opt(o.approved_on),
                opt(o.issued_on),
                opt(o.time_limit),
                o.urgent,
                o.important,
                o.countersign_id,
                o.note.trim(),
            ],
        )?;
        Ok(o.id)
    }
}

/// Registers an outgoing document. Refused, nothing written: an unknown or
/// non-department 主办部门, stage dates out of order (印发 before 拟稿 …), a
/// duplicate 文号, an unknown 会签.
pub fn add(store: &mut Store, actor: &Actor, new: &NewOutgoing) -> Result<Outgoing> {
    let id = store.write(|tx| add_in(tx, actor, new))?;
    get_by_id(store.conn(), id)
}

/// [`add`] inside the caller's transaction (with its audit entry); returns the id.
pub fn add_in(tx: &Transaction, actor: &Actor, new: &NewOutgoing) -> Result<i64> {
    let index = PartyIndex::load(tx)?;
    let (department_id, department) = department_of(&index, &new.department, "主办部门")?;
    let mut o = Outgoing {
        id: 0,
        doc_no: new.doc_no.trim().to_string(),
        title: new.title.trim().to_string(),
        department_id,
        department,
        drafted_on: new.drafted_on,
        countersigned_on: new.countersigned_on,
        approved_on: new.approved_on,
        issued_on: new.issued_on,
        time_limit: new.time_limit,
        urgent: new.urgent,
        important: new.important,
        countersign_id: new.countersign_id,
        note: new.note.trim().to_string(),
        stage: String::new(),
    };
    check(&o, actor.today())?;
    check_countersign(tx, o.countersign_id)?;
    o.id = write_row(tx, &o)?;
    o.stage = o.stage_of().to_string();
    audit::append_in(
        tx,
        actor,
        "outgoing",
        &o.doc_no,
        "add",
        None,
        Some(&serde_json::to_value(&o).expect("serialises")),
    )?;
    Ok(o.id)
}

/// Changes a registered document (the fields given). Same checks as [`add`].
pub fn update(
    store: &mut Store,
    actor: &Actor,
    doc_no: &str,
    patch: &OutgoingPatch,
) -> Result<Outgoing> {
    let id = store.write(|tx| update_in(tx, actor, doc_no, patch))?;
    get_by_id(store.conn(), id)
}

/// [`update`] inside the caller's transaction (with its audit entry); returns the id.
pub fn update_in(
    tx: &Transaction,
    actor: &Actor,
    doc_no: &str,
    patch: &OutgoingPatch,
) -> Result<i64> {
    let before = get(tx, doc_no)?;
    let mut o = before.clone();
    if let Some(t) = &patch.title {
        o.title = t.trim().to_string();
    }
    if let Some(d) = &patch.department {
        let index = PartyIndex::load(tx)?;
        (o.department_id, o.department) = department_of(&index, d, "主办部门")?;
    }
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = patch.$f { o.$f = Some(v); } )* };
    }
    if let Some(v) = patch.drafted_on {
        o.drafted_on = v;
    }
    set!(
        countersigned_on,
        approved_on,
        issued_on,
        time_limit,
        countersign_id
    );
    if let Some(v) = patch.urgent {
        o.urgent = v;
    }
    if let Some(v) = patch.important {
        o.important = v;
    }
    if let Some(n) = &patch.note {
        o.note = n.trim().to_string();
    }
    check(&o, actor.today())?;
    check_countersign(tx, o.countersign_id)?;
    write_row(tx, &o)?;
    o.stage = o.stage_of().to_string();
    audit::append_in(
        tx,
        actor,
        "outgoing",
        &o.doc_no,
        "edit",
        Some(&serde_json::to_value(&before).expect("serialises")),
        Some(&serde_json::to_value(&o).expect("serialises")),
    )?;
    Ok(o.id)
}

const SELECT: &str =
    "SELECT o.id, o.doc_no, o.title, o.party_id, p.name, o.drafted_on, o.countersigned_on,
        o.approved_on, o.issued_on, o.time_limit, o.urgent, o.important, o.countersign_id, o.note
     FROM outgoing_docs o JOIN parties p ON p.id = o.party_id";

fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Outgoing> {
    let mut o = Outgoing {
        id: r.get(0)?,
        doc_no: r.get(1)?,
        title: r.get(2)?,
        department_id: r.get(3)?,
        department: r.get(4)?,
        drafted_on: date_col(r, 5)?,
        countersigned_on: opt_date_col(r, 6)?,
        approved_on: opt_date_col(r, 7)?,
        issued_on: opt_date_col(r, 8)?,
        time_limit: opt_date_col(r, 9)?,
        urgent: r.get(10)?,
        important: r.get(11)?,
        countersign_id: r.get(12)?,
        note: r.get(13)?,
        stage: String::new(),
    };
    o.stage = o.stage_of().to_string();
    Ok(o)
}

/// The document with 文号 `doc_no`.
pub fn get(conn: &Connection, doc_no: &str) -> Result<Outgoing> {
    conn.query_row(
        &format!("{SELECT} WHERE o.doc_no = ?1"),
        [doc_no.trim()],
        row_of,
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "没有登记文号为“{}”的发文。请核对文号，或先登记该发文。",
            doc_no.trim()
        ))
    })
}

fn get_by_id(conn: &Connection, id: i64) -> Result<Outgoing> {
    Ok(conn.query_row(&format!("{SELECT} WHERE o.id = ?1"), [id], row_of)?)
}

/// Which documents [`list`] returns.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct OutgoingFilter {
    /// Only this 主办部门 (name or alias).
    pub department: Option<String>,
    /// Only those not yet 印发.
    pub open_only: bool,
    /// Only 重要 documents.
    pub important_only: bool,
}

/// The register, newest 拟稿 first.
pub fn list(conn: &Connection, f: &OutgoingFilter) -> Result<Vec<Outgoing>> {
    let dept = match f
        .department
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(d) => Some(department_of(&PartyIndex::load(conn)?, d, "主办部门")?.0),
        None => None,
    };
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR o.party_id = ?1) AND (?2 = 0 OR o.issued_on IS NULL)
           AND (?3 = 0 OR o.important = 1)
         ORDER BY o.drafted_on DESC, o.id DESC"
    ))?;
    let rows = st.query_map(params![dept, f.open_only, f.important_only], row_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every document issued within `[from, to]` (for the quality figures).
pub(crate) fn issued_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Outgoing>> {
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE o.issued_on >= ?1 AND o.issued_on <= ?2 ORDER BY o.issued_on, o.id"
    ))?;
    let rows = st.query_map(params![ymd(from), ymd(to)], row_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `outgoing_pending`: an important (重要) outgoing document not yet 印发 —
/// in every working day's 上午 and 下午 check until it is (§九). Due on its
/// 限时 when it has one, otherwise today.
pub(crate) fn reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let f = OutgoingFilter {
        department: None,
        open_only: true,
        important_only: true,
    };
    let today = ctx.window.today;
    for o in list(ctx.conn, &f)? {
        let due = o.time_limit.unwrap_or(today);
        let mut flags = Vec::new();
        if o.urgent {
            flags.push("特急");
        }
        if o.time_limit.is_some() {
            flags.push("限时");
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("（{}）", flags.join("、"))
        };
        let limit = match o.time_limit {
            Some(t) if t < today => {
                format!("，限时 {} 已过 {} 天", ymd(t), ctx.window.days_late(t))
            }
            Some(t) => format!("，限 {} 前印发", ymd(t)),
            None => String::new(),
        };
        let message = format!(
            "重要发文{flags}“{}”（{}）尚未印发，当前环节：{}{limit}，请{}跟踪办理。",
            o.title, o.doc_no, o.stage, o.department
        );
        let mut r = Reminder::new(
            ReminderKind::OutgoingPending,
            o.doc_no.clone(),
            o.department.clone(),
            due,
            message,
        );
        r.title = o.title;
        r.days_late = ctx.window.days_late(due);
        out.push(r);
    }
    Ok(())
}
