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
