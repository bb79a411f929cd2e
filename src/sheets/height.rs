//! Row heights that print right everywhere.
//!
//! Excel grows a row for wrapped text when it opens a file; LibreOffice (and
//! the 信创 office suites built on it) does not: a row without an explicit
//! height keeps one line and the wrapped text runs over the rows below in
//! print. So every writer gives each data row an explicit height computed
//! here from its wrapped text: a Chinese (full-width) character is about as
//! wide as the font size, an ASCII character about half; a cell needs one line
//! per column-width of text (explicit newlines start a line), and the row is
//! as tall as its tallest cell.

/// The font size (points) of data cells.
pub const DATA_FONT_PT: f64 = 11.0;
/// A printed line's height per point of font size (11pt → 14.3pt).
pub const LINE_FACTOR: f64 = 1.3;
/// Space above and below the text of a cell, in points.
pub const PADDING_PT: f64 = 4.0;
/// Excel's largest row height, in points.
pub const MAX_ROW_PT: f64 = 409.0;

/// Whether `c` prints full width (CJK ideographs, kana, hangul, full-width
/// forms and CJK punctuation).
pub fn is_full_width(c: char) -> bool {
    let u = c as u32;
    // The two cases of nearly every character first: ASCII (and Latin-1 up to
    // '·') and the common CJK ideographs (every row's height is measured so).
    if u < 0xB7 {
        return false;
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return true;
    }
    matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '√' | '✓')
}

/// The printed width of `c` in points at `font_pt`.
pub fn char_width(c: char, font_pt: f64) -> f64 {
    if is_full_width(c) {
        font_pt
    } else {
        font_pt / 2.0
    }
}

/// The printed width of one line of `text` in points at `font_pt`.
pub fn text_width(text: &str, font_pt: f64) -> f64 {
    text.chars().map(|c| char_width(c, font_pt)).sum()
}

/// The width (points) a column of `width` Excel character units leaves for
/// text: `width × 7 + 5` pixels (Excel's default font) less the cell's
/// margins, at 96 pixels an inch.
pub fn column_points(width: f64) -> f64 {
    let pixels = (width * 7.0 + 5.0).floor() - 6.0;
    (pixels * 0.75).max(1.0)
}

/// How many printed lines `text` takes in a wrapped column of `width` Excel
/// character units at `font_pt`: each explicit line (`\n`) is broken
/// character by character where the next one would pass the column's edge.
/// An empty text takes one line.
pub fn lines_in(text: &str, width: f64, font_pt: f64) -> u32 {
    let room = column_points(width) + 0.01;
    // No character is wider than the font size: a short cell (most names,
    // dates, numbers) fits one line without measuring each character. Its
    // characters are counted only as far as a line holds (a long text, such
    // as a 工作要求 of 200 characters, is not counted through first).
    let most = (room / font_pt) as usize;
    if text.chars().take(most + 1).count() <= most && !text.contains('\n') {
        return 1;
    }
    let mut lines = 0u32;
    for para in text.split('\n') {
        let para = para.strip_suffix('\r').unwrap_or(para);
        let mut used = 0.0;
        let mut n = 1u32;
        for c in para.chars() {
            let w = char_width(c, font_pt);
            if used > 0.0 && used + w > room {
                n += 1;
                used = 0.0;
            }
            used += w;
        }
        lines += n;
    }
    lines.max(1)
}

/// The height (points) of a row of `lines` printed lines at `font_pt`.
pub fn height_for_lines(lines: u32, font_pt: f64) -> f64 {
    (f64::from(lines.max(1)) * font_pt * LINE_FACTOR + PADDING_PT).min(MAX_ROW_PT)
}

/// The height (points) of a row whose wrapped cells are `cells`: `(text,
/// column width in Excel character units)` pairs; the row is as tall as the
/// cell with the most lines.
pub fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>, font_pt: f64) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(t, w)| lines_in(t, w, font_pt))
        .max()
        .unwrap_or(1);
    height_for_lines(lines, font_pt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_chinese_and_ascii() {
        assert_eq!(text_width("督查督办", 11.0), 44.0);
        assert_eq!(text_width("DB2026", 11.0), 33.0);
        // 第 项 ， 共 项 full width, 1 and 2 half.
        assert_eq!(text_width("第1项，共2项", 11.0), 11.0 * 5.0 + 5.5 * 2.0);
        assert!(is_full_width('，') && is_full_width('（') && !is_full_width('a'));
    }

    #[test]
    fn a_column_of_30_holds_14_chinese_characters() {
        // 30 units = 215 px, less margins 209 px = 156.75 pt: 14 characters of 11 pt.
        let fourteen = "一".repeat(14);
        assert_eq!(lines_in(&fourteen, 30.0, 11.0), 1);
        assert_eq!(lines_in(&format!("{fourteen}一"), 30.0, 11.0), 2);
        assert_eq!(lines_in(&"一".repeat(42), 30.0, 11.0), 3);
        assert_eq!(lines_in(&"一".repeat(43), 30.0, 11.0), 4);
        // ASCII is half as wide: 28 of them on a line.
        assert_eq!(lines_in(&"a".repeat(28), 30.0, 11.0), 1);
        assert_eq!(lines_in(&"a".repeat(29), 30.0, 11.0), 2);
        // Mixed: 14 full-width characters do not fit with one more of any width.
        assert_eq!(lines_in(&format!("{fourteen}a"), 30.0, 11.0), 2);
        assert_eq!(lines_in(&format!("{}aa", "一".repeat(13)), 30.0, 11.0), 1);
    }

    #[test]
    fn explicit_newlines_start_lines() {
        assert_eq!(lines_in("", 20.0, 11.0), 1);
        assert_eq!(lines_in("一\n二\r\n三", 20.0, 11.0), 3);
        assert_eq!(lines_in("一\n\n三", 20.0, 11.0), 3);
        // A long first line wraps, the second does not.
        assert_eq!(lines_in(&format!("{}\n短", "一".repeat(15)), 30.0, 11.0), 3);
    }

    #[test]
    fn the_row_is_as_tall_as_its_tallest_cell() {
        let one = height_for_lines(1, 11.0);
        assert!((one - 18.3).abs() < 1e-9);
        let long = "一".repeat(30);
        let h = row_height([("短", 30.0), (long.as_str(), 30.0), ("", 10.0)], 11.0);
        assert!((h - (3.0 * 14.3 + 4.0)).abs() < 1e-9);
        assert_eq!(row_height([], 11.0), one);
        assert_eq!(height_for_lines(1000, 11.0), MAX_ROW_PT);
    }
}
