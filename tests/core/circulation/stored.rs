//! The monthly figures from a real database, and the exported workbook read
//! back with calamine and compared with the core's figures sheet by sheet.

use calamine::{open_workbook, Data, Reader, Xlsx};
use duban::circulation::{export_monthly, monthly_figures, Month, MonthlyFigures, Period};
use duban::extensions::{self, ExtensionDecision, NewExtension};
use duban::items::{self, NewItem, Status};
use duban::rounds::{create_round, NewRound, ReportStatus, RoundKind, Targets};
use duban::store::Store;

use crate::support::{actor, d, store};

/// One item through the single-item use case, registered on `created`.
fn add(
    s: &mut Store,
    created: &str,
    name: &str,
    lead: &str,
    due: Option<&str>,
    done: Option<&str>,
) -> String {
    let mut n = NewItem::new(name, lead, due.map(d));
    if let Some(done) = done {
        n.status = Status::Done;
        n.done_on = Some(d(done));
    }
    items::create_item(s, &actor(&format!("{created} 09:00")), &n)
        .unwrap()
        .item_no
}

/// A small October 2026 ledger touching every sheet.
fn ledger() -> Store {
    let mut s = store();
    add(
        &mut s,
        "2026-09-01",
        "按时办结的事项",
        "办公厅",
        Some("2026-10-15"),
        Some("2026-10-15"),
    );
    let mut coop = NewItem::new("需要配合的事项", "办公厅", Some(d("2026-10-10")));
    coop.cooperators = vec!["政策法规司".into()];
    coop.coordinator_leader = "王建国".into();
    items::create_item(&mut s, &actor("2026-09-01 09:00"), &coop).unwrap();
    add(
        &mut s,
        "2026-09-01",
        "逾期办结的事项",
        "政策法规司",
        Some("2026-09-30"),
        Some("2026-10-08"),
    );
    add(
        &mut s,
        "2026-09-01",
        "北京未办结",
        "北京市税务局",
        Some("2026-10-20"),
        None,
    );
    add(
        &mut s,
        "2026-10-05",
        "天津提前办结",
        "天津市税务局",
        Some("2026-12-01"),
        Some("2026-10-12"),
    );
    add(
        &mut s,
        "2026-10-06",
        "=SUM(A1:A9)",
        "所得税司",
        Some("2026-10-01"),
        None,
    );
    add(
        &mut s,
        "2026-10-07",
        "长期坚持的工作",
        "所得税司",
        None,
        None,
    );
    let gone = add(
        &mut s,
        "2026-09-01",
        "已撤销的事项",
        "货物和劳务税司",
        Some("2026-10-05"),
        None,
    );
    items::withdraw(&mut s, &actor("2026-10-02 10:00"), &gone, "任务调整").unwrap();
    let ext = add(
        &mut s,
        "2026-09-01",
        "批准延期的事项",
        "办公厅",
        Some("2026-10-20"),
        None,
    );
    let e = extensions::request(
        &mut s,
        &actor("2026-10-10 10:00"),
        &NewExtension {
            item_no: ext,
            requested_on: d("2026-10-10"),
            new_deadline: d("2026-11-20"),
            reason: "需等待上级政策明确".into(),
            progress_so_far: "已完成调研".into(),
        },
    )
    .unwrap();
    extensions::decide(
        &mut s,
        &actor("2026-10-12 10:00"),
        e.id,
        &ExtensionDecision {
            approve: true,
            comment: String::new(),
        },
    )
    .unwrap();
    let round = create_round(
        &mut s,
        &actor("2026-10-01 09:00"),
        &NewRound {
            title: "十月落实情况报送".into(),
            kind: RoundKind::Progress,
            phase: String::new(),
            document_id: None,
            policy_name: String::new(),
            policy_doc_no: String::new(),
            issued_on: None,
            due: d("2026-10-20"),
            notes: String::new(),
            targets: Targets::Named(vec!["北京".into(), "天津".into(), "河北".into()]),
        },
    )
    .unwrap();
    for (unit, on) in [
        ("北京市税务局", "2026-10-19"),
        ("天津市税务局", "2026-10-23"),
    ] {
        s.conn()
            .execute(
                "INSERT INTO round_reports(round_id, party_id, received_on, created_at)
                 SELECT ?1, id, ?2, ?2 FROM parties WHERE name = ?3",
                rusqlite::params![round.id, on, unit],
            )
            .unwrap();
    }
    s
}

