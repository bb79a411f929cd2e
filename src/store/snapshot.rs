//! A private copy of the database for a dry run: the import runs against the
//! copy exactly as it would against the database (same checks, same
//! writes, then rolled back) while the database itself stays free — a dry
//! run of a 100,000-row ledger no longer holds the write lock for seconds,
//! so the desktop app and other commands keep writing meanwhile.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::Store;
use crate::error::Result;

/// A store on a copy of another one; the copy's files go with it.
pub struct Snapshot {
    store: Store,
    file: Option<PathBuf>,
}

impl Deref for Snapshot {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for Snapshot {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = file.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(name));
            }
        }
    }
}

static NEXT: AtomicU64 = AtomicU64::new(0);

impl Store {
    /// A copy of this database (SQLite's online backup, one read snapshot)
    /// in the system's temporary folder — in memory for an in-memory store —
    /// removed when the returned value is dropped.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let file = (!self.path.as_os_str().is_empty()).then(|| {
            std::env::temp_dir().join(format!(
                "duban-dry-run-{}-{}.sqlite3",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ))
        });
        let mut snapshot = Snapshot {
            store: Store {
                conn: match &file {
                    Some(f) => Connection::open(f)?,
                    None => Connection::open_in_memory()?,
                },
                path: self.path.clone(),
                _hold: None,
                snapshot: true,
            },
            file,
        };
        // A throwaway copy: no journal and no syncing while it is written
        // either (the backup step of a 92 MB database: 0.50 → 0.28 s).
        snapshot
            .store
            .conn
            .execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        {
            let backup = Backup::new(&self.conn, &mut snapshot.store.conn)?;
            // All pages in one step: one consistent read of the source.
            while backup.step(-1)? != StepResult::Done {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        // Nothing here needs to survive a crash: no log, no syncing.
        snapshot.store.conn.execute_batch(
            "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;",
        )?;
        Ok(snapshot)
    }
}
