//! The 舆情情况登记表 import (EXCHANGE §2.6 through §1's loader): all or
//! nothing, valid rows, dry run, duplicate file, the same incident updated,
//! row reasons in Chinese, the date-only rule on text and date cells.

use duban::imports::{import_bytes, FileReport, FileStatus, ImportOptions, OpinionImporter};
use duban::opinion::{self, Discipline, Handling, IncidentFilter, Level};
use duban::store::Store;
use rust_xlsxwriter::{ExcelDateTime, Workbook};

use crate::imports::common::{assert_rejections, dry, strict, valid_rows};
use crate::support::{actor, at, count, store};

pub const HEADER: [&str; 11] = [
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

/// A 登记表 of `party` (None: no 填报单位 line) with text rows (序号 added).
pub fn sheet(party: Option<&str>, rows: &[[&str; 10]]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "舆情情况登记表").unwrap();
    if let Some(p) = party {
        ws.write_string(1, 0, format!("填报单位：{p}")).unwrap();
    }
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = 3 + r as u32;
        ws.write_number(r, 0, f64::from(r - 2)).unwrap();
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16 + 1, *v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

pub fn good(title: &str) -> [&str; 10] {
    [
        title,
        "2026-11-03 14:20",
        "2026-11-03 15:00",
        "2026-11-03 16:00",
        "微博",
        "较大",
        "是",
        "已回应",
        "已处置",
        "",
    ]
}

fn run(s: &mut Store, name: &str, bytes: &[u8], options: &ImportOptions) -> FileReport {
    import_bytes(
        s,
        &actor("2026-11-26 10:00"),
        &OpinionImporter,
        name,
        bytes,
        options,
    )
}

#[test]
fn a_good_sheet_applies_and_the_same_incident_again_updates_it() {
    let mut s = store();
    let rep = run(
        &mut s,
        "北京.xlsx",
        &sheet(Some("北京市税务局"), &[good("甲"), good("乙")]),
        &strict(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 2),
        "{rep:?}"
    );
    assert_eq!(rep.party.as_deref(), Some("北京市税务局"));
    let mut changed = good("甲");
    changed[8] = "处置中";
    changed[9] = "更新后";
    let rep = run(
        &mut s,
        "北京-更正.xlsx",
        &sheet(Some("北京市税务局"), &[changed]),
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{rep:?}");
    assert_eq!(
        count(&s, "opinion_incidents"),
        2,
        "(unit, 标题, 发生时间) again updates"
    );
    let list = opinion::list(s.conn(), &IncidentFilter::default()).unwrap();
    let jia = list.iter().find(|i| i.title == "甲").unwrap();
    assert_eq!(
        (jia.status, jia.note.as_str()),
        (Handling::Handling, "更新后")
    );
    assert_eq!(jia.level, Level::Larger);
    assert_eq!(jia.occurred_at, at("2026-11-03 14:20"));
}

#[test]
fn a_bad_row_rejects_the_whole_file_unless_valid_rows_are_asked_for() {
    let mut s = store();
    let mut unknown_level = good("等级错");
    unknown_level[5] = "严重";
    let mut report_before_found = good("报告早");
    report_before_found[3] = "2026-11-03 14:59";
    let mut no_year = good("无年份");
    no_year[1] = "11月3日";
    let mut bad_negative = good("负面错");
    bad_negative[6] = "也许";
    let mut bad_time = good("时间错");
    bad_time[2] = "2026-11-03 25:70";
    let mut to_come = good("将来");
    to_come[1] = "2026-11-27 09:00";
    let mut later_today = good("今晚");
    later_today[1] = "2026-11-26 22:00";
    let bytes = sheet(
        Some("北京市税务局"),
        &[
            good("好"),
            unknown_level,
            report_before_found,
            no_year,
            bad_negative,
            bad_time,
            to_come,
            later_today,
        ],
    );
    let rep = run(&mut s, "混合.xlsx", &bytes, &strict());
    assert_eq!(rep.status, FileStatus::Rejected);
    assert_rejections(
        &rep,
        &[
            (5, "等级", "等级“严重”无法识别"),
            (
                6,
                "报告时间",
                "报告时间 2026-11-03 14:59 早于发现时间 2026-11-03 15:00",
            ),
            (7, "发生时间", "缺少年份"),
            (8, "是否负面", "是否负面“也许”无法识别"),
            (9, "发现时间", "2026-11-03 25:70"),
            (
                10,
                "发生时间",
                "发生时间 2026-11-27 09:00 晚于今天（2026-11-26）",
            ),
            (
                11,
                "发生时间",
                "发生时间 2026-11-26 22:00 晚于现在（2026-11-26 10:00）",
            ),
        ],
    );
    assert!(rep.error.as_deref().unwrap().contains("整个文件未导入"));
    assert_eq!(count(&s, "opinion_incidents"), 0, "all or nothing");
    assert_eq!(count(&s, "imports"), 0);
    let rep = run(&mut s, "混合.xlsx", &bytes, &dry());
    assert_eq!(rep.status, FileStatus::Rejected);
    let opts = ImportOptions {
        dry_run: true,
        ..valid_rows()
    };
    let rep = run(&mut s, "混合.xlsx", &bytes, &opts);
    assert_eq!(
        (rep.status, rep.rows_applied, rep.dry_run),
        (FileStatus::Partial, 1, true)
    );
    assert_eq!(
        count(&s, "opinion_incidents"),
        0,
        "a dry run writes nothing"
    );
    let rep = run(&mut s, "混合.xlsx", &bytes, &valid_rows());
    assert_eq!((rep.status, rep.rows_applied), (FileStatus::Partial, 1));
    assert_eq!(count(&s, "opinion_incidents"), 1);
    let rep = run(&mut s, "混合-副本.xlsx", &bytes, &valid_rows());
    assert_eq!(
        rep.status,
        FileStatus::Duplicate,
        "the same content again changes nothing"
    );
    assert_eq!(count(&s, "imports"), 1);
}

#[test]
fn the_reporting_unit_comes_from_the_sheet_or_the_option_and_must_be_a_unit() {
    let mut s = store();
    let bytes = sheet(None, &[good("无单位")]);
    let rep = run(&mut s, "无单位.xlsx", &bytes, &strict());
    assert!(rep.error.as_deref().unwrap().contains("--party"), "{rep:?}");
    let opts = ImportOptions {
        party: Some("天津市税务局".into()),
        ..strict()
    };
    let rep = run(&mut s, "无单位.xlsx", &bytes, &opts);
    assert_eq!(rep.party.as_deref(), Some("天津市税务局"));
    let rep = run(
        &mut s,
        "部门.xlsx",
        &sheet(Some("办公厅"), &[good("部门")]),
        &strict(),
    );
    assert!(
        rep.error.as_deref().unwrap().contains("内设机构"),
        "{rep:?}"
    );
}

#[test]
fn a_header_missing_a_required_column_rejects_the_file_naming_it() {
    let mut s = store();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "填报单位：北京市税务局").unwrap();
    for (c, h) in ["舆情标题", "发生时间", "发现时间", "报告时间", "是否负面"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.write_string(2, 0, "某舆情").unwrap();
    let rep = run(
        &mut s,
        "缺列.xlsx",
        &wb.save_to_buffer().unwrap(),
        &strict(),
    );
    assert!(
        rep.error.as_deref().unwrap().contains("缺少必需的列：等级"),
        "{rep:?}"
    );
}

#[test]
fn date_only_times_follow_the_rule_in_text_and_in_date_cells() {
    let mut s = store();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "填报单位：北京市税务局").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let day = |d: u8| ExcelDateTime::from_ymd(2026, 11, d).unwrap();
    // Row 3: text dates only. Row 4: date cells at 00:00 and a real time.
    let texts = [
        "文本日期",
        "2026-11-03",
        "2026/11/03",
        "2026年11月3日",
        "网站",
        "一般",
        "是",
        "",
        "已处置",
        "",
    ];
    for (c, v) in texts.iter().enumerate() {
        ws.write_string(2, c as u16 + 1, *v).unwrap();
    }
    ws.write_string(3, 1, "日期单元格").unwrap();
    ws.write_datetime_with_format(3, 2, day(4), &fmt).unwrap();
    ws.write_datetime_with_format(3, 3, day(4).and_hms(22, 30, 0).unwrap(), &fmt)
        .unwrap();
    ws.write_datetime_with_format(3, 4, day(4), &fmt).unwrap();
    for (c, v) in [(5u16, "网站"), (6, "特别重大"), (7, "是"), (9, "已处置")] {
        ws.write_string(3, c, v).unwrap();
    }
    let rep = run(
        &mut s,
        "日期.xlsx",
        &wb.save_to_buffer().unwrap(),
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{rep:?}");
    let list = opinion::list(s.conn(), &IncidentFilter::default()).unwrap();
    let text = list.iter().find(|i| i.title == "文本日期").unwrap();
    assert_eq!(
        (text.occurred_at, text.discovered_at, text.reported_at),
        (
            at("2026-11-03 00:00"),
            Some(at("2026-11-03 00:00")),
            Some(at("2026-11-03 23:59"))
        )
    );
    assert_eq!(text.discipline, Some(Discipline::OnTime));
    let cells = list.iter().find(|i| i.title == "日期单元格").unwrap();
    assert_eq!(
        (cells.occurred_at, cells.discovered_at, cells.reported_at),
        (
            at("2026-11-04 00:00"),
            Some(at("2026-11-04 22:30")),
            Some(at("2026-11-04 23:59"))
        ),
        "a date cell at 00:00 is a date alone: 23:59 for 报告"
    );
    assert_eq!(
        cells.discipline,
        Some(Discipline::Late),
        "特别重大: 89 minutes is over 1 hour"
    );
}

#[test]
fn blank_report_time_is_accepted_as_missing_with_a_warning() {
    let mut s = store();
    let mut row = good("未报告");
    row[3] = "";
    let rep = run(
        &mut s,
        "漏报.xlsx",
        &sheet(Some("北京市税务局"), &[row]),
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{rep:?}");
    assert!(
        rep.warnings.iter().any(|w| w.reason.contains("漏报")),
        "{:?}",
        rep.warnings
    );
    let list = opinion::list(s.conn(), &IncidentFilter::default()).unwrap();
    assert_eq!(list[0].discipline, Some(Discipline::Missing));
}
