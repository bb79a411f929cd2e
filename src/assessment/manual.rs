//! 综合评价: a score 0–100 the office gives a party for a period, typed in
//! ([`set_manual`]) or imported from a sheet (`import.rs`).

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::AssessPeriod;
use crate::error::{invalid, Error, Result};
use crate::store::{audit, Actor, Store};

/// One 综合评价 as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ManualScore {
    /// `parties.id`.
    pub party_id: i64,
    /// The score, 0–100.
    pub score: f64,
    /// 备注.
    pub note: String,
}

/// Refuses a score outside 0–100 (or not a number), naming it.
pub fn check_manual_score(score: f64) -> Result<()> {
    if score.is_finite() && (0.0..=100.0).contains(&score) {
        Ok(())
    } else {
        Err(invalid(format!(
            "综合评价得分 {score} 超出范围：得分应在 0 至 100 之间。"
        )))
    }
}

/// Stores (or replaces) a party's 综合评价 for a period inside the caller's
/// transaction, without an audit entry. `import_id` links an imported one to its file.
pub fn set_manual_in(
    tx: &Transaction,
    actor: &Actor,
    period: &AssessPeriod,
    party_id: i64,
    score: f64,
    note: &str,
    import_id: Option<i64>,
) -> Result<()> {
    check_manual_score(score)?;
    tx.execute(
        "INSERT INTO assessment_manual (period, party_id, score, note, import_id, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (period, party_id) DO UPDATE SET score = excluded.score, note = excluded.note,
             import_id = excluded.import_id, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by",
        params![
            period.to_string(),
            party_id,
            score,
            note.trim(),
            import_id,
            actor.stamp(),
            actor.operator
        ],
    )?;
    Ok(())
}

/// Types in a party's 综合评价 for a period (0–100; anything else writes
/// nothing). One audit entry.
pub fn set_manual(
    store: &mut Store,
    actor: &Actor,
    period: &AssessPeriod,
    party: &str,
    score: f64,
    note: &str,
) -> Result<()> {
    check_manual_score(score)?;
    let party_id = crate::org::party_id(store.conn(), party)?
        .ok_or_else(|| Error::NotFound(format!("没有名为“{}”的部门或单位。", party.trim())))?;
    store.write(|tx| {
        // Read inside the write: the score replaced, not one read before it.
        let before = manual_scores(tx, period)?.remove(&party_id);
        set_manual_in(tx, actor, period, party_id, score, note, None)?;
        audit::append_in(
            tx,
            actor,
            "assessment_manual",
            &format!("{period}/{party_id}"),
            "set",
            before.map(|b| serde_json::json!(b)).as_ref(),
            Some(&serde_json::json!({"score": score, "note": note.trim()})),
        )
    })
}

/// The 综合评价 of every party for a period, by `parties.id`.
pub fn manual_scores(
    conn: &Connection,
    period: &AssessPeriod,
) -> Result<HashMap<i64, ManualScore>> {
    let mut st =
        conn.prepare("SELECT party_id, score, note FROM assessment_manual WHERE period = ?1")?;
    let rows = st.query_map([period.to_string()], |r| {
        Ok(ManualScore {
            party_id: r.get(0)?,
            score: r.get(1)?,
            note: r.get(2)?,
        })
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let m = row?;
        out.insert(m.party_id, m);
    }
    Ok(out)
}
