//! 督查 and 整改 from the command line (EXCHANGE §4, §2.7, §7): the roster,
//! an inspection and its stages, findings, the 整改情况反馈表 round trip for
//! three units, the three checks and 销号, follow-ups, exports.

use calamine::{open_workbook_auto, Data, Reader};
use rust_xlsxwriter::Workbook;

use crate::support::{Run, Sandbox};

const UNITS: [&str; 3] = ["北京市税务局", "天津市税务局", "河北省税务局"];

pub fn set_up() -> Sandbox {
    let s = Sandbox::new();
    for (name, party, role) in [
        ("张组长", "办公厅", "经办人"),
        ("李专员", "北京市税务局", "督查专员"),
        ("王专员", "天津市税务局", "督查专员"),
    ] {
        s.duban(&[
            "person",
            "save",
            "--name",
            name,
            "--party",
            party,
            "--role",
            role,
            "--level",
            "处以下",
        ])
        .ok();
    }
    s
}

pub fn json(run: Run) -> serde_json::Value {
    run.ok().json()
}

/// The (整改编号, 问题描述) rows of a generated template.
fn template_rows(path: &std::path::Path) -> (String, Vec<(String, String)>) {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range("整改情况反馈表").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let party = rows[1][0].clone();
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "整改编号"))
        .unwrap();
    let items = rows[header + 1..]
        .iter()
        .filter(|r| !r[1].is_empty())
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    (party, items)
}

