//! The 工作台's two answers (`dashboard_load`, `dashboard_figures`),
//! computed once while the window starts.
//!
//! The webview takes about 0.7 s to come up and run the page's script; the
//! core has nothing to do meanwhile, and the two answers take 0.2–0.5 s at
//! 100,000 items. So [`FirstPage::start`] computes them on a thread of their
//! own as soon as the app starts. The first `dashboard_load` (and the first
//! `dashboard_figures`) takes the answer kept here instead of computing it
//! again, waiting for it if the thread is still at work.
//!
//! An answer is used once, and only if nothing can have changed it: the same
//! day by the app's clock, and no command has used the writing connection
//! since it was computed ([`AppState::writes`]). Otherwise the command
//! computes afresh, as every later call does.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::dashboard::{self, Dashboard, DashboardFigures};
use tauri::{AppHandle, Manager};

use crate::error::CmdResult;
use crate::state::AppState;

/// How long the first command waits for the thread before computing itself.
const WAIT: Duration = Duration::from_secs(10);

/// One answer computed at start-up.
struct Kept<T> {
    slot: Mutex<Slot<T>>,
    done: Condvar,
}

enum Slot<T> {
    /// The thread has not finished it.
    Pending,
    /// Computed on `day`, when [`AppState::writes`] was `writes`.
    Ready {
        day: NaiveDate,
        writes: u64,
        value: T,
    },
    /// Taken, failed, or never started: commands compute their own.
    Gone,
}

impl<T> Kept<T> {
    fn new() -> Self {
        Kept {
            slot: Mutex::new(Slot::Gone),
            done: Condvar::new(),
        }
    }

    fn set(&self, slot: Slot<T>) {
        *self.slot.lock().unwrap_or_else(|p| p.into_inner()) = slot;
        self.done.notify_all();
    }

    /// The answer, once, if it was computed on `day` with `writes` writes.
    fn take(&self, day: NaiveDate, writes: u64) -> Option<T> {
        let guard = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        let (mut guard, _) = self
            .done
            .wait_timeout_while(guard, WAIT, |s| matches!(s, Slot::Pending))
            .unwrap_or_else(|p| p.into_inner());
        match std::mem::replace(&mut *guard, Slot::Gone) {
            Slot::Ready {
                day: d,
                writes: w,
                value,
            } if d == day && w == writes => Some(value),
            _ => None,
        }
    }
}

/// What the thread keeps of one computed answer.
fn slot<T>(day: NaiveDate, writes: u64, answer: CmdResult<T>) -> Slot<T> {
    match answer {
        Ok(value) => Slot::Ready { day, writes, value },
        Err(e) => {
            tracing::warn!(error = %e.0.message, "工作台 not computed at start-up");
            Slot::Gone
        }
    }
}

/// The 工作台's answers computed at start-up (a Tauri managed state).
pub struct FirstPage {
    dashboard: Kept<Dashboard>,
    figures: Kept<DashboardFigures>,
}

impl Default for FirstPage {
    fn default() -> Self {
        FirstPage {
            dashboard: Kept::new(),
            figures: Kept::new(),
        }
    }
}

impl FirstPage {
    /// Computes both answers on a thread of their own (one core: the other
    /// is the webview's while it starts).
    pub fn start(app: &AppHandle) {
        let first = app.state::<FirstPage>();
        first.dashboard.set(Slot::Pending);
        first.figures.set(Slot::Pending);
        let handle = app.clone();
        let spawned = std::thread::Builder::new()
            .name("duban-first-page".into())
            .spawn(move || {
                let state = handle.state::<AppState>();
                let first = handle.state::<FirstPage>();
                let now = state.clock.now();
                let writes = state.writes();
                let day = now.date();
                first.dashboard.set(slot(
                    day,
                    writes,
                    state.read(|s| dashboard::load(s.conn(), &Calendar::load(s.conn())?, now)),
                ));
                first.figures.set(slot(
                    day,
                    writes,
                    state.read(|s| dashboard::figures(s.conn(), &Calendar::load(s.conn())?, day)),
                ));
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "start-up 工作台 thread did not start");
            first.dashboard.set(Slot::Gone);
            first.figures.set(Slot::Gone);
        }
    }

    /// The start-up `dashboard_load` answer, if it still holds for `day`.
    pub fn take_dashboard(&self, day: NaiveDate, writes: u64) -> Option<Dashboard> {
        self.dashboard.take(day, writes)
    }

    /// The start-up `dashboard_figures` answer, if it still holds for `day`.
    pub fn take_figures(&self, day: NaiveDate, writes: u64) -> Option<DashboardFigures> {
        self.figures.take(day, writes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn an_answer_is_taken_once_and_only_for_its_day_and_writes() {
        let kept = Kept::new();
        kept.set(Slot::Ready {
            day: day(26),
            writes: 3,
            value: "answer",
        });
        assert_eq!(kept.take(day(26), 3), Some("answer"));
        assert_eq!(kept.take(day(26), 3), None, "used once");

        for (d, w) in [(27, 3), (26, 4)] {
            kept.set(Slot::Ready {
                day: day(26),
                writes: 3,
                value: "answer",
            });
            assert_eq!(kept.take(day(d), w), None, "another day or a write since");
            assert_eq!(kept.take(day(26), 3), None, "dropped, not kept for later");
        }
    }

    #[test]
    fn a_command_waits_for_the_answer_under_way() {
        let kept = std::sync::Arc::new(Kept::new());
        kept.set(Slot::Pending);
        let setter = kept.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            setter.set(Slot::Ready {
                day: day(26),
                writes: 0,
                value: 7,
            });
        });
        assert_eq!(kept.take(day(26), 0), Some(7));
        t.join().unwrap();
    }

    #[test]
    fn nothing_kept_means_nothing_taken_without_waiting() {
        let kept: Kept<u8> = Kept::new();
        let t0 = std::time::Instant::now();
        assert_eq!(kept.take(day(26), 0), None);
        assert!(t0.elapsed() < Duration::from_secs(1));
    }
}
