//! `duban export documents|instructions|extensions|countersigns|relay|round|org|audit`:
//! every list through the one exporter, read back with calamine — the title
//! with the office's name, the header, numbers as numbers, dates as dates —
//! and the filters and refusals.

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};

use crate::support::Sandbox;

/// The first sheet (or `sheet`) of `file` as rows of cells.
fn read(path: &std::path::Path, sheet: Option<&str>) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let name = sheet
        .map(str::to_string)
        .unwrap_or_else(|| wb.sheet_names()[0].clone());
    let range = wb.worksheet_range(&name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The column of `header` in the header row (row 3).
fn col(rows: &[Vec<Data>], header: &str) -> usize {
    rows[2]
        .iter()
        .position(|c| text(c) == header)
        .unwrap_or_else(|| panic!("no column {header} in {:?}", rows[2]))
}

fn is_date(c: &Data, ymd: &str) -> bool {
    matches!(c, Data::DateTime(_)) && c.as_date().map(|d| d.to_string()).as_deref() == Some(ymd)
}

/// A demo database with one of everything the lists show.
fn sandbox() -> Sandbox {
    let s = Sandbox::new();
    s.duban(&["demo"]).ok();
    s.duban(&[
        "doc",
        "instruct",
        "收〔2026〕2号",
        "--leader",
        "李明华",
        "--date",
        "2026-11-02",
        "--text",
        "请各部门抓紧落实，按期报送",
    ])
    .ok();
    let items = s.duban(&["--json", "item", "list"]).ok().json();
    let item = items["rows"][0]["item_no"]
        .as_str()
        .or_else(|| items[0]["item_no"].as_str())
        .expect("an item number")
        .to_string();
    s.duban(&[
        "extension",
        "request",
        &item,
        "--to",
        "2027-01-29",
        "--reason",
        "涉及多个部门，需进一步协调",
        "--progress",
        "已完成初稿",
        "--on",
        "2026-11-10",
    ])
    .ok();
    s.duban(&[
        "countersign",
        "send",
        "--title",
        "关于修订督查督办工作办法的征求意见稿",
        "--days",
        "5",
        "--to",
        "政策法规司、所得税司",
        "--on",
        "2026-11-02",
    ])
    .ok();
    s.duban(&[
        "countersign",
        "reply",
        "1",
        "--party",
        "政策法规司",
        "--opinion",
        "同意",
        "--on",
        "2026-11-03",
    ])
    .ok();
    s.duban(&[
        "relay",
        "plan",
        "收〔2026〕2号",
        "--parties",
        "政策法规司、所得税司",
        "--due",
        "2026-11-10",
    ])
    .ok();
    s.duban(&[
        "relay",
        "report",
        "收〔2026〕2号",
        "--party",
        "政策法规司",
        "--form",
        "会议",
        "--measures",
        "召开党委会专题传达学习",
        "--on",
        "2026-11-05",
    ])
    .ok();
    s
}

#[test]
fn every_list_exports_and_reads_back_typed() {
    let s = sandbox();
    let round = s
        .duban(&[
            "--json",
            "round",
            "create",
            "--title",
            "11月落实进展",
            "--due",
            "2026-11-20",
        ])
        .ok()
        .json();
    let round_id = round["id"]
        .as_i64()
        .or_else(|| round["round"]["id"].as_i64())
        .unwrap_or_else(|| panic!("round id in {round}"))
        .to_string();
    // (args, title, a header, rows expected at least)
    let cases: Vec<(Vec<&str>, &str, &str, usize)> = vec![
        (vec!["documents"], "收文登记簿", "收文编号", 3),
        (vec!["instructions"], "领导批示件办理情况", "事项编号", 1),
        (vec!["extensions"], "延期申请登记表", "申请延至", 1),
        (
            vec!["countersigns"],
            "会签（征求意见）情况表",
            "征询部门",
            2,
        ),
        (vec!["relay"], "重点文件传达学习情况表", "传达形式", 2),
        (
            vec!["round", &round_id],
            "“11月落实进展”报送情况",
            "状态",
            1,
        ),
        (vec!["org"], "组织机构", "简称/别名", 10),
        (vec!["audit"], "操作记录（审计日志）", "修改后", 5),
    ];
    for (args, title, header, at_least) in cases {
        let out = s.path(&format!("{}.xlsx", args[0]));
        let mut full = vec!["--json", "export"];
        full.extend(&args);
        full.extend(["-o", out.to_str().unwrap(), "--today", "2026-11-26"]);
        let json = s.duban(&full).ok().json();
        let rows = read(&out, None);
        assert_eq!(
            text(&rows[0][0]),
            format!("督查督办室{title}"),
            "{args:?}: title"
        );
        assert!(
            text(&rows[1][0]).contains("统计日期：2026-11-26"),
            "{args:?}"
        );
        col(&rows, header);
        let data = rows.len() - 3;
        assert!(data >= at_least, "{args:?}: {data} rows");
        assert!(json["rows"].as_u64().unwrap() as usize >= data, "{json}");
        // 序号 (where there is one) is a number.
        if text(&rows[2][0]) == "序号" {
            assert!(matches!(rows[3][0], Data::Float(f) if f == 1.0), "{args:?}");
        }
    }

    // Dates are dates, numbers are numbers, in the cells that hold them.
    let rows = read(&s.path("extensions.xlsx"), None);
    assert!(is_date(&rows[3][col(&rows, "申请日期")], "2026-11-10"));
    assert!(is_date(&rows[3][col(&rows, "申请延至")], "2027-01-29"));
    assert_eq!(text(&rows[3][col(&rows, "审批结果")]), "待审批");
    let rows = read(&s.path("countersigns.xlsx"), None);
    let days = col(&rows, "答复时限（工作日）");
    assert!(matches!(rows[3][days], Data::Float(f) if f == 5.0));
    let states: Vec<String> = rows[3..]
        .iter()
        .map(|r| text(&r[col(&rows, "状态")]))
        .collect();
    assert_eq!(states, ["已答复", "逾期未复"]);
    let rows = read(&s.path("relay.xlsx"), None);
    assert!(is_date(&rows[3][col(&rows, "报送日期")], "2026-11-05"));
    let rows = read(&s.path("instructions.xlsx"), None);
    assert_eq!(text(&rows[3][0]), "李明华");
    assert!(is_date(&rows[3][1], "2026-11-02"));
    let rows = read(&s.path("audit.xlsx"), None);
    assert!(matches!(rows[3][col(&rows, "操作时间")], Data::DateTime(_)));
    // 修改后 reads as Chinese fields, not the log's JSON: the item registered
    // (English keys in the log) and the extension requested.
    let after: Vec<String> = rows[3..]
        .iter()
        .map(|r| text(&r[col(&rows, "修改后")]))
        .collect();
    assert!(
        after
            .iter()
            .any(|t| t.contains("牵头部门：") && t.contains("完成时限：")),
        "{after:?}"
    );
    assert!(
        after.iter().any(|t| t.contains("新完成时限：2027-01-29")),
        "{after:?}"
    );
    assert!(
        !after
            .iter()
            .any(|t| t.contains('{') || t.contains("\"lead\"")),
        "{after:?}"
    );
    let mut wb: Xlsx<_> = open_workbook(s.path("org.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["组织机构", "局领导", "人员名单"]);
    let leaders = wb.worksheet_range("局领导").unwrap();
    assert!(leaders.rows().skip(3).any(|r| text(&r[1]) == "李明华"));
}

#[test]
fn filters_narrow_the_lists() {
    let s = sandbox();
    let count = |args: &[&str]| -> usize {
        let out = s.path("f.xlsx");
        let mut full = vec!["--json", "export"];
        full.extend(args);
        full.extend(["-o", out.to_str().unwrap(), "--today", "2026-11-26"]);
        let n = s.duban(&full).ok().json()["rows"].as_u64().unwrap() as usize;
        assert_eq!(read(&out, None).len() - 3, n, "{args:?}");
        n
    };
    assert_eq!(count(&["countersigns"]), 2);
    assert_eq!(count(&["countersigns", "--open"]), 1);
    assert_eq!(count(&["countersigns", "--party", "法规司"]), 1);
    assert_eq!(count(&["countersigns", "--from", "2026-11-03"]), 0);
    assert_eq!(count(&["relay", "--open"]), 1);
    assert_eq!(count(&["instructions", "--leader", "没有这个人"]), 0);
    assert!(count(&["instructions", "--leader", "李明华"]) >= 1);
    assert_eq!(count(&["extensions", "--status", "已批准"]), 0);
    assert_eq!(count(&["extensions", "--status", "待审批"]), 1);
    assert_eq!(count(&["documents", "--urgency", "加急"]), 1);
    assert_eq!(count(&["documents", "--from", "2030-01-01"]), 0);
    assert_eq!(
        count(&["audit", "--from", "2000-01-01", "--to", "2000-12-31"]),
        0
    );
}

#[test]
fn bad_filters_are_refused_in_chinese_and_write_nothing() {
    let s = sandbox();
    let out = s.path("bad.xlsx");
    let o = out.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["export", "countersigns", "--party", "不存在司", "-o", o],
            "不存在司",
        ),
        (
            &["export", "documents", "--urgency", "很急", "-o", o],
            "紧急程度",
        ),
        (
            &["export", "extensions", "--status", "搁置", "-o", o],
            "审批状态",
        ),
        (
            &[
                "export",
                "audit",
                "--from",
                "2026-12-01",
                "--to",
                "2026-11-01",
                "-o",
                o,
            ],
            "晚于",
        ),
        (&["export", "round", "999", "-o", o], "报送任务"),
    ];
    for (args, says) in cases {
        let r = s.duban(args).failed();
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(!out.exists(), "{args:?} wrote a file");
    }
}
