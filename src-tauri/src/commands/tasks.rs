//! 督办事项 and the 督办台账 (PRODUCT #4, #5, #6, #9): splitting, the ledger
//! query, an item's detail and its lifecycle actions, plus 示例数据.

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::demo::{self, DemoSummary};
use duban::items::{
    self, ItemDetail, ItemRef, LedgerFilter, LedgerPage, Light, NewCompletion, NewItem,
    NewMilestone, NewProgress, Status,
};
use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// A status and its Chinese label.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StatusChoice {
    pub value: Status,
    pub label: String,
}

/// A light and its Chinese label.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LightChoice {
    pub value: Light,
    pub label: String,
}

/// The vocabularies of the ledger's filters.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LedgerOptions {
    pub statuses: Vec<StatusChoice>,
    pub lights: Vec<LightChoice>,
    pub source_categories: Vec<String>,
    /// 黄灯: due within this many working days.
    pub yellow_days: u32,
}

/// The ledger's filter vocabularies.
#[tauri::command]
pub fn ledger_options(state: State<'_, AppState>) -> CmdResult<LedgerOptions> {
    let yellow_days = state.read(|store| items::yellow_days(store.conn()))?;
    let mut source_categories: Vec<String> = duban::documents::SOURCE_CATEGORIES
        .iter()
        .map(|s| s.to_string())
        .collect();
    source_categories.extend(
        duban::documents::SUPERVISION_SOURCES
            .iter()
            .map(|s| s.to_string()),
    );
    Ok(LedgerOptions {
        statuses: Status::ALL
            .iter()
            .map(|s| StatusChoice {
                value: *s,
                label: s.label().into(),
            })
            .collect(),
        lights: [Light::Red, Light::Yellow, Light::Green]
            .iter()
            .map(|l| LightChoice {
                value: *l,
                label: l.label().into(),
            })
            .collect(),
        source_categories,
        yellow_days,
    })
}

/// One page of the ledger on today's date.
#[tauri::command]
pub fn ledger_query(state: State<'_, AppState>, filter: LedgerFilter) -> CmdResult<LedgerPage> {
    let today = state.clock.today();
    state.read(|store| {
        let cal = Calendar::load(store.conn())?;
        items::query_ledger(store.conn(), &cal, today, &filter)
    })
}

/// One item in full, with its light on today's date and its timeline.
#[tauri::command]
pub fn item_get(state: State<'_, AppState>, item_no: String) -> CmdResult<ItemDetail> {
    let today = state.clock.today();
    state.read(|store| {
        let cal = Calendar::load(store.conn())?;
        items::get_item(store.conn(), &cal, today, &item_no)
    })
}

/// 任务分解: creates several items in one transaction (all or none), one
/// audit entry each. A refused item is named by its place in the form (第N项).
#[tauri::command]
pub fn items_create(state: State<'_, AppState>, items: Vec<NewItem>) -> CmdResult<Vec<ItemRef>> {
    state.write(|store, actor| items::create_items(store, actor, &items))
}

/// Records a progress entry.
#[tauri::command]
pub fn item_add_progress(
    state: State<'_, AppState>,
    item_no: String,
    input: NewProgress,
) -> CmdResult<i64> {
    state.write(|store, actor| items::add_progress(store, actor, &item_no, &input))
}

/// Records a completion report (the item waits for 销号).
#[tauri::command]
pub fn item_report_completion(
    state: State<'_, AppState>,
    item_no: String,
    input: NewCompletion,
) -> CmdResult<i64> {
    state.write(|store, actor| items::report_completion(store, actor, &item_no, &input))
}

/// 销号: accepts the pending completion report.
#[tauri::command]
pub fn item_accept(
    state: State<'_, AppState>,
    item_no: String,
    done_on: Option<NaiveDate>,
    note: String,
) -> CmdResult<()> {
    state.write(|store, actor| items::accept_completion(store, actor, &item_no, done_on, &note))
}

/// 退回: sends the pending completion report back with a reason.
#[tauri::command]
pub fn item_return(state: State<'_, AppState>, item_no: String, reason: String) -> CmdResult<()> {
    state.write(|store, actor| items::return_completion(store, actor, &item_no, &reason))
}

/// 撤销 with a reason.
#[tauri::command]
pub fn item_withdraw(state: State<'_, AppState>, item_no: String, reason: String) -> CmdResult<()> {
    state.write(|store, actor| items::withdraw(store, actor, &item_no, &reason))
}

/// 重新打开 with a reason.
#[tauri::command]
pub fn item_reopen(state: State<'_, AppState>, item_no: String, reason: String) -> CmdResult<()> {
    state.write(|store, actor| items::reopen(store, actor, &item_no, &reason))
}

/// Adds a milestone (时间表/路线图).
#[tauri::command]
pub fn item_add_milestone(
    state: State<'_, AppState>,
    item_no: String,
    input: NewMilestone,
) -> CmdResult<i64> {
    state.write(|store, actor| items::add_milestone(store, actor, &item_no, &input))
}

/// Marks a milestone done.
#[tauri::command]
pub fn item_complete_milestone(
    state: State<'_, AppState>,
    milestone_id: i64,
    done_on: NaiveDate,
) -> CmdResult<()> {
    state.write(|store, actor| items::complete_milestone(store, actor, milestone_id, done_on))
}

/// 示例数据: loads the demo documents and items (once).
#[tauri::command]
pub fn demo_load(state: State<'_, AppState>) -> CmdResult<DemoSummary> {
    state.write(demo::load)
}
