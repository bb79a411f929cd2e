//! The loader with an importer of the test's own, whose apply step refuses
//! some rows the parse step accepted: with "only the valid rows", rows are
//! applied a batch under one savepoint, and a batch with a failing row is
//! undone and applied again row by row. Whatever the batch boundaries, each
//! failing row must leave nothing and every other row must stay.

use duban::error::{Error, Result};
use duban::imports::{
    import_bytes, ApplyContext, FileStatus, ImportKind, ImportSource, Importer, ParseContext,
    Parsed, Planned,
};
use duban::sheets::{cell_text, Workbook};
use rusqlite::Transaction;

use super::common::{count, strict, valid_rows};
use crate::support::{actor, store};

/// Reads column A of the first sheet; its apply step writes a setting, then
/// refuses the rows whose text starts with 坏 (after writing).
struct Picky;

impl Importer for Picky {
    type Row = String;
    fn kind(&self) -> ImportKind {
        ImportKind::Org
    }
    fn parse(&self, _ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<String>> {
        let grid = &book.sheets[0];
        let mut out = Parsed::default();
        out.sheets.push(grid.name.clone());
        for (row, cells) in grid.rows() {
            out.rows.push(Planned {
                sheet: 0,
                row,
                data: cells.first().map(cell_text).unwrap_or_default(),
            });
        }
        Ok(out)
    }
    fn apply(
        &self,
        tx: &Transaction,
        _ctx: &ApplyContext<'_>,
        row: &String,
        source: &ImportSource,
    ) -> Result<()> {
        tx.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)",
            rusqlite::params![format!("picky:{row}"), source.row],
        )?;
        if row.starts_with('坏') {
            return Err(Error::Invalid(format!("“{row}”不能导入")));
        }
        Ok(())
    }
    fn preview(&self, row: &String) -> (String, String) {
        (row.clone(), String::new())
    }
}

fn sheet(rows: usize, bad: &[usize]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for i in 0..rows {
        let text = if bad.contains(&i) {
            format!("坏{i}")
        } else {
            format!("好{i}")
        };
        ws.write_string(i as u32, 0, text).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// Imports `bytes` with [`Picky`] into a fresh store.
fn import_picky(
    bytes: &[u8],
    options: &duban::imports::ImportOptions,
) -> (duban::store::Store, duban::imports::FileReport) {
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &Picky,
        "picky.xlsx",
        bytes,
        options,
    );
    (s, rep)
}

#[test]
fn rows_refused_when_applied_leave_nothing_and_the_others_stay() {
    // 700 rows: batches of 256 with failures in the first, the second (two
    // in a row) and the last (its very last row).
    let bad = [0, 255, 300, 301, 699];
    let bytes = sheet(700, &bad);
    let (s, rep) = import_picky(&bytes, &valid_rows());
    assert_eq!(rep.status, FileStatus::Partial, "{}", rep.message());
    assert_eq!(rep.rows_applied, 695);
    let rejected: Vec<(u32, &str)> = rep
        .rows_rejected
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (1, "“坏0”不能导入"),
            (256, "“坏255”不能导入"),
            (301, "“坏300”不能导入"),
            (302, "“坏301”不能导入"),
            (700, "“坏699”不能导入"),
        ]
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM settings WHERE key LIKE 'picky:坏%'"
        ),
        0
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM settings WHERE key LIKE 'picky:好%'"
        ),
        695
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM settings WHERE key = 'picky:好698' AND value = '699'"
        ),
        1,
        "each row written with its own Excel row"
    );
}

#[test]
fn all_or_nothing_stops_at_the_first_row_refused_when_applied() {
    let bytes = sheet(700, &[400]);
    let (s, rep) = import_picky(&bytes, &strict());
    assert_eq!(rep.status, FileStatus::Rejected, "{}", rep.message());
    assert_eq!(rep.rows_applied, 0);
    assert_eq!(rep.rows_rejected.len(), 1);
    assert_eq!(rep.rows_rejected[0].row, 401);
    assert_eq!(
        count(&s, "SELECT count(*) FROM settings WHERE key LIKE 'picky:%'"),
        0
    );
    assert_eq!(count(&s, "SELECT count(*) FROM imports"), 0);
}

#[test]
fn a_report_lists_the_first_rows_and_counts_the_others() {
    let bytes = sheet(2500, &[]);
    let options = duban::imports::ImportOptions {
        with_rows: true,
        dry_run: true,
        ..strict()
    };
    let (_, rep) = import_picky(&bytes, &options);
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(rep.rows.len(), duban::imports::PREVIEW_ROWS);
    assert_eq!(rep.rows_not_listed, 500);
    assert_eq!(rep.rows[0].key, "好0");
    assert_eq!(rep.rows[1999].row, 2000);
}
