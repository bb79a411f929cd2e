//! Large writes in one transaction (a 100,000-row ledger import): a page
//! cache sized for them, and secondary indexes built once after a bulk load
//! into empty tables rather than kept up row by row.
//!
//! Both keep every guarantee of [`Store::write`]: the indexes are dropped and
//! built again inside the caller's transaction, so a rollback (a rejected
//! file, a dry run, a killed process) leaves the schema as it was; UNIQUE
//! indexes, which enforce constraints, are never dropped.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;

use rusqlite::{params, Connection, Transaction};

use super::Store;
use crate::error::Result;

/// The page cache of a connection during a bulk write, in KiB (SQLite's
/// default is 2,000 KiB). A 100,000-row ledger import writes about 90 MB;
/// with the default cache SQLite spills index pages to the log and reads
/// them back again and again, a third of the import's time in `pwrite` and
/// `pread`. 8 MiB holds the pages an import keeps coming back to (the
/// indexes of 100,000 items, the tails of the tables) while the table pages
/// written once go to the log; more only raises the peak memory (a ledger
/// saved by LibreOffice already holds its 80 MB of shared strings).
pub const BULK_CACHE_KIB: i64 = 8 * 1024;

impl Store {
    /// Runs `f` with the page cache of this connection sized for bulk
    /// writes ([`BULK_CACHE_KIB`]); the previous size is restored afterwards
    /// (which frees the pages beyond it). Nested calls keep the outer one's
    /// cache: a batch of files reads the pages it shares only once.
    pub fn with_bulk_cache<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> T {
        let before = cache_size(&self.conn);
        if before == Some(-BULK_CACHE_KIB) {
            return f(self);
        }
        set_cache_size(&self.conn, -BULK_CACHE_KIB);
        let out = f(self);
        if let Some(size) = before {
            set_cache_size(&self.conn, size);
        }
        out
    }

    /// Runs `f` with the database in rollback-journal mode for a bulk load
    /// into (nearly) empty tables, and back in WAL mode afterwards. In WAL
    /// mode every page of a 100,000-row ledger (90 MB) is written twice, to
    /// the log and then into the database at the checkpoint that follows the
    /// commit (0.3 s of the import); with a rollback journal the new pages go
    /// straight into the database and the journal keeps only the few pages
    /// that existed before (0.07 s). All or nothing holds as in WAL mode: a
    /// killed import leaves a journal that SQLite rolls back on the next
    /// open, and `synchronous = FULL` makes the commit as durable (the
    /// journal is synced before the database is written). The switch needs
    /// the database to itself: with another connection open (the app's
    /// window reading while the command line imports) it does not happen
    /// and `f` runs in WAL mode. An in-memory store is never switched.
    ///
    /// When switched, SQLite's foreign keys are also off for `f` (checked
    /// row by row, they were a sixth of the inserting thread's instructions:
    /// a lookup in each parent table for every row written, and a cursor
    /// opened and closed on it each time); see [`BulkLoad::keys_unchecked`]
    /// for what the caller then checks itself. `f` gets a [`BulkLoad`] that
    /// says so, with an [`EarlyFlush`] for the file (one doing nothing and
    /// keys checked when the journal was not switched).
    pub fn with_bulk_journal<T>(&mut self, f: impl FnOnce(&mut Store, &BulkLoad) -> T) -> T {
        let switched = !self.snapshot
            && self
                .conn
                .query_row("PRAGMA journal_mode = TRUNCATE", [], |r| {
                    r.get::<_, String>(0)
                })
                .is_ok_and(|mode| mode.eq_ignore_ascii_case("truncate"));
        if !switched {
            return f(self, &BulkLoad::default());
        }
        // A pragma that fails leaves the import as safe, only slower.
        let _ = self.conn.execute_batch("PRAGMA synchronous = FULL");
        let _ = self.conn.execute_batch("PRAGMA foreign_keys = OFF");
        let load = BulkLoad {
            flush: EarlyFlush::start(self.second_handle()),
            keys_unchecked: !foreign_keys_on(&self.conn),
        };
        let out = f(self, &load);
        // Waits for a flush under way (on Unix the handle stays open: flush_handle).
        drop(load);
        // Outside any transaction (f's has ended), where the pragma takes effect.
        let _ = self.conn.execute_batch("PRAGMA foreign_keys = ON");
        if !foreign_keys_on(&self.conn) {
            tracing::error!("foreign keys still off after a bulk load");
        }
        // Should this fail, the next open sets WAL mode again (Store::configure).
        let _ = self
            .conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL;");
        out
    }

    /// The handle on the database file that [`EarlyFlush`] syncs (none in
    /// memory, for a dry run's copy, or when it cannot be opened: then
    /// nothing is flushed early).
    fn second_handle(&self) -> Option<Arc<File>> {
        if self.snapshot || self.path.as_os_str().is_empty() {
            return None;
        }
        flush_handle(&self.path)
    }
}

