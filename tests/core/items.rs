//! Integration tests: items, the §五 rule, the status machine, lights (the
//! ledger's queries and search: `ledger_search`).

use duban::calendar::Calendar;
use duban::items::{self, Light, NewCompletion, NewItem, NewProgress, Status};

use crate::support::{actor, d, store};

fn item(name: &str, lead: &str, due: &str) -> NewItem {
    NewItem::new(name, lead, Some(d(due)))
}

#[test]
fn lights_follow_product_rule_6_with_working_days() {
    let cal = Calendar::official();
    // (today, deadline, N, expected)
    let cases = [
        ("2026-11-26", "2026-11-25", 3, Light::Red), // passed yesterday
        ("2026-11-26", "2026-11-26", 3, Light::Yellow), // due today is yellow
        ("2026-11-26", "2026-12-01", 3, Light::Yellow), // Fri, Mon, Tue = 3 working days
        ("2026-11-26", "2026-12-02", 3, Light::Green), // 4 working days
        ("2026-11-26", "2026-11-29", 3, Light::Yellow), // a Sunday deadline stays where it was set
        ("2026-11-26", "2026-12-01", 0, Light::Green),
        ("2026-11-26", "2026-11-26", 0, Light::Yellow),
        // National Day: 2026-09-30 (Wed) then holidays 10-01..10-07; 10-10 (Sat) is a make-up working day
        ("2026-09-30", "2026-10-08", 3, Light::Yellow), // only 10-08 counts
        ("2026-09-30", "2026-10-10", 3, Light::Yellow), // 10-08, 10-09, 10-10 (make-up Sat)
        ("2026-09-30", "2026-10-12", 3, Light::Green),  // + 10-12 = 4
        // Spring Festival 2026: 02-15..02-23 off; 02-14 (Sat) works
        ("2026-02-13", "2026-02-24", 3, Light::Yellow), // 02-14, 02-24
        ("2026-02-13", "2026-02-26", 3, Light::Green),  // 02-14, 24, 25, 26
    ];
    for (today, deadline, n, want) in cases {
        assert_eq!(
            items::light_of(&cal, d(today), d(deadline), n),
            want,
            "today {today}, deadline {deadline}, N={n}"
        );
        // The date-range form used by SQL must agree with the rule.
        let bound = items::yellow_bound(&cal, d(today), n);
        let by_range = if d(deadline) < d(today) {
            Light::Red
        } else if d(deadline) < bound {
            Light::Yellow
        } else {
            Light::Green
        };
        assert_eq!(
            by_range, want,
            "range form for today {today}, deadline {deadline}, N={n}"
        );
    }
}

#[test]
fn light_range_form_agrees_with_rule_on_every_day_of_two_years() {
    let cal = Calendar::official();
    let mut today = d("2025-12-20");
    while today < d("2026-12-31") {
        let bound = items::yellow_bound(&cal, today, 3);
        for off in 0..20 {
            let deadline = today + chrono::Duration::days(off);
            let rule = items::light_of(&cal, today, deadline, 3);
            let range = if deadline < bound {
                Light::Yellow
            } else {
                Light::Green
            };
            assert_eq!(rule, range, "today {today} deadline {deadline}");
        }
        today = today.succ_opt().unwrap();
    }
}

#[test]
fn rule_5_cooperators_need_a_coordinating_leader() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    // (cooperators, leader, accepted)
    let cases: [(&[&str], &str, bool); 5] = [
        (&[], "", true),
        (&["政策法规司"], "", false),
        (&["政策法规司"], "李明华", true),
        (&["政策法规司", "稽查局"], "  ", false),
        (&["政策法规司", "稽查局"], "赵振宇", true),
    ];
    for (coop, leader, ok) in cases {
        let mut it = item("测试事项", "办公厅", "2026-12-31");
        it.cooperators = coop.iter().map(|s| s.to_string()).collect();
        it.coordinator_leader = leader.to_string();
        let before: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
            .unwrap();
        let r = items::create_item(&mut s, &a, &it);
        let after: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            r.is_ok(),
            ok,
            "cooperators {coop:?} leader {leader:?}: {r:?}"
        );
        if !ok {
            let msg = r.unwrap_err().to_string();
            assert!(msg.contains("统筹局领导"), "message names the rule: {msg}");
            assert_eq!(before, after, "a refused item writes nothing");
        }
    }
}

