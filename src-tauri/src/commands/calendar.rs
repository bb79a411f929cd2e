//! 日历 (issue 13): the year view and loading a year's 节假日安排 from a
//! sheet; thin commands over `duban::calendar`.

use chrono::NaiveDate;
use duban::calendar::{Calendar, FileLoad, YearChange, YearDayKind, YearView};

use crate::door::Door;
use crate::error::CmdResult;

/// Every day of `year` with its kind (工作日 / 休息日 / 节假日 / 调休上班).
#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_year(door: Door, year: i32) -> CmdResult<YearView> {
    door.read(move |s| Ok(Calendar::load(s.conn())?.year_view(year)))
        .await
}

/// Loads a year's schedule from a sheet or text file (日期, 类型, 名称);
/// `year` is the notice year when the clerk gives it. A file with a problem
/// (a date twice …) is refused whole, naming the rows.
#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_load(door: Door, path: String, year: Option<i32>) -> CmdResult<FileLoad> {
    door.write(move |s, actor| {
        duban::calendar_change::load_file(s, actor, std::path::Path::new(&path), year)
    })
    .await
}

/// Sets one day by hand (工作日 / 休息日 / 节假日 / 调休上班, with a note such
/// as 春节); stored in the day's year as the office's schedule, audited.
#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_set_day(
    door: Door,
    date: NaiveDate,
    kind: YearDayKind,
    name: String,
) -> CmdResult<YearChange> {
    door.write(move |s, actor| duban::calendar_change::set_day(s, actor, date, kind, &name))
        .await
}
