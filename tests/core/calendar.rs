//! Integration tests: the working-day calendar (PRODUCT #18).
//!
//! [`official`] checks the shipped schedules against the notices on every
//! day from 2015 to 2026; this file checks the counting rules of EXCHANGE
//! §4 at the edges that matter, the provisional fallback and the add/between
//! consistency property; [`office`] checks the office adding a year.

mod by_hand;
mod follows;
mod office;
mod official;

use chrono::{Duration, NaiveDate};
use duban::calendar::Calendar;
use proptest::prelude::*;

use crate::support::d;

#[test]
fn add_workdays_steps_over_holidays_onto_makeup_days() {
    let cal = Calendar::official();
    let cases = [
        // (from, n, expected, why)
        (
            "2026-02-13",
            1,
            "2026-02-14",
            "Saturday 2026-02-14 is a 春节 make-up day",
        ),
        ("2026-02-14", 1, "2026-02-24", "春节 2026-02-15..23"),
        (
            "2026-02-27",
            1,
            "2026-02-28",
            "Saturday 2026-02-28 is a make-up day",
        ),
        ("2026-09-30", 1, "2026-10-08", "国庆 2026-10-01..07"),
        (
            "2026-10-08",
            2,
            "2026-10-10",
            "Saturday 2026-10-10 is a make-up day",
        ),
        (
            "2026-01-01",
            1,
            "2026-01-04",
            "Sunday 2026-01-04 is a make-up day",
        ),
        (
            "2025-01-27",
            1,
            "2025-02-05",
            "春节 2025 from 除夕 01-28 to 02-04",
        ),
        (
            "2024-02-08",
            1,
            "2024-02-09",
            "除夕 2024-02-09 stayed a working day",
        ),
        (
            "2024-02-09",
            1,
            "2024-02-18",
            "Sunday 2024-02-18 is a make-up day",
        ),
        (
            "2023-09-28",
            1,
            "2023-10-07",
            "中秋国庆 2023-09-29..10-06, Saturday 10-07 works",
        ),
        (
            "2020-01-23",
            1,
            "2020-02-03",
            "2020 extension to 02-02; 02-01 no longer a make-up day",
        ),
        (
            "2020-01-18",
            1,
            "2020-01-19",
            "Sunday 2020-01-19 stayed a make-up day",
        ),
        (
            "2019-04-30",
            1,
            "2019-05-05",
            "2019 劳动节 revised to 05-01..04, Sunday 05-05 works",
        ),
        (
            "2018-12-28",
            1,
            "2018-12-29",
            "the 2019 notice made Saturday 2018-12-29 a working day",
        ),
        (
            "2018-12-28",
            2,
            "2019-01-02",
            "… and Monday 2018-12-31 a holiday",
        ),
        (
            "2016-12-30",
            1,
            "2017-01-03",
            "2017 元旦 2016-12-31..2017-01-02",
        ),
        (
            "2015-09-02",
            1,
            "2015-09-06",
            "抗战胜利70周年 09-03..05, Sunday 09-06 works",
        ),
        ("2024-02-28", 1, "2024-02-29", "leap day 2024 is a Thursday"),
        ("2020-02-28", 1, "2020-03-02", "leap day 2020 is a Saturday"),
        ("2026-12-31", 0, "2026-12-31", "n = 0 gives the day itself"),
        ("2026-02-15", 0, "2026-02-15", "n = 0 even on a holiday"),
        ("2026-03-02", 5, "2026-03-09", "a plain week"),
    ];
    for (from, n, want, why) in cases {
        assert_eq!(cal.add_workdays(d(from), n), d(want), "{from} + {n}: {why}");
    }
}

#[test]
fn workdays_between_counts_the_half_open_span() {
    let cal = Calendar::official();
    let cases = [
        // (a, b, count): working days x with a < x <= b
        ("2026-02-13", "2026-02-24", 2),
        ("2026-02-12", "2026-02-13", 1),
        ("2026-02-13", "2026-02-13", 0),
        ("2026-02-24", "2026-02-13", 0),
        ("2018-12-28", "2019-01-02", 2),
        ("2020-01-23", "2020-02-03", 1),
        ("2026-01-01", "2026-12-31", 248),
        ("2024-02-28", "2024-03-01", 2),
        ("2026-03-01", "2026-03-08", 5),
    ];
    for (a, b, want) in cases {
        assert_eq!(cal.workdays_between(d(a), d(b)), want, "({a}, {b}]");
    }
}

