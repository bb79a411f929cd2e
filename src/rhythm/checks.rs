//! The checks the desktop shell runs: is one due, run it, record it.
//!
//! The shell's scheduler does, every minute or so (and once at start-up):
//!
//! ```text
//! let cal = Calendar::load(conn)?;
//! if let Some(outcome) = rhythm::run_due_check(&mut store, &actor, &cal)? {
//!     notify(outcome.summary.title, outcome.summary.body); // one notification per check
//! }
//! ```
//!
//! [`run_due_check`] = [`due_checks`] + [`record_check_in`] in one
//! transaction. A slot is recorded in `reminder_checks` (primary key), so a
//! check is never fired twice, even by two windows racing; slots missed while
//! the app was closed are collapsed into the one catch-up check.
//! [`next_check`] tells the scheduler how long it may sleep.

use chrono::{NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::scan_window;
use super::schedule::{self, DueCheck};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::reminders::{
    count_by_kind, yellow_days, Reminder, ReminderKind, Window, OPEN_STATUSES_SQL, RED, YELLOW,
};
use crate::store::{audit, Actor, Store};

/// The setting that holds the check times.
pub const CHECK_TIMES_KEY: &str = "check_times";

/// The check times (setting `check_times`, default 09:00 and 14:30).
pub fn check_times(conn: &Connection) -> Result<Vec<NaiveTime>> {
    let text = crate::store::setting(conn, CHECK_TIMES_KEY, schedule::DEFAULT_CHECK_TIMES)?;
    schedule::parse_check_times(&text)
}

/// Changes the check times (`HH:MM` separated by commas); refused when a time
/// cannot be read. Returns the times as stored (sorted, deduplicated).
pub fn set_check_times(store: &mut Store, actor: &Actor, text: &str) -> Result<Vec<NaiveTime>> {
    let times = schedule::parse_check_times(text)?;
    let value = schedule::format_check_times(&times);
    store.write(|tx| {
        let before = crate::store::setting(tx, CHECK_TIMES_KEY, schedule::DEFAULT_CHECK_TIMES)?;
        crate::store::set_setting_in(tx, CHECK_TIMES_KEY, &value)?;
        audit::append_in(
            tx,
            actor,
            "setting",
            CHECK_TIMES_KEY,
            "update",
            Some(&serde_json::json!(before)),
            Some(&serde_json::json!(value)),
        )
    })?;
    Ok(times)
}

/// The latest slot recorded in `reminder_checks`.
pub fn last_slot(conn: &Connection) -> Result<Option<NaiveDateTime>> {
    let mut st = conn.prepare_cached("SELECT slot FROM reminder_checks ORDER BY slot DESC")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        if let Some(s) = schedule::parse_slot_key(&key) {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// The check due at `now` (`None` when the latest slot has already run).
pub fn due_checks(
    conn: &Connection,
    cal: &Calendar,
    now: NaiveDateTime,
) -> Result<Option<DueCheck>> {
    let times = check_times(conn)?;
    Ok(schedule::due_check(cal, &times, last_slot(conn)?, now))
}

/// The next slot after `now`, for the scheduler's sleep.
pub fn next_check(
    conn: &Connection,
    cal: &Calendar,
    now: NaiveDateTime,
) -> Result<Option<NaiveDateTime>> {
    let times = check_times(conn)?;
    Ok(schedule::next_slot_after(cal, &times, now))
}

/// One kind and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KindCount {
    /// The reminder kind.
    pub kind: ReminderKind,
    /// Its Chinese label, as the UI shows it.
    pub label: String,
    /// Number of reminders of that kind.
    pub count: usize,
}

/// The reminders counted by kind, with each kind's label.
pub fn kind_counts(reminders: &[Reminder]) -> Vec<KindCount> {
    count_by_kind(reminders)
        .into_iter()
        .map(|(kind, count)| KindCount {
            kind,
            label: kind.label().to_string(),
            count,
        })
        .collect()
}

/// What a check found: the numbers and the notification text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckSummary {
    /// The slot recorded.
    pub slot: NaiveDateTime,
    /// Slots this check stands for (more than 1 after the app was closed).
    pub covers: u32,
    /// The check ran late (start-up catch-up).
    pub catch_up: bool,
    /// Reminders standing.
    pub total: usize,
    /// Per kind, kinds with none left out.
    pub by_kind: Vec<KindCount>,
    /// Items that turned red since the last check.
    pub new_red: usize,
    /// Items that turned yellow since the last check.
    pub new_yellow: usize,
    /// The notification's title.
    pub title: String,
    /// The notification's body: a short summary.
    pub body: String,
}

/// A check that ran: its summary and the full list it found.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckOutcome {
    /// The numbers and the notification text.
    pub summary: CheckSummary,
    /// Every reminder standing at the check.
    pub reminders: Vec<Reminder>,
}

