//! Black-box tests: `duban workdays add | between | day | load | set | years`
//! (EXCHANGE §4).

use crate::support::Sandbox;

#[test]
fn add_prints_the_nth_working_day_strictly_after_the_date() {
    let s = Sandbox::new();
    let cases = [
        // (date as typed, n, expected stdout)
        ("2026-02-13", "1", "2026-02-14"),
        ("2026/02/14", "1", "2026-02-24"),
        ("20181228", "2", "2019-01-02"),
        ("2026-09-30", "1", "2026-10-08"),
        ("2026-11-30", "0", "2026-11-30"),
    ];
    for (date, n, want) in cases {
        let r = s.duban(&["workdays", "add", date, n]).ok();
        assert_eq!(r.stdout.trim(), want, "{date} + {n}");
        assert!(
            r.stderr.is_empty(),
            "no provisional note for a scheduled year: {}",
            r.stderr
        );
    }
}

#[test]
fn between_prints_the_count_of_the_half_open_span() {
    let s = Sandbox::new();
    for (a, b, want) in [
        ("2026-02-13", "2026-02-24", "2"),
        ("2025-12-31", "2026-12-31", "248"),
        ("2026-02-24", "2026-02-13", "0"),
        ("2026-03-02", "2026-03-02", "0"),
    ] {
        let r = s.duban(&["workdays", "between", a, b]).ok();
        assert_eq!(r.stdout.trim(), want, "({a}, {b}]");
    }
}

#[test]
fn json_output_carries_the_provisional_flag() {
    let s = Sandbox::new();
    let sure = s
        .duban(&["workdays", "add", "2026-12-30", "1", "--json"])
        .ok()
        .json();
    assert_eq!(sure["date"], "2026-12-31");
    assert_eq!(sure["provisional"], false);
    let r = s
        .duban(&["--json", "workdays", "add", "2026-12-31", "1"])
        .ok();
    assert_eq!(r.json()["date"], "2027-01-01");
    assert_eq!(r.json()["provisional"], true);
    assert!(r.stderr.contains("暂定"), "stderr: {}", r.stderr);
    let count = s
        .duban(&["workdays", "between", "2026-12-31", "2027-01-08", "--json"])
        .ok()
        .json();
    assert_eq!(count["count"], 6);
    assert_eq!(count["provisional"], true);
}

