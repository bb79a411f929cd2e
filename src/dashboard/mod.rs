//! 工作台 (PRODUCT #20): the landing page's data in one call — counts by
//! light and by status, the reminders standing now, overdue items per lead
//! department/unit, documents waiting to be split, extension requests waiting
//! for a decision, open countersign replies and the last check that ran.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

mod figures;
mod highlights;
pub use figures::{figures, DashboardFigures, MonthTrend, PartyRate, RoundWaiting};
pub use highlights::AssessmentEnds;

use crate::calendar::Calendar;
use crate::dates::{date_col, opt_date_col};
use crate::error::Result;
use crate::extensions::Extension;
use crate::items::Status;
use crate::org::PartyKind;
use crate::reminders::{yellow_days, Reminder, ReminderKind, Window, OPEN_ITEM_SQL};
use crate::rhythm::checks::{history, kind_counts, CheckRecord, KindCount};

/// How many documents awaiting split the 工作台 lists (the count is exact).
pub const UNSPLIT_LIST_LIMIT: usize = 50;

/// How many reminders of each kind the 工作台 lists (the counts are exact):
/// a ledger imported with 35,000 overdue items would otherwise send every
/// one of them to the window each time the 工作台 opens (26 MB measured).
/// The whole list is `duban reminders`, the ledger filtered by light, and
/// the 催办通知单.
pub const REMINDERS_PER_KIND: usize = 100;

/// Open items per light.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LightCounts {
    /// 红灯: open items past their effective deadline.
    pub red: i64,
    /// 黄灯: open items due within the 黄灯 working days.
    pub yellow: i64,
    /// 绿灯: open items with more time left.
    pub green: i64,
    /// Open standing (长期) items: no deadline, no light.
    pub standing: i64,
}

/// Items in one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StatusCount {
    /// The status counted.
    pub status: Status,
    /// Its Chinese label (未启动, 推进中 ...).
    pub label: String,
    /// Number of items in it.
    pub count: i64,
}

/// Overdue (red) open items led by one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PartyOverdue {
    /// The lead department or unit (`parties.id`).
    pub party_id: i64,
    /// Its name.
    pub party: String,
    /// 内设机构 (department) or 下级单位 (subordinate unit).
    pub kind: PartyKind,
    /// Number of red open items it leads.
    pub count: i64,
}

/// A document with no item yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct UnsplitDocument {
    /// Row id in `documents`.
    pub id: i64,
    /// 收文编号, e.g. `收〔2026〕15号`.
    pub doc_no: String,
    /// 文件标题.
    pub title: String,
    /// 特急 / 加急 / 平件.
    pub urgency: String,
    /// The 限时件 deadline; None when the document is not time-limited.
    pub time_limit: Option<NaiveDate>,
    /// 收文日期.
    pub received_on: NaiveDate,
}

/// Everything the 工作台 shows.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Dashboard {
    /// The day the dashboard was computed for (the app's today).
    pub today: NaiveDate,
    /// Open items per light.
    pub lights: LightCounts,
    /// Every status, in the UI's order (zero counts included).
    pub statuses: Vec<StatusCount>,
    /// The reminders standing now (as `duban reminders`), at most
    /// [`REMINDERS_PER_KIND`] of each kind, in the scan's order.
    pub reminders: Vec<Reminder>,
    /// How many reminders stand now of each kind (all of them, also those
    /// left out of `reminders`).
    pub reminder_counts: Vec<KindCount>,
    /// How many reminders stand now in all.
    pub reminders_total: usize,
    /// At most how many of each kind `reminders` lists ([`REMINDERS_PER_KIND`]).
    pub reminders_per_kind: usize,
    /// Red items per lead party, most first.
    pub overdue_by_party: Vec<PartyOverdue>,
    /// Documents not split yet: 特急 and 限时 first, then newest; at most
    /// [`UNSPLIT_LIST_LIMIT`].
    pub unsplit_documents: Vec<UnsplitDocument>,
    /// Number of documents not split yet (exact, unlike the list).
    pub unsplit_total: i64,
    /// 延期申请 awaiting the office's decision.
    pub pending_extensions: Vec<Extension>,
    /// Number of 会签/征求意见 replies still outstanding.
    pub open_countersign_replies: i64,
    /// The last recorded reminder check.
    pub last_check: Option<CheckRecord>,
    /// The units flagged in this month's 舆情 figures (§5).
    pub opinion_flagged: Vec<crate::opinion::UnitStats>,
    /// The top and bottom three of the newest published assessment.
    pub assessment: Option<AssessmentEnds>,
    /// From 1 December: next year's holiday schedule is missing (the text to show).
    pub calendar_notice: Option<String>,
}

