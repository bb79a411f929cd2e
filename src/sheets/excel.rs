//! Excel's own values: column letters, dates and date-times as Excel stores
//! them, and the writer's errors in the core's words.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, XlsxError};

use crate::error::{Error, Result};

/// A column's letters as Excel names it (0 → A, 25 → Z, 26 → AA).
pub(crate) fn column_letters(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Turns a writer error into the core's error.
pub fn write_error(e: XlsxError) -> Error {
    Error::BadFile(format!("生成表格失败：{e}"))
}

/// A date as Excel's date value.
pub fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(write_error)
}

/// A moment as Excel's date-time value (to the second).
pub fn excel_datetime(t: NaiveDateTime) -> Result<ExcelDateTime> {
    excel_date(t.date())?
        .and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64)
        .map_err(write_error)
}
