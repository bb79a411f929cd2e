//! The 工作台's charts (issue 13): 按期办结率 by lead department or unit for
//! the year so far, a 12-month trend of 应办结 / 按期办结 / 逾期, the 报送任务
//! rounds still waiting for reports, and the calendar notice. Every count is
//! the circulation sheet's (EXCHANGE §3, `circulation::lead_tallies`), so
//! the chart and the 通报 never disagree.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::circulation::{lead_tallies, load_inputs_in, office_tally, Span, Tally};
use crate::dates::Month;
use crate::error::Result;
use crate::org::PartyKind;

/// One lead party's 按期办结率 over the year so far.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PartyRate {
    /// `parties.id`.
    pub party_id: i64,
    /// Its name.
    pub party: String,
    /// 内设机构 or 下级单位 (ranked apart, as in the 通报).
    pub kind: PartyKind,
    /// The §3 counts and the rate (`rate_permille`, `rate_text`).
    pub tally: Tally,
}

/// One month of the trend: the whole office's §3 counts for that month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MonthTrend {
    /// `YYYY-MM`.
    pub month: String,
    /// 2026年11月.
    pub label: String,
    /// 应办结.
    pub due: u32,
    /// 按期办结.
    pub on_time: u32,
    /// 逾期办结.
    pub late_done: u32,
    /// 逾期未办结.
    pub overdue_open: u32,
    /// 按期办结率 in tenths of a percent; none when nothing was due.
    pub rate_permille: Option<u32>,
    /// `56.3%` or `—`.
    pub rate_text: String,
}

/// A 报送任务 round still waiting for reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RoundWaiting {
    /// `rounds.id`.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// 报送截止日期.
    pub due: NaiveDate,
    /// Target parties.
    pub targets: u32,
    /// Reports in (按时 + 迟报).
    pub received: u32,
    /// 漏报 so far (past the due date, nothing in).
    pub missing: u32,
    /// Not in yet, not due yet.
    pub not_due: u32,
}

/// The 工作台's charts in one call.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DashboardFigures {
    /// The day they are computed for.
    pub today: NaiveDate,
    /// The first day the rates count from (1 January of this year).
    pub rates_from: NaiveDate,
    /// Every lead party with something due this year: departments first,
    /// then units, each by exact rate (highest first; none last), then 逾期未办结.
    pub rates: Vec<PartyRate>,
    /// The last 12 months, oldest first, this month (so far) last.
    pub trend: Vec<MonthTrend>,
    /// Rounds with reports still missing or not yet in, earliest due first.
    pub rounds_waiting: Vec<RoundWaiting>,
    /// From 1 December: next year's holiday schedule is missing (the text to show).
    pub calendar_notice: Option<String>,
}

/// The 工作台's charts on `today`.
pub fn figures(conn: &Connection, cal: &Calendar, today: NaiveDate) -> Result<DashboardFigures> {
    let this = Month::of(today);
    let mut months = vec![this];
    for _ in 1..12 {
        let prev = months.last().copied().unwrap_or(this).prev();
        months.push(prev);
    }
    months.reverse();
    let rates_from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let first = months[0].first_day().min(rates_from);
    let inputs = load_inputs_in(
        conn,
        &Span {
            first,
            last: this.last_day(),
            as_of: today,
        },
    )?;

    let year = Span {
        first: rates_from,
        last: today,
        as_of: today,
    };
    let mut rates: Vec<PartyRate> = lead_tallies(&inputs, cal, &year)
        .into_iter()
        .filter(|(_, t)| t.due_total > 0)
        .filter_map(|(id, tally)| {
            let p = inputs.parties.iter().find(|p| p.id == id)?;
            Some(PartyRate {
                party_id: id,
                party: p.name.clone(),
                kind: p.kind,
                tally,
            })
        })
        .collect();
    let order = |id: i64| {
        inputs
            .parties
            .iter()
            .find(|p| p.id == id)
            .map_or(i64::MAX, |p| p.sort_order)
    };
    rates.sort_by(|a, b| {
        let dept = |r: &PartyRate| r.kind != PartyKind::Department;
        dept(a)
            .cmp(&dept(b))
            .then_with(|| b.tally.cmp_rate(&a.tally))
            .then_with(|| a.tally.overdue_open.cmp(&b.tally.overdue_open))
            .then_with(|| order(a.party_id).cmp(&order(b.party_id)))
    });

    let trend = months
        .iter()
        .map(|m| {
            let span = Span {
                first: m.first_day(),
                last: m.last_day(),
                as_of: m.last_day().min(today),
            };
            let office = office_tally(&inputs, &span);
            MonthTrend {
                month: m.to_string(),
                label: m.label(),
                due: office.due_total,
                on_time: office.on_time,
                late_done: office.late_done,
                overdue_open: office.overdue_open,
                rate_permille: office.rate_permille,
                rate_text: office.rate_text,
            }
        })
        .collect();

    let mut rounds_waiting: Vec<RoundWaiting> = crate::rounds::list_rounds(conn, today)?
        .into_iter()
        // A voided round (作废) waits for nothing.
        .filter(|r| r.voided.is_none() && r.counts.missing + r.counts.not_due > 0)
        .map(|r| RoundWaiting {
            id: r.id,
            title: r.title,
            due: r.due,
            targets: r.counts.targets,
            received: r.counts.on_time + r.counts.late,
            missing: r.counts.missing,
            not_due: r.counts.not_due,
        })
        .collect();
    rounds_waiting.sort_by_key(|r| (r.due, r.id));

    Ok(DashboardFigures {
        today,
        rates_from,
        rates,
        trend,
        rounds_waiting,
        calendar_notice: crate::calendar::missing_schedule_notice(cal, today),
    })
}
