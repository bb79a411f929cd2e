//! 督查 and 整改 (PRODUCT #12, #13, #16; EXCHANGE §5): the roster, the
//! inspections with their stages, problems, the 整改台账 with its three
//! checks, 销号 and reopening, 回头看 / 再督查, and the units' templates.

use std::path::Path;

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::inspections::chase::NewRectChase;
use duban::inspections::findings::{self, FindingCreated, NewFinding, Spread};
use duban::inspections::followups::{self, Followup, FollowupOutcome, NewFollowup};
use duban::inspections::inspection::{
    self, InspectionDetail, InspectionRow, NewInspection, StageUpdate,
};
use duban::inspections::queries::{self, LightRule, RectDetail, RectFilter, RectRow};
use duban::inspections::rectify::{self, Check, NewRectProgress};
use duban::org::people::{self, NewPerson, Person, PersonRole};
use duban::store::Store;

use crate::door::Door;
use crate::error::CmdResult;

use super::imports::WrittenFile;

/// Runs `f` with the light rule of `today` (the calendar and yellow window).
fn with_rule<T>(
    store: &Store,
    today: NaiveDate,
    f: impl FnOnce(&LightRule<'_>) -> duban::Result<T>,
) -> duban::Result<T> {
    let cal = Calendar::load(store.conn())?;
    let rule = LightRule {
        cal: &cal,
        today,
        yellow_days: duban::items::yellow_days(store.conn())?,
    };
    f(&rule)
}

/// Writes a file with `write` (given the store, today and the path) on a
/// reader; returns the file and how many rows or items it holds.
async fn written(
    door: Door,
    path: String,
    write: impl FnOnce(&Store, NaiveDate, &Path) -> duban::Result<usize> + Send + 'static,
) -> CmdResult<WrittenFile> {
    let today = door.today();
    door.read(move |store| {
        let n = write(store, today, Path::new(&path))?;
        Ok(WrittenFile {
            file: path.clone(),
            items: n as u32,
        })
    })
    .await
}

/// The roster: 经办人 and/or 督查专员 (all when `role` is None).
#[tauri::command(rename_all = "snake_case")]
pub async fn people_list(door: Door, role: Option<PersonRole>) -> CmdResult<Vec<Person>> {
    door.read(move |store| people::list_people(store.conn(), role))
        .await
}

/// Adds a person, or updates the one of that name in that organisation.
#[tauri::command(rename_all = "snake_case")]
pub async fn person_save(door: Door, input: NewPerson) -> CmdResult<Person> {
    door.write(move |store, actor| people::save_person(store, actor, &input))
        .await
}

/// Activates or deactivates (停用) a person.
#[tauri::command(rename_all = "snake_case")]
pub async fn person_set_active(door: Door, id: i64, active: bool) -> CmdResult<Person> {
    door.write(move |store, actor| people::set_person_active(store, actor, id, active))
        .await
}

/// Every inspection, newest first, with its current stage and open problems.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspections_list(door: Door) -> CmdResult<Vec<InspectionRow>> {
    door.read(move |store| inspection::list(store.conn())).await
}

/// One inspection with its team, stage timeline and counts.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspection_get(door: Door, key: String) -> CmdResult<InspectionDetail> {
    door.read(move |store| {
        let id = inspection::find(store.conn(), &key)?;
        inspection::detail(store.conn(), id)
    })
    .await
}

/// Creates an inspection (督查〔YYYY〕N号).
#[tauri::command(rename_all = "snake_case")]
pub async fn inspection_create(door: Door, input: NewInspection) -> CmdResult<InspectionDetail> {
    door.write(move |store, actor| inspection::create(store, actor, &input))
        .await
}

/// Plans a stage and/or marks it done, with a note and documents.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspection_stage(door: Door, input: StageUpdate) -> CmdResult<InspectionDetail> {
    door.write(move |store, actor| inspection::update_stage(store, actor, &input))
        .await
}

/// Records a problem and its 整改事项.
#[tauri::command(rename_all = "snake_case")]
pub async fn finding_record(door: Door, input: NewFinding) -> CmdResult<FindingCreated> {
    door.write(move |store, actor| findings::record(store, actor, &input))
        .await
}

/// Sends a 普遍性问题 to units as 防范整改 items; returns the new numbers.
#[tauri::command(rename_all = "snake_case")]
pub async fn finding_spread(door: Door, input: Spread) -> CmdResult<Vec<String>> {
    door.write(move |store, actor| findings::spread(store, actor, &input))
        .await
}

