//! 报送任务 (PRODUCT #10): rounds, their templates, importing returned
//! reports (preview, then apply) and each unit's 按时/迟报/漏报/未到期.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::imports::ImportOptions;
use duban::rounds::{
    self, NewRound, ProposedRound, ReportContent, ReportOutcome, Round, RoundDetail, TemplateFile,
};

use crate::door::Door;
use crate::error::CmdResult;

/// Every round with its counts as of today.
#[tauri::command(rename_all = "snake_case")]
pub async fn rounds_list(door: Door) -> CmdResult<Vec<Round>> {
    let today = door.today();
    door.read(move |store| rounds::list_rounds(store.conn(), today))
        .await
}

/// One round: each target unit's status today, and who to chase.
#[tauri::command(rename_all = "snake_case")]
pub async fn round_detail(door: Door, id: i64) -> CmdResult<RoundDetail> {
    let today = door.today();
    door.read(move |store| rounds::round_detail(store.conn(), id, today))
        .await
}

/// Creates a round.
#[tauri::command(rename_all = "snake_case")]
pub async fn round_create(door: Door, input: NewRound) -> CmdResult<Round> {
    door.write(move |store, actor| rounds::create_round(store, actor, &input))
        .await
}

/// The seed's two rounds for a registered policy document.
#[tauri::command(rename_all = "snake_case")]
pub async fn round_propose(
    door: Door,
    document_id: i64,
    issued_on: Option<NaiveDate>,
) -> CmdResult<Vec<ProposedRound>> {
    door.read(move |store| {
        let cal = Calendar::load(store.conn())?;
        rounds::propose_for_document(store.conn(), &cal, document_id, issued_on)
    })
    .await
}

/// Writes one template per target unit into `dir`.
#[tauri::command(rename_all = "snake_case")]
pub async fn round_templates(door: Door, id: i64, dir: String) -> CmdResult<Vec<TemplateFile>> {
    let today = door.today();
    door.read(move |store| rounds::write_templates(store.conn(), id, Path::new(&dir), today))
        .await
}

/// Imports returned reports (`dry_run`: preview, nothing written); `round_id`
/// assigns files whose round cannot be read from them.
#[tauri::command(rename_all = "snake_case")]
pub async fn round_import(
    door: Door,
    files: Vec<String>,
    round_id: Option<i64>,
    dry_run: bool,
) -> CmdResult<Vec<ReportOutcome>> {
    let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    let options = ImportOptions {
        dry_run,
        round: round_id,
        // The window shows each file's form fields and outcome, not its rows.
        with_rows: false,
        ..ImportOptions::default()
    };
    let import = move |store: &mut duban::store::Store, actor: &duban::store::Actor| {
        Ok(rounds::import_reports(store, actor, &files, &options))
    };
    // A preview runs on a snapshot beside the writes and tells the window
    // nothing; only a real run holds the write and announces the change.
    if dry_run {
        door.rehearse(import).await
    } else {
        door.write(import).await
    }
}

/// A received report's content.
#[tauri::command(rename_all = "snake_case")]
pub async fn round_report(door: Door, report_id: i64) -> CmdResult<ReportContent> {
    door.read(move |store| rounds::report_content(store.conn(), report_id))
        .await
}