#[test]
fn unknown_departments_and_missing_fields_are_refused_in_chinese() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let cases: Vec<(NewItem, &str)> = vec![
        (item("x", "不存在的司", "2026-12-31"), "不存在的司"),
        (item("", "办公厅", "2026-12-31"), "事项名称"),
        (item("x", "", "2026-12-31"), "牵头部门"),
        (
            NewItem {
                standing: false,
                ..NewItem::new("x", "办公厅", None)
            },
            "完成时限",
        ),
        (
            NewItem {
                cooperators: vec!["无名处".into()],
                coordinator_leader: "李明华".into(),
                ..item("x", "办公厅", "2026-12-31")
            },
            "无名处",
        ),
        (
            NewItem {
                status: Status::Done,
                ..item("x", "办公厅", "2026-12-31")
            },
            "办结日期",
        ),
    ];
    for (it, needle) in cases {
        let err = items::create_item(&mut s, &a, &it).expect_err("must be refused");
        assert!(
            err.to_string().contains(needle),
            "error {err} should mention {needle}"
        );
    }
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "nothing written");
    let audit: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'item'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 0, "no audit entry for refused writes");
}

#[test]
fn aliases_resolve_and_numbers_are_assigned_per_year() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let r1 = items::create_item(&mut s, &a, &item("一", "征科司", "2026-12-31")).unwrap();
    let r2 = items::create_item(&mut s, &a, &item("二", " 北京 ", "2026-12-31")).unwrap();
    assert_eq!(r1.item_no, "DB2026-0001");
    assert_eq!(r2.item_no, "DB2026-0002");
    let next_year = actor("2027-01-04 10:00");
    let r3 = items::create_item(&mut s, &next_year, &item("三", "办公厅", "2027-12-31")).unwrap();
    assert_eq!(r3.item_no, "DB2027-0001");
    let mut explicit = item("四", "办公厅", "2026-12-31");
    explicit.item_no = Some("DB2026-0003".into());
    items::create_item(&mut s, &a, &explicit).unwrap();
    let r5 = items::create_item(&mut s, &a, &item("五", "办公厅", "2026-12-31")).unwrap();
    assert_eq!(
        r5.item_no, "DB2026-0004",
        "an explicit number is skipped by the counter"
    );
    let dup = items::create_item(&mut s, &a, &explicit).unwrap_err();
    assert!(dup.to_string().contains("已存在"), "{dup}");
    let cal = Calendar::official();
    let detail = items::get_item(s.conn(), &cal, a.today(), "DB2026-0001").unwrap();
    assert_eq!(detail.row.lead, "征管和科技发展司");
}

