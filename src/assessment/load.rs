//! Gathering the facts of a 绩效考核 period from the database, scoring them,
//! and publishing them (frozen through [`crate::publications`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::scores::{score_parties, PartyFacts, ReportCounts};
use super::{manual_scores, scheme_for, AssessPeriod, Assessment};
use crate::calendar::Calendar;
use crate::circulation::{lead_tallies, load_inputs_in, Span};
use crate::error::{invalid, Result};
use crate::org::PartyIndex;
use crate::publications::{self, NewPublication, PublicationKind, PublicationSummary};
use crate::rounds::{report_status_at_end_of, ReportStatus};
use crate::store::{Actor, Store};

/// A rate's numerator and denominator (`done / due`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateCount {
    /// Counted in the numerator.
    pub done: u32,
    /// The denominator; the rate is undefined when it is 0.
    pub due: u32,
}

/// The facts of one party that capabilities other than items, extensions and
/// rounds own. `None` means "not known here": the indicator is then undefined
/// for the party and its weight is spread over the defined ones. A module that
/// fills a field gives every party a value for the period (`Some(0)` for none).
///
/// Who fills what (in [`external_facts`]):
/// - `rectification`: the 整改 room (docs/exchange.md §7) — rectification
///   items due in `[F, A]` closed on or before their deadline, over those due
///   in `[F, A]`;
/// - `negative_opinions` and `opinion_breaches`: the 舆情 room (§5) —
///   negative incidents that occurred in P, and 迟报 + 漏报 + 瞒报 in P;
/// - `accountability`: the 约谈/问责 records dated in `[F, A]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExternalFacts {
    /// 整改完成率's counts (units).
    pub rectification: Option<RateCount>,
    /// 负面舆情: negative incidents occurred in P (units).
    pub negative_opinions: Option<u32>,
    /// 舆情报告纪律: 迟报 + 漏报 + 瞒报 in P (units).
    pub opinion_breaches: Option<u32>,
    /// 约谈问责: records dated in `[F, A]` (both).
    pub accountability: Option<u32>,
}

/// The facts of [`ExternalFacts`] for every party over `[span.first, span.as_of]`
/// of `period`, by `parties.id`.
///
/// The one seam through which the modules of 整改, 舆情 and 约谈/问责 reach the
/// scores. 舆情 counts the incidents that occurred in P (`[F, L]`, §5's
/// counting: 迟报 + 漏报 + 瞒报 once each); 约谈/问责 the records dated in
/// `[F, A]`. Every party gets a value (0 when it has none). 整改完成率 counts
/// the 整改事项 whose deadline is in `[F, A]` and those of them closed on or
/// before it; undefined for a unit with none.
pub fn external_facts(
    conn: &Connection,
    period: &AssessPeriod,
    span: &Span,
) -> Result<HashMap<i64, ExternalFacts>> {
    let opinions = crate::opinion::counts_by_unit(conn, period.first_day(), period.last_day())?;
    let records = crate::accountability::counts_by_party(conn, span.first, span.as_of)?;
    let rectified: HashMap<i64, RateCount> =
        crate::inspections::queries::rectification_timeliness(conn, span.first, span.as_of)?
            .into_iter()
            .map(|u| {
                let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
                let rate = RateCount {
                    done: count(u.closed_on_time),
                    due: count(u.due),
                };
                (u.party_id, rate)
            })
            .collect();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM parties")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids
        .into_iter()
        .map(|id| {
            let o = opinions.get(&id);
            let facts = ExternalFacts {
                rectification: rectified.get(&id).copied(),
                negative_opinions: Some(o.map_or(0, |c| c.negative)),
                opinion_breaches: Some(o.map_or(0, |c| c.discipline())),
                accountability: Some(records.get(&id).copied().unwrap_or(0)),
            };
            (id, facts)
        })
        .collect())
}

