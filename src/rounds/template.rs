//! Templates for a round: one file per target party, named by round and party,
//! carrying the round's identity in a visible line (`报送任务编号：BS0007-3FA92C`:
//! under the title of a policy form, on the 填表说明 sheet of a progress
//! sheet), so a returned file is matched to its round without asking, and a
//! clerk can read the number out or type it into a file that lost it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet};
use serde::Serialize;

use super::query::{round_detail, Round};
use super::{phase_fields, RoundKind};
use crate::error::{Error, Result};
use crate::imports::template::feedback_template;
use crate::sheets::write::{write_error, Book, Kind, Styles, FONT};

/// Name of the form's sheet in policy templates.
pub const FORM_SHEET: &str = "报送表";
/// The notes sheet of the feedback template, where a progress round's identity goes.
const GUIDE_SHEET: &str = "填表说明";

/// One generated template.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TemplateFile {
    /// The target party.
    pub party: String,
    /// Where the file was written.
    pub path: String,
}

/// Writes one template per target party of round `round_id` into `dir`
/// (created when missing). Existing files of the same name are replaced.
pub fn write_templates(
    conn: &Connection,
    round_id: i64,
    dir: &Path,
    today: NaiveDate,
) -> Result<Vec<TemplateFile>> {
    let detail = round_detail(conn, round_id, today)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::BadFile(format!(
            "无法创建文件夹“{}”：{}。请选择可写入的文件夹。",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let mut out = Vec::new();
    for t in &detail.targets {
        let book = match detail.round.kind {
            RoundKind::Policy => policy_form(&detail.round, &t.party)?,
            RoundKind::Progress => progress_sheet(conn, &detail.round, &t.party)?,
        };
        let path = dir.join(file_name(&detail.round, &t.party));
        book.save(&path)?;
        out.push(TemplateFile {
            party: t.party.clone(),
            path: path.display().to_string(),
        });
    }
    Ok(out)
}

/// `<round title>_<party>.xlsx`, without characters file systems refuse.
pub fn file_name(round: &Round, party: &str) -> PathBuf {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if "\\/:*?\"<>|\r\n\t".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect::<String>()
            .trim()
            .to_string()
    };
    let mut title = clean(&round.title);
    if title.chars().count() > 60 {
        title = title.chars().take(60).collect();
    }
    PathBuf::from(format!("{}_{}.xlsx", title, clean(party)))
}

/// The visible identity line under the title.
pub fn identity_line(round: &Round) -> String {
    format!(
        "报送任务编号：{}　　报送截止日期：{}　　（系统据此编号识别报送任务，请勿删除或修改本行）",
        round.token, round.due
    )
}

/// The §2.3 form for one unit.
fn policy_form(round: &Round, party: &str) -> Result<Book> {
    let mut book = Book::new();
    book.sheet(FORM_SHEET)?;
    let (ws, styles) = book.sheet_and_styles(FORM_SHEET)?;
    Form::new(ws, styles).write(round, party)?;
    Ok(book)
}

struct Form<'a> {
    ws: &'a mut Worksheet,
    label: Format,
    value: Format,
    fixed: Format,
    date: Format,
    title: Format,
    info: Format,
    row: u32,
}

