//! The shipped schedules against the State Council notices, written out a
//! second time here block by block: they must agree on every day 2015–2026.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use duban::calendar::Calendar;

use crate::support::d;

/// One holiday block of a notice: first and last day off, and its 调休 make-up working days.
struct Block {
    first: &'static str,
    last: &'static str,
    makeups: &'static [&'static str],
}

const fn b(first: &'static str, last: &'static str, makeups: &'static [&'static str]) -> Block {
    Block {
        first,
        last,
        makeups,
    }
}

/// The notices 2015–2026, as published (with the 2015 抗战胜利70周年 notice,
/// the 2019 劳动节 revision and the 2020 Spring Festival extension).
#[rustfmt::skip]
const OFFICIAL: &[(i32, &[Block])] = &[
    (2015, &[
        b("2015-01-01", "2015-01-03", &["2015-01-04"]),
        b("2015-02-18", "2015-02-24", &["2015-02-15", "2015-02-28"]),
        b("2015-04-04", "2015-04-06", &[]),
        b("2015-05-01", "2015-05-03", &[]),
        b("2015-06-20", "2015-06-22", &[]),
        b("2015-09-03", "2015-09-05", &["2015-09-06"]),
        b("2015-09-27", "2015-09-27", &[]),
        b("2015-10-01", "2015-10-07", &["2015-10-10"]),
    ]),
    (2016, &[
        b("2016-01-01", "2016-01-03", &[]),
        b("2016-02-07", "2016-02-13", &["2016-02-06", "2016-02-14"]),
        b("2016-04-02", "2016-04-04", &[]),
        b("2016-04-30", "2016-05-02", &[]),
        b("2016-06-09", "2016-06-11", &["2016-06-12"]),
        b("2016-09-15", "2016-09-17", &["2016-09-18"]),
        b("2016-10-01", "2016-10-07", &["2016-10-08", "2016-10-09"]),
    ]),
    (2017, &[
        b("2016-12-31", "2017-01-02", &[]),
        b("2017-01-27", "2017-02-02", &["2017-01-22", "2017-02-04"]),
        b("2017-04-02", "2017-04-04", &["2017-04-01"]),
        b("2017-04-29", "2017-05-01", &[]),
        b("2017-05-28", "2017-05-30", &["2017-05-27"]),
        b("2017-10-01", "2017-10-08", &["2017-09-30"]),
    ]),
    (2018, &[
        b("2017-12-30", "2018-01-01", &[]),
        b("2018-02-15", "2018-02-21", &["2018-02-11", "2018-02-24"]),
        b("2018-04-05", "2018-04-07", &["2018-04-08"]),
        b("2018-04-29", "2018-05-01", &["2018-04-28"]),
        b("2018-06-16", "2018-06-18", &[]),
        b("2018-09-22", "2018-09-24", &[]),
        b("2018-10-01", "2018-10-07", &["2018-09-29", "2018-09-30"]),
    ]),
    (2019, &[
        b("2018-12-30", "2019-01-01", &["2018-12-29"]),
        b("2019-02-04", "2019-02-10", &["2019-02-02", "2019-02-03"]),
        b("2019-04-05", "2019-04-07", &[]),
        b("2019-05-01", "2019-05-04", &["2019-04-28", "2019-05-05"]),
        b("2019-06-07", "2019-06-09", &[]),
        b("2019-09-13", "2019-09-15", &[]),
        b("2019-10-01", "2019-10-07", &["2019-09-29", "2019-10-12"]),
    ]),
    (2020, &[
        b("2020-01-01", "2020-01-01", &[]),
        b("2020-01-24", "2020-02-02", &["2020-01-19"]),
        b("2020-04-04", "2020-04-06", &[]),
        b("2020-05-01", "2020-05-05", &["2020-04-26", "2020-05-09"]),
        b("2020-06-25", "2020-06-27", &["2020-06-28"]),
        b("2020-10-01", "2020-10-08", &["2020-09-27", "2020-10-10"]),
    ]),
    (2021, &[
        b("2021-01-01", "2021-01-03", &[]),
        b("2021-02-11", "2021-02-17", &["2021-02-07", "2021-02-20"]),
        b("2021-04-03", "2021-04-05", &[]),
        b("2021-05-01", "2021-05-05", &["2021-04-25", "2021-05-08"]),
        b("2021-06-12", "2021-06-14", &[]),
        b("2021-09-19", "2021-09-21", &["2021-09-18"]),
        b("2021-10-01", "2021-10-07", &["2021-09-26", "2021-10-09"]),
    ]),
    (2022, &[
        b("2022-01-01", "2022-01-03", &[]),
        b("2022-01-31", "2022-02-06", &["2022-01-29", "2022-01-30"]),
        b("2022-04-03", "2022-04-05", &["2022-04-02"]),
        b("2022-04-30", "2022-05-04", &["2022-04-24", "2022-05-07"]),
        b("2022-06-03", "2022-06-05", &[]),
        b("2022-09-10", "2022-09-12", &[]),
        b("2022-10-01", "2022-10-07", &["2022-10-08", "2022-10-09"]),
    ]),
    (2023, &[
        b("2022-12-31", "2023-01-02", &[]),
        b("2023-01-21", "2023-01-27", &["2023-01-28", "2023-01-29"]),
        b("2023-04-05", "2023-04-05", &[]),
        b("2023-04-29", "2023-05-03", &["2023-04-23", "2023-05-06"]),
        b("2023-06-22", "2023-06-24", &["2023-06-25"]),
        b("2023-09-29", "2023-10-06", &["2023-10-07", "2023-10-08"]),
    ]),
    (2024, &[
        b("2023-12-30", "2024-01-01", &[]),
        b("2024-02-10", "2024-02-17", &["2024-02-04", "2024-02-18"]),
        b("2024-04-04", "2024-04-06", &["2024-04-07"]),
        b("2024-05-01", "2024-05-05", &["2024-04-28", "2024-05-11"]),
        b("2024-06-08", "2024-06-10", &[]),
        b("2024-09-15", "2024-09-17", &["2024-09-14"]),
        b("2024-10-01", "2024-10-07", &["2024-09-29", "2024-10-12"]),
    ]),
    (2025, &[
        b("2025-01-01", "2025-01-01", &[]),
        b("2025-01-28", "2025-02-04", &["2025-01-26", "2025-02-08"]),
        b("2025-04-04", "2025-04-06", &[]),
        b("2025-05-01", "2025-05-05", &["2025-04-27"]),
        b("2025-05-31", "2025-06-02", &[]),
        b("2025-10-01", "2025-10-08", &["2025-09-28", "2025-10-11"]),
    ]),
    (2026, &[
        b("2026-01-01", "2026-01-03", &["2026-01-04"]),
        b("2026-02-15", "2026-02-23", &["2026-02-14", "2026-02-28"]),
        b("2026-04-04", "2026-04-06", &[]),
        b("2026-05-01", "2026-05-05", &["2026-05-09"]),
        b("2026-06-19", "2026-06-21", &[]),
        b("2026-09-25", "2026-09-27", &[]),
        b("2026-10-01", "2026-10-07", &["2026-09-20", "2026-10-10"]),
    ]),
];

