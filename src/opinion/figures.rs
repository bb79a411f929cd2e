//! The §5 figures as plain functions of incidents, limits and units: what
//! each incident counts as ([`classify`]), the counts of a unit ([`UnitCounts`]),
//! and the month's ranking and flags ([`compute`]).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Level, Limits};
use crate::dates::Month;

/// What the figures need of an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentFact {
    /// The unit.
    pub party_id: i64,
    /// 发生时间 (decides the month).
    pub occurred_at: NaiveDateTime,
    /// 发现时间; None: 发生时间 counts.
    pub discovered_at: Option<NaiveDateTime>,
    /// 报告时间; None: never reported.
    pub reported_at: Option<NaiveDateTime>,
    /// 等级.
    pub level: Level,
    /// 是否负面.
    pub negative: bool,
    /// Marked 瞒报 by the office.
    pub concealed: bool,
}

/// How an incident stands against the reporting discipline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    /// 按时: reported within its level's limit after discovery (the limit included).
    OnTime,
    /// 迟报: reported after the limit.
    Late,
    /// 漏报: never reported.
    Missing,
    /// 瞒报: marked so by the office (counted once, not also as 漏报 or 迟报).
    Concealed,
}

impl Discipline {
    /// 按时 / 迟报 / 漏报 / 瞒报.
    pub fn label(self) -> &'static str {
        match self {
            Discipline::OnTime => "按时",
            Discipline::Late => "迟报",
            Discipline::Missing => "漏报",
            Discipline::Concealed => "瞒报",
        }
    }
}

/// What an incident counts as: 瞒报 when marked (whatever else holds);
/// otherwise, for a negative incident, 漏报 without 报告时间, 按时 when reported
/// at most its level's limit after discovery (发现时间, else 发生时间), 迟报
/// after. A non-negative incident not marked is not judged (None).
pub fn classify(i: &IncidentFact, limits: &Limits) -> Option<Discipline> {
    if i.concealed {
        return Some(Discipline::Concealed);
    }
    if !i.negative {
        return None;
    }
    let Some(reported) = i.reported_at else {
        return Some(Discipline::Missing);
    };
    let found = i.discovered_at.unwrap_or(i.occurred_at);
    let allowed = i64::from(limits.of(i.level)) * 60;
    Some(if (reported - found).num_seconds() <= allowed {
        Discipline::OnTime
    } else {
        Discipline::Late
    })
}

/// The counts of one unit over a set of incidents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct UnitCounts {
    /// 舆情数.
    pub total: u32,
    /// 负面数.
    pub negative: u32,
    /// 重大及以上 (重大 + 特别重大).
    pub major: u32,
    /// 迟报.
    pub late: u32,
    /// 漏报.
    pub missing: u32,
    /// 瞒报.
    pub concealed: u32,
    /// Negative incidents reported within the limit.
    pub on_time: u32,
}

impl UnitCounts {
    /// Adds one incident.
    pub fn add(&mut self, i: &IncidentFact, limits: &Limits) {
        self.total += 1;
        self.negative += u32::from(i.negative);
        self.major += u32::from(i.level.is_major_or_above());
        match classify(i, limits) {
            Some(Discipline::OnTime) => self.on_time += 1,
            Some(Discipline::Late) => self.late += 1,
            Some(Discipline::Missing) => self.missing += 1,
            Some(Discipline::Concealed) => self.concealed += 1,
            None => {}
        }
    }
    /// 迟报 + 漏报 + 瞒报 (the second ranking key; the assessment's `opinion_discipline`).
    pub fn discipline(&self) -> u32 {
        self.late + self.missing + self.concealed
    }
    /// 按时报告率 in tenths of a percent, rounded half up; None when 负面数 = 0.
    pub fn on_time_permille(&self) -> Option<u32> {
        if self.negative == 0 {
            return None;
        }
        let (n, d) = (u64::from(self.on_time), u64::from(self.negative));
        Some(((2000 * n + d) / (2 * d)) as u32)
    }
    /// 按时报告率 as the number a `0.0%` cell holds (0.667 for 66.7%); None when undefined.
    pub fn on_time_rate(&self) -> Option<f64> {
        self.on_time_permille().map(|p| f64::from(p) / 1000.0)
    }
}

