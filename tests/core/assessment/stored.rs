//! 绩效考核 from a real database: the indicators from items, extensions and
//! rounds, 综合评价 typed in and imported, schemes, publishing and 更正.

use duban::assessment::{
    self, assess, choose_scheme, copy_scheme, manual_scores, publish_assessment,
    published_assessment, set_manual, update_scheme, AssessPeriod, Assessment, IndicatorId,
    PartyScore, SchemeChange,
};
use duban::extensions::{self, ExtensionDecision, NewExtension};
use duban::imports::{FileStatus, ImportOptions};
use duban::items::{self, NewItem, Status};
use duban::publications::{self, PublicationKind};
use duban::rounds::{create_round, NewRound, RoundKind, Targets};
use duban::store::Store;

use crate::support::{actor, d, store};

fn add(s: &mut Store, name: &str, lead: &str, due: &str, done: Option<&str>) -> String {
    let mut n = NewItem::new(name, lead, Some(d(due)));
    if let Some(done) = done {
        n.status = Status::Done;
        n.done_on = Some(d(done));
    }
    items::create_item(s, &actor("2026-10-20 09:00"), &n)
        .unwrap()
        .item_no
}

/// November 2026: two departments and two units with items, an approved
/// extension, a round with one report on time and one missing.
fn november() -> Store {
    let mut s = store();
    add(
        &mut s,
        "按期办结",
        "办公厅",
        "2026-11-10",
        Some("2026-11-09"),
    );
    add(&mut s, "逾期未办", "办公厅", "2026-11-20", None);
    let ext = add(&mut s, "批准延期", "办公厅", "2026-12-20", None);
    let e = extensions::request(
        &mut s,
        &actor("2026-11-10 10:00"),
        &NewExtension {
            item_no: ext,
            requested_on: d("2026-11-10"),
            new_deadline: d("2026-12-31"),
            reason: "等待上级政策".into(),
            progress_so_far: "已调研".into(),
        },
    )
    .unwrap();
    extensions::decide(
        &mut s,
        &actor("2026-11-12 10:00"),
        e.id,
        &ExtensionDecision {
            approve: true,
            comment: String::new(),
        },
    )
    .unwrap();
    add(
        &mut s,
        "法规按期",
        "政策法规司",
        "2026-11-15",
        Some("2026-11-15"),
    );
    add(
        &mut s,
        "北京按期",
        "北京市税务局",
        "2026-11-05",
        Some("2026-11-05"),
    );
    let round = create_round(
        &mut s,
        &actor("2026-11-01 09:00"),
        &NewRound {
            title: "十一月落实情况报送".into(),
            kind: RoundKind::Progress,
            phase: String::new(),
            document_id: None,
            policy_name: String::new(),
            policy_doc_no: String::new(),
            issued_on: None,
            due: d("2026-11-20"),
            notes: String::new(),
            targets: Targets::Named(vec!["北京".into(), "天津".into()]),
        },
    )
    .unwrap();
    s.conn()
        .execute(
            "INSERT INTO round_reports(round_id, party_id, received_on, created_at)
             SELECT ?1, id, '2026-11-19', '2026-11-19' FROM parties WHERE name = '北京市税务局'",
            [round.id],
        )
        .unwrap();
    s
}

fn nov() -> AssessPeriod {
    "2026-11".parse().unwrap()
}

fn row<'a>(rows: &'a [PartyScore], name: &str) -> &'a PartyScore {
    rows.iter()
        .find(|r| r.party == name)
        .unwrap_or_else(|| panic!("{name} has a row"))
}

fn value(r: &PartyScore, id: IndicatorId) -> Option<f64> {
    r.indicators.iter().find(|i| i.id == id).map(|i| i.value)
}

