//! The §3 rules, table-driven, on plain facts (no database).

use std::collections::HashMap;

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::circulation::figures::{rate_permille, rate_text};
use duban::circulation::{
    classify, compute, Class, ExtensionFact, Inputs, ItemFact, Month, MonthlyFigures, PartyFact,
    Period, RoundFact,
};
use duban::org::PartyKind;
use duban::rounds::ReportStatus;

use crate::support::d;

pub(super) fn period(month: &str, as_of: Option<&str>) -> Period {
    Period::new(month.parse::<Month>().unwrap(), as_of.map(d)).unwrap()
}

pub(super) fn party(id: i64, name: &str, kind: PartyKind) -> PartyFact {
    PartyFact {
        id,
        name: name.into(),
        kind,
        sort_order: id,
    }
}

/// A rated item led by `lead`, due `due`, done `done`, created 2026-01-05.
pub(super) fn item(id: i64, lead: i64, due: &str, done: Option<&str>) -> ItemFact {
    ItemFact {
        id,
        item_no: format!("DB2026-{id:04}"),
        name: format!("事项{id}"),
        lead,
        cooperators: Vec::new(),
        standing: false,
        withdrawn: false,
        deadline: Some(d(due)),
        due: Some(d(due)),
        done: done.map(d),
        created_on: d("2026-01-05"),
        status_label: if done.is_some() {
            "已办结"
        } else {
            "推进中"
        }
        .into(),
    }
}

pub(super) fn parties() -> Vec<PartyFact> {
    vec![
        party(1, "办公厅", PartyKind::Department),
        party(2, "政策法规司", PartyKind::Department),
        party(3, "货物和劳务税司", PartyKind::Department),
        party(4, "所得税司", PartyKind::Department),
        party(11, "北京市税务局", PartyKind::Unit),
        party(12, "天津市税务局", PartyKind::Unit),
    ]
}

pub(super) fn run(items: Vec<ItemFact>, p: &Period) -> MonthlyFigures {
    let inputs = Inputs {
        parties: parties(),
        items,
        ..Inputs::default()
    };
    compute(&inputs, &Calendar::official(), p)
}

pub(super) fn row<'a>(f: &'a MonthlyFigures, name: &str) -> &'a duban::circulation::PartyRow {
    f.departments
        .iter()
        .chain(f.units.iter())
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} should have a row"))
}

/// (case, due, done, as-of, expected outcome).
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<Class>,
);

#[test]
fn each_item_is_classified_exactly_as_section_3_says() {
    use Class::*;
    // (case, due, done, as-of, expected) for October 2026 (first day 2026-10-01).
    let cases: [Case; 14] = [
        (
            "done exactly on the due date",
            "2026-10-15",
            Some("2026-10-15"),
            "2026-10-31",
            Some(OnTime),
        ),
        (
            "done one day after the due date",
            "2026-10-15",
            Some("2026-10-16"),
            "2026-10-31",
            Some(LateDone),
        ),
        (
            "done after the as-of date",
            "2026-10-20",
            Some("2026-11-03"),
            "2026-10-31",
            Some(OverdueOpen),
        ),
        (
            "done in the month before its deadline",
            "2026-12-31",
            Some("2026-10-10"),
            "2026-10-31",
            Some(OnTime),
        ),
        (
            "due on the as-of day and not done",
            "2026-10-31",
            None,
            "2026-10-31",
            Some(OverdueOpen),
        ),
        (
            "due in an earlier month and still open",
            "2026-08-15",
            None,
            "2026-10-31",
            Some(OverdueOpen),
        ),
        (
            "due earlier, done late within the month",
            "2026-08-15",
            Some("2026-10-05"),
            "2026-10-31",
            Some(LateDone),
        ),
        (
            "due earlier, done before the month began",
            "2026-08-15",
            Some("2026-09-20"),
            "2026-10-31",
            None,
        ),
        (
            "due in the month, done before it began",
            "2026-10-20",
            Some("2026-09-25"),
            "2026-10-31",
            None,
        ),
        (
            "due after the as-of day and open",
            "2026-11-15",
            None,
            "2026-10-31",
            None,
        ),
        (
            "due and done after the as-of day",
            "2026-11-30",
            Some("2026-11-05"),
            "2026-10-31",
            None,
        ),
        (
            "mid-month as-of: finished early",
            "2026-10-20",
            Some("2026-10-12"),
            "2026-10-15",
            Some(OnTime),
        ),
        (
            "mid-month as-of: due later, done after it",
            "2026-10-20",
            Some("2026-10-16"),
            "2026-10-15",
            None,
        ),
        (
            "mid-month as-of: due on it, open",
            "2026-10-15",
            None,
            "2026-10-15",
            Some(OverdueOpen),
        ),
    ];
    for (case, due, done, as_of, expect) in cases {
        let got = classify(d(due), done.map(d), d("2026-10-01"), d(as_of));
        assert_eq!(got, expect, "{case}");
    }
}

