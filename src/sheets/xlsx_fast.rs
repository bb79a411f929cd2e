//! The cells of a large `.xlsx`, read at the pace of inflating it: the
//! package's parts (relationships, workbook, styles, shared strings) and each
//! worksheet's `sheetData` walked with [`super::xml_scan`] over a buffer of a
//! few hundred KiB, rather than through calamine's event reader (three times
//! slower on a 100,000-row ledger; issue 15). What it reads is what calamine
//! reads: the same visible worksheets, cell positions, values and types (a
//! number under a date format is a date, `t="s"`/`inlineStr`/`str`/`b`/`e`/`d`
//! as calamine maps them), so the sheet reader above gets the same grids
//! either way (tests/core/xlsx_cells.rs compares the two on every kind of file).
//!
//! [`FastBook::open`] answers `None` for a package laid out unusually (the
//! workbook not at `xl/workbook.xml`, a part it cannot read): the caller then
//! reads the file with calamine, which names what is wrong.

use std::io::Cursor as IoCursor;

use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use zip::ZipArchive;

use super::bounds::{cell_column, shared_strings_too_large, MAX_SHARED_STRINGS_BYTES};
use super::string_table::StringTable;
use super::xlsx_parts::{
    drive, part, relationships, shared_strings_inflated_aside, styles, walk_units, workbook,
    NumberKind, SharedStrings, SHARED_STRINGS,
};
use super::xml_scan::{
    attr, broken, each_attr, push_unescaped_excel, string_item, utf8, Cursor, Halt, Scan, TagKind,
};
use crate::error::Result;

/// An `.xlsx` opened for [`FastBook::cells`].
pub(super) struct FastBook<'a> {
    zip: ZipArchive<IoCursor<&'a [u8]>>,
    /// The visible worksheets in workbook order: name and part.
    pub sheets: Vec<(String, String)>,
    strings: StringTable,
    formats: Vec<NumberKind>,
    is_1904: bool,
}

impl<'a> FastBook<'a> {
    /// Opens the package, or `None` when it is not laid out as the walker
    /// expects (the caller reads it with calamine). Refuses shared strings
    /// larger than `check_xlsx_parts` allows, having read no more than that
    /// (they are inflated once, here, not also to be measured).
    pub fn open(file_name: &str, bytes: &'a [u8]) -> Result<Option<FastBook<'a>>> {
        let Ok(mut zip) = ZipArchive::new(IoCursor::new(bytes)) else {
            return Ok(None);
        };
        let Some(Layout {
            sheets,
            formats,
            is_1904,
        }) = layout(&mut zip)
        else {
            return Ok(None);
        };
        let declared = zip.by_name(SHARED_STRINGS).map(|sst| sst.size()).ok();
        let strings = match declared {
            // The declared size bounds what the zip reader inflates: one
            // that declares too much is refused before anything is stored.
            Some(size) if size > MAX_SHARED_STRINGS_BYTES => {
                return Err(shared_strings_too_large(file_name))
            }
            Some(_) => match shared_strings_inflated_aside(&zip) {
                SharedStrings::Read(strings) => strings,
                SharedStrings::TooLarge => return Err(shared_strings_too_large(file_name)),
                SharedStrings::Unreadable => return Ok(None),
            },
            None => StringTable::default(),
        };
        Ok(Some(FastBook {
            zip,
            sheets,
            strings,
            formats,
            is_1904,
        }))
    }

    /// Hands every cell of the worksheet part `path` to `each` in the
    /// order written, with its 0-based row and column (as calamine's cell
    /// reader: a cell written empty comes as [`Data::Empty`]). A broken part
    /// stops with `Err(reason)`, the reason in Chinese; an error of `each`
    /// stops the walk and is returned as `Ok(Err(e))`.
    pub fn cells<E>(
        &mut self,
        path: &str,
        mut each: impl FnMut(u32, u32, Data) -> Result<(), E>,
    ) -> Result<Result<(), E>, String> {
        let mut walker = SheetWalker {
            book: Context {
                strings: &self.strings,
                formats: &self.formats,
                is_1904: self.is_1904,
            },
            in_data: false,
            done: false,
            row: 0,
            col: 0,
        };
        let mut part = self
            .zip
            .by_name(path)
            .map_err(|_| format!("文件中找不到它的内容“{path}”"))?;
        let mut cells = Vec::new();
        let mut outcome = Ok(());
        drive(&mut part, |buf| {
            let used = walker.walk(buf, &mut cells)?;
            for (r, c, v) in cells.drain(..) {
                if let Err(e) = each(r, c, v) {
                    outcome = Err(e);
                    return Ok((used, true));
                }
            }
            Ok((used, walker.done))
        })?;
        // A part without sheetData is not a worksheet: calamine skips it too.
        if outcome.is_ok() && walker.in_data && !walker.done {
            return Err("工作表内容不完整".into());
        }
        Ok(outcome)
    }
}

/// What the package's small parts say.
struct Layout {
    sheets: Vec<(String, String)>,
    formats: Vec<NumberKind>,
    is_1904: bool,
}

/// The package's visible worksheets, the number kinds of its styles and its
/// date system, or `None` when it is not laid out as the walker expects.
fn layout(zip: &mut ZipArchive<IoCursor<&[u8]>>) -> Option<Layout> {
    let root = part(zip, "_rels/.rels")?;
    let office = relationships(&root)?
        .into_values()
        .find(|(_, kind)| kind.ends_with("/officeDocument"))?
        .0;
    if office.trim_start_matches('/') != "xl/workbook.xml" {
        return None;
    }
    let rels = relationships(&part(zip, "xl/_rels/workbook.xml.rels")?)?;
    let (sheets, is_1904) = workbook(&part(zip, "xl/workbook.xml")?, &rels)?;
    let formats = match part(zip, "xl/styles.xml") {
        Some(xml) => styles(&xml)?,
        None if zip.by_name("xl/styles.xml").is_err() => Vec::new(),
        None => return None,
    };
    Some(Layout {
        sheets,
        formats,
        is_1904,
    })
}

/// What a cell's value needs from the workbook.
struct Context<'b> {
    strings: &'b StringTable,
    formats: &'b [NumberKind],
    is_1904: bool,
}

