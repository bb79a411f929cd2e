//! Reading a large `.xlsx` piece by piece ([`stream_xlsx`]): its cells read
//! by [`FastBook`] (calamine's cell reader for a package laid out unusually)
//! and handed out as grids of a few thousand rows.

use calamine::Data;

use super::{bad, calamine_cells, open_xlsx, unparsable, Grid, SheetEvent};
use crate::error::Result;
use crate::sheets::bounds::{
    check_part_sizes, grid_of_cells, rows_out_of_order, too_many_cells, MAX_COLUMNS_READ,
    MAX_SHEET_CELLS,
};
use crate::sheets::guard::guarded;
use crate::sheets::xlsx_fast::FastBook;

/// Reads the visible worksheets of an `.xlsx`/`.xlsm` piece by piece: `each`
/// gets consecutive grids of at most `rows_per_piece` rows, and `true` with
/// the first piece of every sheet. The first piece starts at the sheet's first
/// used row, as [`open_bytes`]'s grid does, so a header is found the same
/// way; every piece's columns count from column A (use one piece's
/// [`HeaderMatch`] for the next with [`Grid::table_continued`]). Memory stays
/// at one piece whatever the file's size, and the caller can work on a piece
/// while the next one is read. The cells are read by [`FastBook`] (calamine's
/// cell reader when the package is laid out unusually); both give the same
/// grids.
pub fn stream_xlsx(
    file_name: &str,
    bytes: &[u8],
    rows_per_piece: u32,
    mut each: impl FnMut(&Grid, bool) -> Result<()>,
) -> Result<()> {
    // The parts' declared sizes only: the shared strings are measured as they are read
    // (FastBook::open), or by open_xlsx for calamine.
    check_part_sizes(file_name, bytes)?;
    let Some(mut book) = FastBook::open(file_name, bytes)? else {
        return stream_with_calamine(file_name, bytes, rows_per_piece, each);
    };
    for (name, path) in std::mem::take(&mut book.sheets) {
        let mut pieces = Pieces::new(file_name, name.clone(), rows_per_piece);
        book.cells(&path, |r, c, v| pieces.cell(r, c, v, &mut each))
            .map_err(|why| bad(file_name, &format!("工作表“{name}”已损坏（{why}）")))??;
        pieces.finish(&mut each)?;
    }
    Ok(())
}

/// Whether [`stream_xlsx`] reads these bytes with its own walker
/// ([`FastBook`]) rather than calamine's cell reader.
pub fn reads_fast(bytes: &[u8]) -> bool {
    matches!(FastBook::open("", bytes), Ok(Some(_)))
}

/// [`stream_xlsx`] over calamine's cell reader.
fn stream_with_calamine(
    file_name: &str,
    bytes: &[u8],
    rows_per_piece: u32,
    mut each: impl FnMut(&Grid, bool) -> Result<()>,
) -> Result<()> {
    // Guarded as calamine_cells guards its calls: calamine reads the
    // workbook and its shared strings here.
    let mut wb = guarded(|| open_xlsx(file_name, bytes), || unparsable(file_name))?;
    let mut pieces: Option<Pieces<'_>> = None;
    calamine_cells(&mut wb, file_name, |name, event| match event {
        SheetEvent::Cell(r, c, v) => pieces
            .get_or_insert_with(|| Pieces::new(file_name, name.to_string(), rows_per_piece))
            .cell(r, c, v, &mut each),
        SheetEvent::End => match pieces.take() {
            Some(p) => p.finish(&mut each),
            None => Ok(()),
        },
    })
}

/// Gathers one sheet's cells, in the order written, into the grids
/// [`stream_xlsx`] hands out: refuses a sheet of too many cells and one
/// whose rows go back above a piece already handed out.
struct Pieces<'n> {
    file_name: &'n str,
    name: String,
    rows_per_piece: u32,
    piece: Vec<(u32, u32, Data)>,
    /// The piece's first row, its last, and the row below the pieces
    /// already handed out (a cell above it came too late).
    start: Option<u32>,
    last: u32,
    floor: u32,
    first: bool,
    count: u64,
}

impl<'n> Pieces<'n> {
    fn new(file_name: &'n str, name: String, rows_per_piece: u32) -> Pieces<'n> {
        Pieces {
            file_name,
            name,
            rows_per_piece: rows_per_piece.max(1),
            piece: Vec::new(),
            start: None,
            last: 0,
            floor: 0,
            first: true,
            count: 0,
        }
    }

    /// One cell (empty ones and those right of what is read are left out).
    fn cell(
        &mut self,
        r: u32,
        c: u32,
        value: Data,
        each: &mut impl FnMut(&Grid, bool) -> Result<()>,
    ) -> Result<()> {
        if c >= MAX_COLUMNS_READ || matches!(value, Data::Empty) {
            return Ok(());
        }
        self.count += 1;
        if self.count > MAX_SHEET_CELLS {
            return Err(too_many_cells(self.file_name, &self.name));
        }
        if r < self.floor {
            return Err(rows_out_of_order(
                self.file_name,
                &self.name,
                r,
                self.floor - 1,
            ));
        }
        let s = *self.start.get_or_insert(r);
        if r >= s + self.rows_per_piece {
            self.emit(each)?;
            self.floor = self.last + 1;
            self.start = Some(r);
        } else if r < s {
            self.start = Some(r);
        }
        self.last = self.last.max(r);
        self.piece.push((r, c, value));
        Ok(())
    }

    fn emit(&mut self, each: &mut impl FnMut(&Grid, bool) -> Result<()>) -> Result<()> {
        let range = grid_of_cells(self.file_name, &self.name, &mut self.piece, true)?;
        self.piece.clear();
        let grid = Grid {
            name: self.name.clone(),
            range,
        };
        each(&grid, std::mem::replace(&mut self.first, false))
    }

    /// Hands out the last piece.
    fn finish(mut self, each: &mut impl FnMut(&Grid, bool) -> Result<()>) -> Result<()> {
        if self.piece.is_empty() {
            return Ok(());
        }
        self.emit(each)
    }
}