/// Runs the check `check` inside the caller's transaction: scans, records the
/// slot (a slot already recorded is a `Conflict`: it never fires twice),
/// remembers the light each red/yellow item had (so the next check can tell
/// what turned) and appends one audit entry.
pub fn record_check_in(
    tx: &Transaction,
    actor: &Actor,
    cal: &Calendar,
    check: &DueCheck,
) -> Result<CheckOutcome> {
    let key = schedule::slot_key(check.slot);
    let exists: Option<String> = tx
        .query_row(
            "SELECT ran_at FROM reminder_checks WHERE slot = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(ran_at) = exists {
        return Err(Error::Conflict(format!(
            "{key} 的提醒检查已于 {ran_at} 运行过，不再重复提醒。"
        )));
    }
    let window = Window::new(cal, actor.today(), yellow_days(tx)?);
    let reminders = scan_window(tx, cal, &window)?;
    let summary = summarise(check, &reminders);
    tx.execute(
        "INSERT INTO reminder_checks(slot, ran_at, count) VALUES (?1, ?2, ?3)",
        params![key, actor.stamp(), summary.total as i64],
    )?;
    remember_lights_in(tx, &window, &reminders)?;
    audit::append_in(
        tx,
        actor,
        "reminder_check",
        &key,
        "run",
        None,
        Some(&serde_json::json!({
            "covers": summary.covers,
            "catch_up": summary.catch_up,
            "total": summary.total,
            "new_red": summary.new_red,
            "new_yellow": summary.new_yellow,
        })),
    )?;
    Ok(CheckOutcome { summary, reminders })
}

/// Runs the check due at `actor.now`, if any, in one transaction.
pub fn run_due_check(
    store: &mut Store,
    actor: &Actor,
    cal: &Calendar,
) -> Result<Option<CheckOutcome>> {
    store.write(|tx| {
        let times = check_times(tx)?;
        match schedule::due_check(cal, &times, last_slot(tx)?, actor.now) {
            None => Ok(None),
            Some(check) => record_check_in(tx, actor, cal, &check).map(Some),
        }
    })
}

/// Stores the light of every red/yellow item found and forgets items that are
/// neither any more (so one that turns yellow again later is new again).
fn remember_lights_in(tx: &Transaction, window: &Window, reminders: &[Reminder]) -> Result<()> {
    {
        let mut st = tx.prepare_cached(
            "INSERT OR REPLACE INTO item_lights_seen(item_id, light) VALUES (?1, ?2)",
        )?;
        for r in reminders.iter().filter(|r| r.new) {
            let light = match r.kind {
                ReminderKind::ItemRed => RED,
                ReminderKind::ItemYellow => YELLOW,
                _ => continue,
            };
            if let Some(id) = r.item_id {
                st.execute(params![id, light])?;
            }
        }
    }
    tx.execute(
        &format!(
            "DELETE FROM item_lights_seen WHERE item_id NOT IN (
                SELECT id FROM items WHERE status IN {OPEN_STATUSES_SQL} AND effective_deadline < ?1)"
        ),
        [crate::dates::ymd(window.yellow_end)],
    )?;
    Ok(())
}

/// The numbers and the notification text of a check.
pub fn summarise(check: &DueCheck, reminders: &[Reminder]) -> CheckSummary {
    let by_kind = kind_counts(reminders);
    let new_of = |k: ReminderKind| reminders.iter().filter(|r| r.kind == k && r.new).count();
    let new_red = new_of(ReminderKind::ItemRed);
    let new_yellow = new_of(ReminderKind::ItemYellow);
    let when = crate::dates::minute(check.slot);
    let title = if check.covers > 1 {
        format!("督办提醒（补查：关闭期间错过 {} 次检查）", check.covers)
    } else if check.catch_up {
        format!("督办提醒（补查 {when}）")
    } else {
        format!("督办提醒（{when}）")
    };
    let body = if by_kind.is_empty() {
        "当前没有需要提醒的事项。".to_string()
    } else {
        let parts: Vec<String> = by_kind
            .iter()
            .map(|kc| {
                let fresh = match kc.kind {
                    ReminderKind::ItemRed if new_red > 0 => format!("（新转红 {new_red}）"),
                    ReminderKind::ItemYellow if new_yellow > 0 => {
                        format!("（新转黄 {new_yellow}）")
                    }
                    _ => String::new(),
                };
                format!("{} {}{fresh}", kc.label, kc.count)
            })
            .collect();
        format!(
            "共 {} 条提醒：{}。请打开工作台处理。",
            reminders.len(),
            parts.join("，")
        )
    };
    CheckSummary {
        slot: check.slot,
        covers: check.covers,
        catch_up: check.catch_up,
        total: reminders.len(),
        by_kind,
        new_red,
        new_yellow,
        title,
        body,
    }
}

/// One recorded check (the reminder centre's history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckRecord {
    /// `YYYY-MM-DD HH:MM`.
    pub slot: String,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub ran_at: String,
    /// Number of reminders the check found.
    pub count: i64,
}

/// The latest `limit` checks, newest first.
pub fn history(conn: &Connection, limit: u32) -> Result<Vec<CheckRecord>> {
    let mut st = conn
        .prepare("SELECT slot, ran_at, count FROM reminder_checks ORDER BY slot DESC LIMIT ?1")?;
    let rows = st.query_map([limit], |r| {
        Ok(CheckRecord {
            slot: r.get(0)?,
            ran_at: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
