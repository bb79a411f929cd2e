//! Reading rounds: the list with counts, one round per target party, and a
//! received report's content.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{report_status, ReportStatus, RoundKind, FORM_LABELS};
use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::org::PartyKind;

/// How many target parties stand where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RoundCounts {
    /// Target parties.
    pub targets: u32,
    /// 按时.
    pub on_time: u32,
    /// 迟报.
    pub late: u32,
    /// 漏报.
    pub missing: u32,
    /// 未到期.
    pub not_due: u32,
}

impl RoundCounts {
    fn add(&mut self, s: ReportStatus) {
        self.targets += 1;
        match s {
            ReportStatus::OnTime => self.on_time += 1,
            ReportStatus::Late => self.late += 1,
            ReportStatus::Missing => self.missing += 1,
            ReportStatus::NotDue => self.not_due += 1,
        }
    }
}

/// A round with its counts as of a day.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Round {
    /// Row id in `rounds`.
    pub id: i64,
    /// The identity written into its templates.
    pub token: String,
    /// The round's title, as the office named it.
    pub title: String,
    /// 落实进展 (progress) or 政策措施落实情况 (policy).
    pub kind: RoundKind,
    /// 一个月内 / 两个月内 / empty.
    pub phase: String,
    /// Row id in `documents` of the 收文 the round follows up; None when it has none.
    pub document_id: Option<i64>,
    /// 政策措施: the policy's name (policy rounds); empty otherwise.
    pub policy_name: String,
    /// The policy's 文号 (policy rounds); may be empty.
    pub policy_doc_no: String,
    /// The date the policy was issued (policy rounds); None when not given.
    pub issued_on: Option<NaiveDate>,
    /// 报送截止日期: reports received after it are 迟报.
    pub due: NaiveDate,
    /// 报送要求 / 备注; may be empty.
    pub notes: String,
    /// The date the round was created.
    pub created_on: NaiveDate,
    /// Counts as of the day asked.
    pub counts: RoundCounts,
    /// Set when the round was voided (作废): show it struck through; it leaves every figure.
    pub voided: Option<crate::store::void::VoidMark>,
}

/// One target party of a round.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TargetRow {
    /// The target department or unit (`parties.id`).
    pub party_id: i64,
    /// Its name.
    pub party: String,
    /// 内设机构 (department) or 下级单位 (subordinate unit).
    pub kind: PartyKind,
    /// 按时 / 迟报 / 漏报 / 未到期.
    pub status: ReportStatus,
    /// The first report's received date.
    pub received_on: Option<NaiveDate>,
    /// The first report (open it with [`report_content`]).
    pub report_id: Option<i64>,
    /// How many reports arrived (a corrected file adds one).
    pub reports: u32,
}

/// A round with every target party, and who to chase.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RoundDetail {
    /// The round and its counts.
    pub round: Round,
    /// In the organisation's order.
    pub targets: Vec<TargetRow>,
    /// Parties with nothing received: 漏报 first, then 未到期.
    pub to_chase: Vec<TargetRow>,
}

/// A label and its value in a received report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FieldValue {
    /// The form's label or the sheet's column header.
    pub label: String,
    /// The value as received, as text; may be empty.
    pub value: String,
}

/// A received report, to read.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportContent {
    /// Row id in `round_reports`.
    pub report_id: i64,
    /// Row id in `rounds`.
    pub round_id: i64,
    /// The round's title.
    pub round: String,
    /// The reporting department's or unit's name.
    pub party: String,
    /// The date the report was received.
    pub received_on: NaiveDate,
    /// The file it came from, when imported.
    pub file_name: String,
    /// The form's labels and values (policy rounds) or the sheet's header cells (progress rounds).
    pub fields: Vec<FieldValue>,
    /// Progress rounds: one entry per item row of the returned sheet.
    pub rows: Vec<Vec<FieldValue>>,
}

fn date(s: &str) -> Result<NaiveDate> {
    crate::dates::stored(s)
}

const ROUND_COLUMNS: &str = "id, token, title, kind, phase, document_id, policy_name, policy_doc_no, issued_on, due, notes, created_on, voided_at, voided_by, void_reason";

fn round_of(r: &rusqlite::Row<'_>) -> Result<Round> {
    let issued: Option<String> = r.get(8)?;
    Ok(Round {
        id: r.get(0)?,
        token: r.get(1)?,
        title: r.get(2)?,
        kind: RoundKind::from_code(&r.get::<_, String>(3)?),
        phase: r.get(4)?,
        document_id: r.get(5)?,
        policy_name: r.get(6)?,
        policy_doc_no: r.get(7)?,
        issued_on: issued
            .filter(|s| !s.is_empty())
            .map(|s| date(&s))
            .transpose()?,
        due: date(&r.get::<_, String>(9)?)?,
        notes: r.get(10)?,
        created_on: date(&r.get::<_, String>(11)?)?,
        counts: RoundCounts::default(),
        voided: crate::store::void::mark_at(r, 12)?,
    })
}

/// Every round, latest due first, with counts as of `today`.
pub fn list_rounds(conn: &Connection, today: NaiveDate) -> Result<Vec<Round>> {
    let mut st = conn.prepare(&format!(
        "SELECT {ROUND_COLUMNS} FROM rounds ORDER BY due DESC, id DESC"
    ))?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(round_of(r)?);
    }
    for round in &mut out {
        for t in targets(conn, round, today)? {
            round.counts.add(t.status);
        }
    }
    Ok(out)
}

