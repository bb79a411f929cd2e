//! `duban import opinion`, `duban opinion …`, `duban export opinion`,
//! `duban template opinion`, `duban accountability …` and `duban export
//! accountability` as a script would call them.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::support::Sandbox;

const HEADER: [&str; 11] = [
    "序号",
    "舆情标题",
    "发生时间",
    "发现时间",
    "报告时间",
    "来源渠道",
    "等级",
    "是否负面",
    "处置情况",
    "处置状态",
    "备注",
];

/// Writes a 登记表 of `party` with text rows into the sandbox.
fn sheet(sb: &Sandbox, name: &str, party: &str, rows: &[[&str; 10]]) -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "舆情情况登记表").unwrap();
    ws.write_string(1, 0, format!("填报单位：{party}")).unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(3 + r as u32, c as u16 + 1, *v).unwrap();
            }
        }
    }
    let path = sb.path(name);
    wb.save(&path).unwrap();
    path.display().to_string()
}

/// 北京: two negatives, one late (较大, 13 h). 天津: one negative on time.
/// 河北: nothing negative.
fn three_units(sb: &Sandbox) -> Vec<String> {
    vec![
        sheet(
            sb,
            "北京.xlsx",
            "北京市税务局",
            &[
                [
                    "甲",
                    "2026-11-03 08:00",
                    "2026-11-03 09:00",
                    "2026-11-03 22:00",
                    "微博",
                    "较大",
                    "是",
                    "",
                    "已处置",
                    "",
                ],
                [
                    "乙",
                    "2026-11-04 08:00",
                    "2026-11-04 09:00",
                    "2026-11-04 09:30",
                    "网站",
                    "一般",
                    "是",
                    "",
                    "已处置",
                    "",
                ],
            ],
        ),
        sheet(
            sb,
            "天津.xlsx",
            "天津市税务局",
            &[[
                "丙",
                "2026-11-05 08:00",
                "2026-11-05 09:00",
                "2026-11-05 10:00",
                "微信",
                "重大",
                "是",
                "",
                "处置中",
                "",
            ]],
        ),
        sheet(
            sb,
            "河北.xlsx",
            "河北省税务局",
            &[[
                "丁",
                "2026-11-06",
                "2026-11-06",
                "2026-11-06",
                "论坛",
                "一般",
                "否",
                "",
                "已处置",
                "",
            ]],
        ),
    ]
}

fn args<'a>(head: &[&'a str], files: &'a [String]) -> Vec<&'a str> {
    let mut v = head.to_vec();
    v.extend(files.iter().map(String::as_str));
    v
}

