//! 催办: records on items and documents, refused on closed items, counted per
//! item; the 催办通知单 workbook.

use calamine::{open_workbook, Data, Reader, Xlsx};
use duban::calendar::Calendar;
use duban::chases::{self, notice, Channel, NewChase};
use duban::documents::Urgency;
use duban::items;
use duban::items::Light;
use duban::Error;

use crate::support::{actor, count, d, document, item, store, Expect};

fn chase_item(no: &str, on: &str) -> NewChase {
    NewChase {
        item_no: Some(no.to_string()),
        doc_no: None,
        chased_on: d(on),
        channel: Channel::Phone,
        to_whom: String::new(),
        note: "请尽快报送进展".into(),
    }
}

#[test]
fn chases_are_recorded_counted_and_refused_on_closed_items() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let open = item(&mut s, "在办事项", "纳税服务司", "2026-11-20");
    let withdrawn = item(&mut s, "撤销事项", "纳税服务司", "2026-11-20");
    items::withdraw(&mut s, &a, &withdrawn, "并入其他事项").unwrap();
    let mut done = items::NewItem::new("办结事项", "纳税服务司", Some(d("2026-11-20")));
    done.status = items::Status::Done;
    done.done_on = Some(d("2026-11-19"));
    let done = items::create_item(&mut s, &a, &done).unwrap().item_no;
    let doc = document(&mut s, "特急文件", "2026-11-25", Urgency::TeJi, None);

    let first = chases::record(&mut s, &a, &chase_item(&open, "2026-11-25")).unwrap();
    assert_eq!(
        first.to_whom, "纳税服务司",
        "defaults to the lead department"
    );
    chases::record(&mut s, &a, &chase_item(&open, "2026-11-26")).unwrap();
    let on_doc = chases::record(
        &mut s,
        &a,
        &NewChase {
            item_no: None,
            doc_no: Some(doc.clone()),
            chased_on: d("2026-11-26"),
            channel: Channel::InPerson,
            to_whom: "办公厅王处长".into(),
            note: String::new(),
        },
    )
    .unwrap();
    assert_eq!(on_doc.doc_no.as_deref(), Some(doc.as_str()));

    let before = (count(&s, "chases"), count(&s, "audit_log"));
    // (chase, error kind, words)
    let cases: Vec<(NewChase, Expect, &str)> = vec![
        (
            chase_item(&done, "2026-11-26"),
            |e| matches!(e, Error::Conflict(_)),
            "已办结",
        ),
        (
            chase_item(&withdrawn, "2026-11-26"),
            |e| matches!(e, Error::Conflict(_)),
            "已撤销",
        ),
        (
            chase_item(&open, "2026-11-27"),
            |e| matches!(e, Error::Invalid(_)),
            "晚于今天",
        ),
        (
            chase_item("DB2099-0001", "2026-11-26"),
            |e| matches!(e, Error::NotFound(_)),
            "DB2099-0001",
        ),
        (
            NewChase {
                item_no: None,
                doc_no: None,
                ..chase_item(&open, "2026-11-26")
            },
            |e| matches!(e, Error::Invalid(_)),
            "二者选一",
        ),
    ];
    for (c, kind, words) in cases {
        let e = chases::record(&mut s, &a, &c).unwrap_err();
        assert!(kind(&e), "{e:?}");
        assert!(e.to_string().contains(words), "“{e}” should say “{words}”");
    }
    assert_eq!(
        (count(&s, "chases"), count(&s, "audit_log")),
        before,
        "refusals write nothing"
    );

    let key = items::item_by_no(s.conn(), &open).unwrap().unwrap();
    assert_eq!(chases::counts(s.conn()).unwrap().get(&key.id), Some(&2));
    assert_eq!(chases::for_item(s.conn(), &open).unwrap().len(), 2);
    assert_eq!(chases::for_document(s.conn(), &doc).unwrap().len(), 1);
    assert_eq!(Channel::parse("通知单").unwrap(), Channel::Notice);
    assert!(Channel::parse("微信").is_err());
}

fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
    range
        .get((row, col))
        .map(|c| c.to_string())
        .unwrap_or_default()
}

#[test]
fn the_notice_lists_each_partys_red_and_yellow_items_in_a_printable_workbook() {
    let cal = Calendar::official();
    let mut s = store();
    let red = item(&mut s, "逾期事项", "所得税司", "2026-11-20");
    let yellow = item(&mut s, "临期事项", "所得税司", "2026-11-30");
    item(&mut s, "绿灯事项", "所得税司", "2026-12-31");
    let other = item(&mut s, "另一部门", "稽查局", "2026-11-26");
    item(&mut s, "无红黄", "人事司", "2026-12-31");
    chases::record(
        &mut s,
        &actor("2026-11-25 09:00"),
        &chase_item(&red, "2026-11-25"),
    )
    .unwrap();

    let notices = notice::build(s.conn(), &cal, d("2026-11-26"), &[]).unwrap();
    let parties: Vec<&str> = notices.iter().map(|n| n.party.as_str()).collect();
    assert_eq!(parties.len(), 2, "{parties:?}");
    assert!(parties.contains(&"所得税司") && parties.contains(&"稽查局"));
    let sds = notices.iter().find(|n| n.party == "所得税司").unwrap();
    assert_eq!(sds.office, "督查督办室");
    let lines: Vec<(&str, Light, i64, i64)> = sds
        .lines
        .iter()
        .map(|l| (l.item_no.as_str(), l.light, l.days, l.chases))
        .collect();
    assert_eq!(
        lines,
        vec![
            (red.as_str(), Light::Red, 6, 1),
            (yellow.as_str(), Light::Yellow, 2, 0)
        ]
    );
    let only = notice::build(s.conn(), &cal, d("2026-11-26"), &["稽查".to_string()]).unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].lines[0].item_no, other);
    let unknown =
        notice::build(s.conn(), &cal, d("2026-11-26"), &["不存在司".to_string()]).unwrap_err();
    assert!(matches!(unknown, Error::NotFound(_)));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("催办通知单.xlsx");
    notice::export(s.conn(), &cal, d("2026-11-26"), &[], &path).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.len(), 2, "{names:?}");
    let range = wb.worksheet_range("所得税司").unwrap();
    assert_eq!(cell(&range, 0, 0), "督办事项催办通知单");
    assert_eq!(cell(&range, 1, 0), "所得税司：");
    let header: Vec<String> = (0..8).map(|c| cell(&range, 3, c)).collect();
    assert_eq!(header[1], "事项编号");
    assert_eq!(header[4], "完成时限");
    assert_eq!(cell(&range, 4, 1), red);
    assert!(
        matches!(range.get((4, 4)), Some(Data::DateTime(_))),
        "deadline is a date cell"
    );
    assert_eq!(cell(&range, 4, 5), "红灯");
    let text: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        text.contains(&"督查督办室".to_string()),
        "the office signs the notice"
    );
    assert!(text.contains(&"2026年11月26日".to_string()), "dated");
}