#[test]
fn tallies_add_up_and_the_rate_rounds_half_up() {
    // 9 on time out of 16 due → 56.25% → shown 56.3%, written 0.563.
    let mut items = Vec::new();
    for i in 0..9 {
        items.push(item(i + 1, 1, "2026-10-10", Some("2026-10-09")));
    }
    for i in 9..12 {
        items.push(item(i + 1, 1, "2026-10-10", Some("2026-10-20")));
    }
    for i in 12..16 {
        items.push(item(i + 1, 1, "2026-10-10", None));
    }
    let f = run(items, &period("2026-10", None));
    let t = &row(&f, "办公厅").tally;
    assert_eq!(
        (t.on_time, t.late_done, t.overdue_open, t.due_total),
        (9, 3, 4, 16)
    );
    assert_eq!(
        t.due_total,
        t.on_time + t.late_done + t.overdue_open,
        "应办结 is the sum of the three"
    );
    assert_eq!(t.rate_permille, Some(563));
    assert_eq!(t.rate_text, "56.3%");
    assert_eq!(t.rate_value(), Some(0.563));
    assert_eq!(f.total, *t, "one department: the office total is its tally");
}

#[test]
fn rate_rounding_is_half_up_on_exact_integers() {
    for (on_time, due, permille, text) in [
        (9, 16, Some(563), "56.3%"),
        (1, 16, Some(63), "6.3%"),
        (3, 16, Some(188), "18.8%"),
        (1, 8, Some(125), "12.5%"),
        (2, 3, Some(667), "66.7%"),
        (1, 3, Some(333), "33.3%"),
        (0, 5, Some(0), "0.0%"),
        (5, 5, Some(1000), "100.0%"),
        (0, 0, None, "—"),
    ] {
        assert_eq!(rate_permille(on_time, due), permille, "{on_time}/{due}");
        assert_eq!(rate_text(permille), text, "{on_time}/{due}");
    }
}

