//! An inspection (督查): creation with its targets, links and team from the
//! roster; its seven stages planned and done in order (EXCHANGE §7).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

pub use super::overview::{
    detail, detail_text, find, list, InspectionDetail, InspectionRow, StageState, TeamMember,
    STAGE_FILES,
};
use super::{inspection_number, InspectionKind, Manner, Stage};
use crate::attachments::{self, StoredFile};
use crate::dates::ymd;
use crate::error::{invalid, Error, Result};
use crate::org::people::resolve_person;
use crate::org::PartyIndex;
use crate::store::{audit, Actor, Store};

/// An inspection to create.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewInspection {
    /// 督查名称.
    pub name: String,
    /// 实地 / 案头.
    pub kind: InspectionKind,
    /// 明察 / 暗访.
    pub manner: Manner,
    /// Target units (or departments), by name or alias; at least one.
    pub targets: Vec<String>,
    /// 收文编号 of the decisions it checks.
    pub documents: Vec<String>,
    /// 事项编号 of the items it checks.
    pub items: Vec<String>,
    /// 组长: a person on the roster (`姓名` or `姓名@单位`).
    pub leader: String,
    /// 组员: people on the roster.
    pub members: Vec<String>,
    /// The planned period's first day.
    pub planned_start: Option<NaiveDate>,
    /// The planned period's last day.
    pub planned_end: Option<NaiveDate>,
}

/// Creates an inspection. Refused, nothing written: an empty name, no
/// target, an unknown target, document or item, a 组长 or 组员 not on the
/// roster (or 已停用), a planned end before its start.
pub fn create(store: &mut Store, actor: &Actor, new: &NewInspection) -> Result<InspectionDetail> {
    let id = store.write(|tx| create_in(tx, actor, new))?;
    detail(store.conn(), id)
}

/// [`create`] inside the caller's transaction (with its audit entry).
pub fn create_in(tx: &Transaction, actor: &Actor, new: &NewInspection) -> Result<i64> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(invalid("请填写督查名称。"));
    }
    if let (Some(a), Some(b)) = (new.planned_start, new.planned_end) {
        if b < a {
            return Err(invalid(format!(
                "计划结束日期 {} 早于开始日期 {}。",
                ymd(b),
                ymd(a)
            )));
        }
    }
    let index = PartyIndex::load(tx)?;
    let mut targets: Vec<(i64, String)> = Vec::new();
    for t in new
        .targets
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        let p = index.resolve(t).ok_or_else(|| {
            Error::NotFound(format!("督查对象“{t}”不在组织机构中。请核对单位名称。"))
        })?;
        if !targets.iter().any(|(id, _)| *id == p.id) {
            targets.push((p.id, p.name.clone()));
        }
    }
    if targets.is_empty() {
        return Err(invalid("请至少选择一个督查对象（下级单位或内设机构）。"));
    }
    if new.leader.trim().is_empty() {
        return Err(invalid("请从人员名单中指定督查组组长。"));
    }
    let leader = resolve_person(tx, &new.leader)?;
    let mut team = vec![(leader.id, leader.name.clone(), "组长")];
    for m in new.members.iter().filter(|m| !m.trim().is_empty()) {
        let p = resolve_person(tx, m)?;
        if !team.iter().any(|(id, _, _)| *id == p.id) {
            team.push((p.id, p.name.clone(), "组员"));
        }
    }
    let mut docs = Vec::new();
    for no in new
        .documents
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
    {
        let id: i64 = tx
            .query_row("SELECT id FROM documents WHERE doc_no = ?1", [no], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("找不到收文编号“{no}”。")))?;
        crate::store::void::refuse_voided_document(tx, id, "关联督查")?;
        docs.push((id, no.to_string()));
    }
    let mut items = Vec::new();
    for no in new.items.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
        let it = crate::items::item_state(tx, no)?;
        items.push((it.id, it.item_no));
    }
    let year = actor.today().year();
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM inspections WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let number = inspection_number(year, seq);
    tx.execute(
        "INSERT INTO inspections(number, year, seq, name, kind, manner, planned_start, planned_end, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            number,
            year,
            seq,
            name,
            new.kind.label(),
            new.manner.label(),
            new.planned_start.map(ymd),
            new.planned_end.map(ymd),
            actor.stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (pid, _) in &targets {
        tx.execute(
            "INSERT INTO inspection_targets(inspection_id, party_id) VALUES (?1, ?2)",
            params![id, pid],
        )?;
    }
    for (did, _) in &docs {
        tx.execute(
            "INSERT INTO inspection_links(inspection_id, document_id) VALUES (?1, ?2)",
            params![id, did],
        )?;
    }
    for (iid, _) in &items {
        tx.execute(
            "INSERT INTO inspection_links(inspection_id, item_id) VALUES (?1, ?2)",
            params![id, iid],
        )?;
    }
    for (pid, _, role) in &team {
        tx.execute(
            "INSERT INTO inspection_team(inspection_id, person_id, role) VALUES (?1, ?2, ?3)",
            params![id, pid, role],
        )?;
    }
    for s in Stage::ALL {
        tx.execute(
            "INSERT INTO inspection_stages(inspection_id, stage) VALUES (?1, ?2)",
            params![id, s.number()],
        )?;
    }
    audit::append_in(
        tx,
        actor,
        "inspection",
        &number,
        "inspection_create",
        None,
        Some(&serde_json::json!({
            "name": name,
            "kind": new.kind.label(),
            "manner": new.manner.label(),
            "targets": targets.iter().map(|t| &t.1).collect::<Vec<_>>(),
            "documents": docs.iter().map(|d| &d.1).collect::<Vec<_>>(),
            "items": items.iter().map(|d| &d.1).collect::<Vec<_>>(),
            "team": team.iter().map(|t| format!("{}（{}）", t.1, t.2)).collect::<Vec<_>>(),
            "planned_start": new.planned_start.map(ymd),
            "planned_end": new.planned_end.map(ymd),
        })),
    )?;
    Ok(id)
}

