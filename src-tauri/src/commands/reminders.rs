//! 工作台, reminders, 延期申请, 催办, 会签 and 传达学习 (PRODUCT #3, #6, #7,
//! #8, #20): thin commands over `duban::{dashboard, reminders, extensions,
//! chases, countersigns, relay}`. Time comes from the app's clock.

use duban::calendar::Calendar;
use duban::chases::notice::{self, Notice};
use duban::chases::{self, Chase, NewChase};
use duban::countersigns::{self, Countersign, NewCountersign, NewReply};
use duban::dashboard::{self, Dashboard, DashboardFigures};
use duban::extensions::{self, Extension, ExtensionDecision, NewExtension};
use duban::relay::{self, NewRelayReport, RelayPlan, RelayStatus};
use duban::rhythm;
use duban::rhythm::checks::{self, CheckOutcome, CheckRecord};

use tauri::Manager;

use crate::door::Door;
use crate::error::CmdResult;
use crate::first_page::FirstPage;

/// Everything the 工作台 shows, now.
#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard_load(door: Door) -> CmdResult<Dashboard> {
    let now = door.now();
    let app = door.app().clone();
    door.run(move |state| {
        // The answer computed while the window started, if it still holds.
        let first = app.state::<FirstPage>();
        match first.take_dashboard(now.date(), state.writes()) {
            Some(d) => Ok(d),
            None => state.read(|s| dashboard::load(s.conn(), &Calendar::load(s.conn())?, now)),
        }
    })
    .await
}

/// How many reminders stand now and the first `limit` of them (the bell).
#[tauri::command(rename_all = "snake_case")]
pub async fn reminders_head(door: Door, limit: u32) -> CmdResult<rhythm::ReminderHead> {
    let now = door.now();
    door.read(move |s| rhythm::head(s.conn(), &Calendar::load(s.conn())?, now, limit as usize))
        .await
}

/// The latest recorded checks, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn reminder_checks(door: Door) -> CmdResult<Vec<CheckRecord>> {
    door.read(move |s| checks::history(s.conn(), 20)).await
}

/// Runs the check due now, if any (the scheduler does this on its own).
#[tauri::command(rename_all = "snake_case")]
pub async fn reminders_run_due(door: Door) -> CmdResult<Option<CheckOutcome>> {
    door.write(move |s, actor| {
        let cal = Calendar::load(s.conn())?;
        rhythm::run_due_check(s, actor, &cal)
    })
    .await
}

/// The check times (`09:00,14:30`).
#[tauri::command(rename_all = "snake_case")]
pub async fn check_times_get(door: Door) -> CmdResult<String> {
    door.read(move |s| {
        checks::check_times(s.conn()).map(|t| rhythm::schedule::format_check_times(&t))
    })
    .await
}

/// Changes the check times; returns them as stored.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_times_set(door: Door, times: String) -> CmdResult<String> {
    door.write(move |s, actor| {
        checks::set_check_times(s, actor, &times).map(|t| rhythm::schedule::format_check_times(&t))
    })
    .await
}

/// Records an extension request.
#[tauri::command(rename_all = "snake_case")]
pub async fn extension_request(door: Door, input: NewExtension) -> CmdResult<Extension> {
    door.write(move |s, actor| extensions::request(s, actor, &input))
        .await
}

/// Approves (`approve` true) or rejects a pending request, with a comment.
#[tauri::command(rename_all = "snake_case")]
pub async fn extension_decide(
    door: Door,
    id: i64,
    decision: ExtensionDecision,
) -> CmdResult<Extension> {
    door.write(move |s, actor| extensions::decide(s, actor, id, &decision))
        .await
}

/// One item's requests, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn extensions_for_item(door: Door, item_no: String) -> CmdResult<Vec<Extension>> {
    door.read(move |s| extensions::for_item(s.conn(), &item_no))
        .await
}

/// Requests waiting for a decision.
#[tauri::command(rename_all = "snake_case")]
pub async fn extensions_pending(door: Door) -> CmdResult<Vec<Extension>> {
    door.read(move |s| extensions::pending(s.conn())).await
}

/// Records a chase of an item or a document.
#[tauri::command(rename_all = "snake_case")]
pub async fn chase_record(door: Door, input: NewChase) -> CmdResult<Chase> {
    door.write(move |s, actor| chases::record(s, actor, &input))
        .await
}

/// One item's chases, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn chases_for_item(door: Door, item_no: String) -> CmdResult<Vec<Chase>> {
    door.read(move |s| chases::for_item(s.conn(), &item_no))
        .await
}

/// Writes the 催办通知单 (all parties with red/yellow items, or only `parties`) to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn chase_notice_export(
    door: Door,
    path: String,
    parties: Vec<String>,
) -> CmdResult<Vec<Notice>> {
    let today = door.today();
    door.read(move |s| {
        let cal = Calendar::load(s.conn())?;
        notice::export(s.conn(), &cal, today, &parties, std::path::Path::new(&path))
    })
    .await
}

/// Sends a countersign / 征求意见.
#[tauri::command(rename_all = "snake_case")]
pub async fn countersign_send(door: Door, input: NewCountersign) -> CmdResult<Countersign> {
    door.write(move |s, actor| {
        let cal = Calendar::load(s.conn())?;
        countersigns::send(s, actor, &cal, &input)
    })
    .await
}

/// Records a department's reply.
#[tauri::command(rename_all = "snake_case")]
pub async fn countersign_reply(door: Door, input: NewReply) -> CmdResult<Countersign> {
    door.write(move |s, actor| countersigns::reply(s, actor, &input))
        .await
}

/// Countersigns, newest first (`open_only`: those still waiting for a reply).
#[tauri::command(rename_all = "snake_case")]
pub async fn countersigns_list(door: Door, open_only: bool) -> CmdResult<Vec<Countersign>> {
    door.read(move |s| countersigns::list(s.conn(), open_only))
        .await
}

/// Marks a document key and chooses who reports its 传达学习.
#[tauri::command(rename_all = "snake_case")]
pub async fn relay_plan(door: Door, input: RelayPlan) -> CmdResult<RelayStatus> {
    door.write(move |s, actor| {
        let cal = Calendar::load(s.conn())?;
        relay::mark_key(s, actor, &cal, &input)
    })
    .await
}

/// Records one party's 传达学习 report.
#[tauri::command(rename_all = "snake_case")]
pub async fn relay_report(door: Door, input: NewRelayReport) -> CmdResult<RelayStatus> {
    door.write(move |s, actor| relay::record_report(s, actor, &input))
        .await
}

/// A key document's 传达学习, as of today.
#[tauri::command(rename_all = "snake_case")]
pub async fn relay_status(door: Door, doc_no: String) -> CmdResult<RelayStatus> {
    let today = door.today();
    door.read(move |s| relay::status(s.conn(), &doc_no, today))
        .await
}

/// The 工作台's charts: 按期办结率 by lead party for the year, the 12-month
/// trend, rounds waiting for reports, the calendar notice.
#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard_figures(door: Door) -> CmdResult<DashboardFigures> {
    let today = door.today();
    let app = door.app().clone();
    door.run(move |state| {
        let first = app.state::<FirstPage>();
        match first.take_figures(today, state.writes()) {
            Some(f) => Ok(f),
            None => state.read(|s| dashboard::figures(s.conn(), &Calendar::load(s.conn())?, today)),
        }
    })
    .await
}
