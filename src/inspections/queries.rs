//! Reads of 整改: the 整改台账 query with its filters and lights, one item's
//! detail, the per-inspection summary (督查情况汇总) and the figure the
//! assessment reads ([`rectification_timeliness`]).

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::followups::{self, Followup};
use super::inspection::find;
use super::rectify::{head, missing_checks, EVIDENCE_FILES};
use super::{RectKind, Source, UnitStatus};
use crate::attachments::{self, Attachment};
use crate::calendar::Calendar;
use crate::dates::{opt_date_col, ymd};
use crate::error::Result;
use crate::items::{light_of, Light};
use crate::org::PartyIndex;

/// One line of the 整改台账.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct RectRow {
    /// Row id.
    pub id: i64,
    /// 整改编号.
    pub rect_no: String,
    /// 整改 / 防范整改.
    pub kind: RectKind,
    /// The unit.
    pub party: String,
    /// 问题来源.
    pub source: Source,
    /// The source's reference; the 督查编号 for an inspection's problem.
    pub source_ref: String,
    /// The finding (row id).
    pub finding_id: i64,
    /// 普遍性问题.
    pub general: bool,
    /// 问题描述.
    pub problem: String,
    /// 整改时限.
    pub deadline: NaiveDate,
    /// The light of an open item (PRODUCT #6); None once closed.
    pub light: Option<Light>,
    /// 原因分析.
    pub cause: String,
    /// 整改措施.
    pub measures: String,
    /// 整改状态 as the unit reported it.
    pub unit_status: UnitStatus,
    /// The unit's 完成日期 (its completion report).
    pub unit_done_on: Option<NaiveDate>,
    /// 原因查清 ticked.
    pub cause_checked: bool,
    /// 整改到位 ticked.
    pub remedied_checked: bool,
    /// 责任追究 recorded: the measure or 无需追究.
    pub accountability: Option<String>,
    /// Who was held to account.
    pub accountability_who: String,
    /// 责任追究's details, or the reason for 无需追究.
    pub accountability_note: String,
    /// The evidence of 整改到位.
    pub evidence: String,
    /// Closed (已销号).
    pub closed: bool,
    /// The day it was closed.
    pub closed_on: Option<NaiveDate>,
}

impl RectRow {
    /// 已销号 / 整改中 (with the light).
    pub fn status_label(&self) -> String {
        match (self.closed, self.light) {
            (true, _) => "已销号".into(),
            (false, Some(l)) => format!("整改中（{}灯）", l.label()),
            (false, None) => "整改中".into(),
        }
    }
    /// One line for the terminal.
    pub fn line(&self) -> String {
        let tick = |b: bool| if b { "✓" } else { "✗" };
        format!(
            "{} {} {} 时限 {} {} 原因{} 到位{} 追责{}  {}",
            self.rect_no,
            self.party,
            self.kind.label(),
            ymd(self.deadline),
            self.status_label(),
            tick(self.cause_checked),
            tick(self.remedied_checked),
            tick(self.accountability.is_some()),
            self.problem
        )
    }
}

/// Filters of the 整改台账 (all optional, combined with AND).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct RectFilter {
    /// The unit (name or alias).
    pub party: Option<String>,
    /// The inspection (id or 督查编号).
    pub inspection: Option<String>,
    /// 问题来源.
    pub source: Option<Source>,
    /// Some(true): open only; Some(false): closed only.
    pub open: Option<bool>,
    /// Open items of this light.
    pub light: Option<Light>,
    /// Text contained in the problem or the number.
    pub text: Option<String>,
    /// 整改时限 on or after this day.
    pub from: Option<NaiveDate>,
    /// 整改时限 on or before this day.
    pub to: Option<NaiveDate>,
}

const SELECT: &str = "SELECT r.id, r.rect_no, r.kind, p.name, f.source,
        CASE WHEN f.inspection_id IS NULL THEN f.source_ref ELSE i.number END,
        r.finding_id, f.general, r.problem, r.deadline, r.cause, r.measures, r.unit_status, r.unit_done_on,
        r.cause_checked, r.remedied_checked, r.acc_measure, r.acc_who, r.acc_note, r.evidence, r.status, r.closed_on
     FROM rectifications r JOIN findings f ON f.id = r.finding_id JOIN parties p ON p.id = r.party_id
     LEFT JOIN inspections i ON i.id = f.inspection_id";

