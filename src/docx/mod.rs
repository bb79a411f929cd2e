//! Writing print-ready Word documents (over `docx-rs`): 通报, 交办单, 督办事项卡.
//!
//! Every document an office sends is laid out the 公文 way (GB/T 9704): A4
//! portrait, margins 上 3.7 cm, 下 3.5 cm, 左 2.8 cm, 右 2.6 cm; the title in
//! 方正小标宋简体 二号, the body in 仿宋_GB2312 三号 with a fixed 28 pt line and a
//! first-line indent of two characters, headings in 黑体, tables in 小四 or 五号
//! with a header row repeated on every printed page, the page number centred in
//! the footer (`— 1 —`).
//!
//! Fonts: each run names its Chinese font in the `eastAsia` attribute and a
//! Latin one (Times New Roman) for digits; the font table gives every Chinese
//! font an alternative (`altName`: 仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体) that
//! every Chinese Windows has, and LibreOffice on Linux maps what it lacks to
//! the installed CJK font (Noto Serif CJK SC), so Chinese always shows.
//!
//! ```no_run
//! use duban::docx::{Col, DocxBook};
//! # fn main() -> duban::Result<()> {
//! let mut book = DocxBook::new();
//! book.title("督办通报");
//! book.subtitle("2026年第11期");
//! book.issue_line("县税务局督查督办办公室", "2026年12月1日");
//! book.heading("一、总体情况");
//! book.paragraph("11月共有督办事项12项到期……");
//! book.table(
//!     &[Col::new("名次", 1).center(), Col::new("单位", 4)],
//!     &[vec!["1".into(), "第一税务分局".into()]],
//! );
//! book.save(std::path::Path::new("通报.docx"))?;
//! # Ok(()) }
//! ```

use std::io::Cursor;
use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, Footer, HeightRule, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use crate::error::{Error, Result};

/// The font of a document's title (方正小标宋简体; falls back to 宋体).
pub const TITLE_FONT: &str = "方正小标宋简体";
/// The font of the body text (仿宋_GB2312; falls back to 仿宋).
pub const BODY_FONT: &str = "仿宋_GB2312";
/// The font of first-level headings (黑体).
pub const HEADING_FONT: &str = "黑体";
/// The font of second-level headings (楷体_GB2312; falls back to 楷体).
pub const KAI_FONT: &str = "楷体_GB2312";
/// The font of digits and Latin letters.
pub const LATIN_FONT: &str = "Times New Roman";

/// A4 in twips (1/1440 inch).
const A4: (u32, u32) = (11906, 16838);
/// 1 cm in twips.
const CM: f64 = 566.93;
/// The text width between the margins (21 cm − 2.8 cm − 2.6 cm), in twips.
pub const TEXT_WIDTH: u32 = 8844;
/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt, 四号 14 pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const XIAOSI: usize = 24;
const WUHAO: usize = 21;
const SIHAO: usize = 28;
/// The body's fixed line (28 pt) in twips.
const BODY_LINE: i32 = 560;
/// The height (twips, at least) that marks a table's header row; rewritten
/// into `<w:tblHeader/>` (docx-rs has no setter for it) when packing.
const HEADER_MARK: f32 = 457.0;
const HEADER_MARK_XML: &str = r#"<w:trHeight w:val="457" w:hRule="atLeast" />"#;

/// The font table: each Chinese font with the alternative Word uses when it is
/// missing (`charset 86` = GB2312).
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:charset w:val="00" /><w:family w:val="roman" /><w:pitch w:val="variable" /></w:font>"#,
    r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体" /><w:charset w:val="86" /><w:family w:val="script" /><w:pitch w:val="variable" /></w:font>"#,
    r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋" /><w:charset w:val="86" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font>"#,
    r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体" /><w:charset w:val="86" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei" /><w:charset w:val="86" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun" /><w:charset w:val="86" /><w:family w:val="auto" /><w:pitch w:val="variable" /></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong" /><w:charset w:val="86" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font>"#,
    r#"</w:fonts>"#
);

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn twips(cm: f64) -> i32 {
    (cm * CM).round() as i32
}

/// The text size of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSize {
    /// 小四 (12 pt): few columns.
    Normal,
    /// 五号 (10.5 pt): wide tables.
    Small,
}

/// A table column: its header, its share of the text width, its alignment.
#[derive(Debug, Clone)]
pub struct Col {
    header: String,
    weight: u32,
    center: bool,
}

impl Col {
    /// A left-aligned column taking `weight` shares of the width.
    pub fn new(header: &str, weight: u32) -> Col {
        Col {
            header: header.to_string(),
            weight: weight.max(1),
            center: false,
        }
    }
    /// Centred cells (numbers, ranks, dates).
    pub fn center(mut self) -> Col {
        self.center = true;
        self
    }
}

/// A Word document being written top to bottom.
pub struct DocxBook {
    docx: Docx,
    table_size: TableSize,
}

impl Default for DocxBook {
    fn default() -> Self {
        DocxBook::new()
    }
}

