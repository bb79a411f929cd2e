//! 收文登记 and 领导批示 (PRODUCT #1, #2): documents as they arrive, numbered
//! 收〔YYYY〕N号 per year, with their attachments and the leaders' instructions.
//! An important document whose only leader action is 圈阅 is flagged: seed §六
//! forbids "简单圈阅了事".

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::attachments;
use crate::dates::{parse_ymd, ymd};
use crate::error::{Error, Result};
use crate::store::{audit, Actor, Store};

pub(crate) use checks::check_category;
pub use checks::check_record_on;

mod checks;
mod edit;
mod reminders;
mod void;

pub use self::edit::{edit_document, void_instruction, DocumentEdit};
pub use self::void::void_document;

pub(crate) use self::reminders::reminders;
pub use crate::attachments::Attachment;

/// 来源类别: the list of seed §三, plus 其他.
pub const SOURCE_CATEGORIES: [&str; 9] = [
    "党中央国务院重大决策部署",
    "重要会议决定事项",
    "重要文件要求",
    "领导重要批示指示",
    "全国税务工作会议任务",
    "全国税收工作要点",
    "税务总局重大决策部署",
    "税务总局领导批示指示",
    "其他",
];

/// Further source types of items that come from supervision (§十五).
pub const SUPERVISION_SOURCES: [&str; 4] = ["执法督察", "审计", "巡视", "干部监督"];

/// 紧急程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum Urgency {
    /// 特急: most urgent.
    #[serde(rename = "特急")]
    TeJi,
    /// 加急: urgent.
    #[serde(rename = "加急")]
    JiaJi,
    /// 平件: ordinary (the default).
    #[serde(rename = "平件")]
    PingJian,
}

impl Urgency {
    /// 特急 / 加急 / 平件.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::TeJi => "特急",
            Urgency::JiaJi => "加急",
            Urgency::PingJian => "平件",
        }
    }
    fn from_label(s: &str) -> Urgency {
        match s {
            "特急" => Urgency::TeJi,
            "加急" => Urgency::JiaJi,
            _ => Urgency::PingJian,
        }
    }
}

/// A document to register.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewDocument {
    /// 来文文号
    #[serde(default)]
    pub source_doc_no: String,
    /// 文件标题: the document's title; must not be empty.
    pub title: String,
    /// 来文单位
    #[serde(default)]
    pub source_org: String,
    /// 来源类别: one of [`SOURCE_CATEGORIES`].
    pub source_category: String,
    /// 紧急程度.
    pub urgency: Urgency,
    /// 限时件: the document itself carries a deadline.
    #[serde(default)]
    pub time_limited: bool,
    /// The 限时件 deadline; None when the document is not time-limited.
    pub time_limit: Option<NaiveDate>,
    /// 收文日期: the date it was received; its year numbers it 收〔year〕N号.
    pub received_on: NaiveDate,
    /// 内容摘要: a short summary; may be empty.
    #[serde(default)]
    pub summary: String,
    /// 重要文件: needs a real 批示 (§六)
    #[serde(default)]
    pub important: bool,
    /// 重点: 传达学习 tracked (§四)
    #[serde(default)]
    pub key_relay: bool,
    /// Files on disk to copy into the attachment store with the document.
    #[serde(default)]
    #[ts(type = "string[]")]
    pub attachments: Vec<std::path::PathBuf>,
}

/// A registered document's identity.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DocumentRef {
    /// Row id in `documents`.
    pub id: i64,
    /// 收文编号, e.g. `收〔2026〕15号`.
    pub doc_no: String,
}

/// 批示 or 圈阅.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum InstructionKind {
    /// 批示: a written instruction.
    #[serde(rename = "批示")]
    Instruction,
    /// 圈阅: the leader only circled (read) the document.
    #[serde(rename = "圈阅")]
    ReadMark,
}