type Raw = (RectRow, String, String, String);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        RectRow {
            id: r.get(0)?,
            rect_no: r.get(1)?,
            kind: RectKind::Rectify,
            party: r.get(3)?,
            source: Source::Inspection,
            source_ref: r.get(5)?,
            finding_id: r.get(6)?,
            general: r.get(7)?,
            problem: r.get(8)?,
            deadline: r.get(9)?,
            light: None,
            cause: r.get(10)?,
            measures: r.get(11)?,
            unit_status: UnitStatus::NotStarted,
            unit_done_on: opt_date_col(r, 13)?,
            cause_checked: r.get(14)?,
            remedied_checked: r.get(15)?,
            accountability: r.get(16)?,
            accountability_who: r.get(17)?,
            accountability_note: r.get(18)?,
            evidence: r.get(19)?,
            closed: r.get::<_, String>(20)? == "closed",
            closed_on: opt_date_col(r, 21)?,
        },
        r.get(2)?,
        r.get(4)?,
        r.get(12)?,
    ))
}

/// What a light is computed with.
#[derive(Clone, Copy)]
pub struct LightRule<'a> {
    /// The working calendar.
    pub cal: &'a Calendar,
    /// Today.
    pub today: NaiveDate,
    /// N of the yellow window (setting `yellow_days`).
    pub yellow_days: u32,
}

fn finish(rule: &LightRule<'_>, (mut row, kind, source, status): Raw) -> Result<RectRow> {
    row.kind = RectKind::parse(&kind)?;
    row.source = Source::parse(&source)?;
    row.unit_status = UnitStatus::parse(&status)?;
    if !row.closed {
        row.light = Some(light_of(
            rule.cal,
            rule.today,
            row.deadline,
            rule.yellow_days,
        ));
    }
    Ok(row)
}

/// The 整改台账: every item matching `filter`, by 整改编号, each open one
/// with its light on `today`.
pub fn list(conn: &Connection, rule: &LightRule<'_>, filter: &RectFilter) -> Result<Vec<RectRow>> {
    let party = match filter
        .party
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(name) => Some(
            PartyIndex::load(conn)?
                .resolve(name)
                .map(|p| p.id)
                .ok_or_else(|| crate::Error::NotFound(format!("“{name}”不在组织机构中。")))?,
        ),
        None => None,
    };
    let inspection = match filter
        .inspection
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(k) => Some(find(conn, k)?),
        None => None,
    };
    let text = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE (?1 IS NULL OR r.party_id = ?1) AND (?2 IS NULL OR f.inspection_id = ?2)
           AND (?3 IS NULL OR f.source = ?3) AND (?4 IS NULL OR (r.status = 'open') = ?4)
           AND (?5 IS NULL OR instr(r.problem, ?5) > 0 OR instr(r.rect_no, ?5) > 0)
           AND (?6 IS NULL OR r.deadline >= ?6) AND (?7 IS NULL OR r.deadline <= ?7)
         ORDER BY r.year, r.seq"
    ))?;
    let rows = st
        .query_map(
            params![
                party,
                inspection,
                filter.source.map(Source::label),
                filter.open,
                text,
                filter.from.map(ymd),
                filter.to.map(ymd)
            ],
            raw,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let row = finish(rule, r)?;
        if filter.light.is_some() && row.light != filter.light {
            continue;
        }
        out.push(row);
    }
    Ok(out)
}

/// A progress entry of an item.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct RectProgress {
    /// The day reported.
    pub reported_on: NaiveDate,
    /// 整改进展.
    pub text: String,
    /// 填报人.
    pub reporter: String,
    /// From an imported sheet (its import id), or typed in.
    pub import_id: Option<i64>,
}

/// One item with its progress, evidence files, missing checks and follow-ups.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RectDetail {
    /// The ledger's line.
    pub row: RectRow,
    /// The unit's 责任追究情况 as written in its sheet.
    pub unit_accountability: String,
    /// Progress, oldest first.
    pub progress: Vec<RectProgress>,
    /// Evidence files (整改到位).
    pub evidence_files: Vec<Attachment>,
    /// The checks of 三不放过 not yet ticked (销号 is refused while any is).
    pub missing_checks: Vec<String>,
    /// 回头看 / 再督查 of this item.
    pub followups: Vec<Followup>,
    /// 催办 records.
    pub chases: Vec<super::chase::RectChase>,
    /// The 整改编号 of the item whose 问题反弹 this item is (a 回头看/再督查
    /// found the problem back).
    pub rebound_of: Option<String>,
}

