//! 报送任务 (PRODUCT #10, seed §十二): reporting rounds from subordinate units.
//!
//! A round asks a set of parties for a report by a due date. For a policy
//! issued on D the office proposes the seed's two rounds ([`propose`]); the
//! office sends one template per unit ([`template`]), imports the returned
//! files ([`receive`]) and sees per unit whether it reported 按时, 迟报, 漏报
//! or is 未到期 ([`query`]).

mod create;
pub mod form;
pub mod propose;
pub mod query;
pub mod receive;
pub mod template;
mod void;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use create::{create_round, create_rounds, NewRound, Targets};
pub use propose::{propose_for_document, propose_for_policy, ProposedRound};
pub use query::{
    list_rounds, report_content, round_detail, ReportContent, Round, RoundCounts, RoundDetail,
    TargetRow,
};
pub use receive::{import_reports, ReportOutcome, RoundReportImporter};
pub use template::{write_templates, TemplateFile};
pub use void::void_round;

/// What a round asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// 落实进展: feedback on the party's items (the §2.2 sheet).
    Progress,
    /// 政策措施落实情况: the §2.3 form.
    Policy,
}

impl RoundKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            RoundKind::Progress => "progress",
            RoundKind::Policy => "policy",
        }
    }
    /// From the stored code.
    pub fn from_code(s: &str) -> RoundKind {
        if s == "policy" {
            RoundKind::Policy
        } else {
            RoundKind::Progress
        }
    }
    /// 落实进展 / 政策措施.
    pub fn label(self) -> &'static str {
        match self {
            RoundKind::Progress => "落实进展",
            RoundKind::Policy => "政策措施落实情况",
        }
    }
}

/// Where a target party stands in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// 按时: received on or before the due date.
    OnTime,
    /// 迟报: received after the due date.
    Late,
    /// 漏报: nothing received and the due date has passed.
    Missing,
    /// 未到期: nothing received yet, not due yet (the due day itself included).
    NotDue,
}

impl ReportStatus {
    /// 按时 / 迟报 / 漏报 / 未到期.
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::OnTime => "按时",
            ReportStatus::Late => "迟报",
            ReportStatus::Missing => "漏报",
            ReportStatus::NotDue => "未到期",
        }
    }
}

/// The status of a party with due date `due`, first report received on
/// `received` (none yet), seen on `today`.
pub fn report_status(
    due: NaiveDate,
    received: Option<NaiveDate>,
    today: NaiveDate,
) -> ReportStatus {
    match received {
        Some(r) if r <= due => ReportStatus::OnTime,
        Some(_) => ReportStatus::Late,
        None if today > due => ReportStatus::Missing,
        None => ReportStatus::NotDue,
    }
}

/// [`report_status`] at the end of day `as_of`, as the figures of §3 and §6
/// are evaluated: a party with nothing received by the end of its due day is
/// 漏报 then, as an item due on A and open at the end of A is overdue. (Seen
/// during a day, [`report_status`] still calls a report due that day 未到期.)
/// `received` must already leave out what came after `as_of`.
pub fn report_status_at_end_of(
    due: NaiveDate,
    received: Option<NaiveDate>,
    as_of: NaiveDate,
) -> ReportStatus {
    report_status(due, received, as_of.succ_opt().unwrap_or(as_of))
}

/// The labels of the §2.3 form, in order.
pub const FORM_LABELS: [&str; 13] = [
    "填报单位",
    "政策措施名称",
    "文号",
    "传达学习情况",
    "采取的措施",
    "当地反映",
    "实施效果",
    "典型做法",
    "困难问题",
    "意见建议",
    "填报人",
    "联系电话",
    "报送日期",
];

/// Phase of the first statutory round (within one month of issue).
pub const PHASE_FIRST: &str = "一个月内";
/// Phase of the second statutory round (within two months: the first month's results).
pub const PHASE_SECOND: &str = "两个月内";

/// The long-text fields a policy round of `phase` asks for (all seven when
/// the phase is neither statutory one).
pub fn phase_fields(phase: &str) -> &'static [&'static str] {
    match phase {
        PHASE_FIRST => &FORM_LABELS[3..6],
        PHASE_SECOND => &FORM_LABELS[6..10],
        _ => &FORM_LABELS[3..10],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_ymd(s).unwrap()
    }

    #[test]
    fn report_status_follows_due_date_and_today() {
        let due = d("2026-10-15");
        for (received, today, expect) in [
            (Some("2026-10-15"), "2026-10-20", ReportStatus::OnTime),
            (Some("2026-10-01"), "2026-10-02", ReportStatus::OnTime),
            (Some("2026-10-16"), "2026-10-20", ReportStatus::Late),
            (None, "2026-10-15", ReportStatus::NotDue),
            (None, "2026-10-16", ReportStatus::Missing),
        ] {
            assert_eq!(
                report_status(due, received.map(d), d(today)),
                expect,
                "received {received:?} seen {today}"
            );
        }
    }

    #[test]
    fn phases_ask_for_the_seed_fields() {
        assert_eq!(
            phase_fields(PHASE_FIRST),
            ["传达学习情况", "采取的措施", "当地反映"]
        );
        assert_eq!(
            phase_fields(PHASE_SECOND),
            ["实施效果", "典型做法", "困难问题", "意见建议"]
        );
        assert_eq!(phase_fields("").len(), 7);
    }
}
