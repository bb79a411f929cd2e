//! The cell formats of a workbook ([`super::write`]): made once, shared by
//! every sheet.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use super::write::{Fill, Kind, DATETIME_FORMAT, DATE_FORMAT, FONT, TITLE_FONT};

/// The formats of a workbook, made once and shared by every sheet.
pub struct Styles {
    title: Format,
    info: Format,
    info_wide: Format,
    header: Format,
    note: Format,
    cells: HashMap<(Kind, bool, bool, Fill), Format>,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        Styles {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(16)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            info: base.clone().set_align(FormatAlign::VerticalCenter),
            info_wide: base
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xD9E1F2),
            note: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            cells: HashMap::new(),
        }
    }

    /// The format of a data cell (made on first use): its column's format
    /// ([`Styles::column`]) with a thin border, and the fill and lock asked for.
    pub fn cell(&mut self, kind: Kind, wrap: bool, editable: bool, fill: Fill) -> &Format {
        self.cells
            .entry((kind, wrap, editable, fill))
            .or_insert_with(|| {
                let mut f = Styles::column(kind, wrap).set_border(FormatBorder::Thin);
                if editable {
                    f = f.set_unlocked();
                }
                if let Some(rgb) = fill.rgb() {
                    f = f.set_background_color(rgb);
                }
                f
            })
    }

    /// The format of a column whose cells are written without a format of
    /// their own ([`super::write::Book::streamed_table`]): font, alignment, wrapping and
    /// number format, but no border or fill. Those would show on every empty
    /// row below the table; conditional formats over the table's rows draw them.
    pub(super) fn column(kind: Kind, wrap: bool) -> Format {
        let mut f = Format::new()
            .set_font_name(FONT)
            .set_font_size(11)
            .set_align(FormatAlign::VerticalCenter);
        f = match kind {
            Kind::Text => f,
            Kind::Date => f.set_num_format(DATE_FORMAT).set_align(FormatAlign::Center),
            Kind::Integer => f.set_num_format("0"),
            Kind::Number => f.set_num_format("0.00"),
            Kind::Percent => f.set_num_format("0.0%"),
            Kind::DateTime => f
                .set_num_format(DATETIME_FORMAT)
                .set_align(FormatAlign::Center),
        };
        if wrap {
            f = f.set_text_wrap();
        }
        f
    }

    /// The title format (黑体 16, bold, centred).
    pub fn title(&self) -> &Format {
        &self.title
    }
    /// The header-row format (bold, bordered, shaded, wrapped).
    pub fn header(&self) -> &Format {
        &self.header
    }
    /// Plain text above or beside a table.
    pub fn info(&self) -> &Format {
        &self.info
    }
    /// An information row merged across a table, wrapped.
    pub fn info_wide(&self) -> &Format {
        &self.info_wide
    }
    /// Wrapped, top-aligned text (notes, 填表说明).
    pub fn note(&self) -> &Format {
        &self.note
    }
}
