//! Integration tests: 收文登记 and 领导批示.

use duban::documents::{
    self, DocumentFilter, InstructionKind, NewDocument, NewInstruction, Urgency,
};

use crate::support::{actor, d, store};

fn doc(title: &str, received: &str) -> NewDocument {
    NewDocument {
        source_doc_no: "税总发〔2026〕1号".into(),
        title: title.into(),
        source_org: "国家税务总局".into(),
        source_category: "重要文件要求".into(),
        urgency: Urgency::TeJi,
        time_limited: false,
        time_limit: None,
        received_on: d(received),
        summary: String::new(),
        important: true,
        key_relay: false,
        attachments: vec![],
    }
}

#[test]
fn numbers_run_per_year_of_receipt() {
    let mut s = store();
    let a = actor("2027-01-10 09:00");
    let nos: Vec<String> = [
        ("一", "2026-12-30"),
        ("二", "2026-12-31"),
        ("三", "2027-01-04"),
        ("四", "2026-12-31"),
    ]
    .iter()
    .map(|(t, r)| documents::register(&mut s, &a, &doc(t, r)).unwrap().doc_no)
    .collect();
    assert_eq!(
        nos,
        [
            "收〔2026〕1号",
            "收〔2026〕2号",
            "收〔2027〕1号",
            "收〔2026〕3号"
        ]
    );
}

