//! 发文登记 and 公文办理质量: the register's checks, quality events recorded
//! and derived, the figures (ranking with ties), publishing frozen, the
//! workbook of the stored figures, the 重要发文 reminders.

mod as_of;
mod figures;

use calamine::{open_workbook, Data, Reader, Xlsx};
use duban::calendar::Calendar;
use duban::countersigns::{self, CountersignKind, NewCountersign, NewReply, Opinion};
use duban::outgoing::{self, EventKind, Gate, NewEvent, NewOutgoing, OutgoingPatch, QualityPeriod};
use duban::reminders::ReminderKind;
use duban::rhythm;
use duban::store::Store;
use duban::Error;

use crate::support::{actor, at, count, d, of_kind, store};

fn new_doc(no: &str, dept: &str, drafted: &str, issued: Option<&str>) -> NewOutgoing {
    NewOutgoing {
        doc_no: no.into(),
        title: format!("{no}的标题"),
        department: dept.into(),
        drafted_on: d(drafted),
        issued_on: issued.map(d),
        ..Default::default()
    }
}

/// Registers `n` as at the end of November (its stages happened before).
fn add(s: &mut Store, n: &NewOutgoing) {
    outgoing::add(s, &actor("2026-11-30 18:00"), n).unwrap();
}

fn event(no: &str, dept: Option<&str>, kind: EventKind, gate: Option<Gate>, on: &str) -> NewEvent {
    NewEvent {
        doc_no: no.into(),
        department: dept.map(str::to_string),
        kind,
        gate,
        occurred_on: d(on),
        note: String::new(),
    }
}

