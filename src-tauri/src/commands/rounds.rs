//! 报送任务 (PRODUCT #10): rounds, their templates, importing returned
//! reports (preview, then apply) and each unit's 按时/迟报/漏报/未到期.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::imports::ImportOptions;
use duban::rounds::{
    self, NewRound, ProposedRound, ReportContent, ReportOutcome, Round, RoundDetail, TemplateFile,
};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Every round with its counts as of today.
#[tauri::command]
pub fn rounds_list(state: State<'_, AppState>) -> CmdResult<Vec<Round>> {
    let today = state.clock.today();
    state.read(|store| rounds::list_rounds(store.conn(), today))
}

/// One round: each target unit's status today, and who to chase.
#[tauri::command]
pub fn round_detail(state: State<'_, AppState>, id: i64) -> CmdResult<RoundDetail> {
    let today = state.clock.today();
    state.read(|store| rounds::round_detail(store.conn(), id, today))
}

/// Creates a round.
#[tauri::command]
pub fn round_create(state: State<'_, AppState>, input: NewRound) -> CmdResult<Round> {
    state.write(|store, actor| rounds::create_round(store, actor, &input))
}

/// The seed's two rounds for a registered policy document.
#[tauri::command]
pub fn round_propose(
    state: State<'_, AppState>,
    document_id: i64,
    issued_on: Option<NaiveDate>,
) -> CmdResult<Vec<ProposedRound>> {
    state.read(|store| {
        let cal = Calendar::load(store.conn())?;
        rounds::propose_for_document(store.conn(), &cal, document_id, issued_on)
    })
}

/// Writes one template per target unit into `dir`.
#[tauri::command]
pub fn round_templates(
    state: State<'_, AppState>,
    id: i64,
    dir: String,
) -> CmdResult<Vec<TemplateFile>> {
    let today = state.clock.today();
    state.read(|store| rounds::write_templates(store.conn(), id, Path::new(&dir), today))
}

/// Imports returned reports (`dry_run`: preview, nothing written); `round_id`
/// assigns files whose round cannot be read from them.
#[tauri::command]
pub fn round_import(
    state: State<'_, AppState>,
    files: Vec<String>,
    round_id: Option<i64>,
    dry_run: bool,
) -> CmdResult<Vec<ReportOutcome>> {
    let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    let options = ImportOptions {
        dry_run,
        round: round_id,
        with_rows: true,
        ..ImportOptions::default()
    };
    state.write(|store, actor| Ok(rounds::import_reports(store, actor, &files, &options)))
}

/// A received report's content.
#[tauri::command]
pub fn round_report(state: State<'_, AppState>, report_id: i64) -> CmdResult<ReportContent> {
    state.read(|store| rounds::report_content(store.conn(), report_id))
}
