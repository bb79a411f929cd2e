//! 工作日历 (PRODUCT #18): which days are working days under the official
//! Chinese holiday schedule (法定节假日 and 调休 make-up working days).
//!
//! * The schedules of 2015–2026 ship in `assets/holidays/<year>.txt`, one file
//!   per State Council notice (国务院办公厅关于某年部分节假日安排的通知, with
//!   its later amendments such as the 2020 Spring Festival extension).
//! * The office adds a year (or corrects one) with [`add_year`]; the days are
//!   stored in `calendar_days`/`calendar_years`, and an office-added year
//!   replaces the shipped schedule of the same year.
//! * A notice is keyed by its year but may move days of the neighbouring
//!   year (the 2019 notice made Saturday 2018-12-29 a working day and Monday
//!   2018-12-31 a holiday): every day is keyed by its date and remembers the
//!   notice year it came from.
//! * A day of a year that has no schedule is a working day unless it falls on
//!   a weekend; answers that touch such a year are marked *provisional*.
//!
//! The rules of counting (EXCHANGE §4): [`Calendar::add_workdays`]`(d, n)`
//! is the n-th working day strictly after `d` (d itself never counts, n = 0
//! gives d); [`Calendar::workdays_between`]`(a, b)` counts the working days x
//! with a < x ≤ b (0 when b ≤ a). Counting costs two binary searches over
//! the few hundred exceptional days whatever the distance; adding costs one
//! binary search plus a step per exceptional day crossed (plain weeks are
//! jumped in closed form).

mod by_hand;
mod office;
mod schedule;
mod sheet;
mod year;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;

pub use by_hand::set_day;
pub use office::{
    add_year, add_year_in, load_file, read_schedule_file, FileLoad, Follow, YearChange,
};
pub use schedule::{parse_rows, parse_schedule, shipped, Row, Schedule, SHIPPED_YEARS};
pub use year::{missing_schedule_notice, YearDay, YearDayKind, YearView};

/// Whether an exceptional day is a day off or a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum DayKind {
    /// 放假: a day off (法定节假日, or a weekday moved off by 调休).
    Holiday,
    /// 上班: a working day, also on a weekend (调休上班).
    Workday,
}

impl DayKind {
    /// The code stored in `calendar_days.kind`.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }
    /// The Chinese label: 休 / 班.
    pub fn label(self) -> &'static str {
        match self {
            DayKind::Holiday => "休",
            DayKind::Workday => "班",
        }
    }
    /// Reads a stored code.
    pub fn from_code(code: &str) -> Option<DayKind> {
        match code {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// One day that a schedule sets apart from the plain Monday–Friday week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScheduleDay {
    /// The date.
    pub date: NaiveDate,
    /// Day off or working day.
    pub kind: DayKind,
    /// What the notice calls it (元旦, 春节调休上班 …); may be empty.
    pub name: String,
}

/// Where a year's schedule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YearSource {
    /// The notice (for a shipped year) or what the office wrote when adding it.
    pub source: String,
    /// True when the office added the year (it then replaces any shipped one).
    pub office_added: bool,
}

/// A covered year as a door lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CalendarYear {
    /// The notice year.
    pub year: i32,
    /// The notice, or the office's note.
    pub source: String,
    /// True when the office added the year.
    pub office_added: bool,
}

/// A date computed by the calendar, with a flag when it rests on a year that
/// has no schedule (weekends only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WorkdayAnswer {
    /// The answer.
    pub date: NaiveDate,
    /// 暂定: some day counted lies in a year without a loaded schedule.
    pub provisional: bool,
}

/// A count of working days, with the same provisional flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CountAnswer {
    /// Working days x with a < x ≤ b.
    pub count: i64,
    /// 暂定: some day counted lies in a year without a loaded schedule.
    pub provisional: bool,
}

/// What the calendar says about one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub workday: bool,
    /// The holiday or make-up day's name, when a schedule names it.
    pub name: Option<String>,
    /// The year of the date has no schedule.
    pub provisional: bool,
}

/// One exceptional day, by day number.
#[derive(Debug, Clone)]
struct Entry {
    day: i32,
    kind: DayKind,
    name: Arc<str>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Exceptional days sorted by day number (`num_days_from_ce`).
    entries: Vec<Entry>,
    /// `shift[i]`: working days gained (+) or lost (−) against the plain
    /// Monday–Friday week by entries `0..=i`.
    shift: Vec<i64>,
    /// The notice years stored (shipped or added by the office).
    years: BTreeMap<i32, YearSource>,
    /// Those of them that set at least one holiday: a year typed in by hand
    /// with no 节假日 yet is not a schedule (answers in it stay 暂定), as a
    /// loaded file without any 休 day is refused.
    covered: std::collections::BTreeSet<i32>,
}

/// The working-day calendar: cheap to clone and to share between threads.
#[derive(Debug, Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
}

