//! What Duban writes, Duban reads back: the ledger export imports into an
//! empty database unchanged, and a filled feedback template imports.

use calamine::{Data, Reader, Xlsx};
use duban::calendar::Calendar;
use duban::exports::ledger::ledger_workbook;
use duban::imports::template::{feedback_book, feedback_template, TemplateRow};
use duban::imports::{import_bytes, FeedbackImporter, FileStatus, LedgerImporter};
use duban::items::LedgerFilter;
use duban::store::Store;

use super::common::{count, import, strict, text};
use crate::support::{actor, d, store};

fn export_bytes(s: &Store, filter: &LedgerFilter) -> Vec<u8> {
    let (book, _) =
        ledger_workbook(s.conn(), &Calendar::official(), d("2026-11-26"), filter).unwrap();
    book.to_bytes().unwrap()
}

fn cells(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    wb.worksheet_range(sheet)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

#[test]
fn the_exported_ledger_imports_back_unchanged() {
    let mut a = store();
    for f in [
        "ledger_tolerant_openpyxl.xlsx",
        "ledger_formulas_xlsxwriter.xlsx",
    ] {
        assert_eq!(
            import(&mut a, &LedgerImporter, f, &strict()).status,
            FileStatus::Applied
        );
    }
    // A standing item reported every quarter: its cycle makes the trip too.
    let mut standing = duban::items::NewItem::new("长期跟踪事项", "办公厅", None);
    standing.standing = true;
    standing.report_cycle = "每季度".into();
    duban::items::create_item(&mut a, &actor("2026-11-26 10:00"), &standing).unwrap();
    let first = export_bytes(&a, &LedgerFilter::default());
    let rows = cells(&first, "督办事项台账");
    assert!(
        rows.iter()
            .any(|r| r[9] == Data::String("长期（每季度）".into())),
        "长期 with its cycle"
    );
    assert_eq!(
        rows[2][0],
        Data::String("事项编号".into()),
        "header under the title and the info row"
    );
    assert_eq!(rows.len(), 3 + 17, "every item");
    let t001 = rows
        .iter()
        .find(|r| r[0] == Data::String("T-001".into()))
        .unwrap();
    assert!(
        matches!(t001[9], Data::DateTime(_)),
        "完成时限 is a date cell: {:?}",
        t001[9]
    );

    let mut b = store();
    let rep = import_bytes(
        &mut b,
        &actor("2026-11-26 11:00"),
        &LedgerImporter,
        "台账导出.xlsx",
        &first,
        &strict(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 17),
        "{}",
        rep.message()
    );
    assert!(rep.warnings.is_empty(), "{:?}", rep.warnings);
    let cycle: String = b
        .conn()
        .query_row(
            "SELECT report_cycle FROM items WHERE name = '长期跟踪事项' AND standing = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cycle, "每季度");
    let second = export_bytes(&b, &LedgerFilter::default());
    let (r1, r2) = (
        cells(&first, "督办事项台账"),
        cells(&second, "督办事项台账"),
    );
    assert_eq!(r1.len(), r2.len());
    for (x, y) in r1.iter().zip(&r2).skip(2) {
        assert_eq!(x, y, "row {:?} changed on the way back", x.first());
    }
}

#[test]
fn the_export_follows_the_filter() {
    let mut s = store();
    import(
        &mut s,
        &LedgerImporter,
        "ledger_tolerant_openpyxl.xlsx",
        &strict(),
    );
    let filter = LedgerFilter {
        party: Some("办公厅".into()),
        ..LedgerFilter::default()
    };
    let rows = cells(&export_bytes(&s, &filter), "督办事项台账");
    let led = count(&s, "SELECT count(*) FROM items i JOIN parties p ON p.id = i.lead_party_id WHERE p.name = '办公厅'");
    assert_eq!(rows.len() as i64, 3 + led);
    assert!(rows
        .iter()
        .skip(3)
        .all(|r| r[6] == Data::String("办公厅".into())));
}

#[test]
fn a_text_filter_exports_right_after_an_import_and_counts_as_the_ledger_does() {
    // Just imported: the search index is not filled yet, and the export reads
    // the ledger inside one snapshot (filling the index nests in it).
    let mut s = store();
    import(
        &mut s,
        &LedgerImporter,
        "ledger_tolerant_openpyxl.xlsx",
        &strict(),
    );
    let indexed: i64 = s
        .conn()
        .query_row("SELECT indexed FROM item_search_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, 0);
    for text in ["督办", "T-00", "税收", "整改"] {
        let filter = LedgerFilter {
            text: Some(text.into()),
            ..LedgerFilter::default()
        };
        let rows = cells(&export_bytes(&s, &filter), "督办事项台账");
        let page = duban::items::query_ledger(
            s.conn(),
            &Calendar::official(),
            d("2026-11-26"),
            &LedgerFilter {
                page: 1,
                page_size: 5,
                ..filter.clone()
            },
        )
        .unwrap();
        let scan = count(
            &s,
            &format!(
                "SELECT count(*) FROM items WHERE instr(item_no, '{text}') OR instr(name, '{text}') OR instr(requirement, '{text}')"
            ),
        );
        assert!(scan > 0, "{text}");
        assert_eq!(page.total, scan, "{text}: the count");
        assert_eq!(rows.len() as i64, 3 + scan, "{text}: the export");
    }
}

#[test]
fn a_template_lists_the_partys_open_items_and_reads_back_when_filled() {
    let mut s = store();
    import(
        &mut s,
        &LedgerImporter,
        "feedback_base_ledger.xlsx",
        &strict(),
    );
    let (book, n) = feedback_template(s.conn(), "办公室").unwrap();
    assert_eq!(
        n, 5,
        "FB-001/002/004/005/007: led or cooperated, not done, not another's"
    );
    let bytes = book.to_bytes().unwrap();
    let rows = cells(&bytes, "落实情况反馈表");
    assert_eq!(rows[1][0], Data::String("填报单位：办公厅".into()));
    let listed: Vec<String> = rows.iter().skip(3).map(|r| r[1].to_string()).collect();
    assert_eq!(listed, ["FB-001", "FB-002", "FB-004", "FB-005", "FB-007"]);
    let wb = Xlsx::new(std::io::Cursor::new(&bytes)).unwrap();
    assert!(wb.sheet_names().contains(&"填表说明".to_string()));

    let unfilled = import_bytes(
        &mut s,
        &actor("2026-11-26 11:00"),
        &FeedbackImporter,
        "空表.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(
        unfilled.status,
        FileStatus::Rejected,
        "an unfilled template has nothing to import"
    );

    let fill = |no: &str, name: &str, progress: &str, status: &str| TemplateRow {
        item_no: no.into(),
        name: name.into(),
        deadline: Some(d("2026-12-31")),
        standing: false,
        filled: [
            progress.into(),
            status.into(),
            String::new(),
            String::new(),
            "李四".into(),
            "123".into(),
        ],
    };
    let filled = feedback_book(
        "办公厅",
        Some(d("2026-11-28")),
        &[
            fill("FB-001", "完善督办台账", "模板回填进展", "推进中"),
            fill("FB-004", "推进档案数字化", "", ""),
            fill("FB-005", "会议筹备", "已完成", "已办结"),
        ],
    )
    .unwrap()
    .to_bytes()
    .unwrap();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-28 09:00"),
        &FeedbackImporter,
        "回填.xlsx",
        &filled,
        &strict(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 2),
        "{}",
        rep.message()
    );
    assert_eq!(
        text(
            &s,
            "SELECT reported_on FROM progress WHERE text = ?1",
            "模板回填进展"
        )
        .as_deref(),
        Some("2026-11-28"),
        "填报日期 written by our writer reads back"
    );
    assert_eq!(
        text(&s, "SELECT status FROM items WHERE item_no = ?1", "FB-005").as_deref(),
        Some("pending_review")
    );
}

/// One part of an .xlsx (a zip of XML files) as text.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_exported_ledger_colours_its_lights_and_borders_its_rows_only() {
    let mut s = store();
    import(
        &mut s,
        &LedgerImporter,
        "ledger_tolerant_openpyxl.xlsx",
        &strict(),
    );
    let bytes = export_bytes(&s, &LedgerFilter::default());
    let rows = cells(&bytes, "督办事项台账");
    let last = rows.len(); // the last data row, as Excel numbers it (title, info, header above)
    assert_eq!(last as i64, 3 + count(&s, "SELECT count(*) FROM items"));
    // The 灯 column says each open item's light; red, yellow and green all occur.
    let lights: Vec<String> = rows.iter().skip(3).map(|r| r[14].to_string()).collect();
    for l in ["红", "黄", "绿"] {
        assert!(lights.iter().any(|x| x == l), "{l} in {lights:?}");
    }
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // Borders over the data rows (and nothing below them), in runs of plain columns.
    for range in [format!("A4:I{last}"), format!("K4:N{last}")] {
        assert!(
            sheet.contains(&format!("<conditionalFormatting sqref=\"{range}\">")),
            "{range}: {sheet:.3000}"
        );
    }
    // 完成时限 (J) and 灯 (O) coloured by the 灯 text of their row.
    for col in ["J", "O"] {
        let start = sheet
            .find(&format!(
                "<conditionalFormatting sqref=\"{col}4:{col}{last}\">"
            ))
            .unwrap_or_else(|| panic!("rules for column {col}"));
        let block = &sheet[start..start + sheet[start..].find("</conditionalFormatting>").unwrap()];
        for l in ["红", "黄", "绿"] {
            assert!(block.contains(&format!("$O4=\"{l}\"")), "{col}: {block}");
        }
        assert!(
            block.contains("<formula>TRUE</formula>"),
            "{col} keeps its border: {block}"
        );
    }
    let styles = part(&bytes, "xl/styles.xml");
    for rgb in ["FFFF7C80", "FFFFE699", "FFA9D08E"] {
        assert!(styles.contains(rgb), "fill {rgb}");
    }
    // Print-ready as before: merged title, header row repeated, frozen below it.
    assert!(sheet.contains("<mergeCell ref=\"A1:O1\"/>"));
    assert!(sheet.contains("ySplit=\"3\""));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("督办事项台账!$3:$3"), "{workbook}");
}
