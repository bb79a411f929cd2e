//! The fast reader of a large `.xlsx`'s cells (`stream_xlsx`, over
//! src/sheets/xlsx_fast.rs) reads what calamine reads (`open_bytes`): the
//! same sheets, positions, values and types, on every fixture, on workbooks
//! written by hand with every form the XML allows, and on text full of
//! characters XML and Excel escape.

use calamine::Data;
use duban::sheets::read::{can_stream, open_bytes, reads_fast, stream_xlsx};
use duban::sheets::write::{Book, Cell, Column, Fill, Layout};

use crate::support::{package, package_laid_out_unusually};

type Cells = Vec<(String, u32, u32, Data)>;

/// Every non-empty cell, read piece by piece by the fast reader.
fn streamed(name: &str, bytes: &[u8], rows_per_piece: u32) -> duban::Result<Cells> {
    let mut out = Vec::new();
    stream_xlsx(name, bytes, rows_per_piece, |grid, _| {
        collect(grid, &mut out);
        Ok(())
    })?;
    Ok(out)
}

/// Every non-empty cell, read whole by calamine.
fn whole(name: &str, bytes: &[u8]) -> duban::Result<Cells> {
    let book = open_bytes(name, bytes)?;
    let mut out = Vec::new();
    for grid in &book.sheets {
        collect(grid, &mut out);
    }
    Ok(out)
}

fn collect(grid: &duban::sheets::Grid, out: &mut Cells) {
    let first_col = grid.first_col();
    for (row, cells) in grid.rows() {
        for (i, v) in cells.iter().enumerate() {
            if *v != Data::Empty {
                out.push((grid.name.clone(), row, first_col + i as u32, v.clone()));
            }
        }
    }
}

/// Both readers agree on `bytes` (pieces of 1, 7 and 2048 rows), the fast
/// one reading it (not handing it to calamine).
fn assert_same(name: &str, bytes: &[u8]) -> Cells {
    assert!(reads_fast(bytes), "{name}: not read by the fast reader");
    let expected = whole(name, bytes).unwrap_or_else(|e| panic!("{name}: calamine: {e}"));
    for rows in [1, 7, 2048] {
        let got = streamed(name, bytes, rows).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, expected, "{name}, pieces of {rows} rows");
    }
    expected
}

#[test]
fn every_fixture_reads_the_same_as_calamine_reads_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        if !can_stream(&name, &bytes) {
            continue;
        }
        match whole(&name, &bytes) {
            Ok(_) => {
                assert_same(&name, &bytes);
                compared += 1;
            }
            Err(e) => assert!(
                streamed(&name, &bytes, 2048).is_err(),
                "{name}: calamine refuses it ({e}), the fast reader read it"
            ),
        }
    }
    assert!(compared >= 10, "only {compared} fixtures compared");
}

const ROOT_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"#;

const STYLES: &str = r#"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00_);[Red]\(0.00\)"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="46"/></cellXfs></styleSheet>"#;

const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>事项编号</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">加粗 </t></r><r><t>普通</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>
<si><t>  两端空格  </t></si><si><t>a&amp;b&lt;c&gt;&quot;&apos;_x000D_&#x4E2D;&#25991;</t></si></sst>"#;

