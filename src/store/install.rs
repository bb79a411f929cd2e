//! Putting a restore in place: the staged database and attachment folder
//! take the place of the live ones or, should any step fail, everything
//! moved is put back and the data folder is as it was (never a restored
//! database without the attachment files it names).

use std::io;
use std::path::Path;

/// What a restore puts in place, and where.
pub(super) struct Swap<'a> {
    /// The live database.
    pub db: &'a Path,
    /// The checked copy from the backup.
    pub staged_db: &'a Path,
    /// The copy of the live database kept beside it (none when there was
    /// none): copied back if the restore fails after the database moved.
    pub kept_db: Option<&'a Path>,
    /// For a backup with attachments: the folder extracted from it, the live
    /// folder, and where the live one is kept (none when there is none).
    pub attachments: Option<Folders<'a>>,
}

/// The attachment folders of a [`Swap`].
pub(super) struct Folders<'a> {
    pub staged: &'a Path,
    pub live: &'a Path,
    pub keep: Option<&'a Path>,
}

/// Moves the live attachment folder aside, then the staged database and
/// folder into place, through `rename` (a test fails one step on purpose).
pub(super) fn swap_in(
    s: &Swap<'_>,
    rename: &dyn Fn(&Path, &Path) -> io::Result<()>,
) -> io::Result<()> {
    let folders = s.attachments.as_ref();
    let aside = match folders {
        Some(Folders {
            live,
            keep: Some(keep),
            ..
        }) => {
            rename(live, keep)?;
            Some((*keep, *live))
        }
        _ => None,
    };
    // Best effort, on a path that already failed: the error reported is the
    // step's own.
    let put_folder_back = || {
        if let Some((keep, live)) = aside {
            let _ = rename(keep, live);
        }
    };
    if let Err(e) = rename(s.staged_db, s.db) {
        put_folder_back();
        return Err(e);
    }
    if let Some(f) = folders {
        if let Err(e) = rename(f.staged, f.live) {
            match s.kept_db {
                Some(kept) => {
                    let _ = std::fs::copy(kept, s.db);
                }
                None => {
                    let _ = std::fs::remove_file(s.db);
                }
            }
            put_folder_back();
            return Err(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn read(p: &Path) -> String {
        std::fs::read_to_string(p).unwrap_or_else(|_| "(none)".into())
    }

    #[test]
    fn a_failed_step_puts_back_everything_moved() {
        // Step 1 moves the live folder aside, 2 the database in, 3 the folder in.
        for fail_at in 1..=4u32 {
            let dir = tempfile::tempdir().unwrap();
            let p = |n: &str| dir.path().join(n);
            std::fs::write(p("duban.sqlite3"), "old").unwrap();
            std::fs::write(p("duban.sqlite3.restoring"), "new").unwrap();
            std::fs::write(p("duban.sqlite3.before-restore"), "old").unwrap();
            std::fs::create_dir(p("attachments")).unwrap();
            std::fs::write(p("attachments/a"), "a").unwrap();
            std::fs::create_dir(p("attachments.restoring")).unwrap();
            std::fs::write(p("attachments.restoring/b"), "b").unwrap();
            let (db, staged, kept) = (
                p("duban.sqlite3"),
                p("duban.sqlite3.restoring"),
                p("duban.sqlite3.before-restore"),
            );
            let (live, staged_dir, keep) = (
                p("attachments"),
                p("attachments.restoring"),
                p("attachments.before-restore"),
            );
            let swap = Swap {
                db: &db,
                staged_db: &staged,
                kept_db: Some(&kept),
                attachments: Some(Folders {
                    staged: &staged_dir,
                    live: &live,
                    keep: Some(&keep),
                }),
            };
            let calls = Cell::new(0u32);
            let rename = |a: &Path, b: &Path| {
                calls.set(calls.get() + 1);
                if calls.get() == fail_at {
                    return Err(io::Error::other("磁盘故障"));
                }
                std::fs::rename(a, b)
            };
            let out = swap_in(&swap, &rename);
            if fail_at == 4 {
                out.unwrap();
                assert_eq!(read(&db), "new");
                assert_eq!(
                    (read(&live.join("b")), read(&live.join("a"))),
                    ("b".into(), "(none)".into())
                );
                assert_eq!(read(&keep.join("a")), "a");
                continue;
            }
            assert!(out.is_err(), "step {fail_at}");
            assert_eq!(read(&db), "old", "step {fail_at}: the database");
            assert_eq!(read(&live.join("a")), "a", "step {fail_at}: the live files");
            assert!(!live.join("b").exists() && !keep.exists(), "step {fail_at}");
        }
    }
}