#[test]
fn bad_registrations_and_events_write_nothing() {
    let mut s = store();
    add(
        &mut s,
        &new_doc("税发〔2026〕1号", "办公厅", "2026-11-02", None),
    );
    let before = (
        count(&s, "outgoing_docs"),
        count(&s, "outgoing_events"),
        count(&s, "audit_log"),
    );
    let a = actor("2026-11-20 09:00");
    let cases: Vec<(NewOutgoing, &str)> = vec![
        (
            new_doc("税发〔2026〕2号", "不存在司", "2026-11-02", None),
            "组织机构中没有“不存在司”",
        ),
        (
            new_doc("税发〔2026〕2号", "北京市税务局", "2026-11-02", None),
            "下级单位",
        ),
        (
            new_doc(
                "税发〔2026〕2号",
                "办公厅",
                "2026-11-05",
                Some("2026-11-01"),
            ),
            "印发日期 2026-11-01 早于拟稿日期 2026-11-05",
        ),
        (
            new_doc(
                "税发〔2026〕2号",
                "办公厅",
                "2026-11-05",
                Some("2026-11-21"),
            ),
            "印发日期 2026-11-21 晚于今天（2026-11-20）",
        ),
        (
            new_doc("税发〔2026〕1号", "办公厅", "2026-11-02", None),
            "已登记",
        ),
        (new_doc(" ", "办公厅", "2026-11-02", None), "文号"),
        (
            NewOutgoing {
                approved_on: Some(d("2026-11-03")),
                countersigned_on: Some(d("2026-11-04")),
                ..new_doc("税发〔2026〕2号", "办公厅", "2026-11-02", None)
            },
            "审签日期 2026-11-03 早于会签日期 2026-11-04",
        ),
        (
            NewOutgoing {
                countersign_id: Some(42),
                ..new_doc("税发〔2026〕2号", "办公厅", "2026-11-02", None)
            },
            "42",
        ),
    ];
    for (n, want) in cases {
        let e = outgoing::add(&mut s, &a, &n).expect_err(want);
        assert!(e.to_string().contains(want), "want {want}: {e}");
    }
    let e = outgoing::update(
        &mut s,
        &a,
        "税发〔2026〕1号",
        &OutgoingPatch {
            issued_on: Some(d("2026-11-01")),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("早于拟稿日期"), "{e}");
    let events = vec![
        (
            event(
                "税发〔2026〕1号",
                Some("不存在司"),
                EventKind::Revised,
                Some(Gate::Wording),
                "2026-11-05",
            ),
            "组织机构中没有“不存在司”",
        ),
        (
            event(
                "税发〔2026〕9号",
                None,
                EventKind::Revised,
                Some(Gate::Wording),
                "2026-11-05",
            ),
            "没有登记文号为“税发〔2026〕9号”",
        ),
        (
            event(
                "税发〔2026〕1号",
                None,
                EventKind::Revised,
                None,
                "2026-11-05",
            ),
            "请注明未通过的关口",
        ),
        (
            event(
                "税发〔2026〕1号",
                None,
                EventKind::CountersignOverdue,
                Some(Gate::Legal),
                "2026-11-05",
            ),
            "不涉及审核关口",
        ),
        (
            event(
                "税发〔2026〕1号",
                None,
                EventKind::TimeLimitLate,
                None,
                "2026-11-05",
            ),
            "自动认定",
        ),
        (
            event(
                "税发〔2026〕1号",
                None,
                EventKind::Returned,
                Some(Gate::Legal),
                "2026-11-01",
            ),
            "早于发文“税发〔2026〕1号”的拟稿日期",
        ),
    ];
    for (n, want) in events {
        let e = outgoing::record_event(&mut s, &a, &n).expect_err(want);
        assert!(e.to_string().contains(want), "want {want}: {e}");
    }
    for (word, ok) in [
        ("文字关", true),
        ("法律", true),
        ("审美关", false),
        ("", false),
    ] {
        assert_eq!(Gate::parse(word).is_ok(), ok, "{word}");
    }
    let e = Gate::parse("审美关").unwrap_err();
    assert!(
        e.to_string()
            .contains("法律关、政策关、程序关、内容关或文字关"),
        "{e}"
    );
    assert!(EventKind::parse("限时件超时").is_err());
    assert!(EventKind::parse("迟到")
        .unwrap_err()
        .to_string()
        .contains("退文、退改或会签逾期"));
    let after = (
        count(&s, "outgoing_docs"),
        count(&s, "outgoing_events"),
        count(&s, "audit_log"),
    );
    assert_eq!(before, after);
}

#[test]
fn late_time_limits_and_late_countersigns_are_derived() {
    let mut s = store();
    let cal = Calendar::official();
    let cs = countersigns::send(
        &mut s,
        &actor("2026-11-02 09:00"),
        &cal,
        &NewCountersign {
            doc_no: None,
            title: "会签稿".into(),
            kind: CountersignKind::Countersign,
            sent_on: d("2026-11-02"),
            reply_days: 2, // due 2026-11-04
            parties: vec!["政策法规司".into(), "财务管理司".into(), "所得税司".into()],
        },
    )
    .unwrap();
    for (party, on) in [("政策法规司", "2026-11-04"), ("财务管理司", "2026-11-06")] {
        countersigns::reply(
            &mut s,
            &actor(&format!("{on} 09:00")),
            &NewReply {
                countersign_id: cs.id,
                party: party.into(),
                replied_on: d(on),
                opinion: Opinion::Agree,
                comment: String::new(),
            },
        )
        .unwrap();
    }
    add(
        &mut s,
        &NewOutgoing {
            time_limit: Some(d("2026-11-09")),
            countersign_id: Some(cs.id),
            ..new_doc(
                "税发〔2026〕1号",
                "办公厅",
                "2026-11-02",
                Some("2026-11-10"),
            )
        },
    );
    add(
        &mut s,
        &NewOutgoing {
            time_limit: Some(d("2026-11-20")),
            ..new_doc(
                "税发〔2026〕2号",
                "办公厅",
                "2026-11-02",
                Some("2026-11-20"),
            )
        },
    );
    // a countersign linked: 会签逾期 is not recorded by hand
    let e = outgoing::record_event(
        &mut s,
        &actor("2026-11-20 09:00"),
        &event(
            "税发〔2026〕1号",
            Some("所得税司"),
            EventKind::CountersignOverdue,
            None,
            "2026-11-06",
        ),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    let listed = outgoing::events_for(s.conn(), "税发〔2026〕1号", d("2026-11-30")).unwrap();
    assert_eq!(listed.len(), 3);
    let f = outgoing::load_quality(s.conn(), &"2026-11".parse().unwrap(), None).unwrap();
    let mut got: Vec<(String, EventKind, bool)> = f
        .details
        .iter()
        .map(|e| (e.department.clone(), e.kind, e.derived))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("办公厅".to_string(), EventKind::TimeLimitLate, true),
            ("所得税司".to_string(), EventKind::CountersignOverdue, true), // never replied
            (
                "财务管理司".to_string(),
                EventKind::CountersignOverdue,
                true
            ),
        ]
    );
    let office = f
        .departments
        .iter()
        .find(|r| r.department == "办公厅")
        .unwrap();
    assert_eq!(
        (office.handled, office.clean, office.time_limit_late),
        (2, 1, 1)
    );
    let finance = f
        .departments
        .iter()
        .find(|r| r.department == "财务管理司")
        .unwrap();
    assert_eq!(
        (finance.handled, finance.countersign_overdue, finance.rank),
        (0, 1, None)
    );

    // 停用 since, the department still answers for November's late reply.
    let id = duban::org::list(s.conn())
        .unwrap()
        .parties
        .iter()
        .find(|p| p.name == "财务管理司")
        .unwrap()
        .id;
    duban::org::edit::set_party_active(&mut s, &actor("2026-12-01 09:00"), id, false).unwrap();
    let after = outgoing::load_quality(s.conn(), &"2026-11".parse().unwrap(), None).unwrap();
    let finance = after
        .departments
        .iter()
        .find(|r| r.department == "财务管理司")
        .expect("a department 停用 after the period keeps its row");
    assert_eq!(finance.countersign_overdue, 1);
    assert_eq!(after.total.countersign_overdue, f.total.countersign_overdue);
    assert_eq!(after.details.len(), f.details.len());
}