/// A workbook with every form a cell takes: shared and inline strings (rich
/// runs, phonetic runs, entities, CDATA, Excel escapes, preserved spaces),
/// numbers under date, duration and plain formats, booleans, errors,
/// formula results, ISO dates, cells and rows without references, empty
/// rows and cells, comments, a namespace prefix, and a hidden sheet.
fn hand_written(date1904: bool) -> Vec<u8> {
    let workbook = format!(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="{}"/><sheets>
<sheet name="台账 &amp; 进展" sheetId="1" r:id="rId1"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/><sheet name="前缀" sheetId="3" r:id="rId3"/></sheets></workbook>"#,
        u8::from(date1904)
    );
    let sheet1 = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H9"/><cols><col min="1" max="2" width="9"/></cols><sheetData>
<row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" s="1"><v>46387</v></c><c r="B2" s="2"><v>46387.5</v></c><c r="C2" s="3"><v>12.5</v></c><c r="D2" s="4"><v>1.25</v></c><c r="E2"><v>-3</v></c><c r="F2" s="99"><v>7</v></c></row>
<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>false</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>公式&amp;结果_x000A_</v></c><c r="E3" t="d"><v>2026-12-04T00:00:00</v></c><c r="F3"><f>1+1</f><v>2</v></c></row>
<row r="4"/><!-- a comment between rows -->
<row r="5"><c r="A5" t="inlineStr"><is><t>内联</t></is></c><c t="inlineStr"><is><r><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r></is></c><c r="D5" t="inlineStr"><is><t><![CDATA[<不转义> & 原样]]></t></is></c><c r="E5" s="0"/><c r="F5"><v></v></c><c r="G5"><v>not a number</v></c></row>
<row><c><v>1</v></c><c><v>2</v></c></row>
<row r="9"><c r="H9" t="inlineStr"><is><t>&#x1F4C5; 2026年12月4日 &#12288;</t></is></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#;
    let sheet2 = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>看不见</t></is></c></row></sheetData></worksheet>"#;
    let sheet3 = r#"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>前缀单元格</x:t></x:is></x:c><x:c r="C2"><x:v>3.5</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;
    package(&[
        ("_rels/.rels", ROOT_RELS),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/workbook.xml", &workbook),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", SHARED),
        ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/worksheets/sheet2.xml", sheet2),
        ("xl/worksheets/sheet3.xml", sheet3),
    ])
}

#[test]
fn every_form_of_a_cell_reads_as_calamine_reads_it() {
    for date1904 in [false, true] {
        let cells = assert_same("手写.xlsx", &hand_written(date1904));
        let at = |sheet: &str, row: u32, col: u32| {
            cells
                .iter()
                .find(|c| c.0 == sheet && c.1 == row && c.2 == col)
                .map(|c| c.3.clone())
        };
        let s = "台账 & 进展";
        assert_eq!(at(s, 1, 2), Some(Data::String("加粗 普通".into())));
        assert_eq!(at(s, 1, 4), Some(Data::String("a&b<c>\"'\r中文".into())));
        assert!(matches!(at(s, 2, 1), Some(Data::DateTime(d)) if d.is_datetime()));
        assert!(matches!(at(s, 2, 4), Some(Data::DateTime(d)) if d.is_duration()));
        assert_eq!(at(s, 2, 3), Some(Data::Float(12.5)));
        assert_eq!(at(s, 5, 2), Some(Data::String("富 文本 ".into())));
        assert_eq!(at(s, 5, 4), Some(Data::String("<不转义> & 原样".into())));
        assert_eq!(at(s, 5, 7), Some(Data::String("not a number".into())));
        assert_eq!(at(s, 6, 2), Some(Data::Float(2.0)));
        assert!(
            cells.iter().all(|c| c.0 != "隐藏"),
            "a hidden sheet is not read"
        );
        assert_eq!(at("前缀", 2, 2), Some(Data::String("前缀单元格".into())));
    }
}

#[test]
fn broken_sheets_are_refused_by_both() {
    let with_sheet = |sheet: &str| {
        let workbook = r#"<workbook xmlns:r="r"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        package(&[
            ("_rels/.rels", ROOT_RELS),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/workbook.xml", workbook),
            ("xl/worksheets/sheet1.xml", sheet),
        ])
    };
    // A broken cell's reason names the cell (`None`: the sheet as a whole).
    for (sheet, cell) in [
        (
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>"#,
            Some("单元格 A1："),
        ),
        (
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="e"><v>#WHAT</v></c></row></sheetData></worksheet>"#,
            Some("单元格 A1："),
        ),
        (
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="n"><v>x</v></c></row></sheetData></worksheet>"#,
            Some("单元格 A1："),
        ),
        (
            r#"<worksheet><sheetData><row r="7"><c r="C7" t="inlineStr"><is><t>&nope;</t></is></c></row></sheetData></worksheet>"#,
            Some("单元格 C7："),
        ),
        (
            r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>"#,
            None,
        ),
    ] {
        let bytes = with_sheet(sheet);
        assert!(reads_fast(&bytes));
        assert!(whole("坏.xlsx", &bytes).is_err(), "calamine reads {sheet}");
        let err = streamed("坏.xlsx", &bytes, 2048)
            .expect_err(sheet)
            .to_string();
        assert!(
            err.contains("坏.xlsx") && err.contains("工作表“表”"),
            "{err}"
        );
        if let Some(cell) = cell {
            assert!(err.contains(cell), "{err}");
        }
    }
}

