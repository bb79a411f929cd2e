//! When the reminder checks fire — pure functions of the calendar, the check
//! times, the last check that ran and `now`.
//!
//! A *slot* is a working day (per the calendar: make-up Saturdays count,
//! holidays do not) at one of the check times (setting `check_times`, default
//! `09:00,14:30`). At any moment at most one check is due: the latest slot at
//! or before `now` that is later than the last recorded slot. Every slot
//! between the last recorded one and that latest one is *covered* by the same
//! check, so an app that was closed for a week fires one catch-up check on
//! start-up, not fourteen; and once a slot is recorded it is never due again.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::{invalid, Result};

/// The default check times.
pub const DEFAULT_CHECK_TIMES: &str = "09:00,14:30";

/// How far back the first check ever looks for a slot (days).
const FIRST_RUN_LOOKBACK_DAYS: i64 = 400;
/// How many days a covered-slot count walks at most (ten years).
const COVER_WALK_DAYS: i64 = 3660;
/// A check that runs later than this after its slot is called a catch-up.
pub const ON_TIME_GRACE_MINUTES: i64 = 5;

/// The check that is due at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DueCheck {
    /// The slot that will be recorded: the latest slot at or before `now`.
    pub slot: NaiveDateTime,
    /// How many slots this one check stands for (1 when nothing was missed).
    pub covers: u32,
    /// True when the check runs late: it covers missed slots, or runs more
    /// than [`ON_TIME_GRACE_MINUTES`] after its slot (the app was closed).
    pub catch_up: bool,
}

/// Parses the `check_times` setting: `HH:MM` times separated by `,` `，` `、`
/// `;` or spaces. The result is sorted and without duplicates; an empty list or
/// an unreadable time is refused.
pub fn parse_check_times(text: &str) -> Result<Vec<NaiveTime>> {
    let mut times = Vec::new();
    for part in text
        .split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let norm: String = part
            .chars()
            .map(|c| match c {
                '：' => ':',
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                other => other,
            })
            .collect();
        let t = crate::dates::parse_hm(&norm).ok_or_else(|| {
            invalid(format!(
                "提醒检查时间“{part}”无法识别。请写成“时:分”，如 09:00，多个时间用逗号分隔。"
            ))
        })?;
        times.push(t);
    }
    if times.is_empty() {
        return Err(invalid(
            "提醒检查时间不能为空。请至少填写一个时间，如 09:00,14:30。",
        ));
    }
    times.sort();
    times.dedup();
    Ok(times)
}

/// Formats check times back into the setting's form (`09:00,14:30`).
pub fn format_check_times(times: &[NaiveTime]) -> String {
    times
        .iter()
        .map(|t| crate::dates::hm(*t))
        .collect::<Vec<_>>()
        .join(",")
}

/// The slots of one day, in order (none on a day off).
fn slots_of<'a>(
    cal: &Calendar,
    day: NaiveDate,
    times: &'a [NaiveTime],
) -> impl Iterator<Item = NaiveDateTime> + 'a {
    let work = cal.is_workday(day);
    times
        .iter()
        .filter(move |_| work)
        .map(move |t| day.and_time(*t))
}

/// The latest slot at or before `now`, looking back at most `lookback` days.
pub fn latest_slot_at_or_before(
    cal: &Calendar,
    times: &[NaiveTime],
    now: NaiveDateTime,
    lookback: i64,
) -> Option<NaiveDateTime> {
    let mut day = now.date();
    for _ in 0..=lookback {
        if let Some(s) = slots_of(cal, day, times).filter(|s| *s <= now).last() {
            return Some(s);
        }
        day = day.pred_opt()?;
    }
    None
}

/// The first slot strictly after `now` (what the scheduler waits for).
pub fn next_slot_after(
    cal: &Calendar,
    times: &[NaiveTime],
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let mut day = now.date();
    for _ in 0..=FIRST_RUN_LOOKBACK_DAYS {
        if let Some(s) = slots_of(cal, day, times).find(|s| *s > now) {
            return Some(s);
        }
        day = day.succ_opt()?;
    }
    None
}

/// Slots `s` with `after < s <= upto` (counted, walking at most ten years).
fn count_slots_between(
    cal: &Calendar,
    times: &[NaiveTime],
    after: NaiveDateTime,
    upto: NaiveDateTime,
) -> u32 {
    let mut n = 0u32;
    let mut day = after.date();
    let last = upto.date();
    let mut walked = 0;
    while day <= last && walked < COVER_WALK_DAYS {
        n += slots_of(cal, day, times)
            .filter(|s| *s > after && *s <= upto)
            .count() as u32;
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
        walked += 1;
    }
    n
}

/// The check due at `now`, given the last recorded slot: `None` when the
/// latest slot at or before `now` has already been recorded (or there is none).
/// The first check ever (`last_slot` = `None`) covers just the latest slot.
pub fn due_check(
    cal: &Calendar,
    times: &[NaiveTime],
    last_slot: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<DueCheck> {
    let slot = latest_slot_at_or_before(cal, times, now, FIRST_RUN_LOOKBACK_DAYS)?;
    let covers = match last_slot {
        Some(last) if slot <= last => return None,
        Some(last) => count_slots_between(cal, times, last, slot).max(1),
        None => 1,
    };
    let late = now - slot > Duration::minutes(ON_TIME_GRACE_MINUTES);
    Some(DueCheck {
        slot,
        covers,
        catch_up: covers > 1 || late,
    })
}

/// A slot as stored in `reminder_checks.slot` (`YYYY-MM-DD HH:MM`).
pub fn slot_key(slot: NaiveDateTime) -> String {
    crate::dates::minute(slot)
}

/// Reads a stored slot key back; other rows (e.g. a legacy `startup`) are `None`.
pub fn parse_slot_key(key: &str) -> Option<NaiveDateTime> {
    crate::dates::parse_minute(key)
}