#[test]
fn status_machine_allows_and_refuses_the_documented_moves() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let cal = Calendar::official();
    let no = items::create_item(&mut s, &a, &item("状态", "办公厅", "2026-12-31"))
        .unwrap()
        .item_no;
    let status = |s: &duban::store::Store| {
        items::get_item(s.conn(), &cal, d("2026-11-26"), &no)
            .unwrap()
            .row
            .status
    };
    assert_eq!(status(&s), Status::NotStarted);
    let p = NewProgress {
        reported_on: d("2026-11-20"),
        text: "已部署".into(),
        reporter: "张三".into(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    items::add_progress(&mut s, &a, &no, &p).unwrap();
    assert_eq!(status(&s), Status::InProgress, "progress starts the item");
    assert!(
        items::accept_completion(&mut s, &a, &no, None, "").is_err(),
        "nothing to accept yet"
    );
    let c = NewCompletion {
        reported_on: d("2026-11-25"),
        text: "已完成".into(),
        reporter: "张三".into(),
        party_id: None,
        evidence: vec![],
    };
    let to_come = NewCompletion {
        reported_on: d("2026-11-27"),
        ..c.clone()
    };
    let e = items::report_completion(&mut s, &a, &no, &to_come).unwrap_err();
    assert!(
        e.to_string().contains("办结日期 2026-11-27 晚于今天"),
        "refused when reported, where it can still be corrected: {e}"
    );
    assert_eq!(status(&s), Status::InProgress);
    items::report_completion(&mut s, &a, &no, &c).unwrap();
    assert_eq!(
        status(&s),
        Status::PendingReview,
        "a report does not close the item"
    );
    assert!(
        items::report_completion(&mut s, &a, &no, &c).is_err(),
        "one pending report at a time"
    );
    assert!(
        items::return_completion(&mut s, &a, &no, " ").is_err(),
        "a send-back needs a reason"
    );
    items::return_completion(&mut s, &a, &no, "佐证材料不全").unwrap();
    assert_eq!(status(&s), Status::InProgress);
    items::report_completion(&mut s, &a, &no, &c).unwrap();
    items::accept_completion(&mut s, &a, &no, None, "同意").unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-26"), &no).unwrap();
    assert_eq!(detail.row.status, Status::Done);
    assert_eq!(
        detail.row.done_on,
        Some(d("2026-11-25")),
        "done on the report's date"
    );
    assert_eq!(detail.row.light, None, "closed items have no light");
    assert!(
        items::add_progress(&mut s, &a, &no, &p).is_err(),
        "no progress on a closed item"
    );
    assert!(
        items::withdraw(&mut s, &a, &no, "x").is_err(),
        "a closed item cannot be withdrawn"
    );
    assert!(
        items::reopen(&mut s, &a, &no, "").is_err(),
        "reopen needs a reason"
    );
    items::reopen(&mut s, &a, &no, "领导要求继续跟踪").unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-26"), &no).unwrap();
    assert_eq!(
        (detail.row.status, detail.row.done_on),
        (Status::InProgress, None)
    );
    items::withdraw(&mut s, &a, &no, "任务调整").unwrap();
    assert_eq!(status(&s), Status::Withdrawn);
    let actions: Vec<String> = items::get_item(s.conn(), &cal, d("2026-11-26"), &no)
        .unwrap()
        .timeline
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "新建事项",
            "录入进展",
            "报送办结报告",
            "退回办结报告",
            "报送办结报告",
            "销号",
            "重新打开",
            "撤销"
        ],
        "the timeline holds every step in order"
    );
    let report = duban::store::audit::verify(s.conn()).unwrap();
    assert!(report.ok(), "{}", report.message());
}

#[test]
fn statuses_and_lights_are_read_from_codes_and_labels() {
    for st in Status::ALL {
        assert_eq!(Status::from_code(st.code()).unwrap(), st);
        assert_eq!(st.code().parse::<Status>().unwrap(), st);
        assert_eq!(st.label().parse::<Status>().unwrap(), st);
    }
    let e = Status::from_code("started").unwrap_err();
    assert_eq!(
        e.to_json().code,
        "bad_file",
        "an unknown stored code is not 未启动"
    );
    let e = "开始".parse::<Status>().unwrap_err().to_string();
    assert!(e.contains("办理状态“开始”无法识别"), "{e}");
    for (text, light) in [
        ("红", Light::Red),
        ("红灯", Light::Red),
        ("red", Light::Red),
        ("黄", Light::Yellow),
        ("yellow", Light::Yellow),
        ("绿灯", Light::Green),
        ("green", Light::Green),
    ] {
        assert_eq!(text.parse::<Light>().unwrap(), light, "{text}");
    }
    let e = "紫".parse::<Light>().unwrap_err().to_string();
    assert!(e.contains("灯“紫”无法识别"), "{e}");
}

