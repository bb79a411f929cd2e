//! 绩效考核 (PRODUCT #14, EXCHANGE §6): scores per department and unit for a
//! month, a quarter or a year, from the data the office already has.
//!
//! - [`AssessPeriod`]: `YYYY-MM`, `YYYYQn`, `YYYY`, read strictly.
//! - `scores.rs`: the rules of §6 as plain functions of per-party facts
//!   ([`score_parties`]), tested on their own.
//! - `load.rs`: gathering the facts — §3's counts through
//!   [`crate::circulation::lead_tallies`] over `[F, A]`, the rounds' 按时 / 迟报 /
//!   漏报 through [`crate::rounds::report_status`], 综合评价, and the facts of
//!   other capabilities through one seam ([`ExternalFacts`]) — and publishing.
//! - `schemes.rs`: weights and factors (考核方案), the shipped 默认方案 and copies.
//! - `manual.rs` / `import.rs`: 综合评价 typed in, or imported through the one loader.
//! - `workbook.rs`: the print-ready workbook.

mod import;
mod load;
mod manual;
mod schemes;
mod scores;
pub mod workbook;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::circulation::Month;
use crate::error::{invalid, Result};

pub use import::{import_manual, ManualImporter, MANUAL_FIELDS};
pub use load::{
    assess, external_facts, publish_assessment, published_assessment, ExternalFacts, RateCount,
};
pub use manual::{check_manual_score, manual_scores, set_manual, set_manual_in, ManualScore};
pub use schemes::{
    choose_scheme, copy_scheme, list_schemes, scheme_by_name, scheme_for, update_scheme, Scheme,
    SchemeBody, SchemeChange, DEFAULT_SCHEME,
};
pub use scores::{score_parties, score_text, PartyFacts, ReportCounts};
pub use workbook::{export_assessment, write_assessment};

/// A 考核期间: a month, a quarter or a year.
/// Crosses as its text (`2026-11`, `2026Q4`, `2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ts_rs::TS)]
#[ts(type = "string")]
pub enum AssessPeriod {
    /// `YYYY-MM`.
    Month(Month),
    /// `YYYYQn`: year and quarter 1–4.
    Quarter(i32, u32),
    /// `YYYY`.
    Year(i32),
}

impl AssessPeriod {
    /// Its first day F.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            AssessPeriod::Month(m) => m.first_day(),
            AssessPeriod::Quarter(y, q) => Month {
                year: y,
                month: 3 * q - 2,
            }
            .first_day(),
            AssessPeriod::Year(y) => Month { year: y, month: 1 }.first_day(),
        }
    }
    /// The as-of day of figures computed now: `as_of` when given, else the
    /// last day of a period that has ended, or `today` in one still running
    /// (as of its last day, items due later would count as past due).
    pub fn as_of_seen_on(&self, as_of: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
        as_of.unwrap_or(today.min(self.last_day()))
    }
    /// Its last day L.
    pub fn last_day(&self) -> NaiveDate {
        match *self {
            AssessPeriod::Month(m) => m.last_day(),
            AssessPeriod::Quarter(y, q) => Month {
                year: y,
                month: 3 * q,
            }
            .last_day(),
            AssessPeriod::Year(y) => Month { year: y, month: 12 }.last_day(),
        }
    }
    /// `2026年11月`, `2026年第四季度`, `2026年度`.
    pub fn label(&self) -> String {
        match *self {
            AssessPeriod::Month(m) => m.label(),
            AssessPeriod::Quarter(y, q) => {
                format!("{y}年第{}季度", ["一", "二", "三", "四"][(q - 1) as usize])
            }
            AssessPeriod::Year(y) => format!("{y}年度"),
        }
    }
}

impl fmt::Display for AssessPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssessPeriod::Month(m) => write!(f, "{m}"),
            AssessPeriod::Quarter(y, q) => write!(f, "{y:04}Q{q}"),
            AssessPeriod::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl Serialize for AssessPeriod {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AssessPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for AssessPeriod {
    type Err = crate::Error;
    /// Reads exactly `YYYY-MM` (month 01–12), `YYYYQn` (n 1–4) or `YYYY`.
    fn from_str(s: &str) -> Result<AssessPeriod> {
        let t = s.trim();
        let hint = "请按 YYYY-MM（月度，如 2026-11）、YYYYQn（季度，如 2026Q4）或 YYYY（年度，如 2026）填写。";
        let bad = |why: &str| invalid(format!("考核期间“{t}”无效{why}。{hint}"));
        let b = t.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|_| t[r].parse::<u32>().expect("ascii digits"))
        };
        let year = digits(0..4).ok_or_else(|| bad(""))? as i32;
        if !(1900..=9999).contains(&year) {
            return Err(bad("：年份应在 1900 至 9999 之间"));
        }
        match (b.len(), b.get(4)) {
            (4, None) => Ok(AssessPeriod::Year(year)),
            (7, Some(b'-')) => {
                let month = digits(5..7).ok_or_else(|| bad(""))?;
                if !(1..=12).contains(&month) {
                    return Err(bad("：月份应为 01 至 12"));
                }
                Ok(AssessPeriod::Month(Month { year, month }))
            }
            (6, Some(b'Q' | b'q')) => {
                let q = digits(5..6).ok_or_else(|| bad(""))?;
                if !(1..=4).contains(&q) {
                    return Err(bad("：季度应为 1 至 4"));
                }
                Ok(AssessPeriod::Quarter(year, q))
            }
            _ => Err(bad("")),
        }
    }
}

