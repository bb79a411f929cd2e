//! A look at an `.xls` before calamine reads it. calamine's `.xls` reader
//! builds every sheet's grid when it opens the file, as tall and as wide as
//! the farthest cell record, after reserving what the sheet's DIMENSIONS
//! record claims: a damaged 7 KB file whose one cell sat at column 65,000
//! made it allocate 24 GB, and a DIMENSIONS of four billion rows ends the
//! process (an allocation that fails aborts; it cannot be caught). This walks
//! the workbook stream's records the way calamine does (the same sheets from
//! the same offsets, the same nesting of embedded charts) and refuses a sheet
//! whose cells, or whose declared dimensions, span more than
//! [`MAX_GRID_CELLS`]. It keeps nothing but positions.

use std::io::{Cursor, Read};

use super::bounds::{range_too_large, refused, too_many_cells, MAX_GRID_CELLS, MAX_SHEET_CELLS};
use crate::error::Result;

/// BIFF record types (MS-XLS 2.3).
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MUL_RK: u16 = 0x00BD;
/// Records that hold one cell at (row, column) in their first four bytes, as
/// calamine reads them: Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
const ONE_CELL: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Refuses an `.xls` one of whose sheets calamine would build too large a
/// grid for, or whose container is damaged. A workbook stream whose records
/// end early passes (calamine stops there too, and says so), and so does a
/// container without one (calamine says that too).
pub fn check_xls(file: &str, bytes: &[u8]) -> Result<()> {
    for stream in workbook_streams(file, bytes)? {
        let mut sheets = Vec::new();
        for (typ, data) in records(&stream) {
            match typ {
                BOUND_SHEET if data.len() >= 4 => {
                    sheets.push((read_u32(data) as usize, sheet_name(data, sheets.len())));
                }
                EOF => break,
                _ => {}
            }
        }
        for (at, name) in sheets {
            if let Some(sheet) = stream.get(at..) {
                check_sheet(file, &name, sheet)?;
            }
        }
    }
    Ok(())
}

/// Every stream calamine might read as the workbook: named `Workbook` (or,
/// before Excel 97, `Book`) in any case, anywhere in the container (it takes
/// the first it lists). A container whose sector tables contradict the file
/// (a chain past its end, a sector claimed twice: a file cut short or
/// damaged) is refused: calamine reads on regardless, and what it reads there
/// is what made it build grids of billions of cells.
fn workbook_streams(file: &str, bytes: &[u8]) -> Result<Vec<Vec<u8>>> {
    let damaged = |_| {
        refused(
            file,
            "文件已损坏（.xls 文件的内部结构不完整或前后矛盾，常见于没有复制完整的文件），请找回完整的原文件，或用 Excel、WPS 打开后另存为 .xlsx 再导入".to_string(),
        )
    };
    let mut container = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    let paths: Vec<_> = container
        .walk()
        .filter(|e| {
            e.is_stream()
                && (e.name().eq_ignore_ascii_case("workbook")
                    || e.name().eq_ignore_ascii_case("book"))
        })
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut streams = Vec::new();
    for path in paths {
        let mut stream = Vec::new();
        // A stream lives in the file's own sectors: never longer than the file.
        container
            .open_stream(&path)
            .map_err(damaged)?
            .take(bytes.len() as u64)
            .read_to_end(&mut stream)
            .map_err(damaged)?;
        streams.push(stream);
    }
    Ok(streams)
}

/// The records from the start of `stream`, as (type, data), until one runs
/// past its end (where calamine stops with an error).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let typ = read_u16(rest.get(..2)?);
        let len = usize::from(read_u16(rest.get(2..4)?));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// A range of rows and one of columns, zero-based and inclusive.
type Area = ((u32, u32), (u32, u32));

