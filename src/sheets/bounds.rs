//! What a sheet may cost before it is read: a hostile or careless file (one
//! cell at XFD1048576, a row repeated a million times, a shared-strings part
//! that inflates to gigabytes) is refused with a Chinese reason before any
//! grid is allocated, and columns far to the right of every form are ignored.
//!
//! The numbers are chosen so that reading one sheet stays under about 200 MB:
//! a cell of the grid costs 32 bytes, and the largest sheets people send (a
//! 100,000-row ledger, read piece by piece) are far below the limits.

use std::io::{Cursor, Read};

use calamine::{Data, Range};
use quick_xml::events::{BytesStart, Event};

use super::write::column_letters;
use crate::error::{Error, Result};

/// Columns read from the left of a sheet (A to IV). Every form Duban reads is
/// narrower than 30 columns; anything to the right of IV is ignored.
pub const MAX_COLUMNS_READ: u32 = 256;

/// The most cells (rows × columns of the used area) one sheet may span when
/// it is read whole: about 128 MB of grid.
pub const MAX_GRID_CELLS: u64 = 4_000_000;

/// The most non-empty cells one sheet may hold (a 100,000-row ledger of 20
/// columns has 2 million).
pub const MAX_SHEET_CELLS: u64 = 10_000_000;

/// The largest uncompressed shared-strings part of an `.xlsx` (every distinct
/// text of the workbook; a 100,000-row ledger with long 工作要求 is about 60 MB).
pub const MAX_SHARED_STRINGS_BYTES: u64 = 160 * 1024 * 1024;

/// The largest uncompressed XML part of an `.xlsx` other than its worksheets
/// and shared strings (the workbook, its styles, the relationships, the
/// theme), or of an `.ods` other than its `content.xml` (the manifest). Real
/// ones are a few MB at most (a workbook of 60,000 styles is about 10 MB); the
/// readers hold some of them, or a run of text in them, whole (a 1 GB styles
/// part took 2.6 GB).
pub const MAX_OTHER_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The largest uncompressed `content.xml` of an `.ods`.
pub const MAX_ODS_CONTENT_BYTES: u64 = 512 * 1024 * 1024;

/// A sheet part inflating to more than this …
const BOMB_FLOOR_BYTES: u64 = 32 * 1024 * 1024;
/// … at more than this ratio is refused unread: people's sheets inflate 8 to
/// 12 times (the benchmarks' 100,000-row ledgers: 8.3 and 9.4), deflate at
/// most about 1,000 times — a few hundred KB holding one cell of 300 million
/// characters, which calamine would build whole (1.5 GB, half a minute).
const BOMB_RATIO: u64 = 200;

/// Refuses a part whose declared sizes make it a bomb (the reader stops at
/// the declared size, so a part that lies about it cannot get further).
fn check_ratio(file: &str, part: &zip::read::ZipFile<'_, Cursor<&[u8]>>) -> Result<()> {
    let (inflated, stored) = (part.size(), part.compressed_size().max(1));
    let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
    if inflated > BOMB_FLOOR_BYTES && inflated / stored > BOMB_RATIO {
        return Err(refused(
            file,
            format!(
                "文件中的“{}”解压后有 {} MB，是压缩后的 {} 倍（正常表格在 20 倍以下），可能是异常或被篡改的文件；请用 Excel 或 WPS 打开后另存，或拆分后再导入",
                name,
                inflated / (1024 * 1024),
                inflated / stored
            ),
        ));
    }
    Ok(())
}

/// A file refused before it is read: `why`, in the reader's words.
pub(super) fn refused(file: &str, why: String) -> Error {
    Error::BadFile(format!(
        "文件“{file}”无法读取：{why}。本文件未导入任何内容。"
    ))
}

/// The error for a sheet whose used area spans too many cells.
pub fn range_too_large(file: &str, sheet: &str, rows: (u32, u32), cols: (u32, u32)) -> Error {
    let height = u64::from(rows.1 - rows.0) + 1;
    let width = u64::from(cols.1 - cols.0) + 1;
    refused(
        file,
        format!(
            "表格范围过大：工作表“{sheet}”的内容分布在 {}{}:{}{}（{height} 行 × {width} 列），超过可读取的上限 {MAX_GRID_CELLS} 个单元格。\
             请删除表格中多余的行和列（例如远处误输入的内容），或只把需要的内容复制到新表格，另存后再导入",
            cell_column(cols.0),
            rows.0 + 1,
            cell_column(cols.1),
            rows.1 + 1,
        ),
    )
}

/// A zero-based column's letters (`C`), the last one Excel has beyond it.
pub(super) fn cell_column(col: u32) -> String {
    column_letters(u16::try_from(col).unwrap_or(u16::MAX))
}

