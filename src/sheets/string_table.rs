//! The shared strings of an `.xlsx`, as [`super::xlsx_fast`] keeps them: in
//! a few large blocks rather than one allocation each. A workbook saved by
//! Excel, WPS or LibreOffice keeps every distinct text of its cells there,
//! one `<si>` each: about 300,000 in the realistic 100,000-row ledger, whose
//! allocations were a sixth of the time spent reading them.
//!
//! The blocks can be made on another thread ([`make_blocks`]): the first
//! write to a page the system has just given the process stops to have it
//! found and cleared, and on this machine (a virtual one) those stops were
//! four tenths of the time spent reading the 47 MB of text of that ledger
//! (docs/development.md).

use std::sync::mpsc;

/// Bytes of text per block. A string longer than this (a cell holds at most
/// 32,767 characters, about 96 KB) gets a block of its own size.
const BLOCK_BYTES: usize = 1024 * 1024;

/// The most strings [`StringTable::reserve`] makes room for (12 bytes
/// each): a count in a file is not trusted further; a table that has more
/// grows as it fills.
const MOST_RESERVED: usize = 2_000_000;

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
    #[cfg(test)]
    pub fn push(&mut self, text: &str) {
        self.push_with_blocks_from(text, None);
    }

    /// Adds `text` after the others; a new block, when one is needed, comes
    /// from `made` if one is ready there ([`make_blocks`]).
    pub fn push_with_blocks_from(&mut self, text: &str, made: Option<&mpsc::Receiver<String>>) {
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= text.len());
        if !fits {
            // Made blocks are BLOCK_BYTES long: a longer string gets its own.
            let ready = made
                .filter(|_| text.len() <= BLOCK_BYTES)
                .and_then(|m| m.try_recv().ok());
            self.blocks
                .push(ready.unwrap_or_else(|| String::with_capacity(BLOCK_BYTES.max(text.len()))));
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

    /// Makes room for `more` strings at once, so that a table of 300,000
    /// does not copy (and first write) its index four times over as it
    /// grows. At most [`MOST_RESERVED`] whatever the file says.
    pub fn reserve(&mut self, more: usize) {
        self.spans.reserve_exact(more.min(MOST_RESERVED));
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

/// Sends empty blocks of [`BLOCK_BYTES`] for a [`StringTable`], every page
/// of each written once, until nobody receives: run on a core that has time
/// while another fills the table.
pub fn make_blocks(send: &mpsc::SyncSender<String>) {
    loop {
        let mut bytes = Vec::with_capacity(BLOCK_BYTES);
        // Not zeros: an allocation written with zeros can be turned into
        // one the allocator zeroes, which may leave the pages untouched.
        bytes.resize(BLOCK_BYTES, b' ');
        bytes.clear();
        let Ok(block) = String::from_utf8(bytes) else {
            return;
        };
        if send.send(block).is_err() {
            return;
        }
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

    #[test]
    fn a_new_block_is_taken_from_those_made_when_one_is_ready_and_fits() {
        // Blocks made elsewhere, told from the table's own by their capacity.
        const MADE: usize = BLOCK_BYTES + 1;
        let (send, made) = mpsc::sync_channel(4);
        for _ in 0..3 {
            send.send(String::with_capacity(MADE)).unwrap();
        }
        let mut t = StringTable::default();
        let long = "长".repeat(MADE / 3 + 1); // longer than a made block
        let short = "落实情况".repeat(1000); // 12,000 bytes
        let mut expected = Vec::new();
        for i in 0..400 {
            let s = if i == 150 { &long } else { &short };
            t.push_with_blocks_from(s, Some(&made));
            expected.push(s.clone());
        }
        for (i, s) in expected.iter().enumerate() {
            assert_eq!(t.get(i), Some(s.as_str()), "string {i}");
        }
        let capacities: Vec<usize> = t.blocks.iter().map(String::capacity).collect();
        // Two made blocks, then the long string's own (no made block is
        // taken for a string longer than one), then the third made one.
        assert!(capacities[..2].iter().all(|&c| c == MADE), "{capacities:?}");
        assert_eq!(capacities[2], long.len());
        assert_eq!(capacities[3], MADE);
        // None ready: the table makes its own.
        assert!(
            capacities[4..].iter().all(|&c| c == BLOCK_BYTES),
            "{capacities:?}"
        );
        assert!(t.blocks.iter().all(|b| b.len() <= b.capacity()));
    }

    #[test]
    fn the_block_maker_sends_empty_blocks_and_ends_when_nobody_receives() {
        let (send, made) = mpsc::sync_channel(1);
        let maker = std::thread::spawn(move || make_blocks(&send));
        for _ in 0..3 {
            let block = made.recv().unwrap();
            assert!(block.is_empty() && block.capacity() >= BLOCK_BYTES);
        }
        drop(made);
        maker.join().unwrap();
    }

    #[test]
    fn room_is_made_for_the_count_a_file_gives_up_to_a_bound() {
        let mut t = StringTable::default();
        t.reserve(1000);
        assert!(t.spans.capacity() >= 1000);
        t.reserve(usize::MAX);
        assert!(t.spans.capacity() >= MOST_RESERVED && t.spans.capacity() < 2 * MOST_RESERVED);
        // Fewer strings than the count said, or more: either reads back.
        for i in 0..3 {
            t.push(&i.to_string());
        }
        assert_eq!(t.get(2), Some("2"));
    }
}
