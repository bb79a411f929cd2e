//! Opening what people send (`.xlsx`, `.xlsm`, `.xls`, `.ods`) over calamine,
//! keeping the visible worksheets only, and walking a table's data rows with
//! Excel row numbers and column headers for every message.

use std::io::Cursor;

use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::bounds::{
    check_ods, check_xlsx_parts, grid_of_cells, too_many_cells, MAX_COLUMNS_READ, MAX_SHEET_CELLS,
};
use super::guard::guarded;
use super::header::{find_header_of, Field, HeaderMatch};
use super::value::{cell_date, cell_text, clean, is_blank};
use super::xls_scan::check_xls;
use crate::error::{Error, Result};

mod pieces;
pub use pieces::{reads_fast, stream_xlsx};

/// The file extensions the reader accepts (lower case, no dot).
pub const ACCEPTED_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// The most characters one cell may hold (Excel's own limit). A longer cell
/// rejects its row: nothing that long can be written back to a sheet.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The largest spreadsheet file read (a 100,000-row ledger is about 10 MB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a spreadsheet file whole, refusing what is not a regular file (a
/// pipe would block forever, a link to `/dev/zero` would never end) and a
/// file over [`MAX_FILE_BYTES`], before reading anything. The error's text is
/// Chinese and completes "无法打开文件“…”：".
pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "这不是普通文件（可能是文件夹、设备或管道），未读取",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "文件大小 {} MB 超过上限 {} MB，未读取",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The length may change between the check and the read: read no more than the limit.
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other("文件在读取时变大，超过上限，未读取"));
    }
    Ok(bytes)
}

/// A problem with one cell of one row, located as Excel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RowIssue {
    /// The worksheet's name.
    pub sheet: String,
    /// The row number as Excel shows it (1-based); 0 for the whole sheet.
    pub row: u32,
    /// The column header as written in the sheet ("" when not about one column).
    pub column: String,
    /// What is wrong, in Chinese, quoting the offending text.
    pub reason: String,
}

impl RowIssue {
    /// The full sentence: file, sheet, row, column and reason.
    pub fn describe(&self, file: &str) -> String {
        let mut s = format!("文件“{file}”");
        if !self.sheet.is_empty() {
            s.push_str(&format!("工作表“{}”", self.sheet));
        }
        if self.row > 0 {
            s.push_str(&format!("第 {} 行", self.row));
        }
        if !self.column.is_empty() {
            s.push_str(&format!("“{}”列", self.column));
        }
        s.push('：');
        s.push_str(&self.reason);
        s
    }
}

/// One visible worksheet's cells.
pub struct Grid {
    /// The worksheet's name.
    pub name: String,
    range: Range<Data>,
}

/// A workbook's visible worksheets, in workbook order.
pub struct Workbook {
    /// The file's name as given (for messages).
    pub file_name: String,
    /// The visible worksheets.
    pub sheets: Vec<Grid>,
}

/// What format the bytes are.
enum Format {
    Xlsx,
    Xls,
    Ods,
}

fn bad(file: &str, why: &str) -> Error {
    Error::BadFile(format!(
        "文件“{file}”无法读取：{why}。本文件未导入任何内容。"
    ))
}

/// Opens a workbook from its bytes. `file_name` gives the extension and is
/// quoted in errors. Refuses (with a Chinese reason naming the file) other
/// formats, empty, corrupt and password-protected files.
pub fn open_bytes(file_name: &str, bytes: &[u8]) -> Result<Workbook> {
    let format = sniff(file_name, bytes)?;
    let sheets = guarded(
        || read_sheets(file_name, bytes, format),
        || unparsable(file_name),
    )?;
    Ok(Workbook {
        file_name: file_name.to_string(),
        sheets,
    })
}