impl InstructionKind {
    /// 批示 / 圈阅.
    pub fn label(self) -> &'static str {
        match self {
            InstructionKind::Instruction => "批示",
            InstructionKind::ReadMark => "圈阅",
        }
    }
}

/// A leader's action on a document.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewInstruction {
    /// The leader's name (局领导).
    pub leader: String,
    /// The date the leader gave it.
    pub given_on: NaiveDate,
    /// 批示 or 圈阅.
    pub kind: InstructionKind,
    /// The instruction's text; empty for a 圈阅.
    #[serde(default)]
    pub text: String,
}

/// SQL (over `documents d`): the document is split, i.e. has an item that
/// is not withdrawn (a voided item is withdrawn too). A document whose items
/// were all withdrawn is to be split again: it is 待分解, and a 特急 or 限时
/// one is reminded as such.
pub(crate) const SPLIT_SQL: &str =
    "EXISTS (SELECT 1 FROM items i WHERE i.document_id = d.id AND i.status <> 'withdrawn')";

/// Registers a document: validates it, numbers it 收〔year〕N号 by the year it
/// was received, copies its attachments, records one audit entry.
pub fn register(store: &mut Store, actor: &Actor, d: &NewDocument) -> Result<DocumentRef> {
    // Checked before the attachments are copied: a refused document leaves
    // no file behind.
    registered_limit(d, actor.today())?;
    let stored = attachments::store_files(&store.attachments_dir(), &d.attachments)?;
    store.write(|tx| register_in(tx, actor, d, &stored))
}

/// The 办理时限 a document is registered with (None unless 限时件); refused
/// when a rule of registration breaks.
fn registered_limit(d: &NewDocument, today: NaiveDate) -> Result<Option<NaiveDate>> {
    if d.title.trim().is_empty() {
        return Err(Error::Invalid("请填写标题。".into()));
    }
    check_category(&d.source_category)?;
    let time_limit = match (d.time_limited, d.time_limit) {
        (true, None) => return Err(Error::Invalid("限时件必须填写办理时限。".into())),
        (true, Some(t)) if t < d.received_on => {
            return Err(Error::Invalid(format!(
                "办理时限 {} 早于收文日期 {}，请核对。",
                ymd(t),
                ymd(d.received_on)
            )))
        }
        (true, Some(t)) => Some(t),
        (false, _) => None,
    };
    crate::dates::not_after_today("收文日期", d.received_on, today, "请核对。")?;
    Ok(time_limit)
}

