//! 问题 (findings): one unit's problem from an inspection or from another
//! supervising source, which becomes a 整改事项; a 普遍性问题 sent as 防范整改
//! items to every unit or chosen ones, in one transaction (EXCHANGE §7).

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::inspection::{find, sync_final_stage_in};
use super::rectify::insert_item_in;
use super::{RectKind, Source};
use crate::dates::ymd;
use crate::error::{invalid, Error, Result};
use crate::org::{PartyIndex, PartyKind};
use crate::store::{audit, Actor, Store};

/// A problem to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewFinding {
    /// 督查 or another supervising source.
    pub source: Source,
    /// The inspection (id or 督查编号), for source 督查.
    pub inspection: Option<String>,
    /// That source's reference (审计报告文号, 巡视反馈意见 …); required for
    /// sources other than 督查.
    pub source_ref: String,
    /// The unit (or department) the problem is about.
    pub party: String,
    /// 问题描述.
    pub description: String,
    /// 普遍性问题: may be sent to other units as 防范整改.
    pub general: bool,
    /// The day it was found (not after today).
    pub found_on: NaiveDate,
    /// 整改时限 of its 整改事项 (not before `found_on`).
    pub deadline: NaiveDate,
}

/// A recorded finding and the item it became.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct FindingCreated {
    /// Row id in `findings`.
    pub finding_id: i64,
    /// 整改编号 of its 整改事项.
    pub rect_no: String,
}

/// Records a problem and its 整改事项, one audit entry. Refused, nothing
/// written: an empty description, an unknown unit or inspection, a unit the
/// inspection does not target, 督查 without an inspection (or another source
/// with one, or without its reference), a date after today, a deadline
/// before the date found.
pub fn record(store: &mut Store, actor: &Actor, new: &NewFinding) -> Result<FindingCreated> {
    store.write(|tx| record_in(tx, actor, new, None))
}

/// [`record`] inside the caller's transaction; `rebound_of` links a 问题反弹
/// to the item it repeats.
pub fn record_in(
    tx: &Transaction,
    actor: &Actor,
    new: &NewFinding,
    rebound_of: Option<i64>,
) -> Result<FindingCreated> {
    let description = new.description.trim();
    if description.is_empty() {
        return Err(invalid("请填写问题描述。"));
    }
    let index = PartyIndex::load(tx)?;
    let name = new.party.trim();
    let party = index.resolve(name).ok_or_else(|| {
        Error::NotFound(format!("“{name}”不在组织机构中。请核对被督查单位的名称。"))
    })?;
    let inspection = match (new.source, new.inspection.as_deref().map(str::trim)) {
        (Source::Inspection, Some(key)) if !key.is_empty() => {
            let id = find(tx, key)?;
            let targeted: bool = tx
                .query_row(
                    "SELECT 1 FROM inspection_targets WHERE inspection_id = ?1 AND party_id = ?2",
                    params![id, party.id],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            // A 问题反弹 repeats an item of this inspection: its unit may be
            // one the problem was spread to (防范整改), not a target.
            if !targeted && rebound_of.is_none() {
                return Err(invalid(format!(
                    "“{}”不是该次督查的督查对象，不能记录其问题。",
                    party.name
                )));
            }
            Some(id)
        }
        (Source::Inspection, _) => return Err(invalid("来源为“督查”的问题须指明是哪一次督查。")),
        (other, Some(key)) if !key.is_empty() => {
            return Err(invalid(format!(
                "来源为“{}”的问题不属于某次督查，请不要指定督查。",
                other.label()
            )))
        }
        (other, _) => {
            if new.source_ref.trim().is_empty() {
                return Err(invalid(format!(
                    "请填写{}的依据（如报告文号、反馈意见名称）。",
                    other.label()
                )));
            }
            None
        }
    };
    crate::dates::not_after_today(
        "发现日期",
        new.found_on,
        actor.today(),
        "请填写实际发现问题的日期。",
    )?;
    if new.deadline < new.found_on {
        return Err(invalid(format!(
            "整改时限 {} 早于发现日期 {}。",
            ymd(new.deadline),
            ymd(new.found_on)
        )));
    }
    tx.execute(
        "INSERT INTO findings(inspection_id, source, source_ref, party_id, description, general, found_on, rebound_of, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            inspection,
            new.source.label(),
            new.source_ref.trim(),
            party.id,
            description,
            new.general,
            ymd(new.found_on),
            rebound_of,
            actor.stamp()
        ],
    )?;
    let finding_id = tx.last_insert_rowid();
    let (_, rect_no) = insert_item_in(
        tx,
        actor,
        finding_id,
        party.id,
        RectKind::Rectify,
        description,
        new.deadline,
    )?;
    if let Some(i) = inspection {
        sync_final_stage_in(tx, i)?;
    }
    audit::append_in(
        tx,
        actor,
        "rectification",
        &rect_no,
        if rebound_of.is_some() {
            "finding_rebound"
        } else {
            "finding_record"
        },
        None,
        Some(&serde_json::json!({
            "finding_id": finding_id,
            "source": new.source.label(),
            "source_ref": new.source_ref.trim(),
            "party": party.name,
            "description": description,
            "general": new.general,
            "found_on": ymd(new.found_on),
            "deadline": ymd(new.deadline),
            "rebound_of": rebound_of,
        })),
    )?;
    Ok(FindingCreated {
        finding_id,
        rect_no,
    })
}

