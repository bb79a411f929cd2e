//! Writing incidents: entered, imported (one row), changed, marked 瞒报.
//! Each use case is one transaction with one audit entry (entity `opinion`).

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{get, Incident, NewIncident};
use crate::dates::stamp;
use crate::error::{invalid, Error, Result};
use crate::org::{PartyIndex, PartyKind};
use crate::store::{audit, Actor, Store};

/// Where an imported incident came from (file, sheet, row).
#[derive(Debug, Clone, Copy)]
pub struct RowSource<'a> {
    /// `imports.id`.
    pub import_id: i64,
    /// Sheet name.
    pub sheet: &'a str,
    /// Excel row number.
    pub row: u32,
}

/// Checks an incident's times and text as of `today` (no time on a day to
/// come); the Chinese reason of the first problem.
pub fn check(new: &NewIncident, now: NaiveDateTime) -> std::result::Result<(), String> {
    if new.title.trim().is_empty() {
        return Err("舆情标题为空，请填写".into());
    }
    let show = |t: NaiveDateTime| crate::dates::minute(t);
    let today = now.date();
    // 发生/发现 not after this moment; 报告时间 by the day, since a date
    // alone reads as 23:59 for it (§2.6).
    for (t, what) in [
        (Some(new.occurred_at), "发生时间"),
        (new.discovered_at, "发现时间"),
    ] {
        if let Some(t) = t.filter(|t| *t > now) {
            let when = if t.date() > today {
                format!("晚于今天（{}）", crate::dates::ymd(today))
            } else {
                format!("晚于现在（{}）", show(now))
            };
            return Err(format!("{what} {} {when}，请核对", show(t)));
        }
    }
    if let Some(t) = new.reported_at.filter(|t| t.date() > today) {
        return Err(format!(
            "报告时间 {} 晚于今天（{}），请核对",
            show(t),
            crate::dates::ymd(today)
        ));
    }
    if let Some(found) = new.discovered_at {
        if found < new.occurred_at {
            return Err(format!(
                "发现时间 {} 早于发生时间 {}，请核对",
                show(found),
                show(new.occurred_at)
            ));
        }
    }
    if let Some(rep) = new.reported_at {
        let (base, what) = match new.discovered_at {
            Some(f) => (f, "发现时间"),
            None => (new.occurred_at, "发生时间"),
        };
        if rep < base {
            return Err(format!(
                "报告时间 {} 早于{what} {}，请核对",
                show(rep),
                show(base)
            ));
        }
    }
    Ok(())
}

/// Resolves a unit by name or alias; a department or an unknown name is refused.
pub fn unit_of(parties: &PartyIndex, name: &str) -> std::result::Result<(i64, String), String> {
    let p = parties
        .resolve(name)
        .ok_or_else(|| format!("“{}”不在组织机构中，请核对名称", name.trim()))?;
    if p.kind != PartyKind::Unit {
        return Err(format!("“{}”是内设机构，舆情登记只适用于下级单位", p.name));
    }
    Ok((p.id, p.name.clone()))
}

/// The stored incident with `new`'s unit, 标题 and 发生时间, if any.
fn existing_in(tx: &Transaction, party_id: i64, new: &NewIncident) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM opinion_incidents WHERE party_id = ?1 AND title = ?2 AND occurred_at = ?3",
        )?
        .query_row(
            params![party_id, new.title.trim(), stamp(new.occurred_at)],
            |r| r.get(0),
        )
        .optional()?)
}

/// Inserts the incident, or updates the one with the same (unit, 标题, 发生时间),
/// inside the caller's transaction; its id and whether it was new. No audit
/// entry (the caller writes one). A mark of 瞒报 stays.
pub fn upsert_in(
    tx: &Transaction,
    actor: &Actor,
    party_id: i64,
    new: &NewIncident,
    by_office: bool,
    source: Option<RowSource<'_>>,
) -> Result<(i64, bool)> {
    match existing_in(tx, party_id, new)? {
        Some(id) => {
            write_fields_in(tx, actor, id, new)?;
            if let Some(s) = source {
                tx.prepare_cached(
                    "UPDATE opinion_incidents SET import_id = ?2, import_sheet = ?3, import_row = ?4 WHERE id = ?1",
                )?
                .execute(params![id, s.import_id, s.sheet, s.row])?;
            }
            Ok((id, false))
        }
        None => {
            let now = actor.stamp();
            tx.prepare_cached(
                "INSERT INTO opinion_incidents(party_id, title, occurred_at, discovered_at, reported_at,
                    channel, level, negative, handling, status, note, by_office,
                    import_id, import_sheet, import_row, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
            )?
            .execute(params![
                party_id,
                new.title.trim(),
                stamp(new.occurred_at),
                new.discovered_at.map(stamp),
                new.reported_at.map(stamp),
                new.channel.trim(),
                new.level.code(),
                new.negative,
                new.handling.trim(),
                new.status.code(),
                new.note.trim(),
                by_office,
                source.map(|s| s.import_id),
                source.map(|s| s.sheet),
                source.map(|s| s.row),
                now,
            ])?;
            Ok((tx.last_insert_rowid(), true))
        }
    }
}

