//! The apply step of one file: its `imports` row, its planned rows (all or
//! nothing, or each in a savepoint), its outcome and one audit entry.

use std::path::Path;

use rusqlite::{params, Transaction};

use super::loader::Job;
use super::{
    ApplyContext, FileReport, FileStatus, ImportKind, ImportOptions, ImportSource, Importer,
    PartyRef, Planned, Rejections, RowApplier,
};
use crate::error::{Error, Result};
use crate::sheets::RowIssue;
use crate::store::{audit, Actor, Ending};

/// Records the file in `imports` (inside the file's transaction); its id.
pub(super) fn begin(
    tx: &Transaction,
    actor: &Actor,
    kind: ImportKind,
    scope: &str,
    file_name: &str,
    party: Option<&PartyRef>,
    rep: &FileReport,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO imports(kind, file_name, sha256, party_id, status, imported_at, operator, scope)
         VALUES (?1, ?2, ?3, ?4, 'applied', ?5, ?6, ?7)",
        params![
            kind.code(),
            base_name(file_name),
            rep.sha256,
            party.map(|p| p.id),
            actor.stamp(),
            actor.operator,
            scope
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Rows applied under one savepoint when only the valid rows are applied.
const BATCH_ROWS: usize = 256;

/// The apply step of one file under way.
pub(super) struct Applying<'a, I: Importer> {
    pub(super) importer: &'a I,
    pub(super) ctx: ApplyContext<'a>,
    pub(super) source: ImportSource,
    pub(super) strict: bool,
    pub(super) applied: u32,
    pub(super) rejected: Rejections,
}

impl<'a, I: Importer> Applying<'a, I> {
    /// The apply step of the file recorded as `import_id`, starting with the
    /// rows the parse step already rejected.
    pub(super) fn new(
        importer: &'a I,
        ctx: ApplyContext<'a>,
        import_id: i64,
        options: &ImportOptions,
        rejected: Rejections,
    ) -> Applying<'a, I> {
        Applying {
            importer,
            ctx,
            source: ImportSource {
                import_id,
                sheet: String::new(),
                row: 0,
            },
            strict: !options.apply_valid_rows,
            applied: 0,
            rejected,
        }
    }

    /// Applies planned rows. A row the importer refuses is rejected (and, all
    /// or nothing, ends the file with an `Err`); a database error ends it.
    pub(super) fn rows(
        &mut self,
        tx: &Transaction,
        sheets: &[String],
        rows: &[Planned<I::Row>],
    ) -> Result<()> {
        if self.strict {
            let mut apply = self.importer.row_applier(tx)?;
            return self.each_row(tx, &mut apply, sheets, rows, false);
        }
        // Only the valid rows: rows the parse step accepted rarely fail here,
        // so apply a batch under one savepoint, and only when one of them
        // fails, undo the batch and apply its rows one by one, each under its
        // own savepoint (a savepoint a row costs a large file half again).
        let mut apply = self.importer.row_applier(tx)?;
        for batch in rows.chunks(BATCH_ROWS) {
            tx.prepare_cached("SAVEPOINT import_batch")?.execute([])?;
            let mut applied = 0;
            let mut failed = false;
            for p in batch {
                self.locate(sheets, p);
                match apply(&self.ctx, &p.data, &self.source) {
                    Ok(()) => applied += 1,
                    Err(e @ (Error::Db(_) | Error::Io(_))) => return Err(e),
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            if failed {
                tx.execute_batch("ROLLBACK TO import_batch; RELEASE import_batch")?;
                self.each_row(tx, &mut apply, sheets, batch, true)?;
            } else {
                tx.prepare_cached("RELEASE import_batch")?.execute([])?;
                self.applied += applied;
            }
        }
        Ok(())
    }

    fn locate(&mut self, sheets: &[String], p: &Planned<I::Row>) {
        if self.source.sheet != sheets[p.sheet] {
            self.source.sheet.clone_from(&sheets[p.sheet]);
        }
        self.source.row = p.row;
    }

    /// Applies rows one by one (`savepoints`: each under its own, so that a
    /// failing row leaves nothing behind while the others stay).
    fn each_row(
        &mut self,
        tx: &Transaction,
        apply: &mut RowApplier<'_, I::Row>,
        sheets: &[String],
        rows: &[Planned<I::Row>],
        savepoints: bool,
    ) -> Result<()> {
        for p in rows {
            self.locate(sheets, p);
            let outcome = if savepoints {
                apply_in_savepoint(tx, || apply(&self.ctx, &p.data, &self.source))?
            } else {
                apply(&self.ctx, &p.data, &self.source)
            };
            match outcome {
                Ok(()) => self.applied += 1,
                Err(e @ (Error::Db(_) | Error::Io(_))) => return Err(e),
                Err(e) => {
                    self.rejected.push(RowIssue {
                        sheet: self.source.sheet.clone(),
                        row: p.row,
                        column: String::new(),
                        reason: e.to_string(),
                    });
                    if self.strict {
                        return Err(Error::Invalid(refusal(self.rejected.len(), None)));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Ends a file whose rows are applied: refuses it when no row applied,
/// else records the outcome and one audit entry, and says whether the
/// transaction commits (or rolls back: a dry run, unless it is kept on the
/// batch's snapshot, [`Job::keep_dry_run`]).
pub(super) fn conclude<I: Importer>(
    tx: &Transaction,
    job: &Job<'_, I>,
    kind: ImportKind,
    import_id: i64,
    applying: Applying<'_, I>,
    rep: &mut FileReport,
) -> Result<((), Ending)> {
    let (actor, options) = (job.actor, job.options);
    let Applying {
        applied, rejected, ..
    } = applying;
    if applied == 0 {
        rep.set_rejected(rejected);
        return Err(Error::Invalid(format!(
            "{} 行均不符合要求，没有可导入的行。",
            rep.rows_rejected_count
        )));
    }
    let status = if rejected.is_empty() {
        FileStatus::Applied
    } else {
        FileStatus::Partial
    };
    let outcome = Outcome {
        status,
        applied,
        rejected: &rejected,
    };
    finish(tx, actor, kind, import_id, &outcome, rep)?;
    rep.status = status;
    rep.rows_applied = applied;
    rep.set_rejected(rejected);
    if options.dry_run {
        let ending = if job.keep_dry_run {
            Ending::Commit
        } else {
            Ending::Rollback
        };
        Ok(((), ending))
    } else {
        // Cleared again by the caller should the commit fail.
        rep.import_id = Some(import_id);
        Ok(((), Ending::Commit))
    }
}

/// Refuses a file with no valid row, or (all-or-nothing) with a rejected row,
/// before anything is written. `rejected` ends in the report either way.
pub(super) fn refuse_early(
    planned: usize,
    rejected: Rejections,
    options: &ImportOptions,
    rep: &mut FileReport,
) -> Result<()> {
    let strict = !options.apply_valid_rows;
    let bad = rejected.len();
    rep.set_rejected(rejected);
    if planned == 0 || (strict && bad > 0) {
        return Err(Error::Invalid(if bad == 0 {
            "文件中没有可导入的数据行（表头下方没有填写内容）。".to_string()
        } else if planned == 0 {
            format!("{bad} 行均不符合要求，没有可导入的行。")
        } else {
            refusal(bad, Some(planned))
        }));
    }
    Ok(())
}

/// The file's own name, without its folder.
fn base_name(file: &str) -> &str {
    Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file)
}

/// The refusal of a whole file for `bad` rows; `fine`: how many rows are
/// otherwise good, when known (they would be imported with 仅导入有效行).
fn refusal(bad: usize, fine: Option<usize>) -> String {
    let fine = fine
        .map(|n| format!("（另有 {n} 行符合要求）"))
        .unwrap_or_default();
    format!(
        "有 {bad} 行不符合要求{fine}，整个文件未导入。请改正后重新导入，或选择“仅导入有效行”（--apply-valid-rows）。"
    )
}

/// Applies one row inside a savepoint so that a failing row leaves nothing
/// behind while the others stay.
fn apply_in_savepoint(tx: &Transaction, apply: impl FnOnce() -> Result<()>) -> Result<Result<()>> {
    // Prepared once per file: a savepoint a row is most of what it costs.
    tx.prepare_cached("SAVEPOINT import_row")?.execute([])?;
    let out = apply();
    if out.is_ok() {
        tx.prepare_cached("RELEASE import_row")?.execute([])?;
    } else {
        tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
    }
    Ok(out)
}

/// How a file's apply step ended: what [`finish`] records.
struct Outcome<'a> {
    status: FileStatus,
    applied: u32,
    rejected: &'a Rejections,
}

/// Records the file's outcome on its `imports` row and one audit entry.
fn finish(
    tx: &Transaction,
    actor: &Actor,
    kind: ImportKind,
    import_id: i64,
    outcome: &Outcome<'_>,
    rep: &FileReport,
) -> Result<()> {
    let Outcome {
        status,
        applied,
        rejected,
    } = *outcome;
    // The listed rows only (at most REJECTED_ROWS); the column holds the count.
    let detail = serde_json::json!({"rejected": rejected.listed(), "warnings": rep.warnings});
    let status_code = if status == FileStatus::Partial {
        "partial"
    } else {
        "applied"
    };
    tx.execute(
        "UPDATE imports SET status = ?2, rows_applied = ?3, rows_rejected = ?4, detail = ?5 WHERE id = ?1",
        params![import_id, status_code, applied, rejected.len() as i64, detail.to_string()],
    )?;
    let mut after = serde_json::json!({
        "file": rep.file,
        "sha256": rep.sha256,
        "kind": kind.code(),
        "party": rep.party,
        "status": status_code,
        "rows_applied": applied,
        "rows_rejected": rejected.len(),
    });
    if let Some(plan) = &rep.org_plan {
        // What an organisation sheet renamed and added, for the record.
        after["org_plan"] = serde_json::to_value(plan).unwrap_or_default();
    }
    audit::append_in(
        tx,
        actor,
        "import",
        &import_id.to_string(),
        &format!("导入{}", kind.label()),
        None,
        Some(&after),
    )?;
    Ok(())
}
