//! 绩效考核 (PRODUCT #14, EXCHANGE §6): a period's scores as computed now and,
//! once published, as frozen; publishing (and 更正); the versions; the workbook.

use std::path::Path;

use chrono::NaiveDate;
use duban::assessment::{self, AssessPeriod, Assessment, Scheme, SchemeChange};
use duban::imports::{FileReport, ImportOptions};
use duban::publications::{self, PublicationKind, PublicationSummary};
use serde::Serialize;

use crate::door::Door;
use crate::error::CmdResult;

/// A published version of a period, with its frozen figures.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PublishedAssessment {
    /// Which version, by whom, when.
    pub publication: PublicationSummary,
    /// The figures as published.
    pub figures: Assessment,
}

/// What the 绩效考核 page shows for a period.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AssessmentView {
    /// The scores from today's data.
    pub live: Assessment,
    /// The current published version, if the period was published.
    pub published: Option<PublishedAssessment>,
}

fn period(text: &str) -> duban::Result<AssessPeriod> {
    text.parse::<AssessPeriod>()
}

/// The period's scores now, and as published (if it was).
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_view(
    door: Door,
    period: String,
    as_of: Option<NaiveDate>,
) -> CmdResult<AssessmentView> {
    let today = door.today();
    door.read(move |store| {
        let p = self::period(&period)?;
        let live = assessment::assess(store.conn(), &p, Some(p.as_of_seen_on(as_of, today)))?;
        let published =
            assessment::published_assessment(store.conn(), &p)?.map(|(publication, figures)| {
                PublishedAssessment {
                    publication,
                    figures,
                }
            });
        Ok(AssessmentView { live, published })
    })
    .await
}

/// Publishes (freezes) the period; a second publication needs a 更正 `reason`.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_publish(
    door: Door,
    period: String,
    as_of: Option<NaiveDate>,
    reason: Option<String>,
) -> CmdResult<PublicationSummary> {
    door.write(move |store, actor| {
        let p = self::period(&period)?;
        let reason = reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        Ok(assessment::publish_assessment(store, actor, &p, as_of, reason)?.0)
    })
    .await
}

/// Every published version of the period, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_versions(door: Door, period: String) -> CmdResult<Vec<PublicationSummary>> {
    door.read(move |store| {
        let p = self::period(&period)?;
        publications::versions(store.conn(), PublicationKind::Assessment, &p.to_string())
    })
    .await
}

/// Writes the period's workbook (the published figures when published).
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_export(door: Door, period: String, path: String) -> CmdResult<()> {
    let today = door.today();
    door.read(move |store| {
        let p = self::period(&period)?;
        assessment::export_assessment(store.conn(), &p, None, today, Path::new(&path)).map(|_| ())
    })
    .await
}

/// One party's 综合评价 for a period, as the page lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ManualEntry {
    /// The party's name.
    pub party: String,
    /// 部门 (department) or 单位 (unit).
    pub kind: duban::org::PartyKind,
    /// The score, when one was entered.
    pub score: Option<f64>,
    /// 备注.
    pub note: String,
}

/// Every active party with its 综合评价 for the period (None when not entered).
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_manual(door: Door, period: String) -> CmdResult<Vec<ManualEntry>> {
    door.read(move |store| {
        let p = self::period(&period)?;
        let scores = assessment::manual_scores(store.conn(), &p)?;
        let org = duban::org::list(store.conn())?;
        Ok(org
            .parties
            .into_iter()
            .filter(|x| x.active || scores.contains_key(&x.id))
            .map(|x| {
                let s = scores.get(&x.id);
                ManualEntry {
                    party: x.name,
                    kind: x.kind,
                    score: s.map(|s| s.score),
                    note: s.map(|s| s.note.clone()).unwrap_or_default(),
                }
            })
            .collect())
    })
    .await
}

/// Types in one party's 综合评价 (0–100) for a period.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_set_manual(
    door: Door,
    period: String,
    party: String,
    score: f64,
    note: String,
) -> CmdResult<()> {
    door.write(move |store, actor| {
        let p = self::period(&period)?;
        assessment::set_manual(store, actor, &p, &party, score, &note)
    })
    .await
}

/// Imports 综合评价 sheets (party, score, note) for a period; a dry run writes nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_import_manual(
    door: Door,
    period: String,
    files: Vec<String>,
    dry_run: bool,
) -> CmdResult<Vec<FileReport>> {
    let run = move |store: &mut duban::store::Store, actor: &duban::store::Actor| {
        let p = self::period(&period)?;
        let options = ImportOptions {
            dry_run,
            // The window shows the counts and the first problems, not the rows.
            with_rows: false,
            ..ImportOptions::default()
        };
        let batch = assessment::import_manual(store, actor, &p, &files, &options);
        Ok(batch.files)
    };
    if dry_run {
        door.rehearse(run).await
    } else {
        door.write(run).await
    }
}

/// Every scheme (the shipped 默认方案 first).
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_schemes(door: Door) -> CmdResult<Vec<Scheme>> {
    door.read(move |store| assessment::list_schemes(store.conn()))
        .await
}

/// The scheme a period is scored with.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_scheme_for(door: Door, period: String) -> CmdResult<Scheme> {
    door.read(move |store| assessment::scheme_for(store.conn(), &self::period(&period)?))
        .await
}

/// Copies a scheme under a new name (to change its weights and factors).
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_copy_scheme(door: Door, from: String, name: String) -> CmdResult<Scheme> {
    door.write(move |store, actor| assessment::copy_scheme(store, actor, &from, &name))
        .await
}

/// Changes a copied scheme's weights and factors.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_update_scheme(
    door: Door,
    name: String,
    change: SchemeChange,
) -> CmdResult<Scheme> {
    door.write(move |store, actor| assessment::update_scheme(store, actor, &name, &change))
        .await
}

/// Chooses the scheme a period is scored with.
#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_choose_scheme(
    door: Door,
    period: String,
    name: String,
) -> CmdResult<Scheme> {
    door.write(move |store, actor| {
        assessment::choose_scheme(store, actor, &self::period(&period)?, &name)
    })
    .await
}