#[test]
fn bad_documents_are_refused_and_write_nothing() {
    let mut s = store();
    let a = actor("2026-11-26 09:00");
    let mut no_limit = doc("限时", "2026-11-20");
    no_limit.time_limited = true;
    let mut early_limit = doc("限时", "2026-11-20");
    early_limit.time_limited = true;
    early_limit.time_limit = Some(d("2026-11-19"));
    let mut bad_cat = doc("类别", "2026-11-20");
    bad_cat.source_category = "随便".into();
    let mut attach = doc("附件", "2026-11-20");
    attach.attachments = vec!["/nonexistent/附件.pdf".into()];
    let cases = [
        (doc("  ", "2026-11-20"), "标题"),
        (doc("未来", "2026-11-27"), "晚于今天"),
        (no_limit, "办理时限"),
        (early_limit, "早于收文日期"),
        (bad_cat, "随便"),
        (attach, "附件"),
    ];
    for (dd, needle) in cases {
        let err = documents::register(&mut s, &a, &dd).expect_err("refused");
        assert!(
            err.to_string().contains(needle),
            "{err} should mention {needle}"
        );
    }
    assert!(
        documents::list_documents(s.conn(), &DocumentFilter::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn an_important_document_with_only_a_read_mark_is_flagged() {
    let mut s = store();
    let a = actor("2026-11-26 09:00");
    let no = documents::register(&mut s, &a, &doc("重要文件", "2026-11-20"))
        .unwrap()
        .doc_no;
    let flag = |s: &duban::store::Store| {
        documents::get_document(s.conn(), &no)
            .unwrap()
            .row
            .only_circled
    };
    assert!(
        !flag(&s),
        "no leader action yet: not flagged as circled-only"
    );
    let circle = NewInstruction {
        leader: "王建国".into(),
        given_on: d("2026-11-21"),
        kind: InstructionKind::ReadMark,
        text: String::new(),
    };
    documents::add_instruction(&mut s, &a, &no, &circle).unwrap();
    assert!(flag(&s), "§六: an important document only 圈阅 is flagged");
    let empty = NewInstruction {
        kind: InstructionKind::Instruction,
        ..circle.clone()
    };
    assert!(
        documents::add_instruction(&mut s, &a, &no, &empty).is_err(),
        "a 批示 needs its text"
    );
    let real = NewInstruction {
        text: "请办公厅牵头落实。".into(),
        ..empty
    };
    documents::add_instruction(&mut s, &a, &no, &real).unwrap();
    assert!(!flag(&s), "a real instruction clears the flag");
    let detail = documents::get_document(s.conn(), &no).unwrap();
    assert_eq!(detail.instructions.len(), 2);
    assert_eq!(
        detail.timeline.len(),
        3,
        "register + two leader actions on the timeline"
    );
}

#[test]
fn attachments_are_copied_under_their_hash_with_names_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = duban::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let a = actor("2026-11-26 09:00");
    duban::org::seed_default(&mut s, &a).unwrap();
    let f = dir.path().join("来文.pdf");
    std::fs::write(&f, b"%PDF-1.4 test").unwrap();
    let mut dd = doc("有附件", "2026-11-20");
    dd.attachments = vec![f.clone(), f];
    let no = documents::register(&mut s, &a, &dd).unwrap().doc_no;
    let det = documents::get_document(s.conn(), &no).unwrap();
    assert_eq!(det.attachments.len(), 2);
    assert_eq!(det.attachments[0].file_name, "来文.pdf");
    let stored = s.attachments_dir().join(&det.attachments[0].sha256);
    assert_eq!(std::fs::read(stored).unwrap(), b"%PDF-1.4 test");
    assert_eq!(
        std::fs::read_dir(s.attachments_dir()).unwrap().count(),
        1,
        "same content stored once"
    );
}

#[test]
fn unsplit_filter_and_text_search() {
    let mut s = store();
    let a = actor("2026-11-26 09:00");
    let r = documents::register(&mut s, &a, &doc("关于优化营商环境的意见", "2026-11-20")).unwrap();
    documents::register(&mut s, &a, &doc("关于加强征管的通知", "2026-11-21")).unwrap();
    let mut it = duban::items::NewItem::new("优化营商环境", "办公厅", Some(d("2026-12-31")));
    it.document_id = Some(r.id);
    duban::items::create_item(&mut s, &a, &it).unwrap();
    let unsplit = documents::list_documents(
        s.conn(),
        &DocumentFilter {
            unsplit_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        unsplit.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
        ["关于加强征管的通知"]
    );
    let found = documents::list_documents(
        s.conn(),
        &DocumentFilter {
            text: Some("营商".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].item_count, 1);
}

#[test]
fn a_document_whose_items_were_all_withdrawn_is_to_be_split_again() {
    use duban::calendar::Calendar;
    use duban::items::{self, NewItem};
    use duban::reminders::ReminderKind;
    let mut s = store();
    let mut new = doc("限时文件", "2026-11-25");
    new.time_limited = true;
    new.time_limit = Some(d("2026-12-01"));
    let r = documents::register(&mut s, &actor("2026-11-25 09:00"), &new).unwrap();
    let mut item = NewItem::new("误分解的事项", "办公厅", Some(d("2026-12-01")));
    item.document_id = Some(r.id);
    let no = items::create_item(&mut s, &actor("2026-11-25 10:00"), &item)
        .unwrap()
        .item_no;
    items::withdraw(&mut s, &actor("2026-11-26 09:00"), &no, "误分解").unwrap();

    let unsplit = DocumentFilter {
        unsplit_only: true,
        ..Default::default()
    };
    let listed = documents::list_documents(s.conn(), &unsplit).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].item_count, 0, "the withdrawn item is not counted");
    let cal = Calendar::load(s.conn()).unwrap();
    let kinds: Vec<ReminderKind> =
        duban::rhythm::scan(s.conn(), &cal, crate::support::at("2026-12-03 09:00"))
            .unwrap()
            .into_iter()
            .filter(|x| x.ref_no == r.doc_no)
            .map(|x| x.kind)
            .collect();
    assert!(kinds.contains(&ReminderKind::UrgentUnsplit), "{kinds:?}");
    assert!(kinds.contains(&ReminderKind::TimeLimitOverdue), "{kinds:?}");
}

#[test]
fn what_is_reported_on_a_split_item_comes_after_its_document_arrived() {
    use duban::chases::{self, Channel, NewChase};
    use duban::extensions::{self, NewExtension};
    use duban::items::{self, NewCompletion, NewItem, NewProgress};
    let mut s = store();
    let a = actor("2026-11-20 09:00");
    let r = documents::register(&mut s, &a, &doc("关于开展督查的通知", "2026-11-02")).unwrap();
    let mut new = NewItem::new("落实政策", "征管和科技发展司", Some(d("2026-11-30")));
    new.document_id = Some(r.id);
    let no = items::create_item(&mut s, &a, &new).unwrap().item_no;
    let progress = |day: &str| NewProgress {
        reported_on: d(day),
        text: "已部署".into(),
        reporter: String::new(),
        party_id: None,
        problems: String::new(),
        next_steps: String::new(),
    };
    let refused = "早于事项";
    let e = items::add_progress(&mut s, &a, &no, &progress("2026-11-01")).unwrap_err();
    assert!(
        e.to_string().contains(refused) && e.to_string().contains("进展日期"),
        "{e}"
    );
    let e = chases::record(
        &mut s,
        &a,
        &NewChase {
            item_no: Some(no.clone()),
            doc_no: None,
            chased_on: d("2026-10-30"),
            channel: Channel::Phone,
            to_whom: String::new(),
            note: String::new(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains(refused), "{e}");
    let e = extensions::request(
        &mut s,
        &a,
        &NewExtension {
            item_no: no.clone(),
            requested_on: d("2026-11-01"),
            new_deadline: d("2026-12-31"),
            reason: "工作量大".into(),
            progress_so_far: "已部署".into(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains(refused), "{e}");
    let e = items::report_completion(
        &mut s,
        &a,
        &no,
        &NewCompletion {
            reported_on: d("2026-11-01"),
            text: "已完成".into(),
            reporter: String::new(),
            party_id: None,
            evidence: Vec::new(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains(refused), "{e}");
    // On the day it arrived, or later: fine.
    items::add_progress(&mut s, &a, &no, &progress("2026-11-02")).unwrap();
}
