//! Puts streamed rows ([`super::stream`]) into the workbook rust_xlsxwriter
//! saved: every part is copied as it is (still compressed), except each
//! streamed sheet's XML, which becomes its head (up to `</sheetData>`), the
//! rows already compressed, and its tail, joined into one deflate stream.
//!
//! The zip is written here (local headers, central directory, end record):
//! the `zip` crate can copy a compressed part but not add one compressed
//! elsewhere. Parts over 4 GB (zip64) are refused with a message; a sheet of
//! 1,048,576 rows of 32,767 characters could reach that, nothing real does.

use std::io::{Cursor, Read, Write};

use flate2::{Compress, Compression, FlushCompress};
use zip::{CompressionMethod, ZipArchive};

use super::stream::{deflate, Deflated};
use crate::error::{Error, Result};

/// The XML of worksheet part `number` in the workbook `bytes`.
pub(crate) fn sheet_xml(bytes: &[u8], number: usize) -> Result<String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut part = zip.by_name(&sheet_part(number)).map_err(broken)?;
    let mut xml = String::new();
    part.read_to_string(&mut xml).map_err(broken)?;
    Ok(xml)
}

fn sheet_part(number: usize) -> String {
    format!("xl/worksheets/sheet{number}.xml")
}

/// A file past the zip format's 4 GB limits (we write no ZIP64).
fn too_big() -> Error {
    Error::BadFile(
        "生成表格失败：表格过大（超过 4 GB），请缩小导出范围（例如按时间段分次导出）后重试。"
            .into(),
    )
}

/// A workbook our own writer made that the splice cannot read: a defect of
/// the program, not of the user's data. The detail goes to the support log;
/// the clerk is told what to do.
fn broken(e: impl std::fmt::Display) -> Error {
    tracing::error!(detail = %e, "splicing streamed rows into the workbook failed");
    Error::BadFile(
        "生成表格失败（程序内部错误），请重试；如仍失败，请联系技术支持并提供日志。".into(),
    )
}

/// The style (`s`) of each of the first `ncols` columns, from the sheet's
/// `<col min max style>` elements; 0 for a column without one.
pub(crate) fn column_styles(xml: &str, ncols: usize) -> Vec<u32> {
    let mut styles = vec![0; ncols];
    let cols = match (xml.find("<cols>"), xml.find("</cols>")) {
        (Some(a), Some(b)) if a < b => &xml[a..b],
        _ => return styles,
    };
    // Each piece after `<col` starts with its attributes (` min="1" …`);
    // the first two are what precedes and `s>` of `<cols>`.
    for col in cols.split("<col").skip(1) {
        let tag = col.split("/>").next().unwrap_or_default();
        let (Some(min), Some(max)) = (attribute(tag, "min"), attribute(tag, "max")) else {
            continue;
        };
        let style = attribute(tag, "style").unwrap_or(0);
        for c in min.max(1)..=max.min(ncols as u32) {
            styles[c as usize - 1] = style;
        }
    }
    styles
}

fn attribute(tag: &str, name: &str) -> Option<u32> {
    let start = tag
        .find(&format!(" {name}=\""))
        .map(|i| i + name.len() + 3)?;
    let rest = &tag[start..];
    rest[..rest.find('"')?].parse().ok()
}

/// A streamed sheet to put into the workbook.
pub(crate) struct SplicedSheet {
    pub(crate) number: usize,
    /// The styles the rows were written with (checked against the saved sheet).
    pub(crate) styles: Vec<u32>,
    /// The last 1-based row and column of the sheet, for `<dimension>`.
    pub(crate) last_row: u32,
    pub(crate) last_col: u16,
    pub(crate) rows: Deflated,
}