#[test]
fn next_workday_on_or_after_keeps_working_days_and_skips_days_off() {
    let cal = Calendar::official();
    for (from, want) in [
        ("2026-02-14", "2026-02-14"),
        ("2026-02-15", "2026-02-24"),
        ("2026-03-07", "2026-03-09"),
        ("2018-12-30", "2019-01-02"),
        ("2026-11-30", "2026-11-30"),
    ] {
        assert_eq!(cal.next_workday_on_or_after(d(from)), d(want), "{from}");
    }
}

#[test]
fn years_without_a_schedule_fall_back_to_weekends_and_say_so() {
    let cal = Calendar::official();
    assert!(!cal.covers(2014) && !cal.covers(2027));
    assert!((2015..=2026).all(|y| cal.covers(y)));
    // 2014-10-01 was a real holiday, 2027-01-01 will be one: without a schedule both count.
    for (day, working) in [
        ("2014-10-01", true),
        ("2027-01-01", true),
        ("2027-01-02", false),
    ] {
        assert_eq!(cal.is_workday(d(day)), working, "{day}");
        assert!(cal.is_provisional(d(day)), "{day}");
    }
    assert!(!cal.is_provisional(d("2026-12-31")));
    let a = cal.add_workdays_answer(d("2026-12-31"), 1);
    assert_eq!((a.date, a.provisional), (d("2027-01-01"), true));
    let a = cal.add_workdays_answer(d("2026-12-30"), 1);
    assert_eq!((a.date, a.provisional), (d("2026-12-31"), false));
    // 2014-12-31 (a Wednesday, provisional), Sunday 2015-01-04 (make-up), 2015-01-05.
    let c = cal.workdays_between_answer(d("2014-12-30"), d("2015-01-05"));
    assert_eq!((c.count, c.provisional), (3, true));
    let c = cal.workdays_between_answer(d("2015-01-05"), d("2015-01-09"));
    assert_eq!((c.count, c.provisional), (4, false));
    assert_eq!(cal.years().len(), 12);
}

#[test]
fn far_and_huge_requests_stay_correct() {
    let cal = Calendar::official();
    // Outside every schedule the plain week rules: 1000 weeks later.
    let far = cal.add_workdays(d("2100-01-01"), 5000);
    assert_eq!(far, d("2100-01-01") + Duration::weeks(1000));
    assert_eq!(
        cal.workdays_between(d("2000-01-01"), far),
        cal.workdays_between(d("2000-01-01"), d("2100-01-01")) + 5000
    );
    assert_eq!(
        cal.add_workdays(NaiveDate::MAX - Duration::days(3), 10),
        NaiveDate::MAX
    );
}

fn day_in_range() -> impl Strategy<Value = NaiveDate> {
    (0i64..(16 * 366)).prop_map(|k| d("2013-06-01") + Duration::days(k))
}

proptest! {
    #[test]
    fn between_undoes_add(a in day_in_range(), n in 0u32..800) {
        let cal = Calendar::official();
        let later = cal.add_workdays(a, n);
        prop_assert_eq!(cal.workdays_between(a, later), i64::from(n));
        if n > 0 {
            prop_assert!(cal.is_workday(later));
            prop_assert!(later > a);
            // …and it is the first day that reaches n.
            prop_assert_eq!(cal.workdays_between(a, later - Duration::days(1)), i64::from(n) - 1);
        }
    }

    #[test]
    fn between_matches_counting_day_by_day(a in day_in_range(), span in -30i64..500) {
        let cal = Calendar::official();
        let b = a + Duration::days(span);
        let mut count = 0;
        let mut x = a + Duration::days(1);
        while x <= b {
            count += i64::from(cal.is_workday(x));
            x += Duration::days(1);
        }
        prop_assert_eq!(cal.workdays_between(a, b), count);
    }
}
