//! 整改情况反馈表 templates (EXCHANGE §2.7): one per unit, pre-filled with
//! its open 整改事项, locked where pre-filled, a drop-down for 整改状态, and a
//! 填表说明 sheet. [`super::RectificationImporter`] reads them back.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatBorder};

use super::party_form::{DATE_LABEL, PARTY_LABEL};
use super::rectification::RECTIFICATION_FIELDS;
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::inspections::queries::{open_items_of, LightRule};
use crate::org::PartyIndex;
use crate::sheets::write::{excel_date, write_error, Book, Cell, Column, Fill, Layout, FONT};

/// The sheet that holds the table.
pub const SHEET: &str = "整改情况反馈表";
/// The words offered in the 整改状态 drop-down.
pub const STATUS_CHOICES: [&str; 3] = ["未整改", "整改中", "已整改"];

const GUIDE: [&str; 6] = [
    "1. 请在“整改情况反馈表”工作表中填写，不要增删、移动灰色的预填列（序号、整改编号、问题描述、整改时限）。",
    "2. 在第 2 行“填报日期：”右侧填写日期，如 2026-11-30；填报单位已预填，请勿修改。",
    "3. “原因分析”写明问题产生的原因；“整改措施”写明采取的措施；“整改进展”写明本期整改情况。",
    "4. “整改状态”请从下拉列表中选择：未整改、整改中、已整改。选择“已整改”请填写完成日期；督查督办办公室核查原因查清、整改到位、责任追究（三不放过）后才予销号。",
    "5. “责任追究情况”写明对相关责任人的处理（谈话、通报、处分等），或说明无需追究的理由。",
    "6. 填好后保存为 .xlsx（或 .xls）文件报送，请勿改为 PDF 或图片。",
];

/// One pre-filled row, with what the unit filled in (tests fill it).
#[derive(Debug, Clone, Default)]
pub struct RectTemplateRow {
    /// 整改编号.
    pub rect_no: String,
    /// 问题描述.
    pub problem: String,
    /// 整改时限.
    pub deadline: Option<NaiveDate>,
    /// 原因分析, 整改措施, 整改进展, 整改状态, 完成日期, 责任追究情况, 填报人, 联系电话.
    pub filled: [String; 8],
}

fn columns() -> Vec<Column> {
    let f = |i: usize| RECTIFICATION_FIELDS[i].name;
    vec![
        Column::integer(f(0), 6.0),
        Column::text(f(1), 13.0),
        Column::text(f(2), 32.0).wrap(),
        Column::date(f(3)),
        Column::text(f(4), 24.0).wrap().editable(),
        Column::text(f(5), 24.0).wrap().editable(),
        Column::text(f(6), 32.0).wrap().editable(),
        Column::text(f(7), 10.0).editable(),
        Column::text(f(8), 12.0).editable(),
        Column::text(f(9), 22.0).wrap().editable(),
        Column::text(f(10), 10.0).editable(),
        Column::text(f(11), 14.0).editable(),
    ]
}

/// The template for one unit (name or alias) with its open items on `today`.
/// Returns the book and how many items it lists.
pub fn rectification_template(
    conn: &Connection,
    party: &str,
    today: NaiveDate,
) -> Result<(Book, usize)> {
    let idx = PartyIndex::load(conn)?;
    let p = idx
        .resolve(party)
        .ok_or_else(|| Error::NotFound(format!("“{party}”不在组织机构中，请核对名称。")))?;
    let cal = Calendar::load(conn)?;
    let rule = LightRule {
        cal: &cal,
        today,
        yellow_days: crate::items::yellow_days(conn)?,
    };
    let rows: Vec<RectTemplateRow> = open_items_of(conn, &rule, p.id)?
        .into_iter()
        .map(|r| RectTemplateRow {
            rect_no: r.rect_no,
            problem: r.problem,
            deadline: Some(r.deadline),
            filled: Default::default(),
        })
        .collect();
    let book = rectification_book(&p.name, None, &rows)?;
    Ok((book, rows.len()))
}

