//! Reminder rules at a moment, around working days and holidays.

use chrono::Duration;
use duban::calendar::Calendar;
use duban::documents::Urgency;
use duban::items::{self, Light, NewMilestone};
use duban::reminders::ReminderKind;
use duban::rhythm;

use crate::support::{actor, at, d, document, item, of_kind, store};

#[test]
fn red_and_yellow_items_follow_the_lights_around_spring_festival_and_national_day() {
    // (today, deadline, expected kind or None for green) with N = 3.
    let cases: &[(&str, &str, Option<ReminderKind>)] = &[
        // Spring Festival 2026: 02-14 (Sat) works, 02-15..02-23 off.
        ("2026-02-12", "2026-02-11", Some(ReminderKind::ItemRed)),
        ("2026-02-12", "2026-02-12", Some(ReminderKind::ItemYellow)),
        ("2026-02-12", "2026-02-14", Some(ReminderKind::ItemYellow)), // 13, 14
        ("2026-02-12", "2026-02-20", Some(ReminderKind::ItemYellow)), // a holiday deadline: 13, 14 only
        ("2026-02-12", "2026-02-24", Some(ReminderKind::ItemYellow)), // 13, 14, 24
        ("2026-02-12", "2026-02-25", None),                           // 4 working days
        ("2026-02-24", "2026-02-23", Some(ReminderKind::ItemRed)), // deadline in the holiday has passed
        ("2026-02-24", "2026-02-27", Some(ReminderKind::ItemYellow)), // 25, 26, 27
        ("2026-02-24", "2026-02-28", None),                        // + make-up Sat 28 = 4
        // National Day 2026: 10-01..10-07 off, 10-10 (Sat) works.
        ("2026-09-30", "2026-10-07", Some(ReminderKind::ItemYellow)),
        ("2026-09-30", "2026-10-10", Some(ReminderKind::ItemYellow)), // 08, 09, 10
        ("2026-09-30", "2026-10-12", None),
        ("2026-10-08", "2026-09-30", Some(ReminderKind::ItemRed)),
        ("2026-10-08", "2026-10-13", None), // 09, 10, 12, 13
        ("2026-10-08", "2026-10-12", Some(ReminderKind::ItemYellow)),
    ];
    let cal = Calendar::official();
    for (today, deadline, want) in cases {
        let mut s = store();
        let no = item(&mut s, "测试事项", "办公厅", deadline);
        let list = rhythm::scan(s.conn(), &cal, at(&format!("{today} 09:00"))).unwrap();
        let got: Vec<ReminderKind> = list
            .iter()
            .filter(|r| {
                r.ref_no == no && matches!(r.kind, ReminderKind::ItemRed | ReminderKind::ItemYellow)
            })
            .map(|r| r.kind)
            .collect();
        assert_eq!(
            got,
            want.iter().copied().collect::<Vec<_>>(),
            "today {today}, deadline {deadline}"
        );
        if let Some(r) = list.iter().find(|r| r.ref_no == no) {
            assert_eq!(r.party, "办公厅");
            assert_eq!(r.due, d(deadline));
            assert_eq!(r.days_late, (d(today) - d(deadline)).num_days().max(0));
        }
    }
}

#[test]
fn the_scan_agrees_with_light_of_for_every_day_of_a_holiday_season() {
    let cal = Calendar::official();
    let mut s = store();
    let mut items = Vec::new();
    let mut day = d("2026-09-15");
    while day <= d("2026-10-25") {
        items.push((
            item(
                &mut s,
                &format!("事项{day}"),
                "政策法规司",
                &day.to_string(),
            ),
            day,
        ));
        day += Duration::days(1);
    }
    let mut today = d("2026-09-20");
    while today <= d("2026-10-20") {
        let list = rhythm::scan(s.conn(), &cal, today.and_hms_opt(10, 0, 0).unwrap()).unwrap();
        for (no, deadline) in &items {
            let want = match items::light_of(&cal, today, *deadline, 3) {
                Light::Red => Some(ReminderKind::ItemRed),
                Light::Yellow => Some(ReminderKind::ItemYellow),
                Light::Green => None,
            };
            let got = list.iter().find(|r| &r.ref_no == no).map(|r| r.kind);
            assert_eq!(got, want, "today {today}, deadline {deadline}");
        }
        today += Duration::days(1);
    }
}