#[test]
fn a_published_bulletin_is_frozen_and_a_correction_adds_a_version() {
    let mut s = store();
    add(
        &mut s,
        &new_doc(
            "税发〔2026〕1号",
            "办公厅",
            "2026-11-02",
            Some("2026-11-10"),
        ),
    );
    add(
        &mut s,
        &new_doc(
            "税发〔2026〕2号",
            "政策法规司",
            "2026-11-02",
            Some("2026-11-12"),
        ),
    );
    let period: QualityPeriod = "2026-11".parse().unwrap();
    let audit = count(&s, "audit_log");
    // not ended, no as-of day: refused, nothing written
    let e = outgoing::publish_quality(&mut s, &actor("2026-11-30 17:00"), &period, None, None)
        .unwrap_err();
    assert!(e.to_string().contains("尚未结束"), "{e}");
    assert_eq!(
        (count(&s, "publications"), count(&s, "audit_log")),
        (0, audit)
    );
    let (p1, f1) =
        outgoing::publish_quality(&mut s, &actor("2026-12-01 09:00"), &period, None, None).unwrap();
    assert_eq!(
        (p1.version, p1.issue.unwrap().label()),
        (1, "2026年第1期".to_string())
    );
    assert_eq!(f1.total.handled, 2);
    // the data changes afterwards: the published figures do not move
    outgoing::record_event(
        &mut s,
        &actor("2026-12-01 10:00"),
        &event(
            "税发〔2026〕1号",
            None,
            EventKind::Returned,
            Some(Gate::Policy),
            "2026-11-05",
        ),
    )
    .unwrap();
    let (_, stored) = outgoing::published_quality(s.conn(), &period)
        .unwrap()
        .unwrap();
    assert_eq!(stored, f1);
    let e = outgoing::publish_quality(&mut s, &actor("2026-12-01 11:00"), &period, None, None)
        .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    assert_eq!(count(&s, "publications"), 1);
    let (p2, f2) = outgoing::publish_quality(
        &mut s,
        &actor("2026-12-01 11:00"),
        &period,
        None,
        Some("补登退文"),
    )
    .unwrap();
    assert_eq!((p2.version, p2.issue), (2, p1.issue));
    assert_eq!(f2.total.returned, 1);
    assert_eq!(f2.departments[0].department, "政策法规司");

    // the workbook of version 1 is written from the stored figures
    let dir = tempfile::tempdir().unwrap();
    let paths = outgoing::export_quality(s.conn(), p1.id, dir.path()).unwrap();
    let (word, path) = (&paths[0], &paths[1]);
    let name = |p: &std::path::Path| p.file_name().unwrap().to_str().unwrap().to_owned();
    assert_eq!(name(word), "公文办理质量通报2026年第1期.docx");
    assert_eq!(name(path), "公文办理质量通报2026年第1期.xlsx");
    let corrected = outgoing::export_quality(s.conn(), p2.id, dir.path()).unwrap();
    assert_eq!(
        name(&corrected[0]),
        "公文办理质量通报2026年第1期（更正版2）.docx",
        "the one naming rule of every 通报 (PublicationSummary::file_stem)"
    );
    let xml = duban::docx::document_xml(&std::fs::read(word).unwrap()).unwrap();
    for want in [
        "公文办理质量通报",
        "2026年第1期",
        "督查督办室",
        "各部门共印发公文 2 件",
        "统计口径",
        "100.0%",
    ] {
        assert!(xml.contains(want), "the Word 通报 lacks {want}");
    }
    assert!(
        !xml.contains("退文 1 件"),
        "version 1 is the stored figures"
    );
    let xml2 = duban::docx::document_xml(
        &std::fs::read(&outgoing::export_quality(s.conn(), p2.id, dir.path()).unwrap()[0]).unwrap(),
    )
    .unwrap();
    assert!(
        xml2.contains("更正原因：补登退文") && xml2.contains("退文 1 件"),
        "version 2"
    );
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(wb.sheet_names(), vec!["部门排名", "问题明细"]);
    let range = wb.worksheet_range("部门排名").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = rows
        .iter()
        .position(|r| r.get(1) == Some(&Data::String("部门".into())))
        .unwrap();
    let office = &rows[header + 1];
    assert_eq!(office[1], Data::String("办公厅".into()));
    assert_eq!(office[4], Data::Float(1.0), "无问题率 as a number cell");
    assert_eq!(office[5], Data::Float(0.0), "no 退文 in version 1");
    // a publication of another kind is refused
    let e = duban::special::export_special(s.conn(), p1.id, dir.path()).unwrap_err();
    assert!(e.to_string().contains("不是专项通报"), "{e}");
}