/// One item's detail.
pub fn detail(conn: &Connection, rule: &LightRule<'_>, rect_no: &str) -> Result<RectDetail> {
    let h = head(conn, rect_no)?;
    let r = conn.query_row(&format!("{SELECT} WHERE r.id = ?1"), [h.id], raw)?;
    let row = finish(rule, r)?;
    let unit_accountability: String = conn.query_row(
        "SELECT unit_accountability FROM rectifications WHERE id = ?1",
        [h.id],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare_cached(
        "SELECT reported_on, text, reporter, import_id FROM rectification_progress
         WHERE rectification_id = ?1 ORDER BY reported_on, id",
    )?;
    let progress = st
        .query_map([h.id], |r| {
            Ok(RectProgress {
                reported_on: r.get(0)?,
                text: r.get(1)?,
                reporter: r.get(2)?,
                import_id: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let followups = followups::list(conn, false)?
        .into_iter()
        .filter(|f| f.rect_no.as_deref() == Some(&h.rect_no))
        .collect();
    Ok(RectDetail {
        row,
        unit_accountability,
        progress,
        evidence_files: attachments::list(conn, EVIDENCE_FILES, h.id)?,
        missing_checks: missing_checks(&h).into_iter().map(String::from).collect(),
        followups,
        chases: super::chase::chases_of(conn, h.id)?,
        rebound_of: conn.query_row(
            "SELECT o.rect_no FROM rectifications r JOIN findings f ON f.id = r.finding_id
               LEFT JOIN rectifications o ON o.id = f.rebound_of WHERE r.id = ?1",
            [h.id],
            |r| r.get(0),
        )?,
    })
}

/// The open items of a unit, by number (its 整改情况反馈表).
pub fn open_items_of(
    conn: &Connection,
    rule: &LightRule<'_>,
    party_id: i64,
) -> Result<Vec<RectRow>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.party_id = ?1 AND r.status = 'open' ORDER BY r.year, r.seq"
    ))?;
    let rows = st
        .query_map([party_id], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|r| finish(rule, r)).collect()
}

/// 整改编号 of a unit's items whose 问题描述 is exactly `problem`, open first.
pub fn numbers_with_problem(
    conn: &Connection,
    party_id: i64,
    problem: &str,
) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT rect_no FROM rectifications WHERE party_id = ?1 AND problem = ?2 ORDER BY status = 'closed', year, seq",
    )?;
    let rows = st.query_map(params![party_id, problem.trim()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An item as the importer sees it.
#[derive(Debug, Clone)]
pub struct ImportTarget {
    /// Row id.
    pub id: i64,
    /// 整改编号.
    pub rect_no: String,
    /// The unit's party id.
    pub party_id: i64,
    /// The unit's name.
    pub party: String,
    /// Closed (已销号).
    pub closed: bool,
    /// 登记日期: nothing the unit reports on it is dated before.
    pub created_on: NaiveDate,
}

/// The item numbered `rect_no`, as the importer needs it.
pub fn item_for_import(conn: &Connection, rect_no: &str) -> Result<Option<ImportTarget>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.rect_no, r.party_id, p.name, r.status = 'closed', substr(r.created_at, 1, 10)
             FROM rectifications r JOIN parties p ON p.id = r.party_id WHERE r.rect_no = ?1",
        )?
        .query_row([rect_no.trim()], |r| {
            Ok(ImportTarget {
                id: r.get(0)?,
                rect_no: r.get(1)?,
                party_id: r.get(2)?,
                party: r.get(3)?,
                closed: r.get(4)?,
                created_on: r.get(5)?,
            })
        })
        .optional()?)
}

/// One unit's line of the 督查情况汇总.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct UnitSummary {
    /// The unit.
    pub party: String,
    /// Problems (整改事项) found there, 防范整改 included.
    pub found: i64,
    /// Closed (已销号).
    pub rectified: i64,
    /// Not closed.
    pub open: i64,
    /// Not closed and past the deadline.
    pub overdue: i64,
    /// 整改完成率 as text: 已整改 / 发现问题 (`50.0%`; `—` when nothing was found).
    pub rate_text: String,
}

