//! Reading a large `.xlsx` piece by piece on one thread while the rows
//! already planned are applied on another, inside the file's one transaction
//! (a 100,000-row ledger: reading overlaps writing, and memory stays at one
//! piece of the file).

use std::sync::mpsc;

use rusqlite::{params, Transaction};

use super::apply::{begin, conclude, refuse_early, Applying};
use super::loader::{list_rows, Job};
use super::{ApplyContext, FileReport, Importer, Parsed, Planned, SheetParser};
use crate::error::{Error, Result};
use crate::sheets::read::stream_xlsx;
use crate::store::bulk::{all_hold_fewer, defer_indexes, BulkLoad, DeferredIndexes, EarlyFlush};
use crate::store::{Ending, Store};

/// A file at least this large (about 5,000 ledger rows), loaded into tables
/// that are still (nearly) empty, is written with a rollback journal rather
/// than through the WAL ([`Store::with_bulk_journal`]).
const BULK_JOURNAL_BYTES: usize = 256 * 1024;

/// Rows per piece when a sheet is read piece by piece.
const PIECE_ROWS: u32 = 2048;

/// A file with at least this many planned rows is a bulk load: when the
/// tables it fills hold fewer rows than this, their secondary indexes are
/// built once after its rows rather than kept up row by row.
const BULK_ROWS: usize = PIECE_ROWS as usize / 2;

/// The secondary indexes of `importer`'s tables, dropped for a bulk load of
/// `rows` rows into tables that are still (nearly) empty; see
/// [`crate::store::bulk`].
pub(super) fn defer_for<I: Importer>(
    tx: &Transaction,
    importer: &I,
    rows: usize,
) -> Result<DeferredIndexes> {
    let tables = importer.bulk_tables();
    if rows < BULK_ROWS || tables.is_empty() {
        return Ok(DeferredIndexes::default());
    }
    defer_indexes(tx, tables, importer.bulk_kept_indexes(), PIECE_ROWS as i64)
}

/// Builds the indexes [`defer_for`] dropped, before the file's transaction
/// commits. A dry run that rolls back whatever it wrote, the dropped indexes
/// included, skips the work (its report does not depend on it); one kept on
/// the batch's snapshot builds them for the files after it.
pub(super) fn rebuild<I>(
    tx: &Transaction,
    deferred: DeferredIndexes,
    job: &Job<'_, I>,
    flush: &EarlyFlush,
) -> Result<()> {
    if (job.options.dry_run && !job.keep_dry_run) || deferred.is_empty() {
        return Ok(());
    }
    deferred.rebuild(tx, flush)
}

/// What the reading thread hands to the applying one.
struct Piece<R> {
    /// The names of the sheets read so far (`Planned::sheet` indexes them).
    sheets: Vec<String>,
    rows: Vec<Planned<R>>,
    /// Whether any row read so far was rejected.
    any_rejected: bool,
}

/// The loader's `run` for an `.xlsx` and an importer with a [`SheetParser`]:
/// one thread reads and parses the file piece by piece while this one
/// applies the rows planned so far, inside the file's one write
/// ([`Store::write_with`]). All or nothing holds as in the whole-file path (a
/// rejected row, strict, or a bad file rolls everything back), and the report
/// is the one it would give.
pub(super) fn run_streamed<I: Importer>(
    store: &mut Store,
    job: &Job<'_, I>,
    bytes: &[u8],
    rep: &mut FileReport,
    parser: Box<dyn SheetParser<I::Row> + '_>,
) -> Result<()> {
    let tables = job.importer.bulk_tables();
    if job.options.dry_run
        || bytes.len() < BULK_JOURNAL_BYTES
        || tables.is_empty()
        || !all_hold_fewer(store.conn(), tables, PIECE_ROWS as i64)?
    {
        let load = BulkLoad::default();
        return store.write_with(|tx| apply_streamed(tx, job, bytes, rep, parser, &load));
    }
    store.with_bulk_journal(|store, load| {
        store.write_with(|tx| apply_streamed(tx, job, bytes, rep, parser, load))
    })
}

