//! 导入: import sheets file by file (preview, then apply), the
//! 导入记录 list, feedback templates and the ledger sheet export.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use duban::calendar::Calendar;
use duban::exports::ledger as export;
use duban::imports::{
    import_kind, template, FileReport, ImportKind, ImportOptions, ImportRecord, ProgressSink,
    SearchIndex,
};
use duban::items::LedgerFilter;
use serde::Serialize;

use tauri::Emitter;

use crate::door::Door;
use crate::error::CmdResult;
use crate::events::IMPORT_PROGRESS_EVENT;

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

/// How often the window hears an import's progress at most: each event
/// redraws the import panel, and on a 2-core machine a 36-file batch's 72
/// redraws took the CPU the import itself needed (its preview ran 40–60 %
/// slower in the window than on the command line).
const PROGRESS_EVERY: Duration = Duration::from_millis(200);

/// Says yes at most once per period (the first time always).
struct Every {
    period: Duration,
    last: Mutex<Option<Instant>>,
}

impl Every {
    fn new(period: Duration) -> Self {
        Every {
            period,
            last: Mutex::new(None),
        }
    }

    fn due(&self) -> bool {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if last.is_some_and(|t| t.elapsed() < self.period) {
            return false;
        }
        *last = Some(Instant::now());
        true
    }
}

/// Imports the files of a batch of `kind` in order (`dry_run`: the
/// preview, nothing written), in one call: the window hears
/// [`IMPORT_PROGRESS_EVENT`] (at most every [`PROGRESS_EVERY`]) and gets
/// every file's report at the end. `with_rows`: each report lists its valid
/// rows too; a large batch leaves them out (10,800 rows for 36 returned
/// sheets) and the window previews the one file again, with its rows, when
/// the clerk opens it.
#[tauri::command(rename_all = "snake_case")]
pub async fn imports_run(
    door: Door,
    kind: ImportKind,
    files: Vec<String>,
    party: Option<String>,
    dry_run: bool,
    apply_valid_rows: bool,
    with_rows: bool,
) -> CmdResult<Vec<FileReport>> {
    let app = door.app().clone();
    let told = Every::new(PROGRESS_EVERY);
    let options = ImportOptions {
        dry_run,
        apply_valid_rows,
        party: party.filter(|p| !p.trim().is_empty()),
        round: None,
        with_rows,
        progress: ProgressSink::new(move |p| {
            if !told.due() {
                return;
            }
            if let Err(e) = app.emit(IMPORT_PROGRESS_EVENT, p) {
                tracing::warn!(error = %e, "progress event not emitted");
            }
        }),
    };
    let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    let import = move |store: &mut duban::store::Store, actor: &duban::store::Actor| {
        let index = SearchIndex::FillInBackground;
        Ok(import_kind(store, actor, kind, &files, &options, index)?.files)
    };
    // A preview runs on a snapshot beside the writes and tells the window
    // nothing; only a real run holds the write and announces the change.
    if dry_run {
        door.rehearse(import).await
    } else {
        door.write(import).await
    }
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

/// Writes one of the lists (收文登记簿, 批示件办理情况, 延期, 会签, 传达学习, a
/// round's status, the organisation and roster, the audit log) with a page's
/// filters to `path`, print-ready.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_export(
    door: Door,
    kind: duban::exports::lists::ListKind,
    filter: duban::exports::lists::ListFilter,
    path: String,
) -> CmdResult<duban::exports::lists::ListExport> {
    let today = door.today();
    door.read(move |store| {
        duban::exports::lists::export_list(store.conn(), today, kind, &filter, Path::new(&path))
    })
    .await
}

/// The 延期申请 the 延期 list holds for `filter` (status, 申请单位, 申请日期
/// from/to), newest first: what the page shows and `list_export` writes.
#[tauri::command(rename_all = "snake_case")]
pub async fn extensions_list(
    door: Door,
    filter: duban::exports::lists::ListFilter,
) -> CmdResult<Vec<duban::extensions::Extension>> {
    door.read(move |store| duban::exports::lists::shown::extension_requests(store.conn(), &filter))
        .await
}

/// A page of the audit log for `filter` (操作时间 from/to, 操作人, text),
/// newest first, with the total the export of the same filter writes.
#[tauri::command(rename_all = "snake_case")]
pub async fn audit_page(
    door: Door,
    filter: duban::exports::lists::ListFilter,
    offset: u32,
    limit: u32,
) -> CmdResult<duban::exports::lists::shown::AuditPage> {
    door.read(move |store| {
        duban::exports::lists::shown::audit_page(store.conn(), &filter, offset, limit)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_told_the_first_time_then_at_most_once_a_period() {
        let every = Every::new(Duration::from_millis(100));
        assert!(every.due(), "the first time");
        assert!(!every.due(), "again at once");
        std::thread::sleep(Duration::from_millis(120));
        assert!(every.due(), "after the period");
    }
}
