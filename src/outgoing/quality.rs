//! 公文办理质量 figures of a month or a quarter (seed §八), as a plain
//! function of loaded facts ([`quality_figures`]), loading them
//! ([`load_quality`]) and publishing them frozen ([`publish_quality`]).
//!
//! The counting rules (EXCHANGE, 公文办理质量):
//! - a department's 办理发文 are the documents it 主办 whose 印发 date is in
//!   the period (and not after the as-of day);
//! - events count against the department at fault, on documents counted in
//!   the period (a 会签逾期 counts against the late department, whoever 主办);
//! - 无问题率 = documents of the department with no event of its own ÷ its
//!   documents, in tenths of a percent rounded half up; none ("—") when it
//!   issued nothing;
//! - ranking by that rate, exact fractions, ties share a rank (1, 2, 2, 4);
//!   departments without documents are listed after, unranked.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::events::{events_of, EventKind, Gate, QualityEvent};
use super::issued_between;
use crate::circulation::figures::{rate_permille, rate_text};
use crate::dates::Month;
use crate::error::{invalid, Result};
use crate::org::PartyKind;
use crate::publications::{self, NewPublication, PublicationKind, PublicationSummary};
use crate::store::{Actor, Store};

/// The period of a 公文办理质量通报: a month (`2026-11`) or a quarter (`2026-Q4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ts_rs::TS)]
#[ts(type = "string")]
pub enum QualityPeriod {
    /// `YYYY-MM`.
    Month(Month),
    /// `YYYY-Qn`: year and quarter 1–4.
    Quarter(i32, u32),
}

impl QualityPeriod {
    /// Its first day.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            QualityPeriod::Month(m) => m.first_day(),
            QualityPeriod::Quarter(y, q) => Month {
                year: y,
                month: 3 * q - 2,
            }
            .first_day(),
        }
    }
    /// Its last day.
    pub fn last_day(&self) -> NaiveDate {
        match *self {
            QualityPeriod::Month(m) => m.last_day(),
            QualityPeriod::Quarter(y, q) => Month {
                year: y,
                month: 3 * q,
            }
            .last_day(),
        }
    }
    /// `2026年11月` / `2026年第四季度`.
    pub fn label(&self) -> String {
        match *self {
            QualityPeriod::Month(m) => m.label(),
            QualityPeriod::Quarter(y, q) => {
                format!("{y}年第{}季度", ["一", "二", "三", "四"][(q - 1) as usize])
            }
        }
    }
}

impl fmt::Display for QualityPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QualityPeriod::Month(m) => write!(f, "{m}"),
            QualityPeriod::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
        }
    }
}

impl FromStr for QualityPeriod {
    type Err = crate::Error;
    /// Reads `YYYY-MM` (01–12) or `YYYY-Qn` (n 1–4; `YYYYQn` too).
    fn from_str(s: &str) -> Result<QualityPeriod> {
        let t = s.trim();
        let hint = "请按 YYYY-MM（月度，如 2026-11）或 YYYY-Qn（季度，如 2026-Q4）填写。";
        let bad = |why: &str| invalid(format!("统计期间“{t}”无效{why}。{hint}"));
        let num = |x: &str| -> Option<u32> {
            (!x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
                .then(|| x.parse().ok())
                .flatten()
        };
        let (year, rest) = (t.get(..4).and_then(num), t.get(4..).unwrap_or(""));
        let year = year.ok_or_else(|| bad(""))? as i32;
        if !(1900..=9999).contains(&year) {
            return Err(bad("：年份应在 1900 至 9999 之间"));
        }
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let q = num(q).filter(|_| q.len() == 1).ok_or_else(|| bad(""))?;
            if !(1..=4).contains(&q) {
                return Err(bad("：季度应为 1 至 4"));
            }
            return Ok(QualityPeriod::Quarter(year, q));
        }
        if rest.len() != 2 || !t[4..].starts_with('-') {
            return Err(bad(""));
        }
        let month = num(rest).ok_or_else(|| bad(""))?;
        if !(1..=12).contains(&month) {
            return Err(bad("：月份应为 01 至 12"));
        }
        Ok(QualityPeriod::Month(Month { year, month }))
    }
}

