//! The loader: file → hash → duplicate check → parse → one transaction, or
//! one savepoint of a batch's transaction (imports row, planned rows, one
//! audit entry) → commit, or roll back for a dry run or a rejected file.

use std::path::Path;
use std::sync::{mpsc, Arc};

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::apply::{begin, conclude, refuse_early, Applying};
use super::batch_write::{in_one_write, Writes};
use super::{
    ApplyContext, FileReport, FileStatus, ImportKind, ImportOptions, ImportProgress, Importer,
    ParseContext, Parsed, PartyRef, Planned, PreviewRow, Rejections, PREVIEW_ROWS,
};
use crate::error::{Error, Result};
use crate::org::PartyIndex;
use crate::sheets::read::can_stream;
use crate::sheets::{open_bytes, RowIssue, Workbook};
use crate::store::bulk::EarlyFlush;
use crate::store::{in_read_snapshot, Actor, Snapshot, Store};

/// The outcome of several files.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct ImportBatch {
    /// One report per file, in the order given.
    pub files: Vec<FileReport>,
}

impl ImportBatch {
    /// Whether any file was rejected (the command line exits non-zero then).
    pub fn any_rejected(&self) -> bool {
        self.files.iter().any(|f| f.status == FileStatus::Rejected)
    }
}

/// Imports several files one after another, each standing alone: a rejected
/// file leaves nothing and the others go on. Files read whole are written in
/// the batch's one transaction, a savepoint each, and saved together at its
/// end (`imports/batch_write.rs`); a ledger (read in pieces), and a single
/// file, is its own transaction.
/// While one file is applied, the next is read and opened on a second thread
/// (only reading: parsing and applying stay in file order on this thread, so
/// the outcome is exactly that of importing the files one by one).
pub fn import_files<I: Importer, P: AsRef<Path> + Sync>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    paths: &[P],
    options: &ImportOptions,
) -> ImportBatch {
    let mut dry = dry_run_store(store, options);
    let store = dry.as_deref_mut().unwrap_or(store);
    let open_whole = !importer.reads_in_pieces();
    // One page cache for the whole batch (see `run`); the files of a batch of
    // whole-file sheets written in one transaction (see `batch_write`).
    let files = store.with_bulk_cache(|store| {
        let import =
            |writes: &mut Writes<'_, '_>| read_and_import(writes, actor, importer, paths, options);
        if paths.len() > 1 && open_whole {
            in_one_write(store, options.dry_run, import)
        } else {
            import(&mut Writes::Own(store))
        }
    });
    let batch = ImportBatch { files };
    log_batch(importer.kind(), &batch);
    batch
}

/// The files of a batch one after another, in order, each read (and opened)
/// one file ahead on a second thread.
fn read_and_import<I: Importer, P: AsRef<Path> + Sync>(
    writes: &mut Writes<'_, '_>,
    actor: &Actor,
    importer: &I,
    paths: &[P],
    options: &ImportOptions,
) -> Vec<FileReport> {
    let open_whole = !importer.reads_in_pieces();
    std::thread::scope(|scope| {
        // One file ahead: memory stays at two files whatever the batch.
        let (send, receive) = mpsc::sync_channel::<ReadAhead>(1);
        scope.spawn(move || {
            for p in paths {
                if send.send(read_ahead(p.as_ref(), open_whole)).is_err() {
                    break;
                }
            }
        });
        let files = paths.len() as u32;
        receive
            .iter()
            .enumerate()
            .map(|(i, file)| {
                let at = Position {
                    file_index: i as u32,
                    files,
                };
                let rep = import_read(writes, actor, importer, file, options, at);
                options
                    .progress
                    .tell(&at.told(&rep.file, rep.rows_applied, true));
                rep
            })
            .collect()
    })
}

/// One line per file for the support log: ids, counts and the content hash,
/// never the file's name, its rows or the party's name (see [`crate::logs`]).
fn log_report(rep: &FileReport) {
    tracing::info!(
        kind = rep.kind.code(),
        status = ?rep.status,
        dry_run = rep.dry_run,
        rows_applied = rep.rows_applied,
        rows_rejected = rep.rows_rejected_count,
        warnings = rep.warnings.len(),
        import_id = rep.import_id,
        sha256 = rep.sha256.get(..16).unwrap_or(&rep.sha256),
        "import file"
    );
}

