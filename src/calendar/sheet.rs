//! A schedule typed into Excel: the sheet 节假日安排 (or 工作日历, or else the
//! first sheet) with the columns 日期, 类型, 名称, read into numbered rows of
//! text for [`super::parse_rows`]. Date cells become `YYYY-MM-DD`.

use std::path::Path;

use calamine::{open_workbook_auto, Data, DataType, Reader};

use super::schedule::Row;
use crate::error::{Error, Result};

/// The preferred sheet names, in order.
const SHEET_NAMES: &[&str] = &["节假日安排", "工作日历"];

/// The chosen sheet's name and its non-empty rows as (Excel row number, cells).
pub(crate) fn read_sheet_rows(path: &Path) -> Result<(String, Vec<Row>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut book = open_workbook_auto(path).map_err(|e| {
        Error::BadFile(format!(
            "文件“{name}”无法作为 Excel 工作簿打开（{e}）。请确认它是 .xlsx 文件且未损坏。"
        ))
    })?;
    let names = book.sheet_names();
    let sheet = SHEET_NAMES
        .iter()
        .find(|n| names.iter().any(|s| s == *n))
        .map(|n| n.to_string())
        .or_else(|| names.first().cloned())
        .ok_or_else(|| Error::BadFile(format!("文件“{name}”中没有工作表。")))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| Error::BadFile(format!("文件“{name}”工作表“{sheet}”无法读取（{e}）。")))?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            (
                top + i as u32 + 1,
                cells.iter().map(cell_text).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok((sheet, rows))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::DateTime(_) | Data::DateTimeIso(_) => cell
            .as_date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| cell.to_string()),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
