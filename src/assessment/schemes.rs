//! 考核方案: the weights of each indicator for departments and for units, and
//! the factors of the count indicators (EXCHANGE §6). The shipped 默认方案 is
//! stored by migration 0008 and never edited; the office copies it, changes
//! the copy, and chooses a scheme for a period.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{AssessPeriod, IndicatorId};
use crate::error::{invalid, Error, Result};
use crate::org::PartyKind;
use crate::store::{audit, Actor, Store};

/// The name of the shipped scheme.
pub const DEFAULT_SCHEME: &str = "默认方案";

/// Weights and factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SchemeBody {
    /// Weights for departments, by indicator (an indicator left out weighs 0).
    pub departments: BTreeMap<IndicatorId, f64>,
    /// Weights for units.
    pub units: BTreeMap<IndicatorId, f64>,
    /// Factors of the count indicators: s = max(0, 100 − factor × value).
    pub factors: BTreeMap<IndicatorId, f64>,
}

impl Default for SchemeBody {
    /// The weights and factors of §6.
    fn default() -> SchemeBody {
        use IndicatorId::*;
        SchemeBody {
            departments: BTreeMap::from([
                (OnTimeRate, 50.0),
                (OverdueOpen, 20.0),
                (Extensions, 10.0),
                (Accountability, 10.0),
                (Manual, 10.0),
            ]),
            units: BTreeMap::from([
                (OnTimeRate, 30.0),
                (ReportTimeliness, 20.0),
                (RectificationRate, 15.0),
                (NegativeOpinion, 10.0),
                (OpinionDiscipline, 10.0),
                (Accountability, 5.0),
                (Manual, 10.0),
            ]),
            factors: BTreeMap::from([
                (OverdueOpen, 10.0),
                (Extensions, 5.0),
                (NegativeOpinion, 10.0),
                (OpinionDiscipline, 20.0),
                (Accountability, 20.0),
            ]),
        }
    }
}

/// The largest weight a scheme takes.
pub const MAX_WEIGHT: f64 = 1000.0;

impl SchemeBody {
    /// The weight of an indicator for a kind of party (0 when left out).
    pub fn weight(&self, kind: PartyKind, id: IndicatorId) -> f64 {
        let map = match kind {
            PartyKind::Department => &self.departments,
            PartyKind::Unit => &self.units,
        };
        map.get(&id).copied().unwrap_or(0.0)
    }
    /// The factor of a count indicator (§6's default when left out).
    pub fn factor(&self, id: IndicatorId) -> f64 {
        match self.factors.get(&id) {
            Some(f) => *f,
            None => SchemeBody::default()
                .factors
                .get(&id)
                .copied()
                .unwrap_or(0.0),
        }
    }
    /// Refuses negative, too large or non-finite weights, weights for indicators the kind
    /// of party is not scored on, factors of non-count indicators, and a kind
    /// whose weights are all zero.
    pub fn validate(&self) -> Result<()> {
        for (who, kind, map) in [
            ("部门", PartyKind::Department, &self.departments),
            ("单位", PartyKind::Unit, &self.units),
        ] {
            for (id, w) in map {
                // Weights are relative (the default ones add up to 100); a
                // bound keeps their sums finite (1e308 twice overflowed and
                // scored NaN).
                if !w.is_finite() || !(0.0..=MAX_WEIGHT).contains(w) {
                    return Err(invalid(format!(
                        "{who}的指标“{}”权重 {w} 无效：权重应为 0 至 {MAX_WEIGHT} 之间的数。",
                        id.label()
                    )));
                }
                if kind == PartyKind::Department && !id.for_departments() && *w > 0.0 {
                    return Err(invalid(format!(
                        "指标“{}”只用于下级单位，不能给部门设置权重。",
                        id.label()
                    )));
                }
            }
            if map.values().all(|w| *w == 0.0) {
                return Err(invalid(format!(
                    "{who}的权重不能全部为 0：请至少给一个指标设置大于 0 的权重。"
                )));
            }
        }
        for (id, f) in &self.factors {
            if !id.is_count() {
                return Err(invalid(format!(
                    "指标“{}”不是计数指标，没有扣分系数。",
                    id.label()
                )));
            }
            if !f.is_finite() || *f < 0.0 {
                return Err(invalid(format!(
                    "指标“{}”的扣分系数 {f} 无效：系数应为不小于 0 的数。",
                    id.label()
                )));
            }
        }
        Ok(())
    }
}

/// A stored scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Scheme {
    /// `assessment_schemes.id`.
    pub id: i64,
    /// Its name (unique).
    pub name: String,
    /// Its weights and factors.
    pub body: SchemeBody,
    /// The shipped 默认方案 (never edited).
    pub builtin: bool,
}

/// Changes to a scheme's weights and factors; what is not named stays.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SchemeChange {
    /// New department weights.
    pub departments: Vec<(IndicatorId, f64)>,
    /// New unit weights.
    pub units: Vec<(IndicatorId, f64)>,
    /// New factors.
    pub factors: Vec<(IndicatorId, f64)>,
}

