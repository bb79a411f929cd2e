//! 会签 / 征求意见: reply deadlines in working days, replies, reminders.

use duban::calendar::Calendar;
use duban::countersigns::{self, CountersignKind, NewCountersign, NewReply, Opinion};
use duban::documents::Urgency;
use duban::reminders::ReminderKind;
use duban::rhythm;
use duban::Error;

use crate::support::{actor, at, count, d, document, of_kind, store, Expect};

fn send_to(doc_no: Option<&str>, sent: &str, days: u32, parties: &[&str]) -> NewCountersign {
    NewCountersign {
        doc_no: doc_no.map(str::to_string),
        title: String::new(),
        kind: CountersignKind::Countersign,
        sent_on: d(sent),
        reply_days: days,
        parties: parties.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn reply_deadlines_count_working_days_across_holidays() {
    let cal = Calendar::official();
    // (sent on, working days, expected reply_due)
    let cases = [
        ("2026-09-29", 3, "2026-10-09"), // 09-30, 10-08, 10-09
        ("2026-10-09", 1, "2026-10-10"), // make-up Saturday
        ("2026-02-13", 2, "2026-02-24"), // 02-14 (Sat, works), then 02-24
        ("2026-11-26", 5, "2026-12-03"),
    ];
    for (sent, days, due) in cases {
        let mut s = store();
        let cs = countersigns::send(&mut s, &actor("2026-12-31 09:00"), &cal, &{
            let mut n = send_to(None, sent, days, &["办公厅"]);
            n.title = "关于某制度的征求意见稿".into();
            n.kind = CountersignKind::Consultation;
            n
        })
        .unwrap();
        assert_eq!(cs.reply_due, d(due), "sent {sent} + {days} working days");
    }
}

#[test]
fn open_replies_are_due_then_overdue_and_stop_when_answered() {
    let cal = Calendar::official();
    let mut s = store();
    let doc = document(&mut s, "会签文件", "2026-09-28", Urgency::PingJian, None);
    let cs = countersigns::send(
        &mut s,
        &actor("2026-09-29 09:00"),
        &cal,
        &send_to(
            Some(&doc),
            "2026-09-29",
            3,
            &["政策法规司", "财务司", "政策法规司"],
        ),
    )
    .unwrap();
    assert_eq!(cs.title, "会签文件", "defaults to the document's title");
    assert_eq!(cs.replies.len(), 2, "a party named twice is asked once");
    assert_eq!(cs.reply_due, d("2026-10-09"));

    let on_due = rhythm::scan(s.conn(), &cal, at("2026-10-09 09:00")).unwrap();
    assert_eq!(of_kind(&on_due, ReminderKind::CountersignDue).len(), 2);
    assert!(of_kind(&on_due, ReminderKind::CountersignOverdue).is_empty());

    countersigns::reply(
        &mut s,
        &actor("2026-10-09 15:00"),
        &NewReply {
            countersign_id: cs.id,
            party: "法规司".into(),
            replied_on: d("2026-10-09"),
            opinion: Opinion::Comments,
            comment: "第三条建议修改".into(),
        },
    )
    .unwrap();
    let after = rhythm::scan(s.conn(), &cal, at("2026-10-10 09:00")).unwrap();
    assert_eq!(
        of_kind(&after, ReminderKind::CountersignOverdue),
        vec![(doc.clone(), "财务管理司".to_string())]
    );
    assert!(of_kind(&after, ReminderKind::CountersignDue).is_empty());
    let r = after
        .iter()
        .find(|r| r.kind == ReminderKind::CountersignOverdue)
        .unwrap();
    assert_eq!(r.days_late, 1);
    assert_eq!(r.countersign_id, Some(cs.id));
    assert_eq!(countersigns::open_count(s.conn()).unwrap(), 1);
    assert_eq!(countersigns::list(s.conn(), true).unwrap().len(), 1);
}

#[test]
fn bad_countersigns_and_replies_are_refused_and_write_nothing() {
    let cal = Calendar::official();
    let mut s = store();
    let a = actor("2026-11-26 09:00");
    let cs = countersigns::send(&mut s, &a, &cal, &{
        let mut n = send_to(None, "2026-11-26", 3, &["办公厅"]);
        n.title = "草稿".into();
        n
    })
    .unwrap();
    let before = (
        count(&s, "countersigns"),
        count(&s, "countersign_replies"),
        count(&s, "audit_log"),
    );
    let titled = |mut n: NewCountersign| {
        n.title = "草稿".into();
        n
    };
    // (countersign, error kind, words)
    let sends: Vec<(NewCountersign, Expect, &str)> = vec![
        (
            titled(send_to(None, "2026-11-26", 3, &["办公厅", "宣传司"])),
            |e| matches!(e, Error::NotFound(_)),
            "宣传司",
        ),
        (
            titled(send_to(None, "2026-11-26", 3, &[])),
            |e| matches!(e, Error::Invalid(_)),
            "至少选择",
        ),
        (
            titled(send_to(None, "2026-11-26", 0, &["办公厅"])),
            |e| matches!(e, Error::Invalid(_)),
            "至少为 1",
        ),
        (
            send_to(None, "2026-11-26", 3, &["办公厅"]),
            |e| matches!(e, Error::Invalid(_)),
            "标题",
        ),
        (
            titled(send_to(
                Some("收〔2026〕999号"),
                "2026-11-26",
                3,
                &["办公厅"],
            )),
            |e| matches!(e, Error::NotFound(_)),
            "999",
        ),
        (
            titled(send_to(None, "2026-11-27", 3, &["办公厅"])),
            |e| matches!(e, Error::Invalid(_)),
            "晚于今天",
        ),
    ];
    for (n, kind, words) in sends {
        let e = countersigns::send(&mut s, &a, &cal, &n).unwrap_err();
        assert!(kind(&e), "{e:?}");
        assert!(e.to_string().contains(words), "“{e}” should say “{words}”");
    }
    let reply = |party: &str, on: &str| NewReply {
        countersign_id: cs.id,
        party: party.into(),
        replied_on: d(on),
        opinion: Opinion::Agree,
        comment: String::new(),
    };
    for (r, words) in [
        (reply("稽查局", "2026-11-26"), "未收到"),
        (reply("不存在司", "2026-11-26"), "没有"),
        (reply("办公厅", "2026-11-25"), "发送日期"),
    ] {
        let e = countersigns::reply(&mut s, &a, &r).unwrap_err();
        assert!(e.to_string().contains(words), "“{e}” should say “{words}”");
    }
    assert_eq!(
        (
            count(&s, "countersigns"),
            count(&s, "countersign_replies"),
            count(&s, "audit_log")
        ),
        before
    );
    countersigns::reply(&mut s, &a, &reply("办公室", "2026-11-26")).unwrap();
    let twice = countersigns::reply(&mut s, &a, &reply("办公厅", "2026-11-26")).unwrap_err();
    assert!(matches!(twice, Error::Conflict(_)));
}

#[test]
fn a_draft_is_reminded_as_its_countersign_number_whatever_its_kind() {
    let cal = Calendar::official();
    let mut s = store();
    let mut asked = send_to(None, "2026-09-29", 3, &["政策法规司"]);
    asked.kind = CountersignKind::Consultation;
    asked.title = "征求意见稿".into();
    let cs = countersigns::send(&mut s, &actor("2026-09-29 09:00"), &cal, &asked).unwrap();
    let due = rhythm::scan(s.conn(), &cal, at("2026-10-09 09:00")).unwrap();
    assert_eq!(
        of_kind(&due, ReminderKind::CountersignDue),
        vec![(format!("会签#{}", cs.id), "政策法规司".to_string())]
    );
}