/// [`run_streamed`] inside its transaction.
fn apply_streamed<I: Importer>(
    tx: &Transaction,
    job: &Job<'_, I>,
    bytes: &[u8],
    rep: &mut FileReport,
    mut parser: Box<dyn SheetParser<I::Row> + '_>,
    load: &BulkLoad,
) -> Result<((), Ending)> {
    let Job {
        actor,
        importer,
        file_name,
        options,
        parties,
        at,
        ..
    } = *job;
    let kind = importer.kind();
    if load.keys_unchecked && !parties.all_stored(tx)? {
        return Err(Error::Conflict(
            "导入期间组织机构有单位被删除，本文件未导入。请重新导入。".into(),
        ));
    }
    let import_id = begin(tx, actor, kind, &importer.scope(), file_name, None, rep)?;
    let ctx = ApplyContext {
        actor,
        parties,
        party: None,
    };
    let mut applying = Applying::new(importer, ctx, import_id, options, Default::default());
    let (parsed, outcome, planned, deferred) = std::thread::scope(|scope| {
        // Made inside the scope: should this thread panic, the receiver is
        // dropped while unwinding and the reader stops (no deadlock at join).
        let (send, receive) = mpsc::sync_channel::<Piece<I::Row>>(4);
        // The rows applied go back to the reading thread, which made them: it
        // frees them (a free on the thread that allocated is the allocator's
        // fast path) and fills their vector again.
        let (give_back, given_back) = mpsc::channel::<Vec<Planned<I::Row>>>();
        let reader = scope.spawn(move || -> Result<Parsed<I::Row>> {
            let mut out = Parsed::default();
            stream_xlsx(file_name, bytes, PIECE_ROWS, |grid, first| {
                parser.feed(grid, first, &mut out)?;
                if !out.rows.is_empty() {
                    // The next piece's rows get their room at once, as many as
                    // this one's: grown from empty, a piece's rows (~0.5 KB
                    // each) were copied about twice over as the vector doubled.
                    let room = out.rows.len();
                    let next = match given_back.try_recv() {
                        Ok(mut used) => {
                            used.clear();
                            used
                        }
                        Err(_) => Vec::with_capacity(room),
                    };
                    let piece = Piece {
                        sheets: out.sheets.clone(),
                        rows: std::mem::replace(&mut out.rows, next),
                        any_rejected: !out.rejected.is_empty(),
                    };
                    // Only fails when the applying side gave up (it reports why).
                    send.send(piece)
                        .map_err(|_| Error::Invalid("导入已中止。".into()))?;
                }
                Ok(())
            })?;
            parser.finish(&mut out)?;
            Ok(out)
        });
        let mut outcome = Ok(());
        let mut planned = 0usize;
        let mut refused = false;
        let mut deferred = DeferredIndexes::default();
        while let Ok(piece) = receive.recv() {
            if planned == 0 {
                // The first piece tells a large file (a full piece) from a small one.
                match defer_for(tx, importer, piece.rows.len()) {
                    Ok(d) => deferred = d,
                    Err(e) => {
                        outcome = Err(e);
                        break;
                    }
                }
            }
            planned += piece.rows.len();
            options
                .progress
                .tell(&at.told(file_name, planned as u32, false));
            if options.with_rows {
                list_rows(importer, &piece.sheets, &piece.rows, rep);
            }
            // All or nothing with a rejected row: keep reading (the report
            // counts every rejected row and lists the first ones) but stop writing.
            refused |= applying.strict && piece.any_rejected;
            if refused || outcome.is_err() {
                continue;
            }
            outcome = applying.rows(tx, &piece.sheets, &piece.rows);
            if matches!(outcome, Err(Error::Db(_) | Error::Io(_))) {
                break;
            }
            // Gone only when the reader has ended: the rows are freed here.
            let _ = give_back.send(piece.rows);
        }
        drop(receive);
        // The rows are in: their pages go to disk while the indexes are built.
        if planned > 0 && !refused && outcome.is_ok() {
            load.flush.now();
        }
        let parsed = reader
            .join()
            .unwrap_or_else(|_| Err(Error::Invalid("读取文件时程序出错，本文件未导入。".into())));
        (parsed, outcome, planned, deferred)
    });
    if let Err(e @ (Error::Db(_) | Error::Io(_))) = outcome {
        return Err(e);
    }
    let parsed = parsed?;
    rep.party = parsed.party.as_ref().map(|p| p.name.clone());
    rep.warnings.extend(parsed.warnings);
    // Rejections in the order of the whole-file path: the parse step's first.
    let from_apply = std::mem::take(&mut applying.rejected);
    refuse_early(planned, parsed.rejected, options, rep)?;
    applying.rejected = rep.take_rejected();
    applying.rejected.append(from_apply);
    if let Err(e) = outcome {
        rep.set_rejected(applying.rejected);
        return Err(e);
    }
    if let Some(p) = &parsed.party {
        tx.execute(
            "UPDATE imports SET party_id = ?2 WHERE id = ?1",
            params![import_id, p.id],
        )?;
    }
    rebuild(tx, deferred, job, &load.flush)?;
    conclude(tx, job, kind, import_id, applying, rep)
}