/// The visible worksheets of a file of `format`, read whole.
fn read_sheets(file_name: &str, bytes: &[u8], format: Format) -> Result<Vec<Grid>> {
    let encrypted = || encrypted(file_name);
    let corrupt = |e: String| corrupt(file_name, e);
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsx => load_xlsx(open_xlsx(file_name, bytes)?, file_name),
        Format::Ods => {
            check_ods(file_name, bytes)?;
            let wb: Ods<_> = Ods::new(cursor).map_err(|e| corrupt(e.to_string()))?;
            load_visible(wb, file_name)
        }
        Format::Xls => {
            // An encrypted .xlsx is an OLE container too.
            if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
                return Err(encrypted());
            }
            check_xls(file_name, bytes)?;
            let wb = Xls::new(cursor).map_err(|e| match e {
                XlsError::Password => encrypted(),
                e => corrupt(e.to_string()),
            })?;
            load_visible(wb, file_name)
        }
    }
}

fn encrypted(file_name: &str) -> Error {
    bad(
        file_name,
        "文件设置了打开密码（已加密），请取消密码后另存再导入",
    )
}

/// A file a reader panicked on (see [`super::guard`]).
fn unparsable(file_name: &str) -> Error {
    corrupt(file_name, "读取时无法解析其中的内容".to_string())
}

fn corrupt(file_name: &str, e: String) -> Error {
    bad(file_name, &format!("文件已损坏或格式不正确（{e}）"))
}

fn open_xlsx<'a>(file_name: &str, bytes: &'a [u8]) -> Result<Xlsx<Cursor<&'a [u8]>>> {
    check_xlsx_parts(file_name, bytes)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => encrypted(file_name),
        e => corrupt(file_name, e.to_string()),
    })
}

/// Whether [`stream_xlsx`] can read these bytes (an `.xlsx`/`.xlsm` that
/// passes the checks of [`open_bytes`]); other formats are opened whole.
pub fn can_stream(file_name: &str, bytes: &[u8]) -> bool {
    matches!(sniff(file_name, bytes), Ok(Format::Xlsx))
}

/// What format the bytes are, after the checks every file passes.
fn sniff(file_name: &str, bytes: &[u8]) -> Result<Format> {
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !ACCEPTED_EXTENSIONS.contains(&ext.as_str()) {
        return Err(bad(
            file_name,
            "不是支持的表格格式（只接受 .xlsx、.xlsm、.xls、.ods），请用 Excel 或 WPS 另存为 .xlsx 后再导入",
        ));
    }
    if bytes.is_empty() {
        return Err(bad(file_name, "文件是空的（0 字节）"));
    }
    let format = if bytes.starts_with(b"PK\x03\x04") {
        if bytes.len() > 80
            && bytes[30..80.min(bytes.len())]
                .windows(8)
                .any(|w| w == b"mimetype")
        {
            Format::Ods
        } else {
            not_a_workbook_zip(file_name, bytes)?;
            Format::Xlsx
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::Xls
    } else {
        return Err(bad(
            file_name,
            "不是电子表格文件（内容无法识别），可能已损坏或只是改了扩展名",
        ));
    };
    Ok(format)
}

/// Refuses a zip that is not an Excel workbook (a Word or PowerPoint file,
/// or any archive, renamed `.xlsx`), saying what it is; a damaged zip is left
/// to the reader, which names the damage.
fn not_a_workbook_zip(file_name: &str, bytes: &[u8]) -> Result<()> {
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let has = |prefix: &str| {
        zip.file_names()
            .any(|n| n.is_ok_and(|n| n.starts_with(prefix)))
    };
    if has("xl/") {
        return Ok(());
    }
    let what = if has("word/") {
        "是 Word 文档（只是改成了表格的扩展名）"
    } else if has("ppt/") {
        "是 PowerPoint 演示文稿（只是改成了表格的扩展名）"
    } else {
        "是压缩包，不是 Excel 表格"
    };
    Err(bad(
        file_name,
        &format!("{what}，请选择要导入的表格文件（.xlsx、.xls、.ods）"),
    ))
}

/// Reads every visible worksheet (cached values of formula cells).
fn load_visible<'a, R>(mut wb: R, file_name: &str) -> Result<Vec<Grid>>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let names = visible(wb.sheets_metadata());
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| bad(file_name, &format!("工作表“{name}”已损坏（{e}）")))?;
        sheets.push(Grid { name, range });
    }
    Ok(sheets)
}

