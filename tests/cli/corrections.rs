//! Black-box tests of corrections (issue 13): `duban item edit`, `duban doc
//! edit`, `duban void …`, `duban attachment open|add`, `--attach`.

use crate::import::fixture;
use crate::support::Sandbox;

fn add_item(s: &Sandbox, name: &str, lead: &str, deadline: &str) -> String {
    let out = s
        .duban(&[
            "--json",
            "item",
            "add",
            "--name",
            name,
            "--lead",
            lead,
            "--deadline",
            deadline,
        ])
        .ok()
        .json();
    out["item_no"].as_str().unwrap().to_string()
}

fn list_total(s: &Sandbox, args: &[&str]) -> i64 {
    let mut all = vec!["--json", "item", "list"];
    all.extend_from_slice(args);
    s.duban(&all).ok().json()["total"].as_i64().unwrap()
}

#[test]
fn a_corrected_lead_moves_the_item_in_the_ledger_and_is_on_its_timeline() {
    let s = Sandbox::new();
    let no = add_item(&s, "清理欠税", "货物和劳务税司", "2030-12-31");
    assert_eq!(list_total(&s, &["--party", "所得税司"]), 0);
    let run = s
        .duban(&[
            "item",
            "edit",
            &no,
            "--lead",
            "所得税司",
            "--due",
            "2030-11-30",
            "--reason",
            "分解时填错",
        ])
        .ok();
    assert!(run.stdout.contains("已修改事项"), "{}", run.stdout);
    assert_eq!(list_total(&s, &["--party", "所得税司"]), 1);
    assert_eq!(list_total(&s, &["--party", "货物和劳务税司"]), 0);
    let text = s
        .duban(&["item", "list", "--party", "所得税司"])
        .ok()
        .stdout;
    assert!(
        text.contains("所得税司") && text.contains("2030-11-30"),
        "{text}"
    );
    let show = s.duban(&["--json", "item", "show", &no]).ok().json();
    let last = show["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "修改完成时限（更正）");
    assert_eq!(last["before"]["牵头部门"], "货物和劳务税司");
    assert_eq!(last["after"]["牵头部门"], "所得税司");
    assert_eq!(last["after"]["完成时限"], "2030-11-30");
}

#[test]
fn bad_edits_and_voids_are_refused_in_chinese() {
    let s = Sandbox::new();
    let no = add_item(&s, "清理欠税", "货物和劳务税司", "2030-12-31");
    let closed = add_item(&s, "已撤销事项", "货物和劳务税司", "2030-12-31");
    s.duban(&["item", "withdraw", &closed, "--reason", "不再需要"])
        .ok();
    s.duban(&["item", "progress", &no, "--text", "已部署"]).ok();
    let pid = s.duban(&["--json", "item", "show", &no]).ok().json()["progress"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    s.duban(&["void", "progress", &pid, "--reason", "录错"])
        .ok();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "item",
                "edit",
                &closed,
                "--due",
                "2031-01-31",
                "--reason",
                "更正",
            ],
            "先重新打开",
        ),
        (
            vec![
                "item",
                "edit",
                &no,
                "--lead",
                "不存在司",
                "--reason",
                "更正",
            ],
            "不在组织机构中",
        ),
        (
            vec![
                "item",
                "edit",
                &no,
                "--coop",
                "无此部门",
                "--leader",
                "王局长",
                "--reason",
                "更正",
            ],
            "配合部门“无此部门”",
        ),
        (
            vec!["item", "edit", &no, "--lead", "所得税司", "--reason", " "],
            "必须填写原因",
        ),
        (
            vec!["void", "progress", &pid, "--reason", "再来"],
            "不能重复作废",
        ),
        (
            vec!["void", "chase", "999", "--reason", "x"],
            "找不到编号为 999 的催办记录",
        ),
        (vec!["void", "import", "1", "--reason", ""], "必须填写原因"),
        (
            vec!["doc", "edit", "收〔2026〕99号", "--title", "x"],
            "找不到收文编号",
        ),
    ];
    for (args, words) in cases {
        let run = s.duban(&args).failed();
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    }
    let row = &s.duban(&["--json", "item", "list"]).ok().json()["rows"];
    let lead: Vec<&str> = row
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["lead"].as_str().unwrap())
        .collect();
    assert_eq!(
        lead,
        ["货物和劳务税司", "货物和劳务税司"],
        "nothing written"
    );
}