/// A flag of §5, serialised as its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub enum Flag {
    /// Ranked in the last three places with at least one negative incident.
    #[serde(rename = "排名靠后")]
    LowRank,
    /// Negative counts rising two months running (M−2 < M−1 < M).
    #[serde(rename = "负面上升")]
    NegativeRising,
    /// Any 瞒报 in M.
    #[serde(rename = "瞒报")]
    Concealed,
}

impl Flag {
    /// 排名靠后 / 负面上升 / 瞒报.
    pub fn word(self) -> &'static str {
        match self {
            Flag::LowRank => "排名靠后",
            Flag::NegativeRising => "负面上升",
            Flag::Concealed => "瞒报",
        }
    }
}

/// One unit's row of the month (EXCHANGE §4 `opinion stats --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct UnitStats {
    /// The unit's name.
    pub party: String,
    /// 舆情数.
    pub total: u32,
    /// 负面数.
    pub negative: u32,
    /// 重大及以上.
    pub major: u32,
    /// 迟报.
    pub late: u32,
    /// 漏报.
    pub missing: u32,
    /// 瞒报.
    pub concealed: u32,
    /// 按时报告率 (0.667 for 66.7%, rounded to a tenth of a percent); null when 负面数 = 0.
    pub on_time_rate: Option<f64>,
    /// 名次 (equal keys share one).
    pub rank: u32,
    /// 排名靠后 / 负面上升 / 瞒报.
    pub flags: Vec<Flag>,
    /// The unit's `parties.id`.
    #[serde(skip)]
    #[ts(skip)]
    pub party_id: i64,
    /// Negative incidents reported on time.
    #[serde(skip)]
    #[ts(skip)]
    pub on_time: u32,
    /// 负面数 of M−2 and M−1 (the 负面上升 flag).
    #[serde(skip)]
    #[ts(skip)]
    pub negative_before: [u32; 2],
}

/// A unit to list: id and name, in the organisation's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    /// `parties.id`.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// The §5 table of month `m`: one row per unit of `units` (in that order
/// before ranking), from `incidents` (those of other months than M, M−1 and
/// M−2 are ignored), ranked by 负面数, then 迟报 + 漏报 + 瞒报, then 重大及以上,
/// all ascending, equal keys sharing a rank; then flagged. Rows come in rank
/// order (ties in the units' order).
pub fn compute(
    m: Month,
    units: &[UnitRef],
    incidents: &[IncidentFact],
    limits: &Limits,
) -> Vec<UnitStats> {
    let (m1, m2) = (m.prev(), m.prev().prev());
    let mut now: HashMap<i64, UnitCounts> = HashMap::new();
    let mut before: HashMap<i64, [u32; 2]> = HashMap::new();
    for i in incidents {
        let im = super::month_of(i);
        if im == m {
            now.entry(i.party_id).or_default().add(i, limits);
        } else if i.negative && (im == m1 || im == m2) {
            let slot = usize::from(im == m1);
            before.entry(i.party_id).or_default()[slot] += 1;
        }
    }
    let mut rows: Vec<UnitStats> = units
        .iter()
        .map(|u| {
            let c = now.get(&u.id).copied().unwrap_or_default();
            UnitStats {
                party: u.name.clone(),
                total: c.total,
                negative: c.negative,
                major: c.major,
                late: c.late,
                missing: c.missing,
                concealed: c.concealed,
                on_time_rate: c.on_time_rate(),
                rank: 0,
                flags: Vec::new(),
                party_id: u.id,
                on_time: c.on_time,
                negative_before: before.get(&u.id).copied().unwrap_or_default(),
            }
        })
        .collect();
    let key = |r: &UnitStats| (r.negative, r.late + r.missing + r.concealed, r.major);
    // A stable sort keeps the units' order among equals.
    rows.sort_by_key(key);
    let n = rows.len() as u32;
    for i in 0..rows.len() {
        rows[i].rank = if i > 0 && key(&rows[i - 1]) == key(&rows[i]) {
            rows[i - 1].rank
        } else {
            i as u32 + 1
        };
    }
    for r in &mut rows {
        if r.rank + 3 > n && r.negative >= 1 {
            r.flags.push(Flag::LowRank);
        }
        let [two_ago, last] = r.negative_before;
        if two_ago < last && last < r.negative {
            r.flags.push(Flag::NegativeRising);
        }
        if r.concealed > 0 {
            r.flags.push(Flag::Concealed);
        }
    }
    rows
}
