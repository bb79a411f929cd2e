//! Templates → filled in by a unit → imported: the whole path of a returned
//! report, and the ways a file is refused.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use duban::imports::{FileStatus, ImportOptions};
use duban::rounds::{
    import_reports, report_content, round_detail, write_templates, ReportStatus, Round, RoundKind,
};
use duban::store::Store;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::round;
use crate::support::{actor, d, rewrite_parts, store};

/// What a unit writes into its copy of the form.
pub enum Answer {
    Text(&'static str),
    Date(u16, u8, u8),
    Number(f64),
}

/// Labels answered below the label (long text); the others to the right.
const LONG: [&str; 7] = [
    "传达学习情况",
    "采取的措施",
    "当地反映",
    "实施效果",
    "典型做法",
    "困难问题",
    "意见建议",
];

/// Re-saves every sheet of `template` into `out` (as a unit's Excel or WPS
/// would), writing `answers` beside their labels; `keep_identity` false drops
/// the line carrying the round's number, `cells` adds text at (sheet, row, col).
pub fn fill(
    template: &Path,
    out: &Path,
    answers: &[(&str, Answer)],
    keep_identity: bool,
    cells: &[(&str, u32, u16, &str)],
) {
    let mut src: Xlsx<_> = open_workbook(template).unwrap();
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for name in src.sheet_names() {
        let range = src.worksheet_range(&name).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let cells_at = || {
            range
                .used_cells()
                .map(|(r, c, v)| (r0 + r as u32, (c0 + c as u32) as u16, v))
        };
        // Where each answer goes: right of its label, or below it for long text.
        let mut placed: Vec<(u32, u16, &Answer)> = Vec::new();
        for (r, c, v) in cells_at() {
            if let Data::String(t) = v {
                if let Some((label, a)) = answers
                    .iter()
                    .find(|(l, _)| t.trim_end_matches(['：', ':']) == *l)
                {
                    let (ar, ac) = if LONG.contains(label) {
                        (r + 1, 0)
                    } else {
                        (r, c + 1)
                    };
                    placed.push((ar, ac, a));
                }
            }
        }
        for (r, c, v) in cells_at() {
            if placed.iter().any(|(ar, ac, _)| (*ar, *ac) == (r, c)) {
                continue; // the unit typed over what was there
            }
            match v {
                Data::String(t) if !keep_identity && t.contains("报送任务编号") => {}
                Data::String(t) => ws.write_string(r, c, t).map(|_| ()).unwrap(),
                Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()).unwrap(),
                Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()).unwrap(),
                Data::DateTime(dt) => {
                    use chrono::Datelike;
                    let x = dt.as_datetime().unwrap().date();
                    let when =
                        ExcelDateTime::from_ymd(x.year() as u16, x.month() as u8, x.day() as u8)
                            .unwrap();
                    ws.write_datetime_with_format(r, c, when, &date_fmt)
                        .map(|_| ())
                        .unwrap();
                }
                _ => {}
            }
        }
        for (r, c, a) in placed {
            match a {
                Answer::Text(x) => ws.write_string(r, c, *x).map(|_| ()).unwrap(),
                Answer::Number(n) => ws.write_number(r, c, *n).map(|_| ()).unwrap(),
                Answer::Date(y, m, dd) => ws
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *dd).unwrap(),
                        &date_fmt,
                    )
                    .map(|_| ())
                    .unwrap(),
            }
        }
        for (sheet, r, c, t) in cells {
            if *sheet == name {
                ws.write_string(*r, *c, *t).unwrap();
            }
        }
    }
    wb.save(out).unwrap();
}

pub fn templates(s: &Store, r: &Round, dir: &Path) -> Vec<PathBuf> {
    write_templates(s.conn(), r.id, dir, d("2026-10-01"))
        .unwrap()
        .into_iter()
        .map(|t| PathBuf::from(t.path))
        .collect()
}

pub fn template_for<'a>(files: &'a [PathBuf], unit: &str) -> &'a PathBuf {
    files
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().contains(unit))
        .unwrap_or_else(|| panic!("a template for {unit}"))
}

pub fn options() -> ImportOptions {
    ImportOptions::default()
}

pub fn statuses(s: &Store, r: &Round, today: &str) -> Vec<(String, ReportStatus)> {
    round_detail(s.conn(), r.id, d(today))
        .unwrap()
        .targets
        .into_iter()
        .map(|t| (t.party, t.status))
        .collect()
}

