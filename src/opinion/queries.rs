//! Reading incidents: one, a filtered list, the month's figures and the
//! counts of a date range.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::figures::{compute, UnitRef};
use super::{classify, limits, Handling, Incident, Level, UnitCounts, UnitStats};
use crate::dates::{parse_stamp, stamp, Month};
use crate::error::{Error, Result};

const SELECT: &str = "SELECT o.id, o.party_id, p.name, o.title, o.occurred_at, o.discovered_at, o.reported_at,
        o.channel, o.level, o.negative, o.handling, o.status, o.note, o.concealed, o.concealed_reason, o.by_office
    FROM opinion_incidents o JOIN parties p ON p.id = o.party_id";

fn moment(s: Option<String>) -> Option<NaiveDateTime> {
    s.as_deref().and_then(parse_stamp)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Incident> {
    let level: String = r.get(8)?;
    let status: String = r.get(11)?;
    Ok(Incident {
        id: r.get(0)?,
        party_id: r.get(1)?,
        party: r.get(2)?,
        title: r.get(3)?,
        occurred_at: moment(r.get(4)?).unwrap_or_default(),
        discovered_at: moment(r.get(5)?),
        reported_at: moment(r.get(6)?),
        channel: r.get(7)?,
        level: Level::from_word(&level).unwrap_or(Level::General),
        negative: r.get(9)?,
        handling: r.get(10)?,
        status: Handling::from_word(&status).unwrap_or(Handling::Handling),
        note: r.get(12)?,
        concealed: r.get(13)?,
        concealed_reason: r.get(14)?,
        by_office: r.get(15)?,
        discipline: None,
    })
}

/// One incident by id.
pub fn get(conn: &Connection, id: i64) -> Result<Incident> {
    let mut i = conn
        .query_row(&format!("{SELECT} WHERE o.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的舆情。")))?;
    i.discipline = classify(&i.fact(), &limits(conn)?);
    Ok(i)
}

/// Which incidents to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct IncidentFilter {
    /// Only incidents that occurred in this month.
    pub month: Option<Month>,
    /// Only this unit's (name or alias).
    pub party: Option<String>,
    /// Only those still 处置中.
    pub open_only: bool,
}

/// The incidents matching the filter, by 发生时间 then id.
pub fn list(conn: &Connection, filter: &IncidentFilter) -> Result<Vec<Incident>> {
    let party_id = match filter.party.as_deref() {
        None => None,
        Some(name) => Some(crate::org::party_id(conn, name)?.ok_or_else(|| {
            Error::NotFound(format!("“{}”不在组织机构中，请核对名称。", name.trim()))
        })?),
    };
    let (from, to) = match filter.month {
        Some(m) => bounds(m.first_day(), m.last_day()),
        None => (String::new(), "9999".to_string()),
    };
    let sql = format!(
        "{SELECT} WHERE o.occurred_at >= ?1 AND o.occurred_at <= ?2
           AND (?3 IS NULL OR o.party_id = ?3) AND (?4 = 0 OR o.status = 'handling')
         ORDER BY o.occurred_at, o.id"
    );
    let lim = limits(conn)?;
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params![from, to, party_id, filter.open_only], row)?;
    let mut out: Vec<Incident> = rows.collect::<rusqlite::Result<_>>()?;
    for i in &mut out {
        i.discipline = classify(&i.fact(), &lim);
    }
    Ok(out)
}

/// The stored text bounds of the days `[from, to]`.
fn bounds(from: NaiveDate, to: NaiveDate) -> (String, String) {
    let end = NaiveTime::from_hms_opt(23, 59, 59).expect("a time");
    (
        stamp(from.and_time(NaiveTime::MIN)),
        stamp(to.and_time(end)),
    )
}

