//! How names typed by people are compared: spaces and line breaks removed,
//! full-width ASCII folded to half-width, full-width brackets to half-width.

/// The canonical form of a party or person name.
pub fn normalize_name(s: &str) -> String {
    // Nearly every name read is canonical already: checked, then copied
    // whole rather than built a character at a time.
    if is_normalized(s) {
        return s.to_string();
    }
    built(s)
}

/// The canonical form, a character at a time.
fn built(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|&c| !is_dropped(c)).map(folded));
    out
}

/// Whether `s` is already in its canonical form ([`normalize_name`] would
/// return it unchanged): what a lookup by name may use without building the
/// canonical form (a 100,000-row ledger names a party in every row).
pub fn is_normalized(s: &str) -> bool {
    !s.chars().any(|c| is_dropped(c) || folded(c) != c)
}

/// Spaces and line breaks, the ideographic space among them.
fn is_dropped(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Full-width ASCII (`！`–`～`) as half-width.
fn folded(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::{built, is_normalized, normalize_name};

    /// Every character, between two Chinese ones, at the start and alone:
    /// the check agrees with building the canonical form (which
    /// `normalize_name` skips when the check says it would change nothing).
    #[test]
    fn every_character_is_judged_as_building_the_canonical_form_would() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [format!("甲{c}乙"), format!("{c}甲"), c.to_string()] {
                assert_eq!(is_normalized(&s), built(&s) == s, "U+{:04X}", c as u32);
            }
        }
    }

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
            assert!(!is_normalized(input), "{input:?}");
            assert!(is_normalized(want), "{want:?}");
        }
    }

    #[test]
    fn a_name_is_normalized_exactly_when_normalizing_leaves_it_unchanged() {
        let samples = [
            "",
            "办公厅",
            "货物和劳务税司",
            "(筹)",
            "ABC",
            "a b",
            "办公厅\u{3000}",
            "\t",
            "\u{00A0}",
            "\u{2003}",
            "！",
            "～",
            "\u{FF00}",
            "\u{FF5F}",
            "｡",
            "人\u{200B}事",
            "第一税务分局（筹）",
            "Ｘ局",
            "\r\n",
        ];
        for s in samples {
            assert_eq!(is_normalized(s), built(s) == s, "{s:?}");
        }
    }
}
