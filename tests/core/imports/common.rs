//! Helpers shared by the import tests.

use std::path::PathBuf;

use duban::imports::{import_file, FileReport, ImportOptions, Importer};
use duban::store::Store;

use crate::support::actor;

/// A one-sheet workbook of text cells, `rows[0]` its header, as bytes.
pub fn text_sheet(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A committed fixture file.
pub fn fixture(name: &str) -> PathBuf {
    crate::support::repo_dir().join("tests/fixtures").join(name)
}

/// Imports a fixture at a fixed moment.
pub fn import<I: Importer>(
    store: &mut Store,
    importer: &I,
    name: &str,
    options: &ImportOptions,
) -> FileReport {
    import_file(
        store,
        &actor("2026-11-26 10:00"),
        importer,
        &fixture(name),
        options,
    )
}

/// Options for a strict real run.
pub fn strict() -> ImportOptions {
    ImportOptions::default()
}

/// Options that apply the valid rows.
pub fn valid_rows() -> ImportOptions {
    ImportOptions {
        apply_valid_rows: true,
        ..ImportOptions::default()
    }
}

/// Options for a dry run.
pub fn dry() -> ImportOptions {
    ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    }
}

/// One number from SQL.
pub fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// One text value (or NULL as None) from SQL with one text parameter.
pub fn text(store: &Store, sql: &str, arg: &str) -> Option<String> {
    use rusqlite::OptionalExtension;
    store
        .conn()
        .query_row(sql, [arg], |r| r.get::<_, Option<String>>(0))
        .optional()
        .unwrap()
        .flatten()
}

/// (row, column, a fragment the reason must contain) of every rejected row.
pub fn rejected(rep: &FileReport) -> Vec<(u32, String, String)> {
    rep.rows_rejected
        .iter()
        .map(|r| (r.row, r.column.clone(), r.reason.clone()))
        .collect()
}

/// Asserts that the rejected rows are exactly `want` (row, column, quoted fragment).
pub fn assert_rejections(rep: &FileReport, want: &[(u32, &str, &str)]) {
    let got = rejected(rep);
    assert_eq!(
        got.len(),
        want.len(),
        "rejected rows of {}: {got:#?}",
        rep.file
    );
    for ((row, col, reason), (wrow, wcol, frag)) in got.iter().zip(want) {
        assert_eq!(
            (row, col.as_str()),
            (wrow, *wcol),
            "row/column of rejection “{reason}”"
        );
        assert!(
            reason.contains(frag),
            "row {row}: reason “{reason}” should quote “{frag}”"
        );
    }
}
