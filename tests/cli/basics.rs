//! Black-box tests: duban init, org list, doc, item, backup, restore, verify, demo.

use crate::support::{run_duban, Sandbox};

#[test]
fn init_seeds_the_default_organisation_once() {
    let s = Sandbox::new();
    let out = s.duban(&["--json", "org", "list"]).ok().json();
    let parties = out["parties"].as_array().unwrap();
    assert_eq!(parties.iter().filter(|p| p["kind"] == "unit").count(), 36);
    s.duban(&["init"]).ok();
    let again = s.duban(&["org", "list", "--json"]).ok().json();
    assert_eq!(
        again["parties"].as_array().unwrap().len(),
        parties.len(),
        "init twice adds nothing"
    );
    let text = s.duban(&["org", "list"]).ok().stdout;
    assert!(
        text.contains("【下级单位】") && text.contains("深圳市税务局"),
        "{text}"
    );
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let s = Sandbox::new();
    let before = run_duban(&s.db(), &["--json", "org", "list"]).ok().json();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(["org", "list", "--json", "--db"])
        .arg(s.db())
        .output()
        .unwrap();
    let after: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(before, after);
}

#[test]
fn register_split_and_list_through_the_command_line() {
    let s = Sandbox::new();
    let doc = s
        .duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            "关于抓好工作落实的通知",
            "--category",
            "重要文件要求",
            "--urgency",
            "特急",
            "--received",
            "2026-11-20",
            "--important",
        ])
        .ok()
        .json();
    let doc_no = doc["doc_no"].as_str().unwrap().to_string();
    assert_eq!(doc_no, "收〔2026〕1号");
    s.duban(&[
        "doc",
        "instruct",
        &doc_no,
        "--leader",
        "王建国",
        "--date",
        "2026-11-21",
        "--circle",
    ])
    .ok();
    let list = s.duban(&["doc", "list"]).ok().stdout;
    assert!(list.contains("仅圈阅，未批示"), "§六 flag shows: {list}");
    let refused = s
        .duban(&[
            "item",
            "add",
            "--name",
            "联合事项",
            "--lead",
            "办公厅",
            "--coop",
            "人事司、稽查局",
            "--deadline",
            "2026-12-31",
            "--doc",
            &doc_no,
        ])
        .failed();
    assert!(refused.stderr.contains("统筹局领导"), "{}", refused.stderr);
    s.duban(&[
        "item",
        "add",
        "--name",
        "联合事项",
        "--lead",
        "办公厅",
        "--coop",
        "人事司、稽查局",
        "--leader",
        "李明华",
        "--deadline",
        "2026-12-31",
        "--doc",
        &doc_no,
    ])
    .ok();
    s.duban(&[
        "item",
        "add",
        "--name",
        "快到期事项",
        "--lead",
        "人事司",
        "--deadline",
        "2026-11-30",
    ])
    .ok();
    let page = s
        .duban(&[
            "--json",
            "item",
            "list",
            "--today",
            "2026-11-26",
            "--light",
            "黄",
        ])
        .ok()
        .json();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["name"], "快到期事项");
    let by_party = s
        .duban(&[
            "--json",
            "item",
            "list",
            "--party",
            "稽查局",
            "--cooperating",
        ])
        .ok()
        .json();
    assert_eq!(by_party["rows"][0]["name"], "联合事项");
}

#[test]
fn bad_input_is_answered_in_chinese_with_a_non_zero_exit() {
    let s = Sandbox::new();
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "item",
                "add",
                "--name",
                "x",
                "--lead",
                "火星司",
                "--deadline",
                "2026-12-31",
            ],
            "火星司",
        ),
        (
            &[
                "item",
                "add",
                "--name",
                "x",
                "--lead",
                "办公厅",
                "--deadline",
                "2026-02-30",
            ],
            "2026-02-30",
        ),
        (
            &["item", "add", "--name", "x", "--lead", "办公厅"],
            "完成时限",
        ),
        (&["item", "show", "DB2099-0001"], "找不到"),
    ];
    for (args, needle) in cases {
        let r = s.duban(args).failed();
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("错误："), "{}", r.stderr);
    }
    let page = s.duban(&["--json", "item", "list"]).ok().json();
    assert_eq!(page["total"], 0, "nothing written");
}

