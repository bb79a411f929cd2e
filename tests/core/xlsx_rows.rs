//! Every row of every sheet we write appears once, in order: Excel offers to
//! repair a file whose sheet repeats a `<row r="N">` (rust_xlsxwriter's
//! constant-memory writer did that with the last row of a streamed table
//! when the row had a height of its own).

use std::io::Read;

use calamine::{Data, Reader};
use duban::sheets::write::{Book, Cell, Column, Layout};

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
                t.plain_row(&[Cell::Text(&no), Cell::Text(&text)]).unwrap();
            }
            t.finish().unwrap();
        }
        let bytes = book.to_bytes().unwrap();
        assert_rows_once(&bytes);
        let sheets = rows_of(&bytes);
        let last = *sheets[0].1.iter().max().unwrap();
        // The title (row 1), the header (row 2), then each data row.
        assert_eq!(
            last as usize,
            2 + rows,
            "{rows} rows: header and data written"
        );
    }
}

#[test]
fn a_streamed_table_refuses_a_row_formatted_cell_by_cell() {
    use duban::sheets::write::Fill;
    let mut book = Book::new();
    let mut t = book.streamed_table("表", &layout(), 2, None).unwrap();
    t.plain_row(&[Cell::Text("1"), Cell::Text("要求")]).unwrap();
    let refused = t
        .row_with(&[Cell::Text("2"), Cell::Text("要求")], |_| Fill::None)
        .unwrap_err();
    assert!(refused.to_string().contains("程序内部错误"), "{refused}");
    t.finish().unwrap();
    // The refused row left nothing behind: the file holds the first row only.
    let bytes = book.to_bytes().unwrap();
    assert_eq!(rows_of(&bytes)[0].1.last(), Some(&3));
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

/// The rows of a streamed table are written as sheet XML by Duban itself
/// (src/sheets/stream.rs) and put into rust_xlsxwriter's workbook: read back
/// through calamine, each value keeps its type and text, on each sheet of a
/// workbook with several, and the sheet's dimension covers the rows.
#[test]
fn streamed_rows_read_back_with_their_types_on_every_sheet() {
    let layout = Layout::new("测试表").columns(vec![
        Column::text("编号", 10.0),
        Column::text("工作要求", 12.0).wrap(),
        Column::date("完成时限"),
        Column::datetime("操作时间"),
        Column::integer("序号", 8.0),
        Column::percent("完成率"),
    ]);
    let texts = [
        "税费<支持>&“红利”",
        "_x0041_ 不是转义",
        " 前后有空格 ",
        "换行\n与\u{1}控制符",
    ];
    let due = duban::dates::parse_ymd("2026-12-31").unwrap();
    let at = duban::dates::parse_minute("2026-11-02 09:30").unwrap();
    let mut book = Book::new();
    for (sheet, rows) in [("甲", 1000usize), ("乙", 3)] {
        let mut t = book
            .streamed_table(sheet, &layout, rows as u32, None)
            .unwrap();
        for i in 0..rows {
            let no = format!("{sheet}-{i}");
            let text = texts[i % texts.len()].to_string();
            t.plain_row(&[
                Cell::Text(&no),
                Cell::Text(&text),
                Cell::Date(due),
                Cell::DateTime(at),
                Cell::Int(i as i64),
                if i % 2 == 0 {
                    Cell::Number(0.5)
                } else {
                    Cell::Blank
                },
            ])
            .unwrap();
        }
        t.finish().unwrap();
    }
    let bytes = book.to_bytes().unwrap();
    assert_rows_once(&bytes);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    for (sheet, rows) in [("甲", 1000usize), ("乙", 3)] {
        let range = wb.worksheet_range(sheet).unwrap();
        // Title, information row (none here: the header is row 2), header.
        let header = layout.header_row() as usize;
        assert_eq!(range.get((header, 0)), Some(&Data::String("编号".into())));
        assert_eq!(range.height(), header + 1 + rows, "{sheet}: every row");
        for i in 0..rows {
            let r = header + 1 + i;
            let cell = |c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
            assert_eq!(cell(0), Data::String(format!("{sheet}-{i}")));
            let want = texts[i % texts.len()].to_string();
            assert_eq!(cell(1), Data::String(want), "{sheet} row {i}");
            let Data::DateTime(d) = cell(2) else {
                panic!("{sheet} row {i}: date cell {:?}", cell(2))
            };
            assert_eq!(d.as_datetime().unwrap().date(), due);
            let Data::DateTime(t) = cell(3) else {
                panic!("{sheet} row {i}: date-time cell")
            };
            assert_eq!(t.as_datetime().unwrap(), at);
            assert_eq!(cell(4), Data::Float(i as f64));
            let rate = if i % 2 == 0 {
                Data::Float(0.5)
            } else {
                Data::Empty
            };
            assert_eq!(cell(5), rate);
        }
    }
    let dims = rows_of(&bytes);
    assert_eq!(dims.len(), 2);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let last = layout.header_row() + 1 + 1000;
    assert!(
        xml.contains(&format!("<dimension ref=\"A1:F{last}\"/>")),
        "dimension of 甲"
    );
}

/// A workbook of one streamed sheet of `rows` rows of 300 characters each,
/// drawn from the common ideographs by a fixed sequence (text that
/// compresses about as poorly as real text can).
fn book_of_varied_text(rows: u32) -> Book {
    let mut book = Book::new();
    let mut t = book.streamed_table("表", &layout(), rows, None).unwrap();
    let mut seed = 2026u32;
    for i in 0..rows {
        let text: String = (0..300)
            .map(|_| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                char::from_u32(0x4E00 + (seed >> 8) % 20_000).unwrap()
            })
            .collect();
        t.plain_row(&[Cell::Text(&i.to_string()), Cell::Text(&text)])
            .unwrap();
    }
    t.finish().unwrap();
    book
}