/// The totals of a batch, after its per-file lines.
fn log_batch(kind: ImportKind, batch: &ImportBatch) {
    let count = |s: FileStatus| batch.files.iter().filter(|f| f.status == s).count();
    tracing::info!(
        kind = kind.code(),
        files = batch.files.len(),
        applied = count(FileStatus::Applied),
        partial = count(FileStatus::Partial),
        rejected = count(FileStatus::Rejected),
        duplicate = count(FileStatus::Duplicate),
        rows_applied = batch
            .files
            .iter()
            .map(|f| u64::from(f.rows_applied))
            .sum::<u64>(),
        rows_rejected = batch
            .files
            .iter()
            .map(|f| u64::from(f.rows_rejected_count))
            .sum::<u64>(),
        "import batch"
    );
}

/// A file read (and, for importers that read files whole, opened) ahead.
struct ReadAhead {
    /// The path as shown in messages.
    display: String,
    bytes: std::io::Result<Vec<u8>>,
    book: Option<Result<Workbook>>,
}

fn read_ahead(path: &Path, open: bool) -> ReadAhead {
    let display = path.display().to_string();
    let bytes = crate::sheets::read::read_file(path);
    let book = match &bytes {
        Ok(b) if open => Some(open_bytes(&display, b)),
        _ => None,
    };
    ReadAhead {
        display,
        bytes,
        book,
    }
}

/// Imports one file from disk. Never fails as a whole: every problem ends in
/// the report (status `rejected` with a Chinese `error`).
pub fn import_file<I: Importer>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    path: &Path,
    options: &ImportOptions,
) -> FileReport {
    import_file_of(store, actor, importer, path, options, (0, 1))
}

/// [`import_file`] for the file at `(index, count)` of a batch the caller
/// walks itself (the round reports): its progress says so, and a dry run on
/// the batch's snapshot keeps it for the files after it.
pub(crate) fn import_file_of<I: Importer>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    path: &Path,
    options: &ImportOptions,
    (index, count): (usize, usize),
) -> FileReport {
    let mut dry = dry_run_store(store, options);
    let store = dry.as_deref_mut().unwrap_or(store);
    let at = Position {
        file_index: index as u32,
        files: count as u32,
    };
    let writes = &mut Writes::Own(store);
    import_read(
        writes,
        actor,
        importer,
        read_ahead(path, false),
        options,
        at,
    )
}

/// A file's place in its batch (for [`ImportProgress`]).
#[derive(Clone, Copy)]
pub(super) struct Position {
    file_index: u32,
    files: u32,
}

impl Position {
    /// Whether files of the batch come after this one.
    fn followed(self) -> bool {
        self.file_index + 1 < self.files
    }

    /// The progress of the file at this place.
    pub(super) fn told(self, file: &str, rows_read: u32, done: bool) -> ImportProgress {
        ImportProgress {
            file: file.to_string(),
            file_index: self.file_index,
            files: self.files,
            rows_read,
            done,
        }
    }
}

/// A dry run works on a snapshot of the database (the same checks and
/// writes, rolled back), so that it never holds the database's write lock;
/// should the snapshot fail (no room in the temporary folder), on the
/// database itself, rolled back as before. None when `store` is already a
/// snapshot (a batch takes one for all its files).
pub fn dry_run_store(store: &Store, options: &ImportOptions) -> Option<Snapshot> {
    if !options.dry_run || store.is_snapshot() {
        return None;
    }
    store
        .snapshot()
        .inspect_err(|e| tracing::warn!("dry run on the database itself: no snapshot ({e})"))
        .ok()
}

fn import_read<I: Importer>(
    writes: &mut Writes<'_, '_>,
    actor: &Actor,
    importer: &I,
    file: ReadAhead,
    options: &ImportOptions,
    at: Position,
) -> FileReport {
    let display = file.display;
    match file.bytes {
        Ok(bytes) => {
            let kind = importer.kind();
            let mut rep = report(kind, &display, content_hash(&bytes), options);
            let read = Read {
                file_name: &display,
                bytes: &bytes,
                book: file.book,
            };
            if let Err(e) = run(writes, actor, importer, read, options, at, &mut rep) {
                rejected(&mut rep, e);
            }
            log_report(&rep);
            rep
        }
        Err(e) => {
            let mut r = report(importer.kind(), &display, String::new(), options);
            r.error = Some(format!(
                "无法打开文件“{display}”：{}。请检查路径和读取权限。",
                crate::error::io_reason(&e)
            ));
            tracing::warn!(kind = r.kind.code(), error = ?e.kind(), "import file unreadable");
            r
        }
    }
}

