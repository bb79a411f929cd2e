//! Years the office adds: stored in `calendar_days`/`calendar_years`, one
//! transaction and one audit entry per year, loaded from a text/CSV file or an
//! Excel sheet with the columns 日期, 类型, 名称.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::schedule::{day_problem, parse_schedule, shipped, Schedule};
use super::sheet::read_sheet_rows;
use super::{Calendar, DayKind, ScheduleDay};
use crate::error::{invalid, Error, Result};
use crate::store::{audit, Actor, Store};

/// What adding a year did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YearChange {
    /// The notice year.
    pub year: i32,
    /// Days off in the schedule.
    pub holidays: usize,
    /// Make-up working days in the schedule.
    pub workdays: usize,
    /// The schedule it replaced, if any (`office`: the office's own earlier
    /// one; `shipped`: the one that ships with the program).
    pub replaced: Option<String>,
}

/// What loading a schedule file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FileLoad {
    /// The file's name.
    pub file: String,
    /// The year and what changed.
    pub change: YearChange,
    /// True when this very file was already loaded and nothing was written.
    pub duplicate: bool,
}

/// The office-added schedules stored in the database.
pub(crate) fn stored_schedules(conn: &Connection) -> Result<Vec<Schedule>> {
    let mut years: BTreeMap<i32, Schedule> = BTreeMap::new();
    let mut st = conn.prepare("SELECT year, source FROM calendar_years ORDER BY year")?;
    for row in st.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))? {
        let (year, source) = row?;
        years.insert(year, office_schedule(year, source));
    }
    let mut st = conn.prepare("SELECT day, year, kind, name FROM calendar_days ORDER BY day")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (day, year, kind, name) = row?;
        let date = crate::dates::parse_ymd(&day).ok_or_else(|| {
            Error::BadFile(format!(
                "数据库中的工作日历日期“{day}”无效。请从备份恢复或重新载入{year}年的安排。"
            ))
        })?;
        let kind = DayKind::from_code(&kind).ok_or_else(|| {
            Error::BadFile(format!("数据库中的工作日历类型“{kind}”无效（{day}）。"))
        })?;
        years
            .entry(year)
            .or_insert_with(|| office_schedule(year, String::new()))
            .days
            .push(ScheduleDay { date, kind, name });
    }
    Ok(years.into_values().collect())
}

fn office_schedule(year: i32, source: String) -> Schedule {
    Schedule {
        year,
        source,
        office_added: true,
        days: Vec::new(),
    }
}

/// Adds (or replaces) the schedule of `year` inside the caller's transaction,
/// with one audit entry. The days must belong to the year (or lie within two
/// weeks of its edge), name no date twice, use 班 only on weekends, and not
/// name a date that another year's schedule already sets.
pub fn add_year_in(
    tx: &Transaction,
    actor: &Actor,
    year: i32,
    days: &[ScheduleDay],
    source: &str,
    follow: Follow<'_>,
) -> Result<YearChange> {
    put_year_in(tx, actor, year, days, source, None, follow)
}

/// What else moves when the calendar changes, in the same transaction: given
/// the calendar as it was, it redoes the dates stored after being worked out
/// with it (the doors pass `crate::calendar_change::follow`; the calendar
/// knows none of the rooms that store such dates).
pub type Follow<'a> = &'a dyn Fn(&Transaction, &Actor, &Calendar) -> Result<()>;

/// [`add_year_in`]; `by_hand` is the audit action of a change typed in day by
/// day (a year typed in may have no day off yet), None for a whole schedule.
pub(super) fn put_year_in(
    tx: &Transaction,
    actor: &Actor,
    year: i32,
    days: &[ScheduleDay],
    source: &str,
    by_hand: Option<&str>,
    follow: Follow<'_>,
) -> Result<YearChange> {
    let mut problems = Vec::new();
    let mut sorted: Vec<&ScheduleDay> = days.iter().collect();
    sorted.sort_by_key(|d| d.date);
    for pair in sorted.windows(2) {
        if pair[0].date == pair[1].date {
            problems.push(format!("日期 {} 出现了两次。", pair[0].date));
        }
    }
    for d in &sorted {
        if let Some(why) = day_problem(year, d) {
            problems.push(why);
        }
    }
    if by_hand.is_none() && !days.iter().any(|d| d.kind == DayKind::Holiday) {
        problems.push(format!("{year}年的安排中没有任何放假日（类型“休”）。"));
    }
    if !problems.is_empty() {
        return Err(invalid(format!(
            "{year}年的节假日安排有误，未载入：\n{}",
            problems.join("\n")
        )));
    }
    let stored = stored_schedules(tx)?;
    let mut others: BTreeMap<i32, Schedule> = shipped().into_iter().map(|s| (s.year, s)).collect();
    for s in &stored {
        others.insert(s.year, s.clone());
    }
    let previous = others.remove(&year);
    for other in others.values() {
        for od in &other.days {
            if sorted.binary_search_by_key(&od.date, |d| d.date).is_ok() {
                return Err(Error::Conflict(format!(
                    "日期 {} 已属于{}年的节假日安排（{}），不能再列入{year}年的安排。请删去这一天，或先修改{}年的安排。",
                    od.date, other.year, od.name, other.year
                )));
            }
        }
    }
    let replaced = previous
        .as_ref()
        .map(|p| if p.office_added { "office" } else { "shipped" }.to_string());
    let was = Calendar::load(tx)?;
    tx.execute("DELETE FROM calendar_days WHERE year = ?1", [year])?;
    tx.execute(
        "INSERT INTO calendar_years(year, source) VALUES (?1, ?2)
         ON CONFLICT(year) DO UPDATE SET source = excluded.source",
        params![year, source],
    )?;
    {
        let mut ins =
            tx.prepare("INSERT INTO calendar_days(day, year, kind, name) VALUES (?1, ?2, ?3, ?4)")?;
        for d in &sorted {
            ins.execute(params![
                crate::dates::ymd(d.date),
                year,
                d.kind.code(),
                d.name
            ])?;
        }
    }
    let before = previous.as_ref().map(schedule_json);
    let after = schedule_json(&Schedule {
        year,
        source: source.to_string(),
        office_added: true,
        days: sorted.iter().map(|d| (*d).clone()).collect(),
    });
    audit::append_in(
        tx,
        actor,
        "calendar",
        &year.to_string(),
        match (by_hand, &previous) {
            (Some(action), _) => action,
            (None, Some(_)) => "替换节假日安排",
            (None, None) => "载入节假日安排",
        },
        before.as_ref(),
        Some(&after),
    )?;
    follow(tx, actor, &was)?;
    Ok(YearChange {
        year,
        holidays: days.iter().filter(|d| d.kind == DayKind::Holiday).count(),
        workdays: days.iter().filter(|d| d.kind == DayKind::Workday).count(),
        replaced,
    })
}