fn is_weekend(x: NaiveDate) -> bool {
    matches!(x.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Working day according to the table above (weekends, blocks, make-ups).
fn officially_working(x: NaiveDate) -> bool {
    let blocks = OFFICIAL.iter().flat_map(|(_, bs)| bs.iter());
    let mut working = !is_weekend(x);
    for blk in blocks {
        if d(blk.first) <= x && x <= d(blk.last) {
            working = false;
        }
        if blk.makeups.iter().any(|m| d(m) == x) {
            working = true;
        }
    }
    working
}

#[test]
fn shipped_calendar_agrees_with_the_notices_on_every_day_2015_to_2026() {
    let cal = Calendar::official();
    let mut x = d("2015-01-01");
    let mut wrong = Vec::new();
    while x <= d("2026-12-31") {
        if cal.is_workday(x) != officially_working(x) {
            wrong.push(x.to_string());
        }
        x += Duration::days(1);
    }
    assert!(
        wrong.is_empty(),
        "days that disagree with the notices: {wrong:?}"
    );
}

#[test]
fn the_table_itself_keeps_makeups_on_weekends_and_out_of_blocks() {
    // Guards the expectations above against a typo that would hide a bug.
    for (year, blocks) in OFFICIAL {
        for blk in *blocks {
            assert!(d(blk.first) <= d(blk.last), "{year} {}", blk.first);
            for m in blk.makeups {
                assert!(is_weekend(d(m)), "{year}: make-up {m} is not a weekend day");
                assert!(officially_working(d(m)));
            }
        }
    }
}

#[test]
fn each_year_has_the_official_number_of_working_days() {
    // Mondays–Fridays of the year minus the statutory days off (11 until
    // 2024, 13 from 2025), plus 2015's 抗战胜利纪念日 and 2020's two-day
    // extension. Cross-year moves (2018-12-29/31) cancel out.
    let cal = Calendar::official();
    let expected = [
        (2015, 249),
        (2016, 250),
        (2017, 249),
        (2018, 250),
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];
    for (year, days) in expected {
        let start = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap();
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        assert_eq!(cal.workdays_between(start, end), days, "{year}");
    }
}

#[test]
fn shipped_schedules_never_name_a_day_twice_and_stay_near_their_year() {
    let mut seen = std::collections::HashMap::new();
    for s in duban::calendar::shipped() {
        assert!(
            !s.source.is_empty() && s.source.contains(&format!("{}年", s.year)),
            "{}: {}",
            s.year,
            s.source
        );
        for x in &s.days {
            assert!(
                (x.date.year() - s.year).abs() <= 1,
                "{} in {}",
                x.date,
                s.year
            );
            if let Some(other) = seen.insert(x.date, s.year) {
                panic!(
                    "{} is set by both the {other} and the {} notice",
                    x.date, s.year
                );
            }
        }
    }
}
