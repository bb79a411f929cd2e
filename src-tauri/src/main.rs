//! 督查督办台账 — the desktop app's entry point. Everything lives in the
//! library (`lib.rs`) so that tests can reach it.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    duban_desktop::run();
}
