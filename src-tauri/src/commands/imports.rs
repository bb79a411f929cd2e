//! 导入: import sheets file by file (preview, then apply), the
//! 导入记录 list, feedback templates and the ledger sheet export.

use std::path::{Path, PathBuf};

use duban::calendar::Calendar;
use duban::exports::ledger as export;
use duban::imports::{
    import_kind, template, FileReport, ImportKind, ImportOptions, ImportRecord, SearchIndex,
};
use duban::items::LedgerFilter;
use serde::Serialize;

use crate::door::Door;
use crate::error::CmdResult;

/// A template or export written to disk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct WrittenFile {
    pub file: String,
    pub items: u32,
}

/// The spreadsheet files in a folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn imports_folder_files(door: Door, dir: String) -> CmdResult<Vec<String>> {
    door.read(move |_| {
        Ok(duban::imports::sheet_files(Path::new(&dir))?
            .into_iter()
            .map(|p| p.display().to_string())
            .collect())
    })
    .await
}

/// Imports one file of `kind` (`dry_run`: the preview, nothing written).
/// The UI calls it once per file, so that it can show per-file progress.
#[tauri::command(rename_all = "snake_case")]
pub async fn imports_run(
    door: Door,
    kind: ImportKind,
    file: String,
    party: Option<String>,
    dry_run: bool,
    apply_valid_rows: bool,
) -> CmdResult<FileReport> {
    let options = ImportOptions {
        dry_run,
        apply_valid_rows,
        party: party.filter(|p| !p.trim().is_empty()),
        round: None,
        with_rows: true,
    };
    let files = [PathBuf::from(file)];
    // A preview writes nothing: only a real run tells the window.
    let report = door
        .run(move |state| {
            state.write(|store, actor| {
                let index = SearchIndex::FillInBackground;
                let mut batch = import_kind(store, actor, kind, &files, &options, index)?;
                Ok(batch.files.remove(0))
            })
        })
        .await?;
    if !dry_run {
        door.changed();
    }
    Ok(report)
}

/// 导入记录, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn imports_history(door: Door, limit: Option<u32>) -> CmdResult<Vec<ImportRecord>> {
    door.read(move |store| duban::imports::history(store.conn(), limit.unwrap_or(200)))
        .await
}

/// One party's 落实情况反馈表 template.
#[tauri::command(rename_all = "snake_case")]
pub async fn template_feedback(door: Door, party: String, path: String) -> CmdResult<WrittenFile> {
    door.read(move |store| {
        let n = template::write_feedback_template(store.conn(), &party, Path::new(&path))?;
        Ok(WrittenFile {
            file: path.clone(),
            items: n as u32,
        })
    })
    .await
}

/// Templates for every party with open items, into a folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn template_feedback_all(door: Door, dir: String) -> CmdResult<Vec<WrittenFile>> {
    door.read(move |store| {
        Ok(
            template::write_all_feedback_templates(store.conn(), Path::new(&dir))?
                .into_iter()
                .map(|(f, n)| WrittenFile {
                    file: f.display().to_string(),
                    items: n as u32,
                })
                .collect(),
        )
    })
    .await
}

/// The ledger sheet for a filter (lights as of today).
#[tauri::command(rename_all = "snake_case")]
pub async fn ledger_export(
    door: Door,
    filter: LedgerFilter,
    path: String,
) -> CmdResult<WrittenFile> {
    let today = door.today();
    door.read(move |store| {
        let cal = Calendar::load(store.conn())?;
        let n = export::export_ledger(store.conn(), &cal, today, &filter, Path::new(&path))?;
        Ok(WrittenFile {
            file: path.clone(),
            items: n as u32,
        })
    })
    .await
}
