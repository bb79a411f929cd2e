//! The data rows of a large table ([`super::write::Book::streamed_table`]),
//! written as worksheet XML by us and compressed while they are written.
//!
//! rust_xlsxwriter builds everything around the rows (title, header, column
//! formats, conditional formats, print setup); it never sees the rows. Each
//! row becomes `<row>` XML in a buffer; full buffers go to a second thread
//! that deflates them as one stream ([`Deflating`]), so the compression of a
//! 100,000-row sheet runs beside the query and the XML instead of after them,
//! and memory holds the compressed rows only. When the workbook is saved,
//! [`super::splice`] puts the rows into the sheet's XML inside the zip.
//!
//! A cell is written as rust_xlsxwriter would write it: the column's format
//! as its style (`s`), text inline (`t="inlineStr"`) with the same escapes,
//! dates as Excel serial numbers, and the row height of wrapped text.

use std::io::Write;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::LazyLock;
use std::thread::JoinHandle;

use flate2::{Compress, Compression, FlushCompress, Status};
use memchr::memmem;

use super::columns::Cell;
use super::excel::{excel_date, excel_datetime};
use crate::error::{Error, Result};

/// Bytes of XML handed to the compressing thread at a time.
const CHUNK: usize = 256 * 1024;

/// What one non-blank cell holds, as it is written.
enum Content<'s> {
    /// A number (dates and date-times as Excel serials).
    Number(f64),
    /// Inline text.
    Text(&'s str),
    /// NaN or an infinity, written as its text.
    NotFinite(f64),
}

/// The rows of one streamed sheet being written.
pub(crate) struct StreamedRows {
    /// The worksheet's part: `xl/worksheets/sheet{number}.xml`.
    pub(crate) number: usize,
    /// Each column's style: the global format index of its column format
    /// (read back from rust_xlsxwriter, see [`column_styles`]).
    pub(crate) styles: Vec<u32>,
    letters: Vec<String>,
    /// One past the last 0-based row written (the header's next row at first).
    pub(crate) next: u32,
    buf: Vec<u8>,
    deflating: Deflating,
}

impl StreamedRows {
    /// Rows for sheet `number` whose columns have `styles`, from 0-based row `first`.
    pub(crate) fn new(number: usize, styles: Vec<u32>, first: u32) -> StreamedRows {
        let letters = (0..styles.len() as u16)
            .map(super::excel::column_letters)
            .collect();
        StreamedRows {
            number,
            styles,
            letters,
            next: first,
            buf: Vec::with_capacity(CHUNK + 64 * 1024),
            deflating: Deflating::start(),
        }
    }

