//! Dates and moments: the one place that writes and reads them as text.
//!
//! - **Stored forms** (never change them: the database files already exist):
//!   dates `YYYY-MM-DD` ([`ymd`] / [`parse_ymd`]; rusqlite's `chrono`
//!   feature reads and writes the same text, so `row.get::<_, NaiveDate>()`
//!   works on date columns), timestamps `YYYY-MM-DD HH:MM:SS` ([`stamp`] /
//!   [`parse_stamp`]; rusqlite would write fractional seconds, so stamps go
//!   through these functions), reminder check slots `YYYY-MM-DD HH:MM`
//!   ([`minute`] / [`parse_minute`]) and times of day `HH:MM` ([`hm`]).
//! - **Display forms**: `2026-11-26` ([`ymd`]) and `2026年11月26日`
//!   ([`cn`]; [`cn_padded`] for the 催办通知单, which writes `2026年01月05日`).
//! - **What people type**: [`parse_day`] (dates), [`parse_moment`] (moments)
//!   and [`parse_hm`] (times of day), strict, with a Chinese message. The
//!   tolerant reading of spreadsheet cells is `sheets::parse_date`.
//!
//! `clippy.toml` bans chrono's `format`/`parse_from_str` everywhere else, so a
//! new date form is added here, once. The stored forms are written and read by
//! hand: the ledger import stamps every row and the ledger export reads every
//! date, and chrono's format machinery costs more than the rest of a row.

// The one module allowed to call chrono's formatting and parsing (clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::error::{invalid, Result};

/// A date as stored and shown: `2026-11-26`.
pub fn ymd(d: NaiveDate) -> String {
    // Not `format!`: this runs for every imported row, several times.
    let mut out = String::with_capacity(10);
    push_ymd(&mut out, d.year(), d.month(), d.day());
    out
}

/// Appends `YYYY-MM-DD` (a year outside 0..=9999 as `format!("{:04}")`
/// writes it).
fn push_ymd(out: &mut String, year: i32, month: u32, day: u32) {
    match u32::try_from(year) {
        Ok(y) if y <= 9999 => push_digits(out, y, 4),
        _ => out.push_str(&format!("{year:04}")),
    }
    out.push('-');
    push_digits(out, month, 2);
    out.push('-');
    push_digits(out, day, 2);
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [b'0'; 4];
    for d in digits[..width].iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    digits[..width]
        .iter()
        .for_each(|&d| out.push(char::from(d)));
}

/// Refuses the day of something that has already happened (a request, a
/// chase, a decision …) when it is after `today`, in one wording that names
/// today (a machine whose clock is wrong shows it):
/// `催办日期 2026-12-05 晚于今天（2026-12-03），请填写实际催办的日期。`
pub fn not_after_today(what: &str, day: NaiveDate, today: NaiveDate, advice: &str) -> Result<()> {
    if day > today {
        return Err(invalid(format!(
            "{what} {} 晚于今天（{}），{advice}",
            ymd(day),
            ymd(today)
        )));
    }
    Ok(())
}

/// Reads a stored date (`YYYY-MM-DD`); anything else is `None`.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    // Read by hand: chrono's format parser costs more than the rest of a
    // ledger row. Exotic forms that chrono would also read fall through to it.
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    } else {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }
}

/// A stored date that must be well formed: a damaged one is
/// [`Error::BadFile`](crate::Error::BadFile), with a Chinese message.
pub(crate) fn stored(s: &str) -> Result<NaiveDate> {
    parse_ymd(s).ok_or_else(|| {
        crate::Error::BadFile(format!(
            "数据库中的日期“{s}”格式有误，请运行完整性检查或从备份恢复。"
        ))
    })
}

/// A date column (stored `YYYY-MM-DD`), read through rusqlite's `chrono`
/// feature.
pub(crate) fn date_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    row.get(idx)
}