#[test]
fn a_batch_chase_records_every_selected_item_or_none() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let one = item(&mut s, "事项一", "纳税服务司", "2026-11-20");
    let two = item(&mut s, "事项二", "办公厅", "2026-11-30");
    let three = item(&mut s, "事项三", "纳税服务司", "2026-12-20");
    let closed = item(&mut s, "撤销事项", "办公厅", "2026-11-20");
    items::withdraw(&mut s, &a, &closed, "并入其他事项").unwrap();
    let input = chases::BatchChase {
        chased_on: d("2026-11-26"),
        channel: Channel::Notice,
        to_whom: String::new(),
        note: "月底前报送进展".into(),
    };

    let before = (count(&s, "chases"), count(&s, "audit_log"));
    // (selection, words of the refusal)
    let refused: Vec<(Vec<String>, &str)> = vec![
        (vec![one.clone(), closed.clone(), two.clone()], "已撤销"),
        (vec![one.clone(), "DB2099-0001".into()], "DB2099-0001"),
        (vec![" ".into()], "勾选"),
        (vec![], "勾选"),
    ];
    for (nos, words) in refused {
        let e = chases::record_batch(&mut s, &a, &nos, &input).unwrap_err();
        assert!(e.to_string().contains(words), "“{e}” should say “{words}”");
    }
    let late = chases::BatchChase {
        chased_on: d("2026-11-27"),
        ..input.clone()
    };
    assert!(chases::record_batch(&mut s, &a, std::slice::from_ref(&one), &late).is_err());
    assert_eq!(
        (count(&s, "chases"), count(&s, "audit_log")),
        before,
        "a refused batch writes nothing, not even the items before the bad one"
    );

    let nos = vec![one.clone(), two.clone(), three.clone(), one.clone()];
    let ids = chases::record_batch(&mut s, &a, &nos, &input).unwrap();
    assert_eq!(ids.len(), 3, "a repeated number is chased once");
    assert_eq!(count(&s, "chases"), before.0 + 3);
    assert_eq!(
        count(&s, "audit_log"),
        before.1 + 3,
        "one audit entry per item"
    );
    for (no, lead) in [
        (&one, "纳税服务司"),
        (&two, "办公厅"),
        (&three, "纳税服务司"),
    ] {
        let list = chases::for_item(s.conn(), no).unwrap();
        assert_eq!(list.len(), 1, "{no}");
        assert_eq!(list[0].to_whom, lead, "each item's own lead department");
        assert_eq!(list[0].channel, Channel::Notice);
        assert_eq!(list[0].note, "月底前报送进展");
    }
}

#[test]
fn the_ledger_and_its_export_can_be_restricted_to_selected_items() {
    let mut s = store();
    let nos: Vec<String> = (1..=5)
        .map(|n| item(&mut s, &format!("事项{n}"), "纳税服务司", "2026-12-20"))
        .collect();
    let cal = Calendar::load(s.conn()).unwrap();
    let today = d("2026-11-26");
    let picked = vec![nos[3].clone(), nos[0].clone(), nos[4].clone()];
    // (filter, expected item numbers)
    let cases: Vec<(items::LedgerFilter, Vec<String>)> = vec![
        (items::LedgerFilter::default(), nos.clone()),
        (
            items::LedgerFilter {
                item_nos: picked.clone(),
                ..Default::default()
            },
            vec![nos[0].clone(), nos[3].clone(), nos[4].clone()],
        ),
        (
            items::LedgerFilter {
                item_nos: picked.clone(),
                text: Some("事项4".into()),
                ..Default::default()
            },
            vec![nos[3].clone()],
        ),
        (
            items::LedgerFilter {
                item_nos: vec!["DB2099-0001".into()],
                ..Default::default()
            },
            vec![],
        ),
    ];
    for (f, want) in cases {
        let page = items::query_ledger(s.conn(), &cal, today, &f).unwrap();
        let got: Vec<String> = page.rows.iter().map(|r| r.item_no.clone()).collect();
        assert_eq!(got, want, "{:?}", f.item_nos);
        assert_eq!(page.total as usize, want.len());
        let (_, written) =
            duban::exports::ledger::ledger_workbook(s.conn(), &cal, today, &f).unwrap();
        assert_eq!(written, want.len(), "the export writes the same rows");
    }
}
