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
//!   `org::edit` (whether a party still leads items, before it is removed).
//!
//! The plain lookups other modules need, on their own connection or
//! transaction and statement cache, are here too (`lookups.rs`): an item by
//! its name for `imports::feedback`, a party's open items for
//! `imports::template`'s feedback sheet, and the item an extension request
//! (`extensions`) or a chase (`chases`) is for, by its number.

mod detail;
mod edit;
mod evidence;
mod insert;
mod ledger;
mod lifecycle;
mod light;
mod lookups;
mod reminders;
mod search;
mod standing;
mod void;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{invalid, Error, Result};

pub(crate) use self::lookups::{
    before_the_document, chase_target, item_nos_named, item_state, not_before_its_document,
    not_before_the_document, open_items_of,
};
pub(crate) use self::reminders::{item_light_reminders, milestone_reminders};
pub(crate) use self::standing::standing_report_reminders;
pub use detail::{
    get_item, item_by_no, item_head_by_no, takes_part, CompletionReport, ExtensionEntry,
    ItemDetail, ItemKey, Milestone, ProgressEntry, SourceRef,
};
pub use edit::{edit_item, recompute_effective_deadline_in, ItemEdit};
pub use evidence::{attach_evidence, EvidenceOwner};
pub use insert::{
    create_item, create_item_in, create_items, insert_item_in, insert_item_with, next_item_no_in,
    set_effective_deadline_in, ItemStatements,
};
pub use ledger::{
    count_ledger, for_each_ledger_sheet_row, query_ledger, ItemRow, LedgerFilter, LedgerPage,
    LedgerSort,
};
pub use lifecycle::{
    accept_completion, accept_completion_in, add_milestone, add_progress, add_progress_in,
    add_progress_with_evidence, complete_milestone, insert_completion_report_in,
    insert_progress_in, mark_withdrawn_in, reopen, report_completion, report_completion_in,
    return_completion, withdraw,
};
pub use light::{light_of, yellow_bound, yellow_days, Light};
pub use search::{sync_search_index, sync_search_index_in_file};
pub use standing::{
    cycle_at, report_days, standing_state, Cycle, ReportCycle, StandingState, DEFAULT_REPORT_DAYS,
};
pub use void::{
    void_completion_report, void_imported_items_in, void_milestone, void_progress,
    ImportedItemsVoided,
};

/// Where an item's status stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
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
    /// From the stored code; an unknown code is a damaged database.
    pub fn from_code(s: &str) -> Result<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.code() == s)
            .ok_or_else(|| {
                Error::BadFile(format!(
                    "数据库中的办理状态“{s}”无效，请运行完整性检查或从备份恢复。"
                ))
            })
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

/// Reads the stored code (`items.status`) straight from the row, without
/// copying it into a `String`; an unknown code is a conversion error.
impl rusqlite::types::FromSql for Status {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Status::from_code(v.as_str()?).map_err(|e| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

/// A status as people type it: the label (推进中) or the code (in_progress).
impl std::str::FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.label() == s || st.code() == s)
            .ok_or_else(|| {
                invalid(format!(
                    "办理状态“{s}”无法识别，应为 未启动、推进中、待销号、已办结 或 已撤销。"
                ))
            })
    }
}

/// A milestone of a new item (时间表/路线图).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewMilestone {
    /// The date this step is due.
    pub due: NaiveDate,
    /// What is to be done by then.
    pub title: String,
}

/// A new item, as a form or an importer gives it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
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
pub struct ItemRef {
    /// Row id in `items`.
    pub id: i64,
    /// 事项编号 as stored, e.g. `DB2026-0001`.
    pub item_no: String,
}

/// Where an imported row came from.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
