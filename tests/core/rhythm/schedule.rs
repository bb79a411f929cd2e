//! The check rhythm: slots fire on working days only (make-up Saturdays
//! count, holidays do not), a missed stretch collapses into one catch-up, and
//! a slot that ran never fires again.

use chrono::NaiveTime;
use duban::calendar::Calendar;
use duban::rhythm::schedule::{due_check, next_slot_after, parse_check_times};
use duban::rhythm::{self, checks};
use duban::Error;

use crate::support::{actor, at, store};

fn times() -> Vec<NaiveTime> {
    parse_check_times("09:00,14:30").unwrap()
}

/// (last recorded slot, now, expected slot, covers, catch_up, why)
type Case = (
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    u32,
    bool,
    &'static str,
);

#[test]
fn due_check_follows_working_days_and_never_repeats_a_slot() {
    let cal = Calendar::official();
    // (last recorded slot, now, expected slot, covers, catch_up, why)
    let cases: &[Case] = &[
        (
            Some("2026-11-26 09:00"),
            "2026-11-26 14:29",
            None,
            0,
            false,
            "14:29 is before the afternoon slot",
        ),
        (
            Some("2026-11-26 09:00"),
            "2026-11-26 14:30",
            Some("2026-11-26 14:30"),
            1,
            false,
            "exactly on time",
        ),
        (
            Some("2026-11-26 09:00"),
            "2026-11-26 14:31",
            Some("2026-11-26 14:30"),
            1,
            false,
            "14:31 runs the 14:30 slot",
        ),
        (
            Some("2026-11-26 14:30"),
            "2026-11-26 14:31",
            None,
            0,
            false,
            "the 14:30 slot already ran",
        ),
        (
            Some("2026-11-26 14:30"),
            "2026-11-26 23:59",
            None,
            0,
            false,
            "no slot after 14:30",
        ),
        (
            Some("2026-11-26 09:00"),
            "2026-11-26 16:00",
            Some("2026-11-26 14:30"),
            1,
            true,
            "late start: a catch-up",
        ),
        (
            Some("2026-11-27 14:30"),
            "2026-11-28 10:00",
            None,
            0,
            false,
            "an ordinary Saturday has no slot",
        ),
        (
            Some("2026-11-27 14:30"),
            "2026-11-30 09:01",
            Some("2026-11-30 09:00"),
            1,
            false,
            "Monday morning",
        ),
        // Spring Festival 2026: 02-14 (Sat) is a make-up working day, 02-15..02-23 off.
        (
            Some("2026-02-13 14:30"),
            "2026-02-14 09:02",
            Some("2026-02-14 09:00"),
            1,
            false,
            "make-up Saturday fires",
        ),
        (
            Some("2026-02-14 14:30"),
            "2026-02-18 10:00",
            None,
            0,
            false,
            "nothing during the holiday",
        ),
        (
            Some("2026-02-14 14:30"),
            "2026-02-24 08:59",
            None,
            0,
            false,
            "first day back, before 09:00",
        ),
        // Closed from the Friday before the holiday until the second day back:
        // 02-14 ×2, 02-24 ×2, 02-25 09:00 = five slots, one catch-up.
        (
            Some("2026-02-13 14:30"),
            "2026-02-25 10:00",
            Some("2026-02-25 09:00"),
            5,
            true,
            "long holiday: one catch-up",
        ),
        // National Day 2026: 10-01..10-07 off, 10-10 (Sat) works.
        (
            Some("2026-09-30 14:30"),
            "2026-10-08 08:30",
            None,
            0,
            false,
            "holiday missed nothing",
        ),
        (
            Some("2026-09-30 14:30"),
            "2026-10-08 09:00",
            Some("2026-10-08 09:00"),
            1,
            false,
            "first slot after National Day",
        ),
        (
            Some("2026-10-09 14:30"),
            "2026-10-10 14:35",
            Some("2026-10-10 14:30"),
            2,
            true,
            "make-up Saturday, both slots",
        ),
        (
            None,
            "2026-11-29 12:00",
            Some("2026-11-27 14:30"),
            1,
            true,
            "first run ever on a Sunday: last Friday's slot only",
        ),
        (
            None,
            "2026-11-26 09:03",
            Some("2026-11-26 09:00"),
            1,
            false,
            "first run ever, on time",
        ),
    ];
    for (last, now, want, covers, catch_up, why) in cases {
        let got = due_check(&cal, &times(), last.map(at), at(now));
        match want {
            None => assert_eq!(got, None, "{why}: last {last:?}, now {now}"),
            Some(slot) => {
                let got = got.unwrap_or_else(|| panic!("{why}: expected a check at {now}"));
                assert_eq!(got.slot, at(slot), "{why}");
                assert_eq!(got.covers, *covers, "{why}: covered slots");
                assert_eq!(got.catch_up, *catch_up, "{why}: catch-up flag");
            }
        }
    }
}

