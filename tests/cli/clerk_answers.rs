//! What a clerk reads back for a handful of everyday moves, each found by a
//! review: a due date resting on a year without a holiday schedule says 暂定;
//! an extension asked before the item became 长期 stays unapprovable after it
//! is dated again; the 工作台 text gives the reminders' total first; milestone
//! ids in `item show`; a missing file and a missing value said in Chinese.

use crate::support::Sandbox;

fn text_of(r: &crate::support::Run) -> String {
    format!("{}{}", r.stdout, r.stderr)
}

#[test]
fn a_round_due_in_a_year_without_a_schedule_is_provisional() {
    let s = Sandbox::new();
    let doc = s
        .duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            "年末出台的措施",
            "--category",
            "税务总局重大决策部署",
            "--received",
            "2026-12-01",
        ])
        .ok()
        .json();
    let doc_no = doc["doc_no"].as_str().unwrap();
    let p = s
        .duban(&["--json", "round", "propose", "--policy", doc_no])
        .ok()
        .json();
    assert_eq!(p[0]["round"]["due"], "2027-01-01");
    assert_eq!(p[0]["provisional"], true, "{p}");
    assert!(
        p[0]["explanation"].as_str().unwrap().contains("暂定"),
        "{p}"
    );
    let made = s
        .duban(&[
            "round", "propose", "--policy", doc_no, "--create", "--units", "北京",
        ])
        .ok();
    assert!(
        made.stderr.contains("截止日期 2027-01-01 为暂定"),
        "{}",
        made.stderr
    );
}

#[test]
fn an_extension_asked_before_the_item_became_standing_is_not_approved_later() {
    let s = Sandbox::new();
    let item = s
        .duban(&[
            "--json",
            "item",
            "add",
            "--name",
            "长期核查",
            "--lead",
            "办公厅",
            "--deadline",
            "2099-12-10",
        ])
        .ok()
        .json();
    let no = item["item_no"].as_str().unwrap();
    s.duban(&[
        "extension",
        "request",
        no,
        "--to",
        "2100-01-31",
        "--reason",
        "理由",
        "--progress",
        "进展",
    ])
    .ok();
    s.duban(&[
        "item",
        "edit",
        no,
        "--standing",
        "是",
        "--reason",
        "改为长期",
    ])
    .ok();
    s.duban(&[
        "item",
        "edit",
        no,
        "--standing",
        "否",
        "--due",
        "2099-12-08",
        "--reason",
        "改回定期",
    ])
    .ok();
    let r = s.duban(&["extension", "approve", "1"]).failed();
    assert!(
        text_of(&r).contains("改为长期事项，该申请不再适用"),
        "{}",
        text_of(&r)
    );
    let shown = s.duban(&["--json", "item", "show", no]).ok().json();
    assert_eq!(shown["row"]["effective_deadline"], "2099-12-08", "{shown}");
    let ext = &shown["extensions"][0];
    assert_eq!(
        ext["superseded_on"], ext["requested_on"],
        "made 长期 the same day: {ext}"
    );
    // It can still be closed: rejected with a reason.
    s.duban(&["extension", "reject", "1", "--comment", "已改为长期"])
        .ok();
}

#[test]
fn the_dashboard_gives_the_reminders_total_before_a_cut_list() {
    let s = Sandbox::new();
    let ledger = s.path("逾期.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "完成时限"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    for r in 1..=102u32 {
        ws.write(r, 0, format!("逾期事项{r}")).unwrap();
        ws.write(r, 1, "办公厅").unwrap();
        ws.write(r, 2, "2026-11-20").unwrap();
    }
    wb.save(&ledger).unwrap();
    s.duban(&["import", "ledger", ledger.to_str().unwrap()])
        .ok();
    let j = s
        .duban(&["--json", "dashboard", "--at", "2026-12-04 05:00"])
        .ok()
        .json();
    let total = j["reminders_total"].as_u64().unwrap();
    assert!(total > 100, "{total}");
    let text = s
        .duban(&["dashboard", "--at", "2026-12-04 05:00"])
        .ok()
        .stdout;
    assert!(
        text.contains(&format!("共 {total} 条提醒，每类列出前 100 条")),
        "{text}"
    );
}

