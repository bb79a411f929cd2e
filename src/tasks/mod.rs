//! 督办事项 (PRODUCT #4, #5, #6, #9): items split from a document or a meeting
//! decision, their progress, completion reports, 销号, withdrawal and reopening,
//! their 红黄绿灯, and the ledger query.
//!
//! # The status machine
//!
//! ```text
//!   未启动 not_started ──进展──▶ 推进中 in_progress
//!        │                        │
//!        └──────办结报告──────────┴──▶ 待销号 pending_review
//!                                          │        │
//!                                   销号 accept   退回 return (reason)
//!                                          ▼        ▼
//!                                 已办结 done     推进中 in_progress
//!   not_started / in_progress / pending_review ──撤销 withdraw (reason)──▶ 已撤销 withdrawn
//!   done / withdrawn ──重新打开 reopen (reason)──▶ 推进中 in_progress (done_on cleared)
//! ```
//!
//! A completion report does not close an item by itself: the office accepts
//! it (销号) and the item's `done_on` becomes the report's date. Progress can be
//! recorded on open items only. Withdrawn items leave every figure.
//!
//! # The `items` table is this module's
//!
//! Every write to `items` (INSERT, UPDATE) is here: [`insert_item_in`],
//! [`set_effective_deadline_in`], the status moves of `lifecycle` and
//! [`mark_withdrawn_in`] (a migrated ledger's withdrawn rows). Other modules
//! call these. The reminder sources of items are here too (`reminders.rs`).
//!
//! Reads of `items` elsewhere, kept where they are on purpose:
//! - part of one larger query of their own report, where a call per row or a
//!   second pass would cost speed: `circulation::load` (the monthly figures'
//!   one scan of all items), `dashboard` (counts by status and the open items
//!   by deadline through the `items_open_deadline` index), `chases::notice`
//!   (the overdue list of a 催办通知单), `documents` (the item count per
//!   document in the list, and its 未分解 filter) and `documents::reminders`
//!   (a document's open items' lead departments), `extensions::queries` and
//!   `chases` (their lists join the item's number and name), `rhythm::checks`
//!   (forgetting the remembered lights of items no longer red or yellow, in
//!   one statement);
//! - a question about another table that needs the item count:
//!   `org::edit` (whether a party still leads items, before it is removed);
//! - importers' lookups inside the import's own transaction and statement
//!   cache: `imports::feedback` (an item by its name), `imports::template`
//!   (a party's open items for its feedback sheet), `extensions::queries` and
//!   `chases` (the item a request or chase is for, by its number). These are
//!   plain lookups that may move here when the module is renamed `items`.

mod detail;
mod insert;
mod ledger;
mod lifecycle;
mod light;
mod reminders;
mod search;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(crate) use self::reminders::{item_light_reminders, milestone_reminders};
pub use detail::{
    get_item, item_by_no, CompletionReport, ExtensionEntry, ItemDetail, ItemKey, Milestone,
    ProgressEntry, SourceRef,
};
pub use insert::{
    create_item, create_items, insert_item_in, next_item_no_in, set_effective_deadline_in,
};
pub use ledger::{
    count_ledger, for_each_ledger_row, query_ledger, ItemRow, LedgerFilter, LedgerPage, LedgerSort,
};
pub use lifecycle::{
    accept_completion, add_milestone, add_progress, complete_milestone,
    insert_completion_report_in, insert_progress_in, mark_withdrawn_in, reopen, report_completion,
    return_completion, withdraw,
};
pub use light::{light_of, yellow_bound, yellow_days, Light};
pub use search::{sync_search_index, sync_search_index_in_file};

/// Reads the stored code (`items.status`) straight from the row, without
/// copying it into a `String`; an unknown code is a conversion error.
impl rusqlite::types::FromSql for Status {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Status::from_code(value.as_str()?)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

/// Where an item's status stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// 未启动
    NotStarted,
    /// 推进中
    InProgress,
    /// 待销号: a completion report waits for the office's review
    PendingReview,
    /// 已办结 (销号)
    Done,
    /// 已撤销
    Withdrawn,
}

impl Status {
    /// Every status, in the order the UI lists them.
    pub const ALL: [Status; 5] = [
        Status::NotStarted,
        Status::InProgress,
        Status::PendingReview,
        Status::Done,
        Status::Withdrawn,
    ];
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::PendingReview => "pending_review",
            Status::Done => "done",
            Status::Withdrawn => "withdrawn",
        }
    }
    /// From the stored code; an unknown code is an error (never a guess).
    pub fn from_code(s: &str) -> crate::Result<Status> {
        match s {
            "not_started" => Ok(Status::NotStarted),
            "in_progress" => Ok(Status::InProgress),
            "pending_review" => Ok(Status::PendingReview),
            "done" => Ok(Status::Done),
            "withdrawn" => Ok(Status::Withdrawn),
            other => Err(crate::error::invalid(format!(
                "未知的事项状态代码“{other}”。"
            ))),
        }
    }
    /// 未启动 / 推进中 / 待销号 / 已办结 / 已撤销.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::PendingReview => "待销号",
            Status::Done => "已办结",
            Status::Withdrawn => "已撤销",
        }
    }
    /// The word in a sheet's 办理状态 column (EXCHANGE §2.1 and its synonyms).
    pub fn from_sheet_word(s: &str) -> Option<Status> {
        match crate::org::normalize_name(s).as_str() {
            "未启动" | "未开始" => Some(Status::NotStarted),
            "推进中" | "办理中" | "进行中" | "正在推进" => Some(Status::InProgress),
            "已办结" | "已完成" | "完成" | "办结" => Some(Status::Done),
            _ => None,
        }
    }
    /// Still to be chased (has a light).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::NotStarted | Status::InProgress | Status::PendingReview
        )
    }
}

