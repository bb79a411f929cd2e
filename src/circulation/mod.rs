//! 月度督办通报 (PRODUCT #11, EXCHANGE §3): the monthly circulation sheet.
//!
//! The figures are plain functions of items, extensions, rounds, the calendar
//! and the month ([`figures::compute`]), kept apart from loading them from the
//! database ([`load`]) and from writing the workbook ([`workbook`]), so that
//! the rules of §3 are tested on their own, and the sheet, the preview in the
//! app and the command line all show the same numbers.

pub mod figures;
pub mod load;
mod summary;
pub mod workbook;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{invalid, Result};

pub use figures::{
    classify, compute, lead_tallies, office_tally, Class, ExtensionFact, ExtensionRow, FinishedRow,
    Inputs, ItemFact, MonthlyFigures, OverdueRow, PartyFact, PartyRow, ReportRow, RoundFact, Tally,
};
pub use load::{load_inputs, load_inputs_in, monthly_figures};
pub use workbook::{export_monthly, write_monthly};

/// A calendar month (`YYYY-MM`); it lives with the other date forms.
pub use crate::dates::Month;

/// The month and the as-of day A the figures are evaluated at (the end of A).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Period {
    /// The month M.
    pub month: Month,
    /// The first day of M.
    pub first: NaiveDate,
    /// The last day of M.
    pub last: NaiveDate,
    /// The as-of day A (default: the last day of M).
    pub as_of: NaiveDate,
}

impl Period {
    /// Month `month` as of `as_of` (default its last day). An as-of day before
    /// the month begins is refused: nothing of M is known yet.
    pub fn new(month: Month, as_of: Option<NaiveDate>) -> Result<Period> {
        let first = month.first_day();
        let last = month.last_day();
        let as_of = as_of.unwrap_or(last);
        if as_of < first {
            return Err(invalid(format!(
                "统计截止日期 {as_of} 早于 {} 的第一天。请选择 {first} 或之后的日期。",
                month.label()
            )));
        }
        Ok(Period {
            month,
            first,
            last,
            as_of,
        })
    }
    /// Month `month` as of `as_of`, by default as seen on `today`: the last
    /// day of a month that has ended, today in a month still running (as of
    /// its last day, items due later this month would count as past due).
    pub fn seen_on(month: Month, as_of: Option<NaiveDate>, today: NaiveDate) -> Result<Period> {
        Period::new(month, Some(as_of.unwrap_or(today.min(month.last_day()))))
    }
    /// The last day of the month that is already known at A: `min(A, last)`.
    /// Counts "in M" (新增事项, 延期次数) run from `first` to this day.
    pub fn window_end(&self) -> NaiveDate {
        self.span().window_end()
    }
    /// Whether a date is within `[first, window_end]`.
    pub fn in_window(&self, d: NaiveDate) -> bool {
        self.span().in_window(d)
    }
    /// The month's days and its as-of day, as the item rules of §3 use them.
    pub fn span(&self) -> Span {
        Span {
            first: self.first,
            last: self.last,
            as_of: self.as_of,
        }
    }
}

/// The days `[first, last]` the item rules of §3 count over, evaluated at the
/// end of `as_of`: a month for the circulation sheet, or the
/// `[F, A]` of a 绩效考核 period (EXCHANGE §6, `crate::assessment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first day (M's first day, or F).
    pub first: NaiveDate,
    /// The last day counts "in the span" may reach.
    pub last: NaiveDate,
    /// The as-of day A.
    pub as_of: NaiveDate,
}

impl Span {
    /// `min(A, last)`: the last day already known at A.
    pub fn window_end(&self) -> NaiveDate {
        self.as_of.min(self.last)
    }
    /// Whether a date is within `[first, window_end]`.
    pub fn in_window(&self, d: NaiveDate) -> bool {
        d >= self.first && d <= self.window_end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_parses_the_usual_spellings_and_refuses_nonsense() {
        for (text, expect) in [
            ("2026-10", Some((2026, 10))),
            ("2026-1", Some((2026, 1))),
            ("2026/02", Some((2026, 2))),
            ("2026年12月", Some((2026, 12))),
            ("2026-13", None),
            ("26-10", None),
            ("十月", None),
        ] {
            let got = text.parse::<Month>().ok().map(|m| (m.year, m.month));
            assert_eq!(got, expect, "parsing {text}");
        }
    }

    #[test]
    fn month_knows_its_last_day_across_february_and_december() {
        assert_eq!(
            Month::new(2024, 2).unwrap().last_day().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Month::new(2026, 12).unwrap().last_day().to_string(),
            "2026-12-31"
        );
    }

    #[test]
    fn period_refuses_an_as_of_day_before_the_month() {
        let m = Month::new(2026, 10).unwrap();
        assert!(Period::new(m, NaiveDate::from_ymd_opt(2026, 9, 30)).is_err());
        let p = Period::new(m, NaiveDate::from_ymd_opt(2026, 11, 5)).unwrap();
        assert_eq!(p.window_end().to_string(), "2026-10-31");
    }

    #[test]
    fn a_month_still_running_is_seen_as_of_today_by_default() {
        let m = Month::new(2026, 12).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let as_of = |asked, today| Period::seen_on(m, asked, today).unwrap().as_of;
        assert_eq!(
            as_of(None, day(4)),
            day(4),
            "December on the 4th: as of the 4th"
        );
        let january = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(
            as_of(None, january),
            day(31),
            "an ended month: its last day"
        );
        assert_eq!(
            as_of(Some(day(31)), day(4)),
            day(31),
            "a day asked for stays"
        );
        let november = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert!(Period::seen_on(m, None, november).is_err(), "not begun");
    }
}
