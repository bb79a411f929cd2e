//! calamine's readers, guarded. A damaged file can make them panic (an index
//! past the end of a record, a sector number past the end of an `.xls`'s
//! container: three in 300 randomly damaged copies of one `.xls`). Unguarded,
//! the panic ended the command line with an English message and took the
//! whole batch with it; now the file is refused as damaged, in Chinese, and
//! the batch goes on. Where it panicked goes to the log (not its message,
//! which may quote the file's text); nothing goes to the terminal.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use crate::error::Result;

thread_local! {
    /// Whether this thread is inside [`guarded`] (its panics are expected).
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `read`; a panic inside it becomes `damaged()`. Only for reading a
/// file's bytes: nothing `read` touches outlives it, so nothing is left half
/// changed by the panic.
pub(super) fn guarded<T>(
    read: impl FnOnce() -> Result<T>,
    damaged: impl FnOnce() -> crate::error::Error,
) -> Result<T> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                // Where, not what: a panic's message may quote the file's text.
                let at = info.location().map(ToString::to_string).unwrap_or_default();
                tracing::warn!(at, "a sheet reader panicked on a damaged file");
            } else {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.with(|g| g.replace(true));
    let out = catch_unwind(AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(outer));
    out.unwrap_or_else(|_| Err(damaged()))
}
