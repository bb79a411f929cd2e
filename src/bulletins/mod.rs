//! 月度督办通报, published (PRODUCT #11, EXCHANGE §3): 《督办通报》2026年第11期.
//!
//! Publishing a month computes the §3 figures once ([`crate::circulation`])
//! and stores them, with the office's name, through [`crate::publications`]
//! (kind `MonthlyBulletin`, an issue number per year). Exporting an issue
//! writes its Excel workbook and its Word 通报 from the stored figures only, so
//! the files of an issue say the same thing whatever changed since. A 更正
//! is the next version of the same month, with its reason; every version stays.
//!
//! Also here: the 交办单 of a split document and the 督办事项卡 of one item
//! ([`handover`]), printed with the same Word writer.

pub mod handover;
pub mod text;
pub mod word;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::circulation::{monthly_figures, write_monthly, Month, MonthlyFigures, Period};
use crate::error::{invalid, Error, Result};
use crate::publications::{self, NewPublication, PublicationKind, PublicationSummary};
use crate::store::{Actor, Store};

/// What a published monthly issue freezes: the figures and who issues it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct MonthlyIssue {
    /// 编发单位 (the setting `office_name` when it was published).
    pub issuer: String,
    /// The §3 figures as computed when it was published.
    pub figures: MonthlyFigures,
}

/// One published version of a monthly issue with its file names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct IssueRow {
    /// Number, version, as-of day, who and when.
    #[serde(flatten)]
    pub summary: PublicationSummary,
    /// `2026年11月`.
    pub month_label: String,
    /// `督办通报2026年第11期.docx` (with `（更正版2）` for a later version).
    pub docx_name: String,
    /// The same name, `.xlsx`.
    pub xlsx_name: String,
}

/// The files of an exported issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportedIssue {
    /// The Word 通报.
    #[ts(type = "string")]
    pub docx: PathBuf,
    /// The Excel workbook (its appendix).
    #[ts(type = "string")]
    pub xlsx: PathBuf,
}

fn row_of(summary: PublicationSummary) -> IssueRow {
    let stem = summary.file_stem();
    let month_label = summary
        .period
        .parse::<Month>()
        .map(|m| m.label())
        .unwrap_or_else(|_| summary.period.clone());
    IssueRow {
        summary,
        month_label,
        docx_name: format!("{stem}.docx"),
        xlsx_name: format!("{stem}.xlsx"),
    }
}

/// The period of `month` as of `as_of`, refused when the month has not ended
/// on `today` without an explicit as-of day, or when the as-of day is after today.
fn period_for(month: Month, as_of: Option<NaiveDate>, today: NaiveDate) -> Result<Period> {
    match as_of {
        None if today <= month.last_day() => {
            return Err(invalid(format!(
                "{}尚未结束（今天是{}），不能按整月发布通报。如需发布截至某日的通报，请指定统计截止日期（--as-of）。",
                month.label(),
                crate::dates::cn(today)
            )))
        }
        Some(a) if a > today => {
            return Err(invalid(format!(
                "统计截止日期{}晚于今天（{}），请选择今天或之前的日期。",
                crate::dates::cn(a),
                crate::dates::cn(today)
            )))
        }
        _ => {}
    }
    Period::new(month, as_of)
}

fn publish_inner(
    store: &mut Store,
    actor: &Actor,
    month: Month,
    as_of: Option<NaiveDate>,
    reason: Option<&str>,
) -> Result<(IssueRow, MonthlyIssue)> {
    let period = period_for(month, as_of, actor.today())?;
    let issue = MonthlyIssue {
        issuer: crate::reminders::office_name(store.conn())?,
        figures: monthly_figures(store.conn(), &period)?,
    };
    let p = publications::publish(
        store,
        actor,
        &NewPublication {
            kind: PublicationKind::MonthlyBulletin,
            period: month.to_string(),
            as_of: period.as_of,
            figures: serde_json::to_value(&issue).expect("an issue serialises"),
            reason: reason.map(str::to_string),
        },
    )?;
    // What was stored is the serialisation of `issue` (the tests read it back).
    Ok((row_of(p.summary), issue))
}

/// Publishes `month` (as of `as_of`, default its last day; the day is the
/// actor's): version 1 with the next issue number of its year. Refused, with
/// nothing written, when the month has not ended without an as-of day, or
/// when the month was published before (that is a 更正: [`correct_monthly`]).
pub fn publish_monthly(
    store: &mut Store,
    actor: &Actor,
    month: Month,
    as_of: Option<NaiveDate>,
) -> Result<(IssueRow, MonthlyIssue)> {
    publish_inner(store, actor, month, as_of, None)
}

/// Publishes a 更正 of `month`: the next version, recomputed now, same issue
/// number; earlier versions stay, the audit log records `reason`. Refused
/// when the month was never published or the reason is empty.
pub fn correct_monthly(
    store: &mut Store,
    actor: &Actor,
    month: Month,
    as_of: Option<NaiveDate>,
    reason: &str,
) -> Result<(IssueRow, MonthlyIssue)> {
    if reason.trim().is_empty() {
        return Err(invalid("发布更正版本必须填写更正原因。"));
    }
    // A month never published is refused by publications::publish_in.
    publish_inner(store, actor, month, as_of, Some(reason))
}

/// Every published monthly issue (all versions), newest publication first.
pub fn list_monthly(conn: &Connection) -> Result<Vec<IssueRow>> {
    Ok(publications::list(conn, PublicationKind::MonthlyBulletin)?
        .into_iter()
        .map(row_of)
        .collect())
}

/// The published monthly issue with this id, as it was published.
pub fn get_monthly(conn: &Connection, id: i64) -> Result<(IssueRow, MonthlyIssue)> {
    let p = publications::get(conn, id)?;
    if p.summary.kind != PublicationKind::MonthlyBulletin {
        return Err(Error::NotFound(format!(
            "编号 {id} 是{}，不是月度督办通报。请用 `duban bulletin list` 查看通报编号。",
            p.summary.kind.label()
        )));
    }
    let issue = p.figures_as()?;
    Ok((row_of(p.summary), issue))
}

/// Writes the issue `id` into `dir` (created if missing): the Word 通报 and
/// the Excel workbook, both from the stored figures.
pub fn export_monthly_issue(conn: &Connection, id: i64, dir: &Path) -> Result<ExportedIssue> {
    let (row, issue) = get_monthly(conn, id)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::BadFile(format!(
            "无法创建文件夹“{}”：{e}。请检查路径和写入权限。",
            dir.display()
        ))
    })?;
    let docx = dir.join(&row.docx_name);
    let xlsx = dir.join(&row.xlsx_name);
    let bytes = word::monthly_docx(&row.summary, &issue)?;
    crate::saved_file::write_atomic(&docx, &bytes)?;
    let mut book = write_monthly(&issue.figures)?;
    book.anchor(row.summary.file_stem());
    book.save(&xlsx)?;
    Ok(ExportedIssue { docx, xlsx })
}