/// The §2.7 workbook for `party` listing `rows`; `date` fills 填报日期 when given.
pub fn rectification_book(
    party: &str,
    date: Option<NaiveDate>,
    rows: &[RectTemplateRow],
) -> Result<Book> {
    let mut book = Book::new();
    let layout = Layout::new(format!("整改情况反馈表（{party}）"))
        .info(vec![
            (0, format!("{PARTY_LABEL}：{party}")),
            (6, format!("{DATE_LABEL}：")),
        ])
        .columns(columns());
    let mut t = book.table(SHEET, &layout)?;
    for (i, it) in rows.iter().enumerate() {
        let mut cells = vec![
            Cell::Int(i as i64 + 1),
            Cell::Text(&it.rect_no),
            Cell::Text(&it.problem),
            it.deadline.map(Cell::Date).unwrap_or(Cell::Blank),
        ];
        cells.extend(it.filled.iter().map(|s| Cell::Text(s)));
        let r = t.row(&cells, Fill::None)?;
        t.at_least_row_height(r, 45.0)?;
    }
    let first = t.header_row() + 1;
    let last = first + (rows.len() as u32).max(1) + 20;
    t.dropdown(7, first, last, &STATUS_CHOICES)?;
    let date_cell = Format::new()
        .set_font_name(FONT)
        .set_unlocked()
        .set_border_bottom(FormatBorder::Thin)
        .set_num_format("yyyy-mm-dd");
    let ws = t.worksheet();
    match date {
        Some(d) => ws.write_date_with_format(1, 7, &excel_date(d)?, &date_cell),
        None => ws.write_blank(1, 7, &date_cell),
    }
    .map_err(write_error)?;
    t.protect();
    book.notes("填表说明", "填表说明", &GUIDE)?;
    Ok(book)
}

/// Writes one unit's template to `path`; returns the number of items listed.
pub fn write_rectification_template(
    conn: &Connection,
    party: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<usize> {
    let (book, n) = rectification_template(conn, party, today)?;
    book.save(path)?;
    Ok(n)
}

/// A file name for a unit's template: `整改情况反馈表-<name>.xlsx`, with
/// characters file systems refuse replaced.
pub fn rectification_file_name(party: &str) -> String {
    let safe: String = party
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("整改情况反馈表-{safe}.xlsx")
}

/// Writes one template per chosen unit (names or aliases) into `dir`
/// (created when missing); with no unit chosen, one per party that has open
/// 整改事项. An unknown name writes nothing. Returns the files with their
/// item counts.
pub fn write_rectification_templates(
    conn: &Connection,
    parties: &[String],
    today: NaiveDate,
    dir: &Path,
) -> Result<Vec<(std::path::PathBuf, usize)>> {
    let idx = PartyIndex::load(conn)?;
    let names: Vec<String> = if parties.is_empty() {
        let cal = Calendar::load(conn)?;
        let rule = LightRule {
            cal: &cal,
            today,
            yellow_days: crate::items::yellow_days(conn)?,
        };
        let mut with_items = Vec::new();
        for p in idx.parties() {
            if !open_items_of(conn, &rule, p.id)?.is_empty() {
                with_items.push(p.name.clone());
            }
        }
        with_items
    } else {
        parties
            .iter()
            .map(|n| {
                idx.resolve(n)
                    .map(|p| p.name.clone())
                    .ok_or_else(|| Error::NotFound(format!("“{n}”不在组织机构中，请核对名称。")))
            })
            .collect::<Result<_>>()?
    };
    std::fs::create_dir_all(dir)?;
    let mut out = Vec::new();
    for name in names {
        let path = dir.join(rectification_file_name(&name));
        let n = write_rectification_template(conn, &name, today, &path)?;
        out.push((path, n));
    }
    Ok(out)
}
