//! The reminder vocabulary (PRODUCT #6), below the capabilities: what a
//! reminder is ([`ReminderKind`], [`Reminder`]), the date bounds of one scan
//! ([`Window`], the yellow window of the lights) and what a reminder source
//! reads ([`ScanContext`], [`Source`]).
//!
//! Each capability owns its reminder source (`documents::reminders`,
//! `items::item_light_reminders`, `extensions::reminders` …); the scan that
//! runs them all is one table in [`crate::rhythm`], above the capabilities.
//! A new kind is one [`ReminderKind`] variant, one source function in its
//! capability and one line in `rhythm::SOURCES`.
//!
//! The scan is lean: the yellow window is turned into date bounds once
//! ([`Window`]), so red and yellow items are two indexed range queries rather
//! than a light computed for every item.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Result;

/// The statuses of an open item (SQL list), the ones that carry a light.
pub const OPEN_STATUSES_SQL: &str = "('not_started', 'in_progress', 'pending_review')";
/// An open item, as the WHERE of the partial index `items_open_deadline`
/// (migration 0019) says it, word for word: a query that reads the index
/// names it so (`i.` before it for an aliased table). It means the same as
/// `status IN` [`OPEN_STATUSES_SQL`]: a CHECK keeps `is_open` equal to it.
pub const OPEN_ITEM_SQL: &str = "is_open = 1";

/// The office's name on notices and reminders (setting `office_name`).
pub const DEFAULT_OFFICE_NAME: &str = "督查督办室";

/// What a reminder is about. The serde names are the contract of EXCHANGE §4.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// A 限时件 whose time limit has passed while work on it is still open.
    TimeLimitOverdue,
    /// A 特急 or 限时 document not yet split into items.
    UrgentUnsplit,
    /// An open item whose effective deadline has passed (红灯).
    ItemRed,
    /// An open item due within the yellow window (黄灯).
    ItemYellow,
    /// A milestone of an open item, not done, due within the yellow window or past.
    MilestoneDue,
    /// An extension request waiting for the office's decision.
    ExtensionPending,
    /// A countersign reply past its reply deadline.
    CountersignOverdue,
    /// A countersign reply still open, not yet overdue.
    CountersignDue,
    /// A 传达学习 report missing past its deadline.
    RelayMissing,
    /// A negative 舆情 of level 重大 or above still 处置中 after 1 working day.
    OpinionUnhandled,
    /// An open 整改事项 past its deadline (红灯).
    RectificationRed,
    /// An open 整改事项 due within the yellow window (黄灯).
    RectificationYellow,
    /// A 回头看 / 再督查 not done, planned within the yellow window or past.
    FollowupDue,
    /// An important (重要) outgoing document not yet 印发 (§九: checked every working day).
    OutgoingPending,
    /// A 长期 item's report for a 报送周期 (month, quarter …) due within the
    /// yellow window or past, and not in.
    StandingReportDue,
    /// From 1 December: next year's holiday schedule is not loaded.
    CalendarMissing,
}

impl ReminderKind {
    /// Every kind, in the order the list shows them.
    pub const ALL: [ReminderKind; 16] = [
        ReminderKind::TimeLimitOverdue,
        ReminderKind::UrgentUnsplit,
        ReminderKind::ItemRed,
        ReminderKind::ItemYellow,
        ReminderKind::MilestoneDue,
        ReminderKind::ExtensionPending,
        ReminderKind::CountersignOverdue,
        ReminderKind::CountersignDue,
        ReminderKind::RelayMissing,
        ReminderKind::OpinionUnhandled,
        ReminderKind::RectificationRed,
        ReminderKind::RectificationYellow,
        ReminderKind::FollowupDue,
        ReminderKind::OutgoingPending,
        ReminderKind::StandingReportDue,
        ReminderKind::CalendarMissing,
    ];

    /// The contract name (`item_red` …).
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::TimeLimitOverdue => "time_limit_overdue",
            ReminderKind::UrgentUnsplit => "urgent_unsplit",
            ReminderKind::ItemRed => "item_red",
            ReminderKind::ItemYellow => "item_yellow",
            ReminderKind::MilestoneDue => "milestone_due",
            ReminderKind::ExtensionPending => "extension_pending",
            ReminderKind::CountersignOverdue => "countersign_overdue",
            ReminderKind::CountersignDue => "countersign_due",
            ReminderKind::RelayMissing => "relay_missing",
            ReminderKind::OpinionUnhandled => "opinion_unhandled",
            ReminderKind::RectificationRed => "rectification_red",
            ReminderKind::RectificationYellow => "rectification_yellow",
            ReminderKind::FollowupDue => "followup_due",
            ReminderKind::OutgoingPending => "outgoing_pending",
            ReminderKind::StandingReportDue => "standing_report_due",
            ReminderKind::CalendarMissing => "calendar_missing",
        }
    }

    /// A short Chinese label for lists and notifications.
    pub fn label(self) -> &'static str {
        match self {
            ReminderKind::TimeLimitOverdue => "限时件超时",
            ReminderKind::UrgentUnsplit => "特急/限时件待分解",
            ReminderKind::ItemRed => "红灯事项",
            ReminderKind::ItemYellow => "黄灯事项",
            ReminderKind::MilestoneDue => "节点到期",
            ReminderKind::ExtensionPending => "延期待审批",
            ReminderKind::CountersignOverdue => "会签逾期未复",
            ReminderKind::CountersignDue => "会签待回复",
            ReminderKind::RelayMissing => "传达学习未报",
            ReminderKind::OpinionUnhandled => "重大舆情未处置",
            ReminderKind::RectificationRed => "整改逾期",
            ReminderKind::RectificationYellow => "整改临期",
            ReminderKind::FollowupDue => "回头看到期",
            ReminderKind::OutgoingPending => "重要发文未印发",
            ReminderKind::StandingReportDue => "长期事项待报送",
            ReminderKind::CalendarMissing => "明年节假日安排未载入",
        }
    }
}

