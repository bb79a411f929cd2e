//! 落实情况反馈表 templates (EXCHANGE §2.2): one per department or unit,
//! pre-filled with its open items, locked where pre-filled, a drop-down for
//! 完成状态, and a 填表说明 sheet. [`super::FeedbackImporter`] reads them back.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatBorder};

use super::feedback::{DATE_LABEL, FEEDBACK_FIELDS, PARTY_LABEL};
use crate::error::{Error, Result};
use crate::org::PartyIndex;
use crate::sheets::write::{excel_date, write_error, Book, Cell, Column, Fill, Layout, FONT};

/// The sheet that holds the table.
pub const SHEET: &str = "落实情况反馈表";
/// The words offered in the 完成状态 drop-down.
pub const STATUS_CHOICES: [&str; 3] = ["未启动", "推进中", "已办结"];

/// How to fill in the form, on its own sheet.
const GUIDE: [&str; 7] = [
    "1. 请在“落实情况反馈表”工作表中填写，不要增删、移动灰色的预填列（序号、事项编号、事项名称、完成时限）。",
    "2. 在第 2 行“填报日期：”右侧填写日期，如 2026-11-30；填报单位已预填，请勿修改。",
    "3. “办理进展”写明本期已完成的工作；“完成状态”请从下拉列表中选择：未启动、推进中、已办结。",
    "4. 选择“已办结”表示报送办结，督查督办办公室审核（销号）后事项才算办结，请同时附上办结依据。",
    "5. 有困难或需要协调的事项，请在“存在问题”中写明；“下步措施”写明下一步安排和时间。",
    "6. 本期没有进展的事项可以不填，留空的行不会导入。",
    "7. 填好后保存为 .xlsx（或 .xls）文件报送，请勿改为 PDF 或图片。",
];

/// One item row of a feedback sheet: the pre-filled part, and optionally
/// what the party filled in (to re-issue a returned sheet, and in tests).
#[derive(Debug, Clone, Default)]
pub struct TemplateRow {
    /// 事项编号, pre-filled.
    pub item_no: String,
    /// 事项名称, pre-filled.
    pub name: String,
    /// The effective 完成时限; None for a standing item.
    pub deadline: Option<NaiveDate>,
    /// 长期: a standing item (no deadline).
    pub standing: bool,
    /// 办理进展, 完成状态, 存在问题, 下步措施, 填报人, 联系电话 as filled in.
    pub filled: [String; 6],
}

/// The party's open items as empty sheet rows.
fn open_items(conn: &Connection, party_id: i64) -> Result<Vec<TemplateRow>> {
    Ok(crate::items::open_items_of(conn, party_id)?
        .into_iter()
        .map(|i| TemplateRow {
            item_no: i.item_no,
            name: i.name,
            deadline: i.deadline,
            standing: i.standing,
            filled: Default::default(),
        })
        .collect())
}

fn columns() -> Vec<Column> {
    let f = |i: usize| FEEDBACK_FIELDS[i].name;
    vec![
        Column::integer(f(0), 6.0),
        Column::text(f(1), 14.0),
        Column::text(f(2), 30.0).wrap(),
        Column::date(f(3)),
        Column::text(f(4), 40.0).wrap().editable(),
        Column::text(f(5), 11.0).editable(),
        Column::text(f(6), 24.0).wrap().editable(),
        Column::text(f(7), 24.0).wrap().editable(),
        Column::text(f(8), 10.0).editable(),
        Column::text(f(9), 14.0).editable(),
    ]
}

/// The template workbook for one party (by name or alias) with its open items.
/// Returns the book and how many items it lists.
pub fn feedback_template(conn: &Connection, party: &str) -> Result<(Book, usize)> {
    let idx = PartyIndex::load(conn)?;
    let p = idx
        .resolve(party)
        .ok_or_else(|| Error::NotFound(format!("“{party}”不在组织机构中，请核对名称。")))?;
    let items = open_items(conn, p.id)?;
    let book = feedback_book(&p.name, None, &items)?;
    Ok((book, items.len()))
}

/// The §2.2 workbook for `party` listing `items` (pre-filled columns locked,
/// fill-in columns open, 完成状态 drop-down, 填表说明 sheet). `date` fills the
/// 填报日期 cell when given.
pub fn feedback_book(party: &str, date: Option<NaiveDate>, items: &[TemplateRow]) -> Result<Book> {
    let mut book = Book::new();
    let layout = Layout::new(format!("督办事项落实情况反馈表（{party}）"))
        .info(vec![
            (0, format!("{PARTY_LABEL}：{party}")),
            (6, format!("{DATE_LABEL}：")),
        ])
        .columns(columns());
    let mut t = book.table(SHEET, &layout)?;
    for (i, it) in items.iter().enumerate() {
        let deadline = match (it.standing, it.deadline) {
            (true, _) => Cell::Text("长期"),
            (false, Some(d)) => Cell::Date(d),
            (false, None) => Cell::Blank,
        };
        let mut cells = vec![
            Cell::Int(i as i64 + 1),
            Cell::Text(&it.item_no),
            Cell::Text(&it.name),
            deadline,
        ];
        cells.extend(it.filled.iter().map(|s| Cell::Text(s)));
        let r = t.row(&cells, Fill::None)?;
        t.set_row_height(r, 45.0)?;
    }
    let first = t.header_row() + 1;
    let last = first + (items.len() as u32).max(1) + 20;
    t.dropdown(5, first, last, &STATUS_CHOICES)?;
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

/// Writes one party's template to `path`; returns the number of items listed.
pub fn write_feedback_template(conn: &Connection, party: &str, path: &Path) -> Result<usize> {
    let (book, n) = feedback_template(conn, party)?;
    book.save(path)?;
    Ok(n)
}

/// A file name for a party's template: `落实情况反馈表-<name>.xlsx`, with
/// characters file systems refuse replaced.
pub fn template_file_name(party: &str) -> String {
    let safe: String = party
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("落实情况反馈表-{safe}.xlsx")
}

/// Writes one template per party that has open items into `dir` (created
/// when missing). Returns the files written with their item counts.
pub fn write_all_feedback_templates(
    conn: &Connection,
    dir: &Path,
) -> Result<Vec<(PathBuf, usize)>> {
    std::fs::create_dir_all(dir)?;
    let idx = PartyIndex::load(conn)?;
    let mut out = Vec::new();
    for p in idx.parties() {
        if open_items(conn, p.id)?.is_empty() {
            continue;
        }
        let path = dir.join(template_file_name(&p.name));
        let n = write_feedback_template(conn, &p.name, &path)?;
        out.push((path, n));
    }
    Ok(out)
}
