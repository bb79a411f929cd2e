//! Careless or hostile sheets: a cell longer than any cell can be, and an
//! export that must succeed whatever the database holds.

use std::io::{Cursor, Write};

use duban::calendar::Calendar;
use duban::imports::{import_bytes, FileStatus, LedgerImporter};
use duban::items::LedgerFilter;

use super::common::{count, valid_rows};
use crate::support::{actor, d, rewrite_parts, store};

/// A ledger of two rows whose second 事项名称 is `chars` characters long.
/// Our writer (like Excel) refuses such a cell, so the sheet is written with a
/// placeholder and the placeholder replaced inside the file afterwards.
fn ledger_with_long_name(chars: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "完成时限"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, name) in ["正常的事项", "超长占位"].iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, "办公厅").unwrap();
        ws.write_string(r, 2, "2026-12-31").unwrap();
    }
    let plain = wb.save_to_buffer().unwrap();
    let long = "长".repeat(chars);
    rewrite_parts(&plain, |_, xml| xml.replace("超长占位", &long))
}

#[test]
fn a_cell_over_32767_characters_rejects_its_row_and_the_others_import() {
    let mut s = store();
    let bytes = ledger_with_long_name(40_000);
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        "超长.xlsx",
        &bytes,
        &valid_rows(),
    );
    assert_eq!(rep.status, FileStatus::Partial, "{}", rep.message());
    assert_eq!(rep.rows_applied, 1);
    assert_eq!(rep.rows_rejected.len(), 1);
    let issue = &rep.rows_rejected[0];
    assert_eq!((issue.row, issue.column.as_str()), (3, "事项名称"));
    assert!(
        issue.reason.contains("40000 个字符") && issue.reason.contains("32767"),
        "{}",
        issue.reason
    );
    assert_eq!(
        count(&s, "SELECT max(length(name)) FROM items"),
        "正常的事项".chars().count() as i64
    );

    // One character over the limit is refused; the limit itself imports.
    for (chars, applied) in [(32_768, 1), (32_767, 2)] {
        let mut s = store();
        let rep = import_bytes(
            &mut s,
            &actor("2026-11-26 10:00"),
            &LedgerImporter,
            "边界.xlsx",
            &ledger_with_long_name(chars),
            &valid_rows(),
        );
        assert_eq!(rep.rows_applied, applied, "{chars} characters");
    }
}

#[test]
fn the_ledger_export_succeeds_when_the_database_holds_an_over_long_name() {
    let mut s = store();
    let no = duban::items::create_item(
        &mut s,
        &actor("2026-11-26 10:00"),
        &duban::items::NewItem::new("占位", "办公厅", Some(d("2026-12-31"))),
    )
    .unwrap()
    .item_no;
    // As an old import or a hand edit could have left it.
    let long = "长".repeat(50_000);
    s.conn()
        .execute(
            "UPDATE items SET name = ?1 WHERE item_no = ?2",
            rusqlite::params![long, no],
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    let cal = Calendar::load(s.conn()).unwrap();
    let n = duban::exports::ledger::export_ledger(
        s.conn(),
        &cal,
        d("2026-11-26"),
        &LedgerFilter::default(),
        &path,
    )
    .expect("the export must not fail on an over-long text");
    assert_eq!(n, 1);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = calamine::Reader::worksheet_range_at(&mut wb, 0)
        .unwrap()
        .unwrap();
    let cut = range
        .cells()
        .find_map(|(_, _, c)| match c {
            calamine::Data::String(t) if t.starts_with("长长") => Some(t.clone()),
            _ => None,
        })
        .expect("the name is in the sheet");
    assert_eq!(cut.chars().count(), 32_767);
    assert!(
        cut.ends_with(duban::sheets::write::CUT_MARK),
        "{}",
        &cut[cut.len() - 60..]
    );
}

/// A ledger whose row 3 shows a formula's error (`#N/A`) as its 牵头部门, and
/// whose row 4 names 人事司 with a zero-width space pasted inside.
fn ledger_with_error_and_invisible_characters() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "完成时限"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "正常的事项").unwrap();
    ws.write_string(1, 1, "办公厅").unwrap();
    ws.write_string(2, 0, "公式出错的事项").unwrap();
    ws.write_number(2, 1, 12345).unwrap();
    ws.write_string(3, 0, "名称里有看不见的字符").unwrap();
    ws.write_string(3, 1, "人\u{200B}事司").unwrap();
    for r in 1..4 {
        ws.write_string(r, 2, "2026-12-31").unwrap();
    }
    let plain = wb.save_to_buffer().unwrap();
    rewrite_parts(&plain, |name, xml| {
        if name != "xl/worksheets/sheet1.xml" {
            return xml;
        }
        let number = r#"<c r="B3"><v>12345</v></c>"#;
        assert!(xml.contains(number), "{xml}");
        xml.replace(number, r#"<c r="B3" t="e"><v>#N/A</v></c>"#)
    })
}

#[test]
fn an_error_cell_rejects_its_row_and_invisible_characters_are_dropped() {
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        "公式错误.xlsx",
        &ledger_with_error_and_invisible_characters(),
        &valid_rows(),
    );
    assert_eq!(rep.status, FileStatus::Partial, "{}", rep.message());
    assert_eq!(rep.rows_applied, 2, "{}", rep.message());
    let issue = &rep.rows_rejected[0];
    assert_eq!((issue.row, issue.column.as_str()), (3, "牵头部门"));
    assert!(issue.reason.contains("公式错误 #N/A"), "{}", issue.reason);
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM items i JOIN parties p ON p.id = i.lead_party_id
              WHERE p.name = '人事司' AND i.name = '名称里有看不见的字符'"
        ),
        1,
        "人事司 with a zero-width space inside is 人事司"
    );
}

#[test]
fn a_word_document_renamed_xlsx_is_called_what_it_is() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in [
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", "<w:document/>"),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        "通知.xlsx",
        &bytes,
        &valid_rows(),
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    let error = rep.error.unwrap_or_default();
    assert!(
        error.contains("是 Word 文档") && error.contains("未导入任何内容"),
        "{error}"
    );
}
