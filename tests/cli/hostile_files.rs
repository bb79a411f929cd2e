//! The generator of crafted hostile spreadsheets (issue: hostile or careless
//! sheets). Every file is made here, at test time, from a few bytes of
//! intent: a cell at XFD1048576, an `.ods` row repeated a million times,
//! rows stored out of order, a shared-strings part that inflates past the
//! limit. Nothing binary is committed.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;

use crate::support::{package_laid_out_unusually, rewrite_parts};

/// The ledger header (EXCHANGE §2.1) written at row 1.
pub const LEDGER_HEADER: [&str; 3] = ["事项名称", "牵头部门", "完成时限"];

/// An `.xlsx` with the ledger header, `rows` valid rows, and one extra cell
/// written at the 0-based position `far`.
pub fn xlsx_with_far_cell(rows: u32, far: (u32, u16)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in LEDGER_HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=rows {
        ws.write_string(r, 0, format!("事项{r}")).unwrap();
        ws.write_string(r, 1, "办公厅").unwrap();
        ws.write_string(r, 2, "2026-12-31").unwrap();
    }
    ws.write_string(far.0, far.1, "远处的字").unwrap();
    wb.save_to_buffer().unwrap()
}

/// A minimal `.ods` whose one table has a row with a cell repeated across
/// every column, the row repeated to the last row: a few hundred bytes that
/// span 1,048,576 × 16,384 cells.
pub fn ods_absurd() -> Vec<u8> {
    ods_of(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>事项名称</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
        0,
    )
}