#[test]
fn templates_one_per_unit_named_by_round_and_unit_carry_the_round_number() {
    let mut s = store();
    let r = round(
        &mut s,
        RoundKind::Policy,
        "2026-10-20",
        &["北京", "天津", "河北"],
    );
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    assert_eq!(files.len(), 3);
    for (f, unit) in files
        .iter()
        .zip(["北京市税务局", "天津市税务局", "河北省税务局"])
    {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.contains(unit) && name.contains(&r.title), "{name}");
        let mut wb: Xlsx<_> = open_workbook(f).unwrap();
        let cells: Vec<String> = wb
            .worksheet_range("报送表")
            .unwrap()
            .used_cells()
            .map(|(_, _, v)| v.to_string())
            .collect();
        assert!(
            cells.iter().any(|c| c.contains(&r.token)),
            "{name} shows the round number"
        );
        assert!(
            cells.iter().any(|c| c == unit),
            "{name} has 填报单位 filled in"
        );
        for label in ["传达学习情况", "采取的措施", "当地反映", "报送日期"] {
            assert!(cells.iter().any(|c| c == label), "{name} asks for {label}");
        }
        assert!(
            !cells.iter().any(|c| c == "实施效果"),
            "the first round does not ask for the second's fields"
        );
    }
}

#[test]
fn returned_reports_are_matched_by_their_number_and_dated_by_the_form() {
    let mut s = store();
    let r = round(
        &mut s,
        RoundKind::Policy,
        "2026-10-20",
        &["北京", "天津", "河北"],
    );
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    let bj = dir.path().join("北京-已填.xlsx");
    fill(
        template_for(&files, "北京"),
        &bj,
        &[
            ("传达学习情况", Answer::Text("10月8日党委会专题传达学习。")),
            ("采取的措施", Answer::Text("成立工作专班。")),
            ("填报人", Answer::Text("张三")),
            ("报送日期", Answer::Date(2026, 10, 19)),
        ],
        true,
        &[],
    );
    let tj = dir.path().join("天津-已填.xlsx");
    fill(
        template_for(&files, "天津"),
        &tj,
        &[("当地反映", Answer::Text("纳税人反映良好。"))],
        true,
        &[],
    );
    let out = import_reports(
        &mut s,
        &actor("2026-10-22 10:00"),
        &[bj.clone(), tj.clone()],
        &options(),
    );
    assert_eq!(
        out[0].report.status,
        FileStatus::Applied,
        "{:?}",
        out[0].report.error
    );
    assert_eq!(out[0].round_id, Some(r.id));
    assert_eq!(out[0].report.party.as_deref(), Some("北京市税务局"));
    assert_eq!(
        (out[0].received_on, out[0].report_status),
        (Some(d("2026-10-19")), Some(ReportStatus::OnTime))
    );
    assert_eq!(
        out[1].report.status,
        FileStatus::Applied,
        "{:?}",
        out[1].report.error
    );
    assert_eq!(
        (out[1].received_on, out[1].report_status),
        (Some(d("2026-10-22")), Some(ReportStatus::Late)),
        "a blank 报送日期 takes the import date"
    );
    assert!(out[1]
        .report
        .warnings
        .iter()
        .any(|w| w.reason.contains("未填写报送日期")));
    assert_eq!(
        statuses(&s, &r, "2026-10-22"),
        [
            ("北京市税务局".to_string(), ReportStatus::OnTime),
            ("天津市税务局".to_string(), ReportStatus::Late),
            ("河北省税务局".to_string(), ReportStatus::Missing),
        ]
    );
    // As of an earlier day, a report received later is not there yet (a
    // bulletin as of that day shows the round as it stood).
    assert_eq!(
        statuses(&s, &r, "2026-10-21"),
        [
            ("北京市税务局".to_string(), ReportStatus::OnTime),
            ("天津市税务局".to_string(), ReportStatus::Missing),
            ("河北省税务局".to_string(), ReportStatus::Missing),
        ]
    );
    let earlier = round_detail(s.conn(), r.id, d("2026-10-18")).unwrap();
    assert!(
        earlier
            .targets
            .iter()
            .all(|t| t.status == ReportStatus::NotDue
                && t.received_on.is_none()
                && t.report_id.is_none()),
        "{:?}",
        earlier.targets
    );

    let detail = round_detail(s.conn(), r.id, d("2026-10-22")).unwrap();
    let content = report_content(s.conn(), detail.targets[0].report_id.unwrap()).unwrap();
    let labels: Vec<&str> = content.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels[..3],
        ["填报单位", "政策措施名称", "文号"],
        "in the form's order"
    );
    let value = |l: &str| {
        content
            .fields
            .iter()
            .find(|f| f.label == l)
            .map(|f| f.value.as_str())
    };
    assert_eq!(value("传达学习情况"), Some("10月8日党委会专题传达学习。"));
    assert_eq!(value("填报人"), Some("张三"));
    assert_eq!(content.file_name, "北京-已填.xlsx");

    let again = import_reports(&mut s, &actor("2026-10-23 10:00"), &[bj], &options());
    assert_eq!(
        again[0].report.status,
        FileStatus::Duplicate,
        "the same file twice changes nothing"
    );
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM round_reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn a_file_that_lost_its_number_needs_the_clerk_to_choose_the_round() {
    let mut s = store();
    let r = round(&mut s, RoundKind::Policy, "2026-10-20", &["北京", "天津"]);
    let other = round(&mut s, RoundKind::Policy, "2026-11-20", &["北京"]);
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    let lost = dir.path().join("无编号.xlsx");
    fill(
        template_for(&files, "北京"),
        &lost,
        &[("当地反映", Answer::Text("反映良好"))],
        false,
        &[],
    );
    let out = import_reports(
        &mut s,
        &actor("2026-10-15 10:00"),
        std::slice::from_ref(&lost),
        &options(),
    );
    assert_eq!(out[0].report.status, FileStatus::Rejected);
    assert!(
        out[0].report.error.as_deref().unwrap().contains("无法识别"),
        "{:?}",
        out[0].report.error
    );

    let chosen = ImportOptions {
        round: Some(r.id),
        ..options()
    };
    let dry = ImportOptions {
        dry_run: true,
        ..chosen.clone()
    };
    let preview = import_reports(
        &mut s,
        &actor("2026-10-15 10:00"),
        std::slice::from_ref(&lost),
        &dry,
    );
    assert_eq!(
        preview[0].report.status,
        FileStatus::Applied,
        "{:?}",
        preview[0].report.error
    );
    assert!(preview[0].report.dry_run);
    assert!(
        preview[0]
            .fields
            .iter()
            .any(|f| f.label == "当地反映" && f.value == "反映良好"),
        "the preview shows what was read"
    );
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM round_reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "a preview writes nothing");

    let out = import_reports(
        &mut s,
        &actor("2026-10-15 10:00"),
        std::slice::from_ref(&lost),
        &chosen,
    );
    assert_eq!(
        out[0].report.status,
        FileStatus::Applied,
        "{:?}",
        out[0].report.error
    );
    assert_eq!(out[0].round_id, Some(r.id));

    // A numbered file reassigned on purpose goes where the clerk says, with a warning.
    let numbered = dir.path().join("有编号.xlsx");
    fill(
        template_for(&files, "北京"),
        &numbered,
        &[("当地反映", Answer::Text("第二份"))],
        true,
        &[],
    );
    let moved = ImportOptions {
        round: Some(other.id),
        ..options()
    };
    let out = import_reports(&mut s, &actor("2026-10-15 10:00"), &[numbered], &moved);
    assert_eq!(out[0].round_id, Some(other.id), "{:?}", out[0].report.error);
    assert!(out[0]
        .report
        .warnings
        .iter()
        .any(|w| w.reason.contains("已按指定归入")));
}