/// Overwrites the fields of incident `id` with `new` (its unit stays).
fn write_fields_in(tx: &Transaction, actor: &Actor, id: i64, new: &NewIncident) -> Result<()> {
    tx.prepare_cached(
        "UPDATE opinion_incidents SET title = ?2, occurred_at = ?3, discovered_at = ?4, reported_at = ?5,
            channel = ?6, level = ?7, negative = ?8, handling = ?9, status = ?10, note = ?11, updated_at = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        new.title.trim(),
        stamp(new.occurred_at),
        new.discovered_at.map(stamp),
        new.reported_at.map(stamp),
        new.channel.trim(),
        new.level.code(),
        new.negative,
        new.handling.trim(),
        new.status.code(),
        new.note.trim(),
        actor.stamp(),
    ])?;
    Ok(())
}

fn audit_after(i: &Incident) -> serde_json::Value {
    serde_json::to_value(i).unwrap_or(serde_json::Value::Null)
}

/// Records an incident entered in the app. `by_office`: the office records
/// one the unit did not report (leave `reported_at` empty for 漏报). The same
/// (unit, 标题, 发生时间) as a stored incident updates it.
pub fn create(
    store: &mut Store,
    actor: &Actor,
    new: &NewIncident,
    by_office: bool,
) -> Result<Incident> {
    check(new, actor.now).map_err(|e| invalid(format!("{e}。")))?;
    if by_office && new.reported_at.is_some() {
        return Err(invalid(
            "由本办发现登记的舆情是单位未报告的，不能同时填写报告时间。单位已经报告的，请取消“单位未报告，由本办发现登记”（命令行：去掉 --by-office）；单位事后补报的，先登记，再修改报告时间。",
        ));
    }
    let parties = PartyIndex::load(store.conn())?;
    let (party_id, _) = unit_of(&parties, &new.party).map_err(|e| invalid(format!("{e}。")))?;
    let id = store.write(|tx| {
        // Entered again, an incident is updated: its entry says what it was.
        let before = match existing_in(tx, party_id, new)? {
            Some(id) => Some(audit_after(&get(tx, id)?)),
            None => None,
        };
        let (id, added) = upsert_in(tx, actor, party_id, new, by_office, None)?;
        let after = get(tx, id)?;
        let action = match (added, by_office) {
            (true, true) => "记录未报告的舆情（漏报）",
            (true, false) => "登记舆情",
            (false, _) => "修改舆情",
        };
        audit::append_in(
            tx,
            actor,
            "opinion",
            &id.to_string(),
            action,
            before.as_ref(),
            Some(&audit_after(&after)),
        )?;
        Ok(id)
    })?;
    get(store.conn(), id)
}

/// Changes incident `id` to `new` (its unit may not change); refused when
/// another incident of the unit has the same 标题 and 发生时间.
pub fn update(store: &mut Store, actor: &Actor, id: i64, new: &NewIncident) -> Result<Incident> {
    check(new, actor.now).map_err(|e| invalid(format!("{e}。")))?;
    let parties = PartyIndex::load(store.conn())?;
    let (party_id, _) = unit_of(&parties, &new.party).map_err(|e| invalid(format!("{e}。")))?;
    store.write(|tx| {
        // Read and checked inside the write: the incident as it is replaced,
        // and no clash entered meanwhile by another process.
        let before = get(tx, id)?;
        if party_id != before.party_id {
            return Err(invalid(format!(
                "舆情 {id} 属于{}，不能改为其他单位；如登记错了单位，请为正确的单位另行登记。",
                before.party
            )));
        }
        if let Some(other) = existing_in(tx, party_id, new)?.filter(|&other| other != id) {
            return Err(Error::Conflict(format!(
                "{}已有发生时间相同、标题为“{}”的舆情（编号 {other}）。",
                before.party,
                new.title.trim()
            )));
        }
        write_fields_in(tx, actor, id, new)?;
        let after = get(tx, id)?;
        audit::append_in(
            tx,
            actor,
            "opinion",
            &id.to_string(),
            "修改舆情",
            Some(&audit_after(&before)),
            Some(&audit_after(&after)),
        )
    })?;
    get(store.conn(), id)
}

/// Marks incident `id` 瞒报 with the office's reason (or, with `concealed`
/// false, takes the mark back, also with a reason).
pub fn mark_concealed(
    store: &mut Store,
    actor: &Actor,
    id: i64,
    concealed: bool,
    reason: &str,
) -> Result<Incident> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid(if concealed {
            "请填写认定瞒报的理由。"
        } else {
            "请填写撤销瞒报认定的理由。"
        }));
    }
    store.write(|tx| {
        // Read inside the write: the mark as it is, not as the window showed it.
        let before = get(tx, id)?;
        if before.concealed == concealed {
            return Err(Error::Conflict(format!(
                "舆情 {id}“{}”{}。",
                before.title,
                if concealed {
                    "已认定为瞒报"
                } else {
                    "未被认定为瞒报"
                }
            )));
        }
        tx.execute(
            "UPDATE opinion_incidents SET concealed = ?2, concealed_reason = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, concealed, if concealed { reason } else { "" }, actor.stamp()],
        )?;
        audit::append_in(
            tx,
            actor,
            "opinion",
            &id.to_string(),
            if concealed { "认定瞒报" } else { "撤销瞒报认定" },
            Some(&serde_json::json!({ "concealed": before.concealed, "reason": before.concealed_reason })),
            Some(&serde_json::json!({ "concealed": concealed, "reason": reason })),
        )
    })?;
    get(store.conn(), id)
}
