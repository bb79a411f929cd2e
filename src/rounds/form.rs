//! Reading a returned report: the round identity wherever it is in the
//! visible sheets, and the §2.3 form (labels with the value to the right, or
//! below for long text; `label：value` in one cell also counts).

use calamine::Data;
use chrono::NaiveDate;

use super::create::tokens_in;
use super::FORM_LABELS;
use crate::sheets::value::{cell_date, cell_text, parse_date};
use crate::sheets::write::column_letters;
use crate::sheets::Workbook;

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
    /// A cell showing a formula's error (`#REF!`, `#N/A`): there is no
    /// value to take. `cell` says where, as the refusal names it.
    Error {
        /// The error as the cell shows it.
        code: String,
        /// 工作表“…”单元格 C5.
        cell: String,
    },
}

impl Value {
    /// The value as text (dates as `YYYY-MM-DD`, whole numbers without `.0`).
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Date(d) => d.to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Error { code, .. } => code.clone(),
        }
    }
}

/// One sheet's non-empty cells, 0-based (row, column).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet name.
    pub name: String,
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

/// The visible sheets of an opened workbook as grids of values.
pub fn grids_of(book: &Workbook) -> Vec<Grid> {
    book.sheets
        .iter()
        .map(|g| {
            let c0 = g.first_col();
            let mut cells = Vec::new();
            for (excel_row, row) in g.rows() {
                for (i, d) in row.iter().enumerate() {
                    let value = match d {
                        Data::Empty => continue,
                        Data::DateTime(dt) if dt.is_datetime() => match cell_date(d) {
                            Ok(Some(day)) => Value::Date(day),
                            _ => continue,
                        },
                        Data::DateTimeIso(_) => match cell_date(d) {
                            Ok(Some(day)) => Value::Date(day),
                            _ => Value::Text(cell_text(d)),
                        },
                        Data::Int(n) => Value::Number(*n as f64),
                        Data::Float(f) => Value::Number(*f),
                        Data::Error(e) => {
                            let col = c0 - 1 + i as u32;
                            Value::Error {
                                code: e.to_string(),
                                cell: format!(
                                    "工作表“{}”单元格 {}{excel_row}",
                                    g.name,
                                    column_letters(col as u16)
                                ),
                            }
                        }
                        _ => {
                            let t = cell_text(d);
                            if t.is_empty() {
                                continue;
                            }
                            Value::Text(t)
                        }
                    };
                    cells.push((excel_row - 1, c0 - 1 + i as u32, value));
                }
            }
            Grid {
                name: g.name.clone(),
                cells,
            }
        })
        .collect()
}

/// Every distinct round identity found in any cell of the visible sheets.
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

/// The labels (§2.3, plus `extra`) found in the sheets and their values:
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
    for g in grids {
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

/// A cell as a date: a date cell, a text date, or an Excel serial number.
pub fn value_date(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date(d) => Some(*d),
        Value::Text(t) => parse_date(t).ok(),
        Value::Number(n) if (20000.0..80000.0).contains(n) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_signed(chrono::Duration::days(*n as i64))
        }
        Value::Number(n) => parse_date(&format!("{}", *n as i64)).ok(),
        Value::Error { .. } => None,
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
}