/// (file name, answers, words the refusal must contain).
type Refusal = (&'static str, Vec<(&'static str, Answer)>, &'static str);

#[test]
fn files_from_unknown_or_unasked_units_and_empty_forms_are_refused() {
    let mut s = store();
    let r = round(&mut s, RoundKind::Policy, "2026-10-20", &["北京", "天津"]);
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    let cases: [Refusal; 4] = [
        (
            "火星.xlsx",
            vec![
                ("填报单位", Answer::Text("火星税务局")),
                ("当地反映", Answer::Text("x")),
            ],
            "“火星税务局”",
        ),
        (
            "山西.xlsx",
            vec![
                ("填报单位", Answer::Text("山西")),
                ("当地反映", Answer::Text("x")),
            ],
            "不是报送任务",
        ),
        ("空表.xlsx", vec![], "均未填写"),
        (
            "日期.xlsx",
            vec![
                ("当地反映", Answer::Text("x")),
                ("报送日期", Answer::Text("10月19日")),
            ],
            "“10月19日”",
        ),
    ];
    for (name, answers, why) in cases {
        let path = dir.path().join(name);
        // Overwriting 填报单位: the template's own value is written first, the answer replaces it.
        fill(template_for(&files, "北京"), &path, &answers, true, &[]);
        let out = import_reports(&mut s, &actor("2026-10-15 10:00"), &[path], &options());
        assert_eq!(out[0].report.status, FileStatus::Rejected, "{name}");
        let err = out[0].report.error.clone().unwrap_or_default();
        assert!(err.contains(why), "{name}: {err}");
    }
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM round_reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "refused files write nothing");
}