#[test]
fn milestone_ids_a_missing_file_and_a_missing_value_are_said() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    let shown = s
        .duban(&["--json", "item", "show", "DB2026-0004"])
        .ok()
        .json();
    let id = shown["milestones"][0]["id"]
        .as_i64()
        .expect("the demo item has a milestone");
    let text = s.duban(&["item", "show", "DB2026-0004"]).ok().stdout;
    assert!(text.contains(&format!("#{id} ")), "{text}");

    let r = s
        .duban(&[
            "workdays",
            "load",
            s.path("没有这个文件.csv").to_str().unwrap(),
        ])
        .failed();
    assert!(r.stderr.contains("文件或文件夹不存在"), "{}", r.stderr);
    assert!(!r.stderr.contains("No such file"), "{}", r.stderr);

    let r = s.duban(&["reminders", "--at"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--at") && r.stderr.contains("缺少要填的值"),
        "{}",
        r.stderr
    );
}

/// An item split from a document carries its 来源类别 and 来文文号 (the
/// ledger's columns and its 来源 filter read them) and is not due before the
/// document came; an unknown 来源类别 is answered with the list to choose from.
#[test]
fn an_item_split_from_a_document_takes_its_source() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    let doc = s
        .duban(&["--json", "doc", "show", "收〔2026〕3号"])
        .ok()
        .json();
    let item = s
        .duban(&[
            "--json",
            "item",
            "add",
            "--name",
            "分解事项",
            "--lead",
            "办公厅",
            "--deadline",
            "2099-12-08",
            "--doc",
            "收〔2026〕3号",
        ])
        .ok()
        .json();
    let no = item["item_no"].as_str().unwrap();
    let shown = s.duban(&["--json", "item", "show", no]).ok().json();
    assert_eq!(
        shown["row"]["source_category"], doc["row"]["source_category"],
        "{shown}"
    );
    assert_eq!(
        shown["row"]["source_doc_no"], doc["row"]["source_doc_no"],
        "{shown}"
    );

    let r = s
        .duban(&[
            "item",
            "add",
            "--name",
            "收文前到期",
            "--lead",
            "办公厅",
            "--deadline",
            "2020-01-01",
            "--doc",
            "收〔2026〕3号",
        ])
        .failed();
    assert!(
        r.stderr.contains("早于所属收文 收〔2026〕3号 的收文日期"),
        "{}",
        r.stderr
    );

    // What is recorded on a document comes after it arrived.
    let received = doc["row"]["received_on"].as_str().unwrap().to_string();
    let before = s.duban(&["--json", "verify"]).ok().json();
    for args in [
        vec![
            "doc",
            "instruct",
            "收〔2026〕3号",
            "--leader",
            "王建国",
            "--text",
            "早",
            "--date",
            "2020-01-01",
        ],
        vec![
            "chase",
            "add",
            "--doc",
            "收〔2026〕3号",
            "--channel",
            "电话",
            "--on",
            "2020-01-01",
        ],
    ] {
        let r = s.duban(&args).failed();
        assert!(
            r.stderr.contains(&format!(
                "2020-01-01 早于收〔2026〕3号的收文日期 {received}"
            )),
            "{}",
            r.stderr
        );
    }
    assert_eq!(
        s.duban(&["--json", "verify"]).ok().json(),
        before,
        "nothing written"
    );

    let r = s
        .duban(&["doc", "add", "--title", "x", "--category", "随便"])
        .failed();
    assert!(
        r.stderr.contains("请填写其中之一：") && r.stderr.contains("党中央国务院重大决策部署"),
        "{}",
        r.stderr
    );
}
