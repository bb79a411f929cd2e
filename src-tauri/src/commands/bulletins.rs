//! 通报 (PRODUCT #11; EXCHANGE §3, §8): the published monthly 督办通报, the
//! 专项通报 of a document by phase and the 公文办理质量通报 — publish (and
//! 更正), list, export the Word 通报 and its Excel appendix from the frozen
//! figures; the 交办单 and 督办事项卡; the 发文登记 with its quality events.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use duban::bulletins::handover::{self, HandoverFile};
use duban::calendar::Calendar;
use duban::circulation::Month;
use duban::outgoing::{
    self, NewEvent, NewOutgoing, Outgoing, OutgoingFilter, QualityEvent, QualityPeriod,
};
use duban::publications::{self, PublicationKind, PublicationSummary};
use duban::special::{self, Phase};

use crate::door::Door;
use crate::error::CmdResult;

fn reason_of(reason: Option<String>) -> Option<String> {
    reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
}

/// The published versions of one kind of 通报, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulletins_list(
    door: Door,
    kind: PublicationKind,
) -> CmdResult<Vec<PublicationSummary>> {
    door.read(move |store| {
        let mut list = publications::list(store.conn(), kind)?;
        list.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(b.id.cmp(&a.id)));
        Ok(list)
    })
    .await
}

/// Publishes a month's 督办通报; with a `reason`, its 更正 (the next version).
#[tauri::command(rename_all = "snake_case")]
pub async fn bulletin_publish_monthly(
    door: Door,
    month: String,
    as_of: Option<NaiveDate>,
    reason: Option<String>,
) -> CmdResult<PublicationSummary> {
    door.write(move |store, actor| {
        let m = month.parse::<Month>()?;
        let (row, _) = match reason_of(reason) {
            Some(r) => duban::bulletins::correct_monthly(store, actor, m, as_of, &r)?,
            None => duban::bulletins::publish_monthly(store, actor, m, as_of)?,
        };
        Ok(row.summary)
    })
    .await
}

/// Publishes a 公文办理质量通报 of a month (2026-11) or quarter (2026-Q4); with a `reason`, its 更正.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulletin_publish_quality(
    door: Door,
    period: String,
    as_of: Option<NaiveDate>,
    reason: Option<String>,
) -> CmdResult<PublicationSummary> {
    door.write(move |store, actor| {
        let p = period.parse::<QualityPeriod>()?;
        let reason = reason_of(reason);
        Ok(outgoing::publish_quality(store, actor, &p, as_of, reason.as_deref())?.0)
    })
    .await
}

/// Publishes a 专项通报 of a document for a phase; with a `reason`, its 更正.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulletin_publish_special(
    door: Door,
    doc: String,
    phase: Phase,
    as_of: Option<NaiveDate>,
    reason: Option<String>,
) -> CmdResult<PublicationSummary> {
    door.write(move |store, actor| {
        let reason = reason_of(reason);
        Ok(special::publish_special(store, actor, &doc, phase, as_of, reason.as_deref())?.0)
    })
    .await
}

/// Writes a published 通报 (Word) and its Excel appendix into `dir`, from its
/// stored figures; returns the files.
#[tauri::command(rename_all = "snake_case")]
pub async fn bulletin_export(door: Door, id: i64, dir: String) -> CmdResult<Vec<String>> {
    door.read(move |store| {
        let conn = store.conn();
        let dir = Path::new(&dir);
        let files: Vec<PathBuf> = match publications::get(conn, id)?.summary.kind {
            PublicationKind::MonthlyBulletin => {
                let e = duban::bulletins::export_monthly_issue(conn, id, dir)?;
                vec![e.docx, e.xlsx]
            }
            PublicationKind::QualityBulletin => outgoing::export_quality(conn, id, dir)?,
            PublicationKind::SpecialBulletin => special::export_special(conn, id, dir)?,
            PublicationKind::Assessment => {
                return Err(duban::error::invalid(
                    "绩效考核结果请在“绩效考核”页面导出。",
                ))
            }
        };
        Ok(files.into_iter().map(|f| f.display().to_string()).collect())
    })
    .await
}

/// Writes one 交办单 (Word) per lead department of a split document into `dir`.
#[tauri::command(rename_all = "snake_case")]
pub async fn doc_handover(door: Door, doc_no: String, dir: String) -> CmdResult<Vec<HandoverFile>> {
    let today = door.today();
    door.read(move |store| {
        let cal = Calendar::load(store.conn())?;
        handover::write_handover(store.conn(), &cal, today, &doc_no, Path::new(&dir))
    })
    .await
}

/// Writes the 督办事项卡 (Word) of one item to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_card(door: Door, item_no: String, path: String) -> CmdResult<()> {
    let today = door.today();
    door.read(move |store| {
        let cal = Calendar::load(store.conn())?;
        handover::write_item_card(store.conn(), &cal, today, &item_no, Path::new(&path))
    })
    .await
}

/// 发文登记: the register for a filter.
#[tauri::command(rename_all = "snake_case")]
pub async fn outgoing_list(door: Door, filter: OutgoingFilter) -> CmdResult<Vec<Outgoing>> {
    door.read(move |store| outgoing::list(store.conn(), &filter))
        .await
}

/// Registers an outgoing document.
#[tauri::command(rename_all = "snake_case")]
pub async fn outgoing_add(door: Door, input: NewOutgoing) -> CmdResult<Outgoing> {
    door.write(move |store, actor| outgoing::add(store, actor, &input))
        .await
}

/// Records a quality event (退文 / 退改 with its 关, 会签逾期).
#[tauri::command(rename_all = "snake_case")]
pub async fn outgoing_event(door: Door, input: NewEvent) -> CmdResult<QualityEvent> {
    door.write(move |store, actor| outgoing::record_event(store, actor, &input))
        .await
}

/// The quality events of one outgoing document (recorded and derived) as of today.
#[tauri::command(rename_all = "snake_case")]
pub async fn outgoing_events(door: Door, doc_no: String) -> CmdResult<Vec<QualityEvent>> {
    let today = door.today();
    door.read(move |store| outgoing::events_for(store.conn(), &doc_no, today))
        .await
}
