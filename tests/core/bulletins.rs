//! 月度督办通报, published: frozen figures, 更正 versions, the words of the
//! 通报 on hand-made figures, the Word file read back (and rendered by
//! LibreOffice when it is installed), 交办单 and 督办事项卡.

use duban::bulletins::{self, text};
use duban::calendar::Calendar;
use duban::circulation::{MonthlyFigures, PartyRow, Period, ReportRow, Tally};
use duban::docx::document_xml;
use duban::error::Error;
use duban::items::{self, NewItem, Status};
use duban::org::PartyKind;
use duban::rounds::ReportStatus;
use duban::store::Store;

use crate::support::{actor, count, d, store};

mod render;

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

fn nov() -> duban::circulation::Month {
    "2026-11".parse().unwrap()
}

/// November 2026: 办公厅 one on time and one overdue, 政策法规司 one on time.
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
    add(
        &mut s,
        "法规清理",
        "政策法规司",
        "2026-11-15",
        Some("2026-11-14"),
    );
    s
}

fn json(f: &MonthlyFigures) -> serde_json::Value {
    serde_json::to_value(f).unwrap()
}

#[test]
fn a_month_that_has_not_ended_or_an_as_of_day_after_today_is_refused_and_nothing_is_written() {
    let mut s = november();
    let before = count(&s, "publications");
    let e =
        bulletins::publish_monthly(&mut s, &actor("2026-11-30 18:00"), nov(), None).unwrap_err();
    assert!(matches!(e, Error::Invalid(_)), "{e:?}");
    assert!(
        e.to_string().contains("尚未结束") && e.to_string().contains("--as-of"),
        "{e}"
    );
    let e = bulletins::publish_monthly(
        &mut s,
        &actor("2026-11-20 18:00"),
        nov(),
        Some(d("2026-11-25")),
    )
    .unwrap_err();
    assert!(e.to_string().contains("晚于今天"), "{e}");
    let e = bulletins::correct_monthly(&mut s, &actor("2026-12-01 09:00"), nov(), None, "改")
        .unwrap_err();
    assert!(e.to_string().contains("尚未发布"), "{e}");
    assert_eq!(count(&s, "publications"), before);

    // An explicit as-of day inside the month is fine.
    let (row, issue) = bulletins::publish_monthly(
        &mut s,
        &actor("2026-11-20 18:00"),
        nov(),
        Some(d("2026-11-20")),
    )
    .unwrap();
    assert_eq!(row.summary.as_of, d("2026-11-20"));
    assert_eq!(issue.figures.period.as_of, d("2026-11-20"));
}

