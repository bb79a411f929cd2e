//! 发布 (PRODUCT #11, #14; EXCHANGE §6): frozen figures. A published 绩效考核
//! period or 通报 issue is stored once, as the JSON of what was computed, with
//! its as-of day, who published it and when; a later change of the data does
//! not move it. A 更正 adds the next version of the same (kind, period) with
//! its reason; every version stays readable and the newest is the current one.
//!
//! This module holds no rule about what is published: each capability
//! computes its figures, serialises them, and calls [`publish`]. Bulletins
//! (通报) get an issue number per year (2026年第11期), kept by every version.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{invalid, Error, Result};
use crate::store::{audit, Actor, Store};

/// What is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PublicationKind {
    /// 绩效考核 of a period (EXCHANGE §6).
    Assessment,
    /// 月度督办通报 (EXCHANGE §3).
    MonthlyBulletin,
    /// 专项通报 of a policy, by phase.
    SpecialBulletin,
    /// 公文办理质量通报.
    QualityBulletin,
}

impl PublicationKind {
    /// Every kind.
    pub const ALL: [PublicationKind; 4] = [
        PublicationKind::Assessment,
        PublicationKind::MonthlyBulletin,
        PublicationKind::SpecialBulletin,
        PublicationKind::QualityBulletin,
    ];
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PublicationKind::Assessment => "assessment",
            PublicationKind::MonthlyBulletin => "monthly_bulletin",
            PublicationKind::SpecialBulletin => "special_bulletin",
            PublicationKind::QualityBulletin => "quality_bulletin",
        }
    }
    /// From the stored code.
    pub fn from_code(s: &str) -> Option<PublicationKind> {
        PublicationKind::ALL.into_iter().find(|k| k.code() == s)
    }
    /// 绩效考核 / 月度督办通报 / 专项通报 / 公文办理质量通报.
    pub fn label(self) -> &'static str {
        match self {
            PublicationKind::Assessment => "绩效考核",
            PublicationKind::MonthlyBulletin => "月度督办通报",
            PublicationKind::SpecialBulletin => "专项通报",
            PublicationKind::QualityBulletin => "公文办理质量通报",
        }
    }
    /// Whether it is a numbered 通报 (2026年第11期).
    pub fn numbered(self) -> bool {
        self != PublicationKind::Assessment
    }
}

/// What to publish.
#[derive(Debug, Clone)]
pub struct NewPublication {
    /// What it is.
    pub kind: PublicationKind,
    /// Its period key (`2026-11`, `2026Q4`, `2026`, or a bulletin's own key).
    pub period: String,
    /// The as-of day the figures were computed at; a bulletin's issue year is its year.
    pub as_of: NaiveDate,
    /// The figures as computed (the serde JSON of the capability's result).
    pub figures: serde_json::Value,
    /// 更正原因: required when the period was published before, ignored otherwise.
    pub reason: Option<String>,
}

/// A bulletin's number: 2026年第11期.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct IssueNo {
    /// The year of the numbering.
    pub year: i32,
    /// The issue in that year, from 1.
    pub number: u32,
}

impl IssueNo {
    /// `2026年第11期`.
    pub fn label(&self) -> String {
        format!("{}年第{}期", self.year, self.number)
    }
}

/// One published version, without its figures (lists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PublicationSummary {
    /// `publications.id`.
    pub id: i64,
    /// What it is.
    pub kind: PublicationKind,
    /// Its period key.
    pub period: String,
    /// 1, 2, … (versions after the first are 更正).
    pub version: u32,
    /// The newest version of its period.
    pub current: bool,
    /// A bulletin's number; none for an assessment.
    pub issue: Option<IssueNo>,
    /// The as-of day of its figures.
    pub as_of: NaiveDate,
    /// 更正原因 (empty for a first version).
    pub reason: String,
    /// Who published it.
    pub published_by: String,
    /// When.
    pub published_at: NaiveDateTime,
}

impl PublicationSummary {
    /// The name its exported files share, safe on every desktop: a 通报 by
    /// its number (`督办通报2026年第11期`, `公文办理质量通报2026年第1期（更正版2）`),
    /// an assessment by its period (`绩效考核_2026-11`, `…（更正版2）`).
    pub fn file_stem(&self) -> String {
        let title = match self.kind {
            PublicationKind::MonthlyBulletin => "督办通报",
            other => other.label(),
        };
        let stem = if self.issue.is_some() {
            format!("{title}{}", self.number_line())
        } else if self.version > 1 {
            format!("{title}_{}（更正版{}）", self.period, self.version)
        } else {
            format!("{title}_{}", self.period)
        };
        stem.chars()
            .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
            .collect()
    }

