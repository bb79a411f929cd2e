//! The shapes of table sheets ([`super::write`]): what a column holds, its
//! width and wrapping, the cells, the layout of title, information rows and
//! columns, and the colours of streamed rows.

use chrono::{NaiveDate, NaiveDateTime};

/// What a column holds; decides the cell format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text, left-aligned.
    Text,
    /// A date cell shown `yyyy-mm-dd`.
    Date,
    /// A whole number.
    Integer,
    /// A decimal number (two places).
    Number,
    /// A rate: a number cell formatted `0.0%` (0.5625 shows as 56.3%).
    Percent,
    /// A moment: a date-time cell shown `yyyy-mm-dd hh:mm`.
    DateTime,
}

/// A cell background, e.g. a light (红黄绿灯) or a highlighted row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fill {
    /// No background.
    #[default]
    None,
    /// Red (overdue).
    Red,
    /// Yellow (due soon).
    Yellow,
    /// Green (on track).
    Green,
    /// Light grey (locked or secondary).
    Grey,
}

impl Fill {
    pub(crate) fn rgb(self) -> Option<u32> {
        match self {
            Fill::None => None,
            Fill::Red => Some(0xFF7C80),
            Fill::Yellow => Some(0xFFE699),
            Fill::Green => Some(0xA9D08E),
            Fill::Grey => Some(0xEDEDED),
        }
    }
}

/// One column of a table: header text, width (in Excel character units) and kind.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text, written as it is.
    pub header: String,
    /// Width in character units (a Chinese character is about 2).
    pub width: f64,
    /// What the column holds.
    pub kind: Kind,
    /// Wrap long text in the cell.
    pub wrap: bool,
    /// The cell stays editable when the sheet is protected (fill-in columns).
    pub editable: bool,
}

impl Column {
    fn new(header: &str, width: f64, kind: Kind) -> Column {
        Column {
            header: header.to_string(),
            width,
            kind,
            wrap: false,
            editable: false,
        }
    }
    /// A text column. It wraps: a name longer than its column (a department
    /// of 20 characters, a 来源类别) grows its row rather than being cut at
    /// the next cell when printed.
    pub fn text(header: &str, width: f64) -> Column {
        Column::new(header, width, Kind::Text).wrap()
    }
    /// A date column (width 12).
    pub fn date(header: &str) -> Column {
        Column::new(header, 12.0, Kind::Date)
    }
    /// A whole-number column.
    pub fn integer(header: &str, width: f64) -> Column {
        Column::new(header, width, Kind::Integer)
    }
    /// A decimal-number column.
    pub fn number(header: &str, width: f64) -> Column {
        Column::new(header, width, Kind::Number)
    }
    /// A rate column (`0.0%`, width 12).
    pub fn percent(header: &str) -> Column {
        Column::new(header, 12.0, Kind::Percent)
    }
    /// A date-time column (`yyyy-mm-dd hh:mm`, width 17).
    pub fn datetime(header: &str) -> Column {
        Column::new(header, 17.0, Kind::DateTime)
    }
    /// Wraps long text.
    pub fn wrap(mut self) -> Column {
        self.wrap = true;
        self
    }
    /// Leaves the column editable in a protected sheet.
    pub fn editable(mut self) -> Column {
        self.editable = true;
        self
    }
}

/// One value to write. Text is always written as a string cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text (never interpreted as a formula or a number).
    Text(&'a str),
    /// A date cell.
    Date(NaiveDate),
    /// A date-time cell.
    DateTime(NaiveDateTime),
    /// A number.
    Number(f64),
    /// A whole number.
    Int(i64),
    /// An empty (but formatted) cell.
    Blank,
}

/// The shape of a table sheet: title, information rows, columns.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The merged title row (row 1 in Excel).
    pub title: String,
    /// Rows between the title and the header: `(column, text)` pairs.
    pub info: Vec<Vec<(u16, String)>>,
    /// The columns, left to right.
    pub columns: Vec<Column>,
}

impl Layout {
    /// A layout with a title and no columns yet.
    pub fn new(title: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            ..Layout::default()
        }
    }
    /// Adds an information row (e.g. `填报单位：…` / `填报日期：`).
    pub fn info(mut self, row: Vec<(u16, String)>) -> Layout {
        self.info.push(row);
        self
    }
    /// Sets the columns.
    pub fn columns(mut self, columns: Vec<Column>) -> Layout {
        self.columns = columns;
        self
    }
    /// The 0-based worksheet row of the header.
    pub fn header_row(&self) -> u32 {
        1 + self.info.len() as u32
    }
}

/// Cells of a [`Book::streamed_table`] coloured by the text of one column of
/// their row: e.g. the 灯 and 完成时限 cells by the 灯 text (红/黄/绿).
#[derive(Debug, Clone, Copy)]
pub struct Colours<'a> {
    /// The coloured columns (0-based).
    pub columns: &'a [u16],
    /// The column whose text decides (0-based).
    pub key: u16,
    /// `(text, fill)`: cells of rows whose key column says `text` get `fill`.
    pub rules: &'a [(&'a str, Fill)],
}
