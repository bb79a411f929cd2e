//! Creating items: validation (the §五 rule and the rest), numbering, and the
//! rows an item owns (cooperators, milestones, an initial progress entry).

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::{params, CachedStatement, OptionalExtension, Transaction};

use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::items::{ImportSource, ItemRef, NewItem, NewMilestone, Status};
use crate::org::{normalize_name, PartyIndex};
use crate::store::{audit, Actor, Store};

/// Inserts an item inside the caller's transaction. Validates the item (lead
/// and cooperators exist, §五: cooperators need a 统筹局领导, a deadline or 长期,
/// 已办结 needs its 办结日期) and assigns `DB<year>-NNNN` when no number is given.
/// Writes no audit entry: the calling use case records one for the whole write.
pub fn insert_item_in(
    tx: &Transaction,
    actor: &Actor,
    item: &NewItem,
    parties: &PartyIndex,
    source: Option<&ImportSource>,
) -> Result<ItemRef> {
    let mut statements = ItemStatements::prepare(tx)?;
    insert_item_with(tx, &mut statements, actor, item, parties, source)
}

/// The two statements every new item runs (its row, its first progress
/// entry), held for a run of items: a ledger's rows take them once per piece
/// of the file rather than from the statement cache for each row, a lookup
/// by the whole SQL text and a reset each time (6 % of a 100,000-row import's
/// inserting thread).
pub struct ItemStatements<'c> {
    row: CachedStatement<'c>,
    first_progress: CachedStatement<'c>,
}

impl<'c> ItemStatements<'c> {
    /// Takes the statements from `tx`'s cache (prepares them the first time).
    pub fn prepare(tx: &'c Transaction) -> Result<ItemStatements<'c>> {
        Ok(ItemStatements {
            row: tx.prepare_cached(
                "INSERT INTO items(item_no, document_id, meeting, name, requirement, source_category, source_doc_no,
                     lead_party_id, coordinator_leader, owner_person, standing, report_cycle, deadline,
                     effective_deadline, tracked, status, is_open, done_on, note, created_on, import_id, import_sheet, import_row)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14, ?15, ?22, ?16, ?17, ?18, ?19, ?20, ?21)",
            )?,
            first_progress: tx.prepare_cached(
                "INSERT INTO progress(item_id, reported_on, text, party_id, import_id, import_sheet, import_row, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
        })
    }
}

/// [`insert_item_in`] with the statements held by the caller.
pub fn insert_item_with(
    tx: &Transaction,
    statements: &mut ItemStatements<'_>,
    actor: &Actor,
    item: &NewItem,
    parties: &PartyIndex,
    source: Option<&ImportSource>,
) -> Result<ItemRef> {
    let mut checked = validate(item, parties)?;
    if let Some(doc) = item.document_id {
        from_document(tx, doc, item, &mut checked)?;
    }
    let item_no = match &item.item_no {
        // A number that exists already is refused by the UNIQUE index (below).
        Some(no) if !no.trim().is_empty() => normalize_name(no),
        _ => next_item_no_in(tx, actor.today())?,
    };
    let id = insert_row_in(
        tx,
        &mut statements.row,
        actor,
        item,
        &checked,
        &item_no,
        source,
    )?;
    insert_cooperators_in(tx, id, &checked.cooperators)?;
    insert_milestones_in(tx, id, &item.milestones)?;
    if !checked.progress_text.is_empty() {
        insert_first_progress_in(&mut statements.first_progress, actor, id, &checked, source)?;
    }
    Ok(ItemRef { id, item_no })
}

/// A new item once validated: what its row stores beyond the form's text.
struct Checked<'a> {
    name: &'a str,
    /// The texts stored as given, trimmed once.
    meeting: &'a str,
    requirement: &'a str,
    owner_person: &'a str,
    note: &'a str,
    /// The progress text the item comes with, recorded as its first entry.
    progress_text: &'a str,
    lead_id: i64,
    cooperators: Vec<i64>,
    coordinator: String,
    status: Status,
    done_on: Option<NaiveDate>,
    /// 来源类别 and 来文文号: as given, else the document's.
    source_category: Cow<'a, str>,
    source_doc_no: Cow<'a, str>,
}

