//! 导入: import sheets file by file (preview, then apply), the
//! 导入记录 list, feedback templates and the ledger sheet export.

use std::path::{Path, PathBuf};

use duban::calendar::Calendar;
use duban::imports::{
    export, import_kind, template, FileReport, ImportKind, ImportOptions, ImportRecord, SearchIndex,
};
use duban::items::LedgerFilter;
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// A template or export written to disk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WrittenFile {
    pub file: String,
    pub items: u32,
}

/// The spreadsheet files in a folder.
#[tauri::command]
pub fn imports_folder_files(dir: String) -> CmdResult<Vec<String>> {
    Ok(duban::imports::sheet_files(Path::new(&dir))?
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
}

/// Imports one file of `kind` (`dry_run`: the preview, nothing written).
/// The UI calls it once per file, so that it can show per-file progress.
#[tauri::command]
pub fn imports_run(
    state: State<'_, AppState>,
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
    state.write(|store, actor| {
        let files = [PathBuf::from(file)];
        let index = SearchIndex::FillInBackground;
        let mut batch = import_kind(store, actor, kind, &files, &options, index)?;
        Ok(batch.files.remove(0))
    })
}

/// 导入记录, newest first.
#[tauri::command]
pub fn imports_history(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> CmdResult<Vec<ImportRecord>> {
    state.read(|store| duban::imports::history(store.conn(), limit.unwrap_or(200)))
}

/// One party's 落实情况反馈表 template.
#[tauri::command]
pub fn template_feedback(
    state: State<'_, AppState>,
    party: String,
    path: String,
) -> CmdResult<WrittenFile> {
    state.read(|store| {
        let n = template::write_feedback_template(store.conn(), &party, Path::new(&path))?;
        Ok(WrittenFile {
            file: path.clone(),
            items: n as u32,
        })
    })
}

/// Templates for every party with open items, into a folder.
#[tauri::command]
pub fn template_feedback_all(
    state: State<'_, AppState>,
    dir: String,
) -> CmdResult<Vec<WrittenFile>> {
    state.read(|store| {
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
}

/// The ledger sheet for a filter (lights as of today).
#[tauri::command]
pub fn ledger_export(
    state: State<'_, AppState>,
    filter: LedgerFilter,
    path: String,
) -> CmdResult<WrittenFile> {
    let today = state.clock.today();
    state.read(|store| {
        let cal = Calendar::load(store.conn())?;
        let n = export::export_ledger(store.conn(), &cal, today, &filter, Path::new(&path))?;
        Ok(WrittenFile {
            file: path.clone(),
            items: n as u32,
        })
    })
}