/// Reads every visible worksheet of an `.xlsx` from its cells (never through
/// calamine's grid of the declared range: see [`super::bounds`]).
fn load_xlsx(mut wb: Xlsx<Cursor<&[u8]>>, file_name: &str) -> Result<Vec<Grid>> {
    let mut sheets = Vec::new();
    let mut cells = Vec::new();
    calamine_cells(&mut wb, file_name, |name, event| {
        match event {
            SheetEvent::Cell(r, c, v) => {
                if cells.len() as u64 >= MAX_SHEET_CELLS {
                    return Err(too_many_cells(file_name, name));
                }
                cells.push((r, c, v));
            }
            SheetEvent::End => {
                let range = grid_of_cells(file_name, name, &mut cells, false)?;
                cells.clear();
                sheets.push(Grid {
                    name: name.to_string(),
                    range,
                });
            }
        }
        Ok(())
    })?;
    Ok(sheets)
}

/// What [`calamine_cells`] hands on about a worksheet.
enum SheetEvent {
    /// A cell that is not empty, left of [`MAX_COLUMNS_READ`]: row, column
    /// (0-based) and value.
    Cell(u32, u32, Data),
    /// The worksheet's last cell came.
    End,
}

/// Walks every visible worksheet of an `.xlsx` with calamine's cell reader,
/// handing `each` the sheet's name with every kept cell and then its end; a
/// part that is not a worksheet is skipped, a broken one refused. Each call
/// into calamine is guarded (a panic refuses the file as damaged), `each`
/// is not: a file read in pieces has `each` parse and hand on rows, and a
/// fault of ours there is not the file's.
fn calamine_cells(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    file_name: &str,
    mut each: impl FnMut(&str, SheetEvent) -> Result<()>,
) -> Result<()> {
    let damaged = || unparsable(file_name);
    for name in visible(wb.sheets_metadata()) {
        let broken = |e: XlsxError| bad(file_name, &format!("工作表“{name}”已损坏（{e}）"));
        let mut reader = match guarded(|| Ok(wb.worksheet_cells_reader(&name)), damaged)? {
            Ok(r) => r,
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(broken(e)),
        };
        while let Some((r, c, value)) =
            guarded(|| Ok(next_kept(&mut reader)), damaged)?.map_err(broken)?
        {
            if let Some(value) = value {
                each(&name, SheetEvent::Cell(r, c, value))?;
            }
        }
        each(&name, SheetEvent::End)?;
    }
    Ok(())
}

/// A cell's row and column, and its value unless it is empty or right of
/// every column read.
type KeptCell = (u32, u32, Option<Data>);

/// The next cell of `reader`.
fn next_kept<RS: std::io::Read + std::io::Seek>(
    reader: &mut calamine::XlsxCellReader<'_, RS>,
) -> std::result::Result<Option<KeptCell>, XlsxError> {
    Ok(reader.next_cell()?.map(|cell| {
        let (r, c) = cell.get_position();
        let kept = c < MAX_COLUMNS_READ && !matches!(cell.get_value(), calamine::DataRef::Empty);
        (r, c, kept.then(|| Data::from(cell.get_value().clone())))
    }))
}