    /// The number line of a 通报's masthead: `2026年第11期`, and for a 更正
    /// `2026年第11期（更正版2）`; empty for an assessment.
    pub fn number_line(&self) -> String {
        let number = self.issue.map(|i| i.label()).unwrap_or_default();
        if self.version > 1 {
            format!("{number}（更正版{}）", self.version)
        } else {
            number
        }
    }
}

/// One published version with its frozen figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Publication {
    /// Who, when, which version.
    #[serde(flatten)]
    pub summary: PublicationSummary,
    /// The figures as they were published.
    pub figures: serde_json::Value,
}

impl Publication {
    /// The figures read back as the type they were published from.
    pub fn figures_as<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        // Read from the value in place: a month's figures at 200,000 items are
        // megabytes, not worth a copy.
        T::deserialize(&self.figures).map_err(|e| {
            Error::BadFile(format!(
                "已发布的{}（{}，第 {} 版）无法读取：{e}",
                self.summary.kind.label(),
                self.summary.period,
                self.summary.version
            ))
        })
    }
}

const COLUMNS: &str = "id, kind, period, version, issue_year, issue_no, as_of, reason, \
    published_by, published_at, figures";

fn summary_of(r: &Row<'_>, newest: u32) -> rusqlite::Result<PublicationSummary> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("publications: bad {what}").into(),
        )
    };
    let kind: String = r.get(1)?;
    let version: u32 = r.get(3)?;
    let year: Option<i32> = r.get(4)?;
    let number: Option<u32> = r.get(5)?;
    Ok(PublicationSummary {
        id: r.get(0)?,
        kind: PublicationKind::from_code(&kind).ok_or_else(|| bad(1, "kind"))?,
        period: r.get(2)?,
        version,
        current: version == newest,
        issue: year
            .zip(number)
            .map(|(year, number)| IssueNo { year, number }),
        as_of: crate::dates::parse_ymd(&r.get::<_, String>(6)?).ok_or_else(|| bad(6, "as_of"))?,
        reason: r.get(7)?,
        published_by: r.get(8)?,
        published_at: crate::dates::parse_stamp(&r.get::<_, String>(9)?)
            .ok_or_else(|| bad(9, "published_at"))?,
    })
}

fn newest_version(conn: &Connection, kind: PublicationKind, period: &str) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT coalesce(max(version), 0) FROM publications WHERE kind = ?1 AND period = ?2",
        params![kind.code(), period],
        |r| r.get(0),
    )?)
}

/// Publishes `new`: version 1 of a new period, or — with a 更正原因 — the next
/// version of one published before. Refused, nothing written: publishing a
/// period again without a reason, a 更正 of a period never published, an
/// as-of day after the actor's day. One audit entry.
pub fn publish(store: &mut Store, actor: &Actor, new: &NewPublication) -> Result<Publication> {
    let id = store.write(|tx| {
        let id = publish_in(tx, actor, new)?;
        let p = get_in(tx, id)?;
        audit::append_in(
            tx,
            actor,
            "publication",
            &id.to_string(),
            if p.summary.version == 1 {
                "publish"
            } else {
                "correct"
            },
            None,
            Some(&serde_json::json!({
                "kind": new.kind.code(),
                "period": p.summary.period,
                "version": p.summary.version,
                "issue": p.summary.issue.map(|i| i.label()),
                "as_of": p.summary.as_of,
                "reason": p.summary.reason,
            })),
        )?;
        Ok(id)
    })?;
    get(store.conn(), id)
}

