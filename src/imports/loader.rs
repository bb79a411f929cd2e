//! The loader: file → hash → duplicate check → parse → one transaction
//! (imports row, planned rows, one audit entry) → commit, or roll back for a
//! dry run or a rejected file.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use super::{
    ApplyContext, FileReport, FileStatus, ImportKind, ImportOptions, ImportSource, Importer,
    ParseContext, Parsed, PartyRef, Planned, PreviewRow,
};
use crate::error::{Error, Result};
use crate::org::PartyIndex;
use crate::sheets::{open_bytes, RowIssue};
use crate::store::{audit, Actor, Store};

/// The outcome of several files.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportBatch {
    pub files: Vec<FileReport>,
}

impl ImportBatch {
    /// Whether any file was rejected (the command line exits non-zero then).
    pub fn any_rejected(&self) -> bool {
        self.files.iter().any(|f| f.status == FileStatus::Rejected)
    }
}

/// Imports several files one after another, each in its own transaction.
pub fn import_files<I: Importer>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    paths: &[impl AsRef<Path>],
    options: &ImportOptions,
) -> ImportBatch {
    ImportBatch {
        files: paths
            .iter()
            .map(|p| import_file(store, actor, importer, p.as_ref(), options))
            .collect(),
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
    let display = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => import_bytes(store, actor, importer, &display, &bytes, options),
        Err(e) => {
            let mut r = report(importer.kind(), &display, String::new(), options);
            r.error = Some(format!(
                "无法打开文件“{display}”：{e}。请检查路径和读取权限。"
            ));
            r
        }
    }
}

/// The spreadsheet files (.xlsx .xlsm .xls .ods) directly in `dir`, by name;
/// Office's lock files (`~$…`) are left out.
pub fn sheet_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
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
        warnings: Vec::new(),
        error: None,
        sha256,
        import_id: None,
        dry_run: options.dry_run,
        rows: Vec::new(),
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
    let kind = importer.kind();
    let mut rep = report(kind, file_name, content_hash(bytes), options);
    if let Err(e) = run(store, actor, importer, file_name, bytes, options, &mut rep) {
        rep.status = FileStatus::Rejected;
        rep.rows_applied = 0;
        rep.import_id = None;
        rep.error = Some(e.to_string());
    }
    rep
}