/// A stage to plan or to mark done.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct StageUpdate {
    /// The inspection (id or 督查编号).
    pub inspection: String,
    /// Which stage.
    pub stage: Stage,
    /// Set the planned date.
    pub planned_on: Option<NaiveDate>,
    /// Mark done on this day (in order, not after today).
    pub done_on: Option<NaiveDate>,
    /// 备注 (replaces the stage's note when not empty).
    pub note: String,
    /// Documents to attach to the stage.
    #[ts(type = "Array<string>")]
    pub files: Vec<PathBuf>,
}

/// Plans a stage and/or marks it done (with a note and documents). Refused,
/// nothing written: a stage 不适用 to this inspection; done before an earlier
/// applicable stage is done, or dated before it; done twice; a date after
/// today; 整改落实 while the inspection has rectification items (it is done
/// by closing them).
pub fn update_stage(store: &mut Store, actor: &Actor, u: &StageUpdate) -> Result<InspectionDetail> {
    let stored = attachments::store_files(&store.attachments_dir(), &u.files)?;
    let id = store.write(|tx| update_stage_in(tx, actor, u, &stored))?;
    detail(store.conn(), id)
}

/// [`update_stage`] inside the caller's transaction; returns the inspection id.
pub fn update_stage_in(
    tx: &Transaction,
    actor: &Actor,
    u: &StageUpdate,
    files: &[StoredFile],
) -> Result<i64> {
    let id = find(tx, &u.inspection)?;
    let d = detail(tx, id)?;
    let stage = &d.stages[(u.stage.number() - 1) as usize];
    if !stage.applies {
        return Err(invalid(format!(
            "{}{}督查不适用“{}”环节。",
            d.kind.label(),
            d.manner.label(),
            u.stage.label()
        )));
    }
    if let Some(done) = u.done_on {
        if let Some(was) = stage.done_on {
            return Err(Error::Conflict(format!(
                "“{}”环节已于 {} 完成，不能重复登记。",
                u.stage.label(),
                ymd(was)
            )));
        }
        crate::dates::not_after_today("完成日期", done, actor.today(), "请填写实际完成的日期。")?;
        for earlier in d.stages.iter().take((u.stage.number() - 1) as usize) {
            if !earlier.applies {
                continue;
            }
            match earlier.done_on {
                None => {
                    return Err(invalid(format!(
                        "“{}”环节尚未完成，不能先完成“{}”。督查环节须按顺序完成。",
                        earlier.stage.label(),
                        u.stage.label()
                    )))
                }
                Some(e) if e > done => {
                    return Err(invalid(format!(
                        "“{}”的完成日期 {} 早于上一环节“{}”的完成日期 {}。",
                        u.stage.label(),
                        ymd(done),
                        earlier.stage.label(),
                        ymd(e)
                    )))
                }
                _ => {}
            }
        }
        if u.stage == Stage::Rectify {
            let total: i64 = tx.query_row(
                "SELECT count(*) FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE f.inspection_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if total > 0 {
                return Err(invalid(format!(
                    "“整改落实”环节在本次督查的整改事项全部销号时自动完成（尚有 {} 项未销号）。",
                    d.open_items
                )));
            }
        }
    }
    if u.planned_on.is_none() && u.done_on.is_none() && u.note.trim().is_empty() && files.is_empty()
    {
        return Err(invalid(
            "请填写计划日期、完成日期、备注或附件中的至少一项。",
        ));
    }
    let stage_id: i64 = tx.query_row(
        "SELECT id FROM inspection_stages WHERE inspection_id = ?1 AND stage = ?2",
        params![id, u.stage.number()],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE inspection_stages SET planned_on = coalesce(?2, planned_on), done_on = coalesce(?3, done_on),
                note = CASE WHEN ?4 = '' THEN note ELSE ?4 END WHERE id = ?1",
        params![stage_id, u.planned_on.map(ymd), u.done_on.map(ymd), u.note.trim()],
    )?;
    attachments::insert_in(tx, actor, STAGE_FILES, stage_id, files)?;
    sync_final_stage_in(tx, id)?;
    audit::append_in(
        tx,
        actor,
        "inspection",
        &d.number,
        "inspection_stage",
        Some(&serde_json::json!({
            "stage": u.stage.label(),
            "planned_on": stage.planned_on.map(ymd),
            "done_on": stage.done_on.map(ymd),
        })),
        Some(&serde_json::json!({
            "stage": u.stage.label(),
            "planned_on": u.planned_on.or(stage.planned_on).map(ymd),
            "done_on": u.done_on.map(ymd),
            "note": u.note.trim(),
            "files": files.iter().map(|f| &f.file_name).collect::<Vec<_>>(),
        })),
    )?;
    Ok(id)
}

/// Keeps 整改落实 in step with the inspection's rectification items: done
/// (on the last close, not before 汇总报告) once 汇总报告 is done and every item
/// is closed; not done while one is open. No audit entry: it follows the
/// write that called it.
pub(crate) fn sync_final_stage_in(tx: &Transaction, inspection_id: i64) -> Result<()> {
    let (total, open, last): (i64, i64, Option<String>) = tx.query_row(
        "SELECT count(*), coalesce(sum(r.status = 'open'), 0), max(r.closed_on)
         FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE f.inspection_id = ?1",
        [inspection_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if total == 0 {
        return Ok(());
    }
    let report: Option<String> = tx.query_row(
        "SELECT done_on FROM inspection_stages WHERE inspection_id = ?1 AND stage = 6",
        [inspection_id],
        |r| r.get(0),
    )?;
    let done = match (open, report, last) {
        (0, Some(rep), Some(last)) => Some(rep.max(last)),
        _ => None,
    };
    tx.execute(
        "UPDATE inspection_stages SET done_on = ?2 WHERE inspection_id = ?1 AND stage = 7",
        params![inspection_id, done],
    )?;
    Ok(())
}
