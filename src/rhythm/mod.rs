//! The reminder scan and the rhythm of the working-day checks (PRODUCT #6),
//! above the capabilities: the one place that knows every reminder source.
//!
//! - [`scan`] lists every reminder standing at `now` (the full list that
//!   `duban reminders --json` prints, EXCHANGE §4): 特急/限时 documents not yet
//!   split, 限时件 past their limit, red and yellow items (PRODUCT #6 lights,
//!   today = the date of `now`), milestones due, countersign replies due or
//!   overdue, extension requests awaiting a decision and 传达学习 reports
//!   missing past their deadline. Each says what, whose move it is, how late,
//!   and what to do. The sources are the table [`SOURCES`]; each lives in the
//!   capability whose tables it reads.
//! - [`schedule`] holds the pure check-slot logic; [`checks`] is what the
//!   desktop shell calls: [`checks::due_checks`] says whether a check is due
//!   now (one catch-up for everything missed while the app was closed),
//!   [`checks::run_due_check`] runs and records it (never twice for one slot)
//!   and returns the notification text.
//!
//! The vocabulary (`Reminder`, `ReminderKind`, `Window`) is
//! [`crate::reminders`], below the capabilities, so that they can name it.
//!
//! Adding a kind (整改, 舆情, 发文 …): a variant of
//! [`ReminderKind`](crate::reminders::ReminderKind) (its place in `ALL` is its
//! place in the list), one source function in the capability that owns the
//! rows, one line in [`SOURCES`].

mod calendar_notice;
pub mod checks;
pub mod schedule;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Result;
use crate::reminders::{office_name, yellow_days, Reminder, ScanContext, Source, Window};

pub use checks::{due_checks, record_check_in, run_due_check, CheckOutcome, CheckSummary};
pub use schedule::DueCheck;

/// Every reminder source, one line each. The order only breaks ties of the
/// final sort (kind, due date, reference), which is stable.
pub const SOURCES: &[Source] = &[
    crate::documents::reminders,
    crate::items::item_light_reminders,
    crate::items::milestone_reminders,
    crate::extensions::reminders,
    crate::countersigns::reminders,
    crate::relay::reminders,
    crate::opinion::reminders,
    crate::inspections::rectification_light_reminders,
    crate::inspections::followup_reminders,
    crate::outgoing::reminders,
    crate::items::standing_report_reminders,
    calendar_notice::calendar_reminders,
];

/// Every reminder standing at `now`, in list order (kind, then due date, then
/// reference). Reads the settings `yellow_days` and `office_name`.
pub fn scan(conn: &Connection, cal: &Calendar, now: NaiveDateTime) -> Result<Vec<Reminder>> {
    let window = Window::new(cal, now.date(), yellow_days(conn)?);
    scan_window(conn, cal, &window)
}

/// How many reminders stand now, and the first `limit` of them (the order of
/// [`scan`]): what the header's bell shows. The whole list of a 100,000-item
/// ledger (36,000 reminders, 25 MB as JSON) is the 工作台's and the
/// command line's, not the bell's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReminderHead {
    /// Every reminder standing now.
    pub total: usize,
    /// The first `limit` of them.
    pub first: Vec<Reminder>,
}

/// [`ReminderHead`] now: the count and the first `limit` reminders.
pub fn head(
    conn: &Connection,
    cal: &Calendar,
    now: NaiveDateTime,
    limit: usize,
) -> Result<ReminderHead> {
    let mut all = scan(conn, cal, now)?;
    let total = all.len();
    all.truncate(limit);
    Ok(ReminderHead { total, first: all })
}

/// [`scan`] with the window already computed.
pub fn scan_window(conn: &Connection, cal: &Calendar, window: &Window) -> Result<Vec<Reminder>> {
    let office = office_name(conn)?;
    let mut out = Vec::new();
    let ctx = ScanContext {
        conn,
        cal,
        window,
        office: &office,
    };
    for source in SOURCES {
        source(&ctx, &mut out)?;
    }
    out.sort_by(|a, b| (a.kind, a.due, &a.ref_no).cmp(&(b.kind, b.due, &b.ref_no)));
    Ok(out)
}