/// An item split from document `doc` (任务分解): it takes the document's
/// 来源类别 and 来文文号 where the form left them blank (the ledger's columns
/// and its 来源 filter read them), and is not due before the document came.
fn from_document(tx: &Transaction, doc: i64, item: &NewItem, c: &mut Checked<'_>) -> Result<()> {
    crate::store::void::refuse_voided_document(tx, doc, "分解督办事项")?;
    let (doc_no, received, category, source_doc_no): (String, String, String, String) = tx
        .prepare_cached(
            "SELECT doc_no, received_on, source_category, source_doc_no FROM documents WHERE id = ?1",
        )?
        .query_row([doc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    if let (Some(due), Some(received)) = (item.deadline, crate::dates::parse_ymd(&received)) {
        if !item.standing && due < received {
            return Err(Error::Invalid(format!(
                "完成时限 {} 早于所属收文 {doc_no} 的收文日期 {}，请核对。",
                ymd(due),
                ymd(received)
            )));
        }
    }
    if c.source_category.is_empty() {
        c.source_category = Cow::Owned(category);
    }
    if c.source_doc_no.is_empty() {
        c.source_doc_no = Cow::Owned(source_doc_no);
    }
    Ok(())
}

/// Every rule a new item must pass, in the order the messages are given.
fn validate<'a>(item: &'a NewItem, parties: &PartyIndex) -> Result<Checked<'a>> {
    let name = item.name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("事项名称不能为空。".into()));
    }
    let (lead_id, cooperators) = resolve_parties(item, parties)?;
    let coordinator = normalize_name(&item.coordinator_leader);
    if !cooperators.is_empty() && coordinator.is_empty() {
        return Err(Error::Invalid(
            "该事项有配合部门，必须明确统筹局领导（《意见》第五条：涉及两个及以上职能部门的事项，由局领导负责统筹协调）。".into(),
        ));
    }
    if !item.standing && item.deadline.is_none() {
        return Err(Error::Invalid("请填写完成时限，或标明“长期”。".into()));
    }
    let progress_text = item.progress_text.trim();
    let (status, done_on) = initial_status(item, progress_text)?;
    Ok(Checked {
        name,
        meeting: item.meeting.trim(),
        requirement: item.requirement.trim(),
        owner_person: item.owner_person.trim(),
        note: item.note.trim(),
        progress_text,
        lead_id,
        cooperators,
        coordinator,
        status,
        done_on,
        source_category: Cow::Borrowed(item.source_category.trim()),
        source_doc_no: Cow::Borrowed(item.source_doc_no.trim()),
    })
}

/// The lead department (exactly one, known) and the cooperators (known, not
/// the lead, each once, in the order given; blank names skipped).
fn resolve_parties(item: &NewItem, parties: &PartyIndex) -> Result<(i64, Vec<i64>)> {
    if item.lead.trim().is_empty() {
        return Err(Error::Invalid(
            "请填写牵头部门（必须且只能有一个）。".into(),
        ));
    }
    let lead = parties.resolve(&item.lead).ok_or_else(|| {
        Error::Invalid(format!(
            "牵头部门“{}”不在组织机构中。请检查名称，或先在组织机构中添加该部门或其简称。",
            item.lead.trim()
        ))
    })?;
    let mut cooperators: Vec<i64> = Vec::new();
    for c in &item.cooperators {
        if c.trim().is_empty() {
            continue;
        }
        let p = parties.resolve(c).ok_or_else(|| {
            Error::Invalid(format!(
                "配合部门“{}”不在组织机构中。请检查名称，或先在组织机构中添加。",
                c.trim()
            ))
        })?;
        if p.id == lead.id {
            return Err(Error::Invalid(format!(
                "“{}”已是牵头部门，不能同时作为配合部门。",
                p.name
            )));
        }
        if !cooperators.contains(&p.id) {
            cooperators.push(p.id);
        }
    }
    Ok((lead.id, cooperators))
}