#[test]
fn closed_withdrawn_and_standing_items_raise_no_light() {
    let cal = Calendar::official();
    let mut s = store();
    let a = actor("2026-11-20 09:00");
    let open = item(&mut s, "在办", "办公厅", "2026-11-01");
    let withdrawn = item(&mut s, "撤销", "办公厅", "2026-11-01");
    items::withdraw(&mut s, &a, &withdrawn, "重复立项").unwrap();
    let mut done = items::NewItem::new("已办结", "办公厅", Some(d("2026-11-01")));
    done.status = items::Status::Done;
    done.done_on = Some(d("2026-10-30"));
    let done = items::create_item(&mut s, &a, &done).unwrap().item_no;
    let standing = items::create_item(&mut s, &a, &items::NewItem::new("长期事项", "办公厅", None))
        .unwrap()
        .item_no;
    let list = rhythm::scan(s.conn(), &cal, at("2026-11-26 09:00")).unwrap();
    let refs: Vec<&str> = list.iter().map(|r| r.ref_no.as_str()).collect();
    assert!(refs.contains(&open.as_str()));
    for no in [&withdrawn, &done, &standing] {
        assert!(!refs.contains(&no.as_str()), "{no} must not be reminded");
    }
}

#[test]
fn milestones_are_due_within_the_yellow_window_or_past_and_not_done() {
    let cal = Calendar::official();
    let mut s = store();
    let a = actor("2026-09-01 09:00");
    let no = item(&mut s, "分阶段事项", "所得税司", "2026-12-31");
    // (milestone due, expected reminded at 2026-09-30 09:00)
    let cases = [
        ("2026-09-29", true),  // past
        ("2026-09-30", true),  // today
        ("2026-10-09", true),  // 10-08, 10-09: within 3 working days
        ("2026-10-10", true),  // make-up Saturday, the 3rd working day
        ("2026-10-12", false), // the 4th
    ];
    for (due, _) in cases {
        items::add_milestone(
            &mut s,
            &a,
            &no,
            &NewMilestone {
                due: d(due),
                title: format!("节点{due}"),
            },
        )
        .unwrap();
    }
    let done_id: i64 = items::add_milestone(
        &mut s,
        &a,
        &no,
        &NewMilestone {
            due: d("2026-09-28"),
            title: "已完成节点".into(),
        },
    )
    .unwrap();
    items::complete_milestone(&mut s, &a, done_id, d("2026-09-28")).unwrap();
    let list = rhythm::scan(s.conn(), &cal, at("2026-09-30 09:00")).unwrap();
    let dues: Vec<String> = list
        .iter()
        .filter(|r| r.kind == ReminderKind::MilestoneDue)
        .map(|r| r.due.to_string())
        .collect();
    for (due, want) in cases {
        assert_eq!(dues.contains(&due.to_string()), want, "milestone due {due}");
    }
    assert!(
        !dues.contains(&"2026-09-28".to_string()),
        "a done milestone is not reminded"
    );
    let past = list
        .iter()
        .find(|r| r.kind == ReminderKind::MilestoneDue)
        .unwrap();
    assert_eq!(past.days_late, 1);
    assert!(past.message.contains("节点2026-09-29"), "{}", past.message);
}