/// A small `.ods` (the ledger header and one row) whose manifest carries
/// `mb` MB of blanks after its root element's start tag.
pub fn ods_with_inflating_manifest(mb: usize) -> Vec<u8> {
    let cells = |texts: [&str; 3]| {
        texts
            .map(|t| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#))
            .concat()
    };
    let rows = format!(
        "<table:table-row>{}</table:table-row><table:table-row>{}</table:table-row>",
        cells(["事项名称", "牵头部门", "完成时限"]),
        cells(["事项1", "办公厅", "2026-12-31"]),
    );
    ods_of(&rows, mb)
}

/// A minimal `.ods` package: one table 台账 of `rows` (table-row elements),
/// and a manifest with `mb` MB of blanks after its root element's start tag.
fn ods_of(rows: &str, mb: usize) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="台账">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", SimpleFileOptions::default())
        .unwrap();
    out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#)
        .unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..mb {
        out.write_all(&chunk).unwrap();
    }
    out.write_all(br#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        .unwrap();
    out.start_file("content.xml", SimpleFileOptions::default())
        .unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

/// Moves the `<row r="{row}">` element of the first worksheet to the end of
/// its sheet data (rows stored out of order, as some generators write them).
pub fn move_row_to_end(xlsx: &[u8], row: u32) -> Vec<u8> {
    rewrite_parts(xlsx, |name, xml| {
        if name != "xl/worksheets/sheet1.xml" {
            return xml;
        }
        let open = format!("<row r=\"{row}\"");
        let start = xml.find(&open).expect("row present");
        let end = start + xml[start..].find("</row>").unwrap() + "</row>".len();
        let moved = xml[start..end].to_string();
        let mut rest = format!("{}{}", &xml[..start], &xml[end..]);
        let close = rest.find("</sheetData>").unwrap();
        rest.insert_str(close, &moved);
        rest
    })
}

/// A small `.xlsx` whose part `part` gets `mb` MB of `fill` bytes written
/// into it at the place `at` finds in its XML, between `open` and `close`
/// (a few hundred KB compressed: a bomb in that part).
fn xlsx_inflating_at(
    part: &str,
    mb: usize,
    at: impl Fn(&str) -> usize,
    (open, fill, close): (&str, u8, &str),
) -> Vec<u8> {
    let plain = xlsx_with_far_cell(1, (1, 0));
    let mut src = zip::ZipArchive::new(Cursor::new(plain)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).unwrap();
        out.start_file(name.as_str(), SimpleFileOptions::default())
            .unwrap();
        if name != part {
            out.write_all(&body).unwrap();
            continue;
        }
        found = true;
        let xml = String::from_utf8(body).unwrap();
        let cut = at(&xml);
        out.write_all(&xml.as_bytes()[..cut]).unwrap();
        out.write_all(open.as_bytes()).unwrap();
        let chunk = vec![fill; 1024 * 1024];
        for _ in 0..mb {
            out.write_all(&chunk).unwrap();
        }
        out.write_all(close.as_bytes()).unwrap();
        out.write_all(&xml.as_bytes()[cut..]).unwrap();
    }
    assert!(found, "no part {part}");
    out.finish().unwrap().into_inner()
}

/// An `.xlsx` whose shared-strings part inflates to more than `mb` MB (one
/// string of repeated characters).
pub fn xlsx_with_inflating_strings(mb: usize) -> Vec<u8> {
    xlsx_inflating_at(
        "xl/sharedStrings.xml",
        mb,
        |xml| xml.find("</sst>").unwrap(),
        ("<si><t>", b'a', "</t></si>"),
    )
}

/// An `.xlsx` whose first sheet holds one inline cell of `mb` MB of repeated
/// characters: a bomb in the sheet itself, not in the shared strings.
pub fn xlsx_with_inflating_cell(mb: usize) -> Vec<u8> {
    xlsx_inflating_at(
        "xl/worksheets/sheet1.xml",
        mb,
        |xml| xml.find("</sheetData>").unwrap(),
        (
            "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>",
            b'a',
            "</t></is></c></row>",
        ),
    )
}

/// An `.xlsx` whose part `part` (the workbook, its styles, a relationships
/// part) carries `mb` MB of blanks after its root element's start tag: still
/// well-formed XML, one run of text the readers would hold whole.
pub fn xlsx_with_inflating_part(part: &str, mb: usize) -> Vec<u8> {
    let after_root_tag = |xml: &str| {
        let root = xml
            .match_indices('<')
            .find(|(i, _)| !xml[*i..].starts_with("<?"))
            .unwrap()
            .0;
        root + xml[root..].find('>').unwrap() + 1
    };
    xlsx_inflating_at(part, mb, after_root_tag, ("", b' ', ""))
}

/// The ledger fixture `.xls` (saved by LibreOffice) with its workbook stream
/// (BIFF8 records) changed by `edit`, written back into the same container.
pub fn xls_with_workbook_edited(edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let bytes = std::fs::read(crate::import::fixture("ledger_libreoffice.xls")).unwrap();
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut stream = Vec::new();
    file.open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    edit(&mut stream);
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The offset of the data of the first record of type `typ` at or after
/// `from` in a BIFF stream, walking record by record.
pub fn biff_record(stream: &[u8], typ: u16, from: usize) -> usize {
    let mut at = 0;
    while at + 4 <= stream.len() {
        let t = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        if t == typ && at >= from {
            return at + 4;
        }
        at += 4 + len;
    }
    panic!("no record 0x{typ:04X} after {from}");
}

/// Where the first worksheet's substream starts (its BoundSheet8 record).
pub fn first_sheet(stream: &[u8]) -> usize {
    let at = biff_record(stream, 0x0085, 0);
    u32::from_le_bytes(stream[at..at + 4].try_into().unwrap()) as usize
}

/// A small ledger laid out unusually (read by calamine rather than our
/// walker) whose one data row has its first cell at `reference`.
pub fn xlsx_unusual_with_reference(reference: &str) -> Vec<u8> {
    let cell = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let header: String = LEDGER_HEADER
        .iter()
        .zip(["A1", "B1", "C1"])
        .map(|(t, r)| cell(r, t))
        .collect();
    package_laid_out_unusually(&format!(
        r#"<worksheet><sheetData><row r="1">{header}</row><row r="2">{}{}{}</row></sheetData></worksheet>"#,
        cell(reference, "事项1"),
        cell("B2", "办公厅"),
        cell("C2", "2026-12-31"),
    ))
}