fn facts_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Incident>> {
    let (a, b) = bounds(from, to);
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE o.occurred_at >= ?1 AND o.occurred_at <= ?2 ORDER BY o.id"
    ))?;
    let rows = st.query_map([a, b], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per unit (`parties.id`), the counts of the incidents that occurred in
/// `[from, to]` (whole days) under the limits in force: 舆情数, 负面数,
/// 重大及以上, 迟报, 漏报, 瞒报, 按时. Units without an incident are absent.
/// The assessment's `negative_opinion` is `negative`, its
/// `opinion_discipline` is [`UnitCounts::discipline`].
pub fn counts_by_unit(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, UnitCounts>> {
    let lim = limits(conn)?;
    let mut out: HashMap<i64, UnitCounts> = HashMap::new();
    for i in facts_between(conn, from, to)? {
        out.entry(i.party_id).or_default().add(&i.fact(), &lim);
    }
    Ok(out)
}

/// The §5 table of month `m`: every active unit of the organisation (and any
/// unit no longer active that has an incident in M), ranked and flagged.
pub fn stats(conn: &Connection, m: Month) -> Result<Vec<UnitStats>> {
    let lim = limits(conn)?;
    let incidents = facts_between(conn, m.prev().prev().first_day(), m.last_day())?;
    let in_month: std::collections::HashSet<i64> = incidents
        .iter()
        .filter(|i| m.contains(i.occurred_at.date()))
        .map(|i| i.party_id)
        .collect();
    let mut st = conn.prepare(
        "SELECT id, name, active FROM parties WHERE kind = 'unit' ORDER BY sort_order, id",
    )?;
    let units: Vec<UnitRef> = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|(id, _, active)| *active || in_month.contains(id))
        .map(|(id, name, _)| UnitRef { id, name })
        .collect();
    let facts: Vec<_> = incidents.iter().map(Incident::fact).collect();
    Ok(compute(m, &units, &facts, &lim))
}

/// Negative incidents of level 重大 or above still 处置中 (the reminder source).
pub(super) fn open_major_negative(conn: &Connection) -> Result<Vec<Incident>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE o.status = 'handling' AND o.negative = 1 AND o.level IN ('major', 'critical')
         ORDER BY o.occurred_at, o.id"
    ))?;
    let rows = st.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One unit's counts per month, oldest first (the 舆情 page's trend chart).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct UnitTrend {
    /// The unit's name.
    pub party: String,
    /// `(month, 舆情数, 负面数)` for each month asked, oldest first.
    pub months: Vec<MonthCount>,
}

/// A unit's counts in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MonthCount {
    /// The month.
    pub month: Month,
    /// 舆情数.
    pub total: u32,
    /// 负面数.
    pub negative: u32,
}

/// The `months` months ending with `last` (at least 1, at most 120), per
/// active unit in the organisation's order: 舆情数 and 负面数 by month.
pub fn trend(conn: &Connection, last: Month, months: u32) -> Result<Vec<UnitTrend>> {
    let n = months.clamp(1, 120) as usize;
    let mut span = vec![last];
    while span.len() < n {
        let before = span[span.len() - 1].prev();
        span.push(before);
    }
    span.reverse();
    let mut counts: HashMap<(i64, Month), (u32, u32)> = HashMap::new();
    for i in facts_between(conn, span[0].first_day(), last.last_day())? {
        let c = counts
            .entry((i.party_id, Month::of(i.occurred_at.date())))
            .or_default();
        c.0 += 1;
        c.1 += u32::from(i.negative);
    }
    let mut st = conn.prepare(
        "SELECT id, name FROM parties WHERE kind = 'unit' AND active = 1 ORDER BY sort_order, id",
    )?;
    let units = st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(units
        .into_iter()
        .map(|(id, party)| UnitTrend {
            party,
            months: span
                .iter()
                .map(|m| {
                    let (total, negative) = counts.get(&(id, *m)).copied().unwrap_or_default();
                    MonthCount {
                        month: *m,
                        total,
                        negative,
                    }
                })
                .collect(),
        })
        .collect())
}