/// The error for a sheet with more non-empty cells than [`MAX_SHEET_CELLS`].
pub fn too_many_cells(file: &str, sheet: &str) -> Error {
    refused(
        file,
        format!("工作表“{sheet}”的内容超过 {MAX_SHEET_CELLS} 个单元格，超出可读取的上限，请拆分成几个文件后再导入"),
    )
}

/// The error for cells stored out of order across pieces of a streamed sheet.
pub fn rows_out_of_order(file: &str, sheet: &str, row: u32, after: u32) -> Error {
    refused(
        file,
        format!(
            "工作表“{sheet}”第 {} 行在文件中存放在第 {} 行之后（行的顺序异常，通常是由其他程序生成的文件），\
             请用 Excel 或 WPS 打开后另存为 .xlsx 再导入",
            row + 1,
            after + 1
        ),
    )
}

/// A dense grid of the cells `(row, column, value)` (0-based, in any order),
/// after dropping the columns right of [`MAX_COLUMNS_READ`]; refused when the
/// used area spans more than [`MAX_GRID_CELLS`]. `from_col_a` counts columns
/// from column A (a piece of a streamed sheet) instead of the first used column.
pub fn grid_of_cells(
    file: &str,
    sheet: &str,
    cells: &mut Vec<(u32, u32, Data)>,
    from_col_a: bool,
) -> Result<Range<Data>> {
    cells.retain(|c| c.1 < MAX_COLUMNS_READ);
    let Some(first) = cells.first() else {
        return Ok(Range::empty());
    };
    let (mut r0, mut r1, mut c0, mut c1) = (first.0, first.0, first.1, first.1);
    for (r, c, _) in cells.iter() {
        r0 = r0.min(*r);
        r1 = r1.max(*r);
        c0 = c0.min(*c);
        c1 = c1.max(*c);
    }
    if from_col_a {
        c0 = 0;
    }
    let spans = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
    if spans > MAX_GRID_CELLS {
        return Err(range_too_large(file, sheet, (r0, r1), (c0, c1)));
    }
    let mut range = Range::new((r0, c0), (r1, c1));
    for (r, c, v) in cells.iter_mut() {
        range.set_value((*r, *c), std::mem::take(v));
    }
    Ok(range)
}

/// Checks an `.xlsx` before calamine reads it: [`check_part_sizes`], and
/// its shared-strings part inflated into nothing, refused when it is larger
/// than [`MAX_SHARED_STRINGS_BYTES`] (whatever its header claims), before
/// calamine loads it whole.
pub fn check_xlsx_parts(file: &str, bytes: &[u8]) -> Result<()> {
    check_part_sizes(file, bytes)?;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(part) = zip.by_name("xl/sharedStrings.xml") else {
        return Ok(());
    };
    let inflated = std::io::copy(
        &mut part.take(MAX_SHARED_STRINGS_BYTES + 1),
        &mut std::io::sink(),
    )
    .unwrap_or(0);
    if inflated > MAX_SHARED_STRINGS_BYTES {
        return Err(shared_strings_too_large(file));
    }
    Ok(())
}

/// Refuses an `.xlsx` one of whose parts is a bomb by its declared sizes: a
/// worksheet (see [`BOMB_RATIO`]), the shared strings over
/// [`MAX_SHARED_STRINGS_BYTES`] (also measured as they are read), any other
/// XML part over [`MAX_OTHER_PART_BYTES`]. Reads nothing but the zip's
/// directory.
pub fn check_part_sizes(file: &str, bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine reports a broken container in its own words
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let Ok(name) = part.name() else {
            continue;
        };
        // The shared strings by their usual name, whatever the folder or case
        // a generator gave them.
        let is_strings = name
            .rsplit('/')
            .next()
            .is_some_and(|f| f.to_ascii_lowercase().starts_with("sharedstrings"));
        if name.starts_with("xl/worksheets/") && !name.contains("/_rels/") {
            check_ratio(file, &part)?;
        } else if is_strings && part.size() > MAX_SHARED_STRINGS_BYTES {
            return Err(shared_strings_too_large(file));
        } else if !is_strings {
            check_other_part(file, &name, part.size())?;
        }
    }
    Ok(())
}

