//! Reading a returned report: the round identity wherever it is in the file,
//! the §2.3 form (labels with the value to the right, or below for long text),
//! or, for progress rounds, the §2.2 sheet's header cells and item rows.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataType, Reader, SheetVisible};
use chrono::NaiveDate;

use super::create::tokens_in;
use super::FORM_LABELS;
use crate::error::{Error, Result};

/// The key under which a progress report's item rows are stored.
pub const ROWS_KEY: &str = "行";

/// A cell's value as the reader needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (trimmed).
    Text(String),
    /// A real date cell.
    Date(NaiveDate),
    /// A number.
    Number(f64),
}

impl Value {
    /// The value as text (dates as `YYYY-MM-DD`, whole numbers without `.0`).
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Date(d) => d.to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
        }
    }
}

/// One sheet's non-empty cells, 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet name.
    pub name: String,
    /// Shown to the user (hidden sheets are searched for the identity only).
    pub visible: bool,
    /// Non-empty cells, row-major.
    pub cells: Vec<(u32, u32, Value)>,
}

impl Grid {
    /// The value at (row, col).
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by(|(r, c, _)| (*r, *c).cmp(&(row, col)))
            .ok()
            .map(|i| &self.cells[i].2)
    }
}

/// Reads every sheet of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`) from bytes.
pub fn read_grids(file: &str, bytes: &[u8]) -> Result<Vec<Grid>> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::BadFile(format!(
            "文件“{file}”无法作为表格读取（{e}）。请确认它是未加密的 .xlsx、.xls 或 .ods 文件。"
        ))
    })?;
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let names: Vec<(String, String)> = wb.defined_names().to_vec();
    let mut out = Vec::new();
    for (name, visible) in sheets {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(_) => continue, // chart sheets and the like
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, v) in range.used_cells() {
            let value = match v {
                Data::String(s) if !s.trim().is_empty() => Value::Text(s.trim().to_string()),
                Data::DateTime(_) | Data::DateTimeIso(_) => match v.as_datetime() {
                    Some(dt) => Value::Date(dt.date()),
                    None => continue,
                },
                Data::Float(f) => Value::Number(*f),
                Data::Int(i) => Value::Number(*i as f64),
                Data::Bool(b) => Value::Text(if *b { "是" } else { "否" }.into()),
                _ => continue,
            };
            cells.push((r0 + r as u32, c0 + c as u32, value));
        }
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        out.push(Grid {
            name,
            visible,
            cells,
        });
    }
    // A defined name carrying the identity counts as a hidden one-cell sheet.
    let defined: Vec<(u32, u32, Value)> = names
        .into_iter()
        .enumerate()
        .map(|(i, (n, v))| (i as u32, 0, Value::Text(format!("{n}={v}"))))
        .collect();
    if !defined.is_empty() {
        out.push(Grid {
            name: "(defined names)".into(),
            visible: false,
            cells: defined,
        });
    }
    Ok(out)
}

/// Every distinct round identity found in any cell of any sheet (hidden ones included).
pub fn find_tokens(grids: &[Grid]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in grids {
        for (_, _, v) in &g.cells {
            if let Value::Text(s) = v {
                for t in tokens_in(s) {
                    if !out.contains(&t) {
                        out.push(t);
                    }
                }
            }
        }
    }
    out
}

/// A label cell's text reduced for comparison: no spaces, no trailing colon
/// or `*`, full-width letters and digits made half-width.
pub fn normalize_label(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(half_width)
        .collect();
    s.trim_end_matches([':', '：', '*', '＊']).to_string()
}

fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// When a cell holds `label：value` in one (e.g. `填报单位：某某局`), the label and value.
fn split_inline(s: &str) -> Option<(String, String)> {
    let i = s.find(['：', ':'])?;
    let (label, rest) = s.split_at(i);
    let value = rest.trim_start_matches(['：', ':']).trim();
    Some((normalize_label(label), value.to_string()))
}

/// A label of the form, or of `extra`, that `text` is (exactly, after normalising).
fn as_label<'a>(text: &str, extra: &[&'a str]) -> Option<&'a str> {
    let n = normalize_label(text);
    FORM_LABELS
        .iter()
        .chain(extra.iter())
        .find(|l| **l == n)
        .copied()
}

/// The labels (§2.3, plus `extra`) found in the visible sheets and their values:
/// the first non-empty cell to the right (within four columns) that is not
/// itself a label, else the cell below; `label：value` in one cell also counts.
/// The first occurrence of a label wins.
pub fn read_labels(grids: &[Grid], extra: &[&'static str]) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let put = |label: &str, v: Value, out: &mut Vec<(String, Value)>| {
        if !out.iter().any(|(l, _)| l == label) {
            out.push((label.to_string(), v));
        }
    };
    for g in grids.iter().filter(|g| g.visible) {
        for (r, c, v) in &g.cells {
            let Value::Text(text) = v else { continue };
            if let Some(label) = as_label(text, extra) {
                let right = value_right(g, *r, *c, extra);
                let below = g
                    .get(r + 1, *c)
                    .filter(|v| !matches!(v, Value::Text(t) if as_label(t, extra).is_some() || split_inline(t).is_some_and(|(l, _)| as_label(&l, extra).is_some())));
                if let Some(v) = right.or(below) {
                    put(label, v.clone(), &mut out);
                }
            } else if let Some((l, value)) = split_inline(text) {
                if let Some(label) = as_label(&l, extra) {
                    if !value.is_empty() {
                        put(label, Value::Text(value), &mut out);
                    }
                }
            }
        }
    }
    out
}

