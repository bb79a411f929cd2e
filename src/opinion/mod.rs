//! 舆情 (PRODUCT #15, EXCHANGE §2.6 and §5): public-opinion incidents per
//! unit, the reporting limits per level, the monthly figures, ranking and
//! flags, and the reminder of a major negative incident left 处置中.
//!
//! - An incident is identified by (unit, 舆情标题, 发生时间): entered in the
//!   app ([`create`], [`update`]) or imported from a unit's 舆情情况登记表
//!   (the importer lives in `imports`, which calls [`upsert_in`]); the same
//!   three again update the incident.
//! - The office marks an incident 瞒报 with a reason ([`mark_concealed`]) or
//!   records one the unit never reported ([`create`] without 报告时间, by the
//!   office: 漏报).
//! - The figures are plain functions of incidents and limits ([`figures`]);
//!   [`stats`] loads them for a month, [`counts_by_unit`] for any date range
//!   (the assessment's `negative_opinion` and `opinion_discipline`).
//! - The reporting limits are settings (`opinion_limit_<level>`, minutes),
//!   defaulting to §5 ([`Limits`]).

pub mod figures;
mod limits;
mod queries;
mod record;
mod workbook;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::dates::Month;
use crate::error::{invalid, Error, Result};
use crate::reminders::{Reminder, ReminderKind, ScanContext};

pub use figures::{classify, Discipline, Flag, IncidentFact, UnitCounts, UnitStats};
pub use limits::{duration_text, limits, set_limit, Limits};
pub use queries::{counts_by_unit, get, list, stats, trend, IncidentFilter, MonthCount, UnitTrend};
pub use record::{check, create, mark_concealed, unit_of, update, upsert_in, RowSource};
pub use workbook::{export_opinion, write_opinion};

/// 等级: 一般 / 较大 / 重大 / 特别重大.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 一般
    General,
    /// 较大
    Larger,
    /// 重大
    Major,
    /// 特别重大
    Critical,
}

impl Level {
    /// Every level, from the lowest.
    pub const ALL: [Level; 4] = [Level::General, Level::Larger, Level::Major, Level::Critical];
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Level::General => "general",
            Level::Larger => "larger",
            Level::Major => "major",
            Level::Critical => "critical",
        }
    }
    /// 一般 / 较大 / 重大 / 特别重大.
    pub fn label(self) -> &'static str {
        match self {
            Level::General => "一般",
            Level::Larger => "较大",
            Level::Major => "重大",
            Level::Critical => "特别重大",
        }
    }
    /// From the sheet's word (or the stored code); None for anything else.
    pub fn from_word(text: &str) -> Option<Level> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.trim_end_matches("舆情").trim_end_matches('级');
        Level::ALL
            .into_iter()
            .find(|l| l.label() == t || l.code() == t)
    }
    /// 重大 or 特别重大 (the 重大及以上 column, the reminder).
    pub fn is_major_or_above(self) -> bool {
        self >= Level::Major
    }
    /// The §5 default reporting limit in minutes.
    pub fn default_limit_minutes(self) -> u32 {
        match self {
            Level::General => 24 * 60,
            Level::Larger => 12 * 60,
            Level::Major => 2 * 60,
            Level::Critical => 60,
        }
    }
}

impl std::str::FromStr for Level {
    type Err = Error;
    fn from_str(s: &str) -> Result<Level> {
        Level::from_word(s).ok_or_else(|| invalid(unknown_level(s)))
    }
}

/// The Chinese reason for an unknown level word.
pub fn unknown_level(text: &str) -> String {
    format!(
        "等级“{}”无法识别（可填：一般、较大、重大、特别重大）",
        text.trim()
    )
}

/// 处置状态: 处置中 / 已处置.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// 处置中
    Handling,
    /// 已处置
    Handled,
}

impl Handling {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Handling::Handling => "handling",
            Handling::Handled => "handled",
        }
    }
    /// 处置中 / 已处置.
    pub fn label(self) -> &'static str {
        match self {
            Handling::Handling => "处置中",
            Handling::Handled => "已处置",
        }
    }
    /// From the sheet's word (处置中, 处理中, 正在处置 / 已处置, 处置完毕, 已处理, 已完成) or the code.
    pub fn from_word(text: &str) -> Option<Handling> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match t.as_str() {
            "处置中" | "处理中" | "正在处置" | "正在处理" | "未处置" | "handling" => {
                Some(Handling::Handling)
            }
            "已处置" | "处置完毕" | "已处理" | "已完成" | "完成" | "已办结" | "handled" => {
                Some(Handling::Handled)
            }
            _ => None,
        }
    }
}