/// A milestone of a new item (时间表/路线图).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NewMilestone {
    /// The date this step is due.
    pub due: NaiveDate,
    /// What is to be done by then.
    pub title: String,
}

/// A new item, as a form or an importer gives it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NewItem {
    /// Assigned (DB<year>-NNNN) when None.
    pub item_no: Option<String>,
    /// Row id in `documents` of the 收文 the item is split from; None for a meeting decision or an imported item without one.
    pub document_id: Option<i64>,
    /// A meeting decision with no document.
    #[serde(default)]
    pub meeting: String,
    /// 事项名称; must not be empty.
    pub name: String,
    /// 工作要求 (任务书); may be empty.
    #[serde(default)]
    pub requirement: String,
    /// 来源类别; may be empty.
    #[serde(default)]
    pub source_category: String,
    /// 来文文号 of the source document; may be empty.
    #[serde(default)]
    pub source_doc_no: String,
    /// 牵头部门: a name or alias.
    pub lead: String,
    /// 配合部门: names or aliases.
    #[serde(default)]
    pub cooperators: Vec<String>,
    /// 统筹局领导: required when there are cooperators (§五).
    #[serde(default)]
    pub coordinator_leader: String,
    /// 责任人: the person responsible; may be empty.
    #[serde(default)]
    pub owner_person: String,
    /// 完成时限; None only for standing (长期) items.
    pub deadline: Option<NaiveDate>,
    /// 长期: a standing item that reports by `report_cycle` instead of a deadline.
    #[serde(default)]
    pub standing: bool,
    /// For standing items: 每月 / 每季度 ...
    #[serde(default)]
    pub report_cycle: String,
    /// 跟踪督办
    #[serde(default)]
    pub tracked: bool,
    /// 时间表/路线图 to record with the item.
    #[serde(default)]
    pub milestones: Vec<NewMilestone>,
    /// Initial status (imports may bring 已办结 items).
    #[serde(default = "default_status")]
    pub status: Status,
    /// 办结日期, required when `status` is Done.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// An initial 办理进展 text (imported ledgers carry one).
    #[serde(default)]
    pub progress_text: String,
    /// 备注; may be empty.
    #[serde(default)]
    pub note: String,
}

fn default_status() -> Status {
    Status::NotStarted
}

impl NewItem {
    /// An item with only its required fields.
    pub fn new(name: &str, lead: &str, deadline: Option<NaiveDate>) -> NewItem {
        NewItem {
            item_no: None,
            document_id: None,
            meeting: String::new(),
            name: name.to_string(),
            requirement: String::new(),
            source_category: String::new(),
            source_doc_no: String::new(),
            lead: lead.to_string(),
            cooperators: Vec::new(),
            coordinator_leader: String::new(),
            owner_person: String::new(),
            deadline,
            standing: deadline.is_none(),
            report_cycle: String::new(),
            tracked: false,
            milestones: Vec::new(),
            status: Status::NotStarted,
            done_on: None,
            progress_text: String::new(),
            note: String::new(),
        }
    }
}

/// A created item's identity.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ItemRef {
    /// Row id in `items`.
    pub id: i64,
    /// 事项编号 as stored, e.g. `DB2026-0001`.
    pub item_no: String,
}

/// Where an imported row came from.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportSource {
    /// Row id in `imports` of the applied file.
    pub import_id: i64,
    /// Sheet name inside that file.
    pub sheet: String,
    /// Row number in that sheet, 1-based as the spreadsheet shows it.
    pub row: u32,
}

/// A progress entry to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NewProgress {
    /// The date the progress is reported for.
    pub reported_on: NaiveDate,
    /// 办理进展: what was done; must not be empty.
    pub text: String,
    /// 填报人; may be empty.
    #[serde(default)]
    pub reporter: String,
    /// The reporting department (`parties.id`); None when not known.
    #[serde(default)]
    pub party_id: Option<i64>,
    /// 存在问题
    #[serde(default)]
    pub problems: String,
    /// 下步措施
    #[serde(default)]
    pub next_steps: String,
}

/// A completion report (办结报告) to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NewCompletion {
    /// The completion date the department states.
    pub reported_on: NaiveDate,
    /// 办结情况: the department's account; may be empty.
    #[serde(default)]
    pub text: String,
    /// 填报人; may be empty.
    #[serde(default)]
    pub reporter: String,
    /// The reporting department (`parties.id`); None when not known.
    #[serde(default)]
    pub party_id: Option<i64>,
    /// Evidence files, copied into the data folder.
    #[serde(default)]
    pub evidence: Vec<std::path::PathBuf>,
}

/// A date as stored.
pub(crate) fn ymd(d: NaiveDate) -> String {
    use chrono::Datelike;
    // Not `format("%Y-%m-%d")`: this runs for every imported row.
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A stored date.
pub(crate) fn parse_ymd(s: &str) -> Option<NaiveDate> {
    // The stored form is always `YYYY-MM-DD` (see [`ymd`]); read it by hand,
    // as chrono's format parser costs more than the rest of a ledger row.
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    } else {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn stored_dates_read_back_as_chrono_reads_them() {
        let chrono = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let mut d = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap();
        while d.year() < 2031 {
            assert_eq!(parse_ymd(&ymd(d)), Some(d));
            d += chrono::Duration::days(1);
        }
        for s in [
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-5",
            "2026-04-05 ",
            "２０２６-04-05",
            "2026/04/05",
            "20a6-04-05",
            "",
            "9999-12-31",
            "0000-01-01",
            "2026-+4-05",
        ] {
            assert_eq!(parse_ymd(s), chrono(s), "{s:?}");
        }
    }
}