/// Each part of a workbook and what it holds, but for the time it was made
/// (`docProps/core.xml`).
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (part.name().unwrap().to_string(), data)
        })
        .filter(|(name, _)| name != "docProps/core.xml")
        .collect()
}

/// A sheet whose compressed rows fill several of the deflating thread's
/// pieces (4 MB each), saved to a file as it is made: the file holds what
/// the workbook made in memory holds, every row reads back, and nothing
/// is left beside it.
#[test]
fn a_large_streamed_sheet_is_saved_whole() {
    const ROWS: u32 = 16_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("大表.xlsx");
    book_of_varied_text(ROWS).save(&path).unwrap();
    let saved = std::fs::read(&path).unwrap();
    assert!(
        saved.len() > 9 << 20,
        "{} bytes: three pieces or more",
        saved.len()
    );
    let made = book_of_varied_text(ROWS).to_bytes().unwrap();
    assert!(
        parts(&saved) == parts(&made),
        "the same parts, the same contents"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the workbook: {left:?}");
    assert_rows_once(&saved);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(saved)).unwrap();
    let range = wb.worksheet_range("表").unwrap();
    let header = layout().header_row() as usize;
    assert_eq!(range.height(), header + 1 + ROWS as usize);
    for i in [0, 1, ROWS / 2, ROWS - 1] {
        let r = header + 1 + i as usize;
        assert_eq!(range.get((r, 0)), Some(&Data::String(i.to_string())));
        let Some(Data::String(text)) = range.get((r, 1)) else {
            panic!("row {i}: no text")
        };
        assert_eq!(text.chars().count(), 300, "row {i}");
    }
}

/// A workbook saved into a folder that does not exist: the clerk is told
/// which file and what to check, and nothing is written.
#[test]
fn a_workbook_saved_where_it_cannot_be_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("没有这个文件夹").join("台账.xlsx");
    let err = book_of_varied_text(3).save(&path).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("无法写入文件") && msg.contains("台账.xlsx"),
        "{msg}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The attribute `attr` of `<row r="1" …>` in the first worksheet.
fn first_row_attr(bytes: &[u8], attr: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let row = &xml[xml.find("<row r=\"1\"").unwrap()..];
    let row = &row[..row.find('>').unwrap()];
    let at = row.find(&format!(" {attr}=\""))? + attr.len() + 3;
    Some(row[at..at + row[at..].find('"').unwrap()].to_string())
}

#[test]
fn a_title_longer_than_the_table_is_wide_wraps_in_a_taller_row() {
    let height = |title: &str| {
        let mut book = Book::new();
        let layout = Layout::new(title).columns(vec![
            Column::text("编号", 10.0),
            Column::text("工作要求", 12.0).wrap(),
        ]);
        book.table("表", &layout).unwrap();
        let bytes = book.to_bytes().unwrap();
        first_row_attr(&bytes, "ht")
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    assert_eq!(height("短标题"), 30.0);
    let long =
        "2026年度税收征管改革落实情况实地督查（第一批：华北、东北地区省级税务局）督查情况汇总";
    assert!(height(long) > 60.0, "{}", height(long));
}