/// Writes the workbook `bytes` with `sheets`' rows put in to `out`, part by
/// part: the rows, compressed on the deflating thread, go to `out` as they
/// are (a 100,000-row ledger's 22 MB were copied twice into a growing buffer
/// before the file was written, a tenth of the export's time). A failed
/// write is [`Error::Io`].
pub(crate) fn splice(bytes: &[u8], sheets: Vec<SplicedSheet>, out: &mut dyn Write) -> Result<()> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut out = ZipOut::new(out);
    let mut sheets = sheets;
    for i in 0..zip.len() {
        let name = zip
            .by_index_raw(i)
            .map_err(broken)?
            .name()
            .map_err(broken)?
            .to_string();
        if let Some(at) = sheets.iter().position(|s| sheet_part(s.number) == name) {
            let sheet = sheets.swap_remove(at);
            let mut xml = String::new();
            zip.by_index(i)
                .map_err(broken)?
                .read_to_string(&mut xml)
                .map_err(broken)?;
            let joined = join_rows(&xml, &sheet)?;
            let mut pieces = vec![joined.head.as_slice()];
            pieces.extend(sheet.rows.data.iter().map(Vec::as_slice));
            pieces.push(&joined.tail);
            out.part(&name, 8, joined.crc, joined.len, &pieces)?;
            continue;
        }
        let mut part = zip.by_index_raw(i).map_err(broken)?;
        let method = match part.compression() {
            CompressionMethod::Stored => 0,
            CompressionMethod::Deflated => 8,
            other => return Err(broken(format!("意外的压缩方式 {other:?}"))),
        };
        let (crc, len) = (part.crc32(), part.size());
        let mut data = Vec::with_capacity(part.compressed_size() as usize);
        part.read_to_end(&mut data).map_err(broken)?;
        out.part(&name, method, crc, len, &[&data])?;
    }
    if !sheets.is_empty() {
        return Err(broken("找不到要写入的工作表"));
    }
    out.finish()
}

/// A streamed sheet's part around its rows: the compressed XML before and
/// after them, and the whole part's CRC-32 and uncompressed length.
struct JoinedRows {
    head: Vec<u8>,
    tail: Vec<u8>,
    crc: u32,
    len: u64,
}

/// The sheet's XML around the rows inside `<sheetData>`, compressed so that
/// head, rows and tail make one deflate stream.
fn join_rows(xml: &str, sheet: &SplicedSheet) -> Result<JoinedRows> {
    let ncols = sheet.styles.len();
    if column_styles(xml, ncols) != sheet.styles {
        return Err(broken("列格式编号与写入时不一致"));
    }
    const EMPTY: &str = "<sheetData/>";
    let (head, tail) = if let Some(at) = xml.find("</sheetData>") {
        (xml[..at].to_string(), xml[at..].to_string())
    } else if let Some(at) = xml.find(EMPTY) {
        (
            format!("{}<sheetData>", &xml[..at]),
            format!("</sheetData>{}", &xml[at + EMPTY.len()..]),
        )
    } else {
        return Err(broken("工作表缺少 sheetData"));
    };
    let head = with_dimension(&head, sheet.last_col, sheet.last_row);
    let mut c = Compress::new(Compression::new(1), false);
    let mut head_data = Vec::new();
    deflate(&mut c, head.as_bytes(), &mut head_data, FlushCompress::Sync).map_err(broken)?;
    let mut c = Compress::new(Compression::new(1), false);
    let mut tail_data = Vec::new();
    deflate(
        &mut c,
        tail.as_bytes(),
        &mut tail_data,
        FlushCompress::Finish,
    )
    .map_err(broken)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(head.as_bytes());
    crc.combine(&sheet.rows.crc);
    let mut tail_crc = crc32fast::Hasher::new();
    tail_crc.update(tail.as_bytes());
    crc.combine(&tail_crc);
    Ok(JoinedRows {
        head: head_data,
        tail: tail_data,
        crc: crc.finalize(),
        len: head.len() as u64 + sheet.rows.len + tail.len() as u64,
    })
}

/// `head` with its `<dimension ref>` covering A1 to the last cell.
fn with_dimension(head: &str, last_col: u16, last_row: u32) -> String {
    let range = format!(
        "A1:{}{}",
        super::excel::column_letters(last_col.saturating_sub(1)),
        last_row.max(1)
    );
    match head.find("<dimension ref=\"") {
        Some(at) => {
            let start = at + "<dimension ref=\"".len();
            let end = head[start..].find('"').map_or(start, |e| start + e);
            format!("{}{range}{}", &head[..start], &head[end..])
        }
        None => head.to_string(),
    }
}

/// A zip being written to `out`: the parts' local headers and data, then
/// the central directory.
struct ZipOut<'w> {
    out: &'w mut dyn Write,
    /// Bytes written to `out` so far: the next part's offset.
    written: u64,
    central: Vec<u8>,
    count: u16,
}

/// 1980-01-01 00:00, the zip's earliest date (as rust_xlsxwriter writes).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

