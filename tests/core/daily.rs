//! The clerk's day (issue 13): the calendar's year view and the notice that
//! next year's schedule is missing, a sheet naming a date twice, and standing
//! items reminded by their 报送周期 around holidays.

use duban::calendar::{Calendar, YearDayKind};
use duban::items::{self, standing_state, NewItem, NewProgress, ReportCycle};
use duban::reminders::{ReminderKind, Window};
use duban::rhythm;

use crate::support::{actor, at, d, of_kind, store};

#[test]
fn the_year_view_shows_workdays_weekends_holidays_and_make_up_days() {
    let cal = Calendar::official();
    let v = cal.year_view(2026);
    assert!(v.covered && !v.office_added && !v.source.is_empty());
    assert_eq!(v.days.len(), 365);
    let kind = |s: &str| {
        let day = v.days.iter().find(|x| x.date == d(s)).unwrap();
        (day.kind, day.workday, day.name.is_empty())
    };
    assert_eq!(kind("2026-10-01"), (YearDayKind::Holiday, false, false));
    assert_eq!(kind("2026-10-05"), (YearDayKind::Holiday, false, false)); // a Monday off
    assert_eq!(kind("2026-10-10"), (YearDayKind::MakeUp, true, false)); // Saturday at work
    assert_eq!(kind("2026-10-11"), (YearDayKind::Weekend, false, true));
    assert_eq!(kind("2026-10-12"), (YearDayKind::Workday, true, true));
    assert_eq!(
        v.workdays as usize,
        v.days.iter().filter(|x| x.workday).count()
    );
    let json = serde_json::to_value(&v.days[0]).unwrap();
    assert_eq!(json["kind"], "节假日", "1 January: {json}");

    let next = cal.year_view(2027);
    assert!(!next.covered, "2027 is not shipped");
    assert!(next
        .days
        .iter()
        .all(|x| matches!(x.kind, YearDayKind::Workday | YearDayKind::Weekend)));
}

#[test]
fn from_the_first_of_december_a_missing_next_year_is_noticed_and_on_through_that_year() {
    let cal = Calendar::official();
    for (today, want) in [
        ("2026-11-30", None),
        ("2026-12-01", Some(2027)),
        ("2026-12-31", Some(2027)),
        ("2025-12-01", None), // 2026 ships
        // Through the year itself while it still has none: its deadlines are
        // being counted on weekends alone (the reminder went quiet on 1 January).
        ("2027-01-04", Some(2027)),
        ("2014-06-02", Some(2014)),
    ] {
        assert_eq!(cal.missing_schedule_year(d(today)), want, "{today}");
    }
    let mut s = store();
    let list = rhythm::scan(s.conn(), &cal, at("2026-12-01 09:00")).unwrap();
    let notice = of_kind(&list, ReminderKind::CalendarMissing);
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].0, "2027年节假日安排");
    let r = list
        .iter()
        .find(|r| r.kind == ReminderKind::CalendarMissing)
        .unwrap();
    assert!(
        r.message.contains("尚未载入2027年节假日安排"),
        "{}",
        r.message
    );
    assert!(duban::calendar::missing_schedule_notice(&cal, d("2026-11-30")).is_none());

    let schedule =
        duban::calendar::parse_schedule("2027-01-01,休,元旦", "文件“2027.csv”", Some(2027))
            .unwrap();
    duban::calendar_change::add_year(
        &mut s,
        &actor("2026-12-01 10:00"),
        2027,
        &schedule.days,
        "国办发明电〔2026〕X号",
    )
    .unwrap();
    let cal = Calendar::load(s.conn()).unwrap();
    let list = rhythm::scan(s.conn(), &cal, at("2026-12-02 09:00")).unwrap();
    assert!(of_kind(&list, ReminderKind::CalendarMissing).is_empty());
}

