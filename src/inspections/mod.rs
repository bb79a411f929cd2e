//! 督查 and 整改 (PRODUCT #12, #13; EXCHANGE §7): inspections of
//! subordinate units (or departments), the problems found there or by another
//! supervising source, the rectification items (整改事项) that chase each
//! problem until the three checks of 三不放过 hold, and 回头看 / 再督查.
//!
//! - [`inspection`]: an inspection (督查〔YYYY〕N号 per year), its 类型 / 方式,
//!   targets, linked documents and items, its team from the roster
//!   (`crate::org::people`), and its seven [`Stage`]s done in order; the ones
//!   that do not apply are [`Stage::applies`] false (不适用).
//! - [`findings`]: a problem against one unit, from an inspection or from
//!   执法督察 / 审计 / 巡视 / 干部监督, which becomes a 整改事项; a
//!   普遍性问题 sent as 防范整改 items to other units in one transaction.
//! - [`rectify`]: the 整改事项 (`ZG<year>-<nnn>`): progress, the unit's
//!   report (never closes), the three checks, 销号 (refused naming the missing
//!   checks), reopening.
//! - [`chase`]: 催办 of a 整改事项, as of an item.
//! - [`followups`]: 回头看 / 再督查 of a closed item or a whole inspection.
//! - [`queries`]: the 整改台账 query, details, the per-inspection summary, the
//!   assessment's figure ([`queries::rectification_timeliness`]).
//! - [`reminders`]: `rectification_red`, `rectification_yellow`, `followup_due`.
//!
//! Lights use the items' rule and calendar (`crate::items::light_of`).
//! Every write is one transaction with one audit entry.

pub mod chase;
pub mod findings;
pub mod followups;
pub mod inspection;
mod overview;
pub mod queries;
pub mod rectify;
mod reminders;

use serde::{Deserialize, Serialize};

use crate::error::{invalid, Result};

pub use reminders::{followup_reminders, rectification_light_reminders};

/// Declares a Chinese-word enum: serde and the database use the word.
macro_rules! words {
    ($(#[$m:meta])* $name:ident, $what:literal, { $($(#[$vm:meta])* $v:ident = $w:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $w)] $v,)+
        }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The Chinese word (also the database value).
            pub fn label(self) -> &'static str {
                match self { $($name::$v => $w),+ }
            }
            /// From the Chinese word; refused in Chinese, listing the words.
            pub fn parse(text: &str) -> Result<$name> {
                let t = crate::org::normalize_name(text);
                $name::ALL.iter().copied().find(|v| v.label() == t).ok_or_else(|| {
                    invalid(format!(
                        "{}“{}”无法识别（可填：{}）。",
                        $what,
                        t,
                        $name::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("、")
                    ))
                })
            }
        }
        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> Result<$name> {
                $name::parse(s)
            }
        }
    };
}

words!(
    /// 类型: on site or on paper.
    InspectionKind, "督查类型", {
        /// 实地督查.
        OnSite = "实地",
        /// 案头督查 (no 发布公告).
        Desk = "案头",
    }
);

words!(
    /// 方式: announced or unannounced.
    Manner, "督查方式", {
        /// 明察.
        Open = "明察",
        /// 暗访 (no 下发通知, no 发布公告).
        Covert = "暗访",
    }
);

words!(
    /// The seven stages of an inspection, in order (EXCHANGE §7).
    Stage, "督查环节", {
        /// 制定方案 (方案).
        Plan = "制定方案",
        /// 下发通知 (通知); 不适用 to 暗访.
        Notify = "下发通知",
        /// 发布公告 (公告); 不适用 to 暗访 and 案头.
        Announce = "发布公告",
        /// 组织实施 (汇报材料).
        Conduct = "组织实施",
        /// 意见反馈 (反馈意见).
        Feedback = "意见反馈",
        /// 汇总报告 (汇总报告).
        Report = "汇总报告",
        /// 整改落实: done when every rectification item is closed.
        Rectify = "整改落实",
    }
);