/// An optional date column: NULL and the empty text are `None`.
pub(crate) fn opt_date_col(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(idx)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        rusqlite::types::ValueRef::Text(b"") => Ok(None),
        _ => row.get(idx).map(Some),
    }
}

/// `2026年11月26日` (`2026年1月5日`: no leading zeros).
pub fn cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `2026年01月05日`: the form of the printed 催办通知单.
pub fn cn_padded(d: NaiveDate) -> String {
    format!("{:04}年{:02}月{:02}日", d.year(), d.month(), d.day())
}

/// A moment as stored (`created_at`, the audit log): `YYYY-MM-DD HH:MM:SS`.
pub fn stamp(t: NaiveDateTime) -> String {
    // Not `format!`: imports stamp every row they add.
    let mut out = String::with_capacity(19);
    push_ymd(&mut out, t.year(), t.month(), t.day());
    out.push(' ');
    push_digits(&mut out, t.hour(), 2);
    out.push(':');
    push_digits(&mut out, t.minute(), 2);
    out.push(':');
    push_digits(&mut out, t.second(), 2);
    out
}

/// Reads a stored moment (`YYYY-MM-DD HH:MM:SS`).
pub fn parse_stamp(s: &str) -> Option<NaiveDateTime> {
    // The stored form is read by hand: chrono's parser reads its format
    // string again for every value (a tenth of an audit log's export).
    let b = s.as_bytes();
    let shape = b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok();
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?.and_hms_opt(
        num(11, 13)?,
        num(14, 16)?,
        num(17, 19)?,
    )
}

/// A moment to the minute: `YYYY-MM-DD HH:MM` (reminder check slots, and
/// messages).
pub fn minute(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Reads `YYYY-MM-DD HH:MM`.
pub fn parse_minute(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok()
}

/// A moment in a file name: `20261126-090503`.
pub fn file_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%d-%H%M%S").to_string()
}

/// The moment of a [`file_stamp`] (`20261126-093000`, or without seconds).
pub fn parse_file_stamp(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y%m%d-%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y%m%d-%H%M"))
        .ok()
}

/// A time of day: `09:00`.
pub fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Reads `HH:MM` (ASCII digits and colon; callers normalise full-width forms).
pub fn parse_hm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

/// Reads a date as the clerk types it: `2026-11-30`, `2026/11/30`,
/// `20261130`, `2026.11.30` or `2026年11月30日`.
pub fn parse_day(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let bad_form = || {
        invalid(format!(
            "日期“{t}”无法识别。请写成 2026-11-30、2026/11/30、2026.11.30、2026年11月30日 或 20261130 的形式。"
        ))
    };
    let normalised: String = t
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '－' => '-',
            c => c,
        })
        .filter(|c| *c != '日')
        .collect();
    let parts: Vec<&str> = normalised.split('-').collect();
    let (y, m, d) = match parts.as_slice() {
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            (&ymd[0..4], &ymd[4..6], &ymd[6..8])
        }
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            (*y, *m, *d)
        }
        _ => return Err(bad_form()),
    };
    let num = |s: &str| -> Result<u32> {
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad_form())
        } else {
            Err(bad_form())
        }
    };
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
        invalid(format!(
            "日期“{t}”不存在（{y}年{m}月没有{d}日）。请核对日期。"
        ))
    })
}

/// Reads a moment as people type it: `2026-11-26 09:00[:00]` or
/// `2026-11-26T09:00[:00]`, or a date as [`parse_day`] reads it, at
/// `date_only_at` on that day.
pub fn parse_moment(text: &str, date_only_at: NaiveTime) -> Result<NaiveDateTime> {
    let t = text.trim();
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(m) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(m);
        }
    }
    match parse_day(t) {
        Ok(d) => Ok(d.and_time(date_only_at)),
        Err(_) => Err(invalid(format!(
            "时刻“{t}”无法识别。请写成 2026-11-26 09:00 或 2026-11-26T09:00:00。"
        ))),
    }
}

