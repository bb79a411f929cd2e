//! 舆情 (PRODUCT #15, EXCHANGE §2.6, §7) and the 约谈/问责 records (#14): the
//! month's figures, the incidents, the 12-month trend, the workbook; record
//! and list 约谈/问责.

use std::path::Path;

use duban::accountability::{self, AccountabilityFilter, AccountabilityRecord, NewAccountability};
use duban::circulation::Month;
use duban::opinion::{
    self, Incident, IncidentFilter, Level, Limits, NewIncident, UnitStats, UnitTrend,
};

use crate::door::Door;
use crate::error::CmdResult;

/// The month's figures per unit, ranked, with flags (§7).
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_stats(door: Door, month: String) -> CmdResult<Vec<UnitStats>> {
    door.read(move |store| opinion::stats(store.conn(), month.parse::<Month>()?))
        .await
}

/// The incidents matching a filter (a month, a unit, the open ones).
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_list(door: Door, filter: IncidentFilter) -> CmdResult<Vec<Incident>> {
    door.read(move |store| opinion::list(store.conn(), &filter))
        .await
}

/// Each unit's 舆情数 and 负面数 over the `months` months ending with `month`.
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_trend(door: Door, month: String, months: u32) -> CmdResult<Vec<UnitTrend>> {
    door.read(move |store| opinion::trend(store.conn(), month.parse::<Month>()?, months))
        .await
}

/// Writes the month's 舆情 workbook to `path`; returns the figures written.
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_export(door: Door, month: String, path: String) -> CmdResult<Vec<UnitStats>> {
    door.read(move |store| {
        opinion::export_opinion(store.conn(), month.parse::<Month>()?, Path::new(&path))
    })
    .await
}

/// Records a 约谈/问责 (on the timeline of the items it concerns).
#[tauri::command(rename_all = "snake_case")]
pub async fn accountability_record(
    door: Door,
    input: NewAccountability,
) -> CmdResult<AccountabilityRecord> {
    door.write(move |store, actor| accountability::record(store, actor, &input))
        .await
}

/// The 约谈/问责 records matching a filter, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn accountability_list(
    door: Door,
    filter: AccountabilityFilter,
) -> CmdResult<Vec<AccountabilityRecord>> {
    door.read(move |store| accountability::list(store.conn(), &filter))
        .await
}

/// Records an incident: as the unit reported it, or (`by_office`) one the
/// unit never reported (漏报).
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_create(
    door: Door,
    input: NewIncident,
    by_office: bool,
) -> CmdResult<Incident> {
    door.write(move |store, actor| opinion::create(store, actor, &input, by_office))
        .await
}

/// Corrects an incident (same unit).
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_update(door: Door, id: i64, input: NewIncident) -> CmdResult<Incident> {
    door.write(move |store, actor| opinion::update(store, actor, id, &input))
        .await
}

/// Marks an incident 瞒报 (or lifts the mark), with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_mark_concealed(
    door: Door,
    id: i64,
    concealed: bool,
    reason: String,
) -> CmdResult<Incident> {
    door.write(move |store, actor| opinion::mark_concealed(store, actor, id, concealed, &reason))
        .await
}

/// The reporting limit of each level (minutes).
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_limits(door: Door) -> CmdResult<Limits> {
    door.read(move |store| opinion::limits(store.conn())).await
}

/// Sets one level's reporting limit (minutes), audited.
#[tauri::command(rename_all = "snake_case")]
pub async fn opinion_set_limit(door: Door, level: Level, minutes: u32) -> CmdResult<Limits> {
    door.write(move |store, actor| opinion::set_limit(store, actor, level, minutes))
        .await
}
