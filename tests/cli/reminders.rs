//! Black-box tests: `duban reminders --at … --json` (EXCHANGE §4) and the
//! extension / chase / countersign / relay commands that feed it.

use crate::support::Sandbox;

/// Adds an item and returns its 事项编号.
fn add_item(s: &Sandbox, name: &str, lead: &str, deadline: &str) -> String {
    let out = s
        .duban(&[
            "item",
            "add",
            "--name",
            name,
            "--lead",
            lead,
            "--deadline",
            deadline,
            "--json",
        ])
        .ok()
        .json();
    out["item_no"].as_str().expect("item_no").to_string()
}

fn reminders_at(s: &Sandbox, at: &str) -> Vec<serde_json::Value> {
    s.duban(&["reminders", "--at", at, "--json"])
        .ok()
        .json()
        .as_array()
        .expect("a JSON array")
        .clone()
}

fn kinds_of(list: &[serde_json::Value], item_no: &str) -> Vec<String> {
    list.iter()
        .filter(|r| r["ref"] == item_no)
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn reminders_json_lists_red_and_yellow_items_by_the_date_of_at() {
    let s = Sandbox::new();
    let red = add_item(&s, "逾期事项", "办公厅", "2026-02-11");
    let yellow_make_up = add_item(&s, "调休日到期", "稽查局", "2026-02-14");
    let yellow_after_holiday = add_item(&s, "节后到期", "人事司", "2026-02-24");
    let green = add_item(&s, "节后第二天", "人事司", "2026-02-25");
    // (at, item, expected kinds)
    let cases = [
        ("2026-02-12 09:00", &red, vec!["item_red"]),
        ("2026-02-12 09:00", &yellow_make_up, vec!["item_yellow"]),
        (
            "2026-02-12T17:30:00",
            &yellow_after_holiday,
            vec!["item_yellow"],
        ),
        ("2026-02-12 09:00", &green, vec![]),
        ("2026-02-24", &green, vec!["item_yellow"]),
        ("2026-02-10 09:00", &red, vec!["item_yellow"]),
        ("2026-02-15 09:00", &yellow_make_up, vec!["item_red"]),
    ];
    for (at, no, want) in cases {
        let list = reminders_at(&s, at);
        assert_eq!(kinds_of(&list, no), want, "{no} at {at}");
    }
    let list = reminders_at(&s, "2026-02-12 09:00");
    let r = list.iter().find(|r| r["ref"] == red.as_str()).unwrap();
    assert_eq!(r["party"], "办公厅");
    assert_eq!(r["due"], "2026-02-11");
    assert!(
        r["message"].as_str().unwrap().contains("逾期 1 天"),
        "{}",
        r["message"]
    );
}

#[test]
fn the_full_list_stands_at_every_call_and_global_options_go_anywhere() {
    let s = Sandbox::new();
    assert_eq!(
        reminders_at(&s, "2026-11-26 09:00").len(),
        0,
        "an empty database has none"
    );
    let no = add_item(&s, "事项", "办公厅", "2026-11-20");
    let db = s.db();
    let db = db.to_str().unwrap();
    let before = crate::support::run_duban(
        &s.db(),
        &["--json", "reminders", "--at", "2026-11-26 09:00"],
    )
    .ok();
    let after = crate::support::run_duban(
        std::path::Path::new(db),
        &["reminders", "--at", "2026-11-26 09:00", "--json"],
    )
    .ok();
    assert_eq!(before.json(), after.json());
    // Recording a check does not shorten the list that is printed.
    let recorded = s
        .duban(&[
            "reminders",
            "--at",
            "2026-11-26 09:01",
            "--record",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        kinds_of(recorded.as_array().unwrap(), &no),
        vec!["item_red"]
    );
    let again = s
        .duban(&["reminders", "--at", "2026-11-26 09:02", "--record"])
        .ok();
    assert!(
        again.stdout.contains("没有到期的提醒检查"),
        "{}",
        again.stdout
    );
    assert_eq!(
        kinds_of(&reminders_at(&s, "2026-11-26 09:03"), &no),
        vec!["item_red"]
    );
}

#[test]
fn a_bad_moment_is_refused_in_chinese() {
    let s = Sandbox::new();
    let run = s
        .duban(&["reminders", "--at", "明天上午", "--json"])
        .failed();
    assert!(run.stderr.contains("无法识别"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn urgent_documents_extensions_and_countersigns_show_in_the_list() {
    let s = Sandbox::new();
    let doc = s
        .duban(&[
            "doc",
            "add",
            "--title",
            "特急来文",
            "--category",
            "重要文件要求",
            "--urgency",
            "特急",
            "--received",
            "2026-11-02",
            "--json",
        ])
        .ok()
        .json();
    let doc_no = doc["doc_no"].as_str().unwrap().to_string();
    let no = add_item(&s, "要延期的事项", "所得税司", "2026-11-27");
    let ext = s
        .duban(&[
            "extension",
            "request",
            &no,
            "--to",
            "2026-12-31",
            "--reason",
            "需调研",
            "--progress",
            "已起草",
            "--at",
            "2026-11-26 10:00",
            "--json",
        ])
        .ok()
        .json();
    s.duban(&[
        "countersign",
        "send",
        "--title",
        "征求意见稿",
        "--days",
        "3",
        "--to",
        "办公厅、稽查局",
        "--on",
        "2026-11-20",
        "--at",
        "2026-11-20 10:00",
    ])
    .ok();
    let list = reminders_at(&s, "2026-11-26 11:00");
    let find = |kind: &str| -> Vec<&serde_json::Value> {
        list.iter().filter(|r| r["kind"] == kind).collect()
    };
    assert_eq!(find("urgent_unsplit").len(), 1);
    assert_eq!(find("urgent_unsplit")[0]["ref"], doc_no.as_str());
    assert_eq!(find("extension_pending").len(), 1);
    assert_eq!(find("extension_pending")[0]["ref"], no.as_str());
    assert_eq!(
        find("countersign_overdue").len(),
        2,
        "sent 11-20 + 3 working days = 11-25"
    );
    assert_eq!(find("countersign_overdue")[0]["due"], "2026-11-25");

    let id = ext["id"].as_i64().unwrap().to_string();
    s.duban(&[
        "extension",
        "approve",
        &id,
        "--comment",
        "同意",
        "--at",
        "2026-11-26 15:00",
    ])
    .ok();
    let list = reminders_at(&s, "2026-11-27 09:00");
    assert!(
        kinds_of(&list, &no).is_empty(),
        "approved: new deadline 12-31 is green"
    );
    // The month's 延期次数, of this item and of another one.
    let listed = |item: &str| {
        s.duban(&[
            "--json",
            "extension",
            "list",
            "--approved-in",
            "2026年11月",
            "--item",
            item,
        ])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .len()
    };
    assert_eq!(listed(&no), 1);
    assert_eq!(listed("DB2099-0001"), 0, "--item is not dropped");
    let both = s.duban(&[
        "extension",
        "list",
        "--approved-in",
        "2026-11",
        "--status",
        "rejected",
    ]);
    assert_eq!(both.code, 2, "{}", both.stderr);
}

#[test]
fn bad_input_is_refused_with_a_chinese_message_and_nothing_written() {
    let s = Sandbox::new();
    let no = add_item(&s, "事项", "所得税司", "2026-11-20");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "extension",
                "request",
                &no,
                "--to",
                "2026-12-31",
                "--reason",
                "r",
                "--progress",
                "p",
                "--at",
                "2026-11-21 09:00",
            ],
            "到期前",
        ),
        (
            vec![
                "extension",
                "request",
                &no,
                "--to",
                "2026-11-19",
                "--reason",
                "r",
                "--progress",
                "p",
                "--at",
                "2026-11-18 09:00",
            ],
            "须晚于当前完成时限",
        ),
        (
            vec![
                "countersign",
                "send",
                "--title",
                "稿",
                "--days",
                "3",
                "--to",
                "宣传司",
            ],
            "宣传司",
        ),
        (
            vec!["chase", "add", "--item", "DB2000-0001", "--channel", "电话"],
            "DB2000-0001",
        ),
        (
            vec!["chase", "add", "--item", &no, "--channel", "微信"],
            "催办方式",
        ),
    ];
    for (args, words) in cases {
        let run = s.duban(&args).failed();
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    }
    s.duban(&["item", "withdraw", &no, "--reason", "撤销"]).ok();
    let run = s
        .duban(&["chase", "add", "--item", &no, "--channel", "电话"])
        .failed();
    assert!(run.stderr.contains("已撤销"), "{}", run.stderr);
    let exts = s.duban(&["extension", "list", "--json"]).ok().json();
    assert_eq!(exts.as_array().unwrap().len(), 0);
    let chases = s
        .duban(&["chase", "list", "--item", &no, "--json"])
        .ok()
        .json();
    assert_eq!(chases.as_array().unwrap().len(), 0);
}

#[test]
fn several_items_are_chased_in_one_write_or_none() {
    let s = Sandbox::new();
    let a = add_item(&s, "事项一", "办公厅", "2099-06-30");
    let b = add_item(&s, "事项二", "纳税服务司", "2099-06-30");
    let closed = add_item(&s, "事项三", "办公厅", "2099-06-30");
    s.duban(&["item", "withdraw", &closed, "--reason", "撤销"])
        .ok();
    let count = |no: &str| {
        s.duban(&["chase", "list", "--item", no, "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    // (args, words of the refusal)
    let refused: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "chase",
                "add",
                "--item",
                &a,
                "--item",
                &closed,
                "--channel",
                "电话",
            ],
            "已撤销",
        ),
        (
            vec![
                "chase",
                "add",
                "--item",
                &a,
                "--item",
                &b,
                "--doc",
                "收〔2026〕1号",
                "--channel",
                "电话",
            ],
            "不能同时指定 --doc",
        ),
    ];
    for (args, words) in refused {
        let r = s.duban(&args).failed();
        assert!(r.stderr.contains(words), "{args:?}: {}", r.stderr);
    }
    assert_eq!(
        (count(&a), count(&b)),
        (0, 0),
        "a refused batch writes nothing"
    );

    let out = s
        .duban(&[
            "chase",
            "add",
            "--item",
            &a,
            "--item",
            &b,
            "--channel",
            "通知单",
            "--note",
            "月底前报送",
            "--json",
        ])
        .ok()
        .json();
    let list = out.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["item_no"], a.as_str());
    assert_eq!(list[1]["to_whom"], "纳税服务司", "each item's own lead");
    assert_eq!((count(&a), count(&b)), (1, 1));
    let text = s
        .duban(&[
            "chase",
            "add",
            "--item",
            &a,
            "--item",
            &b,
            "--channel",
            "电话",
        ])
        .ok();
    assert!(
        text.stdout.contains("已为 2 个事项登记催办"),
        "{}",
        text.stdout
    );
}
