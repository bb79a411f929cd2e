//! Black-box tests of `duban import | export | template | org import`
//! (EXCHANGE §4), and the crash test: a killed import leaves all or nothing.

pub mod crash;

use crate::support::Sandbox;

/// A committed fixture file.
pub fn fixture(name: &str) -> String {
    crate::support::repo_dir()
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn json_output_has_one_object_per_file_with_the_contract_fields() {
    let s = Sandbox::new();
    let run = s.duban(&[
        "import",
        "ledger",
        &fixture("ledger_tolerant_openpyxl.xlsx"),
        &fixture("ledger_rejections_openpyxl.xlsx"),
        "--json",
    ]);
    assert_eq!(run.code, 1, "a rejected file makes the exit code non-zero");
    let out = run.json();
    let files = out.as_array().expect("one JSON array");
    assert_eq!(files.len(), 2);
    for f in files {
        for key in [
            "file",
            "status",
            "party",
            "rows_applied",
            "rows_rejected",
            "warnings",
            "error",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    assert_eq!(files[0]["status"], "applied");
    assert_eq!(files[0]["rows_applied"], 13);
    assert_eq!(files[1]["status"], "rejected");
    let bad = files[1]["rows_rejected"].as_array().unwrap();
    assert_eq!(bad.len(), 11);
    assert_eq!(bad[0]["sheet"], "台账");
    assert_eq!(bad[0]["row"], 3);
    assert_eq!(bad[0]["column"], "牵头部门");
    assert!(bad[0]["reason"].as_str().unwrap().contains("宣传部门"));
    assert!(files[1]["error"]
        .as_str()
        .unwrap()
        .contains("整个文件未导入"));
    assert!(
        run.stderr.contains("未导入"),
        "stderr in Chinese: {}",
        run.stderr
    );
}

#[test]
fn apply_valid_rows_dry_run_and_duplicates_from_the_command_line() {
    let s = Sandbox::new();
    let f = fixture("ledger_rejections_openpyxl.xlsx");
    let trial = s
        .duban(&[
            "--json",
            "import",
            "ledger",
            &f,
            "--apply-valid-rows",
            "--dry-run",
        ])
        .ok()
        .json();
    assert_eq!(trial[0]["status"], "partial");
    assert_eq!(trial[0]["dry_run"], true);
    // A batch's dry run reports what the real run would: the same content
    // a second time is a duplicate there too.
    let copy = s.path("台账副本.xlsx");
    std::fs::copy(&f, &copy).unwrap();
    let batch = s
        .duban(&[
            "--json",
            "import",
            "ledger",
            &f,
            copy.to_str().unwrap(),
            "--apply-valid-rows",
            "--dry-run",
        ])
        .ok()
        .json();
    assert_eq!(
        (batch[0]["status"].as_str(), batch[1]["status"].as_str()),
        (Some("partial"), Some("duplicate"))
    );
    assert_eq!(batch[1]["import_id"], serde_json::Value::Null);
    let real = s
        .duban(&["import", "ledger", &f, "--apply-valid-rows", "--json"])
        .ok()
        .json();
    assert_eq!(
        real[0]["status"], "partial",
        "the dry runs wrote nothing, so this is not a duplicate"
    );
    assert_eq!(real[0]["rows_applied"], 2);
    let again = s
        .duban(&["import", "ledger", &f, "--apply-valid-rows", "--json"])
        .ok()
        .json();
    assert_eq!(again[0]["status"], "duplicate");
    assert_eq!(again[0]["rows_applied"], 0);
    let text = s.duban(&["import", "ledger", &f]).ok().stdout;
    assert!(text.contains("重复文件"), "{text}");
}

#[test]
fn feedback_import_takes_the_party_from_the_command_line() {
    let s = Sandbox::new();
    s.duban(&["import", "ledger", &fixture("feedback_base_ledger.xlsx")])
        .ok();
    let f = fixture("feedback_no_party.xlsx");
    let run = s.duban(&["--json", "import", "feedback", &f]).failed();
    assert!(run.json()[0]["error"].as_str().unwrap().contains("--party"));
    let ok = s
        .duban(&["import", "feedback", &f, "--party", "办公厅", "--json"])
        .ok()
        .json();
    assert_eq!(ok[0]["status"], "applied");
    assert_eq!(ok[0]["party"], "办公厅");
}

#[test]
fn exported_ledger_and_templates_come_back_in() {
    let s = Sandbox::new();
    s.duban(&["import", "ledger", &fixture("feedback_base_ledger.xlsx")])
        .ok();
    let out = s.path("台账.xlsx");
    let exp = s
        .duban(&[
            "--json",
            "export",
            "ledger",
            "-o",
            out.to_str().unwrap(),
            "--today",
            "2026-11-26",
        ])
        .ok()
        .json();
    assert_eq!(exp["items"], 7);
    let only = s.path("办公厅.xlsx");
    let exp = s
        .duban(&[
            "export",
            "ledger",
            "-o",
            only.to_str().unwrap(),
            "--party",
            "办公厅",
            "--status",
            "未启动",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        exp["items"], 4,
        "FB-001/004/005/007 led by 办公厅 and not started"
    );

    let other = Sandbox::new();
    let back = other
        .duban(&["--json", "import", "ledger", out.to_str().unwrap()])
        .ok()
        .json();
    assert_eq!(
        (back[0]["status"].as_str(), back[0]["rows_applied"].as_i64()),
        (Some("applied"), Some(7))
    );

    let t = s.path("模板.xlsx");
    let one = s
        .duban(&[
            "--json",
            "template",
            "feedback",
            "--party",
            "办公厅",
            "-o",
            t.to_str().unwrap(),
        ])
        .ok()
        .json();
    assert_eq!(one[0]["items"], 5);
    assert!(t.exists());
    let dir = s.path("模板");
    let all = s
        .duban(&[
            "template",
            "feedback",
            "--all",
            "-o",
            dir.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    let files = all.as_array().unwrap();
    assert_eq!(
        files.len(),
        3,
        "办公厅, 政策法规司, 所得税司 have open items: {all}"
    );
    assert!(dir.join("落实情况反馈表-所得税司.xlsx").exists());
    let bad = s
        .duban(&[
            "template",
            "feedback",
            "--party",
            "不存在的部门",
            "-o",
            t.to_str().unwrap(),
        ])
        .failed();
    assert!(bad.stderr.contains("不存在的部门"), "{}", bad.stderr);
}

#[test]
fn org_import_adds_and_reports() {
    let s = Sandbox::new();
    let run = s
        .duban(&["org", "import", &fixture("org_openpyxl.xlsx"), "--json"])
        .ok()
        .json();
    assert_eq!(run[0]["status"], "applied");
    let list = s.duban(&["--json", "org", "list"]).ok().json();
    assert!(list["parties"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "宣传教育中心"));
    let bad = s
        .duban(&["org", "import", &fixture("org_bad_type.xlsx")])
        .failed();
    assert!(bad.stdout.contains("科室"), "{}", bad.stdout);
}

#[test]
fn unreadable_files_fail_in_chinese() {
    let s = Sandbox::new();
    let run = s
        .duban(&["import", "ledger", &fixture("not_a_sheet.xlsx")])
        .failed();
    assert!(run.stdout.contains("不是电子表格文件"), "{}", run.stdout);
    assert!(run.stderr.starts_with("错误："), "{}", run.stderr);
}

#[test]
fn a_file_of_thousands_of_bad_rows_lists_two_thousand_and_counts_them_all() {
    let s = Sandbox::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "完成时限"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=5000u32 {
        ws.write_string(r, 0, format!("事项{r}")).unwrap();
        ws.write_string(r, 1, "不存在的部门").unwrap();
        ws.write_string(r, 2, "2026-12-31").unwrap();
    }
    let file = s.path("坏台账.xlsx");
    wb.save(&file).unwrap();
    let file = file.display().to_string();

    let run = s.duban(&["--json", "import", "ledger", &file]).failed();
    let out = run.json();
    assert_eq!(out[0]["rows_rejected"].as_array().unwrap().len(), 2000);
    assert_eq!(out[0]["rows_rejected_count"], 5000);
    assert!(out[0]["error"].as_str().unwrap().contains("5000 行"));

    let text = s.duban(&["import", "ledger", &file]).failed().stdout;
    assert!(text.contains("问题 5000 行"), "{}", &text[..300]);
    assert!(
        text.contains("另有 3000 行未列出"),
        "the text says how many are not listed"
    );
    assert_eq!(
        text.matches("✗").count(),
        2001,
        "2000 rows listed and one line for the rest"
    );
}