#[test]
fn a_voided_progress_entry_leaves_the_ledger_counts() {
    let s = Sandbox::new();
    let no = add_item(&s, "清理欠税", "货物和劳务税司", "2030-12-31");
    s.duban(&["item", "progress", &no, "--text", "录到别的事项上的进展"])
        .ok();
    let rows = s.duban(&["--json", "item", "list"]).ok().json();
    assert_eq!(rows["rows"][0]["progress_count"], 1);
    let show = s.duban(&["--json", "item", "show", &no]).ok().json();
    let pid = show["progress"][0]["id"].as_i64().unwrap().to_string();
    assert!(show["progress"][0]["voided"].is_null());
    s.duban(&["void", "progress", &pid, "--reason", "录错事项"])
        .ok();
    let rows = s.duban(&["--json", "item", "list"]).ok().json();
    assert_eq!(rows["rows"][0]["progress_count"], 0);
    assert_eq!(rows["rows"][0]["status"], "not_started");
    let show = s.duban(&["--json", "item", "show", &no]).ok().json();
    assert_eq!(
        show["progress"][0]["voided"]["reason"], "录错事项",
        "still shown, marked"
    );
}

#[test]
fn a_voided_import_takes_its_rows_out_of_the_ledger() {
    let s = Sandbox::new();
    let out = s
        .duban(&[
            "--json",
            "import",
            "ledger",
            &fixture("feedback_base_ledger.xlsx"),
        ])
        .ok()
        .json();
    let id = out[0]["import_id"].as_i64().unwrap().to_string();
    let n = list_total(&s, &[]);
    assert!(n > 0);
    let run = s
        .duban(&["void", "import", &id, "--reason", "导错了文件"])
        .ok();
    assert!(
        run.stdout.contains(&format!("事项 {n} 项")),
        "{}",
        run.stdout
    );
    assert_eq!(list_total(&s, &[]), 0);
    let history = s.duban(&["import", "history"]).ok().stdout;
    assert!(history.contains("已作废（导错了文件）"), "{history}");
    assert!(
        history.contains("\t督办事项台账\t"),
        "the kind in Chinese: {history}"
    );
    // The voided items keep their numbers: the same sheet is refused, saying why.
    let again = s
        .duban(&["import", "ledger", &fixture("feedback_base_ledger.xlsx")])
        .failed();
    assert!(again.stdout.contains("已作废的事项"), "{}", again.stdout);
    assert_eq!(list_total(&s, &[]), 0);
}

