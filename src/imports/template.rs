//! 落实情况反馈表 templates (EXCHANGE §2.2): one per department or unit,
//! pre-filled with its open items, locked where pre-filled, a drop-down for
//! 完成状态, and a 填表说明 sheet. [`super::FeedbackImporter`] reads them back.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatBorder};

use super::feedback::FEEDBACK_FIELDS;
use super::party_form::{DATE_LABEL, PARTY_LABEL};
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
        t.at_least_row_height(r, 45.0)?;
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

/// The sheet of a 舆情情况登记表 (EXCHANGE §2.6).
pub const OPINION_SHEET: &str = "舆情情况登记表";
/// Blank numbered rows in a 舆情情况登记表 template.
const OPINION_ROWS: u32 = 30;

/// How to fill in the 舆情情况登记表, on its own sheet.
const OPINION_GUIDE: [&str; 7] = [
    "1. 每条舆情填一行；本月没有舆情也请报送本表（不填任何行）。填报单位已预填，请勿修改。",
    "2. 发生时间、发现时间、报告时间请写到分钟，如 2026-11-03 14:20；只写日期时，发生、发现按当天 00:00 计，报告按当天 23:59 计。",
    "3. 报告时间是向上级报告的时间，不得早于发现时间；未报告的请留空（负面舆情将按漏报统计）。",
    "4. 等级请从下拉列表中选择：一般、较大、重大、特别重大；是否负面选择是或否；处置状态选择处置中或已处置。",
    "5. 负面舆情须在发现后按时限报告：特别重大 1 小时、重大 2 小时、较大 12 小时、一般 24 小时（以督查督办室公布的时限为准）。",
    "6. 同一舆情（舆情标题和发生时间相同）再次报送时，按最新填报的内容更新，不会重复登记。",
    "7. 填好后保存为 .xlsx（或 .xls）文件报送，请勿改为 PDF 或图片。",
];

/// The 舆情情况登记表 template for one unit (by name or alias): `填报单位`
/// pre-filled, numbered blank rows, drop-downs for 等级, 是否负面 and
/// 处置状态, and a 填表说明 sheet. [`super::OpinionImporter`] reads it back.
pub fn opinion_template(conn: &Connection, party: &str) -> Result<Book> {
    let idx = PartyIndex::load(conn)?;
    let p = idx
        .resolve(party)
        .ok_or_else(|| Error::NotFound(format!("“{party}”不在组织机构中，请核对名称。")))?;
    if p.kind != crate::org::PartyKind::Unit {
        return Err(Error::Invalid(format!(
            "“{}”是内设机构，舆情情况登记表只适用于下级单位。",
            p.name
        )));
    }
    let f = |i: usize| super::OPINION_FIELDS[i].name;
    let columns = vec![
        Column::integer(f(0), 6.0),
        Column::text(f(1), 30.0).wrap(),
        Column::datetime(f(2)),
        Column::datetime(f(3)),
        Column::datetime(f(4)),
        Column::text(f(5), 12.0),
        Column::text(f(6), 10.0),
        Column::text(f(7), 9.0),
        Column::text(f(8), 30.0).wrap(),
        Column::text(f(9), 10.0),
        Column::text(f(10), 16.0).wrap(),
    ];
    let mut book = Book::new();
    let layout = Layout::new(format!("舆情情况登记表（{}）", p.name))
        .info(vec![
            (0, format!("{PARTY_LABEL}：{}", p.name)),
            (8, format!("{DATE_LABEL}：")),
        ])
        .columns(columns);
    let mut t = book.table(OPINION_SHEET, &layout)?;
    for n in 1..=OPINION_ROWS {
        t.row(&[Cell::Int(i64::from(n))], Fill::None)?;
    }
    let first = t.header_row() + 1;
    let last = first + OPINION_ROWS + 20;
    t.dropdown(6, first, last, &["一般", "较大", "重大", "特别重大"])?;
    t.dropdown(7, first, last, &["是", "否"])?;
    t.dropdown(9, first, last, &["处置中", "已处置"])?;
    book.notes("填表说明", "填表说明", &OPINION_GUIDE)?;
    Ok(book)
}

/// Writes one unit's 舆情情况登记表 template to `path`.
pub fn write_opinion_template(conn: &Connection, party: &str, path: &Path) -> Result<()> {
    opinion_template(conn, party)?.save(path)
}
