//! 传达学习: a key document, its parties, the default deadline in working
//! days, reports, and who is missing.

use duban::calendar::Calendar;
use duban::documents::Urgency;
use duban::relay::{self, NewRelayReport, RelayForm, RelayPlan};
use duban::reminders::ReminderKind;
use duban::rhythm;
use duban::store::set_setting_in;
use duban::Error;

use crate::support::{actor, at, count, d, document, of_kind, store};

#[test]
fn the_default_deadline_is_relay_days_working_days_after_receipt() {
    let cal = Calendar::official();
    // (received, relay_days setting or None for the default 5, expected due)
    let cases = [
        ("2026-09-28", None, "2026-10-10"), // 29, 30, 10-08, 09, 10 (make-up Sat)
        ("2026-02-11", None, "2026-02-25"), // 12, 13, 14, 24, 25
        ("2026-11-26", Some("3"), "2026-12-01"), // 27, 30, 12-01
    ];
    for (received, days, due) in cases {
        let mut s = store();
        if let Some(n) = days {
            s.write(|tx| set_setting_in(tx, "relay_days", n)).unwrap();
        }
        let doc = document(&mut s, "重点文件", received, Urgency::PingJian, None);
        let st = relay::mark_key(
            &mut s,
            &actor("2026-12-31 09:00"),
            &cal,
            &RelayPlan {
                doc_no: doc,
                parties: vec!["北京市税务局".into()],
                due: None,
            },
        )
        .unwrap();
        assert!(st.key_relay);
        assert_eq!(st.due, Some(d(due)), "received {received}");
        assert_eq!(st.entries[0].due, d(due));
    }
}