#[test]
fn next_slot_skips_weekends_and_holidays_but_not_make_up_days() {
    let cal = Calendar::official();
    let cases = [
        ("2026-11-26 08:00", "2026-11-26 09:00"),
        ("2026-11-26 09:00", "2026-11-26 14:30"),
        ("2026-11-27 15:00", "2026-11-30 09:00"),
        ("2026-09-30 15:00", "2026-10-08 09:00"),
        ("2026-10-09 15:00", "2026-10-10 09:00"),
        ("2026-02-14 15:00", "2026-02-24 09:00"),
    ];
    for (now, want) in cases {
        assert_eq!(
            next_slot_after(&cal, &times(), at(now)),
            Some(at(want)),
            "after {now}"
        );
    }
}

#[test]
fn check_times_setting_is_read_leniently_and_refused_when_unreadable() {
    let ok = [
        ("09:00,14:30", vec!["09:00", "14:30"]),
        ("14:30 09:00", vec!["09:00", "14:30"]),
        ("０９：００、14:30，14:30", vec!["09:00", "14:30"]),
        ("8:15", vec!["08:15"]),
    ];
    for (text, want) in ok {
        let got: Vec<String> = parse_check_times(text)
            .unwrap()
            .iter()
            .map(|t| duban::dates::hm(*t))
            .collect();
        assert_eq!(got, want, "{text}");
    }
    for bad in ["", "25:00", "九点", "09:00,下午"] {
        let e = parse_check_times(bad).unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{bad}: {e}");
        assert!(
            e.to_string().contains("时间"),
            "message names the problem: {e}"
        );
    }
}

#[test]
fn app_closed_over_a_long_holiday_fires_one_catch_up_then_resumes_the_rhythm() {
    let mut s = store();
    let cal = Calendar::official();
    // Last check before the holiday.
    let before = rhythm::run_due_check(&mut s, &actor("2026-09-30 14:31"), &cal).unwrap();
    assert!(before.is_some(), "the 14:30 slot runs");
    // Opened on the make-up Saturday afternoon after National Day.
    let first = rhythm::run_due_check(&mut s, &actor("2026-10-10 15:00"), &cal)
        .unwrap()
        .expect("one catch-up check");
    // 10-08 ×2, 10-09 ×2, 10-10 ×2.
    assert_eq!(first.summary.covers, 6);
    assert!(first.summary.catch_up);
    assert!(
        first.summary.title.contains("补查"),
        "{}",
        first.summary.title
    );
    // Polled again a minute later, and a minute after that: nothing fires twice.
    for now in ["2026-10-10 15:01", "2026-10-10 18:00", "2026-10-11 10:00"] {
        assert!(
            rhythm::run_due_check(&mut s, &actor(now), &cal)
                .unwrap()
                .is_none(),
            "no second check at {now}"
        );
    }
    let slots: i64 = s
        .conn()
        .query_row("SELECT COUNT(*) FROM reminder_checks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        slots, 2,
        "two checks recorded: before and after the holiday"
    );
    // Monday 10-12 resumes at 09:00.
    let monday = rhythm::run_due_check(&mut s, &actor("2026-10-12 09:00"), &cal)
        .unwrap()
        .expect("Monday's morning check");
    assert_eq!(monday.summary.covers, 1);
    assert!(!monday.summary.catch_up);
}

#[test]
fn a_slot_recorded_once_is_refused_the_second_time() {
    let mut s = store();
    let cal = Calendar::official();
    let a = actor("2026-11-26 09:01");
    let check = checks::due_checks(s.conn(), &cal, a.now)
        .unwrap()
        .expect("due");
    s.write(|tx| checks::record_check_in(tx, &a, &cal, &check))
        .unwrap();
    let again = s
        .write(|tx| checks::record_check_in(tx, &a, &cal, &check))
        .unwrap_err();
    assert!(matches!(again, Error::Conflict(_)), "{again}");
    assert!(again.to_string().contains("不再重复"), "{again}");
    assert_eq!(checks::history(s.conn(), 10).unwrap().len(), 1);
}

#[test]
fn custom_check_times_drive_the_slots() {
    let mut s = store();
    let cal = Calendar::official();
    let a = actor("2026-11-26 08:00");
    let stored = checks::set_check_times(&mut s, &a, "16:00，08:30").unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(
        checks::due_checks(s.conn(), &cal, at("2026-11-26 08:29"))
            .unwrap()
            .map(|c| c.slot),
        Some(at("2026-11-25 16:00")),
        "first run: yesterday's last slot"
    );
    assert_eq!(
        checks::next_check(s.conn(), &cal, at("2026-11-26 08:31")).unwrap(),
        Some(at("2026-11-26 16:00"))
    );
    let bad = checks::set_check_times(&mut s, &a, "晚上").unwrap_err();
    assert!(matches!(bad, Error::Invalid(_)));
    assert_eq!(
        checks::check_times(s.conn()).unwrap(),
        stored,
        "a refused change keeps the times"
    );
}
