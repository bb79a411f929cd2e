//! 设置 / 关于: where the data lives, the integrity check, backup now, the operator.

use duban::error::ErrorJson;
use duban::store::audit::{self, VerifyReport};
use serde::Serialize;

use crate::door::Door;
use crate::error::CmdResult;
use crate::state::AppState;

/// What the app knows about itself and its database (the first call the UI makes).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    /// A test build (debug, or with the e2e hooks; its window title says 测试版).
    pub test_build: bool,
}

/// The app's status; never fails, so that the UI can always show something.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_status(door: Door) -> CmdResult<AppStatus> {
    door.run(|state| Ok(status(state))).await
}

fn status(state: &AppState) -> AppStatus {
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
        operator: state.operator(),
        today: duban::dates::ymd(state.clock.today()),
        test_build: crate::TEST_BUILD,
    }
}

/// The outcome of the integrity check, with a Chinese sentence for the clerk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VerifyOutcome {
    pub ok: bool,
    pub message: String,
    pub report: VerifyReport,
}

/// Checks SQLite's integrity and the audit chain (`duban verify`).
#[tauri::command(rename_all = "snake_case")]
pub async fn verify_database(door: Door) -> CmdResult<VerifyOutcome> {
    let report = door.read(move |s| audit::verify(s.conn())).await?;
    Ok(VerifyOutcome {
        ok: report.ok(),
        message: report.message(),
        report,
    })
}

/// Writes a backup now into the backups folder (not rotated away); returns its path.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now(door: Door) -> CmdResult<String> {
    let now = door.now();
    let stamp = duban::dates::file_stamp(now);
    let dest = door
        .state()
        .backups_dir()
        .join(format!("manual-{stamp}.zip"));
    // the database snapshot and the attachment files it names, in one archive
    let info = door
        .read(move |s| duban::store::archive::prepare(s, &dest, now)?.write())
        .await?;
    Ok(info.file.display().to_string())
}

/// Sets the operator recorded in the audit log (setting `operator`).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_operator(door: Door, name: String) -> CmdResult<()> {
    door.write(move |store, actor| duban::org::people::choose_operator(store, actor, &name))
        .await
}
