//! Typing a year's schedule in by hand (issue 13): one day at a time, set to
//! 工作日 / 休息日 / 节假日 / 调休上班 with a note (春节 …). The day's year
//! schedule (the office's, else the shipped one, else none yet) is copied,
//! changed and stored as the office's, in one transaction with one audit entry.

use chrono::{Datelike, NaiveDate, Weekday};

use super::office::{put_year_in, stored_schedules, Follow, YearChange};
use super::schedule::shipped;
use super::{DayKind, ScheduleDay, YearDayKind};
use crate::error::{invalid, Result};
use crate::store::{Actor, Store};

/// Sets `date` to `kind` with the note `name` (what the notice calls the day,
/// e.g. 春节; a 节假日 without a note is called 放假). A 工作日 on a weekday
/// or a 休息日 on a weekend is an ordinary day again. Refused, nothing
/// written: 调休上班 on a weekday.
pub fn set_day(
    store: &mut Store,
    actor: &Actor,
    date: NaiveDate,
    kind: YearDayKind,
    name: &str,
    follow: Follow<'_>,
) -> Result<YearChange> {
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let name = name.trim();
    let exception = match (kind, weekend) {
        (YearDayKind::Workday, false) | (YearDayKind::Weekend, true) => None,
        (YearDayKind::Workday | YearDayKind::MakeUp, true) => Some(DayKind::Workday),
        (YearDayKind::MakeUp, false) => {
            return Err(invalid(format!(
                "{} 不是周六或周日，本来就是工作日，不能设为“调休上班”。",
                crate::dates::ymd(date)
            )))
        }
        (YearDayKind::Weekend | YearDayKind::Holiday, false) | (YearDayKind::Holiday, true) => {
            Some(DayKind::Holiday)
        }
    };
    let name = match (exception, name.is_empty(), kind) {
        (None, _, _) => String::new(),
        (Some(_), false, _) => name.to_string(),
        (Some(_), true, YearDayKind::Weekend) => "调休".to_string(),
        (Some(DayKind::Holiday), true, _) => "放假".to_string(),
        (Some(DayKind::Workday), true, _) => "调休上班".to_string(),
    };
    store.write(|tx| {
        let stored = stored_schedules(tx)?;
        let shipped = shipped();
        // The schedule that already sets the day (it may lie across a year's
        // edge), else the day's own year; the office's before the shipped one.
        let holds = |days: &[ScheduleDay]| days.iter().any(|d| d.date == date);
        let year = stored
            .iter()
            .chain(shipped.iter())
            .find(|s| holds(&s.days))
            .map_or(date.year(), |s| s.year);
        let current = stored
            .iter()
            .find(|s| s.year == year)
            .or_else(|| shipped.iter().find(|s| s.year == year));
        let source = match current {
            Some(s) if s.office_added && !s.source.is_empty() => s.source.clone(),
            Some(s) if !s.office_added => format!("{}（办公室逐日修改）", s.source),
            _ => "办公室逐日录入".to_string(),
        };
        let mut days: Vec<ScheduleDay> = current
            .map(|s| s.days.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.date != date)
            .collect();
        if let Some(k) = exception {
            days.push(ScheduleDay {
                date,
                kind: k,
                name: name.clone(),
            });
        }
        let label = match (exception, kind) {
            (None, _) if weekend => "休息日",
            (None, _) => "工作日",
            (Some(DayKind::Workday), _) => "调休上班",
            (Some(DayKind::Holiday), YearDayKind::Weekend) => "休息日",
            (Some(DayKind::Holiday), _) => "节假日",
        };
        let note = if name.is_empty() {
            String::new()
        } else {
            format!("（{name}）")
        };
        let action = format!("逐日设置日历：{} {label}{note}", crate::dates::ymd(date));
        put_year_in(tx, actor, year, &days, &source, Some(&action), follow)
    })
}