#[test]
fn standing_items_are_listed_not_rated_and_withdrawn_items_leave_every_figure() {
    let mut standing = item(1, 1, "2026-10-10", None);
    standing.standing = true;
    standing.due = None;
    standing.deadline = None;
    standing.created_on = d("2026-10-03");
    let mut withdrawn = item(2, 2, "2026-10-10", None);
    withdrawn.withdrawn = true;
    withdrawn.created_on = d("2026-10-04");
    let rated = item(3, 1, "2026-10-10", None);
    let inputs = Inputs {
        parties: parties(),
        items: vec![standing, withdrawn, rated],
        extensions: vec![ExtensionFact {
            item_id: 2,
            requested_on: d("2026-10-05"),
            old_deadline: d("2026-10-10"),
            new_deadline: d("2026-11-10"),
            approved: true,
            status_label: "已批准".into(),
            decided_on: Some(d("2026-10-06")),
            reason: "撤销前的申请".into(),
        }],
        rounds: Vec::new(),
    };
    let f = compute(&inputs, &Calendar::official(), &period("2026-10", None));
    let office = row(&f, "办公厅");
    assert_eq!(office.tally.due_total, 1, "the standing item is not rated");
    assert_eq!(office.tally.standing, 1, "but it is listed");
    assert_eq!(
        office.tally.new_items, 1,
        "a standing item created in M is new"
    );
    assert!(
        f.departments.iter().all(|r| r.name != "政策法规司"),
        "a party that leads only withdrawn items gets no row"
    );
    assert_eq!(f.total.due_total, 1);
    assert_eq!(
        f.total.new_items, 1,
        "the withdrawn item is not counted as new"
    );
    assert_eq!(
        f.total.extensions, 0,
        "extensions of withdrawn items are not counted"
    );
    assert!(f.extensions.is_empty(), "nor listed");
    assert_eq!(f.overdue.len(), 1);
}

#[test]
fn overdue_days_are_calendar_days_and_working_days_and_a_holiday_deadline_stays_put() {
    // Due on 2026-10-01, the first day of the National Day holiday (10-01..10-07,
    // make-up working day Saturday 10-10). It is not moved to 10-08.
    let f = run(
        vec![
            item(1, 1, "2026-10-01", None),
            item(2, 2, "2026-10-01", Some("2026-10-08")),
            item(3, 3, "2026-10-31", None),
        ],
        &period("2026-10", None),
    );
    let holiday = f
        .overdue
        .iter()
        .find(|r| r.item_no == "DB2026-0001")
        .unwrap();
    assert_eq!(holiday.due, d("2026-10-01"));
    assert_eq!(holiday.overdue_days, 30);
    // Working days in (10-01, 10-31]: 10-08, 10-09, 10-10 (make-up), then three full weeks.
    assert_eq!(holiday.overdue_workdays, 3 + 15);
    assert_eq!(
        row(&f, "政策法规司").tally.late_done,
        1,
        "done on the first working day after a holiday deadline is late"
    );
    let on_as_of = f
        .overdue
        .iter()
        .find(|r| r.item_no == "DB2026-0003")
        .unwrap();
    assert_eq!(
        (on_as_of.overdue_days, on_as_of.overdue_workdays),
        (0, 0),
        "due on A: overdue by 0 days"
    );
    assert_eq!(f.overdue[0].item_no, "DB2026-0001", "longest overdue first");
}

#[test]
fn working_days_counted_in_a_year_without_a_schedule_are_marked_provisional() {
    // Due 2026-12-28, as of 2027-01-05: 2027's holidays are not loaded, so
    // 元旦 counts as a working day and the count is only 暂定.
    let f = run(
        vec![
            item(1, 1, "2026-12-28", None),
            item(2, 2, "2026-12-01", None),
        ],
        &period("2026-12", Some("2026-12-31")),
    );
    assert!(
        f.overdue.iter().all(|r| !r.overdue_workdays_provisional),
        "within 2026, whose schedule is loaded"
    );
    let f = run(
        vec![item(1, 1, "2026-12-28", None)],
        &period("2026-12", Some("2027-01-05")),
    );
    let r = &f.overdue[0];
    assert_eq!(
        r.overdue_workdays, 6,
        "12-29..12-31, then 01-01, 01-04, 01-05 Monday to Friday"
    );
    assert!(r.overdue_workdays_provisional);
}