/// [`publish`] inside the caller's transaction, without the audit entry.
pub fn publish_in(tx: &Transaction, actor: &Actor, new: &NewPublication) -> Result<i64> {
    let period = new.period.trim();
    if period.is_empty() {
        return Err(invalid("发布时必须指明期间。"));
    }
    // Figures are frozen as they stand at the end of the as-of day: a day to
    // come would freeze as overdue what is still in time.
    if new.as_of > actor.today() {
        return Err(invalid(format!(
            "统计截止日期{}晚于今天（{}），请选择今天或之前的日期。",
            crate::dates::cn(new.as_of),
            crate::dates::cn(actor.today())
        )));
    }
    let reason = new.reason.as_deref().map(str::trim).unwrap_or("");
    let newest = newest_version(tx, new.kind, period)?;
    if newest == 0 && !reason.is_empty() {
        return Err(Error::NotFound(format!(
            "{}“{period}”尚未发布，无需更正。请直接发布（不填更正原因）。",
            new.kind.label()
        )));
    }
    let issue = if newest > 0 {
        if reason.is_empty() {
            let p = current_in(tx, new.kind, period)?.expect("a newest version exists");
            return Err(Error::Conflict(format!(
                "{}“{period}”已于 {} 由 {} 发布（第 {} 版），不能重复发布。如需更正，请填写更正原因后发布更正版本。",
                new.kind.label(),
                crate::dates::minute(p.summary.published_at),
                p.summary.published_by,
                p.summary.version
            )));
        }
        let current = current_in(tx, new.kind, period)?.expect("a newest version exists");
        // A correction follows what it corrects: recorded (`--at`) before
        // it, the record would say the 更正版 came first.
        if actor.now < current.summary.published_at {
            return Err(invalid(format!(
                "第 {} 版于 {} 发布，更正版的发布时间 {} 不能早于它。",
                current.summary.version,
                crate::dates::minute(current.summary.published_at),
                crate::dates::minute(actor.now)
            )));
        }
        current.summary.issue
    } else if new.kind.numbered() {
        let year = new.as_of.year();
        let last: u32 = tx.query_row(
            "SELECT coalesce(max(issue_no), 0) FROM publications WHERE kind = ?1 AND issue_year = ?2",
            params![new.kind.code(), year],
            |r| r.get(0),
        )?;
        Some(IssueNo {
            year,
            number: last + 1,
        })
    } else {
        None
    };
    tx.execute(
        "INSERT INTO publications (kind, period, version, issue_year, issue_no, as_of, figures,
                                   reason, published_by, published_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            new.kind.code(),
            period,
            newest + 1,
            issue.map(|i| i.year),
            issue.map(|i| i.number),
            crate::dates::ymd(new.as_of),
            new.figures.to_string(),
            if newest > 0 { reason } else { "" },
            actor.operator,
            actor.stamp(),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn read_one(
    conn: &Connection,
    sql_where: &str,
    p: impl rusqlite::Params,
) -> Result<Option<Publication>> {
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT max(version) FROM publications q
                             WHERE q.kind = publications.kind AND q.period = publications.period)
         FROM publications WHERE {sql_where}"
    );
    let row = conn
        .query_row(&sql, p, |r| {
            let newest: u32 = r.get(11)?;
            let figures: String = r.get(10)?;
            Ok((summary_of(r, newest)?, figures))
        })
        .optional()?;
    row.map(|(summary, figures)| {
        let figures = serde_json::from_str(&figures).map_err(|e| {
            Error::BadFile(format!("已发布内容（编号 {}）无法读取：{e}", summary.id))
        })?;
        Ok(Publication { summary, figures })
    })
    .transpose()
}

fn get_in(conn: &Connection, id: i64) -> Result<Publication> {
    read_one(conn, "id = ?1", [id])?
        .ok_or_else(|| Error::NotFound(format!("没有编号为 {id} 的已发布内容。")))
}

fn current_in(
    conn: &Connection,
    kind: PublicationKind,
    period: &str,
) -> Result<Option<Publication>> {
    read_one(
        conn,
        "kind = ?1 AND period = ?2 ORDER BY version DESC LIMIT 1",
        params![kind.code(), period],
    )
}

/// The published version with this id.
pub fn get(conn: &Connection, id: i64) -> Result<Publication> {
    get_in(conn, id)
}

/// The current (newest) version of a period, if it was published.
pub fn current(
    conn: &Connection,
    kind: PublicationKind,
    period: &str,
) -> Result<Option<Publication>> {
    current_in(conn, kind, period.trim())
}

/// Every version of a period, oldest first (without figures).
pub fn versions(
    conn: &Connection,
    kind: PublicationKind,
    period: &str,
) -> Result<Vec<PublicationSummary>> {
    let period = period.trim();
    let newest = newest_version(conn, kind, period)?;
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM publications WHERE kind = ?1 AND period = ?2 ORDER BY version"
    ))?;
    let rows = st.query_map(params![kind.code(), period], |r| summary_of(r, newest))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every published version of a kind, newest publication first (without figures).
pub fn list(conn: &Connection, kind: PublicationKind) -> Result<Vec<PublicationSummary>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS}, (SELECT max(version) FROM publications q
                             WHERE q.kind = publications.kind AND q.period = publications.period)
         FROM publications WHERE kind = ?1 ORDER BY published_at DESC, id DESC"
    ))?;
    let rows = st.query_map([kind.code()], |r| {
        let newest: u32 = r.get(11)?;
        summary_of(r, newest)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