fn october() -> Period {
    Period::new(Month::new(2026, 10).unwrap(), None).unwrap()
}

#[test]
fn figures_from_the_database_follow_the_rules() {
    let s = ledger();
    let f = monthly_figures(s.conn(), &october()).unwrap();
    let t = &f.total;
    // In scope: 按时办结, 需要配合(open), 逾期办结, 北京(open), 天津(early), =SUM(open, holiday due).
    assert_eq!(
        (t.on_time, t.late_done, t.overdue_open, t.due_total),
        (2, 1, 3, 6)
    );
    assert_eq!(t.rate_text, "33.3%");
    assert_eq!(
        t.new_items, 3,
        "天津, =SUM and the standing item were registered in October"
    );
    assert_eq!(t.extensions, 1);
    assert_eq!(t.standing, 1);
    let names: Vec<&str> = f.departments.iter().map(|r| r.name.as_str()).collect();
    assert!(!names.contains(&"货物和劳务税司"), "withdrawn only: no row");
    let coop = f
        .departments
        .iter()
        .find(|r| r.name == "政策法规司")
        .unwrap();
    assert_eq!(coop.cooperating, 1);
    let ext = &f.extensions[0];
    assert_eq!(
        (ext.old_deadline, ext.new_deadline, ext.counted),
        (d("2026-10-20"), d("2026-11-20"), true)
    );
    let statuses: Vec<ReportStatus> = f.reports.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            ReportStatus::OnTime,
            ReportStatus::Late,
            ReportStatus::Missing
        ]
    );
}

/// A sheet's cells as rows.
fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn int(d: &Data) -> i64 {
    match d {
        Data::Float(f) => *f as i64,
        Data::Int(i) => *i,
        other => panic!("expected a number cell, got {other:?}"),
    }
}

fn date(d: &Data) -> chrono::NaiveDate {
    match d {
        Data::DateTime(dt) => dt.as_datetime().expect("a date").date(),
        other => panic!("expected a date cell, got {other:?}"),
    }
}

/// The data rows under the header (title, one information row, header).
fn data_rows(rows: &[Vec<Data>]) -> &[Vec<Data>] {
    &rows[3..]
}

fn assert_rate(cell: &Data, t: &duban::circulation::Tally, what: &str) {
    match (cell, t.rate_value()) {
        (Data::Float(v), Some(r)) => assert!((v - r).abs() < 1e-12, "{what}: rate {v} vs {r}"),
        (Data::String(s), None) => assert_eq!(s, "—", "{what}"),
        (c, r) => panic!("{what}: rate cell {c:?} for {r:?}"),
    }
}

fn assert_party_sheet(rows: &[Vec<Data>], expect: &[duban::circulation::PartyRow], what: &str) {
    let rows = data_rows(rows);
    assert_eq!(rows.len(), expect.len(), "{what}: one row per party");
    for (r, e) in rows.iter().zip(expect) {
        match e.rank {
            // A number cell, so that a reader can re-sort by it (§3).
            Some(rank) => assert_eq!(int(&r[0]), i64::from(rank), "{what} {}: rank", e.name),
            None => assert_eq!(text(&r[0]), "—", "{what} {}: unranked", e.name),
        }
        assert_eq!(text(&r[1]), e.name);
        let t = &e.tally;
        let got: Vec<i64> = [2, 3, 4, 5].iter().map(|c| int(&r[*c])).collect();
        let want: Vec<i64> = [t.due_total, t.on_time, t.late_done, t.overdue_open]
            .iter()
            .map(|n| i64::from(*n))
            .collect();
        assert_eq!(
            got, want,
            "{what} {}: 应办结/按期/逾期办结/逾期未办结",
            e.name
        );
        assert_rate(&r[6], t, &e.name);
        assert_eq!(
            int(&r[7]),
            i64::from(e.cooperating),
            "{what} {}: 配合",
            e.name
        );
        assert_eq!(int(&r[8]), i64::from(t.new_items));
        assert_eq!(int(&r[9]), i64::from(t.extensions));
        assert_eq!(int(&r[10]), i64::from(t.standing));
    }
}

