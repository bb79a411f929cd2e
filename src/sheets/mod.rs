//! Spreadsheet primitives shared by every room that reads or writes sheets.
//!
//! Reading (EXCHANGE §1): [`read`] opens `.xlsx`/`.xlsm`/`.xls`/`.ods` over
//! calamine (visible worksheets only, cached values of formula cells), finds a
//! table's header with [`header`] (names, synonyms, normalisation) and walks
//! its data rows (blank and 合计 rows skipped) with Excel row numbers and
//! column headers for every [`read::RowIssue`]; [`value`] turns cells into
//! text, numbers and dates (every §1 date form, full-width digits, no yearless
//! dates).
//!
//! Writing: [`write`] builds print-ready workbooks (A4 landscape, merged
//! title, repeated header, widths, page numbers, Chinese font; typed cells)
//! and [`height`] gives every wrapped row the height its text needs.

mod bounds;
mod columns;
mod excel;
mod guard;
pub mod header;
pub mod height;
pub mod read;
mod splice;
mod stream;
mod string_table;
mod styles;
pub mod value;
pub mod write;
mod xls_scan;
mod xlsx_fast;
mod xlsx_parts;
mod xml_scan;

pub use header::{normalise_header, Field};
pub use read::{open_bytes, Grid, Row, RowIssue, Table, Workbook};
pub use value::{cell_date, cell_moment, cell_text, parse_date, DateError};