/// Where the walk of one worksheet is.
struct SheetWalker<'b> {
    book: Context<'b>,
    in_data: bool,
    done: bool,
    /// The row and column a cell without a reference takes (calamine's).
    row: u32,
    col: u32,
}

impl SheetWalker<'_> {
    /// Walks the whole units at the start of `buf` (a tag, or a cell with
    /// its value), adding their cells to `out`.
    fn walk(&mut self, buf: &[u8], out: &mut Vec<(u32, u32, Data)>) -> Result<usize, String> {
        let (used, _) = walk_units(buf, |cur| {
            self.unit(cur, out)?;
            Ok(self.done)
        })?;
        Ok(used)
    }

    /// One unit; changes nothing unless it is whole.
    fn unit(&mut self, cur: &mut Cursor<'_>, out: &mut Vec<(u32, u32, Data)>) -> Scan<()> {
        let tag = cur.next_tag()?;
        if !self.in_data {
            if tag.opens(b"sheetData") {
                self.in_data = true;
                self.done = tag.kind == TagKind::Empty;
            }
            return Ok(());
        }
        match tag.name {
            b"row" if tag.kind != TagKind::End => {
                if let Some(r) = attr(tag.attrs, b"r") {
                    self.row = reference(r)?.0;
                }
                if tag.kind == TagKind::Empty {
                    self.end_row();
                }
            }
            b"row" => self.end_row(),
            b"c" if tag.kind != TagKind::End => {
                let (mut r, mut style, mut kind) = (None, None, None);
                for (key, value) in each_attr(tag.attrs) {
                    match key {
                        b"r" => r = Some(value),
                        b"s" => style = Some(value),
                        b"t" => kind = Some(value),
                        _ => {}
                    }
                }
                let pos = match r {
                    Some(r) => match reference(r)? {
                        (row, Some(col)) => (row, col),
                        (_, None) => return broken("单元格位置缺少列号"),
                    },
                    None => (self.row, self.col),
                };
                let value = if tag.kind == TagKind::Empty {
                    Data::Empty
                } else {
                    self.cell_value(cur, style, kind)
                        .map_err(|h| at_cell(h, pos))?
                };
                self.col = pos.1 + 1;
                out.push((pos.0, pos.1, value));
            }
            b"sheetData" if tag.kind == TagKind::End => self.done = true,
            _ => {}
        }
        Ok(())
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(1);
        self.col = 0;
    }

    /// A cell's value: its children up to `</c>`, the last one read wins
    /// (a formula `<f>` reads as empty), as calamine's cell reader.
    fn cell_value(
        &self,
        cur: &mut Cursor<'_>,
        style: Option<&[u8]>,
        kind: Option<&[u8]>,
    ) -> Scan<Data> {
        let mut value = Data::Empty;
        loop {
            let tag = cur.next_tag()?;
            if tag.closes(b"c") {
                return Ok(value);
            }
            if tag.kind == TagKind::End {
                continue;
            }
            value = match tag.name {
                b"is" => {
                    let mut s = String::new();
                    string_item(cur, tag, &mut s)?;
                    Data::String(s)
                }
                b"v" if tag.kind == TagKind::Empty => Data::Empty,
                b"v" if matches!(kind, Some(b"inlineStr" | b"is")) => {
                    cur.skip_to_end(b"v")?;
                    Data::Empty
                }
                b"v" if matches!(kind, None | Some(b"n" | b"s" | b"b" | b"e")) => {
                    let raw = cur.raw_text()?;
                    cur.skip_to_end(b"v")?;
                    self.plain_value(utf8(raw)?, style, kind)?
                }
                b"v" => {
                    let mut text = String::new();
                    loop {
                        cur.text_into(&mut text)?;
                        if cur.next_tag()?.closes(b"v") {
                            break;
                        }
                    }
                    match kind {
                        Some(b"str") => {
                            let mut s = String::with_capacity(text.len());
                            push_unescaped_excel(&text, &mut s);
                            Data::String(s)
                        }
                        Some(b"d") => Data::DateTimeIso(text),
                        _ => return broken("单元格类型（t 属性）无法识别"),
                    }
                }
                b"f" => {
                    if tag.kind == TagKind::Start {
                        cur.skip_to_end(b"f")?;
                    }
                    Data::Empty
                }
                _ => return broken("单元格中出现无法识别的内容"),
            };
        }
    }

    /// A `<v>` of a number, shared string, boolean or error cell.
    fn plain_value(&self, v: &str, style: Option<&[u8]>, kind: Option<&[u8]>) -> Scan<Data> {
        let book = &self.book;
        Ok(match kind {
            Some(b"s") if v.is_empty() => Data::Empty,
            Some(b"s") => {
                let i = v.parse::<usize>().unwrap_or(0);
                match book.strings.get(i) {
                    Some(s) => Data::String(s.to_string()),
                    None => return broken("单元格引用的共享文字不存在"),
                }
            }
            Some(b"b") => match v.trim() {
                "" => Data::Empty,
                "0" => Data::Bool(false),
                "1" => Data::Bool(true),
                t if t.eq_ignore_ascii_case("false") => Data::Bool(false),
                t if t.eq_ignore_ascii_case("true") => Data::Bool(true),
                _ => return broken(format!("逻辑值“{v}”无法识别")),
            },
            Some(b"e") => match v.parse::<CellErrorType>() {
                Ok(e) => Data::Error(e),
                Err(_) => return broken(format!("错误值“{v}”无法识别")),
            },
            _ if v.is_empty() => Data::Empty,
            _ => match v.parse::<f64>() {
                Ok(n) => {
                    let format = match style {
                        Some(s) => {
                            let id = utf8(s)?.parse::<usize>().unwrap_or(0);
                            book.formats.get(id).copied()
                        }
                        None => Some(NumberKind::Plain),
                    };
                    let datetime = |t| Data::DateTime(ExcelDateTime::new(n, t, book.is_1904));
                    match format {
                        Some(NumberKind::DateTime) => datetime(ExcelDateTimeType::DateTime),
                        Some(NumberKind::Duration) => datetime(ExcelDateTimeType::TimeDelta),
                        _ => Data::Float(n),
                    }
                }
                Err(_) if kind.is_none() => Data::String(v.to_string()),
                Err(_) => return broken(format!("数值“{v}”无法识别")),
            },
        })
    }
}

