//! Integration tests: circulation (月度督办通报, EXCHANGE §3).
//!
//! `rules`: every §3 rule on small ledgers, over the pure figure functions;
//! `ranking`: the ranks they give.
//! `stored`: the same figures loaded from a database, and the exported
//! workbook read back with calamine and checked against them sheet by sheet.

mod office;
mod ranking;
mod rules;
mod stored;
