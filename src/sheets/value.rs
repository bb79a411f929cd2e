//! Cell values as people type them: text normalisation, full-width digits,
//! and every date form EXCHANGE §1 accepts.

use calamine::Data;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use memchr::memmem;
use std::sync::LazyLock;

/// Maps full-width ASCII (`０`–`９`, `Ａ`, `－`, `／`, `．`, `：` …) to ASCII and the
/// ideographic and no-break spaces to a plain space. Other characters stay.
pub fn normalise_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect()
}

/// Trims a cell's text, counting the ideographic space as a space.
pub fn clean(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}' || c == '\u{FEFF}'
    })
}

/// Characters that show nothing (zero-width space and joiners, word joiner,
/// byte-order mark): pasted from a web page or a chat into a name, they made
/// “人事司” an unknown department that looked exactly like the known one.
const INVISIBLE: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

/// `s` without [`INVISIBLE`] characters (borrowed when it has none, as nearly always).
fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if has_invisible(s) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !INVISIBLE.contains(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Whether `s` holds an [`INVISIBLE`] character. U+200B–U+200D and U+2060
/// are encoded from 0xE2, so only the bytes 0xE2 are looked at (a cell's
/// text is read once per import; `str::contains` of five characters was a
/// tenth of reading a 100,000-row ledger); U+FEFF (EF BB BF) is searched for
/// as a whole, because 0xEF also begins the full-width punctuation (，：（）)
/// of nearly every Chinese sentence, and stopping at each was slower than
/// the searches.
fn has_invisible(s: &str) -> bool {
    static BOM: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("\u{FEFF}".as_bytes()));
    let b = s.as_bytes();
    memchr::memchr_iter(0xE2, b).any(|i| {
        matches!(
            b.get(i + 1..i + 3),
            Some([0x80, 0x8B..=0x8D] | [0x81, 0xA0])
        )
    }) || BOM.find(b).is_some()
}

/// The text a person sees in a cell: strings trimmed and without invisible
/// characters, whole numbers without `.0`, dates as `YYYY-MM-DD`, errors as
/// Excel shows them (`#N/A`; importers refuse such a cell).
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean(&visible(s)).to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() && is_time_only(dt) => {
            let secs = ((dt.as_f64().abs() * 86_400.0).round() as u32).min(86_399);
            match NaiveTime::from_num_seconds_from_midnight_opt(secs, 0) {
                Some(t) if t.second() == 0 => crate::dates::hm(t),
                Some(t) => format!("{}:{:02}", crate::dates::hm(t), t.second()),
                None => number_text(dt.as_f64()),
            }
        }
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => crate::dates::ymd(t.date()),
            _ => number_text(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// True when the cell holds nothing a person would call a value.
pub fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => clean(&visible(s)).is_empty(),
        _ => false,
    }
}

/// Why a cell is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Month and day without a year (`11月30日`, `11-30`): never guessed.
    NoYear,
    /// Looks like a date but does not exist (`2026-02-30`).
    Impossible,
    /// Not a date at all.
    NotADate,
    /// A date followed by a time that is not one (`2026-11-03 25:70`).
    BadTime,
    /// A time of day alone (a cell typed `14:20`): the day is missing.
    NoDate,
}

impl DateError {
    /// A Chinese reason quoting the offending text.
    pub fn reason(&self, text: &str) -> String {
        match self {
            DateError::NoYear => format!("日期“{text}”缺少年份，请写完整日期，如 2026-11-30"),
            DateError::Impossible => format!("日期“{text}”不存在，请核对年月日"),
            DateError::NotADate => {
                format!("“{text}”不是可识别的日期，请写成 2026-11-30、2026/11/30、2026.11.30、2026年11月30日 或 20261130")
            }
            DateError::NoDate => {
                format!("“{text}”只有时间，缺少日期，请写完整的日期，如 2026-11-03 {text}")
            }
            DateError::BadTime => {
                format!("“{text}”中的时间无法识别，请写成 2026-11-03 14:20（时:分，24 小时制），或只写日期")
            }
        }
    }
}

