//! 长期事项 and their 报送周期 (issue 13): a standing item has no deadline; it
//! reports once per cycle (每月, 每季度, 每半年, 每年 — calendar months,
//! quarters … starting in January) and is reminded when a cycle's report is
//! due and not in.
//!
//! - A cycle's report is due [`DEFAULT_REPORT_DAYS`] working days after the
//!   cycle ends (setting `standing_report_days`; 5 by default: a month's
//!   report in the first week of the next, as 每月5日前报送 is usually set,
//!   moved by holidays — September's lands after the National Day week).
//! - The report for a cycle is any 办理进展 recorded after the previous
//!   cycle's report was due (reports come in during the cycle or in the days
//!   after it, so the windows (due of the previous, due of this] partition
//!   time; a late report still clears the overdue cycle).
//! - Reminded (`standing_report_due`): the latest cycle whose due date has
//!   passed, when its report is not in (overdue); else the next one, when its
//!   due date is within the yellow window and its report is not in. A cycle
//!   that ended before the item was entered is never asked for.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::dates::{parse_ymd, ymd};
use crate::error::Result;
use crate::reminders::{Reminder, ReminderKind, ScanContext, OPEN_ITEM_SQL};

/// Working days after a cycle's end by which its report is due, by default.
pub const DEFAULT_REPORT_DAYS: u32 = 5;

/// A 报送周期.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub enum ReportCycle {
    /// 每月.
    Monthly,
    /// 每季度.
    Quarterly,
    /// 每半年.
    HalfYearly,
    /// 每年.
    Yearly,
}

impl ReportCycle {
    /// Reads what the clerk typed (每月, 月报, 按月, 季度, 每季, 半年, 每年 …);
    /// None for anything else (a cycle the reminders cannot count).
    pub fn parse(text: &str) -> Option<ReportCycle> {
        let t = text.trim();
        if t.is_empty() {
            None
        } else if t.contains('季') || t.eq_ignore_ascii_case("quarterly") {
            Some(ReportCycle::Quarterly)
        } else if t.contains("半年") {
            Some(ReportCycle::HalfYearly)
        } else if t.contains('月') || t.eq_ignore_ascii_case("monthly") {
            Some(ReportCycle::Monthly)
        } else if t.contains('年') || t.eq_ignore_ascii_case("yearly") {
            Some(ReportCycle::Yearly)
        } else {
            None
        }
    }

    /// What a 报送周期 typed by hand is stored as: 每月 / 每季度 / 每半年 /
    /// 每年 (read as [`ReportCycle::parse`] reads it), empty for none; a cycle
    /// the reminders cannot count (每周) is refused.
    pub fn stored_form(text: &str) -> Result<String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(String::new());
        }
        ReportCycle::parse(text)
            .map(|c| c.label().to_string())
            .ok_or_else(|| {
                crate::error::invalid(format!(
                    "无法识别报送周期“{text}”：请填写 每月、每季度、每半年 或 每年。"
                ))
            })
    }

    /// The cycle's length in months.
    pub fn months(self) -> u32 {
        match self {
            ReportCycle::Monthly => 1,
            ReportCycle::Quarterly => 3,
            ReportCycle::HalfYearly => 6,
            ReportCycle::Yearly => 12,
        }
    }

    /// The stored form: 每月 / 每季度 / 每半年 / 每年.
    pub fn label(self) -> &'static str {
        match self {
            ReportCycle::Monthly => "每月",
            ReportCycle::Quarterly => "每季度",
            ReportCycle::HalfYearly => "每半年",
            ReportCycle::Yearly => "每年",
        }
    }
}

/// One cycle of a standing item and when its report is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Cycle {
    /// Its first day.
    pub start: NaiveDate,
    /// Its last day.
    pub end: NaiveDate,
    /// The report's due date: the n-th working day after `end`.
    pub due: NaiveDate,
    /// 2026年11月, 2026年第3季度, 2026年上半年, 2026年度.
    pub label: String,
}

/// The first day of the cycle `k` cycles after (or before, k < 0) the one containing `d`.
fn cycle_start(kind: ReportCycle, d: NaiveDate, k: i32) -> NaiveDate {
    let m = kind.months() as i32;
    let index = d.year() * 12 + (d.month0() as i32 / m) * m + k * m;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// The cycle `k` cycles after the one containing `d` (k = 0: that one).
pub fn cycle_at(cal: &Calendar, kind: ReportCycle, d: NaiveDate, k: i32, days: u32) -> Cycle {
    let start = cycle_start(kind, d, k);
    let end = cycle_start(kind, d, k + 1).pred_opt().unwrap_or(start);
    let label = match kind {
        ReportCycle::Monthly => format!("{}年{}月", start.year(), start.month()),
        ReportCycle::Quarterly => format!("{}年第{}季度", start.year(), start.month0() / 3 + 1),
        ReportCycle::HalfYearly => format!(
            "{}年{}",
            start.year(),
            if start.month() == 1 {
                "上半年"
            } else {
                "下半年"
            }
        ),
        ReportCycle::Yearly => format!("{}年度", start.year()),
    };
    Cycle {
        start,
        end,
        due: cal.add_workdays(end, days),
        label,
    }
}

/// Where a standing item stands on `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StandingState {
    /// The cycle asked about.
    pub cycle: Cycle,
    /// True when its due date has passed.
    pub overdue: bool,
}