/// One cell longer than any a spreadsheet program writes (4 MB; Excel stops
/// at 32,767 characters) is refused with the sheet named, rather than read
/// again from its start after every chunk.
#[test]
fn a_cell_longer_than_any_real_one_is_refused() {
    // Text that does not compress (a ratio check would refuse it first).
    let mut seed = 7u32;
    let long: String = (0..1_700_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from_u32(0x4E00 + (seed >> 16) % 20_000).unwrap()
        })
        .collect();
    let workbook = r#"<workbook xmlns:r="r"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let sheet = format!(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row></sheetData></worksheet>"#
    );
    let bytes = package(&[
        ("_rels/.rels", ROOT_RELS),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/workbook.xml", workbook),
        ("xl/worksheets/sheet1.xml", &sheet),
    ]);
    assert!(reads_fast(&bytes));
    let err = streamed("长.xlsx", &bytes, 2048)
        .expect_err("a 5 MB cell")
        .to_string();
    assert!(
        err.contains("长.xlsx") && err.contains("工作表“表”") && err.contains("长于 4 MB"),
        "{err}"
    );
}

/// Text with what XML and Excel escape, spaces at either end, line ends,
/// CJK, full-width spaces and characters outside the BMP.
fn awkward_text(i: usize) -> String {
    const PIECES: [&str; 12] = [
        "督办", "&", "<tag>", "_x000D_", "\r\n", " ", "\u{3000}", "📎", "\"'", "]]>", "_x", "12",
    ];
    let mut seed = i as u64 * 2_654_435_761 + 1;
    let mut s = String::new();
    for _ in 0..(i % 9) {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        s.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
    }
    s
}

#[test]
fn a_large_sheet_of_awkward_text_reads_as_calamine_reads_it() {
    // Several hundred KiB of sheet XML: the fast reader's buffer refills
    // many times, cutting cells anywhere.
    let mut book = Book::new();
    let layout = Layout::new("大表").columns(vec![
        Column::text("文字", 20.0),
        Column::text("又一列", 20.0),
        Column::date("日期"),
    ]);
    let mut t = book.table("数据", &layout).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    for i in 0..6000 {
        let (a, b) = (awkward_text(i), awkward_text(i + 7));
        t.row(
            &[Cell::Text(&a), Cell::Text(&b), Cell::Date(day)],
            Fill::None,
        )
        .unwrap();
    }
    let dir = tempfile_dir();
    let path = dir.join("awkward.xlsx");
    book.save(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let cells = assert_same("awkward.xlsx", &bytes);
    assert!(cells.len() > 12_000, "{} cells", cells.len());
    std::fs::remove_dir_all(dir).unwrap();
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("duban-xlsx-cells-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// [`package_laid_out_unusually`], which the fast reader leaves to calamine.
fn unusual_package(sheet: &str) -> Vec<u8> {
    let bytes = package_laid_out_unusually(sheet);
    assert!(!reads_fast(&bytes));
    bytes
}

#[test]
fn a_package_laid_out_unusually_is_read_by_calamine_piece_by_piece() {
    // calamine's cell reader gives the same pieces as the fast reader would.
    let bytes = unusual_package(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>事项编号</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>DB-1</t></is></c><c r="B2"><v>3</v></c></row></sheetData></worksheet>"#,
    );
    let expected = whole("另存.xlsx", &bytes).unwrap();
    assert_eq!(expected.len(), 3, "{expected:?}");
    for rows in [1, 2048] {
        assert_eq!(streamed("另存.xlsx", &bytes, rows).unwrap(), expected);
    }
}

#[test]
fn a_package_that_makes_calamine_panic_is_refused_as_damaged_whole_or_in_pieces() {
    // Read by calamine, with a cell reference of nine letters: calamine's
    // arithmetic on it overflows (a panic where overflow is checked, as in
    // this test build; a wrong position where not).
    let bytes = unusual_package(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>事项编号</t></is></c></row>
<row r="2"><c r="AAAAAAAAA2"><v>3</v></c></row></sheetData></worksheet>"#,
    );
    let refused = |what: &str, e: duban::Error| {
        let text = e.to_string();
        assert!(
            text.contains("溢出.xlsx") && text.contains("读取时无法解析其中的内容"),
            "{what}: {text}"
        );
    };
    refused("whole", whole("溢出.xlsx", &bytes).unwrap_err());
    refused(
        "in pieces",
        streamed("溢出.xlsx", &bytes, 2048).unwrap_err(),
    );
}