/// The status a new item starts in: 未启动, 推进中 (also when it comes with a
/// progress text) or 已办结 with its date.
fn initial_status(item: &NewItem, progress_text: &str) -> Result<(Status, Option<NaiveDate>)> {
    let (status, done_on) = match item.status {
        Status::Done => match item.done_on {
            Some(d) => (Status::Done, Some(d)),
            None => {
                return Err(Error::Invalid(
                    "办理状态为“已办结”时必须填写办结日期。".into(),
                ))
            }
        },
        Status::PendingReview | Status::Withdrawn => {
            return Err(Error::Invalid(
                "新建事项的状态只能是未启动、推进中或已办结。".into(),
            ))
        }
        s => (s, None),
    };
    if status == Status::NotStarted && !progress_text.is_empty() {
        Ok((Status::InProgress, done_on))
    } else {
        Ok((status, done_on))
    }
}

/// The `items` row; a number already taken is a conflict. Returns the id.
fn insert_row_in(
    tx: &Transaction,
    statement: &mut CachedStatement<'_>,
    actor: &Actor,
    item: &NewItem,
    checked: &Checked<'_>,
    item_no: &str,
    source: Option<&ImportSource>,
) -> Result<i64> {
    let deadline = if item.standing { None } else { item.deadline };
    // Every door (the window, the command line, a ledger) stores a cycle the
    // reminders can count, written one way.
    let report_cycle = super::ReportCycle::stored_form(&item.report_cycle)?;
    let mut insert = || {
        statement.execute(params![
            item_no,
            item.document_id,
            checked.meeting,
            checked.name,
            checked.requirement,
            checked.source_category,
            checked.source_doc_no,
            checked.lead_id,
            checked.coordinator,
            checked.owner_person,
            item.standing as i64,
            report_cycle,
            deadline.map(ymd),
            item.tracked as i64,
            checked.status.code(),
            checked.done_on.map(ymd),
            checked.note,
            ymd(actor.today()),
            source.map(|s| s.import_id),
            source.map(|s| s.sheet.as_str()),
            source.map(|s| s.row),
            checked.status.is_open(),
        ])
    };
    match insert() {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            if give_way(tx, actor, item_no, source)? {
                insert()?;
                return Ok(tx.last_insert_rowid());
            }
            let voided: bool = tx
                .prepare_cached("SELECT voided_at IS NOT NULL FROM items WHERE item_no = ?1")?
                .query_row([item_no], |r| r.get(0))
                .optional()?
                .unwrap_or(false);
            return Err(Error::Conflict(if voided {
                format!(
                    "事项编号“{item_no}”属于一个已作废的事项（作废后编号仍保留）。请改用新的编号，或将事项编号留空由系统编号。"
                )
            } else {
                format!(
                    "事项编号“{item_no}”已存在。台账导入只新建事项；更新已有事项请使用落实情况反馈表。"
                )
            }));
        }
        other => other?,
    };
    Ok(tx.last_insert_rowid())
}

/// A ledger row that names a number given moments before, in the same
/// import, to a row left blank above it (numbers are given as rows are
/// applied, before the rows below are read): that item takes the next free
/// number and the row keeps the one it names. Only an item numbered by the
/// system can be in the way: the file's own numbers are checked for repeats
/// and against the stored ones before anything is applied. Whether one gave way.
fn give_way(
    tx: &Transaction,
    actor: &Actor,
    item_no: &str,
    source: Option<&ImportSource>,
) -> Result<bool> {
    let Some(source) = source else {
        return Ok(false);
    };
    let numbered: Option<i64> = tx
        .prepare_cached("SELECT id FROM items WHERE item_no = ?1 AND import_id = ?2")?
        .query_row(params![item_no, source.import_id], |r| r.get(0))
        .optional()?;
    let Some(id) = numbered else {
        return Ok(false);
    };
    let next = next_item_no_in(tx, actor.today())?;
    tx.prepare_cached("UPDATE items SET item_no = ?2 WHERE id = ?1")?
        .execute(params![id, next])?;
    Ok(true)
}

fn insert_cooperators_in(tx: &Transaction, id: i64, cooperators: &[i64]) -> Result<()> {
    if cooperators.is_empty() {
        return Ok(());
    }
    let mut st =
        tx.prepare_cached("INSERT INTO item_cooperators(item_id, party_id) VALUES (?1, ?2)")?;
    for c in cooperators {
        st.execute(params![id, c])?;
    }
    Ok(())
}