impl UnitSummary {
    fn new(party: String, found: i64, rectified: i64, open: i64, overdue: i64) -> UnitSummary {
        let permille = crate::rates::rate_permille(rectified as u32, found as u32);
        UnitSummary {
            party,
            found,
            rectified,
            open,
            overdue,
            rate_text: crate::rates::rate_text(permille),
        }
    }
    /// 整改完成率 as a fraction; none when nothing was found.
    pub fn rate(&self) -> Option<f64> {
        (self.found > 0).then(|| self.rectified as f64 / self.found as f64)
    }
    /// The 合计 line of `units`.
    pub fn total(units: &[UnitSummary]) -> UnitSummary {
        let sum = |f: fn(&UnitSummary) -> i64| units.iter().map(f).sum();
        UnitSummary::new(
            "合计".into(),
            sum(|u| u.found),
            sum(|u| u.rectified),
            sum(|u| u.open),
            sum(|u| u.overdue),
        )
    }
    /// One line for the terminal.
    pub fn line(&self) -> String {
        format!(
            "{} 发现 {} 已整改 {} 未整改 {} 逾期 {} 整改完成率 {}",
            self.party, self.found, self.rectified, self.open, self.overdue, self.rate_text
        )
    }
}

/// Per unit of an inspection (its targets, in organisation order, then any
/// other unit with an item from it): found, rectified, open, overdue as they
/// stood at the end of `today`: items recorded by then, closed (销号) by then.
/// An item reopened since counts as open on any day (its earlier 销号 date is
/// not kept), and the deadline is its current one.
pub fn summary(conn: &Connection, inspection: &str, today: NaiveDate) -> Result<Vec<UnitSummary>> {
    let id = find(conn, inspection)?;
    let mut st = conn.prepare(
        "SELECT p.name, count(r.id), coalesce(sum(r.closed_by), 0), coalesce(sum(NOT r.closed_by), 0),
                coalesce(sum(NOT r.closed_by AND r.deadline < ?2), 0)
         FROM parties p
         LEFT JOIN (SELECT id, party_id, deadline, status = 'closed' AND closed_on <= ?2 AS closed_by
                      FROM rectifications
                     WHERE finding_id IN (SELECT id FROM findings WHERE inspection_id = ?1)
                       AND substr(created_at, 1, 10) <= ?2) r ON r.party_id = p.id
         WHERE p.id IN (SELECT party_id FROM inspection_targets WHERE inspection_id = ?1)
            OR r.id IS NOT NULL
         GROUP BY p.id ORDER BY CASE p.kind WHEN 'department' THEN 0 ELSE 1 END, p.sort_order, p.id",
    )?;
    let rows = st.query_map(params![id, ymd(today)], |r| {
        Ok(UnitSummary::new(
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One unit's rectification items due in a period, and how many were closed
/// on or before their deadline (the assessment's 整改完成率, EXCHANGE §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct UnitTimeliness {
    /// The party (row id).
    pub party_id: i64,
    /// Its name.
    pub party: String,
    /// Items whose (current) deadline falls in the period.
    pub due: i64,
    /// Of those, closed on or before the deadline.
    pub closed_on_time: i64,
}

/// Per unit with any: the 整改事项 whose deadline d satisfies `from <= d <=
/// to`, and how many of them were closed (销号) on or before d. Units without
/// such items are left out; by organisation order.
pub fn rectification_timeliness(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<UnitTimeliness>> {
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.name, count(*), coalesce(sum(r.status = 'closed' AND r.closed_on <= r.deadline), 0)
         FROM rectifications r JOIN parties p ON p.id = r.party_id
         WHERE r.deadline >= ?1 AND r.deadline <= ?2
         GROUP BY p.id ORDER BY CASE p.kind WHEN 'department' THEN 0 ELSE 1 END, p.sort_order, p.id",
    )?;
    let rows = st.query_map(params![ymd(from), ymd(to)], |r| {
        Ok(UnitTimeliness {
            party_id: r.get(0)?,
            party: r.get(1)?,
            due: r.get(2)?,
            closed_on_time: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