/// Refuses an XML part of a package, other than its sheets and shared
/// strings, that declares more than [`MAX_OTHER_PART_BYTES`] inflated.
fn check_other_part(file: &str, name: &str, inflated: u64) -> Result<()> {
    let is_xml = [".xml", ".rels", ".rdf"].iter().any(|e| name.ends_with(e));
    if is_xml && inflated > MAX_OTHER_PART_BYTES {
        return Err(refused(
            file,
            format!(
                "文件中的“{name}”解压后有 {} MB，而正常表格的这一部分只有几 MB，可能是异常或被篡改的文件；请用 Excel 或 WPS 打开后另存，再导入另存的文件",
                inflated / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// The refusal of a shared-strings part over [`MAX_SHARED_STRINGS_BYTES`].
pub fn shared_strings_too_large(file: &str) -> Error {
    refused(
        file,
        format!(
            "文件中的文字内容解压后超过 {} MB（可能是异常或被篡改的文件），请检查文件，或拆分后再导入",
            MAX_SHARED_STRINGS_BYTES / (1024 * 1024)
        ),
    )
}

/// Walks an `.ods`'s `content.xml` without building anything, adding up the
/// repeated rows and columns, and refuses a table whose used area spans more
/// than [`MAX_GRID_CELLS`] (calamine would build the whole grid); refuses
/// first a `content.xml` that is a bomb by its ratio, and any other XML part
/// (the manifest, which calamine reads whole) over [`MAX_OTHER_PART_BYTES`].
pub fn check_ods(file: &str, bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let Ok(name) = part.name() else {
            continue;
        };
        if name == "content.xml" {
            check_ratio(file, &part)?;
        } else {
            check_other_part(file, &name, part.size())?;
        }
    }
    let Ok(part) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(
        part.take(MAX_ODS_CONTENT_BYTES + 1),
    ));
    let mut table = OdsTable::default();
    let mut buf = Vec::new();
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return Ok(()), // broken XML: calamine says so
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().0 == "table:table" => {
                table = OdsTable {
                    name: attr(&e, "table:name").unwrap_or_default(),
                    ..OdsTable::default()
                };
            }
            Event::Start(e) if e.name().0 == "table:table-row" => {
                table.start_row(repeats(&e, "table:number-rows-repeated"));
            }
            Event::Empty(e) if e.name().0 == "table:table-row" => {
                table.start_row(repeats(&e, "table:number-rows-repeated"));
                table.end_row();
            }
            Event::End(e) if e.name().0 == "table:table-row" => table.end_row(),
            // A cell with content (text inside) or a value type is full.
            Event::Start(e) if is_cell(&e) => {
                table.cell(repeats(&e, "table:number-columns-repeated"), true);
            }
            Event::Empty(e) if is_cell(&e) => {
                let typed = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some();
                table.cell(repeats(&e, "table:number-columns-repeated"), typed);
            }
            Event::End(e) if e.name().0 == "table:table" => {
                table.check(file)?;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        if xml.buffer_position() > MAX_ODS_CONTENT_BYTES {
            return Err(refused(
                file,
                format!(
                    "表格内容解压后超过 {} MB，超出可读取的上限，请拆分后再导入",
                    MAX_ODS_CONTENT_BYTES / (1024 * 1024)
                ),
            ));
        }
    }
    Ok(())
}

fn is_cell(e: &BytesStart<'_>) -> bool {
    matches!(e.name().0, "table:table-cell" | "table:covered-table-cell")
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    Some(a.value.into_owned())
}

fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// The used area of one `.ods` table, counted in rows and columns after repeats.
#[derive(Default)]
struct OdsTable {
    name: String,
    /// The first row of the current row element, and how many times it repeats.
    row: u64,
    row_repeats: u64,
    /// The column the next cell starts at, and the last full column of this row.
    col: u64,
    row_last_full: Option<u64>,
    first_row: Option<u64>,
    last_row: u64,
    first_col: u64,
    last_col: u64,
}

impl OdsTable {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats;
        self.col = 0;
        self.row_last_full = None;
    }
    fn cell(&mut self, repeats: u64, full: bool) {
        if full {
            if self.row_last_full.is_none() {
                self.first_col = if self.first_row.is_none() {
                    self.col
                } else {
                    self.first_col.min(self.col)
                };
            }
            self.row_last_full = Some(self.col + repeats - 1);
        }
        self.col = self.col.saturating_add(repeats);
    }
    fn end_row(&mut self) {
        if let Some(last) = self.row_last_full {
            self.first_row.get_or_insert(self.row);
            self.last_row = self.row + self.row_repeats - 1;
            self.last_col = self.last_col.max(last);
        }
        self.row = self.row.saturating_add(self.row_repeats);
    }
    fn check(&self, file: &str) -> Result<()> {
        let Some(first_row) = self.first_row else {
            return Ok(());
        };
        let spans =
            (self.last_row - first_row + 1).saturating_mul(self.last_col - self.first_col + 1);
        if spans > MAX_GRID_CELLS {
            let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
            return Err(range_too_large(
                file,
                &self.name,
                (clamp(first_row), clamp(self.last_row)),
                (clamp(self.first_col), clamp(self.last_col)),
            ));
        }
        Ok(())
    }
}