fn visible(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

impl Grid {
    /// A grid from cells (tests, and readers of in-memory data). `cells[r][c]`
    /// is Excel row `r + 1`, column `c + 1`.
    pub fn from_rows(name: &str, cells: Vec<Vec<Data>>) -> Grid {
        let width = cells.iter().map(|r| r.len()).max().unwrap_or(0) as u32;
        let range = if cells.is_empty() || width == 0 {
            Range::empty()
        } else {
            let mut r = Range::new((0, 0), (cells.len() as u32 - 1, width - 1));
            for (i, row) in cells.into_iter().enumerate() {
                for (j, v) in row.into_iter().enumerate() {
                    r.set_value((i as u32, j as u32), v);
                }
            }
            r
        };
        Grid {
            name: name.to_string(),
            range,
        }
    }

    /// The cell at an Excel position (1-based row and column), if inside the used area.
    pub fn cell(&self, row: u32, col: u32) -> Option<&Data> {
        if row == 0 || col == 0 {
            return None;
        }
        self.range.get_value((row - 1, col - 1))
    }

    /// The trimmed text of the cell at an Excel position ("" outside or blank).
    pub fn text(&self, row: u32, col: u32) -> String {
        self.cell(row, col).map(cell_text).unwrap_or_default()
    }

    /// The Excel row number of the first row of the used area.
    pub fn first_row(&self) -> u32 {
        self.range.start().map(|(r, _)| r + 1).unwrap_or(1)
    }

    /// The Excel column number of the first column of the used area.
    pub fn first_col(&self) -> u32 {
        self.range.start().map(|(_, c)| c + 1).unwrap_or(1)
    }

    /// Rows of the used area with their Excel row numbers.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &[Data])> {
        let first = self.first_row();
        self.range
            .rows()
            .enumerate()
            .map(move |(i, r)| (first + i as u32, r))
    }

    /// A later piece of a sheet whose header (at Excel row `header_row`) was
    /// found on an earlier piece: every row of this grid below the header is data.
    pub fn table_continued<'g>(
        &'g self,
        fields: &'g [Field],
        header_row: u32,
        header: HeaderMatch,
    ) -> Table<'g> {
        Table {
            grid: self,
            fields,
            header_row,
            header,
        }
    }

    /// Finds this sheet's header for `fields` (see [`find_header`]).
    pub fn table<'g>(&'g self, fields: &'g [Field]) -> Option<Table<'g>> {
        self.table_of(fields, fields.len().min(2))
    }

    /// [`Grid::table`], satisfied with a header of `needed` known columns
    /// (one, where the sheet's name says what it holds).
    pub fn table_of<'g>(&'g self, fields: &'g [Field], needed: usize) -> Option<Table<'g>> {
        let m = find_header_of(self.range.rows(), fields, needed)?;
        Some(Table {
            grid: self,
            fields,
            header_row: self.first_row() + m.row as u32,
            header: m,
        })
    }
}

/// A header found on a sheet, with access to the rows below it.
pub struct Table<'g> {
    /// The sheet.
    pub grid: &'g Grid,
    /// The fields searched for.
    pub fields: &'g [Field],
    /// The header row's Excel number.
    pub header_row: u32,
    /// Which column holds which field.
    pub header: HeaderMatch,
}

impl<'g> Table<'g> {
    /// The required fields the header lacks.
    pub fn missing_required(&self) -> Vec<&'g str> {
        self.header.missing_required(self.fields)
    }
    /// Whether the header has field `f`.
    pub fn has(&self, f: usize) -> bool {
        self.header.columns[f].is_some()
    }
    /// The data rows below the header, skipping blank rows and 合计/小计/总计 rows.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        // (a later piece of a streamed sheet starts below its header)
        let first = (self.header_row + 1).max(self.grid.first_row());
        let skip = (first - self.grid.first_row()) as usize;
        self.grid
            .range
            .rows()
            .skip(skip)
            .enumerate()
            .map(move |(i, cells)| Row {
                table: self,
                excel_row: first + i as u32,
                cells,
            })
            .filter(|r| !r.is_skippable())
    }
    /// Cells above the header row (title, 填报单位 …), with Excel row numbers.
    pub fn above(&self) -> impl Iterator<Item = (u32, &'g [Data])> {
        let header_row = self.header_row;
        self.grid.rows().take_while(move |(n, _)| *n < header_row)
    }
}