#[test]
fn usage_mistakes_are_answered_in_chinese_with_the_usage_line_and_exit_code_2() {
    let s = Sandbox::new();
    let cases: [(&[&str], &str); 6] = [
        (
            &["opinion", "list", "--mnth", "2026-11"],
            "无法识别的参数“--mnth”。是否要用 --month？",
        ),
        (&["opinion", "lst"], "没有“lst”这个命令。是否要用 list？"),
        (
            &["opinion", "add", "--title", "x"],
            "缺少必填的参数：--party",
        ),
        (
            &[
                "opinion",
                "update",
                "1",
                "--clear-reported",
                "--reported",
                "2026-11-09",
            ],
            "--clear-reported 不能与 --reported <REPORTED> 同时使用",
        ),
        (&["--json", "--json", "item", "list"], "--json 只能给一次"),
        (
            &["attachment", "add", "photo", "1", "a.pdf"],
            "的值“photo”不在可选范围内（可填：progress, completion）",
        ),
    ];
    for (args, needle) in cases {
        let r = s.duban(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("错误："), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("--help"), "{args:?}: {}", r.stderr);
    }
    let r = s.duban(&["opinion", "list", "--mnth", "2026-11"]);
    assert!(
        r.stderr.contains("用法：duban opinion list"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let s = Sandbox::empty();
    std::fs::write(s.db(), "hello").unwrap();
    let r = s.duban(&["org", "list"]).failed();
    assert!(
        r.stderr.contains("不是有效的督办台账数据库"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(s.db()).unwrap(), "hello");
}

#[test]
fn backup_restore_and_verify() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    let again = s.duban(&["demo"]).ok().stdout;
    assert!(again.contains("未重复添加"), "{again}");
    let bak = s.path("备份/b.sqlite3");
    s.duban(&["backup", "-o", bak.to_str().unwrap()]).ok();
    let v = s.duban(&["--json", "verify"]).ok().json();
    assert_eq!(v["integrity_ok"], true);
    assert!(v["entries"].as_i64().unwrap() > 5);
    s.duban(&[
        "item",
        "add",
        "--name",
        "备份之后",
        "--lead",
        "办公厅",
        "--deadline",
        "2026-12-31",
    ])
    .ok();
    let r = s.duban(&["restore", bak.to_str().unwrap()]).ok();
    assert!(r.stdout.contains("原数据库保存在"), "{}", r.stdout);
    let page = s
        .duban(&["--json", "item", "list", "--text", "备份之后"])
        .ok()
        .json();
    assert_eq!(page["total"], 0, "restored to the backup");
    let junk = s.path("junk.sqlite3");
    std::fs::write(&junk, "junk").unwrap();
    let r = s.duban(&["restore", junk.to_str().unwrap()]).failed();
    assert!(r.stderr.contains("未做任何恢复"), "{}", r.stderr);
    s.duban(&["verify"]).ok();
}

#[test]
fn verify_reports_a_broken_chain_with_exit_code_2() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '篡改者' WHERE id = 4;").unwrap();
    }
    let r = s.duban(&["verify"]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("第 4 条"), "{}", r.stderr);
}

#[test]
fn verify_of_a_missing_file_is_an_error_and_creates_nothing() {
    let s = Sandbox::empty();
    let r = s.duban(&["verify"]);
    assert_eq!(r.code, 1, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("找不到数据库文件") && r.stderr.contains("duban.sqlite3"),
        "{}",
        r.stderr
    );
    assert!(!s.db().exists(), "verify must not create a database");
}

