//! 督查督办台账 — the desktop app's entry point. Everything lives in the
//! library (`lib.rs`) so that tests can reach it.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// The same allocator as the `duban` command line: an import reads the file
// on one thread and writes the database on another, where glibc's malloc
// costs a large ledger about a fifth more time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    duban_desktop::run();
}