impl Serialize for QualityPeriod {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for QualityPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A document counted in the period: its id and its 主办部门.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocFact {
    /// Row id in `outgoing_docs`.
    pub id: i64,
    /// The 主办部门 (`parties.id`).
    pub department_id: i64,
}

/// One department's line of the bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct QualityRow {
    /// The department (or 合计).
    pub department: String,
    /// 办理发文: documents it 主办 issued in the period.
    pub handled: u32,
    /// Of those, documents with no event of its own.
    pub clean: u32,
    /// 退文.
    pub returned: u32,
    /// 退改.
    pub revised: u32,
    /// 会签逾期.
    pub countersign_overdue: u32,
    /// 限时件超时.
    pub time_limit_late: u32,
    /// Every event of the department.
    pub events: u32,
    /// 退文 and 退改 by 关, in the order of [`Gate::ALL`].
    pub gates: Vec<u32>,
    /// 无问题率 in tenths of a percent; none when it issued nothing.
    pub rate_permille: Option<u32>,
    /// `95.0%` or `—`.
    pub rate_text: String,
    /// 排名; none when not ranked (nothing issued, or 合计).
    pub rank: Option<u32>,
}

impl QualityRow {
    fn new(department: &str) -> QualityRow {
        QualityRow {
            department: department.to_string(),
            handled: 0,
            clean: 0,
            returned: 0,
            revised: 0,
            countersign_overdue: 0,
            time_limit_late: 0,
            events: 0,
            gates: vec![0; Gate::ALL.len()],
            rate_permille: None,
            rate_text: String::new(),
            rank: None,
        }
    }
    fn add_event(&mut self, kind: EventKind, gate: Option<Gate>) {
        self.events += 1;
        match kind {
            EventKind::Returned => self.returned += 1,
            EventKind::Revised => self.revised += 1,
            EventKind::CountersignOverdue => self.countersign_overdue += 1,
            EventKind::TimeLimitLate => self.time_limit_late += 1,
        }
        if let Some(g) = gate {
            let i = Gate::ALL.iter().position(|x| *x == g).expect("in ALL");
            self.gates[i] += 1;
        }
    }
    fn finish(&mut self) {
        self.rate_permille = rate_permille(self.clean, self.handled);
        self.rate_text = rate_text(self.rate_permille);
    }
    /// 无问题率 as a fraction (0.95) for number cells; none when undefined.
    pub fn rate(&self) -> Option<f64> {
        self.rate_permille.map(|p| f64::from(p) / 1000.0)
    }
    fn cmp_rate(&self, other: &QualityRow) -> Ordering {
        // clean/handled, higher first, compared exactly.
        let a = u64::from(self.clean) * u64::from(other.handled);
        let b = u64::from(other.clean) * u64::from(self.handled);
        b.cmp(&a)
    }
}

/// The 公文办理质量 figures of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct QualityFigures {
    /// The period (`2026-11`, `2026-Q4`).
    pub period: QualityPeriod,
    /// `2026年11月` / `2026年第四季度`.
    pub period_label: String,
    /// The as-of day.
    pub as_of: NaiveDate,
    /// Departments with documents (ranked) then those with only events, in the organisation's order.
    pub departments: Vec<QualityRow>,
    /// 合计 over every department.
    pub total: QualityRow,
    /// Every event counted, by department then date (the 问题明细).
    pub details: Vec<QualityEvent>,
    /// 编发单位 (the setting `office_name` when loaded).
    #[serde(default)]
    pub issuer: String,
}