#[test]
fn a_published_issue_does_not_move_and_a_correction_is_version_2_with_version_1_kept() {
    let mut s = november();
    let (v1, published) =
        bulletins::publish_monthly(&mut s, &actor("2026-12-01 10:00"), nov(), None).unwrap();
    assert_eq!(v1.summary.issue.unwrap().label(), "2026年第1期");
    assert_eq!(v1.docx_name, "督办通报2026年第1期.docx");
    assert_eq!(published.issuer, duban::reminders::DEFAULT_OFFICE_NAME);
    assert_eq!(published.figures.total.due_total, 3);
    let dir = tempfile::tempdir().unwrap();
    let first = bulletins::export_monthly_issue(s.conn(), v1.summary.id, dir.path()).unwrap();
    let first_xml = document_xml(&std::fs::read(&first.docx).unwrap()).unwrap();

    // The data changes afterwards: 政策法规司 gets an overdue item in November.
    add(&mut s, "后补的逾期事项", "政策法规司", "2026-11-25", None);
    let period = Period::new(nov(), None).unwrap();
    let live = duban::circulation::monthly_figures(s.conn(), &period).unwrap();
    assert_eq!(live.total.due_total, 4);
    let (_, frozen) = bulletins::get_monthly(s.conn(), v1.summary.id).unwrap();
    assert_eq!(json(&frozen.figures), json(&published.figures));
    let dir2 = tempfile::tempdir().unwrap();
    let again = bulletins::export_monthly_issue(s.conn(), v1.summary.id, dir2.path()).unwrap();
    let again_xml = document_xml(&std::fs::read(&again.docx).unwrap()).unwrap();
    assert_eq!(first_xml, again_xml, "the Word 通报 says the same thing");
    let sheet = |p: &std::path::Path| {
        use calamine::{Reader, Xlsx};
        let mut wb: Xlsx<_> = calamine::open_workbook(p).unwrap();
        let r = wb.worksheet_range("部门排名").unwrap();
        r.rows()
            .map(|row| row.iter().map(|c| c.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    assert_eq!(sheet(&first.xlsx), sheet(&again.xlsx), "the workbook too");

    // Publishing again without 更正 is refused; nothing is written.
    let before = count(&s, "audit_log");
    let e =
        bulletins::publish_monthly(&mut s, &actor("2026-12-02 10:00"), nov(), None).unwrap_err();
    assert!(e.to_string().contains("不能重复发布"), "{e}");
    let e = bulletins::correct_monthly(&mut s, &actor("2026-12-02 10:00"), nov(), None, "  ")
        .unwrap_err();
    assert!(e.to_string().contains("更正原因"), "{e}");
    assert_eq!(count(&s, "audit_log"), before);

    let (v2, second) = bulletins::correct_monthly(
        &mut s,
        &actor("2026-12-02 10:00"),
        nov(),
        None,
        "补录政策法规司逾期事项",
    )
    .unwrap();
    assert_eq!(
        (v2.summary.version, v2.summary.reason.as_str()),
        (2, "补录政策法规司逾期事项")
    );
    assert_eq!(v2.summary.issue, v1.summary.issue, "the number is kept");
    assert_eq!(v2.docx_name, "督办通报2026年第1期（更正版2）.docx");
    assert_eq!(json(&second.figures), json(&live));
    assert_eq!(count(&s, "audit_log"), before + 1);
    let list = bulletins::list_monthly(s.conn()).unwrap();
    let shape: Vec<(u32, bool)> = list
        .iter()
        .map(|r| (r.summary.version, r.summary.current))
        .collect();
    assert_eq!(shape, [(2, true), (1, false)]);
    let (_, old) = bulletins::get_monthly(s.conn(), v1.summary.id).unwrap();
    assert_eq!(
        json(&old.figures),
        json(&published.figures),
        "version 1 kept"
    );
    let v2_files = bulletins::export_monthly_issue(s.conn(), v2.summary.id, dir.path()).unwrap();
    let v2_xml = document_xml(&std::fs::read(&v2_files.docx).unwrap()).unwrap();
    assert!(v2_xml.contains("更正版2") && v2_xml.contains("补录政策法规司逾期事项"));
}

#[test]
fn the_word_file_has_the_header_the_tables_and_the_numbers() {
    let mut s = november();
    let (row, _) =
        bulletins::publish_monthly(&mut s, &actor("2026-12-01 10:00"), nov(), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = bulletins::export_monthly_issue(s.conn(), row.summary.id, dir.path()).unwrap();
    assert!(files.xlsx.ends_with("督办通报2026年第1期.xlsx"));
    let xml = document_xml(&std::fs::read(&files.docx).unwrap()).unwrap();
    for want in [
        ">督办通报<",
        ">2026年第1期<",
        duban::reminders::DEFAULT_OFFICE_NAME,
        "2026年12月1日",
        "一、总体情况",
        "全局应办结督办事项3项，其中按期办结2项、逾期办结0项、逾期未办结1项，按期办结率66.7%",
        "内设机构按期办结率排名第一的是政策法规司（100.0%），排名最后的是办公厅（50.0%）",
        "逾期未办结事项1项，涉及办公厅（1项）",
        ">排名<",
        ">按期办结率<",
        ">逾期未办",
        "三、逾期未办结事项",
        "2026-11-20",
        "六、统计口径",
        "<w:tblHeader />",
    ] {
        assert!(xml.contains(want), "document.xml lacks {want}");
    }
    // Render it when LibreOffice is installed.
    render::check_pdf(
        &files.docx,
        &["督办通报", "2026年第1期", "总体情况", "统计口径"],
    );
}

fn tally(due: u32, on_time: u32, open: u32) -> Tally {
    let permille = duban::circulation::figures::rate_permille(on_time, due);
    Tally {
        due_total: due,
        on_time,
        late_done: due - on_time - open,
        overdue_open: open,
        rate_permille: permille,
        rate_text: duban::circulation::figures::rate_text(permille),
        ..Tally::default()
    }
}

fn party(name: &str, t: Tally, rank: Option<u32>) -> PartyRow {
    PartyRow {
        party_id: 0,
        name: name.into(),
        kind: PartyKind::Department,
        tally: t,
        cooperating: 0,
        rank,
    }
}

#[test]
fn first_and_last_are_named_with_ties_and_unranked_and_empty_groups() {
    let cases: Vec<(Vec<PartyRow>, &str)> = vec![
        (vec![], "内设机构本月没有牵头的督办事项。"),
        (
            vec![party("甲", tally(0, 0, 0), None)],
            "内设机构本月均没有应办结事项，不排名。",
        ),
        (
            vec![party("甲", tally(2, 1, 1), Some(1))],
            "内设机构中仅甲有应办结事项，按期办结率50.0%。",
        ),
        (
            vec![
                party("甲", tally(2, 2, 0), Some(1)),
                party("乙", tally(1, 1, 0), Some(1)),
            ],
            "内设机构参与排名的2家按期办结率均为100.0%，并列第一。",
        ),
        (
            vec![
                party("甲", tally(2, 2, 0), Some(1)),
                party("乙", tally(1, 1, 0), Some(1)),
                party("丙", tally(4, 1, 3), Some(3)),
                party("丁", tally(4, 1, 3), Some(3)),
                party("戊", tally(0, 0, 0), None),
            ],
            "内设机构按期办结率排名第一的是甲、乙（并列）（100.0%），排名最后的是丙、丁（并列）（25.0%）；另有1家本月没有应办结事项，不排名。",
        ),
        (
            vec![
                party("甲", tally(3, 2, 1), Some(1)),
                party("乙", tally(3, 1, 2), Some(2)),
            ],
            "内设机构按期办结率排名第一的是甲（66.7%），排名最后的是乙（33.3%）。",
        ),
    ];
    for (rows, want) in cases {
        assert_eq!(text::ranking_sentence("内设机构", &rows), want);
    }
}

fn report(round: i64, party: &str, status: ReportStatus) -> ReportRow {
    ReportRow {
        round_id: round,
        round: format!("任务{round}"),
        due: d("2026-11-10"),
        party: party.into(),
        received_on: None,
        status,
    }
}

#[test]
fn the_reporting_discipline_names_who_did_not_report() {
    use ReportStatus::*;
    let cases: Vec<(Vec<ReportRow>, &str)> = vec![
        (vec![], "本月没有到期的报送任务。"),
        (
            vec![report(1, "A局", OnTime), report(1, "B局", OnTime)],
            "本月到期报送任务1项，应报2家次，按时报送2家次、迟报0家次、漏报0家次。各单位均按时报送。",
        ),
        (
            vec![
                report(1, "A局", Missing),
                report(2, "A局", Missing),
                report(1, "B局", Late),
                report(2, "C局", NotDue),
            ],
            "本月到期报送任务2项，应报4家次，按时报送0家次、迟报1家次、漏报2家次，尚未到期1家次。未报送的单位：A局（2次）。迟报的单位：B局。",
        ),
        // Named in the rows' order (the organisation's), not by character code.
        (
            vec![
                report(1, "北京局", Missing),
                report(1, "上海局", Missing),
                report(1, "云南局", Missing),
            ],
            "本月到期报送任务1项，应报3家次，按时报送0家次、迟报0家次、漏报3家次。未报送的单位：北京局、上海局、云南局。",
        ),
    ];
    for (rows, want) in cases {
        assert_eq!(text::reporting(&rows), want);
    }
}

#[test]
fn the_overview_of_an_empty_month_says_so() {
    let s = store();
    let period = Period::new(nov(), None).unwrap();
    let f = duban::circulation::monthly_figures(s.conn(), &period).unwrap();
    let paras = text::overview(&f);
    assert_eq!(
        paras[0],
        "2026年11月（统计截至2026年11月30日），全局没有应办结的督办事项。本月新增督办事项0项，批准延期0次。"
    );
    assert_eq!(paras[1], "内设机构本月没有牵头的督办事项。");
    assert_eq!(paras[2], "本月无逾期事项。");
}

#[test]
fn a_split_document_gives_one_handover_per_lead_department_and_an_item_card() {
    let mut s = store();
    let doc = crate::support::document(
        &mut s,
        "关于开展税费服务专项行动的通知",
        "2026-11-02",
        duban::documents::Urgency::PingJian,
        None,
    );
    let doc_id = duban::documents::get_document(s.conn(), &doc)
        .unwrap()
        .row
        .id;
    let today = d("2026-11-03");
    let cal = Calendar::load(s.conn()).unwrap();
    let e = bulletins::handover::handover_docs(s.conn(), &cal, today, &doc).unwrap_err();
    assert!(e.to_string().contains("尚未分解"), "{e}");
    let mut new = |name: &str, lead: &str, coop: &[&str]| {
        let mut n = NewItem::new(name, lead, Some(d("2026-12-15")));
        n.document_id = Some(doc_id);
        n.requirement = format!("{name}的工作要求");
        n.cooperators = coop.iter().map(|c| c.to_string()).collect();
        if !coop.is_empty() {
            n.coordinator_leader = "张局长".into();
        }
        items::create_item(&mut s, &actor("2026-11-03 09:00"), &n)
            .unwrap()
            .item_no
    };
    let first = new("梳理服务事项", "办公厅", &["政策法规司"]);
    new("修订办税指南", "办公厅", &[]);
    new("清理规范性文件", "政策法规司", &[]);
    let dir = tempfile::tempdir().unwrap();
    let files =
        bulletins::handover::write_handover(s.conn(), &cal, today, &doc, dir.path()).unwrap();
    let shape: Vec<(&str, usize)> = files.iter().map(|f| (f.lead.as_str(), f.items)).collect();
    assert_eq!(shape, [("办公厅", 2), ("政策法规司", 1)]);
    let xml = document_xml(&std::fs::read(&files[0].path).unwrap()).unwrap();
    for want in [
        "督办事项交办单",
        "关于开展税费服务专项行动的通知",
        "梳理服务事项的工作要求",
        "修订办税指南",
        "2026-12-15",
        "张局长",
        ">配合部门<",
    ] {
        assert!(xml.contains(want), "交办单 lacks {want}");
    }
    assert!(!xml.contains("清理规范性文件"), "another department's item");

    let card = dir.path().join("卡.docx");
    bulletins::handover::write_item_card(s.conn(), &cal, today, &first, &card).unwrap();
    let xml = document_xml(&std::fs::read(&card).unwrap()).unwrap();
    for want in [
        "督办事项卡",
        first.as_str(),
        "梳理服务事项",
        "政策法规司",
        "张局长",
    ] {
        assert!(xml.contains(want), "事项卡 lacks {want}");
    }
    let e = bulletins::handover::item_card(s.conn(), &cal, today, "DB2026-9999").unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e:?}");
}

#[test]
fn the_word_file_lists_the_longest_overdue_items_and_refers_to_the_appendix_for_the_rest() {
    let s = store();
    let period = Period::new(nov(), None).unwrap();
    let mut f = duban::circulation::monthly_figures(s.conn(), &period).unwrap();
    for i in 0..31 {
        f.overdue.push(duban::circulation::OverdueRow {
            item_no: format!("DB2026-{:04}", i + 1),
            name: format!("事项{}", i + 1),
            lead: "办公厅".into(),
            cooperators: String::new(),
            deadline: Some(d("2026-11-01")),
            due: d("2026-11-01"),
            overdue_days: 100 - i,
            overdue_workdays: 60 - i,
            overdue_workdays_provisional: i == 0,
            status: "推进中".into(),
        });
    }
    let summary = duban::publications::PublicationSummary {
        id: 1,
        kind: duban::publications::PublicationKind::MonthlyBulletin,
        period: "2026-11".into(),
        version: 1,
        current: true,
        issue: Some(duban::publications::IssueNo {
            year: 2026,
            number: 11,
        }),
        as_of: d("2026-11-30"),
        reason: String::new(),
        published_by: "测试员".into(),
        published_at: crate::support::at("2026-12-01 09:00"),
    };
    let issue = bulletins::MonthlyIssue {
        issuer: "某市税务局督查督办室".into(),
        figures: f,
    };
    let xml = document_xml(&bulletins::word::monthly_docx(&summary, &issue).unwrap()).unwrap();
    assert!(xml.contains("逾期未办结事项共31项，以下列出逾期时间最长的30项"));
    assert!(xml.contains(">DB2026-0030<") && !xml.contains(">DB2026-0031<"));
    assert!(
        xml.contains(">60（暂定）<") && xml.contains(">59<"),
        "a count over a year without a schedule says so"
    );
    assert!(xml.contains(">某市税务局督查督办室<") && xml.contains(">2026年第11期<"));
}