#[test]
fn urgent_and_time_limited_documents_until_split_and_past_their_limit() {
    let cal = Calendar::official();
    let mut s = store();
    let urgent = document(&mut s, "特急来文", "2026-11-20", Urgency::TeJi, None);
    let plain = document(&mut s, "平件来文", "2026-11-20", Urgency::PingJian, None);
    let limited = document(
        &mut s,
        "限时来文",
        "2026-11-20",
        Urgency::JiaJi,
        Some("2026-11-25"),
    );
    let split = document(
        &mut s,
        "已分解限时件",
        "2026-11-20",
        Urgency::TeJi,
        Some("2026-11-25"),
    );
    let finished = document(
        &mut s,
        "已办完限时件",
        "2026-11-20",
        Urgency::PingJian,
        Some("2026-11-25"),
    );
    let doc_id = |s: &duban::store::Store, no: &str| -> i64 {
        s.conn()
            .query_row("SELECT id FROM documents WHERE doc_no = ?1", [no], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let a = actor("2026-11-21 09:00");
    let mut open_item = items::NewItem::new("分解事项", "稽查局", Some(d("2026-11-25")));
    open_item.document_id = Some(doc_id(&s, &split));
    items::create_item(&mut s, &a, &open_item).unwrap();
    let mut done_item = items::NewItem::new("已办完事项", "稽查局", Some(d("2026-11-25")));
    done_item.document_id = Some(doc_id(&s, &finished));
    done_item.status = items::Status::Done;
    done_item.done_on = Some(d("2026-11-21"));
    items::create_item(&mut s, &a, &done_item).unwrap();

    // On the limit day: unsplit ones only; nothing is past its limit yet.
    let on_day = rhythm::scan(s.conn(), &cal, at("2026-11-25 09:00")).unwrap();
    let unsplit: Vec<String> = of_kind(&on_day, ReminderKind::UrgentUnsplit)
        .into_iter()
        .map(|(r, p)| {
            assert_eq!(p, "督查督办室", "splitting is the office's move");
            r
        })
        .collect();
    assert_eq!(unsplit, vec![urgent.clone(), limited.clone()]);
    assert!(!unsplit.contains(&plain));
    assert!(of_kind(&on_day, ReminderKind::TimeLimitOverdue).is_empty());

    // The day after: the unsplit 限时件 and the split one with an open item are overdue.
    let after = rhythm::scan(s.conn(), &cal, at("2026-11-26 09:00")).unwrap();
    assert_eq!(
        of_kind(&after, ReminderKind::TimeLimitOverdue),
        vec![
            (limited.clone(), "督查督办室".to_string()),
            (split.clone(), "稽查局".to_string())
        ]
    );
    let r = after
        .iter()
        .find(|r| r.kind == ReminderKind::TimeLimitOverdue && r.ref_no == split)
        .unwrap();
    assert_eq!(r.days_late, 1);
    assert!(r.message.contains("稽查局"), "{}", r.message);
}

#[test]
fn lights_that_turned_since_the_last_check_are_marked_new() {
    let cal = Calendar::official();
    let mut s = store();
    let no = item(&mut s, "转灯事项", "纳税服务司", "2026-11-30");
    // Thursday 11-26: Fri, Mon = 2 working days → yellow, new at the first check.
    let first = rhythm::run_due_check(&mut s, &actor("2026-11-26 09:00"), &cal)
        .unwrap()
        .unwrap();
    let r = first.reminders.iter().find(|r| r.ref_no == no).unwrap();
    assert_eq!((r.kind, r.new), (ReminderKind::ItemYellow, true));
    assert_eq!(first.summary.new_yellow, 1);
    // Afternoon: still yellow, no longer new.
    let second = rhythm::run_due_check(&mut s, &actor("2026-11-26 14:30"), &cal)
        .unwrap()
        .unwrap();
    let r = second.reminders.iter().find(|r| r.ref_no == no).unwrap();
    assert_eq!((r.kind, r.new), (ReminderKind::ItemYellow, false));
    assert_eq!(second.summary.new_yellow, 0);
    // Tuesday 12-01: red, new again; the full list still holds it.
    let third = rhythm::run_due_check(&mut s, &actor("2026-12-01 09:00"), &cal)
        .unwrap()
        .unwrap();
    let r = third.reminders.iter().find(|r| r.ref_no == no).unwrap();
    assert_eq!((r.kind, r.new), (ReminderKind::ItemRed, true));
    assert!(
        third.summary.body.contains("新转红 1"),
        "{}",
        third.summary.body
    );
    // A scan between checks shows the same list, without recording anything.
    let scan = rhythm::scan(s.conn(), &cal, at("2026-12-01 10:00")).unwrap();
    assert!(
        !scan.iter().find(|r| r.ref_no == no).unwrap().new,
        "seen at the 09:00 check"
    );
}

#[test]
fn reminders_serialise_with_the_contract_fields() {
    let cal = Calendar::official();
    let mut s = store();
    let no = item(&mut s, "合同字段", "办公厅", "2026-11-20");
    let list = rhythm::scan(s.conn(), &cal, at("2026-11-26 09:00")).unwrap();
    let v = serde_json::to_value(&list).unwrap();
    let r = &v.as_array().unwrap()[0];
    assert_eq!(r["kind"], "item_red");
    assert_eq!(r["ref"], no.as_str());
    assert_eq!(r["party"], "办公厅");
    assert_eq!(r["due"], "2026-11-20");
    assert!(
        r["message"].as_str().unwrap().contains("逾期 6 天"),
        "{}",
        r["message"]
    );
}
