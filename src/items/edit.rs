//! Correcting an item (issue 13): changing any field the split form sets,
//! with a reason. A changed 完成时限 is a correction (更正), not an extension:
//! the original deadline itself changes, and the effective one follows unless
//! an approved extension moved it. One audit entry records before → after
//! for each changed field.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::items::{item_by_no, ItemKey};
use crate::org::{normalize_name, PartyIndex};
use crate::store::{audit, void, Actor, Store};

/// The fields to change; None leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ItemEdit {
    /// 事项名称.
    pub name: Option<String>,
    /// 工作要求.
    pub requirement: Option<String>,
    /// 牵头部门: a name or alias.
    pub lead: Option<String>,
    /// 配合部门: names or aliases (the whole new list; empty for none).
    pub cooperators: Option<Vec<String>>,
    /// 统筹局领导.
    pub coordinator_leader: Option<String>,
    /// 责任人.
    pub owner_person: Option<String>,
    /// 完成时限 (a correction, not an extension).
    pub deadline: Option<NaiveDate>,
    /// 长期.
    pub standing: Option<bool>,
    /// 报送周期 of a standing item.
    pub report_cycle: Option<String>,
    /// 来源类别.
    pub source_category: Option<String>,
    /// 来文文号.
    pub source_doc_no: Option<String>,
    /// 会议 (a meeting decision with no document).
    pub meeting: Option<String>,
    /// 跟踪督办.
    pub tracked: Option<bool>,
    /// 备注.
    pub note: Option<String>,
    /// Why the item is corrected; required.
    pub reason: String,
}

/// The stored row an edit starts from.
struct Current {
    key: ItemKey,
    texts: Map<String, Value>,
    coordinator: String,
    voided: bool,
}

const TEXT_FIELDS: [(&str, &str); 8] = [
    ("name", "事项名称"),
    ("requirement", "工作要求"),
    ("coordinator_leader", "统筹局领导"),
    ("owner_person", "责任人"),
    ("report_cycle", "报送周期"),
    ("source_category", "来源类别"),
    ("source_doc_no", "来文文号"),
    ("meeting", "会议"),
];

fn current(conn: &Connection, item_no: &str) -> Result<Current> {
    let key = item_by_no(conn, item_no)?.ok_or_else(|| {
        Error::NotFound(format!("找不到事项编号为“{}”的督办事项。", item_no.trim()))
    })?;
    let mut texts = Map::new();
    let (coordinator, voided, tracked, note) = conn.query_row(
        "SELECT name, requirement, coordinator_leader, owner_person, report_cycle, source_category,
                source_doc_no, meeting, voided_at IS NOT NULL, tracked, note FROM items WHERE id = ?1",
        [key.id],
        |r| {
            for (i, (col, _)) in TEXT_FIELDS.iter().enumerate() {
                texts.insert(col.to_string(), Value::String(r.get(i)?));
            }
            Ok((
                r.get::<_, String>(2)?,
                r.get::<_, bool>(8)?,
                r.get::<_, bool>(9)?,
                r.get::<_, String>(10)?,
            ))
        },
    )?;
    texts.insert("tracked".into(), Value::Bool(tracked));
    texts.insert("note".into(), Value::String(note));
    Ok(Current {
        key,
        texts,
        coordinator,
        voided,
    })
}

fn party_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM parties WHERE id = ?1", [id], |r| r.get(0))?)
}

fn names(conn: &Connection, ids: &[i64]) -> Result<String> {
    let v: Vec<String> = ids
        .iter()
        .map(|id| party_name(conn, *id))
        .collect::<Result<_>>()?;
    Ok(v.join("、"))
}

/// What the edit changes, as `(column, label, before, after)` for the audit
/// entry, with the resolved parties.
struct Plan {
    changes: Vec<(&'static str, &'static str, Value, Value)>,
    lead: Option<i64>,
    cooperators: Option<Vec<i64>>,
    deadline: Option<Option<NaiveDate>>,
}

