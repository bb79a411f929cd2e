//! Where the repository is, for the test crates (included by each one's
//! `support` module with `#[path]`).

use std::path::PathBuf;

/// The repository, as `cargo test` names it when it runs the test (its
/// `CARGO_MANIFEST_DIR`), else where the test was compiled. Test binaries in a
/// shared `CARGO_TARGET_DIR` are reused by a clone at another path when the
/// sources are the same, and the path compiled in is then the other clone's
/// (a run in one clone read the other's fixtures, or failed to find them).
pub fn repo_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}
