//! A schedule typed into Excel: the sheet 节假日安排 (or 工作日历, or else the
//! first visible sheet) with the columns 日期, 类型, 名称, read through
//! [`crate::sheets`] into numbered rows of text for [`super::parse_rows`].
//! Date cells become `YYYY-MM-DD`. Without a header row the first three
//! columns of the used area are taken in that order.

use std::path::Path;

use super::schedule::Row;
use crate::error::{Error, Result};
use crate::sheets::{cell_text, open_bytes, Grid};

/// The preferred sheet names, in order.
const SHEET_NAMES: &[&str] = &["节假日安排", "工作日历"];

/// Headers each column may carry.
const DATE_HEADERS: &[&str] = &["日期", "date"];
const KIND_HEADERS: &[&str] = &["类型", "休/班", "休班", "性质", "安排", "kind"];
const NAME_HEADERS: &[&str] = &["名称", "节日", "节日名称", "说明", "备注", "name"];

/// The chosen sheet's name and its non-empty rows as (Excel row number,
/// [日期, 类型, 名称]).
pub(crate) fn read_sheet_rows(path: &Path) -> Result<(String, Vec<Row>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = crate::sheets::read::read_file(path).map_err(|e| {
        Error::BadFile(format!(
            "无法读取文件“{}”：{}。请确认文件存在且可读。",
            path.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let book = open_bytes(&name, &bytes)?;
    let grid = SHEET_NAMES
        .iter()
        .find_map(|n| book.sheets.iter().find(|g| g.name == *n))
        .or_else(|| book.sheets.first())
        .ok_or_else(|| Error::BadFile(format!("文件“{name}”中没有可见的工作表。")))?;
    Ok((grid.name.clone(), columns(grid)))
}

/// The rows below the header (or all rows), reduced to the three columns.
fn columns(grid: &Grid) -> Vec<Row> {
    let rows: Vec<(u32, Vec<String>)> = grid
        .rows()
        .map(|(n, cells)| (n, cells.iter().map(cell_text).collect()))
        .collect();
    let header = rows
        .iter()
        .position(|(_, cells)| cells.iter().any(|c| is_one_of(c, DATE_HEADERS)));
    let (start, picks) = match header {
        Some(h) => {
            let cells = &rows[h].1;
            let find = |names: &[&str]| cells.iter().position(|c| is_one_of(c, names));
            (
                h + 1,
                [find(DATE_HEADERS), find(KIND_HEADERS), find(NAME_HEADERS)],
            )
        }
        None => (0, [Some(0), Some(1), Some(2)]),
    };
    rows[start..]
        .iter()
        .map(|(n, cells)| {
            let pick = |i: Option<usize>| i.and_then(|i| cells.get(i)).cloned().unwrap_or_default();
            (*n, picks.iter().map(|p| pick(*p)).collect())
        })
        .filter(|(_, cells): &Row| cells.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

fn is_one_of(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim();
    names.iter().any(|n| c.eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    fn s(t: &str) -> Data {
        Data::String(t.into())
    }

    #[test]
    fn columns_follow_the_header_wherever_it_stands() {
        let grid = Grid::from_rows(
            "节假日安排",
            vec![
                vec![s("2027年节假日安排")],
                vec![s("名称"), s("日期"), s("类型")],
                vec![s("元旦"), s("2027-01-01"), s("休")],
            ],
        );
        assert_eq!(
            columns(&grid),
            vec![(
                3,
                vec!["2027-01-01".to_string(), "休".into(), "元旦".into()]
            )]
        );
    }

    #[test]
    fn without_a_header_the_first_three_columns_are_taken() {
        let grid = Grid::from_rows(
            "Sheet1",
            vec![
                vec![s("2027-01-01"), s("休"), s("元旦")],
                vec![],
                vec![s("2027-01-02"), s("休")],
            ],
        );
        let rows = columns(&grid);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            (
                3,
                vec!["2027-01-02".to_string(), "休".into(), String::new()]
            )
        );
    }
}