fn run<I: Importer>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    rep: &mut FileReport,
) -> Result<()> {
    let kind = importer.kind();
    let earlier: Option<(String, String)> = store
        .conn()
        .query_row(
            "SELECT file_name, imported_at FROM imports WHERE kind = ?1 AND sha256 = ?2",
            params![kind.code(), rep.sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((name, at)) = earlier {
        rep.status = FileStatus::Duplicate;
        rep.warnings.push(RowIssue {
            sheet: String::new(),
            row: 0,
            column: String::new(),
            reason: format!("内容相同的文件“{name}”已于 {at} 导入，本次未作任何改动。"),
        });
        return Ok(());
    }
    let book = open_bytes(file_name, bytes)?;
    let parties = PartyIndex::load(store.conn())?;
    let parsed = {
        let ctx = ParseContext {
            conn: store.conn(),
            parties: &parties,
            options,
            today: actor.today(),
        };
        importer.parse(&ctx, &book)?
    };
    drop(book);
    let Parsed {
        sheets,
        party,
        rows,
        rejected,
        warnings,
    } = parsed;
    rep.party = party.as_ref().map(|p| p.name.clone());
    rep.warnings.extend(warnings);
    if options.with_rows {
        rep.rows = rows
            .iter()
            .map(|p| {
                let (key, summary) = importer.preview(&p.data);
                PreviewRow {
                    sheet: sheets[p.sheet].clone(),
                    row: p.row,
                    key,
                    summary,
                }
            })
            .collect();
    }
    let strict = !options.apply_valid_rows;
    if rows.is_empty() || (strict && !rejected.is_empty()) {
        rep.rows_rejected = rejected;
        return Err(Error::Invalid(if rep.rows_rejected.is_empty() {
            "文件中没有可导入的数据行（表头下方没有填写内容）。".to_string()
        } else if rows.is_empty() {
            format!(
                "{} 行均不符合要求，没有可导入的行。",
                rep.rows_rejected.len()
            )
        } else {
            refusal(rep.rows_rejected.len())
        }));
    }

    apply_file(
        store, actor, importer, file_name, options, rep, kind, &parties, party, &sheets, &rows,
        rejected,
    )
}

#[allow(clippy::too_many_arguments)]
fn apply_file<I: Importer>(
    store: &mut Store,
    actor: &Actor,
    importer: &I,
    file_name: &str,
    options: &ImportOptions,
    rep: &mut FileReport,
    kind: ImportKind,
    parties: &PartyIndex,
    party: Option<PartyRef>,
    sheets: &[String],
    rows: &[Planned<I::Row>],
    mut rejected: Vec<RowIssue>,
) -> Result<()> {
    let strict = !options.apply_valid_rows;
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO imports(kind, file_name, sha256, party_id, status, imported_at, operator)
         VALUES (?1, ?2, ?3, ?4, 'applied', ?5, ?6)",
        params![
            kind.code(),
            base_name(file_name),
            rep.sha256,
            party.as_ref().map(|p| p.id),
            actor.stamp(),
            actor.operator
        ],
    )?;
    let import_id = tx.last_insert_rowid();
    let ctx = ApplyContext {
        actor,
        parties,
        party: party.as_ref(),
    };
    let mut source = ImportSource {
        import_id,
        sheet: String::new(),
        row: 0,
    };
    let mut applied = 0u32;
    for p in rows {
        if source.sheet != sheets[p.sheet] {
            source.sheet.clone_from(&sheets[p.sheet]);
        }
        source.row = p.row;
        let outcome = if strict {
            importer.apply(&tx, &ctx, &p.data, &source)
        } else {
            apply_in_savepoint(&tx, importer, &ctx, &p.data, &source)?
        };
        match outcome {
            Ok(()) => applied += 1,
            Err(e @ (Error::Db(_) | Error::Io(_))) => return Err(e),
            Err(e) => {
                rejected.push(RowIssue {
                    sheet: source.sheet.clone(),
                    row: p.row,
                    column: String::new(),
                    reason: e.to_string(),
                });
                if strict {
                    rep.rows_rejected = rejected;
                    return Err(Error::Invalid(refusal(rep.rows_rejected.len())));
                }
            }
        }
    }
    if applied == 0 {
        rep.rows_rejected = rejected;
        return Err(Error::Invalid(format!(
            "{} 行均不符合要求，没有可导入的行。",
            rep.rows_rejected.len()
        )));
    }
    let status = if rejected.is_empty() {
        FileStatus::Applied
    } else {
        FileStatus::Partial
    };
    finish(&tx, actor, kind, import_id, status, applied, &rejected, rep)?;
    rep.status = status;
    rep.rows_applied = applied;
    rep.rows_rejected = rejected;
    if options.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
        rep.import_id = Some(import_id);
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

fn refusal(bad: usize) -> String {
    format!(
        "有 {bad} 行不符合要求，整个文件未导入。请改正后重新导入，或选择“仅导入有效行”（--apply-valid-rows）。"
    )
}

/// Applies one row inside a savepoint so that a failing row leaves nothing
/// behind while the others stay.
fn apply_in_savepoint<I: Importer>(
    tx: &Transaction,
    importer: &I,
    ctx: &ApplyContext<'_>,
    row: &I::Row,
    source: &ImportSource,
) -> Result<Result<()>> {
    tx.execute_batch("SAVEPOINT import_row")?;
    let out = importer.apply(tx, ctx, row, source);
    if out.is_ok() {
        tx.execute_batch("RELEASE import_row")?;
    } else {
        tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    tx: &Transaction,
    actor: &Actor,
    kind: ImportKind,
    import_id: i64,
    status: FileStatus,
    applied: u32,
    rejected: &[RowIssue],
    rep: &FileReport,
) -> Result<()> {
    let detail = serde_json::json!({"rejected": rejected, "warnings": rep.warnings});
    let status_code = if status == FileStatus::Partial {
        "partial"
    } else {
        "applied"
    };
    tx.execute(
        "UPDATE imports SET status = ?2, rows_applied = ?3, rows_rejected = ?4, detail = ?5 WHERE id = ?1",
        params![import_id, status_code, applied, rejected.len() as i64, detail.to_string()],
    )?;
    audit::append_in(
        tx,
        actor,
        "import",
        &import_id.to_string(),
        &format!("导入{}", kind.label()),
        None,
        Some(&serde_json::json!({
            "file": rep.file,
            "sha256": rep.sha256,
            "kind": kind.code(),
            "party": rep.party,
            "status": status_code,
            "rows_applied": applied,
            "rows_rejected": rejected.len(),
        })),
    )?;
    Ok(())
}
