//! 绩效考核 (PRODUCT #14, EXCHANGE §6): a period's scores as computed now and,
//! once published, as frozen; publishing (and 更正); the versions; the workbook.

use std::path::Path;

use chrono::NaiveDate;
use duban::assessment::{self, AssessPeriod, Assessment};
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
    door.read(move |store| {
        let p = self::period(&period)?;
        let live = assessment::assess(store.conn(), &p, as_of)?;
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
    door.read(move |store| {
        let p = self::period(&period)?;
        assessment::export_assessment(store.conn(), &p, None, Path::new(&path)).map(|_| ())
    })
    .await
}
