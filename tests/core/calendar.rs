//! Integration tests: the working-day calendar (PRODUCT #18).
//!
//! The official schedule is written out a second time below, block by block,
//! straight from the State Council notices, and the shipped calendar must
//! agree with it on every day from 2015 to 2026. Then: the counting rules of
//! EXCHANGE.md §4 at the edges that matter, the provisional fallback, the
//! add/between consistency property, and the office adding a year.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use duban::calendar::{add_year, load_file, parse_schedule, Calendar, DayKind, ScheduleDay};
use proptest::prelude::*;

use crate::support::{actor, d, store};

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
const OFFICIAL: &[(i32, &[Block])] = &[
    (
        2015,
        &[
            b("2015-01-01", "2015-01-03", &["2015-01-04"]),
            b("2015-02-18", "2015-02-24", &["2015-02-15", "2015-02-28"]),
            b("2015-04-04", "2015-04-06", &[]),
            b("2015-05-01", "2015-05-03", &[]),
            b("2015-06-20", "2015-06-22", &[]),
            b("2015-09-03", "2015-09-05", &["2015-09-06"]),
            b("2015-09-27", "2015-09-27", &[]),
            b("2015-10-01", "2015-10-07", &["2015-10-10"]),
        ],
    ),
    (
        2016,
        &[
            b("2016-01-01", "2016-01-03", &[]),
            b("2016-02-07", "2016-02-13", &["2016-02-06", "2016-02-14"]),
            b("2016-04-02", "2016-04-04", &[]),
            b("2016-04-30", "2016-05-02", &[]),
            b("2016-06-09", "2016-06-11", &["2016-06-12"]),
            b("2016-09-15", "2016-09-17", &["2016-09-18"]),
            b("2016-10-01", "2016-10-07", &["2016-10-08", "2016-10-09"]),
        ],
    ),
    (
        2017,
        &[
            b("2016-12-31", "2017-01-02", &[]),
            b("2017-01-27", "2017-02-02", &["2017-01-22", "2017-02-04"]),
            b("2017-04-02", "2017-04-04", &["2017-04-01"]),
            b("2017-04-29", "2017-05-01", &[]),
            b("2017-05-28", "2017-05-30", &["2017-05-27"]),
            b("2017-10-01", "2017-10-08", &["2017-09-30"]),
        ],
    ),
    (
        2018,
        &[
            b("2017-12-30", "2018-01-01", &[]),
            b("2018-02-15", "2018-02-21", &["2018-02-11", "2018-02-24"]),
            b("2018-04-05", "2018-04-07", &["2018-04-08"]),
            b("2018-04-29", "2018-05-01", &["2018-04-28"]),
            b("2018-06-16", "2018-06-18", &[]),
            b("2018-09-22", "2018-09-24", &[]),
            b("2018-10-01", "2018-10-07", &["2018-09-29", "2018-09-30"]),
        ],
    ),
    (
        2019,
        &[
            b("2018-12-30", "2019-01-01", &["2018-12-29"]),
            b("2019-02-04", "2019-02-10", &["2019-02-02", "2019-02-03"]),
            b("2019-04-05", "2019-04-07", &[]),
            b("2019-05-01", "2019-05-04", &["2019-04-28", "2019-05-05"]),
            b("2019-06-07", "2019-06-09", &[]),
            b("2019-09-13", "2019-09-15", &[]),
            b("2019-10-01", "2019-10-07", &["2019-09-29", "2019-10-12"]),
        ],
    ),
    (
        2020,
        &[
            b("2020-01-01", "2020-01-01", &[]),
            b("2020-01-24", "2020-02-02", &["2020-01-19"]),
            b("2020-04-04", "2020-04-06", &[]),
            b("2020-05-01", "2020-05-05", &["2020-04-26", "2020-05-09"]),
            b("2020-06-25", "2020-06-27", &["2020-06-28"]),
            b("2020-10-01", "2020-10-08", &["2020-09-27", "2020-10-10"]),
        ],
    ),
    (
        2021,
        &[
            b("2021-01-01", "2021-01-03", &[]),
            b("2021-02-11", "2021-02-17", &["2021-02-07", "2021-02-20"]),
            b("2021-04-03", "2021-04-05", &[]),
            b("2021-05-01", "2021-05-05", &["2021-04-25", "2021-05-08"]),
            b("2021-06-12", "2021-06-14", &[]),
            b("2021-09-19", "2021-09-21", &["2021-09-18"]),
            b("2021-10-01", "2021-10-07", &["2021-09-26", "2021-10-09"]),
        ],
    ),
    (
        2022,
        &[
            b("2022-01-01", "2022-01-03", &[]),
            b("2022-01-31", "2022-02-06", &["2022-01-29", "2022-01-30"]),
            b("2022-04-03", "2022-04-05", &["2022-04-02"]),
            b("2022-04-30", "2022-05-04", &["2022-04-24", "2022-05-07"]),
            b("2022-06-03", "2022-06-05", &[]),
            b("2022-09-10", "2022-09-12", &[]),
            b("2022-10-01", "2022-10-07", &["2022-10-08", "2022-10-09"]),
        ],
    ),
    (
        2023,
        &[
            b("2022-12-31", "2023-01-02", &[]),
            b("2023-01-21", "2023-01-27", &["2023-01-28", "2023-01-29"]),
            b("2023-04-05", "2023-04-05", &[]),
            b("2023-04-29", "2023-05-03", &["2023-04-23", "2023-05-06"]),
            b("2023-06-22", "2023-06-24", &["2023-06-25"]),
            b("2023-09-29", "2023-10-06", &["2023-10-07", "2023-10-08"]),
        ],
    ),
    (
        2024,
        &[
            b("2023-12-30", "2024-01-01", &[]),
            b("2024-02-10", "2024-02-17", &["2024-02-04", "2024-02-18"]),
            b("2024-04-04", "2024-04-06", &["2024-04-07"]),
            b("2024-05-01", "2024-05-05", &["2024-04-28", "2024-05-11"]),
            b("2024-06-08", "2024-06-10", &[]),
            b("2024-09-15", "2024-09-17", &["2024-09-14"]),
            b("2024-10-01", "2024-10-07", &["2024-09-29", "2024-10-12"]),
        ],
    ),
    (
        2025,
        &[
            b("2025-01-01", "2025-01-01", &[]),
            b("2025-01-28", "2025-02-04", &["2025-01-26", "2025-02-08"]),
            b("2025-04-04", "2025-04-06", &[]),
            b("2025-05-01", "2025-05-05", &["2025-04-27"]),
            b("2025-05-31", "2025-06-02", &[]),
            b("2025-10-01", "2025-10-08", &["2025-09-28", "2025-10-11"]),
        ],
    ),
    (
        2026,
        &[
            b("2026-01-01", "2026-01-03", &["2026-01-04"]),
            b("2026-02-15", "2026-02-23", &["2026-02-14", "2026-02-28"]),
            b("2026-04-04", "2026-04-06", &[]),
            b("2026-05-01", "2026-05-05", &["2026-05-09"]),
            b("2026-06-19", "2026-06-21", &[]),
            b("2026-09-25", "2026-09-27", &[]),
            b("2026-10-01", "2026-10-07", &["2026-09-20", "2026-10-10"]),
        ],
    ),
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

fn day(date: &str, kind: DayKind, name: &str) -> ScheduleDay {
    ScheduleDay {
        date: d(date),
        kind,
        name: name.into(),
    }
}

fn audit_count(s: &duban::store::Store) -> i64 {
    s.conn()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_office_added_year_counts_and_is_audited() {
    let mut s = store();
    let before = audit_count(&s);
    let days = [
        day("2026-12-26", DayKind::Workday, "元旦调休上班"),
        day("2027-01-01", DayKind::Holiday, "元旦"),
        day("2027-02-05", DayKind::Holiday, "春节"),
    ];
    let change = add_year(
        &mut s,
        &actor("2026-11-20 10:00"),
        2027,
        &days,
        "国办发明电〔2026〕X号",
    )
    .unwrap();
    assert_eq!(
        (change.holidays, change.workdays, change.replaced),
        (2, 1, None)
    );
    let cal = Calendar::load(s.conn()).unwrap();
    assert!(cal.covers(2027) && !cal.is_provisional(d("2027-03-01")));
    assert!(
        cal.is_workday(d("2026-12-26")),
        "a cross-year make-up Saturday"
    );
    assert!(!cal.is_workday(d("2027-01-01")) && !cal.is_workday(d("2027-02-05")));
    assert_eq!(cal.add_workdays(d("2027-02-04"), 1), d("2027-02-08"));
    assert_eq!(
        cal.years().last().map(|(y, src)| (*y, src.office_added)),
        Some((2027, true))
    );
    assert_eq!(audit_count(&s), before + 1);
    let log = duban::store::audit::entries_for(s.conn(), "calendar", "2027").unwrap();
    assert_eq!(log.len(), 1);
}

#[test]
fn an_office_year_replaces_the_shipped_one() {
    let mut s = store();
    // Pretend the office corrects 2026: only 元旦, and 2026-02-16 a plain Monday.
    let days = [day("2026-01-01", DayKind::Holiday, "元旦")];
    let change = add_year(&mut s, &actor("2026-01-05 09:00"), 2026, &days, "更正").unwrap();
    assert_eq!(change.replaced.as_deref(), Some("shipped"));
    let cal = Calendar::load(s.conn()).unwrap();
    assert!(cal.is_workday(d("2026-02-16")));
    assert!(
        !cal.is_workday(d("2026-02-14")),
        "the shipped make-up day is gone too"
    );
    assert!(!Calendar::official().is_workday(d("2026-02-16")));
    // Replacing it again names the office's own schedule.
    let again = add_year(&mut s, &actor("2026-01-06 09:00"), 2026, &days, "再更正").unwrap();
    assert_eq!(again.replaced.as_deref(), Some("office"));
}

#[test]
fn bad_office_years_are_refused_and_write_nothing() {
    let mut s = store();
    let before = audit_count(&s);
    let a = actor("2026-11-20 10:00");
    let cases: Vec<(Vec<ScheduleDay>, &str)> = vec![
        (
            vec![
                day("2027-01-01", DayKind::Holiday, ""),
                day("2027-06-01", DayKind::Workday, ""),
            ],
            "本来就是工作日",
        ),
        (
            vec![
                day("2027-01-01", DayKind::Holiday, ""),
                day("2026-06-06", DayKind::Workday, ""),
            ],
            "不属于2027年",
        ),
        (
            vec![
                day("2027-01-01", DayKind::Holiday, ""),
                day("2027-01-01", DayKind::Holiday, ""),
            ],
            "出现了两次",
        ),
        (
            vec![day("2027-01-02", DayKind::Workday, "")],
            "没有任何放假日",
        ),
    ];
    for (days, msg) in cases {
        let e = add_year(&mut s, &a, 2027, &days, "x").unwrap_err();
        assert_eq!(e.code(), "invalid", "{e}");
        assert!(e.to_string().contains(msg), "{e}");
    }
    // A day that another year's notice already sets (the 2019 notice's 2018-12-30).
    let e = add_year(
        &mut s,
        &a,
        2018,
        &[day("2018-12-30", DayKind::Holiday, "")],
        "x",
    )
    .unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert!(e.to_string().contains("2019年"), "{e}");
    assert_eq!(audit_count(&s), before);
    let years: i64 = s
        .conn()
        .query_row("SELECT COUNT(*) FROM calendar_years", [], |r| r.get(0))
        .unwrap();
    assert_eq!(years, 0);
}

#[test]
fn schedule_text_problems_are_named_by_line() {
    let cases = [
        ("2027-02-30,休,春节", "第1行", "不存在"),
        (
            "日期,类型,名称\n2027-01-01,放松,元旦",
            "第2行",
            "类型“放松”无法识别",
        ),
        ("2027-01-01,休\n27/01/01,休", "第2行", "无法识别"),
        (
            "# 注释\n2027-01-01,休\n2027-01-01,休",
            "第3行",
            "与第2行重复",
        ),
        ("2027-01-01,休\n2027-05-06,班,劳动节", "第2行", "星期四"),
        ("2027-01-01,休\n2027-03-01", "第2行", "缺少类型"),
        ("2027-01-05..2027-01-01,休", "第1行", "结束日早于开始日"),
        ("", "", "没有任何日期"),
    ];
    for (text, line, msg) in cases {
        let e = parse_schedule(text, "文件“t.csv”", Some(2027)).unwrap_err();
        assert!(
            e.to_string().contains(line) && e.to_string().contains(msg),
            "{text:?}: {e}"
        );
    }
}

#[test]
fn schedule_text_accepts_runs_formats_and_infers_the_year() {
    let text = "\u{feff}日期,类型,名称\n2026-12-26,班,元旦调休上班\n2027年1月1日至2027年1月3日,休,元旦\n20270206 holiday 春节\n2027/2/7~2027/2/8\t放假\t春节";
    let s = parse_schedule(text, "t", None).unwrap();
    assert_eq!(s.year, 2027);
    let dates: Vec<String> = s
        .days
        .iter()
        .map(|x| format!("{} {}", x.date, x.kind.label()))
        .collect();
    assert_eq!(
        dates,
        [
            "2026-12-26 班",
            "2027-01-01 休",
            "2027-01-02 休",
            "2027-01-03 休",
            "2027-02-06 休",
            "2027-02-07 休",
            "2027-02-08 休"
        ]
    );
}

#[test]
fn a_schedule_file_loads_once_from_csv_or_excel() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("2027年节假日.csv");
    std::fs::write(
        &csv,
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,班,春节调休上班\n",
    )
    .unwrap();
    let mut s = store();
    let a = actor("2026-11-20 10:00");
    let first = load_file(&mut s, &a, &csv, None).unwrap();
    assert!(!first.duplicate);
    assert_eq!(
        (
            first.change.year,
            first.change.holidays,
            first.change.workdays
        ),
        (2027, 1, 1)
    );
    let audits = audit_count(&s);
    let again = load_file(&mut s, &a, &csv, None).unwrap();
    assert!(again.duplicate);
    assert_eq!(audit_count(&s), audits, "a repeated file writes nothing");

    let xlsx = dir.path().join("2028.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("节假日安排").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write(0, 0, "日期").unwrap();
    sheet.write(0, 1, "类型").unwrap();
    sheet.write(0, 2, "名称").unwrap();
    let jan1 = rust_xlsxwriter::ExcelDateTime::from_ymd(2028, 1, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 0, &jan1, &date_format)
        .unwrap();
    sheet.write(1, 1, "休").unwrap();
    sheet.write(1, 2, "元旦").unwrap();
    sheet.write(2, 0, "2028-01-29").unwrap();
    sheet.write(2, 1, "班").unwrap();
    book.save(&xlsx).unwrap();
    let loaded = load_file(&mut s, &a, &xlsx, None).unwrap();
    assert_eq!(
        (
            loaded.change.year,
            loaded.change.holidays,
            loaded.change.workdays
        ),
        (2028, 1, 1)
    );
    let cal = Calendar::load(s.conn()).unwrap();
    assert!(cal.covers(2027) && cal.covers(2028));
    assert!(!cal.is_workday(d("2028-01-01")) && cal.is_workday(d("2028-01-29")));
}

#[test]
fn a_bad_sheet_row_is_named_by_its_excel_row() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("bad.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["日期", "类型", "名称"],
        ["2027-01-01", "休", "元旦"],
        ["2027-01-02", "半天", ""],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    let mut s = store();
    let e = load_file(&mut s, &actor("2026-11-20 10:00"), &xlsx, None).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("bad.xlsx") && msg.contains("第3行") && msg.contains("半天"),
        "{msg}"
    );
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