/// A broken cell's reason, with the cell it is in (`单元格 C5：…`).
fn at_cell(halt: Halt, (row, col): (u32, u32)) -> Halt {
    match halt {
        Halt::Bad(why) => Halt::Bad(format!(
            "单元格 {}{}：{why}",
            cell_column(col),
            u64::from(row) + 1
        )),
        more => more,
    }
}

/// Excel's largest sheet: 1,048,576 rows, 16,384 columns (XFD).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// A cell or row reference (`C5`, or `5` for a row): the zero-based row, and
/// the column when there is one. Beyond Excel's largest sheet is refused.
fn reference(r: &[u8]) -> Scan<(u32, Option<u32>)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut col: u32 = 0;
    for b in &r[..letters] {
        col = col
            .checked_mul(26)
            .and_then(|c| c.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1))
            .ok_or_else(|| bad_reference(r))?;
    }
    let digits = &r[letters..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad_reference(r));
    }
    // Every cell has one: its digits summed here (checked, as `parse` would)
    // rather than validated as text and parsed.
    let row = digits
        .iter()
        .try_fold(0u32, |n, d| {
            n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })
        .filter(|n| (1..=MAX_ROWS).contains(n))
        .ok_or_else(|| bad_reference(r))?;
    if col > MAX_COLUMNS {
        return Err(bad_reference(r));
    }
    Ok((row - 1, col.checked_sub(1)))
}