fn insert_milestones_in(tx: &Transaction, id: i64, milestones: &[NewMilestone]) -> Result<()> {
    if milestones.is_empty() {
        return Ok(());
    }
    let mut st =
        tx.prepare_cached("INSERT INTO milestones(item_id, due, title) VALUES (?1, ?2, ?3)")?;
    for m in milestones {
        if m.title.trim().is_empty() {
            return Err(Error::Invalid("节点（时间表）的内容不能为空。".into()));
        }
        st.execute(params![id, ymd(m.due), m.title.trim()])?;
    }
    Ok(())
}

/// The progress text a new item comes with, as its first entry (by the lead).
fn insert_first_progress_in(
    statement: &mut CachedStatement<'_>,
    actor: &Actor,
    id: i64,
    checked: &Checked<'_>,
    source: Option<&ImportSource>,
) -> Result<()> {
    statement.execute(params![
        id,
        ymd(actor.today()),
        checked.progress_text,
        checked.lead_id,
        source.map(|s| s.import_id),
        source.map(|s| s.sheet.as_str()),
        source.map(|s| s.row),
        actor.stamp(),
    ])?;
    Ok(())
}

/// The next free `DB<year>-NNNN` number, from a per-year counter.
pub fn next_item_no_in(tx: &Transaction, today: NaiveDate) -> Result<String> {
    use chrono::Datelike;
    let year = today.year();
    let key = format!("item_seq:{year}");
    let mut seq: i64 = tx
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([&key], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut exists = tx.prepare_cached("SELECT 1 FROM items WHERE item_no = ?1")?;
    let no = loop {
        seq += 1;
        let no = format!("DB{year}-{seq:04}");
        if !exists.exists([&no])? {
            break no;
        }
    };
    tx.prepare_cached(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, seq.to_string()])?;
    Ok(no)
}

/// The single-item use case: one transaction, one audit entry.
pub fn create_item(store: &mut Store, actor: &Actor, item: &NewItem) -> Result<ItemRef> {
    let parties = PartyIndex::load(store.conn())?;
    store.write(|tx| create_item_in(tx, actor, item, &parties))
}

/// [`create_item`] inside the caller's transaction, names resolved through
/// `parties`.
pub fn create_item_in(
    tx: &Transaction,
    actor: &Actor,
    item: &NewItem,
    parties: &PartyIndex,
) -> Result<ItemRef> {
    let r = insert_item_in(tx, actor, item, parties, None)?;
    audit_created_in(tx, actor, &r, item)?;
    Ok(r)
}

/// The audit entry of an item created by hand (新建事项).
fn audit_created_in(tx: &Transaction, actor: &Actor, r: &ItemRef, item: &NewItem) -> Result<()> {
    audit::append_in(
        tx,
        actor,
        "item",
        &r.item_no,
        "新建事项",
        None,
        Some(&serde_json::to_value(item).unwrap_or_default()),
    )
}

/// 任务分解: creates several items in one transaction, one audit entry each;
/// when any item is refused, none is created and the message names which
/// (第N项).
pub fn create_items(store: &mut Store, actor: &Actor, items: &[NewItem]) -> Result<Vec<ItemRef>> {
    let parties = PartyIndex::load(store.conn())?;
    store.write(|tx| {
        let mut made = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let r = insert_item_in(tx, actor, item, &parties, None).map_err(|e| numbered(i, e))?;
            audit_created_in(tx, actor, &r, item)?;
            made.push(r);
        }
        Ok(made)
    })
}

fn numbered(i: usize, e: Error) -> Error {
    match e {
        Error::Invalid(m) => Error::Invalid(format!("第{}项：{m}", i + 1)),
        Error::Conflict(m) => Error::Conflict(format!("第{}项：{m}", i + 1)),
        other => other,
    }
}

/// Moves an item's effective deadline (an approved extension). The original
/// `deadline` never changes.
pub fn set_effective_deadline_in(
    tx: &Transaction,
    item_id: i64,
    deadline: NaiveDate,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE items SET effective_deadline = ?2 WHERE id = ?1",
        params![item_id, ymd(deadline)],
    )?;
    if n == 0 {
        return Err(Error::NotFound("找不到该督办事项。".into()));
    }
    Ok(())
}