impl<'w> ZipOut<'w> {
    fn new(out: &'w mut dyn Write) -> ZipOut<'w> {
        ZipOut {
            out,
            written: 0,
            central: Vec::new(),
            count: 0,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Part `name`, its compressed data the `pieces` one after the other.
    fn part(
        &mut self,
        name: &str,
        method: u16,
        crc: u32,
        len: u64,
        pieces: &[&[u8]],
    ) -> Result<()> {
        let len = u32::try_from(len).map_err(|_| too_big())?;
        let size = pieces.iter().map(|p| p.len() as u64).sum::<u64>();
        let size = u32::try_from(size).map_err(|_| too_big())?;
        let offset = u32::try_from(self.written).map_err(|_| too_big())?;
        self.count = self.count.checked_add(1).ok_or_else(too_big)?;
        let name = name.as_bytes();
        let fixed = |b: &mut Vec<u8>| {
            for v in [20u16, 0, method, DOS_TIME, DOS_DATE] {
                b.extend_from_slice(&v.to_le_bytes());
            }
            for v in [crc, size, len] {
                b.extend_from_slice(&v.to_le_bytes());
            }
            b.extend_from_slice(&(name.len() as u16).to_le_bytes());
            b.extend_from_slice(&0u16.to_le_bytes());
        };
        let mut local = 0x0403_4b50u32.to_le_bytes().to_vec();
        fixed(&mut local);
        local.extend_from_slice(name);
        self.write(&local)?;
        for piece in pieces {
            self.write(piece)?;
        }

        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes());
        fixed(&mut self.central);
        // Comment length, disk, internal and external attributes, offset.
        for v in [0u16, 0, 0] {
            self.central.extend_from_slice(&v.to_le_bytes());
        }
        self.central.extend_from_slice(&0u32.to_le_bytes());
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name);
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        let offset = u32::try_from(self.written).map_err(|_| too_big())?;
        let size = u32::try_from(self.central.len()).map_err(|_| too_big())?;
        let mut end = std::mem::take(&mut self.central);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, self.count, self.count] {
            end.extend_from_slice(&v.to_le_bytes());
        }
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&offset.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.write(&end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_styles_read_cols() {
        let xml = r#"<cols><col min="1" max="1" width="8.7" style="3" customWidth="1"/><col min="2" max="3" width="20" style="5" customWidth="1"/></cols>"#;
        assert_eq!(column_styles(xml, 4), vec![3, 5, 5, 0]);
        assert_eq!(column_styles("<sheetData/>", 2), vec![0, 0]);
    }

    /// A writer that takes as many bytes more as it holds, then reports a full disk.
    struct FailsAfter(usize);

    impl Write for FailsAfter {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            let n = b.len().min(self.0);
            self.0 -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn rows_spliced_in_pieces_read_back_and_a_failed_write_is_an_io_error() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet();
        let bytes = wb.save_to_buffer().unwrap();
        let rows = [
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
            "<row r=\"2\"/>",
        ];
        let mut c = Compress::new(Compression::new(1), false);
        let mut data = vec![Vec::new(), Vec::new()];
        let mut crc = crc32fast::Hasher::new();
        for (row, piece) in rows.iter().zip(&mut data) {
            deflate(&mut c, row.as_bytes(), piece, FlushCompress::Sync).unwrap();
            crc.update(row.as_bytes());
        }
        let sheet = || SplicedSheet {
            number: 1,
            styles: Vec::new(),
            last_row: 2,
            last_col: 1,
            rows: Deflated {
                data: data.clone(),
                crc: crc.clone(),
                len: rows.concat().len() as u64,
            },
        };
        let mut whole = Vec::new();
        splice(&bytes, vec![sheet()], &mut whole).unwrap();
        let xml = sheet_xml(&whole, 1).unwrap();
        assert!(
            xml.contains(&format!("<sheetData>{}</sheetData>", rows.concat())),
            "{xml}"
        );
        assert!(xml.contains("<dimension ref=\"A1:A2\"/>"), "{xml}");
        for n in [0, 30, whole.len() / 2, whole.len() - 1] {
            let failed = splice(&bytes, vec![sheet()], &mut FailsAfter(n));
            assert!(matches!(failed, Err(Error::Io(_))), "{n}: {failed:?}");
        }
        splice(&bytes, vec![sheet()], &mut FailsAfter(whole.len())).unwrap();
    }

    #[test]
    fn dimension_covers_the_rows() {
        let head = r#"<worksheet><dimension ref="A1:H3"/><sheetViews>"#;
        assert_eq!(
            with_dimension(head, 8, 100_004),
            r#"<worksheet><dimension ref="A1:H100004"/><sheetViews>"#
        );
    }
}