#[test]
fn the_exported_workbook_shows_the_same_figures_sheet_by_sheet() {
    let s = ledger();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("通报.xlsx");
    let f: MonthlyFigures = export_monthly(s.conn(), &october(), &path).unwrap();

    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "总体情况",
            "部门排名",
            "单位排名",
            "逾期事项清单",
            "延期事项",
            "报送情况",
            "办结事项"
        ],
        "the sheets of §3, in order"
    );

    let overview = sheet(&path, "总体情况");
    assert!(
        text(&overview[0][0]).contains("2026年10月"),
        "merged title names the month"
    );
    let totals = &data_rows(&overview)[0];
    assert_eq!(text(&totals[0]), "全局合计");
    let t = &f.total;
    let got: Vec<i64> = [1, 2, 3, 4].iter().map(|c| int(&totals[*c])).collect();
    assert_eq!(
        got,
        [t.due_total, t.on_time, t.late_done, t.overdue_open].map(i64::from)
    );
    assert_rate(&totals[5], t, "全局合计");
    assert_eq!(
        [int(&totals[6]), int(&totals[7]), int(&totals[8])],
        [t.new_items, t.extensions, t.standing].map(i64::from)
    );
    assert!(
        overview.iter().flatten().any(|c| text(c) == f.summary),
        "the text summary is on the overview sheet"
    );

    assert_party_sheet(&sheet(&path, "部门排名"), &f.departments, "部门排名");
    assert_party_sheet(&sheet(&path, "单位排名"), &f.units, "单位排名");

    let overdue = sheet(&path, "逾期事项清单");
    let rows = data_rows(&overdue);
    assert_eq!(rows.len(), f.overdue.len());
    for (r, e) in rows.iter().zip(&f.overdue) {
        assert_eq!(text(&r[1]), e.item_no);
        assert_eq!(text(&r[2]), e.name, "user text comes back as the same text");
        assert_eq!(date(&r[6]), e.due, "完成时限 is a date cell");
        assert_eq!(
            (int(&r[7]), int(&r[8])),
            (e.overdue_days, e.overdue_workdays)
        );
    }
    assert!(
        rows.iter()
            .any(|r| matches!(&r[2], Data::String(s) if s == "=SUM(A1:A9)")),
        "a name starting with = stays text"
    );
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let formulas = wb.worksheet_formula("逾期事项清单").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula is written"
    );

    let ext = sheet(&path, "延期事项");
    let rows = data_rows(&ext);
    assert_eq!(rows.len(), f.extensions.len());
    for (r, e) in rows.iter().zip(&f.extensions) {
        assert_eq!(text(&r[1]), e.item_no);
        assert_eq!((date(&r[5]), date(&r[6])), (e.old_deadline, e.new_deadline));
        assert_eq!(text(&r[9]), if e.counted { "是" } else { "否" });
    }

    let reports = sheet(&path, "报送情况");
    let rows = data_rows(&reports);
    assert_eq!(rows.len(), f.reports.len());
    for (r, e) in rows.iter().zip(&f.reports) {
        assert_eq!(text(&r[3]), e.party);
        assert_eq!(date(&r[2]), e.due);
        assert_eq!(text(&r[5]), e.status.label());
        match e.received_on {
            Some(on) => assert_eq!(date(&r[4]), on),
            None => assert_eq!(r[4], Data::Empty),
        }
    }

    let done = sheet(&path, "办结事项");
    let rows = data_rows(&done);
    assert_eq!(rows.len(), f.finished.len());
    for (r, e) in rows.iter().zip(&f.finished) {
        assert_eq!(text(&r[1]), e.item_no);
        assert_eq!((date(&r[4]), date(&r[5])), (e.due, e.done));
        assert_eq!(text(&r[6]), if e.on_time { "按期" } else { "逾期" });
    }
}

#[test]
fn the_unit_sheet_is_left_out_when_no_unit_leads_an_item() {
    let mut s = store();
    add(
        &mut s,
        "2026-09-01",
        "部门事项",
        "办公厅",
        Some("2026-10-15"),
        None,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("通报.xlsx");
    export_monthly(s.conn(), &october(), &path).unwrap();
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "总体情况",
            "部门排名",
            "逾期事项清单",
            "延期事项",
            "报送情况",
            "办结事项"
        ]
    );
}