impl Calendar {
    /// The schedules that ship with the program (2015–2026).
    pub fn official() -> Calendar {
        static OFFICIAL: OnceLock<Calendar> = OnceLock::new();
        OFFICIAL
            .get_or_init(|| Calendar::from_schedules(shipped()))
            .clone()
    }

    /// The shipped schedules plus the years the office added
    /// (`calendar_years`/`calendar_days`); an office-added year replaces the
    /// shipped schedule of the same year.
    pub fn load(conn: &Connection) -> Result<Calendar> {
        let office = office::stored_schedules(conn)?;
        if office.is_empty() {
            return Ok(Calendar::official());
        }
        let mut by_year: BTreeMap<i32, Schedule> =
            shipped().into_iter().map(|s| (s.year, s)).collect();
        for s in office {
            by_year.insert(s.year, s);
        }
        Ok(Calendar::from_schedules(by_year.into_values().collect()))
    }

    /// A calendar of exactly these schedules. When two schedules name the
    /// same date, the later year's wins.
    pub fn from_schedules(mut schedules: Vec<Schedule>) -> Calendar {
        schedules.sort_by_key(|s| s.year);
        let mut days: BTreeMap<i32, Entry> = BTreeMap::new();
        let mut years = BTreeMap::new();
        let mut covered = std::collections::BTreeSet::new();
        for s in schedules {
            if s.days.iter().any(|d| d.kind == DayKind::Holiday) {
                covered.insert(s.year);
            }
            for d in &s.days {
                let day = d.date.num_days_from_ce();
                days.insert(
                    day,
                    Entry {
                        day,
                        kind: d.kind,
                        name: Arc::from(d.name.as_str()),
                    },
                );
            }
            years.insert(
                s.year,
                YearSource {
                    source: s.source,
                    office_added: s.office_added,
                },
            );
        }
        let entries: Vec<Entry> = days.into_values().collect();
        let mut shift = Vec::with_capacity(entries.len());
        let mut total = 0i64;
        for e in &entries {
            total += match (e.kind, is_weekday(e.day)) {
                (DayKind::Holiday, true) => -1,
                (DayKind::Workday, false) => 1,
                _ => 0,
            };
            shift.push(total);
        }
        Calendar {
            inner: Arc::new(Inner {
                entries,
                shift,
                years,
                covered,
            }),
        }
    }

