//! What the command line shows and refuses for the clerk: `doc show` and
//! `item show` in Chinese lines, a document's items with `item list --doc`, 是/否 options,
//! and option pairs that cannot go together.

use crate::support::Sandbox;

#[test]
fn a_document_is_shown_in_chinese_and_its_items_listed() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    let docs = s.duban(&["--json", "doc", "list"]).ok().json();
    let split = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["item_count"].as_i64().unwrap_or(0) > 0)
        .expect("the samples split a document");
    let doc_no = split["doc_no"].as_str().unwrap();
    let shown = s.duban(&["doc", "show", doc_no]).ok().stdout;
    assert!(
        shown.starts_with(doc_no) && shown.contains("收文日期：") && shown.contains("分解事项："),
        "{shown}"
    );
    assert!(!shown.trim_start().starts_with('{'), "not JSON: {shown}");
    let items = s
        .duban(&["--json", "item", "list", "--doc", doc_no])
        .ok()
        .json();
    assert_eq!(items["total"].as_i64(), split["item_count"].as_i64());
    assert!(items["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["doc_no"] == doc_no));
}

#[test]
fn an_item_is_shown_in_chinese_with_its_progress_and_chases() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    let items = s.duban(&["--json", "item", "list"]).ok().json();
    let row = items["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["progress_count"].as_i64().unwrap_or(0) > 0 && r["status"] != "done")
        .expect("the samples record progress on an open item");
    let no = row["item_no"].as_str().unwrap();
    let chase = s
        .duban(&[
            "--json",
            "chase",
            "add",
            "--item",
            no,
            "--channel",
            "电话",
            "--to",
            "张科长",
            "--note",
            "请本周内报送进展",
        ])
        .ok()
        .json();

    let shown = s.duban(&["item", "show", no]).ok().stdout;
    assert!(shown.starts_with(no), "{shown}");
    assert!(!shown.trim_start().starts_with('{'), "not JSON: {shown}");
    for part in [
        "牵头：",
        "完成时限：",
        "办理进展（",
        "催办（1）：",
        "张科长 请本周内报送进展",
    ] {
        assert!(shown.contains(part), "{part}: {shown}");
    }
    let json = s.duban(&["--json", "item", "show", no]).ok().json();
    assert_eq!(
        json["row"]["item_no"], no,
        "the detail's fields stay where they were"
    );
    assert_eq!(json["chases"][0]["id"], chase["id"], "{json}");
    assert_eq!(json["chases"][0]["to_whom"], "张科长");

    s.duban(&[
        "void",
        "chase",
        &chase["id"].to_string(),
        "--reason",
        "登记错了",
    ])
    .ok();
    let shown = s.duban(&["item", "show", no]).ok().stdout;
    assert!(shown.contains("[已作废：登记错了]"), "{shown}");
}

#[test]
fn yes_no_options_take_chinese_words_and_exclusive_options_are_refused() {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    let items = s.duban(&["--json", "item", "list"]).ok().json();
    let no = items["rows"][0]["item_no"].as_str().unwrap().to_string();
    s.duban(&[
        "item",
        "edit",
        &no,
        "--tracked",
        "是",
        "--reason",
        "列入跟踪",
    ])
    .ok();
    let row = s.duban(&["--json", "item", "show", &no]).ok().json();
    assert_eq!(row["row"]["tracked"], true, "{row}");
    let r = s.duban(&["item", "edit", &no, "--tracked", "也许", "--reason", "x"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("请填写 是 或 否"), "{}", r.stderr);

    for args in [
        &[
            "item",
            "add",
            "--name",
            "某事",
            "--lead",
            "办公厅",
            "--deadline",
            "2026-12-31",
            "--standing",
        ][..],
        &[
            "doc",
            "instruct",
            "收〔2026〕1号",
            "--leader",
            "王建国",
            "--circle",
            "--text",
            "请阅",
        ][..],
    ] {
        let r = s.duban(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_result_that_cannot_be_written_is_an_error() {
    let s = Sandbox::new();
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full on this system
    };
    let out =
        crate::support::duban_command(&s.db(), &["--json", "workdays", "add", "2026-09-30", "3"])
            .stdout(full)
            .output()
            .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("无法写到标准输出") && stderr.contains("磁盘空间已满"),
        "{stderr}"
    );
}