/// [`register`] inside the caller's transaction, with its attachments
/// already stored.
pub fn register_in(
    tx: &Transaction,
    actor: &Actor,
    d: &NewDocument,
    stored: &[attachments::StoredFile],
) -> Result<DocumentRef> {
    let time_limit = registered_limit(d, actor.today())?;
    let title = d.title.trim();
    let year = d.received_on.year();
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM documents WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let doc_no = format!("收〔{year}〕{seq}号");
    tx.execute(
        "INSERT INTO documents(doc_no, year, seq, source_doc_no, title, source_org, source_category, urgency,
             time_limited, time_limit, received_on, summary, important, key_relay, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            doc_no,
            year,
            seq,
            d.source_doc_no.trim(),
            title,
            d.source_org.trim(),
            d.source_category.trim(),
            d.urgency.label(),
            d.time_limited as i64,
            time_limit.map(ymd),
            ymd(d.received_on),
            d.summary.trim(),
            d.important as i64,
            d.key_relay as i64,
            actor.stamp(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    attachments::insert_in(tx, actor, "document", id, stored)?;
    audit::append_in(
        tx,
        actor,
        "document",
        &doc_no,
        "收文登记",
        None,
        Some(&json!(d)),
    )?;
    Ok(DocumentRef { id, doc_no })
}

fn doc_id(conn: &Connection, doc_no: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM documents WHERE doc_no = ?1",
        [doc_no.trim()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到收文编号为“{}”的文件。", doc_no.trim())))
}

/// Records a leader's 批示 or 圈阅 on a document. A 批示 needs its text.
pub fn add_instruction(
    store: &mut Store,
    actor: &Actor,
    doc_no: &str,
    i: &NewInstruction,
) -> Result<()> {
    store.write(|tx| add_instruction_in(tx, actor, doc_no, i))
}

/// [`add_instruction`] inside the caller's transaction.
pub fn add_instruction_in(
    tx: &Transaction,
    actor: &Actor,
    doc_no: &str,
    i: &NewInstruction,
) -> Result<()> {
    let id = doc_id(tx, doc_no)?;
    let leader = crate::org::normalize_name(&i.leader);
    if leader.is_empty() {
        return Err(Error::Invalid("请填写作出批示的局领导。".into()));
    }
    if i.kind == InstructionKind::Instruction && i.text.trim().is_empty() {
        return Err(Error::Invalid(
            "批示必须填写批示内容；仅阅知请选择“圈阅”。".into(),
        ));
    }
    crate::dates::not_after_today("批示日期", i.given_on, actor.today(), "请核对。")?;
    check_record_on(tx, id, "批示日期", i.given_on)?;
    tx.execute(
        "INSERT INTO instructions(document_id, leader, given_on, kind, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, leader, ymd(i.given_on), i.kind.label(), i.text.trim()],
    )?;
    audit::append_in(
        tx,
        actor,
        "document",
        doc_no.trim(),
        if i.kind == InstructionKind::Instruction {
            "领导批示"
        } else {
            "领导圈阅"
        },
        None,
        Some(&json!(i)),
    )
}

/// Filters of the document list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DocumentFilter {
    /// Text to find in the title, 收文编号, 来文文号 or 来文单位; None or blank for no filter.
    pub text: Option<String>,
    /// Only documents of this 紧急程度; None for all.
    pub urgency: Option<Urgency>,
    /// Only documents not yet split into items.
    pub unsplit_only: bool,
    /// Only documents numbered in this year (收〔year〕); None for all.
    pub year: Option<i32>,
}

/// A document in the list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DocumentRow {
    /// Row id in `documents`.
    pub id: i64,
    /// 收文编号, e.g. `收〔2026〕15号`.
    pub doc_no: String,
    /// 来文文号: the sender's own number; empty when none.
    pub source_doc_no: String,
    /// 文件标题.
    pub title: String,
    /// 来文单位: who sent it; empty when not given.
    pub source_org: String,
    /// 来源类别.
    pub source_category: String,
    /// 紧急程度.
    pub urgency: Urgency,
    /// 限时件: the document itself carries a deadline.
    pub time_limited: bool,
    /// The 限时件 deadline; None when the document is not time-limited.
    pub time_limit: Option<NaiveDate>,
    /// 收文日期.
    pub received_on: NaiveDate,
    /// 内容摘要; may be empty.
    pub summary: String,
    /// 重要文件: needs a real 批示 (§六).
    pub important: bool,
    /// 重点: its 传达学习 (relay) is tracked (§四).
    pub key_relay: bool,
    /// The date the 传达学习 reports are due; None when not a key document or not yet set.
    pub relay_due: Option<NaiveDate>,
    /// Set when it was voided (作废): it stays listed, marked 已作废, and
    /// leaves the 待分解 count and the reminders.
    pub voided: Option<crate::store::void::VoidMark>,
    /// Number of 督办事项 split from this document, withdrawn ones left out.
    pub item_count: i64,
    /// Number of leader actions (批示 and 圈阅) recorded on it.
    pub instruction_count: i64,
    /// An important document whose only leader action is 圈阅 (§六).
    pub only_circled: bool,
}

/// The plain columns every document query reads, in [`doc_row`]'s order (a
/// macro, so that both queries below are whole literals).
macro_rules! doc_columns {
    () => {
        "d.id, d.doc_no, d.source_doc_no, d.title, d.source_org, d.source_category,
         d.urgency, d.time_limited, d.time_limit, d.received_on, d.summary, d.important,
         d.key_relay, d.relay_due, d.voided_at, d.voided_by, d.void_reason"
    };
}

/// One document with its counts (items; leader actions; 批示 among them).
const DOC_SELECT: &str = concat!(
    "SELECT ",
    doc_columns!(),
    ",
    (SELECT count(*) FROM items WHERE document_id = d.id AND status <> 'withdrawn'),
    (SELECT count(*) FROM instructions WHERE document_id = d.id AND voided_at IS NULL),
    (SELECT count(*) FROM instructions WHERE document_id = d.id AND kind = '批示' AND voided_at IS NULL)
  FROM documents d"
);

/// [`DOC_SELECT`] for many documents: each count from one grouped pass over
/// its table instead of a lookup per document and count (a 收文登记簿 of
/// 100,000 documents read in about half the time).
const DOCS_SELECT: &str = concat!(
    "SELECT ",
    doc_columns!(),
    ",
    coalesce(i.n, 0), coalesce(x.n, 0), coalesce(x.instructed, 0)
  FROM documents d
  LEFT JOIN (SELECT document_id, count(*) AS n FROM items WHERE status <> 'withdrawn' GROUP BY document_id) i
    ON i.document_id = d.id
  LEFT JOIN (SELECT document_id, count(*) AS n, sum(kind = '批示') AS instructed
             FROM instructions WHERE voided_at IS NULL GROUP BY document_id) x
    ON x.document_id = d.id"
);

fn doc_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    let important = r.get::<_, i64>(11)? != 0;
    let n_instr: i64 = r.get(18)?;
    let n_real: i64 = r.get(19)?;
    Ok(DocumentRow {
        id: r.get(0)?,
        doc_no: r.get(1)?,
        source_doc_no: r.get(2)?,
        title: r.get(3)?,
        source_org: r.get(4)?,
        source_category: r.get(5)?,
        urgency: Urgency::from_label(r.get_ref(6)?.as_str()?),
        time_limited: r.get::<_, i64>(7)? != 0,
        time_limit: r.get_ref(8)?.as_str_or_null()?.and_then(parse_ymd),
        received_on: parse_ymd(r.get_ref(9)?.as_str()?).unwrap_or_default(),
        summary: r.get(10)?,
        important,
        key_relay: r.get::<_, i64>(12)? != 0,
        relay_due: r.get_ref(13)?.as_str_or_null()?.and_then(parse_ymd),
        voided: crate::store::void::mark_at(r, 14)?,
        item_count: r.get(17)?,
        instruction_count: n_instr,
        only_circled: important && n_instr > 0 && n_real == 0,
    })
}

