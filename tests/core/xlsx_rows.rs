//! Every row of every sheet we write appears once, in order: Excel offers to
//! repair a file whose sheet repeats a `<row r="N">` (rust_xlsxwriter's
//! constant-memory writer did that with the last row of a streamed table
//! when the row had a height of its own).

use std::io::Read;

use duban::sheets::write::{Book, Cell, Column, Fill, Layout};

/// The `r` of each `<row>` of each worksheet, sheet by sheet.
fn rows_of(bytes: &[u8]) -> Vec<(String, Vec<u32>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut xml = String::new();
            zip.by_name(&n).unwrap().read_to_string(&mut xml).unwrap();
            let rows = xml
                .match_indices("<row r=\"")
                .map(|(i, m)| {
                    let rest = &xml[i + m.len()..];
                    rest[..rest.find('"').unwrap()].parse().unwrap()
                })
                .collect();
            (n, rows)
        })
        .collect()
}

fn assert_rows_once(bytes: &[u8]) {
    for (sheet, rows) in rows_of(bytes) {
        assert!(
            rows.windows(2).all(|w| w[0] < w[1]),
            "{sheet}: rows out of order or repeated: {rows:?}"
        );
    }
}

fn layout() -> Layout {
    Layout::new("测试表").columns(vec![
        Column::text("编号", 10.0),
        Column::text("工作要求", 12.0).wrap(),
    ])
}

#[test]
fn a_streamed_table_writes_each_row_once() {
    for rows in [0usize, 1, 3] {
        let mut book = Book::new();
        {
            let mut t = book
                .streamed_table("表", &layout(), rows as u32, None)
                .unwrap();
            for i in 0..rows {
                let no = format!("{i}");
                let text = "要求".repeat(20 + i);
                t.row(&[Cell::Text(&no), Cell::Text(&text)], Fill::None)
                    .unwrap();
            }
            t.finish().unwrap();
        }
        let bytes = book.to_bytes().unwrap();
        assert_rows_once(&bytes);
        let sheets = rows_of(&bytes);
        let last = *sheets[0].1.iter().max().unwrap();
        assert!(
            last as usize >= 3 + rows,
            "{rows} rows: header and data written ({last})"
        );
    }
}

#[test]
fn the_ledger_and_list_exports_write_each_row_once() {
    let mut s = crate::support::store();
    let dir = tempfile::tempdir().unwrap();
    let cal = duban::calendar::Calendar::load(s.conn()).unwrap();
    crate::support::item(&mut s, "一项要求很长的事项", "办公厅", "2026-03-20");
    let ledger = dir.path().join("台账.xlsx");
    duban::exports::ledger::export_ledger(
        s.conn(),
        &cal,
        crate::support::d("2026-03-02"),
        &duban::items::LedgerFilter::default(),
        &ledger,
    )
    .unwrap();
    assert_rows_once(&std::fs::read(&ledger).unwrap());
    let list = dir.path().join("审计.xlsx");
    duban::exports::lists::export_list(
        s.conn(),
        crate::support::d("2026-03-02"),
        duban::exports::lists::ListKind::Audit,
        &duban::exports::lists::ListFilter::default(),
        &list,
    )
    .unwrap();
    assert_rows_once(&std::fs::read(&list).unwrap());
}