#[test]
fn important_documents_not_issued_are_in_every_check() {
    let mut s = store();
    let cal = Calendar::official();
    add(
        &mut s,
        &NewOutgoing {
            important: true,
            urgent: true,
            time_limit: Some(d("2026-11-25")),
            ..new_doc("税发〔2026〕1号", "办公厅", "2026-11-02", None)
        },
    );
    add(
        &mut s,
        &new_doc("税发〔2026〕2号", "办公厅", "2026-11-02", None),
    ); // not important
    let scan = |s: &Store, when: &str| rhythm::scan(s.conn(), &cal, at(when)).unwrap();
    let list = scan(&s, "2026-11-26 09:00");
    assert_eq!(
        of_kind(&list, ReminderKind::OutgoingPending),
        vec![("税发〔2026〕1号".to_string(), "办公厅".to_string())]
    );
    let r = list
        .iter()
        .find(|r| r.kind == ReminderKind::OutgoingPending)
        .unwrap();
    assert_eq!(r.days_late, 1);
    assert!(
        r.message.contains("特急") && r.message.contains("尚未印发"),
        "{}",
        r.message
    );
    outgoing::update(
        &mut s,
        &actor("2026-11-26 10:00"),
        "税发〔2026〕1号",
        &OutgoingPatch {
            issued_on: Some(d("2026-11-26")),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(of_kind(&scan(&s, "2026-11-26 14:00"), ReminderKind::OutgoingPending).is_empty());

    // 印发 on a day to come is refused: the document is not issued yet, and
    // stays reminded.
    let e = outgoing::update(
        &mut s,
        &actor("2026-11-26 10:00"),
        "税发〔2026〕2号",
        &OutgoingPatch {
            important: Some(true),
            issued_on: Some(d("2027-03-01")),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("晚于今天"), "{e}");
    assert_eq!(
        outgoing::get(s.conn(), "税发〔2026〕2号")
            .unwrap()
            .issued_on,
        None
    );
}

/// When LibreOffice is installed, the Word 通报 converts to PDF and its text reads back.
#[test]
fn the_word_bulletin_converts_to_pdf_when_soffice_is_present() {
    let soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if !soffice.is_ok_and(|o| o.status.success()) {
        eprintln!("soffice not found: conversion not checked");
        return;
    }
    let mut s = store();
    add(
        &mut s,
        &new_doc(
            "税发〔2026〕1号",
            "办公厅",
            "2026-11-02",
            Some("2026-11-10"),
        ),
    );
    let period: QualityPeriod = "2026-11".parse().unwrap();
    let (p, _) =
        outgoing::publish_quality(&mut s, &actor("2026-12-01 09:00"), &period, None, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let word = outgoing::export_quality(s.conn(), p.id, dir.path())
        .unwrap()
        .remove(0);
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    let status = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&word)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let pdf = word.with_extension("pdf");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output();
    if let Ok(t) = text {
        let t = String::from_utf8_lossy(&t.stdout).replace(' ', "");
        assert!(
            t.contains("公文办理质量通报") && t.contains("2026年第1期"),
            "{t}"
        );
        assert!(t.contains("办公厅") && t.contains("100.0%"), "{t}");
    } else {
        assert!(std::fs::metadata(&pdf).unwrap().len() > 1000);
    }
}