/// A 普遍性问题 to send as 防范整改.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Spread {
    /// The finding (row id), marked 普遍性问题.
    pub finding_id: i64,
    /// The units to send it to; empty = every active 下级单位 except the one
    /// where it was found and those that already have it.
    pub units: Vec<String>,
    /// 整改时限 of the 防范整改 items.
    pub deadline: NaiveDate,
}

/// Sends a 普遍性问题 to units as 防范整改 items, all in one transaction
/// with one audit entry; returns the new 整改编号. Refused, nothing written:
/// a finding not marked 普遍性问题, an unknown unit, a chosen unit that is the
/// finding's own or already has it, a deadline before today, no unit left.
pub fn spread(store: &mut Store, actor: &Actor, s: &Spread) -> Result<Vec<String>> {
    store.write(|tx| spread_in(tx, actor, s))
}

/// [`spread`] inside the caller's transaction (with its audit entry).
pub fn spread_in(tx: &Transaction, actor: &Actor, s: &Spread) -> Result<Vec<String>> {
    let (party_id, description, general): (i64, String, bool) = tx
        .query_row(
            "SELECT party_id, description, general FROM findings WHERE id = ?1",
            [s.finding_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到序号为 {} 的问题。", s.finding_id)))?;
    if !general {
        return Err(invalid(
            "该问题未标记为普遍性问题，不能下发防范整改。请先确认其为普遍性问题。",
        ));
    }
    if s.deadline < actor.today() {
        return Err(invalid(format!("整改时限 {} 早于今天。", ymd(s.deadline))));
    }
    let has: Vec<i64> = tx
        .prepare("SELECT party_id FROM rectifications WHERE finding_id = ?1")?
        .query_map([s.finding_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let index = PartyIndex::load(tx)?;
    let mut targets: Vec<(i64, String)> = Vec::new();
    if s.units.iter().all(|u| u.trim().is_empty()) {
        for p in index.parties() {
            if p.kind == PartyKind::Unit && p.active && !has.contains(&p.id) {
                targets.push((p.id, p.name.clone()));
            }
        }
    } else {
        for u in s.units.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
            let p = index
                .resolve(u)
                .ok_or_else(|| Error::NotFound(format!("“{u}”不在组织机构中。请核对单位名称。")))?;
            if p.id == party_id {
                return Err(invalid(format!(
                    "“{}”是发现该问题的单位，已有整改事项，不需要防范整改。",
                    p.name
                )));
            }
            if has.contains(&p.id) {
                return Err(Error::Conflict(format!(
                    "“{}”已收到该问题的防范整改，不能重复下发。",
                    p.name
                )));
            }
            if !targets.iter().any(|(id, _)| *id == p.id) {
                targets.push((p.id, p.name.clone()));
            }
        }
    }
    if targets.is_empty() {
        return Err(invalid("没有需要下发防范整改的单位。"));
    }
    let mut nos = Vec::new();
    for (pid, _) in &targets {
        let (_, no) = insert_item_in(
            tx,
            actor,
            s.finding_id,
            *pid,
            RectKind::Prevent,
            &description,
            s.deadline,
        )?;
        nos.push(no);
    }
    let inspection: Option<i64> = tx.query_row(
        "SELECT inspection_id FROM findings WHERE id = ?1",
        [s.finding_id],
        |r| r.get(0),
    )?;
    if let Some(i) = inspection {
        sync_final_stage_in(tx, i)?;
    }
    audit::append_in(
        tx,
        actor,
        "finding",
        &s.finding_id.to_string(),
        "finding_spread",
        None,
        Some(&serde_json::json!({
            "units": targets.iter().map(|t| &t.1).collect::<Vec<_>>(),
            "items": nos,
            "deadline": ymd(s.deadline),
        })),
    )?;
    Ok(nos)
}