#[test]
fn verify_opens_read_only_and_changes_nothing() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    // A read-only file: a check that tried to write (a migration, a
    // checkpoint) would fail here.
    let before = std::fs::read(s.db()).unwrap();
    let mut perms = std::fs::metadata(s.db()).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(s.db(), perms).unwrap();
    s.duban(&["verify"]).ok();
    assert_eq!(
        std::fs::read(s.db()).unwrap(),
        before,
        "the file is unchanged"
    );
}

#[test]
fn verify_fails_when_an_append_only_trigger_is_missing() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    {
        // No entry is touched: the chain itself still holds.
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.execute_batch("DROP TRIGGER audit_log_no_delete;")
            .unwrap();
    }
    let r = s.duban(&["verify"]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("触发器") && r.stderr.contains("audit_log_no_delete"),
        "{}",
        r.stderr
    );
}

#[test]
fn verify_of_a_path_in_a_missing_folder_leaves_no_folder_behind() {
    let s = Sandbox::empty();
    let missing = s.path("没有这个文件夹");
    let r = crate::support::run_duban(&missing.join("duban.sqlite3"), &["verify"]);
    assert_eq!(r.code, 1, "{} {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("找不到数据库文件"), "{}", r.stderr);
    assert!(
        !missing.exists(),
        "neither the database nor a logs folder is created"
    );
}

#[test]
fn a_number_option_given_something_else_is_refused_in_chinese() {
    let s = Sandbox::new();
    for (args, option) in [
        (&["import", "history", "--limit", "x"][..], "--limit"),
        (&["extension", "approve", "abc"][..], "ID"),
        (
            &[
                "assess",
                "manual",
                "set",
                "--period",
                "2026-11",
                "--party",
                "办公厅",
                "--score",
                "九十",
            ][..],
            "--score",
        ),
    ] {
        let r = s.duban(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("错误：")
                && r.stderr.contains("不是数字")
                && r.stderr.contains(option),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_file_the_system_refuses_is_explained_in_chinese() {
    let s = Sandbox::new();
    for args in [
        &["export", "ledger", "-o", "/nonexistent-duban/dir/台账.xlsx"][..],
        &["import", "ledger", "/nonexistent-duban/台账.xlsx"][..],
    ] {
        let r = s.duban(args).failed();
        let said = format!("{}{}", r.stdout, r.stderr);
        assert!(said.contains("文件或文件夹不存在"), "{args:?}: {said}");
        assert!(!said.contains("os error"), "{args:?}: {said}");
    }
}

#[test]
fn a_word_outside_its_list_is_refused_with_the_words_it_takes() {
    // docs/exchange.md §4: exit 1 (the core reads the word), the words it
    // accepts in the message; nothing is written.
    let s = Sandbox::new();
    s.duban(&["init"]).ok();
    for (args, accepted) in [
        (&["item", "list", "--light", "紫"][..], "红、黄 或 绿"),
        (&["item", "list", "--status", "完成"][..], "已办结"),
        (
            &["export", "documents", "-o", "x.xlsx", "--urgency", "急"][..],
            "特急、加急 或 平件",
        ),
        (
            &[
                "opinion",
                "add",
                "--party",
                "北京市税务局",
                "--title",
                "t",
                "--occurred",
                "2026-11-01",
                "--level",
                "很大",
                "--negative",
                "是",
            ][..],
            "一般",
        ),
        (
            &[
                "opinion",
                "add",
                "--party",
                "北京市税务局",
                "--title",
                "t",
                "--occurred",
                "2026-11-01",
                "--level",
                "一般",
                "--negative",
                "也许",
            ][..],
            "是、否",
        ),
    ] {
        let r = s.duban(args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("错误：") && r.stderr.contains(accepted),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_stderr_that_cannot_be_written_does_not_crash_the_command() {
    // `duban … 2>/dev/full` (or `2>&1 | head` after head has gone): the
    // message is lost, the exit code still says the command failed.
    let s = Sandbox::new();
    s.duban(&["init"]).ok();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = crate::support::duban_command(&s.db(), &["item", "show", "DB2099-0001"])
        .stdout(std::process::Stdio::null())
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "not a panic (101)");
}

#[test]
fn command_lines_that_do_not_hold_together_are_refused_in_chinese() {
    let s = Sandbox::new();
    s.duban(&["init"]).ok();
    for (args, words) in [
        // A 长期 item's cycle and a deadline: one would be dropped.
        (
            &[
                "item",
                "add",
                "--name",
                "x",
                "--lead",
                "办公厅",
                "--deadline",
                "2026-12-31",
                "--cycle",
                "每月",
            ][..],
            "不能与",
        ),
        // A word where a subcommand belongs.
        (&["rectification", "check", "ZG2026-001"][..], "子命令"),
        // Options of other kinds of sheet.
        (
            &["import", "ledger", "x.xlsx", "--party", "办公厅"][..],
            "无法识别的参数“--party”",
        ),
        (
            &["import", "feedback", "x.xlsx", "--round", "3"][..],
            "无法识别的参数“--round”",
        ),
        // The number option named without its placeholder.
        (
            &["import", "history", "--limit", "x"][..],
            "错误：--limit 的值“x”不是数字",
        ),
    ] {
        let r = s.duban(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("错误：") && r.stderr.contains(words),
            "{args:?}: {}",
            r.stderr
        );
    }
    // --party stays where a sheet is one party's (the file is missing: exit 1, not 2).
    for kind in ["feedback", "opinion", "rectification", "report"] {
        let r = s.duban(&["import", kind, "x.xlsx", "--party", "北京市税务局"]);
        assert_eq!(r.code, 1, "{kind}: {}", r.stderr);
    }
    // `--output` everywhere (`--out` still taken where it was the name).
    let r = s.duban(&["item", "card", "DB2099-0001", "--output", "x.docx"]);
    assert_eq!(
        r.code, 1,
        "parsed, then the item is not found: {}",
        r.stderr
    );
}

#[test]
fn the_audit_export_filters_by_operator_with_by_not_the_global_operator() {
    let s = Sandbox::new();
    s.duban(&["init"]).ok();
    let out = s.path("a.xlsx");
    let out = out.to_str().unwrap();
    let rows = |args: &[&str]| {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        all.extend(["export", "audit", "-o", out]);
        s.duban(&all).ok().json()["rows"].as_u64().unwrap()
    };
    let all = rows(&[]);
    assert!(all >= 1, "init leaves an entry");
    assert_eq!(
        rows(&["--operator", "张三"]),
        all,
        "who runs the export filters nothing"
    );
    let by = ["--json", "export", "audit", "-o", out, "--by", "张三"];
    let n = s.duban(&by).ok().json()["rows"].as_u64().unwrap();
    assert_eq!(n, 0, "--by filters");
}

/// The subcommands a help page lists under 命令.
fn listed_commands(help: &str) -> Vec<String> {
    help.split("命令:")
        .nth(1)
        .map(|section| {
            section
                .lines()
                .skip(1)
                .take_while(|l| l.starts_with("  "))
                .filter_map(|l| l.split_whitespace().next().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_help_page_is_in_chinese() {
    let s = Sandbox::new();
    let mut pending = vec![Vec::<String>::new()];
    let mut pages = 0;
    while let Some(path) = pending.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let r = s.duban(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        pages += 1;
        assert!(r.stdout.contains("用法："), "{args:?}: {}", r.stdout);
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "Print version",
            "[default:",
            "ossible values",
        ] {
            assert!(
                !r.stdout.contains(english),
                "{args:?} shows {english}: {}",
                r.stdout
            );
        }
        for sub in listed_commands(&r.stdout) {
            let mut next = path.clone();
            next.push(sub);
            pending.push(next);
        }
    }
    assert!(pages > 100, "every command's page was read: {pages}");
}