/// The figures of `period` from its documents and events. `departments` are
/// (id, name) in the organisation's order; an event or document of a
/// department not listed is ignored. `details` is left empty.
pub fn quality_figures(
    period: QualityPeriod,
    as_of: NaiveDate,
    departments: &[(i64, String)],
    docs: &[DocFact],
    events: &[(i64, i64, EventKind, Option<Gate>)],
) -> QualityFigures {
    let mut rows: Vec<QualityRow> = departments
        .iter()
        .map(|(_, n)| QualityRow::new(n))
        .collect();
    let at: HashMap<i64, usize> = departments
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let host: HashMap<i64, i64> = docs.iter().map(|d| (d.id, d.department_id)).collect();
    let mut dirty: std::collections::HashSet<(i64, i64)> = Default::default();
    let mut total = QualityRow::new("合计");
    for &(doc, dept, kind, gate) in events {
        if !host.contains_key(&doc) {
            continue;
        }
        if let Some(&i) = at.get(&dept) {
            rows[i].add_event(kind, gate);
            total.add_event(kind, gate);
            dirty.insert((doc, dept));
        }
    }
    for d in docs {
        if let Some(&i) = at.get(&d.department_id) {
            rows[i].handled += 1;
            total.handled += 1;
            if !dirty.contains(&(d.id, d.department_id)) {
                rows[i].clean += 1;
                total.clean += 1;
            }
        }
    }
    rows.iter_mut().for_each(QualityRow::finish);
    total.finish();
    let (mut ranked, rest): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .filter(|r| r.handled > 0 || r.events > 0)
        .partition(|r| r.handled > 0);
    ranked.sort_by(QualityRow::cmp_rate); // stable: the organisation's order within a tie
    for i in 0..ranked.len() {
        let rank = if i > 0 && ranked[i].cmp_rate(&ranked[i - 1]) == Ordering::Equal {
            ranked[i - 1].rank
        } else {
            Some(i as u32 + 1)
        };
        ranked[i].rank = rank;
    }
    ranked.extend(rest);
    QualityFigures {
        period,
        period_label: period.label(),
        as_of,
        departments: ranked,
        total,
        details: Vec::new(),
        issuer: String::new(),
    }
}

/// Loads the facts of `period` as of `as_of` (default: its last day) and computes the figures.
pub fn load_quality(
    conn: &Connection,
    period: &QualityPeriod,
    as_of: Option<NaiveDate>,
) -> Result<QualityFigures> {
    let as_of = as_of.unwrap_or(period.last_day());
    let to = as_of.min(period.last_day());
    let org = crate::org::list(conn)?;
    let docs = if to < period.first_day() {
        Vec::new()
    } else {
        issued_between(conn, period.first_day(), to)?
    };
    let mut details = Vec::new();
    for o in &docs {
        details.extend(events_of(conn, o, as_of)?);
    }
    // A department 停用 since still answers for the period: its documents and
    // the events against it (a late 会签 reply) stay in the figures.
    let departments: Vec<(i64, String)> = org
        .parties
        .iter()
        .filter(|p| p.kind == PartyKind::Department)
        .filter(|p| {
            p.active
                || docs.iter().any(|d| d.department_id == p.id)
                || details.iter().any(|e| e.department_id == p.id)
        })
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let facts: Vec<DocFact> = docs
        .iter()
        .map(|o| DocFact {
            id: o.id,
            department_id: o.department_id,
        })
        .collect();
    let events: Vec<_> = details
        .iter()
        .map(|e| (e.outgoing_id, e.department_id, e.kind, e.gate))
        .collect();
    let mut f = quality_figures(*period, as_of, &departments, &facts, &events);
    let order: HashMap<i64, usize> = departments
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    details.retain(|e| order.contains_key(&e.department_id));
    details.sort_by_key(|e| (order[&e.department_id], e.occurred_on, e.outgoing_id));
    f.details = details;
    f.issuer = crate::reminders::office_name(conn)?;
    Ok(f)
}