    /// Writes 0-based row `r` (cells left to right, blanks skipped), `height`
    /// in points when the row has one of its own.
    pub(crate) fn row(&mut self, r: u32, cells: &[Cell<'_>], height: Option<f64>) -> Result<()> {
        let row = r + 1;
        let b = &mut self.buf;
        b.extend_from_slice(b"<row r=\"");
        push_int(b, u64::from(row));
        b.push(b'"');
        if let Some(h) = height {
            // As rust_xlsxwriter's set_row_height: whole pixels, then points.
            let pixels = (h * 4.0 / 3.0).round().max(1.0);
            let _ = write!(b, " ht=\"{}\" customHeight=\"1\"", pixels * 0.75);
        }
        b.push(b'>');
        for (c, cell) in cells.iter().enumerate().take(self.styles.len()) {
            let content = match *cell {
                Cell::Text("") | Cell::Blank => continue,
                Cell::Text(s) => Content::Text(s),
                Cell::Date(d) => Content::Number(excel_date(d)?.to_excel()),
                Cell::DateTime(t) => Content::Number(excel_datetime(t)?.to_excel()),
                Cell::Number(n) if n.is_finite() => Content::Number(n),
                Cell::Number(n) => Content::NotFinite(n),
                Cell::Int(n) => Content::Number(n as f64),
            };
            b.extend_from_slice(b"<c r=\"");
            b.extend_from_slice(self.letters[c].as_bytes());
            push_int(b, u64::from(row));
            b.push(b'"');
            if self.styles[c] != 0 {
                b.extend_from_slice(b" s=\"");
                push_int(b, u64::from(self.styles[c]));
                b.push(b'"');
            }
            match content {
                Content::Number(n) => {
                    b.extend_from_slice(b"><v>");
                    push_number(b, n);
                    b.extend_from_slice(b"</v></c>");
                }
                Content::Text(s) => push_inline_text(b, s),
                // NaN and infinities as text, as rust_xlsxwriter does.
                Content::NotFinite(n) => push_inline_text(b, &n.to_string()),
            }
        }
        b.extend_from_slice(b"</row>");
        self.next = r + 1;
        if self.buf.len() >= CHUNK {
            let next = self.deflating.buffer();
            let full = std::mem::replace(&mut self.buf, next);
            self.deflating.send(full)?;
        }
        Ok(())
    }

    /// Ends the rows: the compressed XML, its CRC-32 and length.
    pub(crate) fn finish(mut self) -> Result<Deflated> {
        let last = std::mem::take(&mut self.buf);
        if !last.is_empty() {
            self.deflating.send(last)?;
        }
        self.deflating.finish()
    }
}

/// A finite number as Rust prints it (which Excel reads back exactly); whole
/// numbers (counts, dates) without the float formatter, a tenth of the cost.
fn push_number(b: &mut Vec<u8>, n: f64) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.fract() == 0.0 && n.abs() < EXACT {
        if n < 0.0 {
            b.push(b'-');
        }
        push_int(b, n.abs() as u64);
    } else {
        let _ = write!(b, "{n}");
    }
}

/// A whole number as decimal digits.
fn push_int(b: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    b.extend_from_slice(&digits[i..]);
}

/// The rest of a text cell after `<c r=".." s=".."`: inline, escaped as Excel
/// does (XML's `& < >`, control characters as `_xHHHH_`, and a literal
/// `_xHHHH_` with its underscore escaped), whitespace kept at either end.
fn push_inline_text(b: &mut Vec<u8>, s: &str) {
    let s = super::write::fit(s);
    b.extend_from_slice(b" t=\"inlineStr\"><is><t");
    if s.starts_with(['\t', '\n', ' ']) || s.ends_with(['\t', '\n', ' ']) {
        b.extend_from_slice(b" xml:space=\"preserve\"");
    }
    b.push(b'>');
    push_escaped(b, &s);
    b.extend_from_slice(b"</t></is></c>");
}

fn push_escaped(b: &mut Vec<u8>, s: &str) {
    // U+FFFE and U+FFFF are escaped too; they are rare, and looking for
    // their lead byte (EF) would stop at every full-width comma of a text.
    let bytes = s.as_bytes();
    // (both are EF BF BE / EF BF BF in UTF-8: one pass over the text, with a
    // searcher built once, not for every cell)
    static NONCHAR_START: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(b"\xEF\xBF"));
    let nonchars = NONCHAR_START
        .find_iter(bytes)
        .any(|at| matches!(bytes.get(at + 2), Some(0xBE | 0xBF)));
    let mut i = 0;
    loop {
        // Plain bytes are copied a run at a time; only `& < > _` and control
        // characters (and EF when the text has a noncharacter) are looked at.
        let j = next_to_look_at(bytes, i, nonchars);
        b.extend_from_slice(&bytes[i..j]);
        let Some(&c) = bytes.get(j) else { return };
        let (escape, len): (&[u8], usize) = match c {
            b'&' => (b"&amp;", 1),
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            b'_' if is_excel_escape(&bytes[j..]) => (b"_x005F_", 1),
            b'\t' | b'\n' => (&bytes[j..=j], 1),
            0..=0x1F => {
                let _ = write!(b, "_x{c:04X}_");
                i = j + 1;
                continue;
            }
            0xEF if bytes[j..].starts_with(&[0xEF, 0xBF, 0xBE]) => (b"_xFFFE_", 3),
            0xEF if bytes[j..].starts_with(&[0xEF, 0xBF, 0xBF]) => (b"_xFFFF_", 3),
            _ => (&bytes[j..=j], 1),
        };
        b.extend_from_slice(escape);
        i = j + len;
    }
}