    /// Whether `d` is a working day.
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        let day = d.num_days_from_ce();
        match self.entry(day) {
            Some(e) => e.kind == DayKind::Workday,
            None => is_weekday(day),
        }
    }

    /// The n-th working day strictly after `d` (`d` itself never counts);
    /// `n = 0` gives `d`. Saturates at the last representable date.
    pub fn add_workdays(&self, d: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return d;
        }
        // Walk from exceptional day to exceptional day, jumping over the
        // plain weeks between them in closed form: the cost grows with the
        // holidays crossed (a dozen a year), not with n.
        let entries = &self.inner.entries;
        let mut cur = i64::from(d.num_days_from_ce());
        let mut left = i64::from(n);
        let mut i = entries.partition_point(|e| i64::from(e.day) <= cur);
        loop {
            let plain = nth_weekday_after(cur, left);
            match entries.get(i) {
                Some(e) if i64::from(e.day) <= plain => {
                    // Fewer than `left` weekdays lie strictly between.
                    left -= weekdays_through(e.day - 1) - weekdays_through(cur as i32);
                    if e.kind == DayKind::Workday {
                        left -= 1;
                        if left == 0 {
                            return from_day(e.day);
                        }
                    }
                    cur = i64::from(e.day);
                    i += 1;
                }
                _ => return i32::try_from(plain).map(from_day).unwrap_or(NaiveDate::MAX),
            }
        }
    }

    /// [`Calendar::add_workdays`] with the provisional flag.
    pub fn add_workdays_answer(&self, d: NaiveDate, n: u32) -> WorkdayAnswer {
        let date = self.add_workdays(d, n);
        WorkdayAnswer {
            date,
            provisional: n > 0 && self.span_provisional(d, date),
        }
    }

    /// The number of working days x with a < x ≤ b; 0 when b ≤ a.
    pub fn workdays_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b <= a {
            return 0;
        }
        self.rank(b.num_days_from_ce()) - self.rank(a.num_days_from_ce())
    }

    /// [`Calendar::workdays_between`] with the provisional flag.
    pub fn workdays_between_answer(&self, a: NaiveDate, b: NaiveDate) -> CountAnswer {
        CountAnswer {
            count: self.workdays_between(a, b),
            provisional: b > a && self.span_provisional(a, b),
        }
    }

    /// `d` when it is a working day, else the first working day after it.
    pub fn next_workday_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        if self.is_workday(d) {
            d
        } else {
            self.add_workdays(d, 1)
        }
    }

    /// True when the year of `d` has no schedule: the answer for `d` counts
    /// weekends only.
    pub fn is_provisional(&self, d: NaiveDate) -> bool {
        !self.covers(d.year())
    }

    /// Whether a schedule for `year` is loaded (one that sets holidays).
    pub fn covers(&self, year: i32) -> bool {
        self.inner.covered.contains(&year)
    }

    /// The covered years, in order, with where each schedule comes from.
    pub fn years(&self) -> Vec<(i32, YearSource)> {
        self.inner
            .years
            .iter()
            .map(|(y, s)| (*y, s.clone()))
            .collect()
    }

    /// The covered years as doors list them.
    pub fn year_list(&self) -> Vec<CalendarYear> {
        self.inner
            .years
            .iter()
            .map(|(y, s)| CalendarYear {
                year: *y,
                source: s.source.clone(),
                office_added: s.office_added,
            })
            .collect()
    }

    /// Everything the calendar knows about one date.
    pub fn day_info(&self, d: NaiveDate) -> DayInfo {
        let name = self
            .entry(d.num_days_from_ce())
            .filter(|e| !e.name.is_empty())
            .map(|e| e.name.to_string());
        DayInfo {
            date: d,
            workday: self.is_workday(d),
            name,
            provisional: self.is_provisional(d),
        }
    }

    /// The exceptional days from `from` to `to` inclusive, in order.
    pub fn exceptional_days(&self, from: NaiveDate, to: NaiveDate) -> Vec<ScheduleDay> {
        let (a, b) = (from.num_days_from_ce(), to.num_days_from_ce());
        let entries = &self.inner.entries;
        let start = entries.partition_point(|e| e.day < a);
        entries[start..]
            .iter()
            .take_while(|e| e.day <= b)
            .map(|e| ScheduleDay {
                date: from_day(e.day),
                kind: e.kind,
                name: e.name.to_string(),
            })
            .collect()
    }

    fn entry(&self, day: i32) -> Option<&Entry> {
        let entries = &self.inner.entries;
        entries
            .binary_search_by_key(&day, |e| e.day)
            .ok()
            .map(|i| &entries[i])
    }

    /// Working days from a fixed origin up to and including `day`: the
    /// plain weekday count plus the schedules' shift up to that day.
    fn rank(&self, day: i32) -> i64 {
        let i = self.inner.entries.partition_point(|e| e.day <= day);
        let shift = if i == 0 { 0 } else { self.inner.shift[i - 1] };
        weekdays_through(day) + shift
    }

    /// True when some year of (a, b] has no schedule.
    fn span_provisional(&self, a: NaiveDate, b: NaiveDate) -> bool {
        let first = a.succ_opt().unwrap_or(a).year();
        (first..=b.year()).any(|y| !self.covers(y))
    }
}

/// Mondays to Fridays among day numbers 1..=day (day 1 = 0001-01-01, a Monday);
/// negative for days before it, so that differences stay right.
fn weekdays_through(day: i32) -> i64 {
    weekdays_through_i64(i64::from(day))
}

fn weekdays_through_i64(n: i64) -> i64 {
    5 * n.div_euclid(7) + n.rem_euclid(7).min(5)
}

/// The `m`-th Monday–Friday strictly after day `cur` (m ≥ 1), by day number.
fn nth_weekday_after(cur: i64, m: i64) -> i64 {
    let w = weekdays_through_i64(cur) + m;
    // The smallest x with weekdays_through(x) = w: week q, weekday r (1 = Monday).
    7 * (w - 1).div_euclid(5) + (w - 1).rem_euclid(5) + 1
}

/// Monday to Friday?
fn is_weekday(day: i32) -> bool {
    // day 1 is a Monday, so (day - 1) mod 7 is 0 for Monday … 6 for Sunday.
    (i64::from(day) - 1).rem_euclid(7) < 5
}

fn from_day(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_agree_with_chrono_weekdays() {
        let mut d = NaiveDate::from_ymd_opt(2014, 12, 1).unwrap();
        for _ in 0..800 {
            let weekday = d.weekday().num_days_from_monday() < 5;
            assert_eq!(is_weekday(d.num_days_from_ce()), weekday, "{d}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn nth_weekday_after_inverts_the_weekday_count() {
        for cur in -20i64..20 {
            for m in 1..12 {
                let x = nth_weekday_after(cur, m);
                assert!(is_weekday(x as i32), "cur {cur} m {m}");
                assert_eq!(weekdays_through_i64(x) - weekdays_through_i64(cur), m);
                assert_eq!(
                    weekdays_through_i64(x - 1) - weekdays_through_i64(cur),
                    m - 1
                );
            }
        }
    }

    #[test]
    fn weekday_count_steps_by_one_exactly_on_weekdays() {
        for day in -30..30 {
            let step = weekdays_through(day) - weekdays_through(day - 1);
            assert_eq!(step, i64::from(is_weekday(day)), "day {day}");
        }
    }
}