/// A handle on the database file at `path`, besides SQLite's own. On Unix it
/// is opened the first time and then kept open: closing any handle on a file
/// drops every POSIX lock the process holds on it, those SQLite takes
/// through its own handles included (SQLite's "How To Corrupt An SQLite
/// Database File", 2.2). The desktop app keeps several connections on one
/// database (the writer, readers) and closes them at different times, so no
/// store's lifetime is safe to close it with: one handle per database file
/// (found again by device and inode, so that a file put in its place gets
/// its own). A handle on a file no longer in any folder (a restore put
/// another in its place) is closed: nobody can open that file again to
/// lock it, and its disk space is freed.
#[cfg(unix)]
fn flush_handle(path: &Path) -> Option<Arc<File>> {
    use std::os::unix::fs::MetadataExt;
    use std::sync::Mutex;
    type FileId = (u64, u64);
    static OPEN: Mutex<Vec<(FileId, Arc<File>)>> = Mutex::new(Vec::new());
    let id = |m: &std::fs::Metadata| (m.dev(), m.ino());
    let wanted = id(&std::fs::metadata(path).ok()?);
    let mut open = OPEN.lock().unwrap_or_else(|p| p.into_inner());
    // Closed only when known to be gone: a handle whose file cannot be asked stays.
    open.retain(|(_, file)| !file.metadata().is_ok_and(|m| m.nlink() == 0));
    if let Some((_, file)) = open.iter().find(|(known, _)| *known == wanted) {
        return Some(file.clone());
    }
    let file = Arc::new(OpenOptions::new().read(true).write(true).open(path).ok()?);
    // Kept under the id of what it opened (the file may have changed since
    // the lookup), and kept whatever that is.
    let opened = file.metadata().map_or(wanted, |m| id(&m));
    open.push((opened, file.clone()));
    Some(file)
}

/// A handle on the database file at `path`, besides SQLite's own, for one
/// bulk load: its locks are the handle's own elsewhere, and closing it
/// leaves SQLite's. Opened for writing: on Windows a flush needs a handle
/// that may write.
#[cfg(not(unix))]
fn flush_handle(path: &Path) -> Option<Arc<File>> {
    let file = OpenOptions::new().read(true).write(true).open(path).ok()?;
    Some(Arc::new(file))
}

/// Whether SQLite enforces foreign keys on `conn` (unknown counts as yes).
fn foreign_keys_on(conn: &Connection) -> bool {
    conn.query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0))
        .ok()
        .is_none_or(|on| on != 0)
}

/// What [`Store::with_bulk_journal`] gives the load it runs.
#[derive(Debug, Default)]
pub struct BulkLoad {
    /// Syncs the load's pages to disk early.
    pub flush: EarlyFlush,
    /// SQLite's foreign keys are off for the load. Its caller then makes
    /// sure, inside its write transaction, that every row it refers to and
    /// did not write in that transaction exists: a bulk load's rows refer
    /// to the rows it writes itself (an item's id, the import's) and to the
    /// organisation's parties, which the caller checks once at the start of
    /// its transaction (`PartyIndex::all_stored`); no other connection can
    /// remove them before the commit.
    pub keys_unchecked: bool,
}

/// Sends a bulk load's pages to disk while the load goes on, so that its
/// commit has less left to sync. A load writes the pages SQLite's cache
/// cannot hold into the database file as it goes (a 100,000-row ledger: 90
/// MB), and the commit's `fsync` then waited for all of them at once (70–95
/// ms). [`EarlyFlush::now`] asks a helper thread to sync what was written so
/// far (`File::sync_data` on a second handle) and returns at once: called
/// when the rows are in and after each index built, the syncing overlaps
/// the building of the indexes, which keeps one core busy, and the commit's
/// own sync finds most pages written. Durability is the commit's, as
/// before: the early syncs only start the same writes sooner, and one that
/// fails changes nothing. The helper ends, after its last sync, when this is
/// dropped.
#[derive(Debug, Default)]
pub struct EarlyFlush {
    ask: Option<mpsc::Sender<()>>,
    helper: Option<JoinHandle<()>>,
}

impl EarlyFlush {
    /// One that does nothing.
    pub fn none() -> EarlyFlush {
        EarlyFlush::default()
    }

    fn start(file: Option<Arc<File>>) -> EarlyFlush {
        let Some(file) = file else {
            return EarlyFlush::none();
        };
        let (ask, asked) = mpsc::channel::<()>();
        let helper = std::thread::Builder::new()
            .name("duban-early-flush".into())
            .spawn(move || {
                while asked.recv().is_ok() {
                    // Asks made while a sync ran are answered by the next one.
                    while asked.try_recv().is_ok() {}
                    let _ = file.sync_data();
                }
            });
        match helper {
            Ok(helper) => EarlyFlush {
                ask: Some(ask),
                helper: Some(helper),
            },
            Err(_) => EarlyFlush::none(),
        }
    }

    /// Asks for the pages written so far to be synced, without waiting.
    pub fn now(&self) {
        if let Some(ask) = &self.ask {
            let _ = ask.send(());
        }
    }
}

impl Drop for EarlyFlush {
    fn drop(&mut self) {
        self.ask = None;
        if let Some(helper) = self.helper.take() {
            let _ = helper.join();
        }
    }
}