/// A form whose 当地反映 shows a formula's error (#REF!) is refused, naming
/// the cell and the label: it was stored as the unit's words.
#[test]
fn a_form_answer_showing_a_formula_error_refuses_the_file() {
    let mut s = store();
    let r = round(&mut s, RoundKind::Policy, "2026-10-20", &["北京"]);
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    let path = dir.path().join("公式错误.xlsx");
    let answers = [
        ("当地反映", Answer::Number(24680.0)),
        ("实施效果", Answer::Text("效果良好")),
    ];
    fill(template_for(&files, "北京"), &path, &answers, true, &[]);
    let mut cell = String::new();
    let bytes = rewrite_parts(&std::fs::read(&path).unwrap(), |name, xml| {
        let Some(at) = xml.find("<v>24680</v></c>") else {
            return xml;
        };
        assert!(name.starts_with("xl/worksheets/"), "{name}");
        let end = at + "<v>24680</v></c>".len();
        let start = xml[..end].rfind("<c ").unwrap();
        cell = xml[start..end].split('"').nth(1).unwrap().to_string();
        let error = format!(r#"<c r="{cell}" t="e"><v>#REF!</v></c>"#);
        xml.replacen(&xml[start..end].to_string(), &error, 1)
    });
    std::fs::write(&path, bytes).unwrap();
    let out = import_reports(&mut s, &actor("2026-10-15 10:00"), &[path], &options());
    assert_eq!(out[0].report.status, FileStatus::Rejected);
    let err = out[0].report.error.clone().unwrap_or_default();
    assert!(
        err.contains(&format!("单元格 {cell}（当地反映）显示公式错误 #REF!")),
        "{err}"
    );
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM round_reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "nothing recorded");
}

#[test]
fn a_progress_round_sheet_records_the_units_progress_and_its_receipt() {
    let mut s = store();
    let mut item =
        duban::items::NewItem::new("推进电子发票扩围", "北京市税务局", Some(d("2026-12-31")));
    item.status = duban::items::Status::NotStarted;
    let no = duban::items::create_item(&mut s, &actor("2026-09-01 09:00"), &item)
        .unwrap()
        .item_no;
    let r = round(&mut s, RoundKind::Progress, "2026-10-20", &["北京", "天津"]);
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    let bj = template_for(&files, "北京");
    // The feedback sheet: title, 填报单位/填报日期 row, header, then the item rows.
    let mut wb: Xlsx<_> = open_workbook(bj).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let rows: Vec<Vec<Data>> = wb
        .worksheet_range(&sheet)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let is_progress = |c: &Data| matches!(c, Data::String(t) if t == "办理进展");
    let header = rows.iter().position(|r| r.iter().any(is_progress)).unwrap();
    let col = rows[header].iter().position(is_progress).unwrap() as u16;
    let item_row = (header + 1) as u32;
    assert_eq!(
        rows[header + 1][1].to_string(),
        no,
        "pre-filled with the unit's open item"
    );
    let filled = dir.path().join("北京进展.xlsx");
    fill(
        bj,
        &filled,
        &[("填报日期", Answer::Date(2026, 10, 18))],
        true,
        &[(sheet.as_str(), item_row, col, "已完成试点方案。")],
    );
    let out = import_reports(&mut s, &actor("2026-10-21 10:00"), &[filled], &options());
    assert_eq!(
        out[0].report.status,
        FileStatus::Applied,
        "{:?} {:?}",
        out[0].report.error,
        out[0].report.rows_rejected
    );
    assert_eq!(out[0].report_status, Some(ReportStatus::OnTime));
    let progress: String = s
        .conn()
        .query_row("SELECT text FROM progress JOIN items ON items.id = progress.item_id WHERE item_no = ?1", [&no], |r| r.get(0))
        .unwrap();
    assert_eq!(
        progress, "已完成试点方案。",
        "the row is recorded as progress, as a feedback import would"
    );
    let detail = round_detail(s.conn(), r.id, d("2026-10-21")).unwrap();
    let content = report_content(s.conn(), detail.targets[0].report_id.unwrap()).unwrap();
    assert_eq!(content.rows.len(), 1);
    assert!(content.rows[0]
        .iter()
        .any(|f| f.value == "已完成试点方案。"));
}