fn bad_reference(r: &[u8]) -> Halt {
    let shown: String = String::from_utf8_lossy(r).chars().take(20).collect();
    Halt::Bad(format!("单元格位置“{shown}”无法识别"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(reference(b"A1").unwrap(), (0, Some(0)));
        assert_eq!(reference(b"AB12").unwrap(), (11, Some(27)));
        assert_eq!(reference(b"7").unwrap(), (6, None));
        assert_eq!(reference(b"XFD1048576").unwrap(), (1_048_575, Some(16_383)));
        assert_eq!(reference(b"b007").unwrap(), (6, Some(1)));
        for bad in [
            &b"A0"[..],
            b"A",
            b"1A",
            b"",
            b"A-1",
            b"ZZZZZZZZ1",
            b"A1048577",
            b"XFE1",
            b"4294967296",
            b"A99999999999",
            b"A4294967297",
        ] {
            assert!(matches!(reference(bad), Err(Halt::Bad(_))), "{bad:?}");
        }
    }

    #[test]
    fn a_sheet_cut_anywhere_reads_the_same() {
        let xml = b"<worksheet><sheetData><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>\xe7\x94\xb2</t></is></c>\
<c r=\"C2\"><v>1.5</v></c><c t=\"str\"><f>A1</f><v>x&amp;y</v></c></row><row r=\"3\"/><row><c><v>7</v></c></row>\
</sheetData><mergeCells/></worksheet>";
        let walk = |chunks: &[&[u8]]| {
            let book = Context {
                strings: &StringTable::default(),
                formats: &[],
                is_1904: false,
            };
            let mut w = SheetWalker {
                book,
                in_data: false,
                done: false,
                row: 0,
                col: 0,
            };
            let mut buf = Vec::new();
            let mut out = Vec::new();
            for c in chunks {
                buf.extend_from_slice(c);
                let used = w.walk(&buf, &mut out).unwrap();
                buf.drain(..used);
            }
            assert!(w.done);
            out
        };
        let whole = walk(&[xml, b""]);
        assert_eq!(
            whole,
            vec![
                (1, 0, Data::String("甲".into())),
                (1, 2, Data::Float(1.5)),
                (1, 3, Data::String("x&y".into())),
                (3, 0, Data::Float(7.0)),
            ]
        );
        for cut in 1..xml.len() {
            assert_eq!(
                walk(&[&xml[..cut], &xml[cut..], b""]),
                whole,
                "cut at {cut}"
            );
        }
    }
}