#[test]
fn a_year_without_a_schedule_is_answered_provisionally_on_stderr() {
    let s = Sandbox::new();
    let r = s.duban(&["workdays", "add", "2027-09-30", "1"]).ok();
    assert_eq!(r.stdout.trim(), "2027-10-01", "weekends only in 2027");
    assert!(
        r.stderr.contains("（暂定：该年未载入节假日安排）"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_dates_and_counts_are_refused_in_chinese() {
    let s = Sandbox::new();
    let cases: [&[&str]; 5] = [
        &["workdays", "add", "2026-02-30", "1"],
        &["workdays", "add", "明天", "1"],
        &["workdays", "add", "2026-03-02", "-1"],
        &["workdays", "add", "2026-03-02", "三"],
        &["workdays", "between", "2026-03-02", "2026-13-01"],
    ];
    for args in cases {
        let r = s.duban(args).failed();
        assert!(r.stderr.contains("错误："), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("日期") || r.stderr.contains("工作日数"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn a_query_does_not_create_a_database() {
    let s = Sandbox::empty();
    let r = s.duban(&["workdays", "add", "2026-02-13", "1"]).ok();
    assert_eq!(r.stdout.trim(), "2026-02-14");
    assert!(!s.db().exists());
}

#[test]
fn a_loaded_year_is_listed_and_used() {
    let s = Sandbox::new();
    let file = s.path("2027年节假日安排.csv");
    std::fs::write(
        &file,
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-05..2027-02-12,休,春节\n2027-02-06,班,春节调休上班\n",
    )
    .unwrap();
    // 2027-02-06 is listed twice (in the run and as 班): refused, nothing written.
    let r = s
        .duban(&["workdays", "load", file.to_str().unwrap()])
        .failed();
    assert!(
        r.stderr.contains("第4行") && r.stderr.contains("重复"),
        "{}",
        r.stderr
    );
    assert!(!s.duban(&["workdays", "years"]).ok().stdout.contains("2027"));

    std::fs::write(
        &file,
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-05..2027-02-11,休,春节\n2027-02-20,班,春节调休上班\n",
    )
    .unwrap();
    let r = s.duban(&["workdays", "load", file.to_str().unwrap()]).ok();
    assert!(
        r.stdout.contains("2027") && r.stdout.contains("放假8天"),
        "{}",
        r.stdout
    );
    let r = s.duban(&["workdays", "add", "2027-02-04", "1"]).ok();
    assert_eq!(r.stdout.trim(), "2027-02-12");
    assert!(r.stderr.is_empty(), "2027 is covered now: {}", r.stderr);
    assert_eq!(
        s.duban(&["workdays", "add", "2027-02-19", "1"])
            .ok()
            .stdout
            .trim(),
        "2027-02-20"
    );

    let years = s.duban(&["workdays", "years", "--json"]).ok().json();
    let list = years.as_array().unwrap();
    assert_eq!(list.len(), 13);
    assert_eq!(list[0]["year"], 2015);
    assert_eq!(list[12]["year"], 2027);
    assert_eq!(list[12]["office_added"], true);

    let again = s
        .duban(&["workdays", "load", file.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(again["duplicate"], true);
}

#[test]
fn day_tells_whether_a_date_is_a_working_day() {
    let s = Sandbox::new();
    let r = s.duban(&["workdays", "day", "2018-12-31"]).ok();
    assert!(
        r.stdout.contains("休息日") && r.stdout.contains("元旦"),
        "{}",
        r.stdout
    );
    let r = s
        .duban(&["workdays", "day", "2018-12-29", "--json"])
        .ok()
        .json();
    assert_eq!(r["workday"], true);
}

#[test]
fn a_day_set_by_hand_moves_the_count_and_refusals_change_nothing() {
    let s = Sandbox::new();
    assert_eq!(
        s.duban(&["workdays", "add", "2027-02-09", "1"])
            .ok()
            .stdout
            .trim(),
        "2027-02-10"
    );
    let r = s
        .duban(&["workdays", "set", "2027-02-10", "节假日", "--name", "春节"])
        .ok();
    assert!(
        r.stdout.contains("2027-02-10") && r.stdout.contains("休息日（春节）"),
        "{}",
        r.stdout
    );
    let r = s.duban(&["workdays", "add", "2027-02-09", "1"]).ok();
    assert_eq!(r.stdout.trim(), "2027-02-11");
    assert!(
        r.stderr.is_empty(),
        "2027 is the office's now: {}",
        r.stderr
    );
    let json = s
        .duban(&["workdays", "set", "2027-02-13", "调休上班", "--json"])
        .ok()
        .json();
    assert_eq!(json["year"], 2027);
    let r = s
        .duban(&["workdays", "day", "2027-02-13", "--json"])
        .ok()
        .json();
    assert_eq!(r["workday"], true);

    // (args, words of the refusal)
    let refused: [(&[&str], &str); 2] = [
        (
            &["workdays", "set", "2027-02-11", "调休上班"],
            "不能设为“调休上班”",
        ),
        (&["workdays", "set", "2027-02-11", "放假"], "无法识别"),
    ];
    for (args, words) in refused {
        let r = s.duban(args).failed();
        assert!(r.stderr.contains(words), "{args:?}: {}", r.stderr);
    }
    assert_eq!(
        s.duban(&["workdays", "add", "2027-02-10", "1"])
            .ok()
            .stdout
            .trim(),
        "2027-02-11",
        "the refusals changed nothing"
    );
}

#[test]
fn a_day_set_by_hand_moves_an_open_countersigns_reply_deadline() {
    let s = Sandbox::new();
    s.duban(&[
        "countersign",
        "send",
        "--title",
        "关于修订督查督办工作办法的会签稿",
        "--days",
        "5",
        "--to",
        "政策法规司",
        "--on",
        "2026-11-23",
    ])
    .ok();
    let due = |s: &Sandbox| {
        s.duban(&["countersign", "list", "--json"]).ok().json()[0]["reply_due"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(due(&s), "2026-11-30");
    s.duban(&[
        "workdays",
        "set",
        "2026-11-25",
        "节假日",
        "--name",
        "临时放假",
    ])
    .ok();
    assert_eq!(due(&s), "2026-12-01", "one working day fewer in between");

    // Sent where no schedule is loaded yet: said so, on stderr.
    let send = |title: &str, days: &str| {
        s.duban(&[
            "countersign",
            "send",
            "--title",
            title,
            "--days",
            days,
            "--to",
            "政策法规司",
            "--on",
            "2026-11-02",
        ])
        .ok()
    };
    // 60 working days after 2026-11-02 fall in 2027.
    let r = send("明年答复的会签稿", "60");
    assert!(
        r.stderr.contains("暂定") && r.stderr.contains("自动重算"),
        "{}",
        r.stderr
    );
    let r = send("今年的会签稿", "5");
    assert!(!r.stderr.contains("暂定"), "{}", r.stderr);
}

#[test]
fn relay_plan_says_provisional_only_for_a_default_it_counted_itself() {
    let s = Sandbox::new();
    // 30 working days after 2026-12-01 fall in 2027, which has no schedule.
    s.duban(&["init"]).ok();
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute(
            "INSERT INTO settings(key, value) VALUES ('relay_days', '30')
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [],
        )
        .unwrap();
    let add = |title: &str| {
        s.duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            title,
            "--category",
            "重要文件要求",
            "--received",
            "2026-12-01",
        ])
        .ok()
        .json()["doc_no"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let plan = |doc: &str, rest: &[&str]| {
        let mut args = vec!["relay", "plan", doc];
        args.extend_from_slice(rest);
        s.duban(&args).ok().stderr
    };
    let by_default = add("重点文件");
    let said = plan(&by_default, &["--parties", "政策法规司"]);
    assert!(said.contains("暂定") && said.contains("自动重算"), "{said}");
    let by_hand = add("另一重点文件");
    let due = ["--parties", "政策法规司", "--due", "2027-01-15"];
    assert!(!plan(&by_hand, &due).contains("暂定"));
    // Another party for the document whose date was chosen: still no recount.
    assert!(!plan(&by_hand, &["--parties", "所得税司"]).contains("暂定"));
}
