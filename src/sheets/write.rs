//! Writing print-ready workbooks (over `rust_xlsxwriter`).
//!
//! Every sheet the office hands to leaders or partners is built the same way:
//! A4 landscape, a merged title row, optional information rows, one header row
//! repeated on every printed page, sensible column widths, page numbers in the
//! footer and a font that shows Chinese. Cells keep their types: text is
//! written as text (never parsed as a formula, even when it starts with `=`),
//! dates as date cells, numbers as numbers, rates as numbers formatted `0.0%`.
//!
//! ```no_run
//! use duban::sheets::write::{Book, Cell, Column, Fill, Layout};
//! # fn main() -> duban::Result<()> {
//! let mut book = Book::new();
//! let layout = Layout::new("2026年11月督办事项台账")
//!     .info(vec![(0, "统计日期：2026-11-30".to_string())])
//!     .columns(vec![
//!         Column::text("事项编号", 14.0),
//!         Column::text("事项名称", 30.0).wrap(),
//!         Column::date("完成时限"),
//!         Column::percent("按期办结率"),
//!     ]);
//! let mut table = book.table("台账", &layout)?;
//! table.row(
//!     &[
//!         Cell::Text("DB2026-0001"),
//!         Cell::Text("=不是公式"),
//!         Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
//!         Cell::Number(0.5625),
//!     ],
//!     Fill::Red,
//! )?;
//! book.save(std::path::Path::new("out.xlsx"))?;
//! # Ok(()) }
//! ```
//!
//! For free-form sheets (forms, summaries) use [`Book::sheet`] to get the raw
//! `rust_xlsxwriter::Worksheet` already set up for printing, and the shared
//! [`Styles`] through [`Book::style`].

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{
    ConditionalFormatFormula, DataValidation, Format, FormatBorder, ProtectionOptions, Workbook,
    Worksheet,
};

use super::splice::SplicedSheet;
use super::stream::StreamedRows;
use crate::error::{Error, Result};
pub use crate::sheets::styles::Styles;

/// The font every cell uses: present on every Chinese Windows, mapped by
/// LibreOffice and WPS.
pub const FONT: &str = "宋体";
/// The font of title rows.
pub const TITLE_FONT: &str = "黑体";
/// Excel's paper code for A4.
const PAPER_A4: u8 = 9;
/// The date format of date cells.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";
/// The format of date-time cells.
pub const DATETIME_FORMAT: &str = "yyyy-mm-dd hh:mm";

pub use super::columns::{Cell, Colours, Column, Fill, Kind, Layout};

/// A workbook being built.
pub struct Book {
    wb: Workbook,
    styles: Styles,
    /// Printed at the left of every page's footer (the audit chain's head).
    anchor: Option<String>,
    /// The rows of the streamed tables ([`Book::streamed_table`]).
    streams: Vec<StreamedRows>,
}

impl Default for Book {
    fn default() -> Self {
        Book::new()
    }
}

pub(crate) use super::excel::column_letters;
pub use super::excel::{excel_date, excel_datetime, write_error};

/// Sets up a worksheet for printing: A4 landscape, fit to one page wide,
/// page numbers `第 N 页，共 M 页` in the footer, centred horizontally.
pub fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
}

impl Book {
    /// An empty workbook.
    pub fn new() -> Book {
        let mut wb = Workbook::new();
        // Deflate level 1: at 100,000 rows the default level 6 spends more
        // time compressing than everything else; the file is a little larger.
        wb.set_zip_compression_level(1);
        Book {
            wb,
            styles: Styles::new(),
            anchor: None,
            streams: Vec::new(),
        }
    }

    /// Prints `text` at the left of every page's footer of every sheet
    /// (exports print the audit chain's head there: a printed sheet then
    /// anchors history, see `duban verify --head`).
    pub fn anchor(&mut self, text: impl Into<String>) {
        self.anchor = Some(text.into().replace('&', "&&"));
    }

    /// Adds a free-form worksheet named `name`, set up for printing.
    pub fn sheet(&mut self, name: &str) -> Result<&mut Worksheet> {
        let ws = self.wb.add_worksheet();
        ws.set_name(name).map_err(write_error)?;
        print_setup(ws);
        Ok(ws)
    }