/// Parses a typed date: `2026-11-30`, `2026/11/30`, `2026.11.30`,
/// `2026年11月30日` (also without 日), `20261130`, one-digit months and days,
/// full-width digits, an optional time after the date (ignored). A date
/// without a year is [`DateError::NoYear`], never guessed.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let s = normalise_width(text);
    let s = clean(&s);
    // Drop a time part ("2026-11-30 00:00:00", "2026-11-30T08:00").
    let s = match s.find([' ', 'T']) {
        Some(i) if i >= 6 && s[i + 1..].contains(':') => &s[..i],
        _ => s,
    };
    if s.is_empty() {
        return Err(DateError::NotADate);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (num(&s[..4]), num(&s[4..6]), num(&s[6..]));
        return ymd(y, m, d);
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日', '号'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(DateError::NotADate);
    }
    match parts.len() {
        3 if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 => {
            ymd(num(parts[0]), num(parts[1]), num(parts[2]))
        }
        2 if parts[0].len() <= 2 && parts[1].len() <= 2 => {
            let (m, d) = (num(parts[0]), num(parts[1]));
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                Err(DateError::NoYear)
            } else {
                Err(DateError::NotADate)
            }
        }
        _ => Err(DateError::NotADate),
    }
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn ymd(y: u32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    if !(1900..=9999).contains(&y) || m == 0 || d == 0 {
        return Err(if (1..=12).contains(&m) && (1..=31).contains(&d) {
            DateError::Impossible
        } else {
            DateError::NotADate
        });
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(DateError::Impossible)
}

/// A cell as a date: a real date cell, an ISO date (LibreOffice), an
/// 8-digit number `20261130`, or text in any form [`parse_date`] takes.
/// `Ok(None)` for a blank cell.
pub fn cell_date(d: &Data) -> Result<Option<NaiveDate>, DateError> {
    match d {
        Data::Empty => Ok(None),
        Data::DateTime(dt) if dt.is_datetime() => serial_day(dt).map(Some),
        Data::DateTimeIso(s) => parse_date(s).map(Some),
        Data::Int(i) if (10_000_000..=99_999_999).contains(i) => {
            parse_date(&i.to_string()).map(Some)
        }
        Data::Float(f) if f.fract() == 0.0 && (1e7..1e8).contains(f) => {
            parse_date(&(*f as i64).to_string()).map(Some)
        }
        Data::String(s) if clean(s).is_empty() => Ok(None),
        Data::String(s) => parse_date(s).map(Some),
        _ => Err(DateError::NotADate),
    }
}

/// Whether a date cell holds a time of day alone: a serial under one day
/// (Excel shows it as `14:20`; read as a date it would be 1899-12-30/31).
fn is_time_only(dt: &calamine::ExcelDateTime) -> bool {
    (0.0..1.0).contains(&dt.as_f64())
}

/// The day of a date cell, refused when it holds a time alone or a day
/// outside 1900–9999 (the bounds of a typed date).
fn serial_day(dt: &calamine::ExcelDateTime) -> Result<NaiveDate, DateError> {
    if is_time_only(dt) {
        return Err(DateError::NoDate);
    }
    match dt.as_datetime() {
        Some(t) if (1900..=9999).contains(&t.date().year()) => Ok(t.date()),
        _ => Err(DateError::Impossible),
    }
}

/// A cell as a number (numbers, or text holding one). `None` when blank or not a number.
pub fn cell_number(d: &Data) -> Option<f64> {
    match d {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        Data::String(s) => normalise_width(clean(s)).parse().ok(),
        _ => None,
    }
}

/// A cell as a date with an optional time of day (EXCHANGE §2.6 times):
/// `2026-11-03 14:20`, `2026/11/3 9:05:30`, a real date-time cell, or a date
/// alone in any form [`cell_date`] takes. The time is `None` for a date alone:
/// a text without a time, or a date cell whose time is exactly 00:00 (a
/// spreadsheet cannot tell that from midnight). `Ok(None)` for a blank cell.
pub fn cell_moment(d: &Data) -> Result<Option<(NaiveDate, Option<NaiveTime>)>, DateError> {
    match d {
        Data::DateTime(dt) if dt.is_datetime() => {
            let day = serial_day(dt)?;
            // Excel keeps a time as a fraction of a day: round to the second.
            let secs = ((dt.as_f64().fract().abs() * 86_400.0).round() as u32).min(86_399);
            if secs == 0 {
                return Ok(Some((day, None)));
            }
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0);
            time.map(|t| Some((day, Some(t)))).ok_or(DateError::BadTime)
        }
        // A date cell kept as ISO text (.ods, an .xlsx `t="d"` cell) is a
        // date cell all the same: exactly 00:00 is a date alone. Typed text
        // saying 00:00 means midnight.
        Data::DateTimeIso(s) => {
            text_moment(s).map(|o| o.map(|(day, t)| (day, t.filter(|t| *t != NaiveTime::MIN))))
        }
        Data::String(s) => text_moment(s),
        _ => cell_date(d).map(|o| o.map(|day| (day, None))),
    }
}

/// [`cell_moment`] of a text: a date, then optionally a time `H:MM[:SS]`.
fn text_moment(text: &str) -> Result<Option<(NaiveDate, Option<NaiveTime>)>, DateError> {
    let s = normalise_width(text);
    let s = clean(&s);
    if s.is_empty() {
        return Ok(None);
    }
    let split = s
        .char_indices()
        .find(|&(i, c)| (c == ' ' || c == 'T') && i >= 6 && s[i + 1..].contains(':'));
    let Some((i, _)) = split else {
        return parse_date(s).map(|day| Some((day, None)));
    };
    let day = parse_date(&s[..i])?;
    let time = clean(&s[i + 1..]);
    let parts: Vec<&str> = time.split(':').collect();
    let field = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let hms = match parts.as_slice() {
        [h, m] => (field(h), field(m), Some(0)),
        [h, m, sec] => (field(h), field(m), field(sec)),
        _ => (None, None, None),
    };
    match hms {
        (Some(h), Some(m), Some(sec)) => NaiveTime::from_hms_opt(h, m, sec)
            .map(|t| Some((day, Some(t))))
            .ok_or(DateError::BadTime),
        _ => Err(DateError::BadTime),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_found_by_their_bytes() {
        for c in INVISIBLE {
            assert!(has_invisible(&format!("人事{c}司")), "{:X}", c as u32);
        }
        // Neighbours sharing a lead byte are visible: “”…—, U+2061, U+FEFE,
        // full-width punctuation (EF BC xx), U+FFBF (EF BE BF).
        assert!(!has_invisible(
            "“人事司”…—\u{2061}\u{FEFE}\u{200A}，（筹）：\u{FFBF}"
        ));
        // At the very start and end, among full-width punctuation.
        for s in [
            "\u{FEFF}人事司",
            "人事司\u{2060}",
            "（筹）\u{200D}，：",
            "，\u{FEFF}，",
        ] {
            assert!(has_invisible(s), "{s:?}");
        }
        assert_eq!(visible("人\u{200B}事\u{FEFF}司"), "人事司");
    }
}