/// The 工作台 at `now`.
pub fn load(conn: &Connection, cal: &Calendar, now: NaiveDateTime) -> Result<Dashboard> {
    let w = Window::new(cal, now.date(), yellow_days(conn)?);
    let mut reminders = crate::rhythm::scan_window(conn, cal, &w)?;
    let reminder_counts = kind_counts(&reminders);
    let reminders_total = reminders.len();
    let mut listed: HashMap<ReminderKind, usize> = HashMap::new();
    reminders.retain(|r| {
        let n = listed.entry(r.kind).or_default();
        *n += 1;
        *n <= REMINDERS_PER_KIND
    });
    let unsplit_sql = format!(
        "FROM documents d WHERE d.voided_at IS NULL AND NOT {}",
        crate::documents::SPLIT_SQL
    );
    let unsplit_total =
        conn.query_row(&format!("SELECT COUNT(*) {unsplit_sql}"), [], |r| r.get(0))?;
    Ok(Dashboard {
        today: w.today,
        lights: light_counts(conn, &w)?,
        statuses: status_counts(conn)?,
        reminders,
        reminder_counts,
        reminders_total,
        reminders_per_kind: REMINDERS_PER_KIND,
        overdue_by_party: overdue_by_party(conn, &w)?,
        unsplit_documents: unsplit(conn, &unsplit_sql)?,
        unsplit_total,
        pending_extensions: crate::extensions::pending(conn)?,
        open_countersign_replies: crate::countersigns::open_count(conn)?,
        last_check: history(conn, 1)?.into_iter().next(),
        opinion_flagged: highlights::flagged_units(conn, w.today)?,
        assessment: highlights::newest_assessment(conn)?,
        calendar_notice: crate::calendar::missing_schedule_notice(cal, w.today),
    })
}

/// Open items per light (range counts on `items_status`).
pub fn light_counts(conn: &Connection, w: &Window) -> Result<LightCounts> {
    let sql = format!(
        "SELECT
            COUNT(*) FILTER (WHERE effective_deadline < ?1),
            COUNT(*) FILTER (WHERE effective_deadline >= ?1 AND effective_deadline < ?2),
            COUNT(*) FILTER (WHERE effective_deadline >= ?2),
            COUNT(*) FILTER (WHERE effective_deadline IS NULL)
         FROM items INDEXED BY items_open_deadline WHERE {OPEN_ITEM_SQL}"
    );
    let today = crate::dates::ymd(w.today);
    let end = crate::dates::ymd(w.yellow_end);
    Ok(conn.query_row(&sql, [today, end], |r| {
        Ok(LightCounts {
            red: r.get(0)?,
            yellow: r.get(1)?,
            green: r.get(2)?,
            standing: r.get(3)?,
        })
    })?)
}

/// Items per status, every status listed; voided items (作废 with their
/// import, all 已撤销) are not counted. All items are counted from the status
/// index and the voided ones, few, taken off through their partial index: no
/// read of the items themselves.
pub fn status_counts(conn: &Connection) -> Result<Vec<StatusCount>> {
    let per_status = |sql: &str| -> Result<Vec<(String, i64)>> {
        let mut st = conn.prepare_cached(sql)?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mut found = per_status("SELECT status, COUNT(*) FROM items GROUP BY status")?;
    let voided = per_status(
        "SELECT status, COUNT(*) FROM items INDEXED BY items_voided
          WHERE voided_at IS NOT NULL GROUP BY status",
    )?;
    for (status, n) in voided {
        if let Some(f) = found.iter_mut().find(|(s, _)| *s == status) {
            f.1 -= n;
        }
    }
    Ok(Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            label: s.label().to_string(),
            count: found
                .iter()
                .find(|(c, _)| c == s.code())
                .map_or(0, |(_, n)| *n),
        })
        .collect())
}

/// Red items per lead party, most first.
pub fn overdue_by_party(conn: &Connection, w: &Window) -> Result<Vec<PartyOverdue>> {
    let sql = format!(
        "SELECT p.id, p.name, p.kind, COUNT(*) AS n
         FROM items i INDEXED BY items_open_deadline JOIN parties p ON p.id = i.lead_party_id
         WHERE i.{OPEN_ITEM_SQL} AND i.effective_deadline < ?1
         GROUP BY p.id ORDER BY n DESC, p.sort_order, p.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map([crate::dates::ymd(w.today)], |r| {
        let kind: String = r.get(2)?;
        Ok(PartyOverdue {
            party_id: r.get(0)?,
            party: r.get(1)?,
            kind: PartyKind::from_code(&kind),
            count: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn unsplit(conn: &Connection, from: &str) -> Result<Vec<UnsplitDocument>> {
    let sql = format!(
        "SELECT d.id, d.doc_no, d.title, d.urgency, CASE WHEN d.time_limited = 1 THEN d.time_limit END, d.received_on
         {from}
         ORDER BY (d.urgency = '特急' OR d.time_limited = 1) DESC, d.received_on DESC, d.id DESC
         LIMIT {UNSPLIT_LIST_LIMIT}"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map([], |r| {
        Ok(UnsplitDocument {
            id: r.get(0)?,
            doc_no: r.get(1)?,
            title: r.get(2)?,
            urgency: r.get(3)?,
            time_limit: opt_date_col(r, 4)?,
            received_on: date_col(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