    /// The worksheet and the shared styles at once (for free-form sheets made
    /// with [`Book::sheet`]; look the sheet up by name).
    pub fn sheet_and_styles(&mut self, name: &str) -> Result<(&mut Worksheet, &mut Styles)> {
        let ws = self.wb.worksheet_from_name(name).map_err(write_error)?;
        Ok((ws, &mut self.styles))
    }

    /// The shared styles.
    pub fn style(&mut self) -> &mut Styles {
        &mut self.styles
    }

    /// Adds a table sheet: writes the merged title, the information rows and
    /// the header row (repeated on every printed page, frozen on screen) and
    /// sets the column widths. Write rows through the returned [`Table`].
    pub fn table(&mut self, name: &str, layout: &Layout) -> Result<Table<'_>> {
        let ws = self.wb.add_worksheet();
        Self::set_up_table(ws, &mut self.styles, name, layout)
    }

    /// Like [`Book::table`] for a large sheet of `rows` data rows written
    /// strictly top to bottom with [`Table::plain_row`] (a 100,000-row ledger):
    /// - the rows never enter rust_xlsxwriter: each becomes sheet XML at once
    ///   and is compressed on a second thread while the next ones are made
    ///   ([`super::stream`]); saving puts them into the sheet
    ///   ([`super::splice`]). Text is stored in the cell, not in the
    ///   shared-string table;
    /// - data cells carry their column's format only: font, alignment,
    ///   wrapping and number format; conditional formats over the data rows
    ///   draw the borders and the `colours` (a cell format looked up per cell
    ///   was half the time of writing the sheet).
    ///
    /// Memory holds the compressed rows; a row, once left, cannot be changed.
    pub fn streamed_table(
        &mut self,
        name: &str,
        layout: &Layout,
        rows: u32,
        colours: Option<&Colours<'_>>,
    ) -> Result<Table<'_>> {
        let ws = self.wb.add_worksheet();
        let t = Self::set_up_table(ws, &mut self.styles, name, layout)?;
        let ncols = layout.columns.len() as u16;
        for (c, col) in layout.columns.iter().enumerate() {
            t.ws.set_column_format(c as u16, &Styles::column(col.kind, col.wrap))
                .map_err(write_error)?;
        }
        if rows > 0 && ncols > 0 {
            add_row_rules(t.ws, t.next, t.next + rows - 1, ncols, colours)?;
        }
        let first = t.next;
        // The global numbers of the column formats, as cells must name them:
        // rust_xlsxwriter gives them out on saving and keeps them for every
        // later save (checked again when the rows are put in).
        let number = self.wb.worksheets().len();
        let probe = self.wb.save_to_buffer().map_err(write_error)?;
        let styles = super::splice::column_styles(
            &super::splice::sheet_xml(&probe, number)?,
            layout.columns.len(),
        );
        self.streams.push(StreamedRows::new(number, styles, first));
        let ws = self
            .wb
            .worksheet_from_index(number - 1)
            .map_err(write_error)?;
        Ok(Table {
            ws,
            styles: &mut self.styles,
            columns: layout.columns.clone(),
            wraps: layout.columns.iter().any(|c| c.wrap),
            fitted: 0.0,
            header_row: layout.header_row(),
            next: first,
            stream: self.streams.last_mut(),
        })
    }

    fn set_up_table<'a>(
        ws: &'a mut Worksheet,
        styles: &'a mut Styles,
        name: &str,
        layout: &Layout,
    ) -> Result<Table<'a>> {
        ws.set_name(name).map_err(write_error)?;
        print_setup(ws);
        let ncols = layout.columns.len().max(1) as u16;
        if ncols > 1 {
            ws.merge_range(0, 0, 0, ncols - 1, &layout.title, styles.title())
                .map_err(write_error)?;
        } else {
            ws.write_string_with_format(0, 0, &layout.title, styles.title())
                .map_err(write_error)?;
        }
        let table_width: f64 = layout.columns.iter().map(|c| c.width).sum();
        // A title built from what people typed (a long 督查 name) wraps
        // inside the page instead of running past both edges.
        ws.set_row_height(0, title_height(&layout.title, table_width))
            .map_err(write_error)?;
        for (i, info) in layout.info.iter().enumerate() {
            let r = 1 + i as u32;
            // One text from the first column: merged across the table and
            // wrapped, so a long paragraph prints inside the page.
            if let [(0, text)] = info.as_slice() {
                if ncols > 1 {
                    ws.merge_range(r, 0, r, ncols - 1, text, styles.info_wide())
                        .map_err(write_error)?;
                    let h = super::height::row_height(
                        [(text.as_str(), table_width)],
                        super::height::DATA_FONT_PT,
                    );
                    ws.set_row_height(r, h).map_err(write_error)?;
                    continue;
                }
            }
            for (col, text) in info {
                ws.write_string_with_format(1 + i as u32, *col, text, styles.info())
                    .map_err(write_error)?;
            }
        }
        let header_row = layout.header_row();
        for (c, col) in layout.columns.iter().enumerate() {
            ws.write_string_with_format(header_row, c as u16, &col.header, styles.header())
                .map_err(write_error)?;
            ws.set_column_width(c as u16, col.width)
                .map_err(write_error)?;
        }
        // Headers wrap too: at least 28pt, more for a long header in a narrow column.
        let header_height = super::height::row_height(
            layout.columns.iter().map(|c| (c.header.as_str(), c.width)),
            super::height::DATA_FONT_PT,
        );
        ws.set_row_height(header_row, header_height.max(28.0))
            .map_err(write_error)?;
        ws.set_repeat_rows(header_row, header_row)
            .map_err(write_error)?;
        ws.set_freeze_panes(header_row + 1, 0)
            .map_err(write_error)?;
        Ok(Table {
            ws,
            styles,
            columns: layout.columns.clone(),
            wraps: layout.columns.iter().any(|c| c.wrap),
            fitted: 0.0,
            header_row,
            next: header_row + 1,
            stream: None,
        })
    }

    /// Adds a notes sheet (e.g. 填表说明): a title and one wrapped paragraph per row.
    pub fn notes(&mut self, name: &str, title: &str, lines: &[&str]) -> Result<()> {
        let ws = self.wb.add_worksheet();
        ws.set_name(name).map_err(write_error)?;
        print_setup(ws);
        ws.set_column_width(0, 100).map_err(write_error)?;
        ws.write_string_with_format(0, 0, title, self.styles.title())
            .map_err(write_error)?;
        ws.set_row_height(0, title_height(title, 100.0))
            .map_err(write_error)?;
        for (i, line) in lines.iter().enumerate() {
            ws.write_string_with_format(2 + i as u32, 0, *line, self.styles.note())
                .map_err(write_error)?;
        }
        Ok(())
    }

    /// The workbook as `.xlsx` bytes.
    pub fn to_bytes(self) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes)?;
        Ok(bytes)
    }

    /// Writes the workbook as `.xlsx` to `out` (a failed write is [`Error::Io`]).
    fn write_to(mut self, out: &mut dyn Write) -> Result<()> {
        if let Some(anchor) = &self.anchor {
            for ws in self.wb.worksheets_mut() {
                ws.set_footer(format!("&L&8{anchor}&C第 &P 页，共 &N 页"));
            }
        }
        let bytes = self.wb.save_to_buffer().map_err(write_error)?;
        if self.streams.is_empty() {
            out.write_all(&bytes)?;
            return Ok(());
        }
        let sheets = self
            .streams
            .into_iter()
            .map(|s| {
                let (number, styles, last_row) = (s.number, s.styles.clone(), s.next);
                Ok(SplicedSheet {
                    number,
                    last_col: styles.len() as u16,
                    styles,
                    last_row,
                    rows: s.finish()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        super::splice::splice(&bytes, sheets, out)
    }

    /// Saves the workbook to `path`, part by part as it is made
    /// ([`crate::saved_file::write_with`]: beside it first, then renamed).
    pub fn save(self, path: &Path) -> Result<()> {
        crate::saved_file::write_with(path, |out| self.write_to(out))
    }
}

/// A table sheet being filled row by row.
pub struct Table<'a> {
    ws: &'a mut Worksheet,
    styles: &'a mut Styles,
    columns: Vec<Column>,
    /// Some column wraps: every data row gets an explicit height.
    wraps: bool,
    /// The height the last row's text needed (points).
    fitted: f64,
    header_row: u32,
    next: u32,
    /// The rows of a [`Book::streamed_table`].
    stream: Option<&'a mut StreamedRows>,
}

impl Table<'_> {
    /// Ends a table; nothing is left to write (kept so that callers need not
    /// know whether a table is streamed).
    pub fn finish(self) -> Result<()> {
        Ok(())
    }

    /// Writes one data row (cells left to right; missing cells are written
    /// blank) with an optional background, and returns its 0-based row.
    pub fn row(&mut self, cells: &[Cell<'_>], fill: Fill) -> Result<u32> {
        self.row_with(cells, |_| fill)
    }

    /// Like [`Table::row`], with the background chosen per column (e.g. only
    /// the light column coloured).
    pub fn row_with(&mut self, cells: &[Cell<'_>], fill: impl Fn(usize) -> Fill) -> Result<u32> {
        // A streamed table's rows carry their column's format only, and go
        // into the sheet after everything rust_xlsxwriter holds.
        if self.stream.is_some() {
            return Err(Error::Invalid(
                "程序内部错误：大表格只能逐行写入值（plain_row），不能逐格设置格式。".into(),
            ));
        }
        let r = self.next;
        self.fit_height(r, cells)?;
        for (c, col) in self.columns.iter().enumerate() {
            let cell = cells.get(c).copied().unwrap_or(Cell::Blank);
            let fmt = self.styles.cell(col.kind, col.wrap, col.editable, fill(c));
            let c = c as u16;
            match cell {
                Cell::Text("") | Cell::Blank => self.ws.write_blank(r, c, fmt),
                Cell::Text(s) => self.ws.write_string_with_format(r, c, fit(s).as_ref(), fmt),
                Cell::Date(d) => self.ws.write_date_with_format(r, c, &excel_date(d)?, fmt),
                Cell::DateTime(t) => {
                    self.ws
                        .write_datetime_with_format(r, c, &excel_datetime(t)?, fmt)
                }
                Cell::Number(n) => self.ws.write_number_with_format(r, c, n, fmt),
                Cell::Int(n) => self.ws.write_number_with_format(r, c, n as f64, fmt),
            }
            .map_err(write_error)?;
        }
        self.next += 1;
        Ok(r)
    }

    /// Writes one data row of a [`Book::streamed_table`]: the values only
    /// (the column formats apply; blank cells are not written), and returns
    /// its 0-based row.
    pub fn plain_row(&mut self, cells: &[Cell<'_>]) -> Result<u32> {
        let r = self.next;
        if let Some(stream) = self.stream.as_deref_mut() {
            let height = self.wraps.then(|| wrapped_height(&self.columns, cells));
            stream.row(r, cells, height)?;
            self.next += 1;
            return Ok(r);
        }
        self.fit_height(r, cells)?;
        for (c, cell) in cells.iter().enumerate().take(self.columns.len()) {
            let c = c as u16;
            match *cell {
                Cell::Text("") | Cell::Blank => continue,
                Cell::Text(s) => self.ws.write_string(r, c, fit(s).as_ref()),
                Cell::Date(d) => self.ws.write_datetime(r, c, excel_date(d)?),
                Cell::DateTime(t) => self.ws.write_datetime(r, c, excel_datetime(t)?),
                Cell::Number(n) => self.ws.write_number(r, c, n),
                Cell::Int(n) => self.ws.write_number(r, c, n as f64),
            }
            .map_err(write_error)?;
        }
        self.next += 1;
        Ok(r)
    }

    /// Gives row `r` the height of its wrapped text ([`super::height`]) when
    /// the table has a wrapped column: LibreOffice does not grow rows itself.
    fn fit_height(&mut self, r: u32, cells: &[Cell<'_>]) -> Result<()> {
        if !self.wraps {
            return Ok(());
        }
        let h = wrapped_height(&self.columns, cells);
        self.fitted = h;
        self.ws.set_row_height(r, h).map_err(write_error)?;
        Ok(())
    }

    /// Makes the row just written at least `points` tall (room to write by
    /// hand in a form), never less than its text needs.
    pub fn at_least_row_height(&mut self, r: u32, points: f64) -> Result<()> {
        self.set_row_height(r, points.max(self.fitted))
    }

    /// Adds a drop-down list to column `col` for the rows `first..=last`
    /// (0-based worksheet rows); other values are refused by Excel/WPS.
    pub fn dropdown(&mut self, col: u16, first: u32, last: u32, choices: &[&str]) -> Result<()> {
        let dv = DataValidation::new()
            .allow_list_strings(choices)
            .map_err(write_error)?
            .set_error_title("填写有误")
            .map_err(write_error)?
            .set_error_message(format!("请从下拉列表中选择：{}", choices.join("、")))
            .map_err(write_error)?;
        self.ws
            .add_data_validation(first, col, last.max(first), col, &dv)
            .map_err(write_error)?;
        Ok(())
    }

    /// Protects the sheet without a password: non-editable columns are locked,
    /// editable ones stay open; resizing rows and columns remains allowed.
    pub fn protect(&mut self) {
        let options = ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        };
        self.ws.protect_with_options(&options);
    }

    /// Sets a row's height (e.g. for long wrapped text).
    pub fn set_row_height(&mut self, row: u32, height: f64) -> Result<()> {
        self.ws.set_row_height(row, height).map_err(write_error)?;
        Ok(())
    }

    /// The 0-based row of the header.
    pub fn header_row(&self) -> u32 {
        self.header_row
    }

    /// The 0-based row the next [`Table::row`] writes.
    pub fn next_row(&self) -> u32 {
        self.next
    }

    /// The underlying worksheet, for anything this API does not cover.
    pub fn worksheet(&mut self) -> &mut Worksheet {
        self.ws
    }
}

/// What marks a text cut to fit a cell.
pub const CUT_MARK: &str = "……（内容过长，已截断）";

/// A text that fits Excel's cell limit of 32,767 characters: cut, with
/// [`CUT_MARK`] at its end, when longer. The importers refuse longer cells, so
/// this only guards an export against a database that holds one anyway (an
/// old import, a hand edit): the export still succeeds.
pub(crate) fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = crate::sheets::read::MAX_CELL_CHARS;
    if s.len() <= MAX || s.chars().count() <= MAX {
        return std::borrow::Cow::Borrowed(s);
    }
    let keep = MAX - CUT_MARK.chars().count();
    let mut cut: String = s.chars().take(keep).collect();
    cut.push_str(CUT_MARK);
    std::borrow::Cow::Owned(cut)
}

/// The conditional formats of a streamed table's data rows `first..=last`:
/// thin borders on every cell and the `colours` by a key column's text.
fn add_row_rules(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    ncols: u16,
    colours: Option<&Colours<'_>>,
) -> Result<()> {
    let border = || Format::new().set_border(FormatBorder::Thin);
    let boxed = ConditionalFormatFormula::new()
        .set_rule("=TRUE")
        .set_format(border());
    let coloured = |c: u16| colours.is_some_and(|k| k.columns.contains(&c));
    // Plain columns: one rule over each run of them. A coloured column gets
    // its own rules, each with the border too: LibreOffice applies one
    // conditional format per cell, the first whose range holds it.
    let mut c = 0;
    while c < ncols {
        if let Some(k) = colours.filter(|_| coloured(c)) {
            let key = format!("${}{}", column_letters(k.key), first + 1);
            for (text, fill) in k.rules {
                let Some(rgb) = fill.rgb() else { continue };
                let rule = ConditionalFormatFormula::new()
                    .set_rule(format!("={key}=\"{}\"", text.replace('"', "\"\"")).as_str())
                    .set_format(border().set_background_color(rgb));
                ws.add_conditional_format(first, c, last, c, &rule)
                    .map_err(write_error)?;
            }
            ws.add_conditional_format(first, c, last, c, &boxed)
                .map_err(write_error)?;
            c += 1;
        } else {
            let start = c;
            while c < ncols && !coloured(c) {
                c += 1;
            }
            ws.add_conditional_format(first, start, last, c - 1, &boxed)
                .map_err(write_error)?;
        }
    }
    Ok(())
}

/// The height of a row whose wrapped columns hold `cells`' text ([`super::height`]).
fn wrapped_height(columns: &[Column], cells: &[Cell<'_>]) -> f64 {
    let wrapped = columns
        .iter()
        .zip(cells)
        .filter(|(col, _)| col.wrap)
        .filter_map(|(col, cell)| match cell {
            Cell::Text(s) => Some((*s, col.width)),
            _ => None,
        });
    super::height::row_height(wrapped, super::height::DATA_FONT_PT)
}

/// The title row's height: 30 pt for one line of the 16 pt title, more when
/// it wraps over `width` Excel character units.
fn title_height(title: &str, width: f64) -> f64 {
    const TITLE_PT: f64 = 16.0;
    super::height::row_height([(title, width)], TITLE_PT).max(30.0)
}