/// The first non-empty cell right of (r, c) within four columns, stopping at
/// the next label (a neighbouring label's value is not this one's).
fn value_right<'g>(g: &'g Grid, r: u32, c: u32, extra: &[&str]) -> Option<&'g Value> {
    for cc in c + 1..c + 5 {
        match g.get(r, cc) {
            Some(Value::Text(t)) if as_label(t, extra).is_some() || split_inline(t).is_some() => {
                return None
            }
            Some(v) => return Some(v),
            None => continue,
        }
    }
    None
}

/// The rows under the first visible header row that has every one of
/// `required` (normalised), as (header, value) pairs of the non-empty cells;
/// rows with no value in the `content` columns are left out (unfilled).
pub fn read_rows(grids: &[Grid], required: &[&str], content: &[&str]) -> Vec<Vec<(String, Value)>> {
    for g in grids.iter().filter(|g| g.visible) {
        let last_row = g.cells.last().map_or(0, |c| c.0);
        for hr in 0..=last_row.min(19) {
            let header: Vec<(u32, String)> = g
                .cells
                .iter()
                .filter(|(r, _, _)| *r == hr)
                .filter_map(|(_, c, v)| match v {
                    Value::Text(t) => Some((*c, normalize_label(t))),
                    _ => None,
                })
                .collect();
            if !required.iter().all(|h| header.iter().any(|(_, t)| t == h)) {
                continue;
            }
            let mut rows = Vec::new();
            for r in hr + 1..=last_row {
                let row: Vec<(String, Value)> = header
                    .iter()
                    .filter_map(|(c, h)| g.get(r, *c).map(|v| (h.clone(), v.clone())))
                    .collect();
                if row.iter().any(|(h, _)| content.contains(&h.as_str())) {
                    rows.push(row);
                }
            }
            return rows;
        }
    }
    Vec::new()
}

/// A date typed as text: `2026-11-30`, `2026/11/30`, `2026.11.30`,
/// `2026年11月30日`, `20261130` (full-width digits accepted). `None` when it
/// is not one (a date without a year included).
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s: String = s.trim().chars().map(half_width).collect();
    if s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&s, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2])
}

/// A cell as a date: a date cell, a text date, or an Excel serial number.
pub fn value_date(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date(d) => Some(*d),
        Value::Text(t) => parse_date_text(t),
        Value::Number(n) if (20000.0..80000.0).contains(n) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_signed(chrono::Duration::days(*n as i64))
        }
        Value::Number(n) => parse_date_text(&format!("{}", *n as i64)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cells: &[(u32, u32, &str)]) -> Grid {
        let mut cells: Vec<(u32, u32, Value)> = cells
            .iter()
            .map(|(r, c, t)| (*r, *c, Value::Text(t.to_string())))
            .collect();
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        Grid {
            name: "报送表".into(),
            visible: true,
            cells,
        }
    }

    #[test]
    fn labels_take_the_value_to_the_right_or_below_and_inline() {
        let g = grid(&[
            (0, 0, "填报单位："),
            (0, 1, "北京市税务局"),
            (1, 0, " 文 号 "),
            (2, 0, "传达学习情况*"),
            (3, 0, "已召开党委会专题传达。"),
            (4, 0, "报送日期：2026年11月3日"),
            (5, 0, "填报人"),
            (5, 1, "联系电话"),
        ]);
        let got = read_labels(&[g], &[]);
        let text = |l: &str| got.iter().find(|(k, _)| k == l).map(|(_, v)| v.text());
        assert_eq!(text("填报单位").as_deref(), Some("北京市税务局"));
        assert_eq!(
            text("传达学习情况").as_deref(),
            Some("已召开党委会专题传达。")
        );
        assert_eq!(text("报送日期").as_deref(), Some("2026年11月3日"));
        assert_eq!(
            text("文号"),
            None,
            "an empty label stays empty: the label below is not its value"
        );
        assert_eq!(text("填报人"), None, "a neighbouring label is not a value");
    }

    #[test]
    fn text_dates_follow_the_exchange_rules() {
        for (s, expect) in [
            ("2026-11-30", Some("2026-11-30")),
            ("2026/11/30", Some("2026-11-30")),
            ("2026.11.30", Some("2026-11-30")),
            ("2026年11月30日", Some("2026-11-30")),
            ("２０２６年１１月３０日", Some("2026-11-30")),
            ("20261130", Some("2026-11-30")),
            ("11月30日", None),
            ("2026-02-30", None),
        ] {
            assert_eq!(
                parse_date_text(s).map(|d| d.to_string()).as_deref(),
                expect,
                "{s}"
            );
        }
    }
}
