//! Reading the facts of the monthly figures from the database.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::figures::{
    compute, ExtensionFact, Inputs, ItemFact, MonthlyFigures, PartyFact, RoundFact,
};
use super::{Period, Span};
use crate::calendar::Calendar;
use crate::error::Result;
use crate::items::Status;
use crate::org::PartyKind;

/// Computes the figures of `period` from what is stored (calendar included).
pub fn monthly_figures(conn: &Connection, period: &Period) -> Result<MonthlyFigures> {
    let cal = Calendar::load(conn)?;
    let inputs = load_inputs(conn, period)?;
    Ok(compute(&inputs, &cal, period))
}

fn date(s: &str) -> Result<NaiveDate> {
    crate::dates::stored(s)
}

fn opt_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.filter(|s| !s.is_empty()).map(|s| date(&s)).transpose()
}

/// Loads what [`compute`] needs for `period`: every party, every item (the
/// rules, not SQL, decide scope so that there is one definition of it),
/// extensions requested or decided from the first day of the month on, and
/// rounds due in the month with their targets and first reports.
pub fn load_inputs(conn: &Connection, period: &Period) -> Result<Inputs> {
    load_inputs_in(conn, &period.span())
}

/// [`load_inputs`] over any span: extensions requested or decided from
/// `span.first` on, rounds due in `[span.first, span.last]`.
pub fn load_inputs_in(conn: &Connection, span: &Span) -> Result<Inputs> {
    let mut inputs = Inputs::default();

    let mut st = conn.prepare("SELECT id, name, kind, sort_order FROM parties")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        inputs.parties.push(PartyFact {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: PartyKind::from_code(&r.get::<_, String>(2)?),
            sort_order: r.get(3)?,
        });
    }

    let mut coop: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut st =
        conn.prepare("SELECT item_id, party_id FROM item_cooperators ORDER BY item_id, party_id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        coop.entry(r.get(0)?).or_default().push(r.get(1)?);
    }

    let mut st = conn.prepare(
        "SELECT id, item_no, name, lead_party_id, standing, status, deadline, effective_deadline,
                done_on, created_on
         FROM items",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let status: Status = r.get(5)?;
        let deadline = opt_date(r.get(6)?)?;
        let due = opt_date(r.get(7)?)?.or(deadline);
        // done(t) exists only for an item the office has closed: a reopened
        // item's old date does not count.
        let done = if status == Status::Done {
            opt_date(r.get(8)?)?
        } else {
            None
        };
        inputs.items.push(ItemFact {
            id,
            item_no: r.get(1)?,
            name: r.get(2)?,
            lead: r.get(3)?,
            cooperators: coop.remove(&id).unwrap_or_default(),
            standing: r.get::<_, i64>(4)? != 0,
            withdrawn: status == Status::Withdrawn,
            deadline,
            due,
            done,
            created_on: date(&r.get::<_, String>(9)?)?,
            status_label: status.label().to_string(),
        });
    }

    let first = span.first.to_string();
    let mut st = conn.prepare(
        "SELECT item_id, requested_on, old_deadline, new_deadline, status, decided_on, reason
         FROM extensions WHERE (requested_on >= ?1 OR decided_on >= ?1) AND voided_at IS NULL",
    )?;
    let mut rows = st.query([&first])?;
    while let Some(r) = rows.next()? {
        let status: String = r.get(4)?;
        inputs.extensions.push(ExtensionFact {
            item_id: r.get(0)?,
            requested_on: date(&r.get::<_, String>(1)?)?,
            old_deadline: date(&r.get::<_, String>(2)?)?,
            new_deadline: date(&r.get::<_, String>(3)?)?,
            approved: status == "approved",
            status_label: match status.as_str() {
                "approved" => "已批准",
                "rejected" => "未批准",
                _ => "待审批",
            }
            .to_string(),
            decided_on: opt_date(r.get(5)?)?,
            reason: r.get(6)?,
        });
    }

    inputs.rounds = load_rounds(conn, span)?;
    Ok(inputs)
}

fn load_rounds(conn: &Connection, span: &Span) -> Result<Vec<RoundFact>> {
    let (first, last) = (span.first.to_string(), span.last.to_string());
    let mut out = Vec::new();
    let mut st = conn.prepare(
        "SELECT id, title, due FROM rounds WHERE due >= ?1 AND due <= ?2 AND voided_at IS NULL ORDER BY due, id",
    )?;
    let mut rows = st.query([&first, &last])?;
    while let Some(r) = rows.next()? {
        out.push(RoundFact {
            id: r.get(0)?,
            title: r.get(1)?,
            due: date(&r.get::<_, String>(2)?)?,
            targets: Vec::new(),
            received: HashMap::new(),
        });
    }
    let mut targets = conn.prepare("SELECT party_id FROM round_targets WHERE round_id = ?1")?;
    let mut reports =
        conn.prepare("SELECT party_id, min(received_on) FROM round_reports WHERE round_id = ?1 AND voided_at IS NULL GROUP BY party_id")?;
    for round in &mut out {
        round.targets = targets
            .query_map([round.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows = reports.query([round.id])?;
        while let Some(r) = rows.next()? {
            round
                .received
                .insert(r.get(0)?, date(&r.get::<_, String>(1)?)?);
        }
    }
    Ok(out)
}
