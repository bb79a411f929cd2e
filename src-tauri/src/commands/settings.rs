//! 设置 / 关于: where the data lives, the integrity check, backup now, the operator.

use duban::error::ErrorJson;
use duban::store::audit::{self, VerifyReport};
use serde::Serialize;
use tauri::State;

use crate::error::{CmdResult, UiError};
use crate::state::AppState;

/// What the app knows about itself and its database (the first call the UI makes).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename_all = "camelCase")]
pub struct AppStatus {
    /// The program's version.
    pub version: String,
    /// The database file.
    pub db_path: String,
    /// Where backups go.
    pub backups_dir: String,
    /// The support log: daily files `duban.YYYY-MM-DD.log` in `logs/` beside the database.
    pub log_files: String,
    /// Why the database could not be opened (the UI then shows an error screen).
    pub open_error: Option<ErrorJson>,
    /// The automatic backup written at start-up.
    pub startup_backup: Option<String>,
    /// Why the automatic backup failed.
    pub startup_backup_error: Option<String>,
    /// The operator recorded in the audit log.
    pub operator: Option<String>,
    /// Today as the app's clock sees it (`YYYY-MM-DD`).
    pub today: String,
    /// A test build (`e2e` feature): its clock and file dialogs can be steered.
    pub test_build: bool,
}

/// The app's status; never fails, so that the UI can always show something.
#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let backup = state.startup_backup();
    AppStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db_path().display().to_string(),
        backups_dir: state.backups_dir().display().to_string(),
        log_files: duban::logs::file_pattern(&duban::logs::dir_for(state.db_path()))
            .display()
            .to_string(),
        open_error: state.open_error().cloned(),
        startup_backup: backup
            .as_ref()
            .and_then(|b| b.as_ref().ok())
            .map(|p| p.display().to_string()),
        startup_backup_error: backup.and_then(|b| b.err()),
        operator: state
            .with_store(|s| state.actor(s))
            .ok()
            .map(|a| a.operator),
        today: state.clock.today().format("%Y-%m-%d").to_string(),
        test_build: cfg!(feature = "e2e"),
    }
}

/// The outcome of the integrity check, with a Chinese sentence for the clerk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VerifyOutcome {
    pub ok: bool,
    pub message: String,
    pub report: VerifyReport,
}

/// Checks SQLite's integrity and the audit chain (`duban verify`).
#[tauri::command]
pub fn verify_database(state: State<'_, AppState>) -> CmdResult<VerifyOutcome> {
    let report = state.read(|s| audit::verify(s.conn()))?;
    Ok(VerifyOutcome {
        ok: report.ok(),
        message: report.message(),
        report,
    })
}

/// Writes a backup now into the backups folder (not rotated away); returns its path.
#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<String> {
    let stamp = state.clock.now().format("%Y%m%d-%H%M%S");
    let dest = state.backups_dir().join(format!("manual-{stamp}.sqlite3"));
    state.read(|s| duban::store::backup::backup_to(s, &dest))?;
    Ok(dest.display().to_string())
}

/// Sets the operator recorded in the audit log (setting `operator`).
#[tauri::command]
pub fn set_operator(state: State<'_, AppState>, name: String) -> CmdResult<()> {
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(UiError::new("invalid", "请填写操作人姓名。"));
    }
    state.write(|store, actor| {
        let before = duban::store::setting(store.conn(), "operator", "")?;
        store.write(|tx| {
            duban::store::set_setting_in(tx, "operator", &name)?;
            audit::append_in(
                tx,
                actor,
                "setting",
                "operator",
                "修改操作人",
                Some(&serde_json::json!({ "operator": before })),
                Some(&serde_json::json!({ "operator": name })),
            )
        })
    })
}