impl DocxBook {
    /// An empty A4 document with the 公文 margins, fonts and page numbers.
    pub fn new() -> DocxBook {
        let footer = Footer::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run("— ", "宋体", SIHAO))
                .add_page_num(PageNum::new())
                .add_run(run(" —", "宋体", SIHAO))
                .size(SIHAO)
                .fonts(fonts("宋体")),
        );
        let docx = Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(twips(3.7))
                    .bottom(twips(3.5))
                    .left(twips(2.8))
                    .right(twips(2.6))
                    .header(twips(1.5))
                    .footer(twips(2.8)),
            )
            .default_fonts(fonts(BODY_FONT))
            .default_size(SANHAO)
            .footer(footer);
        DocxBook {
            docx,
            table_size: TableSize::Normal,
        }
    }

    fn push(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    /// The title: 方正小标宋简体 二号, centred.
    pub fn title(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(240).after(120))
                .add_run(run(text, TITLE_FONT, ERHAO)),
        );
    }

    /// A centred line under the title (期号, 更正 note), 仿宋 三号.
    pub fn subtitle(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(120))
                .add_run(run(text, BODY_FONT, SANHAO)),
        );
    }

    /// The issuing line: 编发单位 on the left, the date on the right, then a
    /// red rule across the page (the 版头 separator).
    pub fn issue_line(&mut self, issuer: &str, date: &str) {
        let half = (TEXT_WIDTH / 2) as usize;
        let cell = |text: &str, align: AlignmentType| {
            TableCell::new().width(half, WidthType::Dxa).add_paragraph(
                Paragraph::new()
                    .align(align)
                    .add_run(run(text, BODY_FONT, SANHAO)),
            )
        };
        let table = Table::new(vec![TableRow::new(vec![
            cell(issuer, AlignmentType::Left),
            cell(date, AlignmentType::Right),
        ])])
        .set_grid(vec![half, half])
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(
            TableBorders::with_empty().set(
                TableBorder::new(TableBorderPosition::Bottom)
                    .color("FF0000")
                    .size(16),
            ),
        );
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
        self.push(Paragraph::new().size(XIAOSI));
    }

    /// A first-level heading (一、总体情况): 黑体 三号, indented two characters.
    pub fn heading(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .line_spacing(body_line())
                .keep_next(true)
                .add_run(run(text, HEADING_FONT, SANHAO)),
        );
    }

    /// A second-level heading (（一）部门排名): 楷体 三号, indented two characters.
    pub fn subheading(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .line_spacing(body_line())
                .keep_next(true)
                .add_run(run(text, KAI_FONT, SANHAO)),
        );
    }

    /// A body paragraph: 仿宋 三号, first line indented two characters, 28 pt lines.
    pub fn paragraph(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .align(AlignmentType::Both)
                .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                .line_spacing(body_line())
                .add_run(run(text, BODY_FONT, SANHAO)),
        );
    }

    /// A labelled line of a form (事项名称：…), the label in 黑体, not indented.
    pub fn field(&mut self, label: &str, value: &str) {
        self.push(
            Paragraph::new()
                .align(AlignmentType::Both)
                .line_spacing(body_line())
                .add_run(run(&format!("{label}："), HEADING_FONT, SANHAO))
                .add_run(run(value, BODY_FONT, SANHAO)),
        );
    }

    /// A right-aligned line (落款, date).
    pub fn right(&mut self, text: &str) {
        self.push(
            Paragraph::new()
                .align(AlignmentType::Right)
                .line_spacing(body_line())
                .add_run(run(text, BODY_FONT, SANHAO)),
        );
    }

    /// The text size of the tables that follow (小四 by default).
    pub fn table_size(&mut self, size: TableSize) {
        self.table_size = size;
    }

    /// A table with a header row (repeated on every printed page), the columns
    /// sharing the text width by their weights; rows are never split across
    /// pages. Rows shorter than the columns are padded with empty cells.
    pub fn table(&mut self, cols: &[Col], rows: &[Vec<String>]) {
        let size = match self.table_size {
            TableSize::Normal => XIAOSI,
            TableSize::Small => WUHAO,
        };
        let total: u32 = cols.iter().map(|c| c.weight).sum::<u32>().max(1);
        let widths: Vec<usize> = cols
            .iter()
            .map(|c| (TEXT_WIDTH * c.weight / total) as usize)
            .collect();
        let cell = |text: &str, width: usize, center: bool, font: &str| {
            TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(
                    Paragraph::new()
                        .align(if center {
                            AlignmentType::Center
                        } else {
                            AlignmentType::Left
                        })
                        .line_spacing(
                            LineSpacing::new()
                                .line(240)
                                .line_rule(LineSpacingType::Auto),
                        )
                        .add_run(run(text, font, size)),
                )
        };
        /// Characters above which a table row may break across pages.
        const ROW_KEPT_WHOLE: usize = 200;
        let header = TableRow::new(
            cols.iter()
                .zip(&widths)
                .map(|(c, w)| cell(&c.header, *w, true, HEADING_FONT))
                .collect(),
        )
        .row_height(HEADER_MARK)
        .height_rule(HeightRule::AtLeast)
        .cant_split();
        let mut table = Table::new(vec![header])
            .set_grid(widths.clone())
            .width(TEXT_WIDTH as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(docx_rs::TableAlignmentType::Center);
        for r in rows {
            let cells = cols
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    cell(
                        r.get(i).map(String::as_str).unwrap_or(""),
                        *w,
                        c.center,
                        BODY_FONT,
                    )
                })
                .collect();
            // A short row stays on one page; a long one (a 工作要求 of several
            // hundred characters) may break, or Word and LibreOffice clip it.
            let long = r.iter().map(|t| t.chars().count()).sum::<usize>() > ROW_KEPT_WHOLE;
            let row = TableRow::new(cells);
            table = table.add_row(if long { row } else { row.cant_split() });
        }
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
        // Word needs a paragraph between two tables, and it spaces them.
        self.push(Paragraph::new().size(XIAOSI));
    }

    /// Starts a new page.
    pub fn page_break(&mut self) {
        self.push(Paragraph::new().page_break_before(true));
    }

    /// The document as `.docx` bytes.
    pub fn to_bytes(self) -> Result<Vec<u8>> {
        let mut xml = self.docx.build();
        let document = String::from_utf8(xml.document)
            .map_err(|e| Error::BadFile(format!("生成 Word 文档时出错：{e}")))?;
        xml.document = document
            .replace(
                HEADER_MARK_XML,
                &format!("<w:tblHeader />{HEADER_MARK_XML}"),
            )
            .into_bytes();
        xml.font_table = FONT_TABLE.as_bytes().to_vec();
        let mut out = Cursor::new(Vec::new());
        xml.pack(&mut out)
            .map_err(|e| Error::BadFile(format!("生成 Word 文档时出错：{e}")))?;
        Ok(out.into_inner())
    }

    /// Saves the document to `path` (written beside it first, then renamed,
    /// so a failed save never leaves half a file under the final name).
    pub fn save(self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        crate::saved_file::write_atomic(path, &bytes)
    }
}