impl Stage {
    /// 1..=7.
    pub fn number(self) -> i64 {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0) as i64 + 1
    }
    /// The stage numbered 1..=7.
    pub fn from_number(n: i64) -> Option<Stage> {
        usize::try_from(n - 1)
            .ok()
            .and_then(|i| Stage::ALL.get(i).copied())
    }
    /// Whether the stage applies to an inspection of this 类型 and 方式:
    /// 暗访 skips 下发通知 and 发布公告, 案头 skips 发布公告 (EXCHANGE §7).
    pub fn applies(self, kind: InspectionKind, manner: Manner) -> bool {
        match self {
            Stage::Notify => manner != Manner::Covert,
            Stage::Announce => manner != Manner::Covert && kind != InspectionKind::Desk,
            _ => true,
        }
    }
    /// Reads a stage by word or number (1–7).
    pub fn read(text: &str) -> Result<Stage> {
        match text.trim().parse::<i64>() {
            Ok(n) => Stage::from_number(n)
                .ok_or_else(|| invalid(format!("督查环节编号 {n} 无效（1–7）。"))),
            Err(_) => Stage::parse(text),
        }
    }
}

words!(
    /// Where a problem comes from.
    Source, "问题来源", {
        /// An inspection of the office (督查).
        Inspection = "督查",
        /// 执法督察.
        LawEnforcement = "执法督察",
        /// 审计.
        Audit = "审计",
        /// 巡视.
        Patrol = "巡视",
        /// 干部监督.
        CadreSupervision = "干部监督",
    }
);

words!(
    /// 整改 (the finding's own unit) or 防范整改 (sent from a 普遍性问题).
    RectKind, "整改类别", {
        /// 整改: the unit where the problem was found.
        Rectify = "整改",
        /// 防范整改: another unit, to prevent the same problem.
        Prevent = "防范整改",
    }
);

words!(
    /// 责任追究: the measure taken, or 无需追究.
    Measure, "追责方式", {
        /// 提醒谈话.
        Reminder = "提醒谈话",
        /// 约谈.
        Interview = "约谈",
        /// 诫勉谈话.
        Admonition = "诫勉谈话",
        /// 通报批评.
        Criticism = "通报批评",
        /// 组织处理.
        Organisational = "组织处理",
        /// 纪律处分.
        Disciplinary = "纪律处分",
        /// 无需追究 (with a reason).
        NotNeeded = "无需追究",
    }
);

words!(
    /// A unit's own word for where its rectification stands (§2.7 整改状态).
    UnitStatus, "整改状态", {
        /// 未整改.
        NotStarted = "未整改",
        /// 整改中.
        InProgress = "整改中",
        /// 已整改: a completion report, never a close.
        Done = "已整改",
    }
);

impl UnitStatus {
    /// The §2.7 word or one of its synonyms (未开始, 正在整改, 已完成, 完成).
    pub fn from_sheet_word(text: &str) -> Option<UnitStatus> {
        match crate::org::normalize_name(text).as_str() {
            "未整改" | "未开始" | "未启动" => Some(UnitStatus::NotStarted),
            "整改中" | "正在整改" | "推进中" => Some(UnitStatus::InProgress),
            "已整改" | "已完成" | "完成" | "整改完成" => Some(UnitStatus::Done),
            _ => None,
        }
    }
}

words!(
    /// 回头看 or 再督查.
    FollowupKind, "复查类型", {
        /// 回头看.
        Review = "回头看",
        /// 再督查.
        Reinspect = "再督查",
    }
);

words!(
    /// The result of a follow-up.
    FollowupResult, "复查结果", {
        /// 整改到位.
        Remedied = "整改到位",
        /// 整改不到位: the item reopens with a new deadline.
        NotRemedied = "整改不到位",
        /// 问题反弹: a new problem linked to the old one.
        Rebound = "问题反弹",
    }
);

/// The three checks of 三不放过, in order.
pub const CHECKS: [&str; 3] = ["原因查清", "整改到位", "责任追究"];

/// 督查〔YYYY〕N号.
pub fn inspection_number(year: i32, seq: i64) -> String {
    format!("督查〔{year}〕{seq}号")
}

/// ZG<year>-<nnn>.
pub fn rect_number(year: i32, seq: i64) -> String {
    format!("ZG{year}-{seq:03}")
}
