//! Black-box tests: duban bulletin publish / list / export, duban doc handover,
//! duban item card, and their refusals.

use crate::support::Sandbox;

fn add(s: &Sandbox, name: &str, lead: &str, deadline: &str) -> String {
    let j = s
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
    j["item_no"].as_str().expect("item_no").to_string()
}

fn document_xml(path: &std::path::Path) -> String {
    duban::docx::document_xml(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn publish_list_export_and_correct_a_month() {
    let s = Sandbox::new();
    add(&s, "逾期未办", "办公厅", "2020-01-20");

    // The month has not ended on --at: refused without --as-of, nothing written.
    let r = s
        .duban(&[
            "bulletin",
            "publish",
            "--month",
            "2020-01",
            "--at",
            "2020-01-31 10:00",
        ])
        .failed();
    assert!(
        r.stderr.contains("尚未结束") && r.stderr.contains("--as-of"),
        "{}",
        r.stderr
    );
    let list = s.duban(&["bulletin", "list", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 0);
    assert!(s
        .duban(&["bulletin", "list"])
        .ok()
        .stdout
        .contains("尚未发布"));

    let j = s
        .duban(&[
            "bulletin",
            "publish",
            "--month",
            "2020-01",
            "--at",
            "2020-02-01 09:00",
            "--json",
        ])
        .ok()
        .json();
    let id = j["publication"]["id"].as_i64().unwrap();
    assert_eq!(j["publication"]["issue"]["number"], 1);
    assert_eq!(j["issue"]["figures"]["total"]["overdue_open"], 1);

    // A second publication without --correct is refused.
    let r = s
        .duban(&[
            "bulletin",
            "publish",
            "--month",
            "2020-01",
            "--at",
            "2020-02-02 09:00",
        ])
        .failed();
    assert!(
        r.stderr.contains("不能重复发布") && r.stderr.contains("--correct"),
        "{}",
        r.stderr
    );

    let out = s.path("out");
    let e = s
        .duban(&[
            "bulletin",
            "export",
            &id.to_string(),
            "-o",
            out.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    let docx = std::path::PathBuf::from(e["docx"].as_str().unwrap());
    assert!(docx.ends_with("督办通报2020年第1期.docx"), "{docx:?}");
    assert!(out.join("督办通报2020年第1期.xlsx").exists());
    let xml = document_xml(&docx);
    assert!(
        xml.contains("逾期未办结1项") && xml.contains(">2020年第1期<"),
        "{xml}"
    );

    // More data, then a 更正: version 2, version 1 kept and listed.
    add(&s, "后补事项", "政策法规司", "2020-01-25");
    s.duban(&[
        "bulletin",
        "publish",
        "--month",
        "2020-01",
        "--correct",
        "补录事项",
        "--at",
        "2020-02-03 09:00",
    ])
    .ok();
    let list = s.duban(&["bulletin", "list", "--json"]).ok().json();
    let shape: Vec<(i64, bool, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["version"].as_i64().unwrap(),
                r["current"].as_bool().unwrap(),
                r["docx_name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (2, true, "督办通报2020年第1期（更正版2）.docx".to_string()),
            (1, false, "督办通报2020年第1期.docx".to_string())
        ]
    );
    // Version 1 exports as it was published.
    let again = s.path("again");
    s.duban(&[
        "bulletin",
        "export",
        &id.to_string(),
        "-o",
        again.to_str().unwrap(),
    ])
    .ok();
    assert_eq!(document_xml(&again.join("督办通报2020年第1期.docx")), xml);

    let r = s
        .duban(&["bulletin", "export", "999", "-o", out.to_str().unwrap()])
        .failed();
    assert!(r.stderr.contains("999"), "{}", r.stderr);
}

#[test]
fn a_bad_month_or_correction_of_nothing_is_refused_in_chinese() {
    let s = Sandbox::new();
    let r = s
        .duban(&["bulletin", "publish", "--month", "2020-13"])
        .failed();
    assert!(
        !r.stderr.is_empty() && !r.stderr.contains("panicked"),
        "{}",
        r.stderr
    );
    let r = s
        .duban(&[
            "bulletin",
            "publish",
            "--month",
            "2020-01",
            "--correct",
            "改正",
        ])
        .failed();
    assert!(r.stderr.contains("尚未发布"), "{}", r.stderr);
}

#[test]
fn handover_per_lead_department_and_an_item_card() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    // The demo's first document and item (their numbers carry the year).
    let items = s.duban(&["item", "list", "--json"]).ok().json();
    let first = &items["rows"][0];
    let doc_no = first["doc_no"].as_str().unwrap().to_string();
    let item_no = first["item_no"].as_str().unwrap().to_string();
    let out = s.path("handover");
    let files = s
        .duban(&[
            "doc",
            "handover",
            &doc_no,
            "-o",
            out.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    let files = files.as_array().unwrap();
    assert!(files.len() >= 2, "{files:?}");
    for f in files {
        let xml = document_xml(std::path::Path::new(f["path"].as_str().unwrap()));
        assert!(xml.contains("督办事项交办单"));
        assert!(xml.contains(f["lead"].as_str().unwrap()));
    }
    let card = s.path("卡.docx");
    s.duban(&["item", "card", &item_no, "-o", card.to_str().unwrap()])
        .ok();
    assert!(document_xml(&card).contains("督办事项卡"));
    let r = s
        .duban(&[
            "doc",
            "handover",
            "收〔2099〕9号",
            "-o",
            out.to_str().unwrap(),
        ])
        .failed();
    assert!(r.stderr.contains("找不到收文编号"), "{}", r.stderr);
    let r = s
        .duban(&["item", "card", "DB2099-9999", "-o", card.to_str().unwrap()])
        .failed();
    assert!(r.stderr.contains("找不到事项编号"), "{}", r.stderr);
}
