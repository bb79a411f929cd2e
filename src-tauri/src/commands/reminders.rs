//! 工作台, reminders, 延期申请, 催办, 会签 and 传达学习 (PRODUCT #3, #6, #7,
//! #8, #20): thin commands over `duban::{dashboard, reminders, rhythm, extensions,
//! chases, countersigns, relay}`. Time comes from the app's clock.

use duban::calendar::Calendar;
use duban::chases::notice::{self, Notice};
use duban::chases::{self, Chase, NewChase};
use duban::countersigns::{self, Countersign, NewCountersign, NewReply};
use duban::dashboard::{self, Dashboard};
use duban::extensions::{self, Extension, ExtensionDecision, NewExtension};
use duban::relay::{self, NewRelayReport, RelayPlan, RelayStatus};
use duban::reminders::Reminder;
use duban::rhythm;
use duban::rhythm::checks::{self, CheckOutcome, CheckRecord};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Everything the 工作台 shows, now.
#[tauri::command]
pub fn dashboard_load(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    let now = state.clock.now();
    state.read(|s| dashboard::load(s.conn(), &Calendar::load(s.conn())?, now))
}

/// Every reminder standing now (the bell and the reminder centre).
#[tauri::command]
pub fn reminders_list(state: State<'_, AppState>) -> CmdResult<Vec<Reminder>> {
    let now = state.clock.now();
    state.read(|s| rhythm::scan(s.conn(), &Calendar::load(s.conn())?, now))
}

/// The latest recorded checks, newest first.
#[tauri::command]
pub fn reminder_checks(state: State<'_, AppState>) -> CmdResult<Vec<CheckRecord>> {
    state.read(|s| checks::history(s.conn(), 20))
}

/// Runs the check due now, if any (the scheduler does this on its own).
#[tauri::command]
pub fn reminders_run_due(state: State<'_, AppState>) -> CmdResult<Option<CheckOutcome>> {
    state.write(|s, actor| {
        let cal = Calendar::load(s.conn())?;
        rhythm::run_due_check(s, actor, &cal)
    })
}

/// The check times (`09:00,14:30`).
#[tauri::command]
pub fn check_times_get(state: State<'_, AppState>) -> CmdResult<String> {
    state.read(|s| checks::check_times(s.conn()).map(|t| rhythm::schedule::format_check_times(&t)))
}

/// Changes the check times; returns them as stored.
#[tauri::command]
pub fn check_times_set(state: State<'_, AppState>, times: String) -> CmdResult<String> {
    state.write(|s, actor| {
        checks::set_check_times(s, actor, &times).map(|t| rhythm::schedule::format_check_times(&t))
    })
}

/// Records an extension request.
#[tauri::command]
pub fn extension_request(state: State<'_, AppState>, input: NewExtension) -> CmdResult<Extension> {
    state.write(|s, actor| extensions::request(s, actor, &input))
}

/// Approves (`approve` true) or rejects a pending request, with a comment.
#[tauri::command]
pub fn extension_decide(
    state: State<'_, AppState>,
    id: i64,
    decision: ExtensionDecision,
) -> CmdResult<Extension> {
    state.write(|s, actor| extensions::decide(s, actor, id, &decision))
}

/// One item's requests, oldest first.
#[tauri::command]
pub fn extensions_for_item(
    state: State<'_, AppState>,
    item_no: String,
) -> CmdResult<Vec<Extension>> {
    state.read(|s| extensions::for_item(s.conn(), &item_no))
}

/// Requests waiting for a decision.
#[tauri::command]
pub fn extensions_pending(state: State<'_, AppState>) -> CmdResult<Vec<Extension>> {
    state.read(|s| extensions::pending(s.conn()))
}

/// Records a chase of an item or a document.
#[tauri::command]
pub fn chase_record(state: State<'_, AppState>, input: NewChase) -> CmdResult<Chase> {
    state.write(|s, actor| chases::record(s, actor, &input))
}

/// One item's chases, oldest first.
#[tauri::command]
pub fn chases_for_item(state: State<'_, AppState>, item_no: String) -> CmdResult<Vec<Chase>> {
    state.read(|s| chases::for_item(s.conn(), &item_no))
}

/// Writes the 催办通知单 (all parties with red/yellow items, or only `parties`) to `path`.
#[tauri::command]
pub fn chase_notice_export(
    state: State<'_, AppState>,
    path: String,
    parties: Vec<String>,
) -> CmdResult<Vec<Notice>> {
    let today = state.clock.today();
    state.read(|s| {
        let cal = Calendar::load(s.conn())?;
        notice::export(s.conn(), &cal, today, &parties, std::path::Path::new(&path))
    })
}

/// Sends a countersign / 征求意见.
#[tauri::command]
pub fn countersign_send(
    state: State<'_, AppState>,
    input: NewCountersign,
) -> CmdResult<Countersign> {
    state.write(|s, actor| {
        let cal = Calendar::load(s.conn())?;
        countersigns::send(s, actor, &cal, &input)
    })
}

/// Records a department's reply.
#[tauri::command]
pub fn countersign_reply(state: State<'_, AppState>, input: NewReply) -> CmdResult<Countersign> {
    state.write(|s, actor| countersigns::reply(s, actor, &input))
}

/// Countersigns, newest first (`open_only`: those still waiting for a reply).
#[tauri::command]
pub fn countersigns_list(
    state: State<'_, AppState>,
    open_only: bool,
) -> CmdResult<Vec<Countersign>> {
    state.read(|s| countersigns::list(s.conn(), open_only))
}

/// Marks a document key and chooses who reports its 传达学习.
#[tauri::command]
pub fn relay_plan(state: State<'_, AppState>, input: RelayPlan) -> CmdResult<RelayStatus> {
    state.write(|s, actor| {
        let cal = Calendar::load(s.conn())?;
        relay::mark_key(s, actor, &cal, &input)
    })
}

/// Records one party's 传达学习 report.
#[tauri::command]
pub fn relay_report(state: State<'_, AppState>, input: NewRelayReport) -> CmdResult<RelayStatus> {
    state.write(|s, actor| relay::record_report(s, actor, &input))
}

/// A key document's 传达学习, as of today.
#[tauri::command]
pub fn relay_status(state: State<'_, AppState>, doc_no: String) -> CmdResult<RelayStatus> {
    let today = state.clock.today();
    state.read(|s| relay::status(s.conn(), &doc_no, today))
}
