//! Black-box tests: duban round create|list|show|propose|report, import report,
//! template round, export monthly.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::Sandbox;

/// A report form as a unit might build it by hand: the round number line,
/// then labels with values to the right (or below for long text).
fn hand_made_report(path: &Path, token: &str, unit: &str, date: Option<(u16, u8, u8)>) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "政策措施落实情况报送表").unwrap();
    ws.write_string(1, 0, format!("报送任务编号：{token}"))
        .unwrap();
    ws.write_string(2, 0, "填报单位：").unwrap();
    ws.write_string(2, 1, unit).unwrap();
    ws.write_string(3, 0, "传达学习情况").unwrap();
    ws.write_string(4, 0, "已专题传达学习。").unwrap();
    ws.write_string(5, 0, "报送日期").unwrap();
    if let Some((y, m, d)) = date {
        let f = Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(5, 1, ExcelDateTime::from_ymd(y, m, d).unwrap(), &f)
            .unwrap();
    }
    wb.save(path).unwrap();
}

fn create_round(s: &Sandbox) -> serde_json::Value {
    s.duban(&[
        "round",
        "create",
        "--title",
        "政策落实情况报送",
        "--due",
        "2020-01-10",
        "--kind",
        "policy",
        "--phase",
        "一个月内",
        "--units",
        "北京、天津,河北",
        "--json",
    ])
    .ok()
    .json()
}