#[test]
fn a_stored_status_the_core_does_not_know_is_an_error() {
    let s = store();
    let e = s
        .conn()
        .query_row("SELECT 'started'", [], |r| r.get::<_, Status>(0))
        .unwrap_err();
    assert!(e.to_string().contains("办理状态“started”无效"), "{e}");
}

#[test]
fn withdrawing_an_item_waiting_for_closing_sends_its_report_back_so_a_reopened_item_is_in_progress()
{
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let cal = Calendar::official();
    let no = items::create_item(&mut s, &a, &item("撤销待销号", "办公厅", "2026-12-31"))
        .unwrap()
        .item_no;
    let p = NewProgress {
        reported_on: d("2026-11-20"),
        text: "已部署".into(),
        reporter: "张三".into(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    items::add_progress(&mut s, &a, &no, &p).unwrap();
    items::add_progress(&mut s, &a, &no, &p).unwrap();
    let c = NewCompletion {
        reported_on: d("2026-11-25"),
        text: "报告A".into(),
        reporter: "张三".into(),
        party_id: None,
        evidence: vec![],
    };
    items::report_completion(&mut s, &a, &no, &c).unwrap();
    items::withdraw(&mut s, &a, &no, "任务调整").unwrap();
    items::reopen(&mut s, &a, &no, "恢复办理").unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-26"), &no).unwrap();
    assert_eq!(detail.row.status, Status::InProgress);
    assert_eq!(detail.completion_reports[0].status, "returned");
    assert!(
        detail.completion_reports[0]
            .decision_note
            .contains("任务调整"),
        "{}",
        detail.completion_reports[0].decision_note
    );
    // Voiding a progress entry no longer finds a stale report waiting.
    items::void_progress(&mut s, &a, detail.progress[0].id, "录错").unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-26"), &no).unwrap();
    assert_eq!(detail.row.status, Status::InProgress);
    // And a new report can be closed, leaving nothing pending.
    items::report_completion(&mut s, &a, &no, &c).unwrap();
    items::accept_completion(&mut s, &a, &no, None, "同意").unwrap();
    let detail = items::get_item(s.conn(), &cal, d("2026-11-26"), &no).unwrap();
    assert!(detail
        .completion_reports
        .iter()
        .all(|r| r.status != "pending"));
}

#[test]
fn a_standing_item_takes_only_a_cycle_the_reminders_count_and_no_progress_dated_ahead() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let mut new = NewItem::new("月报事项", "纳税服务司", None);
    new.standing = true;
    let no = items::create_item(&mut s, &a, &new).unwrap().item_no;
    let edit = |s: &mut duban::store::Store, cycle: &str| {
        items::edit_item(
            s,
            &a,
            &no,
            &items::ItemEdit {
                report_cycle: Some(cycle.into()),
                reason: "补填报送周期".into(),
                ..Default::default()
            },
        )
    };
    // Entered in the window or on the command line, the same rule.
    let mut weekly = NewItem::new("周报事项", "纳税服务司", None);
    weekly.standing = true;
    weekly.report_cycle = "每周".into();
    let e = items::create_item(&mut s, &a, &weekly).unwrap_err();
    assert!(e.to_string().contains("无法识别报送周期“每周”"), "{e}");
    let e = edit(&mut s, "每周").unwrap_err();
    assert!(e.to_string().contains("无法识别报送周期“每周”"), "{e}");
    edit(&mut s, "月报").unwrap();
    let detail = items::get_item(s.conn(), &Calendar::official(), d("2026-11-26"), &no).unwrap();
    assert_eq!(
        detail.row.report_cycle, "每月",
        "written as the ledger writes it"
    );

    let ahead = NewProgress {
        reported_on: d("2027-06-30"),
        text: "预填".into(),
        reporter: String::new(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    let e = items::add_progress(&mut s, &a, &no, &ahead).unwrap_err();
    assert!(
        e.to_string().contains("进展日期 2027-06-30 晚于今天"),
        "{e}"
    );
}
