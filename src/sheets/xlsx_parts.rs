//! The small parts of an `.xlsx` package as [`super::xlsx_fast`] reads them
//! (relationships, workbook, styles, shared strings), and the buffered walk
//! of a part too large to inflate whole. Each answers `None` where calamine
//! would have something to say: the caller then reads the file with it.

use std::collections::HashMap;
use std::io::{Cursor as IoCursor, Read};
use std::sync::mpsc;

use zip::ZipArchive;

use super::bounds::MAX_SHARED_STRINGS_BYTES;
use super::string_table::{make_blocks, StringTable};

use super::xml_scan::{
    attr, attr_local, string_item, unescape_into, utf8, Cursor, Halt, Scan, Tag, TagKind,
};

/// Inflated bytes read at a time.
pub(super) const CHUNK: u64 = 256 * 1024;

/// How a style's number format shows a number (calamine's three kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberKind {
    Plain,
    DateTime,
    Duration,
}

/// The longest single unit (a tag, a cell with its value, a string item) a
/// walk holds in its buffer: no cell's text is this long (Excel writes
/// 32,767 characters at most), and walking a longer one again after every
/// chunk read would take time growing with the square of its length.
const MAX_UNIT_BYTES: usize = 4 * 1024 * 1024;

/// Reads `part` a chunk at a time into a buffer and hands `walk` what is
/// unread of it; `walk` answers how much it used and whether it is done. A
/// unit longer than [`MAX_UNIT_BYTES`] ends the walk with an error.
pub(super) fn drive(
    part: &mut impl Read,
    mut walk: impl FnMut(&[u8]) -> Result<(usize, bool), String>,
) -> Result<(), String> {
    let mut buf: Vec<u8> = Vec::with_capacity(2 * CHUNK as usize);
    loop {
        let n = part
            .by_ref()
            .take(CHUNK)
            .read_to_end(&mut buf)
            .map_err(|_| "压缩的内容已损坏，无法解开".to_string())?;
        let (used, done) = walk(&buf)?;
        if used == 0 && buf.len() > MAX_UNIT_BYTES {
            return Err(
                "有一个单元格或标记长于 4 MB，不是表格软件写出的内容（一个单元格最多 32,767 个字）"
                    .into(),
            );
        }
        buf.drain(..used);
        if done || n == 0 {
            return Ok(());
        }
    }
}