#[test]
fn evidence_is_attached_and_copied_out_under_its_original_name() {
    let s = Sandbox::new();
    let no = add_item(&s, "清理欠税", "货物和劳务税司", "2030-12-31");
    let scan = s.path("会议纪要.pdf");
    std::fs::write(&scan, b"%PDF-1.4 minutes").unwrap();
    s.duban(&[
        "item",
        "progress",
        &no,
        "--text",
        "已召开推进会",
        "--attach",
        scan.to_str().unwrap(),
    ])
    .ok();
    let show = s.duban(&["--json", "item", "show", &no]).ok().json();
    let evidence = &show["progress"][0]["evidence"];
    assert_eq!(evidence[0]["file_name"], "会议纪要.pdf");
    let id = evidence[0]["id"].as_i64().unwrap().to_string();
    let to = s.path("打开");
    let first = s
        .duban(&["attachment", "open", &id, "--to", to.to_str().unwrap()])
        .ok()
        .stdout;
    let second = s
        .duban(&["attachment", "open", &id, "--to", to.to_str().unwrap()])
        .ok()
        .stdout;
    assert_eq!(first.trim(), to.join("会议纪要.pdf").display().to_string());
    assert_eq!(
        second.trim(),
        to.join("会议纪要（2）.pdf").display().to_string()
    );
    assert_eq!(std::fs::read(second.trim()).unwrap(), b"%PDF-1.4 minutes");
    let pid = show["progress"][0]["id"].as_i64().unwrap().to_string();
    let photo = s.path("现场照片.jpg");
    std::fs::write(&photo, b"jpeg").unwrap();
    s.duban(&[
        "attachment",
        "add",
        "progress",
        &pid,
        photo.to_str().unwrap(),
    ])
    .ok();
    let show = s.duban(&["--json", "item", "show", &no]).ok().json();
    assert_eq!(show["progress"][0]["evidence"].as_array().unwrap().len(), 2);
    let report = s.path("办结报告.docx");
    std::fs::write(&report, b"docx").unwrap();
    s.duban(&[
        "item",
        "complete",
        &no,
        "--text",
        "已办结",
        "--attach",
        report.to_str().unwrap(),
    ])
    .ok();
    let show = s.duban(&["--json", "item", "show", &no]).ok().json();
    assert_eq!(
        show["completion_reports"][0]["evidence"][0]["file_name"],
        "办结报告.docx"
    );
}

#[test]
fn a_document_is_corrected_from_the_command_line() {
    let s = Sandbox::new();
    let r = s
        .duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            "关于开展督查的通知",
            "--category",
            "重要文件要求",
            "--received",
            "2026-01-05",
        ])
        .ok()
        .json();
    let no = r["doc_no"].as_str().unwrap().to_string();
    s.duban(&[
        "doc",
        "edit",
        &no,
        "--title",
        "关于开展专项督查的通知",
        "--urgency",
        "特急",
        "--reason",
        "登记时看错",
    ])
    .ok();
    let d = s.duban(&["--json", "doc", "show", &no]).ok().json();
    assert_eq!(d["row"]["title"], "关于开展专项督查的通知");
    assert_eq!(d["row"]["urgency"], "特急");
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "修改收文");
    assert_eq!(last["before"]["文件标题"], "关于开展督查的通知");
}

#[test]
fn a_document_registered_by_mistake_is_voided_and_leaves_the_unsplit_list() {
    let s = Sandbox::new();
    let doc = s
        .duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            "重复登记的通知",
            "--category",
            "重要文件要求",
            "--urgency",
            "特急",
            "--received",
            "2026-11-20",
        ])
        .ok()
        .json();
    let no = doc["doc_no"].as_str().unwrap().to_string();
    let unsplit = |s: &Sandbox| {
        s.duban(&["--json", "doc", "list", "--unsplit"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(unsplit(&s), 1);
    let r = s.duban(&["doc", "void", &no, "--reason", " "]).failed();
    assert!(r.stderr.contains("必须填写原因"), "{}", r.stderr);
    let r = s
        .duban(&["doc", "void", &no, "--reason", "与收〔2026〕2号重复"])
        .ok();
    assert!(r.stdout.contains(&format!("已作废 {no}")), "{}", r.stdout);
    assert_eq!(unsplit(&s), 0);
    let list = s.duban(&["doc", "list"]).ok().stdout;
    assert!(list.contains("已作废"), "{list}");
    let shown = s.duban(&["doc", "show", &no]).ok().stdout;
    assert!(shown.contains("已作废：与收〔2026〕2号重复"), "{shown}");
    let r = s
        .duban(&["doc", "instruct", &no, "--leader", "王建国", "--circle"])
        .failed();
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("已作废"), "{}", r.stderr);
}
