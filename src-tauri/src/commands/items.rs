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

use crate::door::Door;
use crate::error::CmdResult;

/// A status and its Chinese label.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StatusChoice {
    pub value: Status,
    pub label: String,
}

/// A light and its Chinese label.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LightChoice {
    pub value: Light,
    pub label: String,
}

/// The vocabularies of the ledger's filters.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LedgerOptions {
    pub statuses: Vec<StatusChoice>,
    pub lights: Vec<LightChoice>,
    pub source_categories: Vec<String>,
    /// 黄灯: due within this many working days.
    pub yellow_days: u32,
}

/// The ledger's filter vocabularies.
#[tauri::command(rename_all = "snake_case")]
pub async fn ledger_options(door: Door) -> CmdResult<LedgerOptions> {
    let yellow_days = door
        .read(move |store| items::yellow_days(store.conn()))
        .await?;
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
#[tauri::command(rename_all = "snake_case")]
pub async fn ledger_query(door: Door, filter: LedgerFilter) -> CmdResult<LedgerPage> {
    let today = door.today();
    door.read(move |store| {
        let cal = Calendar::load(store.conn())?;
        items::query_ledger(store.conn(), &cal, today, &filter)
    })
    .await
}

/// One item in full, with its light on today's date and its timeline.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_get(door: Door, item_no: String) -> CmdResult<ItemDetail> {
    let today = door.today();
    door.read(move |store| {
        let cal = Calendar::load(store.conn())?;
        items::get_item(store.conn(), &cal, today, &item_no)
    })
    .await
}

/// 任务分解: creates several items in one transaction (all or none), one
/// audit entry each. A refused item is named by its place in the form (第N项).
#[tauri::command(rename_all = "snake_case")]
pub async fn items_create(door: Door, items: Vec<NewItem>) -> CmdResult<Vec<ItemRef>> {
    door.write(move |store, actor| items::create_items(store, actor, &items))
        .await
}

/// Records a progress entry.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_add_progress(door: Door, item_no: String, input: NewProgress) -> CmdResult<i64> {
    door.write(move |store, actor| items::add_progress(store, actor, &item_no, &input))
        .await
}

/// Records a completion report (the item waits for 销号).
#[tauri::command(rename_all = "snake_case")]
pub async fn item_report_completion(
    door: Door,
    item_no: String,
    input: NewCompletion,
) -> CmdResult<i64> {
    door.write(move |store, actor| items::report_completion(store, actor, &item_no, &input))
        .await
}

/// 销号: accepts the pending completion report.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_accept(
    door: Door,
    item_no: String,
    done_on: Option<NaiveDate>,
    note: String,
) -> CmdResult<()> {
    door.write(move |store, actor| items::accept_completion(store, actor, &item_no, done_on, &note))
        .await
}

/// 退回: sends the pending completion report back with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_return(door: Door, item_no: String, reason: String) -> CmdResult<()> {
    door.write(move |store, actor| items::return_completion(store, actor, &item_no, &reason))
        .await
}

/// 撤销 with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_withdraw(door: Door, item_no: String, reason: String) -> CmdResult<()> {
    door.write(move |store, actor| items::withdraw(store, actor, &item_no, &reason))
        .await
}

/// 重新打开 with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_reopen(door: Door, item_no: String, reason: String) -> CmdResult<()> {
    door.write(move |store, actor| items::reopen(store, actor, &item_no, &reason))
        .await
}

/// Adds a milestone (时间表/路线图).
#[tauri::command(rename_all = "snake_case")]
pub async fn item_add_milestone(
    door: Door,
    item_no: String,
    input: NewMilestone,
) -> CmdResult<i64> {
    door.write(move |store, actor| items::add_milestone(store, actor, &item_no, &input))
        .await
}

/// Marks a milestone done.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_complete_milestone(
    door: Door,
    milestone_id: i64,
    done_on: NaiveDate,
) -> CmdResult<()> {
    door.write(move |store, actor| items::complete_milestone(store, actor, milestone_id, done_on))
        .await
}

/// 批量催办: the same chase on every selected item, in one transaction
/// (all or none, one audit entry each); the chases' ids.
#[tauri::command(rename_all = "snake_case")]
pub async fn chase_batch(
    door: Door,
    item_nos: Vec<String>,
    input: duban::chases::BatchChase,
) -> CmdResult<Vec<i64>> {
    door.write(move |store, actor| duban::chases::record_batch(store, actor, &item_nos, &input))
        .await
}

/// 示例数据: loads the demo documents and items (once).
#[tauri::command(rename_all = "snake_case")]
pub async fn demo_load(door: Door) -> CmdResult<DemoSummary> {
    door.write(demo::load).await
}