/// The spreadsheet files (.xlsx .xlsm .xls .ods) directly in `dir`, by name;
/// Office's lock files (`~$…`) are left out. A folder of partners' sheets or
/// of returned round reports alike.
pub fn sheet_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::BadFile(format!(
            "无法读取文件夹“{}”：{}。请确认文件夹存在且可以访问。",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if path.is_file()
            && !name.starts_with("~$")
            && crate::sheets::read::ACCEPTED_EXTENSIONS.contains(&ext.as_str())
        {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// The content hash of a file (sha256, hex).
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn report(kind: ImportKind, file: &str, sha256: String, options: &ImportOptions) -> FileReport {
    FileReport {
        file: file.to_string(),
        kind,
        status: FileStatus::Rejected,
        party: None,
        rows_applied: 0,
        rows_rejected: Vec::new(),
        rows_rejected_count: 0,
        warnings: Vec::new(),
        error: None,
        sha256,
        import_id: None,
        dry_run: options.dry_run,
        rows: Vec::new(),
        rows_not_listed: 0,
        org_plan: None,
    }
}

/// Imports one file given as bytes; `file_name` is shown in messages and
/// recorded (its extension decides the format).
pub fn import_bytes<I: Importer>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> FileReport {
    let mut dry = dry_run_store(store, options);
    let store = dry.as_deref_mut().unwrap_or(store);
    let kind = importer.kind();
    let mut rep = report(kind, file_name, content_hash(bytes), options);
    let read = Read {
        file_name,
        bytes,
        book: None,
    };
    let at = Position {
        file_index: 0,
        files: 1,
    };
    if let Err(e) = run(
        &mut Writes::Own(store),
        actor,
        importer,
        read,
        options,
        at,
        &mut rep,
    ) {
        rejected(&mut rep, e);
    }
    log_report(&rep);
    rep
}

pub(super) fn rejected(rep: &mut FileReport, e: Error) {
    rep.status = FileStatus::Rejected;
    rep.rows_applied = 0;
    rep.import_id = None;
    rep.error = Some(e.to_string());
}

/// A file's content, and its workbook when it was opened ahead.
struct Read<'a> {
    file_name: &'a str,
    bytes: &'a [u8],
    book: Option<Result<Workbook>>,
}

/// Imports one file read into memory, with the page cache sized for a
/// large transaction while it runs (see [`crate::store::bulk`]; a batch's
/// transaction has it already).
fn run<I: Importer>(
    writes: &mut Writes<'_, '_>,
    actor: &Actor,
    importer: &I,
    read: Read<'_>,
    options: &ImportOptions,
    at: Position,
    rep: &mut FileReport,
) -> Result<()> {
    match writes {
        Writes::Own(store) => store.with_bulk_cache(|store| {
            let writes = &mut Writes::Own(store);
            run_cached(writes, actor, importer, read, options, at, rep)
        }),
        Writes::Batch(_) => run_cached(writes, actor, importer, read, options, at, rep),
    }
}

fn run_cached<I: Importer>(
    writes: &mut Writes<'_, '_>,
    actor: &Actor,
    importer: &I,
    read: Read<'_>,
    options: &ImportOptions,
    at: Position,
    rep: &mut FileReport,
) -> Result<()> {
    let Read {
        file_name,
        bytes,
        book,
    } = read;
    let kind = importer.kind();
    let kept = writes.kept_parties(kind);
    let conn = writes.conn();
    let (earlier, parties) = in_read_snapshot(conn, || {
        let earlier: Option<(String, String)> = conn
            .query_row(
                "SELECT file_name, imported_at FROM imports
                  WHERE kind = ?1 AND scope = ?2 AND sha256 = ?3 AND voided_at IS NULL",
                params![kind.code(), importer.scope(), rep.sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let parties = match kept {
            Some(parties) => parties,
            None => Arc::new(PartyIndex::load(conn)?),
        };
        Ok((earlier, parties))
    })?;
    writes.keep_parties(kind, &parties);
    if let Some((name, imported_at)) = earlier {
        rep.status = FileStatus::Duplicate;
        rep.warnings.push(RowIssue {
            sheet: String::new(),
            row: 0,
            column: String::new(),
            reason: format!("内容相同的文件“{name}”已于 {imported_at} 导入，本次未作任何改动。"),
        });
        return Ok(());
    }
    let job = Job {
        actor,
        importer,
        file_name,
        options,
        parties: &parties,
        at,
        keep_dry_run: options.dry_run && writes.is_snapshot() && at.followed(),
    };
    if let Writes::Own(store) = writes {
        if importer.reads_in_pieces() && can_stream(file_name, bytes) {
            if let Some(parser) = importer.sheet_parser(store.conn(), &parties, actor.today())? {
                return super::pieces::run_streamed(store, &job, bytes, rep, parser);
            }
        }
    }
    let book = match book {
        Some(opened) => opened?,
        None => open_bytes(file_name, bytes)?,
    };
    let parsed = {
        let ctx = ParseContext {
            conn: writes.conn(),
            parties: &parties,
            options,
            today: actor.today(),
            now: actor.now,
        };
        // One snapshot for the file's lookups (an item per feedback row).
        in_read_snapshot(writes.conn(), || importer.parse(&ctx, &book))?
    };
    drop(book);
    let Parsed {
        sheets,
        party,
        rows,
        rejected,
        warnings,
        org_plan,
    } = parsed;
    rep.party = party.as_ref().map(|p| p.name.clone());
    rep.warnings.extend(warnings);
    rep.org_plan = org_plan;
    if options.with_rows {
        list_rows(importer, &sheets, &rows, rep);
    }
    refuse_early(rows.len(), rejected, options, rep)?;
    let rejected = rep.take_rejected();
    apply_file(writes, &job, rep, party, &sheets, &rows, rejected)
}

/// Lists planned rows in the report, up to [`PREVIEW_ROWS`]; counts the rest.
pub(super) fn list_rows<I: Importer>(
    importer: &I,
    sheets: &[String],
    rows: &[Planned<I::Row>],
    rep: &mut FileReport,
) {
    let room = PREVIEW_ROWS.saturating_sub(rep.rows.len()).min(rows.len());
    let listed = rows[..room]
        .iter()
        .map(|p| preview_row(importer, sheets, p));
    rep.rows.extend(listed);
    rep.rows_not_listed += (rows.len() - room) as u32;
}

fn preview_row<I: Importer>(importer: &I, sheets: &[String], p: &Planned<I::Row>) -> PreviewRow {
    let (key, summary) = importer.preview(&p.data);
    PreviewRow {
        sheet: sheets[p.sheet].clone(),
        row: p.row,
        key,
        summary,
    }
}

/// What every step of importing one file reads: who imports, with which
/// importer, which file, how, and the parties its names resolve against.
pub(super) struct Job<'a, I> {
    pub(super) actor: &'a Actor,
    pub(super) importer: &'a I,
    pub(super) file_name: &'a str,
    pub(super) options: &'a ImportOptions,
    pub(super) parties: &'a PartyIndex,
    /// The file's place in its batch (progress).
    pub(super) at: Position,
    /// A dry run on the batch's private snapshot, with files after this one:
    /// the file is kept there (the snapshot is thrown away afterwards), so
    /// that the later files see what it would have written — a duplicate, a
    /// number taken, a pending report — as in a real run. The last file, and
    /// a dry run on the database itself, roll back (nothing to keep it for:
    /// a 100,000-row ledger's preview would rebuild its indexes and write
    /// them for nobody).
    pub(super) keep_dry_run: bool,
}

/// The apply step of a file parsed whole: one write (its `imports` row, its
/// rows, its outcome and audit entry), kept or not by [`conclude`].
fn apply_file<I: Importer>(
    writes: &mut Writes<'_, '_>,
    job: &Job<'_, I>,
    rep: &mut FileReport,
    party: Option<PartyRef>,
    sheets: &[String],
    rows: &[Planned<I::Row>],
    rejected: Rejections,
) -> Result<()> {
    let kind = job.importer.kind();
    writes.write_with(|tx| {
        let scope = job.importer.scope();
        let import_id = begin(
            tx,
            job.actor,
            kind,
            &scope,
            job.file_name,
            party.as_ref(),
            rep,
        )?;
        let ctx = ApplyContext {
            actor: job.actor,
            parties: job.parties,
            party: party.as_ref(),
        };
        let mut applying = Applying::new(job.importer, ctx, import_id, job.options, rejected);
        let deferred = super::pieces::defer_for(tx, job.importer, rows.len())?;
        if let Err(e) = applying.rows(tx, sheets, rows) {
            rep.set_rejected(applying.rejected);
            return Err(e);
        }
        super::pieces::rebuild(tx, deferred, job, &EarlyFlush::none())?;
        conclude(tx, job, kind, import_id, applying, rep)
    })
}