#[test]
fn a_round_is_created_listed_and_refuses_unknown_units() {
    let s = Sandbox::new();
    let r = create_round(&s);
    assert_eq!(r["counts"]["targets"], 3);
    assert_eq!(r["kind"], "policy");
    let list = s.duban(&["round", "list", "--json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["token"], r["token"]);
    let text = s.duban(&["round", "list"]).ok().stdout;
    assert!(
        text.contains("政策落实情况报送") && text.contains("漏报 3"),
        "{text}"
    );

    let bad = s
        .duban(&[
            "round",
            "create",
            "--title",
            "T",
            "--due",
            "2026-12-01",
            "--units",
            "北京,火星税务局",
        ])
        .failed();
    assert!(bad.stderr.contains("“火星税务局”"), "{}", bad.stderr);
    let bad = s
        .duban(&[
            "round",
            "create",
            "--title",
            "T",
            "--due",
            "2026-12-01",
            "--kind",
            "policy",
            "--phase",
            "三个月",
        ])
        .failed();
    assert!(
        bad.stderr.contains("报送阶段“三个月”无法识别"),
        "{}",
        bad.stderr
    );
    assert_eq!(
        s.duban(&["round", "list", "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        1,
        "nothing written"
    );
}

#[test]
fn templates_then_returned_reports_show_on_time_late_and_missing() {
    let s = Sandbox::new();
    let r = create_round(&s);
    let id = r["id"].as_i64().unwrap().to_string();
    let token = r["token"].as_str().unwrap();
    let dir = s.path("模板");
    let files = s
        .duban(&[
            "template",
            "round",
            "--round",
            &id,
            "-o",
            dir.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(files.as_array().unwrap().len(), 3);
    for f in files.as_array().unwrap() {
        assert!(Path::new(f["path"].as_str().unwrap()).exists());
    }

    let bj = s.path("北京.xlsx");
    hand_made_report(&bj, token, "北京市税务局", Some((2020, 1, 9)));
    let tj = s.path("天津.xlsx");
    hand_made_report(&tj, token, "天津", Some((2020, 1, 15)));
    let out = s
        .duban(&[
            "import",
            "report",
            bj.to_str().unwrap(),
            tj.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(out[0]["status"], "applied");
    assert_eq!(out[0]["party"], "北京市税务局");
    assert_eq!(out[0]["report_status"], "on_time");
    assert_eq!(out[1]["report_status"], "late");
    assert_eq!(out[1]["rows_rejected"].as_array().unwrap().len(), 0);

    let show = s.duban(&["round", "show", &id, "--json"]).ok().json();
    let statuses: Vec<&str> = show["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["on_time", "late", "missing"]);
    assert_eq!(show["to_chase"][0]["party"], "河北省税务局");
    let text = s.duban(&["round", "show", &id]).ok().stdout;
    assert!(text.contains("需催报：河北省税务局（漏报）"), "{text}");

    let report_id = show["targets"][0]["report_id"]
        .as_i64()
        .unwrap()
        .to_string();
    let content = s.duban(&["round", "report", &report_id]).ok().stdout;
    assert!(
        content.contains("传达学习情况：已专题传达学习。"),
        "{content}"
    );

    let again = s
        .duban(&["import", "report", bj.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert_eq!(again[0]["status"], "duplicate");

    let lost = s.path("无编号.xlsx");
    hand_made_report(&lost, "", "河北", Some((2020, 1, 20)));
    let refused = s
        .duban(&["import", "report", lost.to_str().unwrap()])
        .failed();
    assert!(
        refused.stdout.contains("--round"),
        "says how to assign it: {}",
        refused.stdout
    );
    let assigned = s
        .duban(&[
            "import",
            "report",
            lost.to_str().unwrap(),
            "--round",
            &id,
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(assigned[0]["round_id"].as_i64().unwrap().to_string(), id);
}

#[test]
fn the_monthly_sheet_is_exported_for_a_month_and_an_as_of_day() {
    let s = Sandbox::new();
    create_round(&s);
    let out = s.path("通报.xlsx");
    let json = s
        .duban(&[
            "export",
            "monthly",
            "--month",
            "2020-01",
            "--as-of",
            "2020-01-31",
            "-o",
            out.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    assert!(out.exists());
    assert_eq!(
        json["figures"]["reports"].as_array().unwrap().len(),
        3,
        "the round due in January"
    );
    assert_eq!(json["figures"]["total"]["rate_text"], "—");
    let text = s
        .duban(&[
            "export",
            "monthly",
            "--month",
            "2020-01",
            "-o",
            out.to_str().unwrap(),
        ])
        .ok()
        .stdout;
    assert!(text.contains("2020年1月"), "{text}");
    let bad = s
        .duban(&[
            "export",
            "monthly",
            "--month",
            "2020-13",
            "-o",
            out.to_str().unwrap(),
        ])
        .failed();
    assert!(bad.stderr.contains("2020-13"), "{}", bad.stderr);
    let early = s
        .duban(&[
            "export",
            "monthly",
            "--month",
            "2020-01",
            "--as-of",
            "2019-12-31",
            "-o",
            out.to_str().unwrap(),
        ])
        .failed();
    assert!(early.stderr.contains("早于"), "{}", early.stderr);
}

#[test]
fn a_policy_document_gets_the_two_statutory_rounds() {
    let s = Sandbox::new();
    let doc = s
        .duban(&[
            "--json",
            "doc",
            "add",
            "--title",
            "关于支持小微企业发展的若干措施",
            "--category",
            "税务总局重大决策部署",
            "--received",
            "2026-09-01",
        ])
        .ok()
        .json();
    let doc_no = doc["doc_no"].as_str().unwrap();
    let p = s
        .duban(&["round", "propose", "--policy", doc_no, "--json"])
        .ok()
        .json();
    assert_eq!(
        p[0]["round"]["due"], "2026-10-08",
        "10-01 falls in the National Day holiday"
    );
    assert_eq!(p[1]["round"]["due"], "2026-11-02", "11-01 is a Sunday");
    let made = s
        .duban(&[
            "round",
            "propose",
            "--policy",
            doc_no,
            "--create",
            "--units",
            "北京,上海",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(made.as_array().unwrap().len(), 2);
    assert_eq!(made[0]["counts"]["targets"], 2);
    assert_eq!(made[0]["policy_name"], "关于支持小微企业发展的若干措施");
}

#[test]
fn a_policy_form_brought_as_feedback_or_to_a_progress_round_is_told_where_it_belongs() {
    let s = Sandbox::new();
    let r = create_round(&s);
    let id = r["id"].as_i64().unwrap().to_string();
    let progress = s
        .duban(&[
            "round",
            "create",
            "--title",
            "落实进展报送",
            "--due",
            "2020-01-10",
            "--kind",
            "progress",
            "--units",
            "北京",
            "--json",
        ])
        .ok()
        .json();
    let progress_id = progress["id"].as_i64().unwrap().to_string();
    let dir = s.path("模板");
    let files = s
        .duban(&[
            "template",
            "round",
            "--round",
            &id,
            "-o",
            dir.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    let form = files[0]["path"].as_str().unwrap().to_string();

    let as_feedback = s.duban(&["import", "feedback", &form]).failed();
    for f in [
        "不是落实情况反馈表，而是政策措施落实情况报送表",
        "duban import report",
    ] {
        assert!(
            as_feedback.stdout.contains(f),
            "{f}: {}",
            as_feedback.stdout
        );
    }
    assert!(
        !as_feedback.stdout.contains("没有找到"),
        "{}",
        as_feedback.stdout
    );

    let wrong_round = s
        .duban(&["import", "report", &form, "--round", &progress_id])
        .failed();
    for f in [
        "这是政策措施落实情况报送表",
        "“落实进展报送”收的是落实情况反馈表",
        "属于报送任务“政策落实情况报送”",
    ] {
        assert!(
            wrong_round.stdout.contains(f),
            "{f}: {}",
            wrong_round.stdout
        );
    }
}