/// Refuses a sheet, whose substream starts at `sheet`, for which calamine
/// would reserve or build too large a grid: a DIMENSIONS record (each one
/// makes it reserve room) or the cells themselves spanning more than
/// [`MAX_GRID_CELLS`], or more than [`MAX_SHEET_CELLS`] cell records. Its
/// records are read up to its EOF, those of nested substreams (embedded
/// charts) left out, as calamine reads them.
fn check_sheet(file: &str, name: &str, sheet: &[u8]) -> Result<()> {
    let mut cells: Option<Area> = None;
    let mut count = 0u64;
    let mut cell = |row: u32, col: u32| -> Result<()> {
        count += 1;
        if count > MAX_SHEET_CELLS {
            return Err(too_many_cells(file, name));
        }
        let ((r0, r1), (c0, c1)) = cells.get_or_insert(((row, row), (col, col)));
        (*r0, *r1, *c0, *c1) = (
            (*r0).min(row),
            (*r1).max(row),
            (*c0).min(col),
            (*c1).max(col),
        );
        Ok(())
    };
    let (mut depth, mut seen_bof) = (0usize, false);
    for (typ, data) in records(sheet) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => {
                if let Some(area) = declared(data) {
                    check_area(file, name, area)?;
                }
            }
            MUL_RK if data.len() >= 12 => {
                let (row, first) = (u32::from(read_u16(data)), u32::from(read_u16(&data[2..])));
                let count = ((data.len() - 6) / 6) as u32;
                cell(row, first)?;
                cell(row, first + count - 1)?;
            }
            t if ONE_CELL.contains(&t) && data.len() >= 4 => {
                cell(u32::from(read_u16(data)), u32::from(read_u16(&data[2..])))?;
            }
            _ => {}
        }
    }
    match cells {
        Some(area) => check_area(file, name, area),
        None => Ok(()),
    }
}

/// Refuses an area of more than [`MAX_GRID_CELLS`], counted as calamine
/// counts it, in `u32` arithmetic that wraps: an end before its start makes
/// billions of rows, an end just before it (an empty DIMENSIONS) none.
fn check_area(file: &str, name: &str, (rows, cols): Area) -> Result<()> {
    let span = |(a, b): (u32, u32)| u64::from(b.wrapping_sub(a).wrapping_add(1));
    if span(rows).saturating_mul(span(cols)) > MAX_GRID_CELLS {
        let ordered = |(a, b): (u32, u32)| (a.min(b), a.max(b));
        return Err(range_too_large(file, name, ordered(rows), ordered(cols)));
    }
    Ok(())
}

/// What a DIMENSIONS record makes calamine reserve room for, read as it
/// reads it (MS-XLS 2.4.90: last row and column one past the end; a first
/// column past 255 taken as 0).
fn declared(data: &[u8]) -> Option<Area> {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(read_u16(data)),
            u32::from(read_u16(&data[2..])),
            u32::from(read_u16(&data[4..])),
            u32::from(read_u16(&data[6..])),
        ),
        14 | 16 => (
            read_u32(data),
            read_u32(&data[4..]),
            u32::from(read_u16(&data[8..])),
            u32::from(read_u16(&data[10..])),
        ),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl >= 1 && cl >= 1 {
        Some(((rf, rl - 1), (cf, cl - 1)))
    } else {
        None
    }
}

/// A sheet's name from its BoundSheet8 record (MS-XLS 2.4.28: a short
/// string after six bytes, UTF-16 or one byte a character), or its place
/// (第 2 个工作表) when it cannot be read so.
fn sheet_name(data: &[u8], index: usize) -> String {
    let fallback = || format!("第 {} 个工作表", index + 1);
    let (Some(&len), Some(&flags)) = (data.get(6), data.get(7)) else {
        return fallback();
    };
    let chars = &data[8..];
    let len = usize::from(len);
    let name = match flags {
        0 => chars
            .get(..len)
            .map(|b| b.iter().map(|&c| char::from(c)).collect()),
        1 => chars.get(..len * 2).map(|b| {
            let units: Vec<u16> = b.chunks_exact(2).map(read_u16).collect();
            String::from_utf16_lossy(&units)
        }),
        _ => None,
    };
    name.filter(|n| !n.trim().is_empty())
        .unwrap_or_else(fallback)
}

fn read_u16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

fn read_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_is_counted_as_calamine_counts_it() {
        let refused = |area: Area| check_area("a.xls", "表1", area).is_err();
        assert!(!refused(((0, 99), (0, 9))), "1,000 cells");
        assert!(!refused(((0, 3_999), (0, 999))), "4,000,000 cells");
        assert!(refused(((0, 3_999), (0, 1_000))));
        assert!(
            refused(((0, 65_535), (0, 65_535))),
            "a cell at the far corner"
        );
        // An empty DIMENSIONS (last row one before the first): nothing reserved.
        assert!(!refused(((5, 4), (0, 3))));
        // An end further before its start wraps to billions of rows.
        assert!(refused(((5, 3), (0, 3))));
        assert!(refused(((0, u32::MAX - 1), (0, 3))));
    }
}