/// A unit's returned sheet as another program would write it: a title, the
/// 填报单位 line, the header in a different order, one row per `(编号, 问题, 状态)`.
pub fn write_returned(path: &std::path::Path, party: &str, rows: &[(String, String, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1").unwrap();
    ws.write(0, 0, "整改情况反馈表").unwrap();
    ws.write(1, 0, format!("填报单位：{party}")).unwrap();
    ws.write(1, 6, "填报日期：2026-04-08").unwrap();
    let header = [
        "序号",
        "整改编号",
        "问题描述",
        "原因分析",
        "整改措施",
        "整改进展",
        "整改状态",
        "完成日期",
        "责任追究情况",
        "填报人",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    for (i, (no, problem, status)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write(r, 0, (i + 1) as f64).unwrap();
        ws.write(r, 1, no.as_str()).unwrap();
        ws.write(r, 2, problem.as_str()).unwrap();
        ws.write(r, 3, "制度执行不到位").unwrap();
        ws.write(r, 4, "建立复核机制").unwrap();
        ws.write(r, 5, "已完成自查自纠").unwrap();
        ws.write(r, 6, *status).unwrap();
        if *status == "已整改" {
            ws.write(r, 7, "2026/4/7").unwrap();
        }
        ws.write(r, 8, "已对责任人提醒谈话").unwrap();
        ws.write(r, 9, "赵会计").unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn a_full_round_trip_from_inspection_to_closing() {
    let s = set_up();
    // A member not on the roster: refused in Chinese, nothing written.
    let bad = s
        .duban(&[
            "inspection",
            "create",
            "--name",
            "督查",
            "--targets",
            "北京",
            "--leader",
            "张组长",
            "--members",
            "钱七",
            "--at",
            "2026-03-02",
        ])
        .failed();
    assert!(bad.stderr.contains("“钱七”不在人员名单"), "{}", bad.stderr);
    assert_eq!(
        json(s.duban(&["--json", "inspection", "list"]))
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let created = json(s.duban(&[
        "--json",
        "inspection",
        "create",
        "--name",
        "发票管理专项督查",
        "--kind",
        "实地",
        "--manner",
        "明察",
        "--targets",
        &UNITS.join("、"),
        "--leader",
        "张组长",
        "--members",
        "李专员,王专员",
        "--at",
        "2026-03-02 09:00",
    ]));
    let no = created["number"].as_str().unwrap().to_string();
    assert_eq!(no, "督查〔2026〕1号");
    let out_of_order = s
        .duban(&[
            "inspection",
            "stage",
            &no,
            "组织实施",
            "--done",
            "2026-03-05",
            "--at",
            "2026-03-05",
        ])
        .failed();
    assert!(
        out_of_order.stderr.contains("“制定方案”环节尚未完成"),
        "{}",
        out_of_order.stderr
    );
    for (stage, day) in [
        ("制定方案", "2026-03-02"),
        ("2", "2026-03-03"),
        ("发布公告", "2026-03-03"),
        ("组织实施", "2026-03-05"),
    ] {
        s.duban(&[
            "inspection",
            "stage",
            &no,
            stage,
            "--done",
            day,
            "--at",
            "2026-03-05",
        ])
        .ok();
    }
    let plan = s.path("督查方案.docx");
    std::fs::write(&plan, "方案").unwrap();
    s.duban(&[
        "inspection",
        "stage",
        &no,
        "组织实施",
        "--note",
        "进驻三天",
        "--file",
        plan.to_str().unwrap(),
        "--at",
        "2026-03-05",
    ])
    .ok();
    let shown = json(s.duban(&["--json", "inspection", "show", &no]));
    assert_eq!(shown["stages"][3]["files"][0]["file_name"], "督查方案.docx");
    assert_eq!(shown["stages"][3]["note"], "进驻三天");
    assert_eq!(shown["current_stage"], "意见反馈");

    let mut nos = Vec::new();
    for (unit, problem) in [
        (UNITS[0], "发票领用登记不全"),
        (UNITS[0], "代开发票未复核"),
        (UNITS[1], "税源台账未更新"),
        (UNITS[2], "档案归档不及时"),
    ] {
        let f = json(s.duban(&[
            "--json",
            "finding",
            "add",
            "--inspection",
            &no,
            "--unit",
            unit,
            "--desc",
            problem,
            "--deadline",
            "2026-04-30",
            "--found",
            "2026-03-05",
            "--at",
            "2026-03-06",
        ]));
        nos.push(f["rect_no"].as_str().unwrap().to_string());
    }
    assert_eq!(
        nos,
        ["ZG2026-001", "ZG2026-002", "ZG2026-003", "ZG2026-004"]
    );

    // Templates for the three units, filled in by "the units", imported.
    let mut returned = Vec::new();
    for unit in UNITS {
        let t = s.path(&format!("模板-{unit}.xlsx"));
        let made = json(s.duban(&[
            "--json",
            "template",
            "rectification",
            "--party",
            unit,
            "-o",
            t.to_str().unwrap(),
        ]));
        let (party_line, rows) = template_rows(&t);
        assert_eq!(party_line, format!("填报单位：{unit}"));
        assert_eq!(made[0]["items"].as_u64().unwrap() as usize, rows.len());
        let filled: Vec<(String, String, &str)> = rows
            .into_iter()
            .map(|(n, p)| match unit {
                // 河北 leaves 整改编号 blank: matched by 问题描述, with a warning.
                "河北省税务局" => (String::new(), p, "整改中"),
                "北京市税务局" => (n, p, "已整改"),
                _ => (n, p, "正在整改"),
            })
            .collect();
        let back = s.path(&format!("反馈-{unit}.xlsx"));
        write_returned(&back, unit, &filled);
        returned.push(back);
    }
    let dir = s.path("模板");
    let all = json(s.duban(&[
        "--json",
        "template",
        "rectification",
        "--all",
        "-o",
        dir.to_str().unwrap(),
    ]));
    assert_eq!(
        all.as_array().unwrap().len(),
        3,
        "one per unit with open items: {all}"
    );
    assert!(dir.join("整改情况反馈表-河北省税务局.xlsx").exists());
    let files: Vec<&str> = returned.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["--json", "import", "rectification"];
    args.extend(&files);
    let mut dry = args.clone();
    dry.push("--dry-run");
    let tried = json(s.duban(&dry));
    assert!(
        tried
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["status"] == "applied" && f["dry_run"] == true),
        "{tried}"
    );
    let untouched = json(s.duban(&["--json", "rectification", "show", "ZG2026-001"]));
    assert_eq!(
        untouched["progress"].as_array().unwrap().len(),
        0,
        "a dry run writes nothing"
    );
    let report = json(s.duban(&args));
    let statuses: Vec<(&str, i64)> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["status"].as_str().unwrap(),
                f["rows_applied"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [("applied", 2), ("applied", 1), ("applied", 1)],
        "{report}"
    );
    assert!(
        report[2]["warnings"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("按问题描述对应到 ZG2026-004"),
        "{report}"
    );
    let again = json(s.duban(&["--json", "import", "rectification", files[0]]));
    assert_eq!(again[0]["status"], "duplicate");

    // 已整改 is a report, not a close.
    let one = json(s.duban(&[
        "--json",
        "rectification",
        "show",
        "ZG2026-001",
        "--today",
        "2026-04-08",
    ]));
    assert_eq!(one["row"]["closed"], false);
    assert_eq!(one["row"]["unit_status"], "已整改");
    assert_eq!(one["row"]["cause"], "制度执行不到位");

    // The three checks, the refusal naming what is missing, the close.
    s.duban(&[
        "rectification",
        "check",
        "ZG2026-001",
        "cause",
        "--at",
        "2026-04-09",
    ])
    .ok();
    s.duban(&[
        "rectification",
        "check",
        "ZG2026-001",
        "remedied",
        "--evidence",
        "补录登记簿",
        "--at",
        "2026-04-09",
    ])
    .ok();
    let refused = s
        .duban(&["rectification", "close", "ZG2026-001", "--at", "2026-04-09"])
        .failed();
    assert!(
        refused.stderr.contains("不能销号") && refused.stderr.contains("责任追究"),
        "{}",
        refused.stderr
    );
    s.duban(&[
        "rectification",
        "check",
        "ZG2026-001",
        "accountability",
        "--measure",
        "提醒谈话",
        "--who",
        "发票管理科科长",
        "--at",
        "2026-04-09",
    ])
    .ok();
    s.duban(&[
        "rectification",
        "close",
        "ZG2026-001",
        "--on",
        "2026-04-09",
        "--at",
        "2026-04-09",
    ])
    .ok();

    let open = json(s.duban(&[
        "--json",
        "rectification",
        "list",
        "--open",
        "--today",
        "2026-05-06",
    ]));
    assert_eq!(open.as_array().unwrap().len(), 3);
    assert!(
        open.as_array().unwrap().iter().all(|r| r["light"] == "red"),
        "past 2026-04-30 every open item is red"
    );
    let summary = json(s.duban(&[
        "--json",
        "inspection",
        "summary",
        &no,
        "--today",
        "2026-05-06",
        "-o",
        s.path("汇总.xlsx").to_str().unwrap(),
    ]));
    assert_eq!(summary[0]["party"], "北京市税务局");
    assert_eq!(
        (
            summary[0]["found"].as_i64(),
            summary[0]["rectified"].as_i64(),
            summary[0]["overdue"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(summary[0]["rate_text"], "50.0%");
    assert!(s.path("汇总.xlsx").exists());
    // The text gives each unit's 整改完成率 and a 合计 line, as the sheet does.
    let text = s
        .duban(&["inspection", "summary", &no, "--today", "2026-05-06"])
        .ok()
        .stdout;
    assert!(
        text.contains("北京市税务局 发现 2 已整改 1 未整改 1 逾期 1 整改完成率 50.0%"),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("合计 发现 ")), "{text}");
    // As it stood on an earlier day: before the 销号 of 2026-04-09, and before
    // the items were recorded on 2026-03-06.
    for (today, want) in [("2026-04-08", (2, 0, 2, 0)), ("2026-03-05", (0, 0, 0, 0))] {
        let past = json(s.duban(&[
            "--json",
            "inspection",
            "summary",
            &no,
            "--today",
            today,
            "-o",
            s.path("汇总-过去.xlsx").to_str().unwrap(),
        ]));
        let n = |k: &str| past[0][k].as_i64().unwrap();
        assert_eq!(
            (n("found"), n("rectified"), n("open"), n("overdue")),
            want,
            "{today}"
        );
    }
    let exp = json(s.duban(&[
        "--json",
        "rectification",
        "export",
        "-o",
        s.path("台账.xlsx").to_str().unwrap(),
        "--party",
        "北京",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
    ]));
    assert_eq!(exp["rows"], 2);
    // Row 2 says which filters made the sheet, the unit by its name (not
    // the short name typed).
    let mut book = open_workbook_auto(s.path("台账.xlsx")).unwrap();
    let sheet = book.worksheet_range("督查问题整改台账").unwrap();
    let scope = match sheet.get_value((1, 0)) {
        Some(Data::String(t)) => t.clone(),
        other => panic!("row 2: {other:?}"),
    };
    assert!(
        scope.contains("被督查单位：北京市税务局")
            && scope.contains("整改时限：2026-04-01 至 2026-04-30"),
        "{scope}"
    );
    let reversed = s
        .duban(&[
            "rectification",
            "export",
            "-o",
            s.path("反了.xlsx").to_str().unwrap(),
            "--from",
            "2026-04-30",
            "--to",
            "2026-04-01",
        ])
        .failed();
    assert!(
        reversed.stderr.contains("晚于截止日期"),
        "{}",
        reversed.stderr
    );
    assert!(!s.path("反了.xlsx").exists(), "nothing written");

    // 回头看 before the close is refused; on the day it is planned.
    let early = s
        .duban(&[
            "rectification",
            "followup",
            "plan",
            "--item",
            "ZG2026-001",
            "--on",
            "2026-04-08",
            "--at",
            "2026-04-10",
        ])
        .failed();
    assert!(early.stderr.contains("早于"), "{}", early.stderr);
    s.duban(&[
        "rectification",
        "followup",
        "plan",
        "--item",
        "ZG2026-001",
        "--on",
        "2026-05-11",
        "--at",
        "2026-04-10",
    ])
    .ok();
    let reminders = json(s.duban(&["--json", "reminders", "--at", "2026-05-08 09:00"]));
    let kinds: Vec<&str> = reminders
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"followup_due") && kinds.contains(&"rectification_red"),
        "{kinds:?}"
    );
}

#[test]
fn the_roster_exports_and_comes_back_through_the_organisation_import() {
    let s = set_up();
    let list = json(s.duban(&["--json", "person", "list", "--role", "督查专员"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let out = s.path("人员.xlsx");
    s.duban(&["person", "export", "-o", out.to_str().unwrap()])
        .ok();
    let other = Sandbox::new();
    let r = json(other.duban(&["--json", "org", "import", out.to_str().unwrap()]));
    assert_eq!(
        (r[0]["status"].as_str(), r[0]["rows_applied"].as_i64()),
        (Some("applied"), Some(3)),
        "{r}"
    );
    let back = json(other.duban(&["--json", "person", "list"]));
    assert_eq!(back.as_array().unwrap().len(), 3);
    // Each person the sheet added has an audit entry; the same sheet again
    // changes nobody and adds none.
    let people_entries = |sb: &Sandbox| {
        let audit = sb.path("audit.xlsx");
        sb.duban(&[
            "export",
            "audit",
            "-o",
            audit.to_str().unwrap(),
            "--text",
            "人员",
        ])
        .ok();
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&audit).unwrap();
        let range = calamine::Reader::worksheet_range_at(&mut wb, 0)
            .unwrap()
            .unwrap();
        range
            .rows()
            .filter(|r| r.iter().any(|c| *c == "新增人员" || *c == "修改人员"))
            .count()
    };
    assert_eq!(people_entries(&other), 3);
    // One more person by hand (an entry of its own), then the roster
    // exported again and imported back: nothing in it changes anybody.
    other
        .duban(&["person", "save", "--name", "新专员", "--party", "办公厅"])
        .ok();
    assert_eq!(people_entries(&other), 4);
    let again = other.path("人员2.xlsx");
    other
        .duban(&["person", "export", "-o", again.to_str().unwrap()])
        .ok();
    let r = json(other.duban(&["--json", "org", "import", again.to_str().unwrap()]));
    assert_eq!(r[0]["status"].as_str(), Some("applied"), "{r}");
    assert_eq!(
        people_entries(&other),
        4,
        "an unchanged roster adds no entry"
    );
    assert!(s
        .duban(&["inspection", "--help"])
        .ok()
        .stdout
        .contains("stage"));
}
