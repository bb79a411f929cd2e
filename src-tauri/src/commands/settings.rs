//! 设置 / 关于: where the data lives, the integrity check, backup now, the operator.

use duban::error::ErrorJson;
use duban::store::audit::{self, VerifyReport};
use duban::store::backup::BackupEntry;
use duban::store::prefs::Pref;
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

/// The settings the 设置 page edits, as they are now.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Preferences {
    /// N of the yellow window (working days).
    pub yellow_days: u32,
    /// Working days for a 传达学习 report.
    pub relay_days: u32,
    /// The office's name in sheet titles.
    pub office_name: String,
    /// The check times (`09:00,14:30`).
    pub check_times: String,
    /// The backup folder in use.
    pub backups_dir: String,
    /// True when the office chose it (else `backups/` beside the database).
    pub backups_dir_chosen: bool,
    /// Automatic start-up backups kept.
    pub keep_backups: u32,
}

fn preferences(state: &AppState) -> CmdResult<Preferences> {
    let (yellow_days, relay_days, office_name, check_times, chosen, keep) = state.read(|s| {
        let c = s.conn();
        Ok((
            duban::reminders::yellow_days(c)?,
            duban::relay::relay_days(c)?,
            duban::reminders::office_name(c)?,
            duban::rhythm::schedule::format_check_times(&duban::rhythm::checks::check_times(c)?),
            duban::store::prefs::backup_dir(c)?,
            duban::store::prefs::keep_backups(c)?,
        ))
    })?;
    Ok(Preferences {
        yellow_days,
        relay_days,
        office_name,
        check_times,
        backups_dir_chosen: chosen.is_some(),
        backups_dir: chosen
            .unwrap_or_else(|| state.default_backups_dir())
            .display()
            .to_string(),
        keep_backups: keep as u32,
    })
}

/// The settings of the 设置 page.
#[tauri::command(rename_all = "snake_case")]
pub async fn prefs_get(door: Door) -> CmdResult<Preferences> {
    door.run(preferences).await
}

/// Changes one setting (checked, audited); returns the settings as they are now.
#[tauri::command(rename_all = "snake_case")]
pub async fn pref_set(door: Door, pref: Pref, value: String) -> CmdResult<Preferences> {
    door.write(move |s, actor| duban::store::prefs::set_pref(s, actor, pref, &value))
        .await?;
    door.run(preferences).await
}

/// The backups in the backup folder, newest first (设置 → 恢复).
#[tauri::command(rename_all = "snake_case")]
pub async fn backups_list(door: Door) -> CmdResult<Vec<BackupEntry>> {
    door.run(|state| duban::store::backup::list_backups(&state.backups_dir()).map_err(Into::into))
        .await
}

/// Restores the backup `file` (checked first; the replaced database is kept
/// beside it); returns where the replaced database was kept.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_restore(door: Door, file: String) -> CmdResult<Option<String>> {
    let kept = door
        .run(move |state| state.restore(std::path::Path::new(&file)))
        .await?;
    door.changed();
    Ok(kept.map(|k| k.display().to_string()))
}

/// True while nothing has been entered (no 督办事项, no 收文): the 工作台 then
/// shows the first steps instead of zeros.
#[tauri::command(rename_all = "snake_case")]
pub async fn first_launch(door: Door) -> CmdResult<bool> {
    door.read(|s| duban::store::prefs::is_fresh(s.conn())).await
}
