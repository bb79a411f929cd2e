//! Returned 整改情况反馈表 that are refused in whole or in part: an unknown
//! unit, another unit's item, a row with nothing written, another kind of
//! sheet.

use rust_xlsxwriter::Workbook;

use super::rectification::{json, set_up, write_returned};
use crate::support::Sandbox;

/// A problem from a source other than an inspection, found 2026-03-05 and
/// due 2026-04-30.
fn finding(s: &Sandbox, source: &str, reference: &str, unit: &str, desc: &str) {
    s.duban(&[
        "finding",
        "add",
        "--source",
        source,
        "--ref",
        reference,
        "--unit",
        unit,
        "--desc",
        desc,
        "--deadline",
        "2026-04-30",
        "--found",
        "2026-03-05",
        "--at",
        "2026-03-06",
    ])
    .ok();
}

#[test]
fn returned_sheets_from_an_unknown_unit_or_for_another_units_item_are_refused() {
    let s = set_up();
    finding(&s, "审计", "审计报告1号", "北京", "甲问题");
    finding(&s, "巡视", "巡视反馈", "天津", "乙问题");
    // Neither an inspection nor a source: refused by the command line, not
    // filed under a source the clerk did not name.
    let r = s.duban(&[
        "finding",
        "add",
        "--ref",
        "巡视反馈",
        "--unit",
        "河北",
        "--desc",
        "丙问题",
        "--deadline",
        "2026-04-30",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--source"), "{}", r.stderr);

    let unknown = s.path("未知.xlsx");
    write_returned(
        &unknown,
        "火星市税务局",
        &[("ZG2026-001".into(), "甲问题".into(), "整改中")],
    );
    let r = s
        .duban(&[
            "--json",
            "import",
            "rectification",
            unknown.to_str().unwrap(),
        ])
        .failed();
    let j = r.json();
    assert_eq!(j[0]["status"], "rejected");
    assert!(
        j[0]["error"]
            .as_str()
            .unwrap()
            .contains("“火星市税务局”不在组织机构中"),
        "{j}"
    );

    let other = s.path("他人.xlsx");
    write_returned(
        &other,
        "北京市税务局",
        &[
            ("ZG2026-001".into(), "甲问题".into(), "整改中"),
            ("ZG2026-002".into(), "乙问题".into(), "整改中"),
        ],
    );
    let r = s
        .duban(&["--json", "import", "rectification", other.to_str().unwrap()])
        .failed();
    let j = r.json();
    assert_eq!(j[0]["status"], "rejected");
    let reason = j[0]["rows_rejected"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("ZG2026-002") && reason.contains("属于天津市税务局"),
        "{reason}"
    );
    assert_eq!(j[0]["rows_rejected"][0]["row"], 5);
    let shown = json(s.duban(&["--json", "rectification", "show", "ZG2026-001"]));
    assert_eq!(
        shown["progress"].as_array().unwrap().len(),
        0,
        "a rejected file writes nothing"
    );

    let partial = json(s.duban(&[
        "--json",
        "import",
        "rectification",
        "--apply-valid-rows",
        other.to_str().unwrap(),
    ]));
    assert_eq!(
        (
            partial[0]["status"].as_str(),
            partial[0]["rows_applied"].as_i64()
        ),
        (Some("partial"), Some(1))
    );
}

#[test]
fn a_row_with_only_its_accountability_is_taken_and_a_feedback_sheet_is_named() {
    let s = set_up();
    finding(&s, "审计", "审计报告1号", "天津", "甲问题");
    // 整改中 with only 责任追究情况 written is something written; with nothing
    // at all it is refused, naming the row and the column.
    let sheet = s.path("天津.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "填报单位：天津市税务局").unwrap();
    for (c, h) in ["整改编号", "整改进展", "整改状态", "责任追究情况"]
        .iter()
        .enumerate()
    {
        ws.write(1, c as u16, *h).unwrap();
    }
    for (r, account) in [(2, "已对相关责任人提醒谈话"), (3, "")] {
        ws.write(r, 0, "ZG2026-001").unwrap();
        ws.write(r, 2, "整改中").unwrap();
        ws.write(r, 3, account).unwrap();
    }
    wb.save(&sheet).unwrap();
    let r = s
        .duban(&[
            "--json",
            "import",
            "rectification",
            "--dry-run",
            sheet.to_str().unwrap(),
        ])
        .failed();
    let j = r.json();
    let rejected = j[0]["rows_rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{j}");
    assert_eq!(rejected[0]["row"], 4, "{j}");
    let reason = rejected[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("整改进展") && reason.contains("为空"),
        "{reason}"
    );

    // A 落实情况反馈表 brought here is named, with where it goes.
    let feedback = s.path("反馈.xlsx");
    s.duban(&[
        "template",
        "feedback",
        "--party",
        "征管和科技发展司",
        "-o",
        feedback.to_str().unwrap(),
    ])
    .ok();
    let r = s
        .duban(&[
            "--json",
            "import",
            "rectification",
            feedback.to_str().unwrap(),
        ])
        .failed();
    let error = r.json()[0]["error"].as_str().unwrap().to_string();
    assert!(
        error.contains("所选文件不是整改情况反馈表，而是落实情况反馈表")
            && error.contains("duban import feedback"),
        "{error}"
    );
}

/// Days to come are no report of what happened: a 完成日期 after today
/// rejects its row (naming the column), a 填报日期 after today is not taken
/// (the import's day is, with a warning), and nothing is written.
/// 天津's sheet reporting ZG2026-001 已整改 on `done_on`, filled on `filled_on`.
fn done_sheet(s: &Sandbox, name: &str, filled_on: &str, done_on: &str) -> std::path::PathBuf {
    let sheet = s.path(name);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "填报单位：天津市税务局").unwrap();
    ws.write(0, 3, format!("填报日期：{filled_on}")).unwrap();
    for (c, h) in ["整改编号", "整改进展", "整改状态", "完成日期"]
        .iter()
        .enumerate()
    {
        ws.write(1, c as u16, *h).unwrap();
    }
    for (c, v) in ["ZG2026-001", "已整改完毕", "已整改", done_on]
        .iter()
        .enumerate()
    {
        ws.write(2, c as u16, *v).unwrap();
    }
    wb.save(&sheet).unwrap();
    sheet
}

/// The item was registered on 2026-03-06: a 完成日期, or a 填报日期, before
/// that rejects the row, naming its column, and writes nothing.
#[test]
fn a_completion_or_report_date_before_the_item_was_registered_is_not_taken() {
    let s = set_up();
    finding(&s, "审计", "审计报告1号", "天津", "甲问题");
    let before = s
        .duban(&["--json", "rectification", "show", "ZG2026-001"])
        .ok()
        .json();
    let cases = [
        (
            "完成早.xlsx",
            "2026-03-10",
            "2026-03-01",
            "完成日期",
            "完成日期 2026-03-01 早于整改事项“ZG2026-001”的登记日期 2026-03-06",
        ),
        (
            "填报早.xlsx",
            "2026-03-05",
            "2026-03-05",
            "整改编号",
            "填报日期 2026-03-05 早于整改事项“ZG2026-001”的登记日期 2026-03-06",
        ),
    ];
    for (name, filled, done, column, why) in cases {
        let sheet = done_sheet(&s, name, filled, done);
        let r = s
            .duban(&["--json", "import", "rectification", sheet.to_str().unwrap()])
            .failed();
        let j = r.json();
        let rejected = &j[0]["rows_rejected"][0];
        assert_eq!(
            (&rejected["row"], &rejected["column"]),
            (&3.into(), &column.into()),
            "{j}"
        );
        assert!(rejected["reason"].as_str().unwrap().contains(why), "{j}");
    }
    let after = s
        .duban(&["--json", "rectification", "show", "ZG2026-001"])
        .ok()
        .json();
    assert_eq!(before, after, "nothing written");
}

#[test]
fn a_completion_or_report_date_to_come_is_not_taken() {
    let s = set_up();
    finding(&s, "审计", "审计报告1号", "天津", "甲问题");
    let sheet = done_sheet(&s, "天津.xlsx", "2099-05-01", "2099-01-01");
    let before = s
        .duban(&["--json", "rectification", "show", "ZG2026-001"])
        .ok()
        .json();
    let r = s
        .duban(&["--json", "import", "rectification", sheet.to_str().unwrap()])
        .failed();
    let j = r.json();
    let rejected = &j[0]["rows_rejected"];
    assert_eq!(rejected[0]["row"], 3, "{j}");
    assert_eq!(rejected[0]["column"], "完成日期", "{j}");
    assert!(
        rejected[0]["reason"].as_str().unwrap().contains("晚于今天"),
        "{j}"
    );
    let warned =
        j[0]["warnings"].as_array().unwrap().iter().any(|w| {
            w["column"] == "填报日期" && w["reason"].as_str().unwrap().contains("晚于今天")
        });
    assert!(warned, "{j}");
    let after = s
        .duban(&["--json", "rectification", "show", "ZG2026-001"])
        .ok()
        .json();
    assert_eq!(before, after, "nothing written");
}
