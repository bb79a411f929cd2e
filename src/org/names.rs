//! How names typed by people are compared: spaces and line breaks removed,
//! full-width ASCII folded to half-width, full-width brackets to half-width.

/// The canonical form of a party or person name.
pub fn normalize_name(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalize_name;

    #[test]
    fn folds_spaces_and_full_width_forms() {
        for (input, want) in [
            (" 办公厅 ", "办公厅"),
            ("办 公\n厅", "办公厅"),
            ("\u{3000}办公厅", "办公厅"),
            ("ＡＢＣ１２３", "ABC123"),
            ("（筹）", "(筹)"),
        ] {
            assert_eq!(normalize_name(input), want, "normalising {input:?}");
        }
    }
}