fn scheme_of(id: i64, name: String, body: &str) -> Result<Scheme> {
    let body: SchemeBody = serde_json::from_str(body)
        .map_err(|e| Error::BadFile(format!("考核方案“{name}”的内容无法读取：{e}")))?;
    Ok(Scheme {
        builtin: id == 1,
        id,
        name,
        body,
    })
}

/// Every scheme, 默认方案 first.
pub fn list_schemes(conn: &Connection) -> Result<Vec<Scheme>> {
    let mut st = conn.prepare("SELECT id, name, body FROM assessment_schemes ORDER BY id")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, body) = row?;
        out.push(scheme_of(id, name, &body)?);
    }
    Ok(out)
}

/// The scheme with this name.
pub fn scheme_by_name(conn: &Connection, name: &str) -> Result<Scheme> {
    let name = name.trim();
    let row = conn
        .query_row(
            "SELECT id, name, body FROM assessment_schemes WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?;
    let (id, name, body) = row.ok_or_else(|| {
        Error::NotFound(format!(
            "没有名为“{name}”的考核方案。可先用“复制方案”从{DEFAULT_SCHEME}复制一个。"
        ))
    })?;
    scheme_of(id, name, &body)
}

/// The scheme chosen for a period (默认方案 when none was chosen).
pub fn scheme_for(conn: &Connection, period: &AssessPeriod) -> Result<Scheme> {
    let chosen: Option<String> = conn
        .query_row(
            "SELECT s.name FROM assessment_period_schemes p
             JOIN assessment_schemes s ON s.id = p.scheme_id WHERE p.period = ?1",
            [period.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    scheme_by_name(conn, chosen.as_deref().unwrap_or(DEFAULT_SCHEME))
}

/// Copies scheme `from` under a new name. One audit entry.
pub fn copy_scheme(store: &mut Store, actor: &Actor, from: &str, name: &str) -> Result<Scheme> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("新方案的名称不能为空。"));
    }
    let source = scheme_by_name(store.conn(), from)?;
    store.write(|tx| {
        let taken: bool = tx.query_row(
            "SELECT count(*) > 0 FROM assessment_schemes WHERE name = ?1",
            [name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::Conflict(format!(
                "已有名为“{name}”的考核方案，请换一个名称。"
            )));
        }
        let body = serde_json::to_string(&source.body).expect("a scheme serialises");
        tx.execute(
            "INSERT INTO assessment_schemes (name, body, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
            params![name, body, actor.stamp(), actor.operator],
        )?;
        let id = tx.last_insert_rowid();
        audit::append_in(
            tx,
            actor,
            "assessment_scheme",
            &id.to_string(),
            "copy",
            None,
            Some(&serde_json::json!({"name": name, "from": source.name, "body": source.body})),
        )?;
        Ok(())
    })?;
    scheme_by_name(store.conn(), name)
}

/// Changes weights and factors of a scheme (not 默认方案). A result that
/// [`SchemeBody::validate`] refuses writes nothing. One audit entry.
pub fn update_scheme(
    store: &mut Store,
    actor: &Actor,
    name: &str,
    change: &SchemeChange,
) -> Result<Scheme> {
    let name = store.write(|tx| {
        // Read, merged and written in one write: a change made meanwhile by
        // another process (the command line) is merged, never overwritten.
        let before = scheme_by_name(tx, name)?;
        if before.builtin {
            return Err(invalid(format!(
                "{DEFAULT_SCHEME}不能修改。请先复制一个方案，再修改复制出的方案。"
            )));
        }
        let mut body = before.body.clone();
        for (id, w) in &change.departments {
            body.departments.insert(*id, *w);
        }
        for (id, w) in &change.units {
            body.units.insert(*id, *w);
        }
        for (id, f) in &change.factors {
            body.factors.insert(*id, *f);
        }
        body.validate()?;
        let text = serde_json::to_string(&body).expect("a scheme serialises");
        tx.execute(
            "UPDATE assessment_schemes SET body = ?2 WHERE id = ?1",
            params![before.id, text],
        )?;
        audit::append_in(
            tx,
            actor,
            "assessment_scheme",
            &before.id.to_string(),
            "update",
            Some(&serde_json::to_value(&before.body).expect("serialises")),
            Some(&serde_json::to_value(&body).expect("serialises")),
        )?;
        Ok(before.name)
    })?;
    scheme_by_name(store.conn(), &name)
}

/// Chooses the scheme a period is scored by. One audit entry.
pub fn choose_scheme(
    store: &mut Store,
    actor: &Actor,
    period: &AssessPeriod,
    name: &str,
) -> Result<Scheme> {
    store.write(|tx| {
        // Read inside the write: the scheme as it is and the one replaced.
        let scheme = scheme_by_name(tx, name)?;
        let before = scheme_for(tx, period)?;
        tx.execute(
            "INSERT INTO assessment_period_schemes (period, scheme_id) VALUES (?1, ?2)
             ON CONFLICT (period) DO UPDATE SET scheme_id = excluded.scheme_id",
            params![period.to_string(), scheme.id],
        )?;
        audit::append_in(
            tx,
            actor,
            "assessment_period",
            &period.to_string(),
            "choose_scheme",
            Some(&serde_json::json!({"scheme": before.name})),
            Some(&serde_json::json!({"scheme": scheme.name})),
        )?;
        Ok(scheme)
    })
}