/// Computes `period` and publishes it (kind 公文办理质量通报): version 1, or
/// with a 更正原因 the next version. Refused, nothing written: a period not
/// ended on the actor's day without an explicit as-of day, a second
/// publication without 更正原因.
pub fn publish_quality(
    store: &mut Store,
    actor: &Actor,
    period: &QualityPeriod,
    as_of: Option<NaiveDate>,
    reason: Option<&str>,
) -> Result<(PublicationSummary, QualityFigures)> {
    if as_of.is_none() && actor.today() <= period.last_day() {
        return Err(invalid(format!(
            "{}尚未结束（截至 {}），不能按整期发布。如需发布截至某日的情况，请指定统计截止日期。",
            period.label(),
            crate::dates::ymd(period.last_day())
        )));
    }
    let figures = load_quality(store.conn(), period, as_of)?;
    let p = publications::publish(
        store,
        actor,
        &NewPublication {
            kind: PublicationKind::QualityBulletin,
            period: period.to_string(),
            as_of: figures.as_of,
            figures: serde_json::to_value(&figures).expect("figures serialise"),
            reason: reason.map(str::to_string),
        },
    )?;
    let frozen = p.figures_as()?;
    Ok((p.summary, frozen))
}

/// The current published version of `period`, as published; none when never published.
pub fn published_quality(
    conn: &Connection,
    period: &QualityPeriod,
) -> Result<Option<(PublicationSummary, QualityFigures)>> {
    match publications::current(conn, PublicationKind::QualityBulletin, &period.to_string())? {
        Some(p) => {
            let f = p.figures_as()?;
            Ok(Some((p.summary, f)))
        }
        None => Ok(None),
    }
}

/// The text summary of the bulletin (总体情况), one paragraph per entry.
pub fn quality_summary(f: &QualityFigures) -> Vec<String> {
    let t = &f.total;
    // Problems count for the department at fault, a 会签逾期 often not the
    // document's 主办部门, while a document is 无问题 by its 主办部门's own:
    // said, so that the clean documents and the problems found are not read
    // as adding up to the documents issued.
    let whose = if t.countersign_overdue > 0 {
        "（问题记入责任部门；无问题公文以主办部门本身有无问题计）"
    } else {
        ""
    };
    let mut out = vec![format!(
        "{}，各部门共印发公文 {} 件，其中无问题公文 {} 件，无问题率 {}；共发现问题 {} 个：退文 {} 件、退改 {} 件、会签逾期 {} 次{whose}、限时件超时 {} 件。",
        f.period_label, t.handled, t.clean, t.rate_text, t.events, t.returned, t.revised,
        t.countersign_overdue, t.time_limit_late
    )];
    let ranked: Vec<&QualityRow> = f.departments.iter().filter(|r| r.rank.is_some()).collect();
    if ranked.is_empty() {
        out.push("本期没有部门印发公文，不作排名。".to_string());
        return out;
    }
    let names = |rank: Option<u32>| {
        ranked
            .iter()
            .filter(|r| r.rank == rank)
            .map(|r| r.department.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    if ranked.len() == 1 {
        out.push(format!(
            "本期仅{}印发公文，无问题率 {}。",
            ranked[0].department, ranked[0].rate_text
        ));
        return out;
    }
    let first = ranked[0];
    let last = ranked[ranked.len() - 1];
    out.push(format!(
        "无问题率最高的是{}（{}）{}",
        names(first.rank),
        first.rate_text,
        if first.rank == last.rank {
            "，各部门并列。".to_string()
        } else {
            format!("；最低的是{}（{}）。", names(last.rank), last.rate_text)
        }
    ));
    let gates: Vec<String> = Gate::ALL
        .iter()
        .zip(&t.gates)
        .filter(|(_, n)| **n > 0)
        .map(|(g, n)| format!("{} {} 件", g.label(), n))
        .collect();
    if !gates.is_empty() {
        out.push(format!("退文、退改未通过的关口：{}。", gates.join("、")));
    }
    out
}
