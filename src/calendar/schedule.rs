//! A year's schedule as text or sheet rows: the shipped files in
//! `assets/holidays/` and the files the office loads share one format, a row
//! per day or per run of days:
//!
//! ```text
//! # 国务院办公厅关于2019年部分节假日安排的通知
//! 日期,类型,名称
//! 2018-12-29,班,元旦调休上班
//! 2018-12-30..2019-01-01,休,元旦
//! ```
//!
//! Fields are separated by commas (also ，), tabs or spaces. 日期 is
//! `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYYMMDD`, `YYYY年M月D日`) or a run
//! `起..止` (also `起至止`, `起~止`); 类型 is 休 (放假, holiday) or 班 (上班,
//! 补班, workday); 名称 is optional. Lines starting with `#` and a header row
//! (日期 …) are skipped.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{DayKind, ScheduleDay};
use crate::dates::parse_day;
use crate::error::{invalid, Result};

/// A numbered row of fields: (line or Excel row number, cells).
pub type Row = (u32, Vec<String>);

/// A notice year's schedule: every day it sets apart from the plain week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The notice year.
    pub year: i32,
    /// The notice (shipped) or the office's note.
    pub source: String,
    /// True for a year the office added.
    pub office_added: bool,
    /// The days, in date order; a day may lie just across the year's edge.
    pub days: Vec<ScheduleDay>,
}

/// The years whose schedules ship with the program, with their files.
pub const SHIPPED_YEARS: &[(i32, &str)] = &[
    (2015, include_str!("../../assets/holidays/2015.txt")),
    (2016, include_str!("../../assets/holidays/2016.txt")),
    (2017, include_str!("../../assets/holidays/2017.txt")),
    (2018, include_str!("../../assets/holidays/2018.txt")),
    (2019, include_str!("../../assets/holidays/2019.txt")),
    (2020, include_str!("../../assets/holidays/2020.txt")),
    (2021, include_str!("../../assets/holidays/2021.txt")),
    (2022, include_str!("../../assets/holidays/2022.txt")),
    (2023, include_str!("../../assets/holidays/2023.txt")),
    (2024, include_str!("../../assets/holidays/2024.txt")),
    (2025, include_str!("../../assets/holidays/2025.txt")),
    (2026, include_str!("../../assets/holidays/2026.txt")),
];

/// Days of a neighbouring year a notice may set: within this many days of
/// the year's edge (the 2019 notice moved 2018-12-29..31).
const EDGE_DAYS: i64 = 14;

/// The longest run one row may give.
const MAX_RUN: i64 = 31;

/// How many problems an error message lists before it summarises.
const MAX_LISTED: usize = 20;

/// The shipped schedules, parsed once.
pub fn shipped() -> Vec<Schedule> {
    static SHIPPED: OnceLock<Vec<Schedule>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| {
            SHIPPED_YEARS
                .iter()
                .map(|(year, text)| {
                    let label = format!("assets/holidays/{year}.txt");
                    let mut s = parse_schedule(text, &label, Some(*year)).unwrap_or_else(|e| {
                        panic!("shipped holiday schedule {label} is broken: {e}")
                    });
                    s.source = notice_title(text);
                    s
                })
                .collect()
        })
        .clone()
}

/// The `# 国务院…` comment lines of a shipped file, joined.
fn notice_title(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix('#'))
        .map(str::trim)
        .filter(|l| l.starts_with("国务院"))
        .collect::<Vec<_>>()
        .join("；")
}

/// Parses a schedule written as text (one row per line; see the module
/// docs). `label` names the file in messages. `year` is the notice year; when
/// `None` it is the year most of the days fall in. Every problem is reported
/// with its line number, and nothing is returned unless all rows are right.
pub fn parse_schedule(text: &str, label: &str, year: Option<i32>) -> Result<Schedule> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows: Vec<Row> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i as u32 + 1, split_fields(l)))
        .collect();
    parse_rows(&rows, label, year)
}

/// Parses a schedule given as numbered rows of fields (日期, 类型, 名称), as a
/// sheet gives them; the numbers are what messages call 第N行.
pub fn parse_rows(rows: &[Row], label: &str, year: Option<i32>) -> Result<Schedule> {
    let mut problems: Vec<String> = Vec::new();
    let mut parsed: Vec<(u32, ScheduleDay)> = Vec::new();
    for (line, fields) in rows {
        let fields: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
        if fields.iter().all(|f| f.is_empty()) || is_header(fields[0]) {
            continue;
        }
        match parse_row(&fields) {
            Ok(days) => parsed.extend(days.into_iter().map(|d| (*line, d))),
            Err(why) => problems.push(format!("第{line}行：{why}")),
        }
    }
    if parsed.is_empty() && problems.is_empty() {
        return Err(invalid(format!(
            "{label}中没有任何日期。每行应为“日期,类型,名称”，例如“2027-01-01,休,元旦”。"
        )));
    }
    let year = match year {
        Some(y) => y,
        None => most_common_year(&parsed),
    };
    let mut seen: HashMap<NaiveDate, u32> = HashMap::new();
    for (line, day) in &parsed {
        if let Some(first) = seen.insert(day.date, *line) {
            problems.push(format!("第{line}行：日期 {} 与第{first}行重复。", day.date));
        } else if let Some(why) = day_problem(year, day) {
            problems.push(format!("第{line}行：{why}"));
        }
    }
    if problems.is_empty() && !parsed.iter().any(|(_, d)| d.kind == DayKind::Holiday) {
        problems.push(format!("{year}年的安排中没有任何放假日（类型“休”）。"));
    }
    if !problems.is_empty() {
        return Err(invalid(summarise(label, &problems)));
    }
    let mut days: Vec<ScheduleDay> = parsed.into_iter().map(|(_, d)| d).collect();
    days.sort_by_key(|d| d.date);
    Ok(Schedule {
        year,
        source: String::new(),
        office_added: false,
        days,
    })
}