impl std::str::FromStr for Handling {
    type Err = Error;
    fn from_str(s: &str) -> Result<Handling> {
        Handling::from_word(s).ok_or_else(|| {
            invalid(format!(
                "处置状态“{}”无法识别（可填：处置中、已处置）",
                s.trim()
            ))
        })
    }
}

/// 是否负面: 是 / 否 (also 负面 / 非负面, Y / N).
pub fn negative_word(text: &str) -> Option<bool> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    match t.to_ascii_lowercase().as_str() {
        "是" | "负面" | "y" | "yes" | "true" => Some(true),
        "否" | "非负面" | "正面" | "中性" | "n" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// The time a date alone means for 发生/发现 (00:00).
pub const DATE_ONLY_START: NaiveTime = NaiveTime::MIN;

/// The time a date alone means for 报告 (23:59).
pub fn date_only_report() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 0).expect("23:59 exists")
}

/// A 发生/发现 moment from a date and an optional time (a date alone: 00:00).
pub fn start_moment(day: NaiveDate, time: Option<NaiveTime>) -> NaiveDateTime {
    day.and_time(time.unwrap_or(DATE_ONLY_START))
}

/// A 报告 moment from a date and an optional time (a date alone: 23:59).
pub fn report_moment(day: NaiveDate, time: Option<NaiveTime>) -> NaiveDateTime {
    day.and_time(time.unwrap_or_else(date_only_report))
}

/// An incident as entered or imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewIncident {
    /// The unit (name or alias).
    pub party: String,
    /// 舆情标题.
    pub title: String,
    /// 发生时间.
    pub occurred_at: NaiveDateTime,
    /// 发现时间; None: not given (发生时间 counts for the limit).
    pub discovered_at: Option<NaiveDateTime>,
    /// 报告时间; None: never reported (漏报).
    pub reported_at: Option<NaiveDateTime>,
    /// 来源渠道.
    pub channel: String,
    /// 等级.
    pub level: Level,
    /// 是否负面.
    pub negative: bool,
    /// 处置情况.
    pub handling: String,
    /// 处置状态.
    pub status: Handling,
    /// 备注.
    pub note: String,
}

/// One stored incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Incident {
    /// Row id in `opinion_incidents`.
    pub id: i64,
    /// The unit's `parties.id`.
    pub party_id: i64,
    /// The unit's name.
    pub party: String,
    /// 舆情标题.
    pub title: String,
    /// 发生时间.
    pub occurred_at: NaiveDateTime,
    /// 发现时间; None when not given.
    pub discovered_at: Option<NaiveDateTime>,
    /// 报告时间; None: never reported.
    pub reported_at: Option<NaiveDateTime>,
    /// 来源渠道.
    pub channel: String,
    /// 等级.
    pub level: Level,
    /// 是否负面.
    pub negative: bool,
    /// 处置情况.
    pub handling: String,
    /// 处置状态.
    pub status: Handling,
    /// 备注.
    pub note: String,
    /// Marked 瞒报 by the office.
    pub concealed: bool,
    /// Why the office marked it 瞒报; empty otherwise.
    pub concealed_reason: String,
    /// Recorded by the office rather than reported by the unit.
    pub by_office: bool,
    /// 按时 / 迟报 / 漏报 / 瞒报 under the current limits; None for a non-negative incident not marked.
    pub discipline: Option<Discipline>,
}

impl Incident {
    /// The facts the figures read.
    pub fn fact(&self) -> IncidentFact {
        IncidentFact {
            party_id: self.party_id,
            occurred_at: self.occurred_at,
            discovered_at: self.discovered_at,
            reported_at: self.reported_at,
            level: self.level,
            negative: self.negative,
            concealed: self.concealed,
        }
    }
}

/// The month of an incident: that of its 发生时间 (§5).
pub fn month_of(i: &IncidentFact) -> Month {
    Month::of(i.occurred_at.date())
}

/// Reminder source (`opinion_unhandled`): a negative incident of level 重大
/// or above still 处置中 once one working day has passed since it was
/// discovered (发现时间, else 发生时间): due on the working day after that day.
pub fn reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    for i in queries::open_major_negative(ctx.conn)? {
        let found = i.discovered_at.unwrap_or(i.occurred_at).date();
        let due = ctx.cal.add_workdays(found, 1);
        if ctx.window.today < due {
            continue;
        }
        let mut r = Reminder::new(
            ReminderKind::OpinionUnhandled,
            format!("舆情#{}", i.id),
            i.party.clone(),
            due,
            format!(
                "{}负面舆情“{}”发现已超过 1 个工作日仍在处置中，请督促{}尽快处置并报告结果。",
                i.level.label(),
                i.title,
                i.party
            ),
        );
        r.title = i.title.clone();
        r.days_late = ctx.window.days_late(due);
        out.push(r);
    }
    Ok(())
}