fn body_line() -> LineSpacing {
    LineSpacing::new()
        .line(BODY_LINE)
        .line_rule(LineSpacingType::Exact)
}

/// The text of a `.docx`'s `word/document.xml` (tests and checks read it back).
pub fn document_xml(bytes: &[u8]) -> Result<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::BadFile(format!("不是有效的 Word 文档：{e}")))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|e| Error::BadFile(format!("Word 文档缺少正文部分：{e}")))?;
    let mut s = String::new();
    part.read_to_string(&mut s)
        .map_err(|e| Error::BadFile(format!("Word 文档正文无法读取：{e}")))?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_has_the_page_the_fonts_the_header_row_and_the_text() {
        let mut book = DocxBook::new();
        book.title("督办通报");
        book.subtitle("2026年第11期");
        book.issue_line("督查督办办公室", "2026年12月1日");
        book.heading("一、总体情况");
        book.paragraph("共有 12 项到期。");
        book.table(
            &[Col::new("名次", 1).center(), Col::new("单位", 4)],
            &[vec!["1".into(), "第一税务分局".into()], vec!["2".into()]],
        );
        let bytes = book.to_bytes().unwrap();
        let xml = document_xml(&bytes).unwrap();
        for want in [
            "督办通报",
            "2026年第11期",
            "督查督办办公室",
            "一、总体情况",
            "共有 12 项到期。",
            "第一税务分局",
            r#"w:w="11906""#,
            r#"w:h="16838""#,
            r#"w:top="2098""#,
            r#"w:left="1587""#,
            r#"w:eastAsia="方正小标宋简体""#,
            r#"w:eastAsia="仿宋_GB2312""#,
            "<w:tblHeader />",
            "<w:cantSplit />",
            r#"w:firstLine="640""#,
        ] {
            assert!(xml.contains(want), "missing {want}");
        }
        // Exactly one header row: the marker was rewritten once.
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
        // The font table names the fallbacks.
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
        let mut fonts = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/fontTable.xml").unwrap(), &mut fonts)
            .unwrap();
        assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋" />"#));
        // The footer holds the page number field.
        let mut footer = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/footer1.xml").unwrap(), &mut footer)
            .unwrap();
        assert!(footer.contains("PAGE"), "{footer}");
    }

    #[test]
    fn save_writes_the_whole_file_under_its_name_only() {
        let dir = std::env::temp_dir().join(format!("duban-docx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("交办单.docx");
        let mut book = DocxBook::new();
        book.paragraph("内容");
        book.save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(document_xml(&bytes).unwrap().contains("内容"));
        assert!(!dir.join("交办单.docx.part").exists());
        let err = DocxBook::new()
            .save(&dir.join("没有这个文件夹").join("x.docx"))
            .unwrap_err();
        assert!(err.to_string().contains("无法写入文件"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