fn schedule_json(s: &Schedule) -> serde_json::Value {
    serde_json::json!({
        "year": s.year,
        "source": s.source,
        "office_added": s.office_added,
        "days": s.days.iter().map(|d| format!("{} {} {}", d.date, d.kind.label(), d.name).trim_end().to_string()).collect::<Vec<_>>(),
    })
}

/// The single-year use case: [`add_year_in`] in its own transaction.
pub fn add_year(
    store: &mut Store,
    actor: &Actor,
    year: i32,
    days: &[ScheduleDay],
    source: &str,
    follow: Follow<'_>,
) -> Result<YearChange> {
    store.write(|tx| add_year_in(tx, actor, year, days, source, follow))
}

/// Reads a schedule file: an Excel workbook (`.xlsx`, `.xlsm`, `.xls`,
/// `.ods`; the first sheet, columns 日期, 类型, 名称) or UTF-8 text/CSV.
/// `year` is the notice year when the clerk gives it; otherwise the year
/// most days fall in.
pub fn read_schedule_file(path: &Path, year: Option<i32>) -> Result<Schedule> {
    let name = file_name(path);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        let (sheet, rows) = read_sheet_rows(path)?;
        return super::schedule::parse_rows(&rows, &format!("文件“{name}”工作表“{sheet}”"), year);
    }
    let bytes = crate::sheets::read::read_file(path).map_err(|e| {
        Error::BadFile(format!(
            "无法读取文件“{}”：{}。请确认文件存在且可读。",
            path.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::BadFile(format!(
            "文件“{name}”不是 UTF-8 编码的文本。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或直接载入 .xlsx 文件。"
        ))
    })?;
    parse_schedule(&text, &format!("文件“{name}”"), year)
}

/// Loads a year's schedule from a file (see [`read_schedule_file`]) and
/// records the file in `imports` (kind `calendar`). Loading the same file
/// again when its schedule is already in force writes nothing.
pub fn load_file(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    year: Option<i32>,
    follow: Follow<'_>,
) -> Result<FileLoad> {
    let schedule = read_schedule_file(path, year)?;
    let bytes = crate::sheets::read::read_file(path)?;
    let hash = hex::encode(Sha256::digest(&bytes));
    let name = file_name(path);
    let source = format!("办公室载入：{name}");
    let known: Option<i64> = store
        .conn()
        .query_row(
            "SELECT id FROM imports WHERE kind = 'calendar' AND sha256 = ?1",
            [&hash],
            |r| r.get(0),
        )
        .optional()?;
    if known.is_some() {
        let current = stored_schedules(store.conn())?
            .into_iter()
            .find(|s| s.year == schedule.year);
        if current.is_some_and(|c| c.days == schedule.days) {
            return Ok(FileLoad {
                file: name,
                change: YearChange {
                    year: schedule.year,
                    holidays: count(&schedule.days, DayKind::Holiday),
                    workdays: count(&schedule.days, DayKind::Workday),
                    replaced: None,
                },
                duplicate: true,
            });
        }
    }
    let change = store.write(|tx| {
        let change = add_year_in(tx, actor, schedule.year, &schedule.days, &source, follow)?;
        if known.is_none() {
            tx.execute(
                "INSERT INTO imports(kind, file_name, sha256, status, rows_applied, rows_rejected, detail, imported_at, operator)
                 VALUES ('calendar', ?1, ?2, 'applied', ?3, 0, '[]', ?4, ?5)",
                params![name, hash, schedule.days.len() as i64, actor.stamp(), actor.operator],
            )?;
        }
        Ok(change)
    })?;
    Ok(FileLoad {
        file: name,
        change,
        duplicate: false,
    })
}

fn count(days: &[ScheduleDay], kind: DayKind) -> usize {
    days.iter().filter(|d| d.kind == kind).count()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