#[test]
fn parties_that_have_not_reported_past_the_deadline_are_reminded_and_listed() {
    let cal = Calendar::official();
    let mut s = store();
    let doc = document(
        &mut s,
        "全国税务工作会议精神",
        "2026-09-28",
        Urgency::JiaJi,
        None,
    );
    let a = actor("2026-09-28 10:00");
    relay::mark_key(
        &mut s,
        &a,
        &cal,
        &RelayPlan {
            doc_no: doc.clone(),
            parties: vec![
                "北京市税务局".into(),
                "天津市税务局".into(),
                "办公厅".into(),
            ],
            due: None,
        },
    )
    .unwrap();
    relay::record_report(
        &mut s,
        &actor("2026-10-09 10:00"),
        &NewRelayReport {
            doc_no: doc.clone(),
            party: "北京市税务局".into(),
            reported_on: d("2026-10-09"),
            form: RelayForm::Meeting,
            measures: "召开党委会传达学习，制定落实方案".into(),
        },
    )
    .unwrap();
    // On the due day (make-up Saturday) nobody is missing yet.
    let on_due = rhythm::scan(s.conn(), &cal, at("2026-10-10 09:00")).unwrap();
    assert!(of_kind(&on_due, ReminderKind::RelayMissing).is_empty());
    // The day after, the two that did not report are.
    let after = rhythm::scan(s.conn(), &cal, at("2026-10-11 09:00")).unwrap();
    let mut missing: Vec<String> = of_kind(&after, ReminderKind::RelayMissing)
        .into_iter()
        .map(|(r, p)| {
            assert_eq!(r, doc);
            p
        })
        .collect();
    missing.sort();
    assert_eq!(
        missing,
        vec!["办公厅".to_string(), "天津市税务局".to_string()]
    );
    let status = relay::status(s.conn(), &doc, d("2026-10-11")).unwrap();
    assert_eq!(status.reported, 1);
    assert_eq!(status.missing.len(), 2);
    let bj = status
        .entries
        .iter()
        .find(|e| e.party == "北京市税务局")
        .unwrap();
    assert_eq!(bj.form, Some(RelayForm::Meeting));
    assert!(!bj.late);
    assert_eq!(
        relay::key_documents(s.conn(), d("2026-10-11"))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn bad_relay_input_is_refused_and_writes_nothing() {
    let cal = Calendar::official();
    let mut s = store();
    let doc = document(&mut s, "重点文件", "2026-11-20", Urgency::PingJian, None);
    let a = actor("2026-11-26 09:00");
    relay::mark_key(
        &mut s,
        &a,
        &cal,
        &RelayPlan {
            doc_no: doc.clone(),
            parties: vec!["河北省税务局".into()],
            due: None,
        },
    )
    .unwrap();
    let before = (count(&s, "relay_reports"), count(&s, "audit_log"));
    let plan = |parties: Vec<&str>| RelayPlan {
        doc_no: doc.clone(),
        parties: parties.into_iter().map(String::from).collect(),
        due: None,
    };
    let e =
        relay::mark_key(&mut s, &a, &cal, &plan(vec!["山西省税务局", "火星税务局"])).unwrap_err();
    assert!(
        matches!(e, Error::NotFound(_)) && e.to_string().contains("火星税务局"),
        "{e}"
    );
    let report = |party: &str, measures: &str| NewRelayReport {
        doc_no: doc.clone(),
        party: party.into(),
        reported_on: d("2026-11-25"),
        form: RelayForm::Document,
        measures: measures.into(),
    };
    let before_receipt = NewRelayReport {
        reported_on: d("2026-11-19"),
        ..report("河北省税务局", "已传达")
    };
    for (r, words) in [
        (report("山西省税务局", "已传达"), "不在"),
        (report("河北省税务局", ""), "措施"),
        (before_receipt, "早于“重点文件”的收文日期 2026-11-20"),
    ] {
        let e = relay::record_report(&mut s, &a, &r).unwrap_err();
        assert!(e.to_string().contains(words), "“{e}” should say “{words}”");
    }
    assert_eq!((count(&s, "relay_reports"), count(&s, "audit_log")), before);
    relay::record_report(&mut s, &a, &report("河北省税务局", "印发通知")).unwrap();
    let twice = relay::record_report(&mut s, &a, &report("河北省税务局", "再报")).unwrap_err();
    assert!(matches!(twice, Error::Conflict(_)));
    assert!(RelayForm::parse("座谈").is_err());
}

#[test]
fn a_corrected_receipt_date_moves_the_default_relay_deadline_and_keeps_one_set_by_hand() {
    let cal = Calendar::official();
    let mut s = store();
    let a = actor("2026-11-30 09:00");
    let plan = |doc: &str, due: Option<&str>| RelayPlan {
        doc_no: doc.to_string(),
        parties: vec!["北京市税务局".into(), "天津市税务局".into()],
        due: due.map(d),
    };
    // The default: 5 working days after 2026-11-16 is 2026-11-23.
    let doc = document(&mut s, "重点文件", "2026-11-16", Urgency::PingJian, None);
    relay::mark_key(&mut s, &a, &cal, &plan(&doc, None)).unwrap();
    relay::record_report(
        &mut s,
        &a,
        &NewRelayReport {
            doc_no: doc.clone(),
            party: "北京市税务局".into(),
            reported_on: d("2026-11-20"),
            form: RelayForm::Meeting,
            measures: "已传达".into(),
        },
    )
    .unwrap();
    let fix = |received: &str| duban::documents::DocumentEdit {
        received_on: Some(d(received)),
        reason: "登记时看错".into(),
        ..Default::default()
    };
    duban::documents::edit_document(&mut s, &a, &doc, &fix("2026-11-18")).unwrap();
    let st = relay::status(s.conn(), &doc, d("2026-11-30")).unwrap();
    assert_eq!(st.due, Some(d("2026-11-25")), "5 working days after 11-18");
    let due_of = |name: &str| st.entries.iter().find(|e| e.party == name).unwrap().due;
    assert_eq!(
        due_of("天津市税务局"),
        d("2026-11-25"),
        "the one not reported moves"
    );
    assert_eq!(
        due_of("北京市税务局"),
        d("2026-11-23"),
        "a report made keeps its due"
    );
    let entry = duban::store::audit::entries_for(s.conn(), "document", &doc)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(entry.after.unwrap()["传达学习报送期限"], "2026-11-25");

    // Set by hand: it stays; a 收文日期 after it is refused, nothing written.
    let doc = document(
        &mut s,
        "另一重点文件",
        "2026-11-16",
        Urgency::PingJian,
        None,
    );
    relay::mark_key(&mut s, &a, &cal, &plan(&doc, Some("2026-11-20"))).unwrap();
    duban::documents::edit_document(&mut s, &a, &doc, &fix("2026-11-17")).unwrap();
    let st = relay::status(s.conn(), &doc, d("2026-11-30")).unwrap();
    assert_eq!(st.due, Some(d("2026-11-20")));
    let err = duban::documents::edit_document(&mut s, &a, &doc, &fix("2026-11-23")).unwrap_err();
    assert!(err.to_string().contains("早于更正后的收文日期"), "{err}");
    let doc_row = duban::documents::get_document(s.conn(), &doc).unwrap().row;
    assert_eq!(doc_row.received_on, d("2026-11-17"));

    // A default counted with 5 working days keeps counting with 5 after the
    // setting changes; a hand-set date equal to the new default stays put.
    let counted = document(
        &mut s,
        "第三份重点文件",
        "2026-11-16",
        Urgency::PingJian,
        None,
    );
    relay::mark_key(&mut s, &a, &cal, &plan(&counted, None)).unwrap();
    let chosen = document(
        &mut s,
        "第四份重点文件",
        "2026-11-16",
        Urgency::PingJian,
        None,
    );
    relay::mark_key(&mut s, &a, &cal, &plan(&chosen, Some("2026-11-19"))).unwrap();
    s.write(|tx| set_setting_in(tx, "relay_days", "3")).unwrap();
    for doc in [&counted, &chosen] {
        duban::documents::edit_document(&mut s, &a, doc, &fix("2026-11-17")).unwrap();
    }
    let due = |doc: &str| relay::status(s.conn(), doc, d("2026-11-30")).unwrap().due;
    assert_eq!(
        due(&counted),
        Some(d("2026-11-24")),
        "5 working days after 11-17"
    );
    assert_eq!(due(&chosen), Some(d("2026-11-19")), "set by hand");

    // A party reported on 11-20: the 收文日期 cannot move after it.
    let reported = counted_reported(&mut s, &a);
    let err =
        duban::documents::edit_document(&mut s, &a, &reported, &fix("2026-11-23")).unwrap_err();
    assert!(err.to_string().contains("报送传达学习情况"), "{err}");
}

/// A key document received 2026-11-16 whose party reported on 2026-11-20.
fn counted_reported(s: &mut duban::store::Store, a: &duban::store::Actor) -> String {
    let doc = document(s, "第五份重点文件", "2026-11-16", Urgency::PingJian, None);
    relay::mark_key(
        s,
        a,
        &Calendar::official(),
        &RelayPlan {
            doc_no: doc.clone(),
            parties: vec!["北京市税务局".into(), "天津市税务局".into()],
            due: Some(d("2026-11-27")),
        },
    )
    .unwrap();
    relay::record_report(
        s,
        a,
        &NewRelayReport {
            doc_no: doc.clone(),
            party: "北京市税务局".into(),
            reported_on: d("2026-11-20"),
            form: RelayForm::Meeting,
            measures: "已传达".into(),
        },
    )
    .unwrap();
    doc
}