/// Walks units (`unit` reads one from the cursor, and answers whether it
/// was the last) from the start of `buf` for as long as whole units are
/// there; answers how far it got and whether the last unit was read. The
/// caller tells a part cut short from one read whole.
pub(super) fn walk_units(
    buf: &[u8],
    mut unit: impl FnMut(&mut Cursor<'_>) -> Scan<bool>,
) -> Result<(usize, bool), String> {
    let mut at = 0;
    loop {
        let mut cur = Cursor::new(buf, at);
        match unit(&mut cur) {
            Ok(done) => {
                at = cur.at;
                if done {
                    return Ok((at, true));
                }
            }
            Err(Halt::More) => return Ok((at, false)),
            Err(Halt::Bad(why)) => return Err(why),
        }
    }
}

/// A whole small part as text, or `None` when absent or unreadable.
pub(super) fn part(zip: &mut ZipArchive<IoCursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.by_ref()
        .take(64 * 1024 * 1024)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// Every tag of a small part, in order.
pub(super) fn each_tag(xml: &[u8], mut f: impl FnMut(&Tag<'_>) -> Option<()>) -> Option<()> {
    let mut cur = Cursor::new(xml, 0);
    loop {
        match cur.next_tag() {
            Ok(tag) => f(&tag)?,
            Err(Halt::More) => return Some(()),
            Err(Halt::Bad(_)) => return None,
        }
    }
}

/// An attribute's value, entities resolved.
pub(super) fn text_attr(attrs: &[u8], key: &[u8]) -> Option<String> {
    let raw = attr(attrs, key)?;
    let mut out = String::new();
    unescape_into(raw, &mut out).ok()?;
    Some(out)
}

/// A relationships part: id → (target, type).
pub(super) fn relationships(xml: &[u8]) -> Option<HashMap<String, (String, String)>> {
    let mut out = HashMap::new();
    each_tag(xml, |tag| {
        if tag.opens(b"Relationship") {
            let id = text_attr(tag.attrs, b"Id")?;
            let target = text_attr(tag.attrs, b"Target")?;
            let kind = text_attr(tag.attrs, b"Type").unwrap_or_default();
            out.insert(id, (target, kind));
        }
        Some(())
    })?;
    Some(out)
}

/// The workbook's visible worksheets (name, part) and its date system.
pub(super) fn workbook(
    xml: &[u8],
    rels: &HashMap<String, (String, String)>,
) -> Option<(Vec<(String, String)>, bool)> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    each_tag(xml, |tag| {
        if tag.opens(b"sheet") {
            let name = text_attr(tag.attrs, b"name")?;
            let state = attr(tag.attrs, b"state").unwrap_or(b"visible");
            if !matches!(state, b"visible" | b"hidden" | b"veryHidden") {
                return None;
            }
            let id = utf8(attr_local(tag.attrs, b"id")?).ok()?;
            let (target, kind) = rels.get(id)?;
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            if !matches!(
                kind.rsplit('/').next(),
                Some("worksheet" | "chartsheet" | "dialogsheet")
            ) {
                return None;
            }
            if state == b"visible" && kind.ends_with("/worksheet") {
                sheets.push((name, path));
            }
        } else if tag.opens(b"workbookPr") {
            if let Some(v) = attr(tag.attrs, b"date1904") {
                is_1904 = v == b"1" || v == b"true";
            }
        }
        Some(())
    })?;
    Some((sheets, is_1904))
}

/// The number kind of every cell style (`cellXfs`), as calamine reads them.
pub(super) fn styles(xml: &[u8]) -> Option<Vec<NumberKind>> {
    let mut custom: HashMap<String, String> = HashMap::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    each_tag(xml, |tag| {
        if tag.opens(b"numFmt") {
            if let (Some(id), Some(code)) = (
                text_attr(tag.attrs, b"numFmtId"),
                text_attr(tag.attrs, b"formatCode"),
            ) {
                custom.insert(id, code);
            }
        } else if tag.name == b"cellXfs" {
            in_cell_xfs = tag.kind == TagKind::Start;
        } else if in_cell_xfs && tag.opens(b"xf") {
            formats.push(match text_attr(tag.attrs, b"numFmtId") {
                None => NumberKind::Plain,
                Some(id) => match custom.get(&id) {
                    Some(code) => custom_number_kind(code),
                    None => builtin_number_kind(&id),
                },
            });
        }
        Some(())
    })?;
    Some(formats)
}

/// calamine's `builtin_format_by_id`.
fn builtin_number_kind(id: &str) -> NumberKind {
    match id.parse::<u32>() {
        Ok(14..=22 | 27..=36 | 45 | 47 | 50..=58) => NumberKind::DateTime,
        Ok(46) => NumberKind::Duration,
        _ => NumberKind::Plain,
    }
}

/// calamine's `detect_custom_number_format`: a format whose first section
/// has a date or time letter outside quotes, brackets and escapes is a date
/// (`[h]`, `[m]`, `[s]` make a duration).
fn custom_number_kind(format: &str) -> NumberKind {
    let (mut escaped, mut quoted, mut ap, mut hms) = (false, false, false, false);
    let mut brackets = 0u8;
    let mut prev = ' ';
    for s in format.chars() {
        match (s, escaped, quoted, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => quoted = false,
            (_, _, true, _, _) => (),
            ('"', ..) => quoted = true,
            (';', ..) => return NumberKind::Plain,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return NumberKind::Duration,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return NumberKind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return NumberKind::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    NumberKind::Plain
}

/// What [`shared_strings`] found.
pub(super) enum SharedStrings {
    /// Each `<si>` as [`string_item`] reads it.
    Read(StringTable),
    /// The part inflates to more than [`MAX_SHARED_STRINGS_BYTES`]: it is
    /// refused, and read no further than that.
    TooLarge,
    /// Broken or cut short: calamine says what is wrong.
    Unreadable,
}

/// The path of a package's shared strings part.
pub(super) const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// [`shared_strings`] of the package `zip`, its part inflated on a second
/// thread (through a clone of `zip`, which shares its directory) while this
/// one reads what is inflated. The strings are read before the first row,
/// while the thread that writes the rows waits, so the second core is free:
/// the 80 MB part of the realistic ledger saved by LibreOffice spent a
/// quarter of that time inflating (docs/development.md). A part that is
/// missing or cannot be inflated reads as cut short: unreadable.
pub(super) fn shared_strings_inflated_aside(zip: &ZipArchive<IoCursor<&[u8]>>) -> SharedStrings {
    let zip = zip.clone();
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel(2);
        // Three chunks go round: two sent, one being read. Made here, so
        // that the other thread allocates nothing that outlives it.
        let (give_back, given_back) = mpsc::channel();
        for _ in 0..3 {
            let _ = give_back.send(Vec::with_capacity(CHUNK as usize));
        }
        scope.spawn(move || inflate_part(zip, SHARED_STRINGS, &send, &given_back));
        let (send_block, blocks) = mpsc::sync_channel(2);
        scope.spawn(move || make_blocks(&send_block));
        let read = shared_strings_with_blocks_from(
            &mut Received {
                chunks: receive,
                give_back,
                chunk: Vec::new(),
                at: 0,
            },
            Some(&blocks),
        );
        // The blocks not taken are freed and the thread making them ends.
        drop(blocks);
        read
    })
}

/// Sends the inflated bytes of the part `path` of `zip` a chunk at a time
/// until the part ends, it fails (the error is sent), or nobody receives.
/// It fills the chunks given back to it once read.
fn inflate_part(
    mut zip: ZipArchive<IoCursor<&[u8]>>,
    path: &str,
    send: &mpsc::SyncSender<std::io::Result<Vec<u8>>>,
    given_back: &mpsc::Receiver<Vec<u8>>,
) {
    let Ok(mut part) = zip.by_name(path) else {
        return;
    };
    loop {
        let Ok(mut chunk) = given_back.recv() else {
            return;
        };
        chunk.clear();
        let read = part.by_ref().take(CHUNK).read_to_end(&mut chunk);
        let last = !matches!(read, Ok(n) if n > 0);
        let sent = match read {
            Ok(0) => Ok(()),
            Ok(_) => send.send(Ok(chunk)),
            Err(e) => send.send(Err(e)),
        };
        if last || sent.is_err() {
            return;
        }
    }
}

/// The bytes [`inflate_part`] sends, read in order.
struct Received {
    chunks: mpsc::Receiver<std::io::Result<Vec<u8>>>,
    give_back: mpsc::Sender<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
}

impl Read for Received {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.chunk.len() {
            match self.chunks.recv() {
                Ok(chunk) => {
                    let read = std::mem::replace(&mut self.chunk, chunk?);
                    // Fails only once the inflating side has ended.
                    let _ = self.give_back.send(read);
                    self.at = 0;
                }
                // The sending side is done: the end of the part.
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.chunk.len() - self.at);
        out[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The shared strings, read once and at most [`MAX_SHARED_STRINGS_BYTES`]
/// of them (the limit `check_xlsx_parts` puts on calamine's reading).
#[cfg(test)]
pub(super) fn shared_strings(part: &mut impl Read) -> SharedStrings {
    shared_strings_with_blocks_from(part, None)
}

/// [`shared_strings`], the table's blocks taken from `blocks` when ready
/// there ([`make_blocks`]).
fn shared_strings_with_blocks_from(
    part: &mut impl Read,
    blocks: Option<&mpsc::Receiver<String>>,
) -> SharedStrings {
    let mut limited = part.take(MAX_SHARED_STRINGS_BYTES + 1);
    let mut out = StringTable::default();
    let mut started = false;
    let mut ended = false;
    let mut text = String::new();
    let walked = drive(&mut limited, |buf| {
        walk_units(buf, |cur| {
            let tag = cur.next_tag()?;
            if !started {
                started = tag.opens(b"sst");
                ended = started && tag.kind == TagKind::Empty;
                // Excel, WPS and LibreOffice write how many strings follow.
                if let Some(count) = attr(tag.attrs, b"uniqueCount")
                    .and_then(|v| std::str::from_utf8(v).ok()?.parse().ok())
                {
                    out.reserve(count);
                }
            } else if tag.opens(b"si") {
                text.clear();
                string_item(cur, tag, &mut text)?;
                out.push_with_blocks_from(&text, blocks);
            } else {
                ended = tag.closes(b"sst");
            }
            Ok(ended)
        })
    });
    if limited.limit() == 0 {
        SharedStrings::TooLarge
    } else if walked.is_ok() && ended {
        SharedStrings::Read(out)
    } else {
        SharedStrings::Unreadable
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A package holding only `xml` as its shared strings part, deflated.
    fn package_of_shared_strings(xml: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(IoCursor::new(Vec::new()));
        zip.start_file(SHARED_STRINGS, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    fn read_aside(package: &[u8]) -> SharedStrings {
        shared_strings_inflated_aside(&ZipArchive::new(IoCursor::new(package)).unwrap())
    }

    fn strings_of(read: SharedStrings) -> Option<StringTable> {
        match read {
            SharedStrings::Read(t) => Some(t),
            _ => None,
        }
    }

    #[test]
    fn shared_strings_inflated_aside_read_as_inflated_here() {
        // Many chunks of inflated text, runs of rich text and escapes.
        let mut xml = String::from(r#"<sst xmlns="x" count="40000">"#);
        for i in 0..40_000 {
            match i % 3 {
                0 => xml.push_str(&format!("<si><t>落实情况{i} &amp; 下步措施</t></si>")),
                1 => xml.push_str(&format!(
                    r#"<si><r><rPr><b/></rPr><t xml:space="preserve">办公厅 </t></r><r><t>{i}</t></r></si>"#
                )),
                _ => xml.push_str("<si><t/></si>"),
            }
        }
        xml.push_str("</sst>");
        assert!(xml.len() as u64 > 3 * CHUNK);
        let bytes = package_of_shared_strings(&xml);
        let mut zip = ZipArchive::new(IoCursor::new(&bytes[..])).unwrap();
        let aside = strings_of(shared_strings_inflated_aside(&zip)).expect("read aside");
        let here = strings_of(shared_strings(&mut zip.by_name(SHARED_STRINGS).unwrap()))
            .expect("read here");
        for i in 0..40_000 {
            assert_eq!(aside.get(i), here.get(i), "string {i}");
        }
        assert_eq!(aside.get(0), Some("落实情况0 & 下步措施"));
        assert_eq!(aside.get(1), Some("办公厅 1"));
        assert_eq!(aside.get(2), Some(""));
        assert_eq!(aside.get(40_000), None);
    }

    #[test]
    fn shared_strings_cut_short_or_damaged_read_aside_as_unreadable() {
        let whole: String = (0..20_000)
            .map(|i| format!("<si><t>第{i}条：按期报送</t></si>"))
            .collect();
        let cut = package_of_shared_strings(&format!("<sst>{whole}"));
        assert!(matches!(read_aside(&cut), SharedStrings::Unreadable));
        // The compressed bytes spoilt half-way: inflating fails, or the
        // part's checksum does.
        let mut spoilt = package_of_shared_strings(&format!("<sst>{whole}</sst>"));
        let middle = spoilt.len() / 2;
        for b in &mut spoilt[middle..middle + 64] {
            *b ^= 0x5a;
        }
        assert!(matches!(read_aside(&spoilt), SharedStrings::Unreadable));
    }

    #[test]
    fn number_formats_read_as_calamine_reads_them() {
        assert_eq!(
            custom_number_kind("yyyy\"年\"m\"月\"d\"日\""),
            NumberKind::DateTime
        );
        assert_eq!(custom_number_kind("[h]:mm:ss"), NumberKind::Duration);
        assert_eq!(custom_number_kind("0.00_);[Red](0.00)"), NumberKind::Plain);
        assert_eq!(custom_number_kind("\"天数\"0"), NumberKind::Plain);
        assert_eq!(builtin_number_kind("14"), NumberKind::DateTime);
        assert_eq!(builtin_number_kind("46"), NumberKind::Duration);
        assert_eq!(builtin_number_kind("49"), NumberKind::Plain);
    }
}