/// The 整改台账 for a filter, lights as of today.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectifications_list(door: Door, filter: RectFilter) -> CmdResult<Vec<RectRow>> {
    let today = door.today();
    door.read(move |store| {
        with_rule(store, today, |rule| {
            queries::list(store.conn(), rule, &filter)
        })
    })
    .await
}

/// One 整改事项 with its progress, evidence, missing checks and follow-ups.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_get(door: Door, rect_no: String) -> CmdResult<RectDetail> {
    let today = door.today();
    door.read(move |store| {
        with_rule(store, today, |rule| {
            queries::detail(store.conn(), rule, &rect_no)
        })
    })
    .await
}

/// Records progress on an open 整改事项.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_progress(door: Door, input: NewRectProgress) -> CmdResult<()> {
    door.write(move |store, actor| rectify::add_progress(store, actor, &input))
        .await
}

/// Ticks one check of 三不放过 with its evidence.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_tick(door: Door, rect_no: String, check: Check) -> CmdResult<()> {
    door.write(move |store, actor| rectify::tick(store, actor, &rect_no, &check))
        .await
}

/// 销号: refused, naming them, while a check is missing.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_close(
    door: Door,
    rect_no: String,
    closed_on: Option<NaiveDate>,
) -> CmdResult<()> {
    let today = door.today();
    door.write(move |store, actor| {
        rectify::close(store, actor, &rect_no, closed_on.unwrap_or(today))
    })
    .await
}

/// Reopens a closed 整改事项 with a reason (and a new deadline).
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_reopen(
    door: Door,
    rect_no: String,
    reason: String,
    new_deadline: Option<NaiveDate>,
) -> CmdResult<()> {
    door.write(move |store, actor| rectify::reopen(store, actor, &rect_no, &reason, new_deadline))
        .await
}

/// Writes one unit's 整改情况反馈表 (its open items) to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_template(
    door: Door,
    party: String,
    path: String,
) -> CmdResult<WrittenFile> {
    written(door, path, move |store, today, p| {
        duban::imports::rectification_template::write_rectification_template(
            store.conn(),
            &party,
            today,
            p,
        )
    })
    .await
}

/// 回头看 / 再督查: every follow-up (open ones only when asked).
#[tauri::command(rename_all = "snake_case")]
pub async fn followups_list(door: Door, open_only: bool) -> CmdResult<Vec<Followup>> {
    door.read(move |store| followups::list(store.conn(), open_only))
        .await
}

/// Plans a follow-up of a closed item or a whole inspection.
#[tauri::command(rename_all = "snake_case")]
pub async fn followup_plan(door: Door, input: NewFollowup) -> CmdResult<Followup> {
    door.write(move |store, actor| followups::plan(store, actor, &input))
        .await
}

/// Records a follow-up's result; returns a new item's number (问题反弹).
#[tauri::command(rename_all = "snake_case")]
pub async fn followup_record(door: Door, input: FollowupOutcome) -> CmdResult<Option<String>> {
    door.write(move |store, actor| followups::record_result(store, actor, &input))
        .await
}

/// Writes the 督查问题整改台账 for a filter to `path` (lights as of today).
#[tauri::command(rename_all = "snake_case")]
pub async fn rectifications_export(
    door: Door,
    filter: RectFilter,
    path: String,
) -> CmdResult<WrittenFile> {
    written(door, path, move |store, today, p| {
        let cal = Calendar::load(store.conn())?;
        duban::exports::rectifications::export_rectification_ledger(
            store.conn(),
            &cal,
            today,
            &filter,
            p,
        )
    })
    .await
}

/// Records a 催办 of an open 整改事项; returns its id.
#[tauri::command(rename_all = "snake_case")]
pub async fn rectification_chase(door: Door, input: NewRectChase) -> CmdResult<i64> {
    door.write(move |store, actor| duban::inspections::chase::chase(store, actor, &input))
        .await
}

/// Writes an inspection's 督查情况汇总 (per unit: found, rectified, open, overdue) to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn inspection_summary_export(
    door: Door,
    key: String,
    path: String,
) -> CmdResult<WrittenFile> {
    written(door, path, move |store, today, p| {
        duban::exports::rectifications::export_inspection_summary(store.conn(), &key, today, p)
    })
    .await
}

/// Writes the roster (sheet 督查专员, the import's columns) to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn people_export(door: Door, path: String) -> CmdResult<WrittenFile> {
    written(door, path, move |store, _, p| {
        let list = people::list_people(store.conn(), None)?;
        duban::imports::roster::roster_book(&list)?.save(p)?;
        Ok(list.len())
    })
    .await
}