/// One reminder. `kind`, `ref`, `party`, `due` and `message` are the contract
/// of EXCHANGE §4; the other fields serve the 工作台's one-click actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reminder {
    /// What it is about.
    pub kind: ReminderKind,
    /// The 事项编号 (item kinds, extensions) or 收文编号 (documents, relay,
    /// countersigns of a document; `会签#<id>` for a countersign of a draft).
    #[serde(rename = "ref")]
    #[ts(rename = "ref")]
    pub ref_no: String,
    /// Whose move it is: the department or unit, or the office itself
    /// (splitting a document, deciding an extension).
    pub party: String,
    /// The date it is due (or was due).
    pub due: NaiveDate,
    /// What to do, in Chinese.
    pub message: String,
    /// The item's name or the document's title.
    pub title: String,
    /// Calendar days past `due` (0 when not late).
    pub days_late: i64,
    /// Red/yellow items: the light differs from the one seen at the last
    /// recorded check (it turned since). False for the other kinds.
    pub new: bool,
    /// The item, when the reminder is about one.
    pub item_id: Option<i64>,
    /// The document, when the reminder is about one.
    pub document_id: Option<i64>,
    /// The extension request (for `extension_pending`: approve/reject it).
    pub extension_id: Option<i64>,
    /// The countersign (for the countersign kinds).
    pub countersign_id: Option<i64>,
}

impl Reminder {
    /// A reminder with the contract fields; the optional links empty.
    pub fn new(
        kind: ReminderKind,
        ref_no: String,
        party: String,
        due: NaiveDate,
        message: String,
    ) -> Self {
        Reminder {
            kind,
            ref_no,
            party,
            due,
            message,
            title: String::new(),
            days_late: 0,
            new: false,
            item_id: None,
            document_id: None,
            extension_id: None,
            countersign_id: None,
        }
    }
}

/// The date bounds of one scan, computed once from the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Today (the date of `now`).
    pub today: NaiveDate,
    /// N, the yellow window in working days (setting `yellow_days`).
    pub yellow_days: u32,
    /// The first date that is no longer yellow: `calendar.add_workdays(today, N + 1)`.
    /// An open item is yellow iff `today <= deadline < yellow_end`, red iff
    /// `deadline < today` — exactly PRODUCT #6.
    pub yellow_end: NaiveDate,
}

impl Window {
    /// The window at `today` with N working days.
    pub fn new(cal: &Calendar, today: NaiveDate, yellow_days: u32) -> Window {
        Window {
            today,
            yellow_days,
            yellow_end: yellow_bound(cal, today, yellow_days),
        }
    }

    /// Calendar days from `due` to today, 0 when not past.
    pub fn days_late(&self, due: NaiveDate) -> i64 {
        (self.today - due).num_days().max(0)
    }
}

/// The office's name (setting `office_name`).
pub fn office_name(conn: &Connection) -> Result<String> {
    crate::store::setting(conn, "office_name", DEFAULT_OFFICE_NAME)
}

/// The first deadline that is 绿 on `today`: an open item is 黄 exactly when
/// `today <= deadline < yellow_bound(...)`, so lights become date ranges that
/// an index can answer.
pub fn yellow_bound(cal: &Calendar, today: NaiveDate, yellow_days: u32) -> NaiveDate {
    cal.add_workdays(today, yellow_days + 1)
}

/// N of the yellow window: the setting `yellow_days` (working days), default 3.
pub fn yellow_days(conn: &Connection) -> Result<u32> {
    Ok(crate::store::setting(conn, "yellow_days", "3")?
        .parse()
        .unwrap_or(3))
}

/// The light stored in `item_lights_seen` for red (written by the recorded
/// check, read by the items' source to say whether a light is new).
pub(crate) const RED: &str = "red";
/// See [`RED`].
pub(crate) const YELLOW: &str = "yellow";

/// What a reminder source reads: one scan's connection, calendar, date
/// bounds and the office's name.
pub struct ScanContext<'a> {
    /// The database.
    pub conn: &'a Connection,
    /// The working calendar.
    pub cal: &'a Calendar,
    /// The date bounds of this scan.
    pub window: &'a Window,
    /// The office's name (setting `office_name`), the party of the office's moves.
    pub office: &'a str,
}

/// A reminder source: appends the reminders of its kinds standing in the
/// scan's window, in any order (the scan sorts the whole list once).
pub type Source = fn(&ScanContext<'_>, &mut Vec<Reminder>) -> Result<()>;

/// How many reminders of each kind a list holds (kinds with none left out).
pub fn count_by_kind(list: &[Reminder]) -> Vec<(ReminderKind, usize)> {
    ReminderKind::ALL
        .iter()
        .map(|k| (*k, list.iter().filter(|r| r.kind == *k).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The list as text for the terminal.
pub fn to_text(list: &[Reminder]) -> String {
    if list.is_empty() {
        return "当前没有需要提醒的事项。".to_string();
    }
    let mut s = format!("共 {} 条提醒：\n", list.len());
    for r in list {
        s.push_str(&format!(
            "[{}] {}  {}  {}  {}\n",
            r.kind.label(),
            r.ref_no,
            r.party,
            crate::dates::ymd(r.due),
            r.message
        ));
    }
    s.pop();
    s
}