fn audit_count(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_indicators_come_from_items_extensions_and_rounds() {
    let s = november();
    let a = assess(s.conn(), &nov(), None).unwrap();
    assert_eq!(a.as_of, d("2026-11-30"), "as-of defaults to the last day");
    assert_eq!(a.scheme, "默认方案");
    let active: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM parties WHERE active = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        (a.departments.len() + a.units.len()) as i64,
        active,
        "every department and unit gets a row"
    );
    let office = row(&a.departments, "办公厅");
    assert_eq!(value(office, IndicatorId::OnTimeRate), Some(0.5));
    assert_eq!(value(office, IndicatorId::OverdueOpen), Some(1.0));
    assert_eq!(value(office, IndicatorId::Extensions), Some(1.0));
    // (50×50 + 20×90 + 10×95 + 10×100 for no 约谈/问责) / 90
    assert_eq!(office.score, Some(6250.0 / 90.0));
    assert_eq!(office.rank, Some(2));
    assert_eq!(row(&a.departments, "政策法规司").rank, Some(1));
    let beijing = row(&a.units, "北京市税务局");
    assert_eq!(value(beijing, IndicatorId::ReportTimeliness), Some(1.0));
    assert_eq!((beijing.score, beijing.rank), (Some(100.0), Some(1)));
    let tianjin = row(&a.units, "天津市税务局");
    assert_eq!(
        value(tianjin, IndicatorId::ReportTimeliness),
        Some(0.0),
        "漏报"
    );
    assert_eq!(
        value(tianjin, IndicatorId::OnTimeRate),
        None,
        "leads nothing"
    );
    // 报送及时率 0 (weight 20); no 舆情 and no 约谈/问责: 100 each (10, 10, 5)
    assert_eq!(
        (tianjin.score, tianjin.rank),
        (Some(2500.0 / 45.0), Some(2))
    );
    let hebei = row(&a.units, "河北省税务局");
    assert_eq!(
        (hebei.score, hebei.rank),
        (None, None),
        "no rate: listed with —"
    );

    // As of the 15th the 20th's deadlines are not due yet.
    let mid = assess(s.conn(), &nov(), Some(d("2026-11-15"))).unwrap();
    let office = row(&mid.departments, "办公厅");
    assert_eq!(value(office, IndicatorId::OnTimeRate), Some(1.0));
    assert_eq!(
        value(
            row(&mid.units, "天津市税务局"),
            IndicatorId::ReportTimeliness
        ),
        None
    );
    // As of the round's due day, at its end: 天津 sent nothing, 漏报.
    let due_day = assess(s.conn(), &nov(), Some(d("2026-11-20"))).unwrap();
    assert_eq!(
        value(
            row(&due_day.units, "天津市税务局"),
            IndicatorId::ReportTimeliness
        ),
        Some(0.0)
    );
    // A quarter counts the same facts over October–December.
    let q4 = assess(s.conn(), &"2026Q4".parse().unwrap(), None).unwrap();
    let office = row(&q4.departments, "办公厅");
    assert_eq!(
        value(office, IndicatorId::OverdueOpen),
        Some(2.0),
        "the extended one too, by 12-31"
    );
}

#[test]
fn an_as_of_day_before_the_period_is_refused() {
    let s = november();
    let e = assess(s.conn(), &nov(), Some(d("2026-10-31"))).unwrap_err();
    assert!(e.to_string().contains("早于2026年11月的第一天"), "{e}");
}

#[test]
fn a_manual_score_outside_0_to_100_is_refused_and_nothing_is_written() {
    let mut s = november();
    let before = audit_count(&s);
    for bad in [100.5, -1.0, f64::NAN] {
        let e = set_manual(
            &mut s,
            &actor("2026-12-01 09:00"),
            &nov(),
            "办公厅",
            bad,
            "",
        )
        .unwrap_err();
        assert!(e.to_string().contains("0 至 100"), "{e}");
    }
    assert!(manual_scores(s.conn(), &nov()).unwrap().is_empty());
    assert_eq!(audit_count(&s), before);
    set_manual(
        &mut s,
        &actor("2026-12-01 09:00"),
        &nov(),
        "办公厅",
        100.0,
        "表现突出",
    )
    .unwrap();
    assert_eq!(audit_count(&s), before + 1);
    let a = assess(s.conn(), &nov(), None).unwrap();
    assert_eq!(
        value(row(&a.departments, "办公厅"), IndicatorId::Manual),
        Some(100.0)
    );
    let other: AssessPeriod = "2026Q4".parse().unwrap();
    let q = assess(s.conn(), &other, None).unwrap();
    assert_eq!(
        value(row(&q.departments, "办公厅"), IndicatorId::Manual),
        None,
        "per period"
    );
}