/// The first byte from `i` that [`push_escaped`] must look at (or the end),
/// sixteen bytes at a time where none is (a loop the compiler vectorises).
fn next_to_look_at(bytes: &[u8], mut i: usize, nonchars: bool) -> usize {
    let look =
        |c: u8| c < 0x20 || matches!(c, b'&' | b'<' | b'>' | b'_') || (nonchars && c == 0xEF);
    while let Some(chunk) = bytes.get(i..i + 16) {
        if chunk.iter().fold(false, |hit, &c| hit | look(c)) {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && !look(bytes[i]) {
        i += 1;
    }
    i
}

/// Whether `s` starts with `_xHHHH_` (Excel's escape of a character).
fn is_excel_escape(b: &[u8]) -> bool {
    b.len() >= 7 && b[1] == b'x' && b[6] == b'_' && b[2..6].iter().all(u8::is_ascii_hexdigit)
}

/// Compressed rows: raw deflate ending on a byte boundary (a sync flush), so
/// the sheet's XML around them can be compressed on its own and joined.
pub(crate) struct Deflated {
    /// The compressed bytes, in pieces of about [`OUT_PIECE`] written one
    /// after the other (one buffer grown by doubling copied 22 MB of a
    /// 100,000-row ledger on the way).
    pub(crate) data: Vec<Vec<u8>>,
    pub(crate) crc: crc32fast::Hasher,
    pub(crate) len: u64,
}

/// A thread deflating the chunks it is sent, as one stream; it hands the
/// emptied buffers back, so the rows reuse a few buffers rather than
/// asking the system for fresh memory every 256 KB.
struct Deflating {
    tx: Option<SyncSender<Vec<u8>>>,
    emptied: Option<Receiver<Vec<u8>>>,
    worker: Option<JoinHandle<std::io::Result<Deflated>>>,
}

impl Deflating {
    fn start() -> Deflating {
        let (tx, rx) = sync_channel::<Vec<u8>>(4);
        let (give_back, emptied) = sync_channel::<Vec<u8>>(8);
        let worker = std::thread::Builder::new()
            .name("duban-deflate".into())
            .spawn(move || {
                let mut c = Compress::new(Compression::new(1), false);
                let mut out = Deflated {
                    data: Vec::new(),
                    crc: crc32fast::Hasher::new(),
                    len: 0,
                };
                for mut chunk in rx {
                    out.crc.update(&chunk);
                    out.len += chunk.len() as u64;
                    deflate(
                        &mut c,
                        &chunk,
                        piece_for(&mut out.data),
                        FlushCompress::None,
                    )?;
                    chunk.clear();
                    // Kept by the writer for its next rows, or dropped.
                    let _ = give_back.try_send(chunk);
                }
                deflate(&mut c, &[], piece_for(&mut out.data), FlushCompress::Sync)?;
                Ok(out)
            });
        match worker {
            Ok(w) => Deflating {
                tx: Some(tx),
                emptied: Some(emptied),
                worker: Some(w),
            },
            // No thread: compress in place when the rows end.
            Err(e) => {
                tracing::warn!(error = %e, "deflate thread did not start");
                Deflating {
                    tx: None,
                    emptied: None,
                    worker: None,
                }
            }
        }
    }

    fn send(&mut self, chunk: Vec<u8>) -> Result<()> {
        match &self.tx {
            Some(tx) => tx.send(chunk).map_err(|_| stopped()),
            None => Err(stopped()),
        }
    }

    /// An emptied buffer to fill next, or a new one.
    fn buffer(&mut self) -> Vec<u8> {
        self.emptied
            .as_ref()
            .and_then(|r| r.try_recv().ok())
            .unwrap_or_else(|| Vec::with_capacity(CHUNK + 64 * 1024))
    }

    fn finish(mut self) -> Result<Deflated> {
        drop(self.tx.take());
        let worker = self.worker.take().ok_or_else(stopped)?;
        worker
            .join()
            .map_err(|_| stopped())?
            .map_err(|e| Error::BadFile(format!("生成表格失败：{e}")))
    }
}

/// Compressed bytes are written into pieces of this size.
const OUT_PIECE: usize = 4 << 20;

/// The piece of `data` the next compressed bytes go to: the last, or a new
/// one when the last has less room than a chunk of XML could need (should a
/// chunk need more, [`deflate`] grows the piece).
fn piece_for(data: &mut Vec<Vec<u8>>) -> &mut Vec<u8> {
    let full = data
        .last()
        .is_none_or(|p| p.capacity() - p.len() < 2 * CHUNK);
    if full {
        data.push(Vec::with_capacity(OUT_PIECE));
    }
    let last = data.len() - 1;
    &mut data[last]
}

fn stopped() -> Error {
    Error::BadFile("生成表格失败：压缩线程已停止。请重试；如仍失败，请联系技术支持。".into())
}

/// Deflates `input` onto `out`; with `Sync` or `Finish`, flushes the stream.
pub(crate) fn deflate(
    c: &mut Compress,
    mut input: &[u8],
    out: &mut Vec<u8>,
    flush: FlushCompress,
) -> std::io::Result<()> {
    loop {
        if out.capacity() - out.len() < 32 * 1024 {
            out.reserve(256 * 1024);
        }
        let (read, wrote) = (c.total_in(), c.total_out());
        let status = c
            .compress_vec(input, out, flush)
            .map_err(std::io::Error::other)?;
        input = &input[(c.total_in() - read) as usize..];
        if status == Status::StreamEnd {
            return Ok(());
        }
        if input.is_empty() {
            let flushed = out.len() < out.capacity();
            match flush {
                FlushCompress::None => return Ok(()),
                FlushCompress::Finish => {}
                _ if flushed => return Ok(()),
                _ => {}
            }
        }
        if c.total_in() == read && c.total_out() == wrote && !input.is_empty() {
            return Err(std::io::Error::other("deflate made no progress"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut b = Vec::new();
        push_escaped(&mut b, s);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn text_is_escaped_as_excel_does() {
        assert_eq!(escaped("税费<支持>&红利"), "税费&lt;支持&gt;&amp;红利");
        assert_eq!(escaped("a\u{1}b\rc\td\ne"), "a_x0001_b_x000D_c\td\ne");
        assert_eq!(escaped("_x0041_ 与 _x12_"), "_x005F_x0041_ 与 _x12_");
        assert_eq!(escaped("\u{FFFE}"), "_xFFFE_");
        // Among other characters of the same lead bytes (U+FFE5 is EF BF A5).
        assert_eq!(
            escaped("￥1，\u{FFFF}￥2\u{FFFE}"),
            "￥1，_xFFFF_￥2_xFFFE_"
        );
        assert_eq!(escaped("￥1，全角"), "￥1，全角");
        assert_eq!(escaped("\"引号\" 不变"), "\"引号\" 不变");
    }

    #[test]
    fn numbers_are_decimal() {
        let mut b = Vec::new();
        push_int(&mut b, 0);
        b.push(b' ');
        push_int(&mut b, 1_048_576);
        assert_eq!(b, b"0 1048576");
    }

    #[test]
    fn whole_numbers_print_as_the_formatter_does() {
        for n in [
            0.0,
            46_023.0,
            -3.0,
            0.5,
            -2.25,
            1e15,
            9_007_199_254_740_991.0,
            1e16,
            1e300,
        ] {
            let mut b = Vec::new();
            push_number(&mut b, n);
            assert_eq!(String::from_utf8(b).unwrap(), format!("{n}"), "{n}");
        }
    }
}