impl<'a> Form<'a> {
    fn new(ws: &'a mut Worksheet, styles: &mut Styles) -> Form<'a> {
        let label = styles.header().clone().set_align(FormatAlign::Left);
        let value = styles
            .cell(Kind::Text, true, true, Default::default())
            .clone()
            .set_align(FormatAlign::Top);
        let date = styles
            .cell(Kind::Date, false, true, Default::default())
            .clone();
        let fixed = Format::new()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Form {
            ws,
            label,
            value,
            fixed,
            date,
            title: styles.title().clone(),
            info: styles.note().clone().set_font_size(9),
            row: 0,
        }
    }

    fn write(mut self, round: &Round, party: &str) -> Result<()> {
        let ws = &mut *self.ws;
        for (c, w) in [(0u16, 16.0), (1, 34.0), (2, 14.0), (3, 34.0)] {
            ws.set_column_width(c, w).map_err(write_error)?;
        }
        ws.merge_range(0, 0, 0, 3, "政策措施落实情况报送表", &self.title)
            .map_err(write_error)?;
        ws.set_row_height(0, 32).map_err(write_error)?;
        ws.merge_range(1, 0, 1, 3, &identity_line(round), &self.info)
            .map_err(write_error)?;
        ws.set_row_height(1, 28).map_err(write_error)?;
        self.row = 2;
        self.short("填报单位", party, true)?;
        self.short("政策措施名称", &round.policy_name, true)?;
        self.short("文号", &round.policy_doc_no, true)?;
        for label in phase_fields(&round.phase) {
            self.long(label)?;
        }
        self.pair("填报人", "联系电话")?;
        self.report_date()?;
        let note = format!(
            "填表说明：请在“{}”前将本表报送督办室。各栏在标题右侧（长文字在标题下方）填写；“报送日期”请填写实际报送日期（如 2026-11-30），未填写的以导入之日为报送日期。请勿修改表格结构和“报送任务编号”一行。{}",
            round.due,
            if round.notes.is_empty() { String::new() } else { format!("报送要求：{}", round.notes) }
        );
        let r = self.row + 1;
        self.ws
            .merge_range(r, 0, r, 3, &note, &self.info)
            .map_err(write_error)?;
        self.ws.set_row_height(r, 42).map_err(write_error)?;
        self.ws.set_print_fit_to_pages(1, 0);
        Ok(())
    }

    /// `label | value (B:D)`; a pre-filled value is written as plain text.
    fn short(&mut self, label: &str, value: &str, prefilled: bool) -> Result<()> {
        let r = self.row;
        self.ws
            .write_string_with_format(r, 0, label, &self.label)
            .map_err(write_error)?;
        let f = if prefilled && !value.is_empty() {
            &self.fixed
        } else {
            &self.value
        };
        self.ws
            .merge_range(r, 1, r, 3, value, f)
            .map_err(write_error)?;
        self.ws.set_row_height(r, 24).map_err(write_error)?;
        self.row += 1;
        Ok(())
    }

    /// `label` across the row, the answer in a tall merged cell below it.
    fn long(&mut self, label: &str) -> Result<()> {
        let r = self.row;
        self.ws
            .merge_range(r, 0, r, 3, label, &self.label)
            .map_err(write_error)?;
        self.ws.set_row_height(r, 22).map_err(write_error)?;
        self.ws
            .merge_range(r + 1, 0, r + 1, 3, "", &self.value)
            .map_err(write_error)?;
        self.ws.set_row_height(r + 1, 96).map_err(write_error)?;
        self.row += 2;
        Ok(())
    }

    fn pair(&mut self, a: &str, b: &str) -> Result<()> {
        let r = self.row;
        self.ws
            .write_string_with_format(r, 0, a, &self.label)
            .map_err(write_error)?;
        self.ws
            .write_blank(r, 1, &self.value)
            .map_err(write_error)?;
        self.ws
            .write_string_with_format(r, 2, b, &self.label)
            .map_err(write_error)?;
        self.ws
            .write_blank(r, 3, &self.value)
            .map_err(write_error)?;
        self.ws.set_row_height(r, 24).map_err(write_error)?;
        self.row += 1;
        Ok(())
    }

    fn report_date(&mut self) -> Result<()> {
        let r = self.row;
        self.ws
            .write_string_with_format(r, 0, "报送日期", &self.label)
            .map_err(write_error)?;
        self.ws
            .merge_range(r, 1, r, 3, "", &self.date)
            .map_err(write_error)?;
        self.ws.set_row_height(r, 24).map_err(write_error)?;
        self.row += 1;
        Ok(())
    }
}

/// A progress round's template: the §2.2 feedback sheet of the party's open
/// items (the imports room's template), with the round's identity on its
/// 填表说明 sheet (the rows above the feedback table are read as 填报单位 /
/// 填报日期 and must stay as they are).
fn progress_sheet(conn: &Connection, round: &Round, party: &str) -> Result<Book> {
    let (mut book, _) = feedback_template(conn, party)?;
    let (ws, styles) = book.sheet_and_styles(GUIDE_SHEET)?;
    let f = styles.note().clone().set_bold();
    ws.write_string_with_format(1, 0, identity_line(round), &f)
        .map_err(write_error)?;
    Ok(book)
}
