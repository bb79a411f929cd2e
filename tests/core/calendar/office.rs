//! The office adding a year: typed days, text/CSV and Excel files, and
//! every refusal writing nothing.

use duban::calendar::{parse_schedule, Calendar, DayKind, ScheduleDay};
use duban::calendar_change::{add_year, load_file};

use crate::support::{actor, d, store};

fn day(date: &str, kind: DayKind, name: &str) -> ScheduleDay {
    ScheduleDay {
        date: d(date),
        kind,
        name: name.into(),
    }
}

fn audit_count(s: &duban::store::Store) -> i64 {
    s.conn()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_office_added_year_counts_and_is_audited() {
    let mut s = store();
    let before = audit_count(&s);
    let days = [
        day("2026-12-26", DayKind::Workday, "元旦调休上班"),
        day("2027-01-01", DayKind::Holiday, "元旦"),
        day("2027-02-05", DayKind::Holiday, "春节"),
    ];
    let change = add_year(
        &mut s,
        &actor("2026-11-20 10:00"),
        2027,
        &days,
        "国办发明电〔2026〕X号",
    )
    .unwrap();
    assert_eq!(
        (change.holidays, change.workdays, change.replaced),
        (2, 1, None)
    );
    let cal = Calendar::load(s.conn()).unwrap();
    assert!(cal.covers(2027) && !cal.is_provisional(d("2027-03-01")));
    assert!(
        cal.is_workday(d("2026-12-26")),
        "a cross-year make-up Saturday"
    );
    assert!(!cal.is_workday(d("2027-01-01")) && !cal.is_workday(d("2027-02-05")));
    assert_eq!(cal.add_workdays(d("2027-02-04"), 1), d("2027-02-08"));
    assert_eq!(
        cal.years().last().map(|(y, src)| (*y, src.office_added)),
        Some((2027, true))
    );
    assert_eq!(audit_count(&s), before + 1);
    let log = duban::store::audit::entries_for(s.conn(), "calendar", "2027").unwrap();
    assert_eq!(log.len(), 1);
}

#[test]
fn an_office_year_replaces_the_shipped_one() {
    let mut s = store();
    // Pretend the office corrects 2026: only 元旦, and 2026-02-16 a plain Monday.
    let days = [day("2026-01-01", DayKind::Holiday, "元旦")];
    let change = add_year(&mut s, &actor("2026-01-05 09:00"), 2026, &days, "更正").unwrap();
    assert_eq!(change.replaced.as_deref(), Some("shipped"));
    let cal = Calendar::load(s.conn()).unwrap();
    assert!(cal.is_workday(d("2026-02-16")));
    assert!(
        !cal.is_workday(d("2026-02-14")),
        "the shipped make-up day is gone too"
    );
    assert!(!Calendar::official().is_workday(d("2026-02-16")));
    // Replacing it again names the office's own schedule.
    let again = add_year(&mut s, &actor("2026-01-06 09:00"), 2026, &days, "再更正").unwrap();
    assert_eq!(again.replaced.as_deref(), Some("office"));
}

#[test]
fn bad_office_years_are_refused_and_write_nothing() {
    let mut s = store();
    let before = audit_count(&s);
    let a = actor("2026-11-20 10:00");
    let cases: Vec<(Vec<ScheduleDay>, &str)> = vec![
        (
            vec![
                day("2027-01-01", DayKind::Holiday, ""),
                day("2027-06-01", DayKind::Workday, ""),
            ],
            "本来就是工作日",
        ),
        (
            vec![
                day("2027-01-01", DayKind::Holiday, ""),
                day("2026-06-06", DayKind::Workday, ""),
            ],
            "不属于2027年",
        ),
        (
            vec![
                day("2027-01-01", DayKind::Holiday, ""),
                day("2027-01-01", DayKind::Holiday, ""),
            ],
            "出现了两次",
        ),
        (
            vec![day("2027-01-02", DayKind::Workday, "")],
            "没有任何放假日",
        ),
    ];
    for (days, msg) in cases {
        let e = add_year(&mut s, &a, 2027, &days, "x").unwrap_err();
        assert_eq!(e.code(), "invalid", "{e}");
        assert!(e.to_string().contains(msg), "{e}");
    }
    // A day that another year's notice already sets (the 2019 notice's 2018-12-30).
    let e = add_year(
        &mut s,
        &a,
        2018,
        &[day("2018-12-30", DayKind::Holiday, "")],
        "x",
    )
    .unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert!(e.to_string().contains("2019年"), "{e}");
    assert_eq!(audit_count(&s), before);
    let years: i64 = s
        .conn()
        .query_row("SELECT COUNT(*) FROM calendar_years", [], |r| r.get(0))
        .unwrap();
    assert_eq!(years, 0);
}

#[test]
fn schedule_text_problems_are_named_by_line() {
    let cases = [
        ("2027-02-30,休,春节", "第1行", "不存在"),
        (
            "日期,类型,名称\n2027-01-01,放松,元旦",
            "第2行",
            "类型“放松”无法识别",
        ),
        ("2027-01-01,休\n27/01/01,休", "第2行", "无法识别"),
        (
            "# 注释\n2027-01-01,休\n2027-01-01,休",
            "第3行",
            "与第2行重复",
        ),
        ("2027-01-01,休\n2027-05-06,班,劳动节", "第2行", "星期四"),
        ("2027-01-01,休\n2027-03-01", "第2行", "缺少类型"),
        ("2027-01-05..2027-01-01,休", "第1行", "结束日早于开始日"),
        ("", "", "没有任何日期"),
    ];
    for (text, line, msg) in cases {
        let e = parse_schedule(text, "文件“t.csv”", Some(2027)).unwrap_err();
        assert!(
            e.to_string().contains(line) && e.to_string().contains(msg),
            "{text:?}: {e}"
        );
    }
}

#[test]
fn schedule_text_accepts_runs_formats_and_infers_the_year() {
    let text = "\u{feff}日期,类型,名称\n2026-12-26,班,元旦调休上班\n2027年1月1日至2027年1月3日,休,元旦\n20270206 holiday 春节\n2027/2/7~2027/2/8\t放假\t春节";
    let s = parse_schedule(text, "t", None).unwrap();
    assert_eq!(s.year, 2027);
    let dates: Vec<String> = s
        .days
        .iter()
        .map(|x| format!("{} {}", x.date, x.kind.label()))
        .collect();
    assert_eq!(
        dates,
        [
            "2026-12-26 班",
            "2027-01-01 休",
            "2027-01-02 休",
            "2027-01-03 休",
            "2027-02-06 休",
            "2027-02-07 休",
            "2027-02-08 休"
        ]
    );
}

#[test]
fn a_schedule_file_loads_once_from_csv_or_excel() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("2027年节假日.csv");
    std::fs::write(
        &csv,
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06,班,春节调休上班\n",
    )
    .unwrap();
    let mut s = store();
    let a = actor("2026-11-20 10:00");
    let first = load_file(&mut s, &a, &csv, None).unwrap();
    assert!(!first.duplicate);
    assert_eq!(
        (
            first.change.year,
            first.change.holidays,
            first.change.workdays
        ),
        (2027, 1, 1)
    );
    let audits = audit_count(&s);
    let again = load_file(&mut s, &a, &csv, None).unwrap();
    assert!(again.duplicate);
    assert_eq!(audit_count(&s), audits, "a repeated file writes nothing");

    let xlsx = dir.path().join("2028.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("节假日安排").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write(0, 0, "日期").unwrap();
    sheet.write(0, 1, "类型").unwrap();
    sheet.write(0, 2, "名称").unwrap();
    let jan1 = rust_xlsxwriter::ExcelDateTime::from_ymd(2028, 1, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 0, &jan1, &date_format)
        .unwrap();
    sheet.write(1, 1, "休").unwrap();
    sheet.write(1, 2, "元旦").unwrap();
    sheet.write(2, 0, "2028-01-29").unwrap();
    sheet.write(2, 1, "班").unwrap();
    book.save(&xlsx).unwrap();
    let loaded = load_file(&mut s, &a, &xlsx, None).unwrap();
    assert_eq!(
        (
            loaded.change.year,
            loaded.change.holidays,
            loaded.change.workdays
        ),
        (2028, 1, 1)
    );
    let cal = Calendar::load(s.conn()).unwrap();
    assert!(cal.covers(2027) && cal.covers(2028));
    assert!(!cal.is_workday(d("2028-01-01")) && cal.is_workday(d("2028-01-29")));
}

#[test]
fn a_bad_sheet_row_is_named_by_its_excel_row() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("bad.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [
        ["日期", "类型", "名称"],
        ["2027-01-01", "休", "元旦"],
        ["2027-01-02", "半天", ""],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    let mut s = store();
    let e = load_file(&mut s, &actor("2026-11-20 10:00"), &xlsx, None).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("bad.xlsx") && msg.contains("第3行") && msg.contains("半天"),
        "{msg}"
    );
}