#[test]
fn a_calendar_sheet_with_a_date_twice_is_refused_naming_both_rows() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("2027.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("节假日安排").unwrap();
    for (r, row) in [
        ["日期", "类型", "名称"],
        ["2027-01-01", "休", "元旦"],
        ["2027-02-06", "休", "春节"],
        ["2027-01-01", "休", "元旦"],
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
    let before = crate::support::count(&s, "calendar_days");
    let e = duban::calendar_change::load_file(&mut s, &actor("2026-12-01 10:00"), &xlsx, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("第4行") && e.contains("与第2行重复"), "{e}");
    assert_eq!(crate::support::count(&s, "calendar_days"), before);
}

#[test]
fn report_cycles_are_read_from_what_clerks_type() {
    for (text, want) in [
        ("每月", Some(ReportCycle::Monthly)),
        ("月报", Some(ReportCycle::Monthly)),
        ("每季度", Some(ReportCycle::Quarterly)),
        ("按季", Some(ReportCycle::Quarterly)),
        ("每半年", Some(ReportCycle::HalfYearly)),
        ("每年", Some(ReportCycle::Yearly)),
        ("", None),
        ("随时", None),
    ] {
        assert_eq!(ReportCycle::parse(text), want, "{text}");
    }
}

#[test]
fn a_cycles_report_is_due_five_working_days_after_it_ends_moved_by_holidays() {
    let cal = Calendar::official();
    let c = |kind, day: &str| items::cycle_at(&cal, kind, d(day), 0, 5);
    // September 2026 ends before the National Day week (10-01..07 off, Sat 10-10 at work).
    let sep = c(ReportCycle::Monthly, "2026-09-15");
    assert_eq!((sep.start, sep.end), (d("2026-09-01"), d("2026-09-30")));
    assert_eq!(sep.due, d("2026-10-13"), "8, 9, 10 (Sat), 12, 13");
    assert_eq!(sep.label, "2026年9月");
    let q1 = c(ReportCycle::Quarterly, "2026-02-01");
    assert_eq!(q1.end, d("2026-03-31"));
    assert_eq!(q1.label, "2026年第1季度");
    let jan = c(ReportCycle::Monthly, "2026-01-20");
    assert_eq!(jan.due, d("2026-02-06"));
    let h2 = c(ReportCycle::HalfYearly, "2026-08-01");
    assert_eq!(
        (h2.start, h2.label.as_str()),
        (d("2026-07-01"), "2026年下半年")
    );
    let dec = items::cycle_at(&cal, ReportCycle::Monthly, d("2026-12-10"), 1, 5);
    assert_eq!((dec.start, dec.end), (d("2027-01-01"), d("2027-01-31")));
}

#[test]
fn standing_items_are_reminded_when_a_cycles_report_is_due_and_not_in() {
    let cal = Calendar::official();
    // (cycle, entered, last report, today, expected (cycle label, overdue) or None), N = 3.
    type Case<'a> = (
        ReportCycle,
        &'a str,
        Option<&'a str>,
        &'a str,
        Option<(&'a str, bool)>,
    );
    let cases: &[Case] = &[
        // August was reported on 09-05 (after July's due 08-07); September is due 10-13.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-09-05"),
            "2026-10-09",
            Some(("2026年9月", false)),
        ),
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-09-05"),
            "2026-10-13",
            Some(("2026年9月", false)),
        ),
        // The holiday moved the due date: overdue only from 10-14.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-09-05"),
            "2026-10-14",
            Some(("2026年9月", true)),
        ),
        // Reported in the days after the cycle: nothing to remind.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-10-08"),
            "2026-10-09",
            None,
        ),
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-10-08"),
            "2026-10-14",
            None,
        ),
        // A late report clears the overdue cycle.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-10-15"),
            "2026-10-16",
            None,
        ),
        // Nothing ever reported: the latest cycle past its due date.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            None,
            "2026-10-20",
            Some(("2026年9月", true)),
        ),
        // Mid-cycle, due far ahead: quiet.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            Some("2026-10-10"),
            "2026-10-20",
            None,
        ),
        // Entered after September ended: September is not asked for; October's due 11-06 is far.
        (ReportCycle::Monthly, "2026-10-10", None, "2026-10-14", None),
        // Entered after September ended, now October is due (11-06) within 3 working days.
        (
            ReportCycle::Monthly,
            "2026-10-10",
            None,
            "2026-11-03",
            Some(("2026年10月", false)),
        ),
        // Quarterly: Q2 was due 07-07; a report on 07-03 was Q2's, so Q3 is overdue on 10-14.
        (
            ReportCycle::Quarterly,
            "2026-01-05",
            Some("2026-07-03"),
            "2026-10-14",
            Some(("2026年第3季度", true)),
        ),
        (
            ReportCycle::Quarterly,
            "2026-01-05",
            Some("2026-10-12"),
            "2026-10-14",
            None,
        ),
        // Spring Festival: January's report due 02-06, on 02-05 it is due.
        (
            ReportCycle::Monthly,
            "2026-01-05",
            None,
            "2026-02-05",
            Some(("2026年1月", false)),
        ),
    ];
    for (kind, entered, last, today, want) in cases {
        let window = Window::new(&cal, d(today), 3);
        let got = standing_state(
            &cal,
            *kind,
            d(entered),
            last.map(d),
            d(today),
            window.yellow_end,
            5,
        )
        .map(|s| (s.cycle.label, s.overdue));
        let want = want.map(|(l, o)| (l.to_string(), o));
        assert_eq!(
            got, want,
            "{kind:?} entered {entered}, last {last:?}, today {today}"
        );
    }
}