#[test]
fn cooperation_is_counted_for_in_scope_items_and_not_rated() {
    let mut a = item(1, 1, "2026-10-10", None);
    a.cooperators = vec![2, 3];
    let mut b = item(2, 1, "2026-12-10", None); // out of scope
    b.cooperators = vec![2];
    let f = run(
        vec![a, b, item(3, 2, "2026-10-10", Some("2026-10-01"))],
        &period("2026-10", None),
    );
    assert_eq!(row(&f, "政策法规司").cooperating, 1);
    assert_eq!(
        row(&f, "政策法规司").tally.due_total,
        1,
        "cooperation adds nothing to 应办结"
    );
    assert!(
        f.departments.iter().all(|r| r.name != "货物和劳务税司"),
        "a party that only cooperates leads nothing and gets no row"
    );
    assert_eq!(f.overdue[0].cooperators, "政策法规司、货物和劳务税司");
}

#[test]
fn new_items_and_extensions_count_within_the_month_up_to_the_as_of_day() {
    let mut items = vec![
        item(1, 1, "2026-11-30", None),
        item(2, 1, "2026-11-30", None),
        item(3, 1, "2026-11-30", None),
    ];
    items[0].created_on = d("2026-10-01");
    items[1].created_on = d("2026-10-20"); // after A
    items[2].created_on = d("2026-09-30");
    let ext =
        |item_id: i64, requested: &str, decided: Option<&str>, approved: bool| ExtensionFact {
            item_id,
            requested_on: d(requested),
            old_deadline: d("2026-10-31"),
            new_deadline: d("2026-11-30"),
            approved,
            status_label: if approved { "已批准" } else { "未批准" }.into(),
            decided_on: decided.map(d),
            reason: "工作量大".into(),
        };
    let inputs = Inputs {
        parties: parties(),
        items,
        extensions: vec![
            ext(1, "2026-10-02", Some("2026-10-05"), true), // counted
            ext(2, "2026-09-25", Some("2026-10-03"), true), // requested before M, decided in M: counted
            ext(3, "2026-09-20", Some("2026-09-28"), true), // decided before M
            ext(1, "2026-10-06", Some("2026-10-08"), false), // rejected: listed, not counted
            ext(2, "2026-10-09", None, false),              // pending: listed, not counted
            ext(3, "2026-10-10", Some("2026-10-17"), true), // decided after A
        ],
        rounds: Vec::new(),
    };
    let f = compute(
        &inputs,
        &Calendar::official(),
        &period("2026-10", Some("2026-10-15")),
    );
    assert_eq!(f.total.new_items, 1, "created in M up to A");
    assert_eq!(
        f.total.extensions, 2,
        "approved with a decision date in M up to A"
    );
    assert_eq!(row(&f, "办公厅").tally.extensions, 2);
    assert_eq!(
        f.extensions.len(),
        5,
        "requests made or decided in M up to A are listed"
    );
    assert_eq!(f.extensions.iter().filter(|e| e.counted).count(), 2);
}

#[test]
fn finished_list_holds_everything_done_within_the_month_up_to_the_as_of_day() {
    let f = run(
        vec![
            item(1, 1, "2026-10-10", Some("2026-10-09")),
            item(2, 1, "2026-08-10", Some("2026-10-20")),
            item(3, 1, "2026-12-10", Some("2026-10-25")),
            item(4, 1, "2026-10-10", Some("2026-09-30")),
            item(5, 1, "2026-10-10", Some("2026-11-02")),
        ],
        &period("2026-10", None),
    );
    let done: Vec<(&str, bool)> = f
        .finished
        .iter()
        .map(|r| (r.item_no.as_str(), r.on_time))
        .collect();
    assert_eq!(
        done,
        [
            ("DB2026-0001", true),
            ("DB2026-0002", false),
            ("DB2026-0003", true)
        ]
    );
    // An October 通报 made on 3 November lists October's completions only:
    // item 5, done on 2 November, is not one of them.
    let late = run(
        vec![
            item(1, 1, "2026-10-10", Some("2026-10-09")),
            item(5, 1, "2026-10-10", Some("2026-11-02")),
        ],
        &period("2026-10", Some("2026-11-03")),
    );
    let nos: Vec<&str> = late.finished.iter().map(|r| r.item_no.as_str()).collect();
    assert_eq!(nos, ["DB2026-0001"]);
}

