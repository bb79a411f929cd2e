//! The calendar page's year view (every day of a year with its kind) and the
//! notice that next year's schedule is missing (issue 13): from 1 December,
//! every January deadline depends on it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Calendar, DayKind};

/// What a day is in the year view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
pub enum YearDayKind {
    /// 工作日: a plain Monday–Friday.
    #[serde(rename = "工作日")]
    Workday,
    /// 休息日: a plain Saturday or Sunday.
    #[serde(rename = "休息日")]
    Weekend,
    /// 节假日: a day off by the schedule (法定节假日 or a weekday moved off).
    #[serde(rename = "节假日")]
    Holiday,
    /// 调休上班: a weekend day made a working day by the schedule.
    #[serde(rename = "调休上班")]
    MakeUp,
}

/// One day of the year view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YearDay {
    /// The date.
    pub date: NaiveDate,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Its kind.
    pub kind: YearDayKind,
    /// Whether it is a working day.
    pub workday: bool,
    /// The holiday's or make-up day's name; empty for a plain day.
    pub name: String,
}

/// A whole year, as the calendar page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// Whether a schedule for the year is loaded (else weekends only, 暂定).
    pub covered: bool,
    /// Where the schedule comes from (the notice, or the office's note); empty when not covered.
    pub source: String,
    /// True when the office added the year.
    pub office_added: bool,
    /// Every day from 1 January to 31 December.
    pub days: Vec<YearDay>,
    /// Working days in the year.
    pub workdays: u32,
}

impl Calendar {
    /// Every day of `year` with its kind (工作日 / 休息日 / 节假日 / 调休上班).
    pub fn year_view(&self, year: i32) -> YearView {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return YearView {
                year,
                covered: false,
                source: String::new(),
                office_added: false,
                days: Vec::new(),
                workdays: 0,
            };
        };
        let special = self.exceptional_days(first, last);
        let mut special = special.into_iter().peekable();
        let mut days = Vec::with_capacity(366);
        for date in first.iter_days().take_while(|d| *d <= last) {
            let weekday = date.weekday().number_from_monday();
            let weekend = weekday >= 6;
            let exception = match special.peek() {
                Some(s) if s.date == date => special.next(),
                _ => None,
            };
            let (kind, name) = match exception {
                Some(s) if s.kind == DayKind::Holiday => (YearDayKind::Holiday, s.name),
                Some(s) if weekend => (YearDayKind::MakeUp, s.name),
                Some(s) => (YearDayKind::Workday, s.name),
                None if weekend => (YearDayKind::Weekend, String::new()),
                None => (YearDayKind::Workday, String::new()),
            };
            days.push(YearDay {
                date,
                weekday,
                workday: matches!(kind, YearDayKind::Workday | YearDayKind::MakeUp),
                kind,
                name,
            });
        }
        let source = self
            .years()
            .into_iter()
            .find(|(y, _)| *y == year)
            .map(|(_, s)| s);
        YearView {
            year,
            covered: self.covers(year),
            office_added: source.as_ref().is_some_and(|s| s.office_added),
            source: source.map(|s| s.source).unwrap_or_default(),
            workdays: days.iter().filter(|d| d.workday).count() as u32,
            days,
        }
    }

    /// The year whose schedule is missing and already needed on `today`:
    /// this year while the calendar does not cover it (its deadlines are
    /// counted now), else, from 1 December on, next year when it does not.
    pub fn missing_schedule_year(&self, today: NaiveDate) -> Option<i32> {
        let (this, next) = (today.year(), today.year() + 1);
        if !self.covers(this) {
            return Some(this);
        }
        (today.month() == 12 && !self.covers(next)).then_some(next)
    }
}

/// The notice shown on the 工作台 and in the check notification when next
/// year's schedule is missing on `today`; None otherwise.
pub fn missing_schedule_notice(cal: &Calendar, today: NaiveDate) -> Option<String> {
    cal.missing_schedule_year(today).map(|year| {
        format!(
            "尚未载入{year}年节假日安排：{year}年1月起的完成时限按工作日计算都依赖它，目前只按周末计算（暂定）。请在“工作日历”页载入国务院办公厅的{year}年节假日安排通知（表格或文本），或逐日录入。"
        )
    })
}