#[test]
fn the_scan_reminds_a_standing_item_and_its_ledger_row_shows_the_last_report() {
    let cal = Calendar::official();
    let mut s = store();
    let mut it = NewItem::new("每月报送减税降费落实情况", "办公厅", None);
    it.report_cycle = "每月".into();
    let no = items::create_item(&mut s, &actor("2026-01-05 09:00"), &it)
        .unwrap()
        .item_no;
    // An item with an unknown cycle and a deadline item are never standing
    // reminders. A cycle such as 随时 is refused when entered now; a database
    // from before that rule may still hold one.
    let odd = NewItem::new("随时报送", "办公厅", None);
    let odd_no = items::create_item(&mut s, &actor("2026-01-05 09:00"), &odd)
        .unwrap()
        .item_no;
    s.conn()
        .execute(
            "UPDATE items SET report_cycle = '随时' WHERE item_no = ?1",
            [&odd_no],
        )
        .unwrap();

    let list = rhythm::scan(s.conn(), &cal, at("2026-10-14 09:00")).unwrap();
    assert_eq!(
        of_kind(&list, ReminderKind::StandingReportDue),
        [(no.clone(), "办公厅".to_string())]
    );
    let r = list
        .iter()
        .find(|r| r.kind == ReminderKind::StandingReportDue)
        .unwrap();
    assert!(
        r.message.contains("2026年9月") && r.message.contains("已逾期 1 天"),
        "{}",
        r.message
    );
    assert_eq!(r.due, d("2026-10-13"));

    let progress = NewProgress {
        reported_on: d("2026-10-14"),
        text: "9月份落实情况".into(),
        reporter: String::new(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    items::add_progress(&mut s, &actor("2026-10-14 10:00"), &no, &progress).unwrap();
    let list = rhythm::scan(s.conn(), &cal, at("2026-10-14 11:00")).unwrap();
    assert!(of_kind(&list, ReminderKind::StandingReportDue).is_empty());

    let detail = items::get_item(s.conn(), &cal, d("2026-10-14"), &no).unwrap();
    assert_eq!(detail.row.last_report, Some(d("2026-10-14")));
}

/// An item led by `lead`, due `due`, done on `done` (open when None).
fn item_done(s: &mut duban::store::Store, name: &str, lead: &str, due: &str, done: Option<&str>) {
    let mut it = NewItem::new(name, lead, Some(d(due)));
    if let Some(done) = done {
        it.status = items::Status::Done;
        it.done_on = Some(d(done));
    }
    items::create_item(s, &actor("2025-11-03 09:00"), &it).unwrap();
}

#[test]
fn dashboard_figures_rate_departments_trend_twelve_months_and_list_rounds_waiting() {
    let cal = Calendar::official();
    let mut s = store();
    item_done(&mut s, "甲", "办公厅", "2026-03-10", Some("2026-03-05")); // on time
    item_done(&mut s, "乙", "办公厅", "2026-03-20", Some("2026-04-02")); // late
    item_done(&mut s, "丙", "办公厅", "2026-11-10", None); // overdue, open
    item_done(&mut s, "丁", "政策法规司", "2026-06-30", Some("2026-06-30"));
    item_done(&mut s, "戊", "办公厅", "2025-12-15", Some("2025-12-10")); // last year
    item_done(&mut s, "己", "大连市税务局", "2026-05-08", None);
    let mut standing = NewItem::new("长期", "政策法规司", None);
    standing.report_cycle = "每月".into();
    items::create_item(&mut s, &actor("2025-11-03 09:00"), &standing).unwrap();
    crate::rounds::round(
        &mut s,
        duban::rounds::RoundKind::Progress,
        "2026-11-10",
        &["大连市税务局", "宁波市税务局"],
    );

    let f = duban::dashboard::figures(s.conn(), &cal, d("2026-11-20")).unwrap();
    assert_eq!(f.rates_from, d("2026-01-01"));
    let rates: Vec<(&str, u32, u32, &str)> = f
        .rates
        .iter()
        .map(|r| {
            (
                r.party.as_str(),
                r.tally.due_total,
                r.tally.on_time,
                r.tally.rate_text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rates,
        [
            ("政策法规司", 1, 1, "100.0%"),
            ("办公厅", 3, 1, "33.3%"),
            ("大连市税务局", 1, 0, "0.0%"),
        ],
        "departments by rate, then units; last year's item and the standing one not rated"
    );

    assert_eq!(f.trend.len(), 12);
    assert_eq!(f.trend[0].month, "2025-12");
    assert_eq!(f.trend[11].month, "2026-11");
    let m = |month: &str| {
        let t = f.trend.iter().find(|t| t.month == month).unwrap();
        (t.due, t.on_time, t.late_done, t.overdue_open)
    };
    assert_eq!(m("2025-12"), (1, 1, 0, 0));
    assert_eq!(
        m("2026-03"),
        (2, 1, 0, 1),
        "乙 not done by the end of March"
    );
    assert_eq!(m("2026-04"), (1, 0, 1, 0), "乙 done late in April");
    assert_eq!(m("2026-05"), (1, 0, 0, 1));
    assert_eq!(m("2026-07"), (1, 0, 0, 1), "己 still open");
    assert_eq!(m("2026-11"), (2, 0, 0, 2), "丙 and 己, as of the 20th");
    assert_eq!(f.trend[3].rate_text, "50.0%");

    assert_eq!(f.rounds_waiting.len(), 1);
    let r = &f.rounds_waiting[0];
    assert_eq!((r.targets, r.received, r.missing, r.not_due), (2, 0, 2, 0));
    assert!(f.calendar_notice.is_none(), "before December");
    let dec = duban::dashboard::figures(s.conn(), &cal, d("2026-12-01")).unwrap();
    assert!(dec.calendar_notice.unwrap().contains("2027年"));
}
