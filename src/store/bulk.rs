//! Large writes in one transaction (a 100,000-row ledger import): a page
//! cache sized for them, and secondary indexes built once after a bulk load
//! into empty tables rather than kept up row by row.
//!
//! Both keep every guarantee of [`Store::write`]: the indexes are dropped and
//! built again inside the caller's transaction, so a rollback (a rejected
//! file, a dry run, a killed process) leaves the schema as it was; UNIQUE
//! indexes, which enforce constraints, are never dropped.

use rusqlite::{params, Transaction};

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
        let before: Option<i64> = self
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .ok();
        if before == Some(-BULK_CACHE_KIB) {
            return f(self);
        }
        let set = |s: &Store, size: i64| {
            // A pragma that fails leaves the cache as it was: slower, not wrong.
            let _ = s.conn.execute_batch(&format!("PRAGMA cache_size = {size}"));
        };
        set(self, -BULK_CACHE_KIB);
        let out = f(self);
        if let Some(size) = before {
            set(self, size);
        }
        out
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
pub fn defer_indexes(tx: &Transaction, tables: &[&str], below: i64) -> Result<DeferredIndexes> {
    for t in tables {
        let n: i64 = tx.query_row(
            &format!("SELECT count(*) FROM (SELECT 1 FROM \"{t}\" LIMIT ?1)"),
            [below],
            |r| r.get(0),
        )?;
        if n >= below {
            return Ok(DeferredIndexes::default());
        }
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
                if !is_unique(&sql) {
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
    /// Builds the dropped indexes again, as they were defined.
    pub fn rebuild(self, tx: &Transaction) -> Result<()> {
        for sql in self.sql {
            tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}