/// The cycle a standing item is to be reminded of on `today`, if any:
/// `created_on` is when it was entered, `last_report` its latest 办理进展,
/// `yellow_end` the first day past the yellow window.
pub fn standing_state(
    cal: &Calendar,
    kind: ReportCycle,
    created_on: NaiveDate,
    last_report: Option<NaiveDate>,
    today: NaiveDate,
    yellow_end: NaiveDate,
    days: u32,
) -> Option<StandingState> {
    let at = |k| cycle_at(cal, kind, today, k, days);
    // The next cycle whose report is not yet late: this one, or the previous
    // one while its report days run.
    let (upcoming, k) = match at(-1) {
        prev if prev.due >= today => (prev, -1),
        _ => (at(0), 0),
    };
    let late = at(k - 1);
    let in_after = |c: &Cycle| {
        let before = cycle_at(cal, kind, c.start, -1, days);
        last_report.is_some_and(|r| r > before.due)
    };
    if late.end >= created_on && !in_after(&late) {
        return Some(StandingState {
            cycle: late,
            overdue: true,
        });
    }
    if upcoming.end >= created_on && upcoming.due < yellow_end && !in_after(&upcoming) {
        return Some(StandingState {
            cycle: upcoming,
            overdue: false,
        });
    }
    None
}

/// Working days after a cycle's end by which its report is due (setting
/// `standing_report_days`, default [`DEFAULT_REPORT_DAYS`]).
pub fn report_days(conn: &rusqlite::Connection) -> Result<u32> {
    Ok(crate::store::setting(conn, "standing_report_days", "5")?
        .parse()
        .unwrap_or(DEFAULT_REPORT_DAYS))
}

/// The `standing_report_due` reminders: open standing items whose cycle's
/// report is due within the yellow window or past, and not in.
pub(crate) fn standing_report_reminders(
    ctx: &ScanContext<'_>,
    out: &mut Vec<Reminder>,
) -> Result<()> {
    let (conn, cal, w) = (ctx.conn, ctx.cal, ctx.window);
    let days = report_days(conn)?;
    // Open items without a deadline are the NULL end of the partial index of
    // open items by deadline: a range read, not a scan of every item.
    let sql = format!(
        "SELECT i.id, i.item_no, i.name, p.name, i.report_cycle, i.created_on,
                (SELECT max(reported_on) FROM progress WHERE item_id = i.id AND voided_at IS NULL)
         FROM items i INDEXED BY items_open_deadline JOIN parties p ON p.id = i.lead_party_id
         WHERE i.{OPEN_ITEM_SQL} AND i.effective_deadline IS NULL
           AND i.standing = 1 AND i.report_cycle <> ''"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let Some(kind) = ReportCycle::parse(&r.get::<_, String>(4)?) else {
            continue;
        };
        let created = parse_ymd(&r.get::<_, String>(5)?).unwrap_or(w.today);
        let last = r
            .get::<_, Option<String>>(6)?
            .as_deref()
            .and_then(parse_ymd);
        let Some(state) = standing_state(cal, kind, created, last, w.today, w.yellow_end, days)
        else {
            continue;
        };
        let (name, party): (String, String) = (r.get(2)?, r.get(3)?);
        let c = &state.cycle;
        let message = if state.overdue {
            format!(
                "长期事项“{name}”{}的办理情况应于 {} 前报送，已逾期 {} 天仍未报送，请向{party}催报。",
                c.label,
                ymd(c.due),
                w.days_late(c.due)
            )
        } else {
            format!(
                "长期事项“{name}”{}的办理情况应于 {} 前报送（还有 {} 个工作日），请提醒{party}按时报送。",
                c.label,
                ymd(c.due),
                cal.workdays_between(w.today, c.due)
            )
        };
        let mut rem = Reminder::new(
            ReminderKind::StandingReportDue,
            r.get(1)?,
            party,
            c.due,
            message,
        );
        rem.title = name;
        rem.days_late = w.days_late(c.due);
        rem.item_id = Some(r.get(0)?);
        out.push(rem);
    }
    Ok(())
}
