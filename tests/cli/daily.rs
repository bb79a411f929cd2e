//! Black-box tests of the clerk's day (issue 13): a standing item with a
//! 报送周期, the calendar notice in the reminders, and the 工作台's figures
//! in `duban dashboard --json`.

use crate::support::Sandbox;

#[test]
fn a_standing_item_with_a_cycle_is_listed_and_reminded() {
    let s = Sandbox::new();
    let out = s
        .duban(&[
            "--json",
            "item",
            "add",
            "--name",
            "每月报送落实情况",
            "--lead",
            "办公厅",
            "--cycle",
            "每月",
        ])
        .ok()
        .json();
    let no = out["item_no"].as_str().unwrap().to_string();
    let list = s.duban(&["item", "list"]).ok().stdout;
    assert!(list.contains("长期（每月，尚未报送）"), "{list}");
    let page = s.duban(&["--json", "item", "list"]).ok().json();
    assert_eq!(page["rows"][0]["report_cycle"], "每月");
    assert_eq!(page["rows"][0]["last_report"], serde_json::Value::Null);

    let r = s
        .duban(&[
            "item",
            "add",
            "--name",
            "乙",
            "--lead",
            "办公厅",
            "--cycle",
            "随时",
        ])
        .failed();
    assert!(r.stderr.contains("无法识别报送周期“随时”"), "{}", r.stderr);

    // Entered 80 days ago (set in the file: the command line records an item
    // on the day it runs, and a report cannot be dated ahead). Seventy days
    // after it was entered, a cycle's report is past due.
    let today = duban::dates::parse_ymd(page["rows"][0]["created_on"].as_str().unwrap()).unwrap();
    let created = today - chrono::Duration::days(80);
    rusqlite::Connection::open(s.db())
        .unwrap()
        .execute(
            "UPDATE items SET created_on = ?1 WHERE item_no = ?2",
            [duban::dates::ymd(created), no.clone()],
        )
        .unwrap();
    let later = created + chrono::Duration::days(70);
    let at = format!("{} 09:00", duban::dates::ymd(later));
    let rem = s.duban(&["--json", "reminders", "--at", &at]).ok().json();
    let standing: Vec<_> = rem
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "standing_report_due")
        .collect();
    assert_eq!(standing.len(), 1, "{rem}");
    assert_eq!(standing[0]["ref"], no.as_str());

    // A report that day answers it; voided as entered by mistake, it no
    // longer does, and the reminder is back.
    let day = duban::dates::ymd(later);
    s.duban(&[
        "item",
        "progress",
        &no,
        "--text",
        "本月已报送",
        "--date",
        &day,
    ])
    .ok();
    let due = |s: &Sandbox| {
        let rem = s.duban(&["--json", "reminders", "--at", &at]).ok().json();
        rem.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "standing_report_due" && r["ref"] == no.as_str())
            .count()
    };
    assert_eq!(due(&s), 0);
    let pid = s.duban(&["--json", "item", "show", &no]).ok().json()["progress"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    s.duban(&["void", "progress", &pid, "--reason", "录错事项"])
        .ok();
    assert_eq!(due(&s), 1, "a voided report still answered the cycle");
}

#[test]
fn the_calendar_notice_and_the_figures_are_in_the_dashboard_and_the_reminders() {
    let s = Sandbox::new();
    s.duban(&[
        "item",
        "add",
        "--name",
        "甲",
        "--lead",
        "办公厅",
        "--deadline",
        "2026-11-10",
    ])
    .ok();
    let dash = s
        .duban(&["--json", "dashboard", "--at", "2026-12-01 09:00"])
        .ok()
        .json();
    assert!(
        dash["calendar_notice"].as_str().unwrap().contains("2027年"),
        "{dash}"
    );
    let f = &dash["figures"];
    assert_eq!(f["trend"].as_array().unwrap().len(), 12);
    assert_eq!(f["trend"][11]["month"], "2026-12");
    assert_eq!(f["trend"][10]["overdue_open"], 1, "{f}");
    assert_eq!(f["rates"][0]["party"], "办公厅");
    assert_eq!(f["rates"][0]["tally"]["rate_text"], "0.0%");
    assert!(f["rounds_waiting"].as_array().unwrap().is_empty());
    let text = s
        .duban(&["dashboard", "--at", "2026-12-01 09:00"])
        .ok()
        .stdout;
    assert!(text.contains("尚未载入2027年节假日安排"), "{text}");

    let rem = s
        .duban(&["--json", "reminders", "--at", "2026-12-01 09:00"])
        .ok()
        .json();
    assert!(
        rem.as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "calendar_missing" && r["ref"] == "2027年节假日安排"),
        "{rem}"
    );
    let nov = s
        .duban(&["--json", "reminders", "--at", "2026-11-30 09:00"])
        .ok()
        .json();
    assert!(!nov.to_string().contains("calendar_missing"));
}
