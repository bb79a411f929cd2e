//! The reminder engine (PRODUCT #6): what stands to be reminded at a moment,
//! and the rhythm of the working-day checks.
//!
//! - [`scan`] lists every reminder standing at `now` (the full list that
//!   `duban reminders --json` prints, EXCHANGE §4): 特急/限时 documents not yet
//!   split, 限时件 past their limit, red and yellow items (PRODUCT #6 lights,
//!   today = the date of `now`), milestones due, countersign replies due or
//!   overdue, extension requests awaiting a decision and 传达学习 reports
//!   missing past their deadline. Each says what, whose move it is, how late,
//!   and what to do.
//! - [`schedule`] holds the pure check-slot logic; [`checks`] is what the
//!   desktop shell calls: [`checks::due_checks`] says whether a check is due
//!   now (one catch-up for everything missed while the app was closed),
//!   [`checks::run_due_check`] runs and records it (never twice for one slot)
//!   and returns the notification text.
//!
//! The scan is lean: the yellow window is turned into date bounds once
//! ([`Window`]), so red and yellow items are two indexed range queries rather
//! than a light computed for every item.

pub mod checks;
mod docs;
mod items;
pub mod schedule;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Result;

pub use checks::{due_checks, record_check_in, run_due_check, CheckOutcome, CheckSummary};
pub use schedule::DueCheck;

/// The statuses of an open item (SQL list), the ones that carry a light.
pub const OPEN_STATUSES_SQL: &str = "('not_started', 'in_progress', 'pending_review')";
/// The statuses of a closed item (SQL list): `status NOT IN` this list is the
/// WHERE of the partial index `items_open_deadline` (migration 0004), word for
/// word, and means the same as `status IN` [`OPEN_STATUSES_SQL`].
pub const CLOSED_STATUSES_SQL: &str = "('done', 'withdrawn')";

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
}

impl ReminderKind {
    /// Every kind, in the order the list shows them.
    pub const ALL: [ReminderKind; 9] = [
        ReminderKind::TimeLimitOverdue,
        ReminderKind::UrgentUnsplit,
        ReminderKind::ItemRed,
        ReminderKind::ItemYellow,
        ReminderKind::MilestoneDue,
        ReminderKind::ExtensionPending,
        ReminderKind::CountersignOverdue,
        ReminderKind::CountersignDue,
        ReminderKind::RelayMissing,
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
            yellow_end: crate::tasks::yellow_bound(cal, today, yellow_days),
        }
    }

    /// Calendar days from `due` to today, 0 when not past.
    pub fn days_late(&self, due: NaiveDate) -> i64 {
        (self.today - due).num_days().max(0)
    }
}

/// A date column read as `NaiveDate` (stored `YYYY-MM-DD`).
pub(crate) fn date_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// An optional date column.
pub(crate) fn opt_date_col(
    row: &rusqlite::Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    match s {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map(Some)
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    idx,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            }),
    }
}

/// The office's name (setting `office_name`).
pub fn office_name(conn: &Connection) -> Result<String> {
    crate::store::setting(conn, "office_name", DEFAULT_OFFICE_NAME)
}

/// N of the yellow window (setting `yellow_days`, default 3).
pub fn yellow_days(conn: &Connection) -> Result<u32> {
    crate::tasks::yellow_days(conn)
}

/// Every reminder standing at `now`, in list order (kind, then due date, then
/// reference). Reads the settings `yellow_days` and `office_name`.
pub fn scan(conn: &Connection, cal: &Calendar, now: NaiveDateTime) -> Result<Vec<Reminder>> {
    let window = Window::new(cal, now.date(), yellow_days(conn)?);
    scan_window(conn, cal, &window)
}

/// [`scan`] with the window already computed.
pub fn scan_window(conn: &Connection, cal: &Calendar, window: &Window) -> Result<Vec<Reminder>> {
    let office = office_name(conn)?;
    let mut out = Vec::new();
    docs::documents(conn, window, &office, &mut out)?;
    items::item_lights(conn, cal, window, &mut out)?;
    items::milestones(conn, window, &mut out)?;
    crate::extensions::reminders(conn, window, &office, &mut out)?;
    crate::countersigns::reminders(conn, window, &mut out)?;
    crate::relay::reminders(conn, window, &mut out)?;
    out.sort_by(|a, b| (a.kind, a.due, &a.ref_no).cmp(&(b.kind, b.due, &b.ref_no)));
    Ok(out)
}

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
            r.due.format("%Y-%m-%d"),
            r.message
        ));
    }
    s.pop();
    s
}