/// What is wrong with one day of `year`'s schedule, if anything: a year out
/// of range, a day too far from the year, a 班 on a weekday.
pub(crate) fn day_problem(year: i32, day: &ScheduleDay) -> Option<String> {
    if !(1949..=2200).contains(&year) {
        return Some(format!("年份 {year} 不合理。"));
    }
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let d = day.date;
    if (first - d).num_days() > EDGE_DAYS || (d - last).num_days() > EDGE_DAYS {
        return Some(format!(
            "日期 {d} 不属于{year}年的安排。一年的安排只能包含该年的日子，以及年初年末前后{EDGE_DAYS}天内的放假或调休日。"
        ));
    }
    if day.kind == DayKind::Workday && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        return Some(format!(
            "{d} 是{}，本来就是工作日；类型“班”只用于周末调休上班的日子。",
            weekday_label(d.weekday())
        ));
    }
    None
}

/// 星期一 … 星期日.
pub(crate) fn weekday_label(w: Weekday) -> &'static str {
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ][w.num_days_from_monday() as usize]
}

fn summarise(label: &str, problems: &[String]) -> String {
    let mut msg = format!("{label}有{}处错误，未载入任何内容：\n", problems.len());
    for p in problems.iter().take(MAX_LISTED) {
        msg.push_str(p);
        msg.push('\n');
    }
    if problems.len() > MAX_LISTED {
        msg.push_str(&format!(
            "……另有{}处错误未列出。\n",
            problems.len() - MAX_LISTED
        ));
    }
    msg.push_str("请改正后重新载入。");
    msg
}

fn split_fields(line: &str) -> Vec<String> {
    let line = line.trim();
    if line.contains([',', '，', '\t']) {
        line.split([',', '，', '\t'])
            .map(|f| f.trim().to_string())
            .collect()
    } else {
        let mut words = line.split_whitespace();
        let mut fields: Vec<String> = words.by_ref().take(2).map(String::from).collect();
        let rest: Vec<&str> = words.collect();
        if !rest.is_empty() {
            fields.push(rest.join(" "));
        }
        fields
    }
}

fn is_header(first: &str) -> bool {
    first == "日期" || first.eq_ignore_ascii_case("date")
}

/// One row: a date or run, a kind, an optional name.
fn parse_row(fields: &[&str]) -> std::result::Result<Vec<ScheduleDay>, String> {
    let date = fields[0];
    let kind_text = fields.get(1).copied().unwrap_or("");
    let name = fields.get(2..).map(|f| f.join(" ")).unwrap_or_default();
    if date.is_empty() {
        return Err("缺少日期。".into());
    }
    if kind_text.is_empty() {
        return Err(format!("日期“{date}”后缺少类型（休 或 班）。"));
    }
    let kind = parse_kind(kind_text).ok_or_else(|| {
        format!("类型“{kind_text}”无法识别，应为“休”（放假）或“班”（调休上班）。")
    })?;
    let (from, to) = match split_run(date) {
        Some((a, b)) => (
            parse_day(a).map_err(|e| e.to_string())?,
            parse_day(b).map_err(|e| e.to_string())?,
        ),
        None => {
            let d = parse_day(date).map_err(|e| e.to_string())?;
            (d, d)
        }
    };
    if to < from {
        return Err(format!("日期区间“{date}”的结束日早于开始日。"));
    }
    if (to - from).num_days() >= MAX_RUN {
        return Err(format!("日期区间“{date}”超过{MAX_RUN}天，请检查。"));
    }
    Ok(from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|date| ScheduleDay {
            date,
            kind,
            name: name.trim().to_string(),
        })
        .collect())
}

fn split_run(text: &str) -> Option<(&str, &str)> {
    ["..", "至", "~", "～"]
        .iter()
        .find_map(|sep| text.split_once(sep))
        .map(|(a, b)| (a.trim(), b.trim()))
}

fn parse_kind(text: &str) -> Option<DayKind> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "休" | "假" | "放假" | "休息" | "休假" | "节假日" | "法定节假日" | "holiday" | "off" => {
            Some(DayKind::Holiday)
        }
        "班" | "上班" | "补班" | "调休上班" | "工作日" | "workday" | "work" => {
            Some(DayKind::Workday)
        }
        _ => None,
    }
}

fn most_common_year(days: &[(u32, ScheduleDay)]) -> i32 {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for (_, d) in days {
        *counts.entry(d.date.year()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_on_commas_tabs_or_spaces() {
        assert_eq!(
            split_fields("2027-01-01,休,元旦"),
            ["2027-01-01", "休", "元旦"]
        );
        assert_eq!(
            split_fields("2027-01-01，休，元旦"),
            ["2027-01-01", "休", "元旦"]
        );
        assert_eq!(
            split_fields("2027-01-01\t班\t元旦"),
            ["2027-01-01", "班", "元旦"]
        );
        assert_eq!(
            split_fields("2027-01-01\t\t元旦"),
            ["2027-01-01", "", "元旦"]
        );
        assert_eq!(
            split_fields("2027-01-01  休 元旦 假期"),
            ["2027-01-01", "休", "元旦 假期"]
        );
        assert_eq!(split_fields("  "), Vec::<String>::new());
    }
}
