//! Spreadsheet primitives shared by every room that reads or writes sheets.
//!
//! - [`write`]: print-ready workbooks (A4 landscape, merged title, repeated
//!   header, widths, page numbers, Chinese font; typed cells).
pub mod write;