/// Secondary indexes dropped for a bulk load, to be built again with
/// [`DeferredIndexes::rebuild`] before the transaction commits.
#[derive(Debug, Default)]
pub struct DeferredIndexes {
    /// The `CREATE INDEX` statements, as stored in the schema.
    sql: Vec<String>,
}

/// Drops the non-unique indexes of `tables` inside `tx` when every one of
/// them holds fewer than `below` rows (a bulk load into empty tables), and
/// returns them for [`DeferredIndexes::rebuild`]; drops nothing otherwise
/// (building an index over many existing rows costs more than it saves).
/// The indexes named in `kept` stay: partial indexes no loaded row enters,
/// kept up at no cost, where building them again would scan the table.
pub fn defer_indexes(
    tx: &Transaction,
    tables: &[&str],
    kept: &[&str],
    below: i64,
) -> Result<DeferredIndexes> {
    if !all_hold_fewer(tx, tables, below)? {
        return Ok(DeferredIndexes::default());
    }
    let mut out = DeferredIndexes::default();
    let mut names = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT name, sql FROM sqlite_schema
              WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
        )?;
        for t in tables {
            let rows = st.query_map(params![t], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (name, sql) = row?;
                if !is_unique(&sql) && !kept.contains(&name.as_str()) {
                    names.push(name);
                    out.sql.push(sql);
                }
            }
        }
    }
    for name in names {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(out)
}

/// Whether every one of `tables` holds fewer than `below` rows.
pub fn all_hold_fewer(conn: &Connection, tables: &[&str], below: i64) -> Result<bool> {
    for t in tables {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM (SELECT 1 FROM \"{t}\" LIMIT ?1)"),
            [below],
            |r| r.get(0),
        )?;
        if n >= below {
            return Ok(false);
        }
    }
    Ok(true)
}

fn is_unique(sql: &str) -> bool {
    sql.split_whitespace()
        .nth(1)
        .is_some_and(|w| w.eq_ignore_ascii_case("unique"))
}

impl DeferredIndexes {
    /// Whether any index was dropped.
    pub fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }
    /// Builds the dropped indexes again, as they were defined, with the
    /// connection set for sorting them ([`REBUILD_CACHE_KIB`],
    /// [`sort_helper_threads`]) and set back afterwards, whatever happens.
    /// After each index, `flush` syncs what it wrote while the next is built.
    pub fn rebuild(self, tx: &Transaction, flush: &EarlyFlush) -> Result<()> {
        let cache = cache_size(tx);
        let threads = sort_threads(tx);
        set_cache_size(tx, -REBUILD_CACHE_KIB);
        set_sort_threads(tx, sort_helper_threads());
        let built = self.sql.iter().try_for_each(|sql| {
            tx.execute_batch(sql)?;
            flush.now();
            Ok::<_, rusqlite::Error>(())
        });
        if let Some(size) = cache {
            set_cache_size(tx, size);
        }
        if let Some(n) = threads {
            set_sort_threads(tx, n);
        }
        Ok(built?)
    }
}

/// The page cache while dropped indexes are built, in KiB. SQLite's sorter
/// keeps at most a page cache's worth of an index's entries in memory; when
/// that is full it hands them to a helper thread to sort
/// ([`sort_helper_threads`]) and goes on reading the table. With the bulk
/// cache (8 MiB) the entries of an index of 100,000 items fit at once and
/// are sorted on this thread after the table is read; with 1 MiB the other
/// core sorts while this one reads: the deferred indexes of a 100,000-row
/// ledger (four on `items`, one on `item_cooperators`, then also one on
/// `progress`) took 0.26 s instead of 0.33 s, and the import's peak memory
/// fell by 8 MB (measured, docs/development.md). The table's pages are read
/// once per index either way (they do not fit in 8 MiB either).
pub const REBUILD_CACHE_KIB: i64 = 1024;

/// Helper threads SQLite's sorter may use (`PRAGMA threads`): one fewer
/// than the cores this process may run on (none on one core), at most 3.
pub fn sort_helper_threads() -> i64 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_sub(1).min(3) as i64
}

fn sort_threads(conn: &Connection) -> Option<i64> {
    conn.query_row("PRAGMA threads", [], |r| r.get(0)).ok()
}

/// A pragma that fails leaves the sort on one thread: slower, not wrong.
fn set_sort_threads(conn: &Connection, n: i64) {
    let _ = conn.execute_batch(&format!("PRAGMA threads = {n}"));
}

/// The page cache size of `conn` (`PRAGMA cache_size`: pages, or KiB when
/// negative).
pub fn cache_size(conn: &Connection) -> Option<i64> {
    conn.query_row("PRAGMA cache_size", [], |r| r.get(0)).ok()
}

/// Sets the page cache size of `conn`. A pragma that fails leaves the cache
/// as it was: slower, not wrong.
pub fn set_cache_size(conn: &Connection, size: i64) {
    let _ = conn.execute_batch(&format!("PRAGMA cache_size = {size}"));
}