fn manual_sheet(path: &std::path::Path, rows: &[(&str, f64, &str)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "2026年11月综合评价").unwrap();
    for (c, h) in ["单位/部门", "得分", "备注"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (i, (p, score, note)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *p).unwrap();
        ws.write_number(r, 1, *score).unwrap();
        ws.write_string(r, 2, *note).unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn manual_scores_are_imported_through_the_loader_all_or_nothing() {
    let mut s = november();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("综合评价.xlsx");
    manual_sheet(
        &f,
        &[
            ("办公厅", 90.0, "好"),
            ("北京", 120.0, ""),
            ("不存在的处", 80.0, ""),
            // 厅办 is an alias of 办公厅: a second score for it.
            ("厅办", 40.0, ""),
        ],
    );
    let at = actor("2026-12-01 09:00");
    let strict = ImportOptions::default();
    let b = assessment::import_manual(&mut s, &at, &nov(), &[&f], &strict);
    let r = &b.files[0];
    assert_eq!(r.status, FileStatus::Rejected);
    let reasons: Vec<String> = r
        .rows_rejected
        .iter()
        .map(|i| format!("{}|{}|{}", i.row, i.column, i.reason))
        .collect();
    assert!(
        reasons[0].starts_with("5|得分|") && reasons[0].contains("0 至 100"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("6|单位/部门|") && reasons[1].contains("不存在的处"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].starts_with("7|单位/部门|")
            && reasons[2].contains("“厅办”（办公厅）在工作表“Sheet1”第 4 行已有得分"),
        "{reasons:?}"
    );
    assert!(
        manual_scores(s.conn(), &nov()).unwrap().is_empty(),
        "nothing written"
    );

    let valid = ImportOptions {
        apply_valid_rows: true,
        ..ImportOptions::default()
    };
    let b = assessment::import_manual(&mut s, &at, &nov(), &[&f], &valid);
    assert_eq!(b.files[0].status, FileStatus::Partial);
    let m = manual_scores(s.conn(), &nov()).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(
        m.values().next().unwrap().score,
        90.0,
        "the first row's score"
    );
    assert_eq!(m.values().next().unwrap().note, "好");
}

#[test]
fn the_same_sheet_for_another_period_is_not_a_duplicate() {
    let mut s = november();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("综合评价.xlsx");
    manual_sheet(&f, &[("办公厅", 90.0, "好")]);
    let at = actor("2026-12-01 09:00");
    let options = ImportOptions::default();
    let q4: AssessPeriod = "2026Q4".parse().unwrap();
    for (period, status) in [
        (nov(), FileStatus::Applied),
        (q4, FileStatus::Applied),
        (nov(), FileStatus::Duplicate),
    ] {
        let b = assessment::import_manual(&mut s, &at, &period, &[&f], &options);
        assert_eq!(b.files[0].status, status, "{period}");
    }
    for period in [nov(), q4] {
        let m = manual_scores(s.conn(), &period).unwrap();
        assert_eq!(
            m.values().map(|v| v.score).collect::<Vec<_>>(),
            [90.0],
            "{period}"
        );
    }
}

#[test]
fn a_copied_scheme_is_changed_and_chosen_for_a_period() {
    let mut s = november();
    let at = actor("2026-12-01 09:00");
    let e = update_scheme(&mut s, &at, "默认方案", &SchemeChange::default()).unwrap_err();
    assert!(e.to_string().contains("默认方案不能修改"), "{e}");
    copy_scheme(&mut s, &at, "默认方案", "重实效方案").unwrap();
    assert!(
        copy_scheme(&mut s, &at, "默认方案", "重实效方案").is_err(),
        "name taken"
    );
    let before = audit_count(&s);
    let all_zero = SchemeChange {
        departments: IndicatorId::ALL
            .into_iter()
            .filter(|i| i.for_departments())
            .map(|i| (i, 0.0))
            .collect(),
        ..SchemeChange::default()
    };
    let e = update_scheme(&mut s, &at, "重实效方案", &all_zero).unwrap_err();
    assert!(e.to_string().contains("权重不能全部为 0"), "{e}");
    assert_eq!(audit_count(&s), before, "nothing written");
    let stored = assessment::scheme_by_name(s.conn(), "重实效方案").unwrap();
    assert_eq!(stored.body, assessment::SchemeBody::default(), "unchanged");

    update_scheme(
        &mut s,
        &at,
        "重实效方案",
        &SchemeChange {
            departments: vec![(IndicatorId::OnTimeRate, 80.0)],
            factors: vec![(IndicatorId::OverdueOpen, 50.0)],
            ..SchemeChange::default()
        },
    )
    .unwrap();
    choose_scheme(&mut s, &at, &nov(), "重实效方案").unwrap();
    let a = assess(s.conn(), &nov(), None).unwrap();
    assert_eq!(a.scheme, "重实效方案");
    let office = row(&a.departments, "办公厅");
    // (80×50 + 20×50 + 10×95 + 10×100) / 120
    assert_eq!(
        office.score,
        Some((4000.0 + 1000.0 + 950.0 + 1000.0) / 120.0)
    );
    let oct = assess(s.conn(), &"2026-10".parse().unwrap(), None).unwrap();
    assert_eq!(oct.scheme, "默认方案", "other periods keep the default");
}

#[test]
fn the_shipped_default_scheme_is_the_one_of_exchange_6() {
    let s = store();
    let stored = assessment::scheme_by_name(s.conn(), "默认方案").unwrap();
    assert_eq!(stored.body, assessment::SchemeBody::default());
    assert!(stored.builtin);
}

#[test]
fn a_period_that_has_not_ended_is_published_only_with_an_explicit_as_of_day() {
    let mut s = november();
    let e = publish_assessment(&mut s, &actor("2026-11-30 18:00"), &nov(), None, None).unwrap_err();
    assert!(e.to_string().contains("2026年11月尚未结束"), "{e}");
    assert!(
        publications::versions(s.conn(), PublicationKind::Assessment, "2026-11")
            .unwrap()
            .is_empty()
    );
    let (v, a) = publish_assessment(
        &mut s,
        &actor("2026-11-30 18:00"),
        &nov(),
        Some(d("2026-11-29")),
        None,
    )
    .unwrap();
    assert_eq!((v.as_of, a.as_of), (d("2026-11-29"), d("2026-11-29")));
}

#[test]
fn a_published_period_does_not_move_and_a_republish_keeps_both_versions() {
    let mut s = november();
    let (v1, published) =
        publish_assessment(&mut s, &actor("2026-12-01 10:00"), &nov(), None, None).unwrap();
    assert_eq!((v1.version, v1.current), (1, true));
    assert_eq!(published, assess(s.conn(), &nov(), None).unwrap());

    // The data changes: 政策法规司 gets an overdue item in November.
    add(&mut s, "后补的逾期事项", "政策法规司", "2026-11-25", None);
    let live = assess(s.conn(), &nov(), None).unwrap();
    assert_ne!(row(&live.departments, "政策法规司").score, Some(100.0));
    let (_, frozen) = published_assessment(s.conn(), &nov()).unwrap().unwrap();
    assert_eq!(frozen, published, "the published figure does not move");
    assert_eq!(row(&frozen.departments, "政策法规司").score, Some(100.0));

    // Publishing again needs a 更正 reason; without one nothing is written.
    let before = audit_count(&s);
    let e = publish_assessment(&mut s, &actor("2026-12-02 10:00"), &nov(), None, Some("  "))
        .unwrap_err();
    assert!(
        e.to_string().contains("不能重复发布") && e.to_string().contains("更正原因"),
        "{e}"
    );
    assert_eq!(audit_count(&s), before);

    let (v2, second) = publish_assessment(
        &mut s,
        &actor("2026-12-02 10:00"),
        &nov(),
        None,
        Some("补录政策法规司逾期事项"),
    )
    .unwrap();
    assert_eq!(
        (v2.version, v2.reason.as_str()),
        (2, "补录政策法规司逾期事项")
    );
    assert_eq!(second, live);
    assert_eq!(audit_count(&s), before + 1);
    let versions =
        publications::versions(s.conn(), PublicationKind::Assessment, "2026-11").unwrap();
    let shape: Vec<(u32, bool)> = versions.iter().map(|v| (v.version, v.current)).collect();
    assert_eq!(shape, [(1, false), (2, true)]);
    let first: Assessment = publications::get(s.conn(), versions[0].id)
        .unwrap()
        .figures_as()
        .unwrap();
    assert_eq!(first, published, "version 1 stays readable as it was");
    assert_eq!(versions[0].published_by, "测试员");
}

#[test]
fn the_counts_are_the_monthly_sheets_own_over_a_month() {
    use duban::circulation::{lead_tallies, load_inputs, monthly_figures, Month, Period};
    let s = november();
    let period = Period::new(Month::new(2026, 11).unwrap(), None).unwrap();
    let monthly = monthly_figures(s.conn(), &period).unwrap();
    let inputs = load_inputs(s.conn(), &period).unwrap();
    let cal = duban::calendar::Calendar::load(s.conn()).unwrap();
    let tallies = lead_tallies(&inputs, &cal, &period.span());
    let rows: Vec<_> = monthly.departments.iter().chain(&monthly.units).collect();
    assert_eq!(tallies.len(), rows.len());
    for r in rows {
        assert_eq!(tallies[&r.party_id], r.tally, "{}", r.name);
    }
}
