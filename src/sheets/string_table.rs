//! The shared strings of an `.xlsx`, as [`super::xlsx_fast`] keeps them: in
//! a few large blocks rather than one allocation each. A workbook saved by
//! Excel, WPS or LibreOffice keeps every distinct text of its cells there,
//! one `<si>` each: about 300,000 in the realistic 100,000-row ledger, whose
//! allocations were a sixth of the time spent reading them.

/// Bytes of text per block. A string longer than this (a cell holds at most
/// 32,767 characters, about 96 KB) gets a block of its own size.
const BLOCK_BYTES: usize = 1024 * 1024;

/// Strings in the order pushed, each found again by its index.
#[derive(Debug, Default)]
pub(super) struct StringTable {
    /// Filled up to their capacity and never grown: a string that does not
    /// fit in the last block starts the next one.
    blocks: Vec<String>,
    /// Per string: its block, and where it starts and ends in it.
    spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    end: u32,
}

impl StringTable {
    /// Adds `text` after the others.
    pub fn push(&mut self, text: &str) {
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= text.len());
        if !fits {
            self.blocks
                .push(String::with_capacity(BLOCK_BYTES.max(text.len())));
        }
        let block = self.blocks.len() - 1;
        let b = &mut self.blocks[block];
        let start = b.len();
        b.push_str(text);
        // Blocks hold at most a few MB: the offsets fit in u32.
        self.spans.push(Span {
            block: block as u32,
            start: start as u32,
            end: b.len() as u32,
        });
    }

    /// The string at `index` (0-based, as a cell's `<v>` names it).
    pub fn get(&self, index: usize) -> Option<&str> {
        let s = self.spans.get(index)?;
        self.blocks[s.block as usize].get(s.start as usize..s.end as usize)
    }

    /// How many strings there are.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.spans.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_by_index_across_blocks_and_a_string_longer_than_a_block() {
        let mut t = StringTable::default();
        let long = "长".repeat(BLOCK_BYTES / 3 + 7); // more than a block
        let mut expected = Vec::new();
        for i in 0..200_000 {
            let s = match i {
                5 => String::new(),
                70_000 => long.clone(),
                _ => format!("事项{i}：落实有关工作部署"),
            };
            t.push(&s);
            expected.push(s);
        }
        assert_eq!(t.len(), expected.len());
        assert!(t.blocks.len() > 2, "{} blocks", t.blocks.len());
        for (i, s) in expected.iter().enumerate() {
            assert_eq!(t.get(i), Some(s.as_str()), "string {i}");
        }
        assert_eq!(t.get(expected.len()), None);
        // No block ever grew past the room it was made with.
        assert!(t.blocks.iter().all(|b| b.len() <= b.capacity()));
    }
}
