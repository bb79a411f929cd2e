//! Where a file's write goes. A file imported on its own is one transaction
//! of the store ([`Store::write_with`]). The files of a batch of whole-file
//! sheets (36 feedback files) are savepoints of the batch's one transaction,
//! committed once after the last file: each file still stands alone (a
//! rejected file is rolled back to its savepoint and the others go on), but
//! the pages the files share — the items they update, their indexes — are
//! written to the log once for the batch rather than once per file (36
//! feedback files wrote 73,000 pages, most of them the same few thousand
//! again and again).
//!
//! All or nothing then holds for the batch as a whole: a crash or a failed
//! commit leaves the database exactly as it was before the batch, and every
//! file the batch had applied is reported rejected, to be imported again.

use std::sync::Arc;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::{FileReport, FileStatus, ImportKind};
use crate::error::{Error, Result};
use crate::org::PartyIndex;
use crate::store::bulk::{cache_size, set_cache_size};
use crate::store::{Ending, Store};

/// Where the writes of the file being imported go.
pub(super) enum Writes<'a, 'c> {
    /// Each file its own transaction.
    Own(&'a mut Store),
    /// Each file a savepoint of the batch's transaction.
    Batch(&'a mut Batch<'c>),
}

/// A batch's one transaction.
pub(super) struct Batch<'c> {
    tx: Transaction<'c>,
    snapshot: bool,
    /// Why the transaction ended before the batch did (SQLite rolls back a
    /// whole transaction after some errors: a full disk, an I/O error).
    lost: Option<String>,
    /// The organisation the batch's names resolve against, loaded by its
    /// first file (36 feedback files loaded it 36 times).
    parties: Option<Arc<PartyIndex>>,
}

impl Writes<'_, '_> {
    pub(super) fn conn(&self) -> &Connection {
        match self {
            Writes::Own(store) => store.conn(),
            Writes::Batch(batch) => &batch.tx,
        }
    }

    /// Whether the database is a private snapshot (a dry run's).
    pub(super) fn is_snapshot(&self) -> bool {
        match self {
            Writes::Own(store) => store.is_snapshot(),
            Writes::Batch(batch) => batch.snapshot,
        }
    }

    /// The organisation an earlier file of the batch loaded, for this file's
    /// names to resolve against (None: load it). The batch's files do not
    /// change it, but for 组织机构 sheets, which load it afresh each.
    pub(super) fn kept_parties(&self, kind: ImportKind) -> Option<Arc<PartyIndex>> {
        match self {
            Writes::Batch(batch) if kind != ImportKind::Org => batch.parties.clone(),
            _ => None,
        }
    }

    /// Keeps `parties` for the batch's next files ([`Writes::kept_parties`]).
    pub(super) fn keep_parties(&mut self, kind: ImportKind, parties: &Arc<PartyIndex>) {
        if let Writes::Batch(batch) = self {
            if kind != ImportKind::Org {
                batch.parties = Some(Arc::clone(parties));
            }
        }
    }

    /// [`Store::write_with`]: `f`'s writes kept or undone as it says, or
    /// undone when it fails.
    pub(super) fn write_with<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<(T, Ending)>,
    ) -> Result<T> {
        let batch = match self {
            Writes::Own(store) => return store.write_with(f),
            Writes::Batch(batch) => batch,
        };
        if let Some(why) = &batch.lost {
            return Err(lost_error(why));
        }
        let tx = &batch.tx;
        tx.execute_batch("SAVEPOINT import_file")?;
        let (out, ended) = match f(tx) {
            Ok((out, Ending::Commit)) => (Ok(out), tx.execute_batch("RELEASE import_file")),
            Ok((out, Ending::Rollback)) => (Ok(out), undo(tx)),
            Err(e) => (Err(e), undo(tx)),
        };
        let why = if tx.is_autocommit() {
            // SQLite ended the whole transaction (a full disk, an I/O error).
            Some(
                out.as_ref()
                    .err()
                    .map_or_else(|| "数据库事务意外结束".to_string(), ToString::to_string),
            )
        } else {
            // A savepoint not ended as asked: what the batch holds is not
            // known, so none of it is kept.
            ended.err().map(|e| e.to_string())
        };
        if let Some(why) = why {
            batch.lost = Some(why.clone());
            return Err(lost_error(&why));
        }
        out
    }
}

fn undo(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("ROLLBACK TO import_file; RELEASE import_file")
}

fn lost_error(why: &str) -> Error {
    Error::Invalid(format!(
        "写入数据库时出错（{why}），本批文件均未导入，数据库保持导入前的状态。请检查磁盘空间后重新导入这批文件。"
    ))
}

/// The page cache of a batch's transaction, in KiB: it holds every page the
/// batch changes until the commit (36 feedback files change about 8,300
/// pages, 33 MB); the import's usual cache ([`crate::store::bulk`], 8 MiB)
/// spills them to the log midway and writes them again at the commit.
const BATCH_CACHE_KIB: i64 = 64 * 1024;

/// Runs `import` (the files of a batch, one after another) inside one
/// transaction, each file's write a savepoint of it; commits after the last
/// file, or rolls back for a dry run (the files a dry run keeps are kept for
/// the files after them, on a snapshot thrown away afterwards). Should the
/// transaction not begin, each file gets its own, as outside a batch. Should
/// it not commit, every file it had applied is reported rejected.
pub(super) fn in_one_write<F>(store: &mut Store, dry_run: bool, import: F) -> Vec<FileReport>
where
    F: FnOnce(&mut Writes<'_, '_>) -> Vec<FileReport>,
{
    match batched(store, dry_run, import) {
        Ok(reports) => reports,
        Err(import) => import(&mut Writes::Own(store)),
    }
}

/// [`in_one_write`], or `import` back when the transaction does not begin.
fn batched<F>(store: &Store, dry_run: bool, import: F) -> std::result::Result<Vec<FileReport>, F>
where
    F: FnOnce(&mut Writes<'_, '_>) -> Vec<FileReport>,
{
    let conn = store.conn();
    let before = cache_size(conn);
    set_cache_size(conn, -BATCH_CACHE_KIB);
    let tx = match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            tracing::warn!("batch import: no batch transaction ({e}); one per file");
            if let Some(size) = before {
                set_cache_size(conn, size);
            }
            return Err(import);
        }
    };
    let mut batch = Batch {
        tx,
        snapshot: store.is_snapshot(),
        lost: None,
        parties: None,
    };
    let mut reports = import(&mut Writes::Batch(&mut batch));
    let Batch { tx, lost, .. } = batch;
    let ended = match lost {
        Some(why) => Err(lost_error(&why)),
        None if dry_run => tx.rollback().map_err(Error::from),
        None => tx.commit().map_err(Error::from),
    };
    if let Some(size) = before {
        set_cache_size(conn, size);
    }
    if let Err(e) = ended {
        let e = match e {
            Error::Db(e) => lost_error(&e.to_string()),
            other => other,
        };
        tracing::warn!("batch import not saved: {e}");
        for rep in reports
            .iter_mut()
            .filter(|r| r.status != FileStatus::Rejected)
        {
            super::loader::rejected(rep, Error::Invalid(e.to_string()));
        }
    }
    Ok(reports)
}