/// One round with counts as of `today`.
pub fn round(conn: &Connection, id: i64, today: NaiveDate) -> Result<Round> {
    Ok(round_detail(conn, id, today)?.round)
}

/// The round's raw row (no counts); `NotFound` with a Chinese message when missing.
pub(super) fn round_row(conn: &Connection, id: i64) -> Result<Round> {
    let mut st = conn.prepare(&format!("SELECT {ROUND_COLUMNS} FROM rounds WHERE id = ?1"))?;
    let mut rows = st.query([id])?;
    match rows.next()? {
        Some(r) => round_of(r),
        None => Err(Error::NotFound(format!(
            "找不到编号为 {id} 的报送任务。请用“duban round list”或报送任务页面查看现有任务。"
        ))),
    }
}

/// The round whose template identity is `token`, if any.
pub(super) fn round_by_token(conn: &Connection, token: &str) -> Result<Option<Round>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM rounds WHERE token = ?1 AND voided_at IS NULL",
            [token],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| round_row(conn, id)).transpose()
}

/// A round, each target party's status as of `today`, and who to chase.
pub fn round_detail(conn: &Connection, id: i64, today: NaiveDate) -> Result<RoundDetail> {
    let mut round = round_row(conn, id)?;
    let targets = targets(conn, &round, today)?;
    for t in &targets {
        round.counts.add(t.status);
    }
    let mut to_chase: Vec<TargetRow> = targets
        .iter()
        .filter(|t| t.received_on.is_none())
        .cloned()
        .collect();
    to_chase.sort_by_key(|t| t.status != ReportStatus::Missing);
    Ok(RoundDetail {
        round,
        targets,
        to_chase,
    })
}

/// The round's target parties and their reports as of `today`: a report
/// received after `today` is not there yet (a bulletin as of a past day
/// shows the party as it stood then).
fn targets(conn: &Connection, round: &Round, today: NaiveDate) -> Result<Vec<TargetRow>> {
    let mut first: HashMap<i64, (NaiveDate, i64, u32)> = HashMap::new();
    let mut st = conn.prepare(
        "SELECT party_id, received_on, id FROM round_reports
          WHERE round_id = ?1 AND voided_at IS NULL AND received_on <= ?2
         ORDER BY received_on, id",
    )?;
    let mut rows = st.query(params![round.id, ymd(today)])?;
    while let Some(r) = rows.next()? {
        let received = date(&r.get::<_, String>(1)?)?;
        first
            .entry(r.get(0)?)
            .and_modify(|e| e.2 += 1)
            .or_insert((received, r.get(2)?, 1));
    }
    let mut st = conn.prepare(
        "SELECT p.id, p.name, p.kind FROM round_targets t JOIN parties p ON p.id = t.party_id
         WHERE t.round_id = ?1 ORDER BY p.sort_order, p.id",
    )?;
    let mut rows = st.query([round.id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let party_id: i64 = r.get(0)?;
        let got = first.get(&party_id).copied();
        let received_on = got.map(|g| g.0);
        out.push(TargetRow {
            party_id,
            party: r.get(1)?,
            kind: PartyKind::from_code(&r.get::<_, String>(2)?),
            status: report_status(round.due, received_on, today),
            received_on,
            report_id: got.map(|g| g.1),
            reports: got.map_or(0, |g| g.2),
        });
    }
    Ok(out)
}

/// A received report's content, in the form's order.
pub fn report_content(conn: &Connection, report_id: i64) -> Result<ReportContent> {
    let row: Option<(i64, String, String, String, String, String)> = conn
        .query_row(
            "SELECT r.round_id, ro.title, p.name, r.received_on, r.fields, coalesce(i.file_name, '')
             FROM round_reports r JOIN rounds ro ON ro.id = r.round_id JOIN parties p ON p.id = r.party_id
             LEFT JOIN imports i ON i.id = r.import_id WHERE r.id = ?1",
            [report_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((round_id, round, party, received, fields, file_name)) = row else {
        return Err(Error::NotFound(format!(
            "找不到编号为 {report_id} 的报送材料。"
        )));
    };
    let json: serde_json::Value = serde_json::from_str(&fields).unwrap_or_default();
    let (fields, rows) = split_fields(&json);
    Ok(ReportContent {
        report_id,
        round_id,
        round,
        party,
        received_on: date(&received)?,
        file_name,
        fields,
        rows,
    })
}

/// The stored JSON as ordered label/value pairs: the §2.3 labels first, in
/// the form's order, then any other scalar keys; `行` (progress rows) apart.
fn split_fields(json: &serde_json::Value) -> (Vec<FieldValue>, Vec<Vec<FieldValue>>) {
    let Some(obj) = json.as_object() else {
        return (Vec::new(), Vec::new());
    };
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut keys: Vec<&String> = obj
        .keys()
        .filter(|k| k.as_str() != super::form::ROWS_KEY)
        .collect();
    keys.sort_by_key(|k| {
        FORM_LABELS
            .iter()
            .position(|l| l == k)
            .unwrap_or(usize::MAX)
    });
    let fields = keys
        .into_iter()
        .map(|k| FieldValue {
            label: k.clone(),
            value: text(&obj[k]),
        })
        .collect();
    let rows = obj
        .get(super::form::ROWS_KEY)
        .and_then(|v| v.as_array())
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r.as_array())
                .map(|cells| {
                    cells
                        .iter()
                        .filter_map(|c| {
                            Some(FieldValue {
                                label: c.get(0)?.as_str()?.to_string(),
                                value: text(c.get(1)?),
                            })
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    (fields, rows)
}
