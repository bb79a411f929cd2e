//! Dates worked out in working days and stored follow a later change of the
//! calendar: a 会签's reply deadline and a default 传达学习 deadline.

use duban::calendar::{Calendar, YearDayKind};
use duban::calendar_change::{add_year, set_day};
use duban::countersigns::{self, CountersignKind, NewCountersign, NewReply, Opinion};
use duban::documents::Urgency;
use duban::relay::{self, RelayPlan};
use duban::store::audit;

use crate::support::{actor, d, document, store};

#[test]
fn reply_and_relay_deadlines_move_when_the_years_holidays_are_loaded_later() {
    let mut s = store();
    let a = actor("2027-01-27 10:00");
    // 2027 has no schedule yet: weekends only, provisionally.
    let cal = Calendar::load(s.conn()).unwrap();
    let cs = countersigns::send(
        &mut s,
        &a,
        &cal,
        &NewCountersign {
            doc_no: None,
            title: "关于某制度的会签稿".into(),
            kind: CountersignKind::Countersign,
            sent_on: d("2027-01-27"),
            reply_days: 5,
            parties: vec!["办公厅".into()],
        },
    )
    .unwrap();
    assert_eq!(cs.reply_due, d("2027-02-03"));
    // Another, answered on its (provisional) last day before the notice is loaded.
    let answered = countersigns::send(
        &mut s,
        &a,
        &cal,
        &NewCountersign {
            doc_no: None,
            title: "已回复的会签稿".into(),
            kind: CountersignKind::Countersign,
            sent_on: d("2027-01-27"),
            reply_days: 5,
            parties: vec!["办公厅".into()],
        },
    )
    .unwrap();
    countersigns::reply(
        &mut s,
        &actor("2027-02-03 10:00"),
        &NewReply {
            countersign_id: answered.id,
            party: "办公厅".into(),
            replied_on: d("2027-02-03"),
            opinion: Opinion::Agree,
            comment: String::new(),
        },
    )
    .unwrap();
    let plan = |doc: &str, due: Option<&str>| RelayPlan {
        doc_no: doc.to_string(),
        parties: vec!["北京市税务局".into()],
        due: due.map(d),
    };
    let by_default = document(&mut s, "重点文件", "2027-01-27", Urgency::PingJian, None);
    relay::mark_key(&mut s, &a, &cal, &plan(&by_default, None)).unwrap();
    let by_hand = document(
        &mut s,
        "另一重点文件",
        "2027-01-27",
        Urgency::PingJian,
        None,
    );
    relay::mark_key(&mut s, &a, &cal, &plan(&by_hand, Some("2027-02-04"))).unwrap();

    // The notice: 2027-01-29 and 2027-02-01 off.
    let days = duban::calendar::parse_schedule(
        "2027-01-01,休,元旦\n2027-01-29,休,春节\n2027-02-01,休,春节",
        "通知",
        Some(2027),
    )
    .unwrap()
    .days;
    add_year(&mut s, &a, 2027, &days, "国办发明电〔2026〕X号").unwrap();
    let cs = countersigns::get(s.conn(), cs.id).unwrap();
    assert_eq!(cs.reply_due, d("2027-02-05"), "two days off in between");
    let answered = countersigns::get(s.conn(), answered.id).unwrap();
    assert_eq!(
        answered.reply_due,
        d("2027-02-03"),
        "answered: its deadline, and the reply judged on it, stay"
    );
    let relay_due = |s: &duban::store::Store, doc: &str| {
        let st = relay::status(s.conn(), doc, d("2027-01-27")).unwrap();
        (st.due, st.entries[0].due)
    };
    let moved = d("2027-02-05");
    assert_eq!(relay_due(&s, &by_default), (Some(moved), moved));
    let kept = d("2027-02-04");
    assert_eq!(
        relay_due(&s, &by_hand),
        (Some(kept), kept),
        "set by hand: stays"
    );
    let last = audit::entries_for(s.conn(), "document", &by_default)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.after.unwrap()["relay_due"].as_str()
        ),
        ("relay_due", Some("2027-02-05"))
    );

    // A day set by hand moves them again: 2027-02-02 off too.
    set_day(&mut s, &a, d("2027-02-02"), YearDayKind::Holiday, "春节").unwrap();
    let cs = countersigns::get(s.conn(), cs.id).unwrap();
    assert_eq!(cs.reply_due, d("2027-02-08"));
    assert_eq!(relay_due(&s, &by_default).0, Some(d("2027-02-08")));
    assert_eq!(relay_due(&s, &by_hand).0, Some(kept));
}
