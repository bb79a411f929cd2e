//! What a party's report form has beside its table (落实情况反馈表 §2.2,
//! 整改情况反馈表 §2.7, 舆情情况登记表 §2.6): the 填报单位 and 填报日期 above the
//! header, and the rule that each item is reported on one row.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{ParseContext, Parsed, PartyRef, Planned};
use crate::error::{Error, Result};
use crate::org::normalize_name;
use crate::sheets::value::{cell_text, parse_date};
use crate::sheets::{Row, RowIssue, Table};

/// The label above the header naming the reporting party.
pub const PARTY_LABEL: &str = "填报单位";
/// The label above the header giving the report date.
pub const DATE_LABEL: &str = "填报日期";

/// The text after `label` in the rows above the header: in the same cell
/// after `：`/`:` (also a 填报日期 written after the 填报单位 in one cell), or
/// in the next non-empty cell to the right.
fn labelled(tables: &[Table<'_>], label: &str) -> Option<String> {
    for t in tables {
        for (_, cells) in t.above() {
            for (i, c) in cells.iter().enumerate() {
                let text = normalize_name(&cell_text(c));
                let at = match text.find(label) {
                    Some(0) => 0,
                    Some(at) if text.starts_with(PARTY_LABEL) => at,
                    _ => continue,
                };
                let rest = &text[at + label.len()..];
                let rest = rest.trim_start_matches([':', '：']);
                if !rest.is_empty() {
                    // "填报单位：办公厅 填报日期：…" in one cell: cut at the next label.
                    let end = rest.find(DATE_LABEL).unwrap_or(rest.len());
                    return Some(rest[..end].trim_end_matches([' ', ',', '，']).to_string());
                }
                return cells[i + 1..]
                    .iter()
                    .map(cell_text)
                    .find(|s| !s.is_empty())
                    .filter(|s| !s.starts_with(DATE_LABEL) && !s.starts_with(PARTY_LABEL));
            }
        }
    }
    None
}

/// The reporting party: the sheet's `填报单位`, or the one chosen (`--party`).
pub(super) fn reporting_party(
    ctx: &ParseContext<'_>,
    tables: &[Table<'_>],
    warnings: &mut Vec<RowIssue>,
) -> Result<PartyRef> {
    let in_sheet = labelled(tables, PARTY_LABEL);
    let from_sheet = in_sheet.as_deref().and_then(|n| ctx.parties.resolve(n));
    let chosen = match ctx.options.party.as_deref() {
        Some(n) => Some(ctx.parties.resolve(n).ok_or_else(|| {
            Error::NotFound(format!("指定的填报单位“{n}”不在组织机构中，请核对名称。"))
        })?),
        None => None,
    };
    let sheet_issue = |reason: String| RowIssue {
        sheet: tables[0].grid.name.clone(),
        row: 0,
        column: PARTY_LABEL.to_string(),
        reason,
    };
    let party = match (from_sheet, chosen) {
        (Some(s), Some(c)) if s.id != c.id => {
            return Err(Error::Invalid(format!(
                "表内填报单位为“{}”，与指定的“{}”不一致。请核对文件，或去掉 --party。",
                s.name, c.name
            )))
        }
        (Some(s), _) => s,
        (None, Some(c)) => {
            if let Some(n) = &in_sheet {
                warnings.push(sheet_issue(format!("表内填报单位“{n}”不在组织机构中，按指定的“{}”导入", c.name)));
            }
            c
        }
        (None, None) => {
            return Err(Error::Invalid(match in_sheet {
                Some(n) => format!(
                    "表内填报单位“{n}”不在组织机构中。请核对名称，或选择填报单位（命令行：--party 名称）。"
                ),
                None => "表内没有填写填报单位。请选择填报单位（命令行：--party 名称）。".to_string(),
            }))
        }
    };
    Ok(PartyRef {
        id: party.id,
        name: party.name.clone(),
    })
}

/// The file's 填报日期, None (with a warning: the import's day is used) when
/// it is blank, missing or unreadable (a day after `today` is not taken: warned, and the
/// import's day used, as for one that cannot be read).
pub(super) fn report_date(
    tables: &[Table<'_>],
    today: NaiveDate,
    warnings: &mut Vec<RowIssue>,
) -> Option<NaiveDate> {
    let Some(text) = labelled(tables, DATE_LABEL) else {
        warnings.push(RowIssue {
            sheet: tables[0].grid.name.clone(),
            row: 0,
            column: DATE_LABEL.to_string(),
            reason: "表内没有填写填报日期；按导入当天记录".to_string(),
        });
        return None;
    };
    match parse_date(&text) {
        Ok(d) if d > today => {
            warnings.push(RowIssue {
                sheet: tables[0].grid.name.clone(),
                row: 0,
                column: DATE_LABEL.to_string(),
                reason: format!("填报日期“{text}”晚于今天；按导入当天记录"),
            });
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            warnings.push(RowIssue {
                sheet: tables[0].grid.name.clone(),
                row: 0,
                column: DATE_LABEL.to_string(),
                reason: format!("{}；按导入当天记录", e.reason(&text)),
            });
            None
        }
    }
}

/// The rows of a party's report, one per item: each filled row (`unfilled`
/// ones, as the template gave them, are skipped) read by `read`, and a second
/// row for an item already reported rejected, naming the first. `item` is what
/// a row reports on and the column its number is in; `key` gives a read row's
/// item id and its number as the clerk knows it.
pub(super) fn one_row_per_item<R>(
    tables: &[Table<'_>],
    out: &mut Parsed<R>,
    item: (&str, usize),
    unfilled: impl Fn(&Row<'_>) -> bool,
    mut read: impl FnMut(&Row<'_>, &mut Vec<RowIssue>) -> std::result::Result<R, RowIssue>,
    key: impl Fn(&R) -> (i64, &str),
) {
    let (what, column) = item;
    let mut seen: HashMap<i64, (String, u32)> = HashMap::new();
    for t in tables {
        let sheet = out.sheets.len();
        out.sheets.push(t.grid.name.clone());
        for row in t.rows() {
            if unfilled(&row) {
                continue;
            }
            let data = match read(&row, &mut out.warnings) {
                Ok(data) => data,
                Err(issue) => {
                    out.rejected.push(issue);
                    continue;
                }
            };
            let (id, no) = key(&data);
            if let Some((s, r)) = seen.get(&id) {
                let reason =
                    format!("{what}“{no}”在工作表“{s}”第 {r} 行已填报，同一事项只能填一行");
                out.rejected.push(row.issue(column, reason));
                continue;
            }
            seen.insert(id, (t.grid.name.clone(), row.excel_row));
            out.rows.push(Planned {
                sheet,
                row: row.excel_row,
                data,
            });
        }
    }
}