/// One data row of a [`Table`].
pub struct Row<'t> {
    table: &'t Table<'t>,
    /// The row number as Excel shows it.
    pub excel_row: u32,
    cells: &'t [Data],
}

impl Row<'_> {
    fn is_skippable(&self) -> bool {
        match self.cells.iter().find(|c| !is_blank(c)) {
            None => true,
            Some(Data::String(s)) => {
                let t: String = clean(s).chars().filter(|c| !c.is_whitespace()).collect();
                ["合计", "总计", "小计"].iter().any(|w| t.starts_with(w))
            }
            Some(_) => false,
        }
    }
    /// The raw cell of field `f` (None when the column is absent or beyond the row).
    pub fn cell(&self, f: usize) -> Option<&Data> {
        self.table.header.columns[f].and_then(|c| self.cells.get(c))
    }
    /// The trimmed text of field `f` ("" when absent or blank).
    pub fn text(&self, f: usize) -> String {
        self.cell(f).map(cell_text).unwrap_or_default()
    }
    /// Whether field `f` is blank (or absent).
    pub fn is_blank(&self, f: usize) -> bool {
        self.cell(f).is_none_or(is_blank)
    }
    /// Field `f` as a date; `Ok(None)` when blank; an issue quoting the text otherwise.
    pub fn date(&self, f: usize) -> std::result::Result<Option<NaiveDate>, RowIssue> {
        match self.cell(f) {
            None => Ok(None),
            Some(d) => cell_date(d).map_err(|e| self.issue(f, e.reason(&cell_text(d)))),
        }
    }
    /// [`Row::date`] of something that has happened: a day after `today`
    /// is an issue too.
    pub fn past_date(
        &self,
        f: usize,
        today: NaiveDate,
    ) -> std::result::Result<Option<NaiveDate>, RowIssue> {
        match self.date(f)? {
            Some(d) if d > today => Err(self.issue(
                f,
                format!(
                    "日期“{}”晚于今天（{}），请填写实际的日期",
                    crate::dates::ymd(d),
                    crate::dates::ymd(today)
                ),
            )),
            d => Ok(d),
        }
    }
    /// An issue for the first mapped cell of this row that cannot be taken
    /// as written: longer than [`MAX_CELL_CHARS`], or showing a formula's
    /// error (`#N/A`, `#REF!`: there is no value to take); importers reject
    /// such a row.
    pub fn unreadable_cell(&self) -> Option<RowIssue> {
        (0..self.table.header.columns.len()).find_map(|f| match self.cell(f) {
            Some(Data::String(s)) if s.len() > MAX_CELL_CHARS => {
                let n = s.chars().count();
                (n > MAX_CELL_CHARS).then(|| {
                    self.issue(
                        f,
                        format!("内容有 {n} 个字符，超过单元格上限 {MAX_CELL_CHARS} 个字符，请精简后再导入"),
                    )
                })
            }
            Some(Data::Error(e)) => Some(self.issue(
                f,
                format!("单元格显示公式错误 {e}，没有可导入的内容，请改正公式或直接填写内容后再导入"),
            )),
            _ => None,
        })
    }
    /// The header text of field `f` as written in the sheet.
    pub fn label(&self, f: usize) -> &str {
        &self.table.header.labels[f]
    }
    /// An issue about field `f` of this row.
    pub fn issue(&self, f: usize, reason: impl Into<String>) -> RowIssue {
        RowIssue {
            sheet: self.table.grid.name.clone(),
            row: self.excel_row,
            column: self.label(f).to_string(),
            reason: reason.into(),
        }
    }
    /// The sheet's name.
    pub fn sheet(&self) -> &str {
        &self.table.grid.name
    }
}