/// The documents, newest first.
pub fn list_documents(conn: &Connection, f: &DocumentFilter) -> Result<Vec<DocumentRow>> {
    let mut out = Vec::new();
    for_each_document(conn, f, &Received::default(), false, |d| {
        out.push(d);
        Ok(())
    })?;
    Ok(out)
}

/// A period of 收文日期 (either end open).
#[derive(Debug, Clone, Copy, Default)]
pub struct Received {
    /// The first day; None: from the first document.
    pub from: Option<NaiveDate>,
    /// The last day; None: to the last document.
    pub to: Option<NaiveDate>,
}

/// Each document under `f` received in `received`, newest first or
/// (`oldest_first`) oldest first, handed to `each` as it is read (the
/// 收文登记簿 export writes them so).
pub fn for_each_document(
    conn: &Connection,
    f: &DocumentFilter,
    received: &Received,
    oldest_first: bool,
    mut each: impl FnMut(DocumentRow) -> Result<()>,
) -> Result<()> {
    let (wh, args) = document_where(f, received);
    let order = if oldest_first { "ASC" } else { "DESC" };
    let sql = format!("{DOCS_SELECT} WHERE {wh} ORDER BY d.year {order}, d.seq {order}");
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        each(doc_row(r)?)?;
    }
    Ok(())
}

