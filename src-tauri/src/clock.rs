//! The only place the desktop app reads the clock. Commands take `now`/`today`
//! from here and pass them into the core (which never reads the clock).
//!
//! With the `e2e` feature (test builds only) the clock can be moved: the
//! variable `DUBAN_E2E_NOW` (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`) sets the
//! moment the app starts at, and the `e2e_set_now` command moves it later;
//! from that moment the clock runs on with real elapsed time.

use chrono::NaiveDateTime;

/// The app's clock.
#[derive(Debug, Default)]
pub struct Clock {
    #[cfg(any(test, feature = "e2e"))]
    moved: std::sync::Mutex<Option<(NaiveDateTime, std::time::Instant)>>,
}

impl Clock {
    /// The real clock (or, in e2e builds, the moment from `DUBAN_E2E_NOW`).
    pub fn from_env() -> Clock {
        let clock = Clock::default();
        #[cfg(feature = "e2e")]
        if let Ok(s) = std::env::var("DUBAN_E2E_NOW") {
            if let Some(at) = parse_moment(&s) {
                clock.set(at);
            }
        }
        clock
    }

    /// Now, in local time.
    pub fn now(&self) -> NaiveDateTime {
        #[cfg(any(test, feature = "e2e"))]
        if let Some((at, since)) = *self.moved.lock().unwrap_or_else(|p| p.into_inner()) {
            let elapsed = chrono::Duration::from_std(since.elapsed()).unwrap_or_default();
            return at + elapsed;
        }
        #[allow(clippy::disallowed_methods)] // the door reads the clock; the core is given it
        chrono::Local::now().naive_local()
    }

    /// Today, in local time.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date()
    }

    /// Moves the clock to `at` (e2e builds and the shell's own tests only).
    #[cfg(any(test, feature = "e2e"))]
    pub fn set(&self, at: NaiveDateTime) {
        *self.moved.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((at, std::time::Instant::now()));
    }
}

/// Reads `YYYY-MM-DD HH:MM[:SS]` (or with `T`) or a date (as 09:00), as
/// [`duban::dates::parse_moment`] does.
pub fn parse_moment(s: &str) -> Option<NaiveDateTime> {
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0)?;
    duban::dates::parse_moment(s, nine).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_moment;

    #[test]
    fn moments_are_read_in_the_forms_tests_write_them() {
        let cases = [
            ("2026-03-02 14:30:00", Some("2026-03-02 14:30:00")),
            ("2026-03-02T14:30:00", Some("2026-03-02 14:30:00")),
            ("2026-03-02 14:30", Some("2026-03-02 14:30:00")),
            ("2026-03-02", Some("2026-03-02 09:00:00")),
            ("2026-02-30", None),
            ("明天", None),
        ];
        for (input, want) in cases {
            let got = parse_moment(input).map(duban::dates::stamp);
            assert_eq!(got.as_deref(), want, "parsing {input:?}");
        }
    }
}