/// A calendar month, written `YYYY-MM`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
pub struct Month {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl Month {
    /// The month of `month` in `year`; refuses a month outside 1–12.
    pub fn new(year: i32, month: u32) -> Result<Month> {
        if !(1..=12).contains(&month) || !(1900..=9999).contains(&year) {
            return Err(invalid(format!(
                "月份“{year}-{month:02}”无效。请按 YYYY-MM 填写，例如 2026-10。"
            )));
        }
        Ok(Month { year, month })
    }
    /// The month a date falls in.
    pub fn of(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }
    /// Its first day.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }
    /// Its last day.
    pub fn last_day(&self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .expect("valid month")
            .pred_opt()
            .expect("not the first day ever")
    }
    /// `2026年10月`.
    pub fn label(&self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
    /// Whether a date falls in this month.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d.year() == self.year && d.month() == self.month
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = crate::Error;
    /// Reads `YYYY-MM` (also `YYYY/MM`, `YYYY.MM`, `YYYY年MM月`).
    fn from_str(s: &str) -> Result<Month> {
        let t = s.trim();
        let bad = || {
            invalid(format!(
                "月份“{t}”无法识别。请按 YYYY-MM 填写，例如 2026-10。"
            ))
        };
        let cleaned: String = t.trim_end_matches('月').replace(['年', '/', '.'], "-");
        let (y, m) = cleaned.split_once('-').ok_or_else(bad)?;
        let year: i32 = y.trim().parse().map_err(|_| bad())?;
        let month: u32 = m.trim().parse().map_err(|_| bad())?;
        if y.trim().len() != 4 {
            return Err(bad());
        }
        Month::new(year, month)
    }
}

impl Month {
    /// The month before.
    pub fn prev(&self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrono_date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn a_day_after_today_is_refused_naming_both_days_and_today_itself_passes() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let e = not_after_today(
            "催办日期",
            today.succ_opt().unwrap(),
            today,
            "请填写实际催办的日期。",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "催办日期 2026-12-04 晚于今天（2026-12-03），请填写实际催办的日期。"
        );
        assert!(not_after_today("催办日期", today, today, "").is_ok());
        assert!(not_after_today("催办日期", today.pred_opt().unwrap(), today, "").is_ok());
    }

    #[test]
    fn dates_and_moments_are_written_as_format_writes_them() {
        for (y, m, d) in [
            (1, 1, 1),
            (0, 2, 29),
            (999, 12, 31),
            (2026, 1, 5),
            (9999, 12, 31),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(ymd(day), format!("{y:04}-{m:02}-{d:02}"));
        }
        for y in [-1, -12_345, 10_000, 123_456] {
            let day = NaiveDate::from_ymd_opt(y, 7, 8).unwrap();
            assert_eq!(ymd(day), format!("{y:04}-07-08"));
            let t = day.and_hms_opt(9, 5, 3).unwrap();
            assert_eq!(stamp(t), format!("{y:04}-07-08 09:05:03"));
        }
        let t = NaiveDate::from_ymd_opt(2026, 12, 4)
            .unwrap()
            .and_hms_opt(23, 59, 7)
            .unwrap();
        assert_eq!(stamp(t), "2026-12-04 23:59:07");
    }

    #[test]
    fn stored_dates_read_back_as_chrono_reads_them() {
        let mut d = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap();
        while d.year() < 2031 {
            assert_eq!(ymd(d), d.format("%Y-%m-%d").to_string());
            assert_eq!(parse_ymd(&ymd(d)), Some(d));
            d += chrono::Duration::days(1);
        }
        for s in [
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-5",
            "2026-04-05 ",
            "２０２６-04-05",
            "2026/04/05",
            "20a6-04-05",
            "",
            "9999-12-31",
            "0000-01-01",
            "2026-+4-05",
        ] {
            assert_eq!(parse_ymd(s), chrono_date(s), "{s:?}");
        }
    }