/// `[F, A]` of a period: the item rules of §3 with M replaced by P, and the
/// counts "in P" (延期次数, rounds due) running from F to A, as §6 states them.
fn span_of(period: &AssessPeriod, as_of: Option<NaiveDate>) -> Result<Span> {
    let first = period.first_day();
    let as_of = as_of.unwrap_or_else(|| period.last_day());
    if as_of < first {
        return Err(invalid(format!(
            "统计截止日期 {as_of} 早于{}的第一天 {first}。请选择 {first} 或之后的日期。",
            period.label()
        )));
    }
    Ok(Span {
        first,
        last: as_of,
        as_of,
    })
}

/// Scores `period` as of `as_of` (default its last day) from what is stored now,
/// by the scheme chosen for it. Every active department and unit gets a row.
pub fn assess(
    conn: &Connection,
    period: &AssessPeriod,
    as_of: Option<NaiveDate>,
) -> Result<Assessment> {
    let span = span_of(period, as_of)?;
    let scheme = scheme_for(conn, period)?;
    let cal = Calendar::load(conn)?;
    let inputs = load_inputs_in(conn, &span)?;
    let tallies = lead_tallies(&inputs, &cal, &span);

    let mut reports: HashMap<i64, ReportCounts> = HashMap::new();
    for r in inputs
        .rounds
        .iter()
        .filter(|r| span.first <= r.due && r.due <= span.as_of)
    {
        for p in &r.targets {
            let received = r.received.get(p).copied().filter(|d| *d <= span.as_of);
            let c = reports.entry(*p).or_default();
            match report_status_at_end_of(r.due, received, span.as_of) {
                ReportStatus::OnTime => c.on_time += 1,
                ReportStatus::Late => c.late += 1,
                ReportStatus::Missing => c.missing += 1,
                ReportStatus::NotDue => {}
            }
        }
    }
    let manual = manual_scores(conn, period)?;
    let external = external_facts(conn, period, &span)?;

    let index = PartyIndex::load(conn)?;
    let facts: Vec<PartyFacts> = index
        .parties()
        .iter()
        .filter(|p| p.active)
        .map(|p| PartyFacts {
            name: p.name.clone(),
            kind: p.kind,
            sort_order: p.sort_order,
            tally: tallies.get(&p.id).cloned(),
            reports: reports.get(&p.id).copied().unwrap_or_default(),
            manual: manual.get(&p.id).map(|m| m.score),
            external: external.get(&p.id).copied().unwrap_or_default(),
        })
        .collect();
    let (departments, units) = score_parties(&facts, &scheme.body);
    Ok(Assessment {
        period: *period,
        as_of: span.as_of,
        departments,
        units,
        scheme: scheme.name,
    })
}

/// Computes `period` as of `as_of` and publishes it: version 1, or with a
/// 更正原因 the next version (both stay readable). Publishing again without a
/// reason is refused and writes nothing, as is publishing a period that has
/// not ended (on the actor's day) without an explicit as-of day. Returns the
/// stored version.
pub fn publish_assessment(
    store: &mut Store,
    actor: &Actor,
    period: &AssessPeriod,
    as_of: Option<NaiveDate>,
    reason: Option<&str>,
) -> Result<(PublicationSummary, Assessment)> {
    if as_of.is_none() && actor.today() <= period.last_day() {
        return Err(invalid(format!(
            "{}尚未结束（截至 {}），不能按整期发布。如需发布截至某日的结果，请指定统计截止日期。",
            period.label(),
            period.last_day()
        )));
    }
    let figures = assess(store.conn(), period, as_of)?;
    let p = publications::publish(
        store,
        actor,
        &NewPublication {
            kind: PublicationKind::Assessment,
            period: period.to_string(),
            as_of: figures.as_of,
            figures: serde_json::to_value(&figures).expect("an assessment serialises"),
            reason: reason.map(str::to_string),
        },
    )?;
    let frozen = p.figures_as()?;
    Ok((p.summary, frozen))
}

/// The current published version of `period`, as it was published; none when
/// the period was never published.
pub fn published_assessment(
    conn: &Connection,
    period: &AssessPeriod,
) -> Result<Option<(PublicationSummary, Assessment)>> {
    match publications::current(conn, PublicationKind::Assessment, &period.to_string())? {
        Some(p) => {
            let figures = p.figures_as()?;
            Ok(Some((p.summary, figures)))
        }
        None => Ok(None),
    }
}
