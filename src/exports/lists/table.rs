//! The one list exporter: a table description (title, columns, rows) becomes
//! a print-ready workbook like the ledger export — the office's name in the
//! title row, a line saying what was chosen and how many rows, a frozen header
//! repeated on every printed page, A4 landscape fit to width, borders, rows as
//! tall as their wrapped text, and the audit chain's head in the footer.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Result;
use crate::items::Light;
use crate::sheets::write::{Book, Cell, Colours, Column, Fill, Layout, Table};

/// One value of a list row; its column decides how it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (never read as a formula or number).
    Text(String),
    /// A date cell.
    Date(NaiveDate),
    /// A date-time cell.
    DateTime(NaiveDateTime),
    /// A whole number.
    Int(i64),
    /// A number, or a rate (0.5 shows 50.0% in a rate column).
    Number(f64),
    /// Nothing.
    Blank,
}

impl Value {
    /// Text, from anything that turns into a string.
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
    /// A date, or blank.
    pub fn date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Blank, Value::Date)
    }
    fn cell(&self) -> Cell<'_> {
        match self {
            Value::Text(s) => Cell::Text(s),
            Value::Date(d) => Cell::Date(*d),
            Value::DateTime(t) => Cell::DateTime(*t),
            Value::Int(n) => Cell::Int(*n),
            Value::Number(n) => Cell::Number(*n),
            Value::Blank => Cell::Blank,
        }
    }
}

/// A list to export: one sheet.
#[derive(Debug, Clone)]
pub struct ListTable {
    /// The sheet's name (at most 31 characters).
    pub sheet: String,
    /// The title, after the office's name (e.g. `收文登记簿`).
    pub title: String,
    /// What was chosen (filters), shown under the title; may be empty.
    pub scope: String,
    /// The columns: header, width, kind (text, date, number, rate …), wrapping.
    pub columns: Vec<Column>,
    /// The rows, cells left to right.
    pub rows: Vec<Vec<Value>>,
    /// Lights: a column holding 红/黄/绿 and the columns coloured by it.
    pub lights: Option<Lights>,
}

/// Cells coloured by a row's light (红/黄/绿), like the ledger's 灯 and 完成时限.
#[derive(Debug, Clone)]
pub struct Lights {
    /// The column holding 红, 黄 or 绿 (0-based).
    pub key: u16,
    /// The columns coloured (0-based; usually the key and the deadline).
    pub columns: Vec<u16>,
}

impl ListTable {
    /// An empty list with these columns.
    pub fn new(sheet: &str, title: &str, columns: Vec<Column>) -> ListTable {
        ListTable {
            sheet: sheet.to_string(),
            title: title.to_string(),
            scope: String::new(),
            columns,
            rows: Vec::new(),
            lights: None,
        }
    }
}

/// The heading shared by the sheets of one export.
#[derive(Debug, Clone)]
pub struct Heading {
    /// The office's name (setting `office_name`), first in every title.
    pub office: String,
    /// The day of the export.
    pub today: NaiveDate,
    /// The audit chain's head, printed in every page's footer.
    pub anchor: String,
}

/// The workbook of `lists` (one sheet each), print-ready.
pub fn write_lists(lists: &[ListTable], heading: &Heading) -> Result<Book> {
    let mut book = Book::new();
    book.anchor(heading.anchor.clone());
    for list in lists {
        let mut t = list_sheet(&mut book, list, list.rows.len(), heading)?;
        for row in &list.rows {
            list_row(&mut t, row)?;
        }
        t.finish()?;
    }
    Ok(book)
}

/// Adds the sheet of `list` (its title, scope, columns and lights; not its
/// rows) for `rows` rows to `book`; write the rows with [`list_row`].
pub fn list_sheet<'b>(
    book: &'b mut Book,
    list: &ListTable,
    rows: usize,
    heading: &Heading,
) -> Result<Table<'b>> {
    let mut info = format!("统计日期：{}", crate::dates::ymd(heading.today));
    if !list.scope.is_empty() {
        info.push_str("　　");
        info.push_str(&list.scope);
    }
    info.push_str(&format!("　　共 {rows} 条"));
    let layout = Layout::new(format!("{}{}", heading.office, list.title))
        .info(vec![(0, info)])
        .columns(list.columns.clone());
    let rules = [Light::Red, Light::Yellow, Light::Green].map(|l| {
        (
            l.label(),
            match l {
                Light::Red => Fill::Red,
                Light::Yellow => Fill::Yellow,
                Light::Green => Fill::Green,
            },
        )
    });
    let colours = list.lights.as_ref().map(|l| Colours {
        columns: &l.columns,
        key: l.key,
        rules: &rules,
    });
    book.streamed_table(&list.sheet, &layout, rows as u32, colours.as_ref())
}

/// Writes one row of a [`list_sheet`].
pub fn list_row(t: &mut Table<'_>, row: &[Value]) -> Result<()> {
    let cells: Vec<Cell<'_>> = row.iter().map(Value::cell).collect();
    t.plain_row(&cells)?;
    Ok(())
}

/// A long list gathered whole for the page or the tables (the export streams
/// the same rows instead: [`streamed_book`]): `read` hands each row over.
pub(super) fn gathered(
    mut list: ListTable,
    read: impl FnOnce(&mut dyn FnMut(Vec<Value>) -> Result<()>) -> Result<()>,
) -> Result<ListTable> {
    read(&mut |row| {
        list.rows.push(row);
        Ok(())
    })?;
    Ok(list)
}

/// The workbook of one long list: `read` hands each row over as it reads
/// it (on this thread, with the database), and a second thread writes them
/// into the sheet meanwhile ([`crate::exports::overlap`]); `total` is the
/// number of rows `read` will give. Returns the workbook and the rows written.
pub(super) fn streamed_book(
    list: &ListTable,
    total: usize,
    heading: &Heading,
    read: impl FnOnce(&mut dyn FnMut(Vec<Value>) -> Result<()>) -> Result<()>,
) -> Result<(Book, usize)> {
    crate::exports::overlap::read_while_writing(read, |rows| {
        let mut book = Book::new();
        book.anchor(heading.anchor.clone());
        let mut t = list_sheet(&mut book, list, total, heading)?;
        let mut written = 0;
        for row in rows {
            list_row(&mut t, &row)?;
            written += 1;
        }
        t.finish()?;
        Ok((book, written))
    })
}