    #[test]
    fn stamps_read_as_chrono_writes_them() {
        for s in [
            "2026-11-26 09:05:03",
            "0999-01-01 00:00:00",
            "2024-02-29 23:59:59",
        ] {
            let now = parse_stamp(s).unwrap();
            assert_eq!(stamp(now), now.format("%Y-%m-%d %H:%M:%S").to_string());
            assert_eq!(stamp(now), s);
        }
        // Fractions of a second are not stored.
        let t = parse_stamp("2026-11-26 09:05:03").unwrap() + chrono::Duration::milliseconds(250);
        assert_eq!(stamp(t), "2026-11-26 09:05:03");
    }

    #[test]
    fn stored_dates_are_what_rusqlite_reads_and_writes() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let written: String = conn.query_row("SELECT ?1", [d], |r| r.get(0)).unwrap();
        assert_eq!(written, ymd(d));
        let read: NaiveDate = conn.query_row("SELECT ?1", [ymd(d)], |r| r.get(0)).unwrap();
        assert_eq!(read, d);
    }

    #[test]
    fn stamps_read_as_chrono_reads_them() {
        for s in [
            "2026-11-26 09:05:03",
            "2026-02-29 09:05:03",
            "2028-02-29 23:59:59",
            "2026-13-01 00:00:00",
            "2026-11-26 24:00:00",
            "2026-11-26 09:05:0x",
            "2026-11-26T09:05:03",
            "2026-11-26 9:05:03",
            "",
        ] {
            let chrono = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok();
            assert_eq!(parse_stamp(s), chrono, "{s}");
        }
    }

    #[test]
    fn display_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(ymd(d), "2026-01-05");
        assert_eq!(cn(d), "2026年1月5日");
        assert_eq!(cn_padded(d), "2026年01月05日");
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(cn(d), "2026年11月26日");
        assert_eq!(cn_padded(d), d.format("%Y年%m月%d日").to_string());
        let t = d.and_hms_opt(9, 5, 3).unwrap();
        assert_eq!(minute(t), "2026-11-26 09:05");
        assert_eq!(parse_minute("2026-11-26 09:05"), t.with_second(0));
        assert_eq!(parse_minute("startup"), None);
        assert_eq!(file_stamp(t), "20261126-090503");
        assert_eq!(hm(t.time()), "09:05");
        assert_eq!(parse_hm("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_hm("25:00"), None);
    }

    #[test]
    fn typed_dates_are_strict_and_answer_in_chinese() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        for s in [
            "2026-11-30",
            " 2026/11/30 ",
            "20261130",
            "2026.11.30",
            "2026年11月30日",
        ] {
            assert_eq!(parse_day(s).unwrap(), d, "{s:?}");
        }
        let e = parse_day("11-30").unwrap_err().to_string();
        assert!(e.contains("无法识别"), "{e}");
        let e = parse_day("2026-02-30").unwrap_err().to_string();
        assert!(e.contains("2026年2月没有30日"), "{e}");
    }

    #[test]
    fn typed_moments() {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let at = |s: &str| parse_moment(s, nine).map(stamp).ok();
        assert_eq!(
            at("2026-03-02 14:30:00").as_deref(),
            Some("2026-03-02 14:30:00")
        );
        assert_eq!(
            at("2026-03-02T14:30:00").as_deref(),
            Some("2026-03-02 14:30:00")
        );
        assert_eq!(
            at("2026-03-02 14:30").as_deref(),
            Some("2026-03-02 14:30:00")
        );
        assert_eq!(
            at("2026-03-02T14:30").as_deref(),
            Some("2026-03-02 14:30:00")
        );
        assert_eq!(at("2026-03-02").as_deref(), Some("2026-03-02 09:00:00"));
        assert_eq!(at("2026-02-30"), None);
        let e = parse_moment("明天", nine).unwrap_err().to_string();
        assert!(e.contains("时刻“明天”无法识别"), "{e}");
    }
}