#[test]
fn import_opinion_reports_each_file_and_a_second_run_is_duplicate() {
    let sb = Sandbox::new();
    let files = three_units(&sb);
    let run = sb
        .duban(&args(&["import", "opinion", "--json"], &files))
        .ok();
    let out = run.json();
    let arr = out.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    for (f, party, rows) in [
        (0, "北京市税务局", 2),
        (1, "天津市税务局", 1),
        (2, "河北省税务局", 1),
    ] {
        assert_eq!(arr[f]["status"], "applied", "{}", arr[f]);
        assert_eq!(arr[f]["party"], party);
        assert_eq!(arr[f]["rows_applied"], rows);
        assert_eq!(arr[f]["kind"], "opinion");
    }
    let again = sb
        .duban(&args(&["import", "opinion", "--json"], &files))
        .ok()
        .json();
    assert!(again
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["status"] == "duplicate"));
    let bad = sheet(
        &sb,
        "坏.xlsx",
        "北京市税务局",
        &[
            [
                "戊",
                "2026-11-07 08:00",
                "2026-11-07 09:00",
                "2026-11-07 10:30",
                "微博",
                "严重",
                "是",
                "",
                "",
                "",
            ],
            [
                "己",
                "2026-11-07 08:00",
                "2026-11-07 09:00",
                "2026-11-07 08:30",
                "微博",
                "一般",
                "是",
                "",
                "",
                "",
            ],
        ],
    );
    let run = sb.duban(&["import", "opinion", &bad]).failed();
    assert!(run.stdout.contains("等级“严重”无法识别"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("报告时间 2026-11-07 08:30 早于发现时间 2026-11-07 09:00"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("1 个文件未导入"), "{}", run.stderr);
}

#[test]
fn opinion_stats_json_is_the_contract_of_section_4() {
    let sb = Sandbox::new();
    let files = three_units(&sb);
    sb.duban(&args(&["import", "opinion"], &files)).ok();
    let out = sb
        .duban(&["opinion", "stats", "--month", "2026-11", "--json"])
        .ok()
        .json();
    let rows = out.as_array().unwrap();
    assert_eq!(rows.len(), 36, "every unit of the organisation");
    let find = |p: &str| rows.iter().find(|r| r["party"] == p).unwrap().clone();
    let bj = find("北京市税务局");
    let counts: Vec<Option<u64>> = ["total", "negative", "major", "late", "missing", "concealed"]
        .iter()
        .map(|k| bj[*k].as_u64())
        .collect();
    assert_eq!(counts, [2, 2, 0, 1, 0, 0].map(Some).to_vec());
    assert_eq!(bj["on_time_rate"], 0.5);
    assert_eq!(bj["rank"], 36);
    assert_eq!(bj["flags"], serde_json::json!(["排名靠后"]));
    let tj = find("天津市税务局");
    assert_eq!(
        (tj["rank"].as_u64(), tj["on_time_rate"].as_f64()),
        (Some(35), Some(1.0))
    );
    let hb = find("河北省税务局");
    assert_eq!(
        (hb["total"].as_u64(), hb["rank"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(hb["on_time_rate"].is_null(), "— when 负面数 = 0");
    let run = sb
        .duban(&["opinion", "stats", "--month", "2026-13"])
        .failed();
    assert!(run.stderr.contains("月份“2026-13”无效"), "{}", run.stderr);
    let text = sb.duban(&["opinion", "stats", "--month", "2026-11"]).ok();
    assert!(
        text.stdout.contains("2026年11月舆情统计"),
        "{}",
        text.stdout
    );
}

/// The number format of cell `cell` (e.g. `I4`) on the first sheet.
fn number_format(path: &Path, cell: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let styles = read("xl/styles.xml");
    let sheet = read("xl/worksheets/sheet1.xml");
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let i = tag.find(&key)? + key.len();
        Some(tag[i..i + tag[i..].find('"')?].to_string())
    };
    let start = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &sheet[start..start + sheet[start..].find('>').unwrap()];
    let xf: usize = attr(tag, "s")
        .unwrap_or_else(|| "0".into())
        .parse()
        .unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf_tag = xfs.split("<xf ").nth(xf + 1).unwrap();
    let id = attr(xf_tag, "numFmtId").unwrap();
    styles
        .split("<numFmt ")
        .skip(1)
        .find(|t| attr(t, "numFmtId").as_deref() == Some(id.as_str()))
        .and_then(|t| attr(t, "formatCode"))
        .unwrap_or(id)
}

#[test]
fn export_opinion_writes_numbers_as_numbers_and_rates_as_percent_cells() {
    let sb = Sandbox::new();
    let files = three_units(&sb);
    sb.duban(&args(&["import", "opinion"], &files)).ok();
    let out = sb.path("舆情.xlsx");
    let run = sb
        .duban(&[
            "export",
            "opinion",
            "--month",
            "2026-11",
            "-o",
            out.to_str().unwrap(),
            "--json",
        ])
        .ok();
    assert_eq!(run.json()["units"], 36);
    let mut wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), vec!["舆情排名", "舆情明细"]);
    let range = wb.worksheet_range("舆情排名").unwrap();
    let header: Vec<String> = (0..10)
        .map(|c| range.get_value((3, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        header,
        [
            "名次",
            "单位",
            "舆情数",
            "负面数",
            "重大及以上",
            "迟报",
            "漏报",
            "瞒报",
            "按时报告率",
            "标记"
        ]
    );
    // Rows in rank order: 河北 and the 33 clean units share rank 1; 天津 35, 北京 36.
    let row_of = |party: &str| {
        (4..range.height() as u32)
            .find(|r| range.get_value((*r, 1)) == Some(&Data::String(party.into())))
            .unwrap()
    };
    let bj = row_of("北京市税务局");
    let expect: [(u32, Data); 10] = [
        (0, Data::Float(36.0)),
        (1, Data::String("北京市税务局".into())),
        (2, Data::Float(2.0)),
        (3, Data::Float(2.0)),
        (4, Data::Float(0.0)),
        (5, Data::Float(1.0)),
        (6, Data::Float(0.0)),
        (7, Data::Float(0.0)),
        (8, Data::Float(0.5)),
        (9, Data::String("排名靠后".into())),
    ];
    for (c, want) in expect {
        assert_eq!(range.get_value((bj, c)), Some(&want), "北京 column {c}");
    }
    assert_eq!(
        number_format(&out, &format!("I{}", bj + 1)),
        "0.0%",
        "rates are 0.0% number cells"
    );
    let hb = row_of("河北省税务局");
    assert_eq!(range.get_value((hb, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        range.get_value((hb, 8)),
        Some(&Data::String("—".into())),
        "— where undefined"
    );
    let tj = row_of("天津市税务局");
    assert_eq!(range.get_value((tj, 8)), Some(&Data::Float(1.0)));
    let detail = wb.worksheet_range("舆情明细").unwrap();
    assert_eq!(
        detail.get_value((2, 3)),
        Some(&Data::String("发生时间".into()))
    );
    assert!(
        matches!(detail.get_value((3, 3)), Some(Data::DateTime(_))),
        "times are date-time cells: {:?}",
        detail.get_value((3, 3))
    );
}

#[test]
fn opinion_entry_commands_and_the_template_round_trip() {
    let sb = Sandbox::new();
    let tpl = sb.path("模板.xlsx");
    sb.duban(&[
        "template",
        "opinion",
        "--party",
        "北京市税务局",
        "-o",
        tpl.to_str().unwrap(),
    ])
    .ok();
    let run = sb
        .duban(&["import", "opinion", tpl.to_str().unwrap()])
        .failed();
    assert!(
        run.stdout.contains("没有可导入的数据行"),
        "an empty template: {}",
        run.stdout
    );
    let run = sb
        .duban(&[
            "template",
            "opinion",
            "--party",
            "办公厅",
            "-o",
            tpl.to_str().unwrap(),
        ])
        .failed();
    assert!(run.stderr.contains("内设机构"), "{}", run.stderr);
    let add = sb
        .duban(&[
            "opinion",
            "add",
            "--party",
            "北京市税务局",
            "--title",
            "未报告的负面",
            "--occurred",
            "2026-11-09 10:00",
            "--level",
            "重大",
            "--negative",
            "是",
            "--by-office",
            "--json",
        ])
        .ok()
        .json();
    let id = add["id"].as_i64().unwrap().to_string();
    assert_eq!(add["discipline"], "missing");
    let marked = sb
        .duban(&[
            "opinion",
            "mark-concealed",
            &id,
            "--reason",
            "知情未报",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(marked["discipline"], "concealed");
    let run = sb
        .duban(&[
            "opinion",
            "add",
            "--party",
            "北京市税务局",
            "--title",
            "x",
            "--occurred",
            "2026-11-09",
            "--level",
            "严重",
            "--negative",
            "是",
        ])
        .failed();
    assert!(run.stderr.contains("等级“严重”无法识别"), "{}", run.stderr);
    let list = sb
        .duban(&["opinion", "list", "--month", "2026-11", "--open"])
        .ok();
    assert!(
        list.stdout.contains("未报告的负面") && list.stdout.contains("瞒报"),
        "{}",
        list.stdout
    );
    let limits = sb
        .duban(&["opinion", "limits", "--level", "重大", "--hours", "3"])
        .ok();
    assert!(limits.stdout.contains("重大 3小时"), "{}", limits.stdout);
    let reminders = sb
        .duban(&["reminders", "--at", "2026-11-10 09:00", "--json"])
        .ok()
        .json();
    assert!(
        reminders
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "opinion_unhandled"),
        "{reminders}"
    );
}

#[test]
fn accountability_records_are_added_listed_and_exported() {
    let sb = Sandbox::new();
    let run = sb
        .duban(&[
            "accountability",
            "add",
            "--party",
            "办公厅",
            "--kind",
            "约谈",
            "--date",
            "2026-11-10",
            "--reason",
            "多项事项逾期",
            "--decided-by",
            "张局长",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(run["kind"], "interview");
    let run = sb
        .duban(&[
            "accountability",
            "add",
            "--party",
            "办公厅",
            "--kind",
            "批评",
            "--reason",
            "x",
        ])
        .failed();
    assert!(run.stderr.contains("类型“批评”无法识别"), "{}", run.stderr);
    let list = sb
        .duban(&["accountability", "list", "--party", "办公厅"])
        .ok();
    assert!(
        list.stdout.contains("约谈：多项事项逾期"),
        "{}",
        list.stdout
    );
    let out = sb.path("问责.xlsx");
    sb.duban(&["export", "accountability", "-o", out.to_str().unwrap()])
        .ok();
    let mut wb = open_workbook_auto(&out).unwrap();
    let range = wb.worksheet_range("约谈问责记录").unwrap();
    assert_eq!(range.get_value((3, 0)), Some(&Data::Float(1.0)));
    assert_eq!(range.get_value((3, 3)), Some(&Data::String("约谈".into())));
}

#[test]
fn opinion_update_changes_a_time_and_clears_a_report_time_entered_by_mistake() {
    let sb = Sandbox::new();
    let add = sb
        .duban(&[
            "opinion",
            "add",
            "--party",
            "北京市税务局",
            "--title",
            "误填报告时间",
            "--occurred",
            "2026-11-09 10:00",
            "--discovered",
            "2026-11-09 11:00",
            "--reported",
            "2026-11-09 12:00",
            "--level",
            "一般",
            "--negative",
            "是",
            "--json",
        ])
        .ok()
        .json();
    let id = add["id"].as_i64().unwrap().to_string();
    assert_eq!(add["discipline"], "on_time", "{add}");
    let update = |extra: &[&str]| {
        let mut args = vec!["opinion", "update", id.as_str(), "--json"];
        args.extend_from_slice(extra);
        sb.duban(&args)
    };
    let run = update(&["--reported", "2026-11-12 12:00"]).ok().json();
    assert_eq!(run["discipline"], "late", "{run}");
    assert_eq!(run["discovered_at"], "2026-11-09T11:00:00", "{run}");

    let run = update(&["--clear-reported"]).ok().json();
    assert!(run["reported_at"].is_null(), "{run}");
    assert_eq!(
        run["discipline"], "missing",
        "a unit's incident without a 报告时间 counts as 漏报: {run}"
    );
    assert_eq!(
        run["discovered_at"], "2026-11-09T11:00:00",
        "the other times stay: {run}"
    );

    let run = update(&["--clear-discovered", "--title", "误填报告时间（已更正）"])
        .ok()
        .json();
    assert!(run["discovered_at"].is_null(), "{run}");
    assert_eq!(run["title"], "误填报告时间（已更正）");

    let run = update(&["--clear-reported", "--reported", "2026-11-09 12:00"]).failed();
    assert!(
        run.stderr.contains("--clear-reported 不能与"),
        "{}",
        run.stderr
    );
    let shown = sb
        .duban(&["opinion", "list", "--month", "2026-11", "--json"])
        .ok()
        .json();
    let row = &shown.as_array().unwrap()[0];
    assert!(
        row["reported_at"].is_null() && row["discovered_at"].is_null(),
        "{row}"
    );
}
