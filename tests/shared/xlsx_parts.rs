//! Crafted `.xlsx` files for the test crates (included by each one's
//! `support` module with `#[path]`): a file written by our writer, then
//! changed inside as no writer would (a cell too long, an error cell, rows out
//! of order).

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;

/// Rewrites every part of an `.xlsx` through `edit(name, xml)`.
pub fn rewrite_parts(xlsx: &[u8], mut edit: impl FnMut(&str, String) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).unwrap();
        if name.ends_with(".xml") {
            body = edit(&name, String::from_utf8(body).unwrap()).into_bytes();
        }
        out.start_file(name, SimpleFileOptions::default()).unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// An `.xlsx` package from its parts (name, XML), each stored as given.
pub fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A package of one sheet (`sheet` is its XML) whose workbook part is
/// `xl/book.xml`, not where Duban's own walker looks for it: the file is read
/// by calamine, whole or in pieces.
pub fn package_laid_out_unusually(sheet: &str) -> Vec<u8> {
    let rel = |id: &str, kind: &str, target: &str| {
        format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
        )
    };
    let rels = |r: String| {
        format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{r}</Relationships>"#
        )
    };
    package(&[
        (
            "_rels/.rels",
            &rels(rel("rId1", "officeDocument", "xl/book.xml")),
        ),
        (
            "xl/_rels/book.xml.rels",
            &rels(rel("rId1", "worksheet", "worksheets/sheet1.xml")),
        ),
        (
            "xl/book.xml",
            r#"<workbook xmlns:r="r"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}