fn plan(conn: &Connection, cur: &Current, e: &ItemEdit) -> Result<Plan> {
    let mut changes = Vec::new();
    let wanted: [(&str, &Option<String>); 8] = [
        ("name", &e.name),
        ("requirement", &e.requirement),
        ("coordinator_leader", &e.coordinator_leader),
        ("owner_person", &e.owner_person),
        ("report_cycle", &e.report_cycle),
        ("source_category", &e.source_category),
        ("source_doc_no", &e.source_doc_no),
        ("meeting", &e.meeting),
    ];
    for ((col, label), (_, new)) in TEXT_FIELDS.iter().zip(wanted) {
        let Some(new) = new else { continue };
        let new = if *col == "coordinator_leader" {
            normalize_name(new)
        } else {
            new.trim().to_string()
        };
        if *col == "name" && new.is_empty() {
            return Err(Error::Invalid("事项名称不能为空。".into()));
        }
        // A 报送周期 the reminders can count, written as the ledger writes it.
        let new = if *col == "report_cycle" {
            super::ReportCycle::stored_form(&new)?
        } else {
            new
        };
        let old = cur.texts[*col].clone();
        if old != Value::String(new.clone()) {
            changes.push((*col, *label, old, Value::String(new)));
        }
    }
    if let Some(note) = &e.note {
        let old = cur.texts["note"].clone();
        if old != Value::String(note.trim().to_string()) {
            changes.push(("note", "备注", old, json!(note.trim())));
        }
    }
    if let Some(t) = e.tracked {
        if cur.texts["tracked"] != Value::Bool(t) {
            changes.push((
                "tracked",
                "跟踪督办",
                cur.texts["tracked"].clone(),
                json!(t),
            ));
        }
    }
    let parties = PartyIndex::load(conn)?;
    let mut lead = None;
    if let Some(l) = &e.lead {
        let p = parties.resolve(l).ok_or_else(|| {
            Error::Invalid(format!(
                "牵头部门“{}”不在组织机构中。请检查名称，或先在组织机构中添加该部门或其简称。",
                l.trim()
            ))
        })?;
        if p.id != cur.key.lead_party_id {
            lead = Some(p.id);
            changes.push((
                "lead_party_id",
                "牵头部门",
                json!(party_name(conn, cur.key.lead_party_id)?),
                json!(p.name),
            ));
        }
    }
    let lead_id = lead.unwrap_or(cur.key.lead_party_id);
    let mut cooperators = None;
    if let Some(list) = &e.cooperators {
        let mut ids: Vec<i64> = Vec::new();
        for c in list.iter().filter(|c| !c.trim().is_empty()) {
            let p = parties.resolve(c).ok_or_else(|| {
                Error::Invalid(format!(
                    "配合部门“{}”不在组织机构中。请检查名称，或先在组织机构中添加。",
                    c.trim()
                ))
            })?;
            if !ids.contains(&p.id) {
                ids.push(p.id);
            }
        }
        if ids != cur.key.cooperators {
            changes.push((
                "cooperators",
                "配合部门",
                json!(names(conn, &cur.key.cooperators)?),
                json!(names(conn, &ids)?),
            ));
            cooperators = Some(ids);
        }
    }
    let coops = cooperators.as_ref().unwrap_or(&cur.key.cooperators);
    if let Some(id) = coops.iter().find(|c| **c == lead_id) {
        return Err(Error::Invalid(format!(
            "“{}”已是牵头部门，不能同时作为配合部门。",
            party_name(conn, *id)?
        )));
    }
    let coordinator = e
        .coordinator_leader
        .as_deref()
        .map(normalize_name)
        .unwrap_or_else(|| cur.coordinator.clone());
    if !coops.is_empty() && coordinator.is_empty() {
        return Err(Error::Invalid(
            "该事项有配合部门，必须明确统筹局领导（《意见》第五条）。".into(),
        ));
    }
    let standing = e.standing.unwrap_or(cur.key.standing);
    if standing != cur.key.standing {
        changes.push(("standing", "长期", json!(cur.key.standing), json!(standing)));
    }
    if standing && e.deadline.is_some() {
        return Err(Error::Invalid(
            "长期事项没有完成时限；如需设定时限，请同时取消“长期”。".into(),
        ));
    }
    let new_deadline = if standing {
        None
    } else {
        e.deadline.or(cur.key.deadline)
    };
    if !standing && new_deadline.is_none() {
        return Err(Error::Invalid("取消“长期”时请同时填写完成时限。".into()));
    }
    let mut deadline = None;
    if new_deadline != cur.key.deadline {
        if !cur.key.status.is_open() {
            return Err(Error::Conflict(format!(
                "该事项{}，不能修改完成时限。如确需更正，请先重新打开该事项。",
                cur.key.status.label()
            )));
        }
        deadline = Some(new_deadline);
        changes.push((
            "deadline",
            "完成时限",
            json!(cur.key.deadline.map(ymd)),
            json!(new_deadline.map(ymd)),
        ));
    }
    Ok(Plan {
        changes,
        lead,
        cooperators,
        deadline,
    })
}