/// How many documents under `f` were received in `received`.
pub fn count_documents(
    conn: &Connection,
    f: &DocumentFilter,
    received: &Received,
) -> Result<usize> {
    let (wh, args) = document_where(f, received);
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM documents d WHERE {wh}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// The WHERE of the documents under `f`, and its arguments.
fn document_where(
    f: &DocumentFilter,
    received: &Received,
) -> (String, Vec<rusqlite::types::Value>) {
    let mut wh = vec!["1 = 1".to_string()];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(t) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(t.to_string().into());
        let a = args.len();
        wh.push(format!(
            "(instr(d.title, ?{a}) > 0 OR instr(d.doc_no, ?{a}) > 0 OR instr(d.source_doc_no, ?{a}) > 0 OR instr(d.source_org, ?{a}) > 0)"
        ));
    }
    if let Some(u) = f.urgency {
        args.push(u.label().to_string().into());
        wh.push(format!("d.urgency = ?{}", args.len()));
    }
    if f.unsplit_only {
        wh.push(format!("d.voided_at IS NULL AND NOT {SPLIT_SQL}"));
    }
    if let Some(y) = f.year {
        args.push((y as i64).into());
        wh.push(format!("d.year = ?{}", args.len()));
    }
    // received_on is stored as YYYY-MM-DD, so text order is date order.
    if let Some(from) = received.from {
        args.push(crate::dates::ymd(from).into());
        wh.push(format!("d.received_on >= ?{}", args.len()));
    }
    if let Some(to) = received.to {
        args.push(crate::dates::ymd(to).into());
        wh.push(format!("d.received_on <= ?{}", args.len()));
    }
    (wh.join(" AND "), args)
}

/// A leader's action as listed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InstructionRow {
    /// Row id in `instructions`.
    pub id: i64,
    /// The leader's name (局领导).
    pub leader: String,
    /// The date the leader gave it.
    pub given_on: NaiveDate,
    /// 批示 or 圈阅.
    pub kind: InstructionKind,
    /// The instruction's text; empty for a 圈阅.
    pub text: String,
    /// Set when it was voided (作废): show it struck through, marked 已作废.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// A document in full.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DocumentDetail {
    /// The document as its list row shows it.
    pub row: DocumentRow,
    /// 领导批示 and 圈阅, in the order given.
    pub instructions: Vec<InstructionRow>,
    /// Files attached to the document.
    pub attachments: Vec<Attachment>,
    /// The audit log entries about this document (its history).
    pub timeline: Vec<audit::AuditEntry>,
}

/// The document with this 收文编号.
pub fn get_document(conn: &Connection, doc_no: &str) -> Result<DocumentDetail> {
    let row = conn
        .query_row(
            &format!("{DOC_SELECT} WHERE d.doc_no = ?1"),
            [doc_no.trim()],
            doc_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到收文编号为“{}”的文件。", doc_no.trim())))?;
    let instructions = conn
        .prepare("SELECT id, leader, given_on, kind, text, voided_at, voided_by, void_reason FROM instructions WHERE document_id = ?1 ORDER BY given_on, id")?
        .query_map([row.id], |r| {
            Ok(InstructionRow {
                id: r.get(0)?,
                leader: r.get(1)?,
                given_on: parse_ymd(&r.get::<_, String>(2)?).unwrap_or_default(),
                kind: if r.get::<_, String>(3)? == "批示" {
                    InstructionKind::Instruction
                } else {
                    InstructionKind::ReadMark
                },
                text: r.get(4)?,
                voided: crate::store::void::mark_at(r, 5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let attachments = attachments::list(conn, "document", row.id)?;
    let timeline = audit::entries_for(conn, "document", &row.doc_no)?;
    Ok(DocumentDetail {
        row,
        instructions,
        attachments,
        timeline,
    })
}