/// An indicator of §6.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorId {
    /// 按期办结率 (both).
    OnTimeRate,
    /// 逾期未办结 (both).
    OverdueOpen,
    /// 延期次数 (both).
    Extensions,
    /// 报送及时率 (units).
    ReportTimeliness,
    /// 整改完成率 (units).
    RectificationRate,
    /// 负面舆情 (units).
    NegativeOpinion,
    /// 舆情报告纪律 (units).
    OpinionDiscipline,
    /// 约谈问责 (both).
    Accountability,
    /// 综合评价 (both).
    Manual,
}

impl IndicatorId {
    /// Every indicator, in the order of §6.
    pub const ALL: [IndicatorId; 9] = [
        IndicatorId::OnTimeRate,
        IndicatorId::OverdueOpen,
        IndicatorId::Extensions,
        IndicatorId::ReportTimeliness,
        IndicatorId::RectificationRate,
        IndicatorId::NegativeOpinion,
        IndicatorId::OpinionDiscipline,
        IndicatorId::Accountability,
        IndicatorId::Manual,
    ];
    /// The id of §6 (`on_time_rate` …).
    pub fn code(self) -> &'static str {
        match self {
            IndicatorId::OnTimeRate => "on_time_rate",
            IndicatorId::OverdueOpen => "overdue_open",
            IndicatorId::Extensions => "extensions",
            IndicatorId::ReportTimeliness => "report_timeliness",
            IndicatorId::RectificationRate => "rectification_rate",
            IndicatorId::NegativeOpinion => "negative_opinion",
            IndicatorId::OpinionDiscipline => "opinion_discipline",
            IndicatorId::Accountability => "accountability",
            IndicatorId::Manual => "manual",
        }
    }
    /// 按期办结率 …
    pub fn label(self) -> &'static str {
        match self {
            IndicatorId::OnTimeRate => "按期办结率",
            IndicatorId::OverdueOpen => "逾期未办结",
            IndicatorId::Extensions => "延期次数",
            IndicatorId::ReportTimeliness => "报送及时率",
            IndicatorId::RectificationRate => "整改完成率",
            IndicatorId::NegativeOpinion => "负面舆情",
            IndicatorId::OpinionDiscipline => "舆情报告纪律",
            IndicatorId::Accountability => "约谈问责",
            IndicatorId::Manual => "综合评价",
        }
    }
    /// A rate indicator: a party is scored only when one of these is defined.
    pub fn is_rate(self) -> bool {
        matches!(
            self,
            IndicatorId::OnTimeRate
                | IndicatorId::ReportTimeliness
                | IndicatorId::RectificationRate
        )
    }
    /// A count scored `max(0, 100 − factor × value)`: it has a factor.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            IndicatorId::OverdueOpen
                | IndicatorId::Extensions
                | IndicatorId::NegativeOpinion
                | IndicatorId::OpinionDiscipline
                | IndicatorId::Accountability
        )
    }
    /// Whether departments are scored on it (the others are for units only).
    pub fn for_departments(self) -> bool {
        matches!(
            self,
            IndicatorId::OnTimeRate
                | IndicatorId::OverdueOpen
                | IndicatorId::Extensions
                | IndicatorId::Accountability
                | IndicatorId::Manual
        )
    }
}

impl FromStr for IndicatorId {
    type Err = crate::Error;
    /// The id (`on_time_rate`) or the Chinese name (按期办结率).
    fn from_str(s: &str) -> Result<IndicatorId> {
        let t = s.trim();
        IndicatorId::ALL
            .into_iter()
            .find(|i| i.code() == t || i.label() == t)
            .ok_or_else(|| {
                invalid(format!(
                    "指标“{t}”无法识别。可用的指标：{}。",
                    IndicatorId::ALL
                        .iter()
                        .map(|i| format!("{}（{}）", i.code(), i.label()))
                        .collect::<Vec<_>>()
                        .join("、")
                ))
            })
    }
}

/// One indicator of a party: its value, its score s_i and its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct IndicatorScore {
    /// Which indicator.
    pub id: IndicatorId,
    /// The value: a rate as a fraction (0.5625), a count, or the typed-in score.
    pub value: f64,
    /// s_i in [0, 100].
    pub score: f64,
    /// Its weight in the scheme for this kind of party.
    pub weight: f64,
}

/// One party's row: its score, rank and defined indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PartyScore {
    /// The party's name.
    pub party: String,
    /// Σ wᵢ·sᵢ / Σ wᵢ over the defined indicators (exact); none when not scored.
    pub score: Option<f64>,
    /// Its rank among its kind; none when not scored.
    pub rank: Option<u32>,
    /// The indicators defined for it, in the order of §6.
    pub indicators: Vec<IndicatorScore>,
}

/// The assessment of a period (EXCHANGE §4: `{period, as_of, departments, units}`),
/// with the name of the scheme it was scored by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Assessment {
    /// The period (`2026-11`, `2026Q4`, `2026`).
    pub period: AssessPeriod,
    /// The as-of day A.
    pub as_of: NaiveDate,
    /// 部门: ranked among themselves, unscored ones last.
    pub departments: Vec<PartyScore>,
    /// 单位: ranked among themselves, unscored ones last.
    pub units: Vec<PartyScore>,
    /// The scheme's name (默认方案 unless another was chosen for the period).
    pub scheme: String,
}