#[test]
fn reporting_rounds_due_in_the_month_show_each_unit_as_of_a() {
    let mut received = HashMap::new();
    received.insert(11, d("2026-10-10"));
    received.insert(12, d("2026-10-20"));
    let rounds = vec![
        RoundFact {
            id: 1,
            title: "十月报送".into(),
            due: d("2026-10-15"),
            targets: vec![11, 12, 13],
            received,
        },
        RoundFact {
            id: 2,
            title: "九月报送".into(),
            due: d("2026-09-15"),
            targets: vec![11],
            received: HashMap::new(),
        },
    ];
    let mut ps = parties();
    ps.push(party(13, "河北省税务局", PartyKind::Unit));
    let inputs = Inputs {
        parties: ps,
        items: Vec::new(),
        extensions: Vec::new(),
        rounds,
    };
    let f = compute(&inputs, &Calendar::official(), &period("2026-10", None));
    let got: Vec<(&str, ReportStatus)> = f
        .reports
        .iter()
        .map(|r| (r.party.as_str(), r.status))
        .collect();
    assert_eq!(
        got,
        [
            ("北京市税务局", ReportStatus::OnTime),
            ("天津市税务局", ReportStatus::Late),
            ("河北省税务局", ReportStatus::Missing),
        ],
        "only the round due in October, per unit"
    );
    let mid = compute(
        &inputs,
        &Calendar::official(),
        &period("2026-10", Some("2026-10-12")),
    );
    let got: Vec<ReportStatus> = mid.reports.iter().map(|r| r.status).collect();
    assert_eq!(
        got,
        [
            ReportStatus::OnTime,
            ReportStatus::NotDue,
            ReportStatus::NotDue
        ],
        "a report received after A is not known at A"
    );
    // Figures are as at the end of A: on its due day, nothing received by
    // the end of it is 漏报 (as an item due on A and open is overdue).
    let on_due = compute(
        &inputs,
        &Calendar::official(),
        &period("2026-10", Some("2026-10-15")),
    );
    let got: Vec<ReportStatus> = on_due.reports.iter().map(|r| r.status).collect();
    assert_eq!(
        got,
        [
            ReportStatus::OnTime,
            ReportStatus::Missing,
            ReportStatus::Missing
        ],
        "due on A, nothing received by the end of A"
    );
}

#[test]
fn the_summary_says_the_month_and_its_main_figures() {
    let f = run(
        vec![
            item(1, 1, "2026-10-10", Some("2026-10-09")),
            item(2, 2, "2026-10-10", None),
        ],
        &period("2026-10", None),
    );
    for part in [
        "2026年10月",
        "应办结督办事项2项",
        "按期办结1项",
        "逾期未办结1项",
        "50.0%",
        "政策法规司（1项）",
    ] {
        assert!(
            f.summary.contains(part),
            "summary should mention {part}: {}",
            f.summary
        );
    }
}

/// Nothing done on time anywhere: no party is said to lead at 0.0%.
#[test]
fn the_summary_names_no_leader_at_nought() {
    let f = run(
        vec![
            item(1, 1, "2026-10-10", None),
            item(2, 2, "2026-10-10", None),
        ],
        &period("2026-10", None),
    );
    assert!(f.summary.contains("逾期未办结2项"), "{}", f.summary);
    assert!(!f.summary.contains("排名第一"), "{}", f.summary);
}

#[test]
fn an_as_of_day_before_the_month_is_refused() {
    let err = Period::new(Month::new(2026, 10).unwrap(), Some(d("2026-09-30"))).unwrap_err();
    assert!(err.to_string().contains("早于"), "{err}");
    let _: NaiveDate = Period::new(Month::new(2026, 10).unwrap(), None)
        .unwrap()
        .as_of;
}