/// Corrects an item: only the fields given change; the reason is required.
/// Unknown parties, an empty name, a deadline change on a closed item are
/// refused and nothing is written. Returns the number of fields changed.
pub fn edit_item(store: &mut Store, actor: &Actor, item_no: &str, e: &ItemEdit) -> Result<usize> {
    let reason = e.reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid("修改事项必须填写原因。".into()));
    }
    store.write(|tx| {
        // Read inside the write: the item as it is now (the command line may
        // have closed it since the window showed it), and the before-values of
        // the audit entry are the ones replaced.
        let cur = current(tx, item_no)?;
        if cur.voided {
            return Err(Error::Conflict(format!(
                "事项{}已作废，不能修改。",
                cur.key.item_no
            )));
        }
        let p = plan(tx, &cur, e)?;
        if p.changes.is_empty() {
            return Err(Error::Invalid(
                "没有要修改的内容：给出的各项与现有内容相同。".into(),
            ));
        }
        let id = cur.key.id;
        for (col, _, _, after) in &p.changes {
            if matches!(
                *col,
                "lead_party_id" | "cooperators" | "deadline" | "standing"
            ) {
                continue;
            }
            let v = match after {
                Value::Bool(b) => rusqlite::types::Value::Integer(*b as i64),
                other => rusqlite::types::Value::Text(other.as_str().unwrap_or("").to_string()),
            };
            tx.execute(
                &format!("UPDATE items SET {col} = ?2 WHERE id = ?1"),
                params![id, v],
            )?;
        }
        if let Some(lead) = p.lead {
            tx.execute(
                "UPDATE items SET lead_party_id = ?2 WHERE id = ?1",
                params![id, lead],
            )?;
        }
        if let Some(list) = &p.cooperators {
            tx.execute("DELETE FROM item_cooperators WHERE item_id = ?1", [id])?;
            let mut st = tx.prepare_cached(
                "INSERT INTO item_cooperators(item_id, party_id) VALUES (?1, ?2)",
            )?;
            for c in list {
                st.execute(params![id, c])?;
            }
        }
        // 长期 and 完成时限 change in one statement: the table requires a
        // dated item to have a deadline, so neither order of two would pass
        // both ways (dated → 长期 and 长期 → dated).
        if let Some(Some(d)) = p.deadline {
            super::not_before_its_document(tx, id, "完成时限", d)?;
        }
        match (e.standing, p.deadline) {
            (Some(standing), Some(d)) => tx.execute(
                "UPDATE items SET standing = ?2, deadline = ?3 WHERE id = ?1",
                params![id, standing, d.map(ymd)],
            )?,
            (Some(standing), None) => tx.execute(
                "UPDATE items SET standing = ?2 WHERE id = ?1",
                params![id, standing],
            )?,
            (None, Some(d)) => tx.execute(
                "UPDATE items SET deadline = ?2 WHERE id = ?1",
                params![id, d.map(ymd)],
            )?,
            (None, None) => 0,
        };
        if e.standing == Some(true) && !cur.key.standing {
            // The deadline the approved extensions extended is gone with it,
            // and a pending request asked to move a deadline that is no more:
            // it can only be rejected, even should the item be dated again.
            tx.execute(
                "UPDATE extensions SET superseded_on = ?2
                  WHERE item_id = ?1 AND status IN ('approved', 'pending') AND voided_at IS NULL
                    AND superseded_on IS NULL",
                params![id, ymd(actor.today())],
            )?;
        }
        if e.standing.is_some() || p.deadline.is_some() {
            recompute_effective_deadline_in(tx, id)?;
        }
        let mut before = Map::new();
        let mut after = Map::new();
        for (_, label, b, a) in &p.changes {
            before.insert(label.to_string(), b.clone());
            after.insert(label.to_string(), a.clone());
        }
        after.insert("原因".into(), json!(reason));
        let action = if p.deadline.is_some() {
            "修改完成时限（更正）"
        } else {
            "修改事项"
        };
        audit::append_in(
            tx,
            actor,
            "item",
            &cur.key.item_no,
            action,
            Some(&Value::Object(before)),
            Some(&Value::Object(after)),
        )?;
        Ok(p.changes.len())
    })
}

/// Sets an item's effective deadline from its deadline and its live
/// approved extensions: the later of the deadline and the latest date a live
/// approval granted (each approval extends the deadline then in force, so the
/// latest date is the last one granted, whatever decision dates were typed;
/// an extension never brings a deadline forward: a 完成时限 corrected to after
/// it supersedes it); none for a standing item (长期),
/// whatever was approved while it had one (a standing item has no light, and
/// its reminders ask for its reports). An approval from before the item
/// became 长期 (`superseded_on`) no longer applies when it is dated again.
pub fn recompute_effective_deadline_in(tx: &Transaction, item_id: i64) -> Result<()> {
    let extended: Option<String> = tx.query_row(
        "SELECT max(new_deadline) FROM extensions
          WHERE item_id = ?1 AND status = 'approved' AND voided_at IS NULL
            AND superseded_on IS NULL",
        [item_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE items SET effective_deadline =
                CASE WHEN standing = 1 THEN NULL ELSE max(coalesce(?2, deadline), deadline) END
          WHERE id = ?1",
        params![item_id, extended],
    )?;
    Ok(())
}

/// Refuses a write on a voided item (`事项…已作废`).
pub(crate) fn ensure_live(conn: &Connection, item_id: i64) -> Result<()> {
    let voided: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT item_no, voided_at FROM items WHERE id = ?1",
            [item_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match voided {
        Some((no, Some(at))) => Err(Error::Conflict(format!(
            "事项{no}已于 {at} 作废，不能再办理。"
        ))),
        _ => Ok(()),
    }
}

/// The reason checked (see [`void::required_reason`]).
pub(crate) fn void_reason(reason: &str, what: &str) -> Result<String> {
    void::required_reason(reason, what)
}
