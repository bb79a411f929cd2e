//! Finding the header row by its names (EXCHANGE §1): within the first 20
//! rows, tolerating spaces, line breaks, full-width characters, bracketed
//! notes, a trailing `*`, reordered and extra columns, and synonyms.

use calamine::Data;

use super::value::normalise_width;

/// How many rows from the top of a sheet may hold the header.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// One column a sheet kind knows: its canonical header, accepted synonyms,
/// and whether a header without it rejects the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The canonical header (as in EXCHANGE §2).
    pub name: &'static str,
    /// Other headers meaning the same column.
    pub synonyms: &'static [&'static str],
    /// A header row without this column rejects the file.
    pub required: bool,
}

impl Field {
    /// An optional field.
    pub const fn optional(name: &'static str, synonyms: &'static [&'static str]) -> Field {
        Field {
            name,
            synonyms,
            required: false,
        }
    }
    /// A required field.
    pub const fn required(name: &'static str, synonyms: &'static [&'static str]) -> Field {
        Field {
            name,
            synonyms,
            required: true,
        }
    }
    /// Whether a header cell's text names this field.
    pub fn matches(&self, header_text: &str) -> bool {
        let n = normalise_header(header_text);
        !n.is_empty()
            && (n == normalise_header(self.name)
                || self.synonyms.iter().any(|s| n == normalise_header(s)))
    }
}

/// A header cell reduced to its name: full-width characters to ASCII, every
/// space and line break removed, bracketed notes (`(…)`, `（…）`, `[…]`,
/// `【…】`, `〔…〕`) removed, and leading/trailing `*` removed.
pub fn normalise_header(raw: &str) -> String {
    let wide = normalise_width(raw);
    let mut out = String::with_capacity(wide.len());
    let mut depth = 0usize;
    for c in wide.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' => {}
            _ => out.push(c),
        }
    }
    out.trim_matches(['*', '※', '★']).to_string()
}

/// Where a sheet's header is and which column holds each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMatch {
    /// Index of the header row among the rows searched (0 = first).
    pub row: usize,
    /// For each field (same order as the `fields` given), the index of its
    /// column within the row, or `None` when absent.
    pub columns: Vec<Option<usize>>,
    /// For each field, the header text as written in the sheet (trimmed, line
    /// breaks as spaces) — used in messages; the canonical name when absent.
    pub labels: Vec<String>,
    /// How many fields were found.
    pub found: usize,
}

impl HeaderMatch {
    /// The required fields the header lacks.
    pub fn missing_required<'f>(&self, fields: &'f [Field]) -> Vec<&'f str> {
        fields
            .iter()
            .zip(&self.columns)
            .filter(|(f, c)| f.required && c.is_none())
            .map(|(f, _)| f.name)
            .collect()
    }
}

/// Which field a header cell names, if any.
pub fn field_of(fields: &[Field], header_text: &str) -> Option<usize> {
    FieldNames::of(fields).field_of(header_text)
}

/// Each field's name and synonyms, normalised once for a whole search (a
/// header search looks at up to 20 rows of cells, each against every name:
/// normalising the names again for each cell was a tenth of a 36-file
/// feedback batch).
struct FieldNames(Vec<Vec<String>>);

impl FieldNames {
    fn of(fields: &[Field]) -> FieldNames {
        FieldNames(
            fields
                .iter()
                .map(|f| {
                    std::iter::once(f.name)
                        .chain(f.synonyms.iter().copied())
                        .map(normalise_header)
                        .collect()
                })
                .collect(),
        )
    }

    fn field_of(&self, header_text: &str) -> Option<usize> {
        let n = normalise_header(header_text);
        if n.is_empty() {
            return None;
        }
        self.0.iter().position(|names| names.contains(&n))
    }
}

/// Finds the header among the first [`HEADER_SEARCH_ROWS`] rows: the row that
/// names the most fields, provided it names at least two (or the only one,
/// for a one-field kind). When a field appears twice, the first column wins.
pub fn find_header<'a>(
    rows: impl IntoIterator<Item = &'a [Data]>,
    fields: &[Field],
) -> Option<HeaderMatch> {
    find_header_of(rows, fields, fields.len().min(2))
}

/// [`find_header`], satisfied with `needed` known column names in a row (one,
/// on a sheet whose name already says what it holds).
pub fn find_header_of<'a>(
    rows: impl IntoIterator<Item = &'a [Data]>,
    fields: &[Field],
    needed: usize,
) -> Option<HeaderMatch> {
    let needed = needed.max(1);
    let names = FieldNames::of(fields);
    let mut best: Option<HeaderMatch> = None;
    for (i, row) in rows.into_iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut columns = vec![None; fields.len()];
        let mut labels: Vec<String> = fields.iter().map(|f| f.name.to_string()).collect();
        let mut found = 0;
        for (c, cell) in row.iter().enumerate() {
            let Data::String(text) = cell else { continue };
            if let Some(f) = names.field_of(text) {
                if columns[f].is_none() {
                    columns[f] = Some(c);
                    labels[f] = label_text(text);
                    found += 1;
                }
            }
        }
        if found >= needed && best.as_ref().is_none_or(|b| found > b.found) {
            best = Some(HeaderMatch {
                row: i,
                columns,
                labels,
                found,
            });
        }
    }
    best
}

/// A header cell as quoted in messages: trimmed, line breaks as one space.
fn label_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
