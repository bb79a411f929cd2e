//! Quality events as of a day: what was recorded or happened after it is not
//! there yet, a day to come is refused, and a 会签逾期 recorded by hand is not
//! counted again once the document links its 会签.

use duban::calendar::Calendar;
use duban::countersigns::{self, CountersignKind, NewCountersign};
use duban::outgoing::{self, EventKind, Gate, OutgoingPatch};

use super::{add, event, new_doc};
use crate::support::{actor, d, store};

#[test]
fn events_are_as_of_their_day_and_a_linked_countersign_is_counted_once() {
    let mut s = store();
    add(
        &mut s,
        &new_doc(
            "税发〔2026〕7号",
            "办公厅",
            "2026-11-02",
            Some("2026-11-05"),
        ),
    );
    let a = actor("2026-11-25 09:00");
    outgoing::record_event(
        &mut s,
        &a,
        &event(
            "税发〔2026〕7号",
            None,
            EventKind::Revised,
            Some(Gate::Wording),
            "2026-11-25",
        ),
    )
    .unwrap();
    let kinds = |s: &duban::store::Store, as_of: &str| -> Vec<(String, EventKind)> {
        outgoing::events_for(s.conn(), "税发〔2026〕7号", d(as_of))
            .unwrap()
            .into_iter()
            .map(|e| (e.department, e.kind))
            .collect()
    };
    assert!(kinds(&s, "2026-11-21").is_empty(), "not yet on 11-21");
    assert_eq!(
        kinds(&s, "2026-11-30"),
        [("办公厅".to_string(), EventKind::Revised)]
    );
    let e = outgoing::record_event(
        &mut s,
        &a,
        &event(
            "税发〔2026〕7号",
            None,
            EventKind::Returned,
            Some(Gate::Legal),
            "2026-12-01",
        ),
    )
    .unwrap_err();
    assert!(e.to_string().contains("晚于今天"), "{e}");

    // 所得税司's late reply recorded by hand, then the 会签 linked: derived
    // from the replies (所得税司 never replied), counted once.
    outgoing::record_event(
        &mut s,
        &a,
        &event(
            "税发〔2026〕7号",
            Some("所得税司"),
            EventKind::CountersignOverdue,
            None,
            "2026-11-06",
        ),
    )
    .unwrap();
    let cs = countersigns::send(
        &mut s,
        &actor("2026-11-02 09:00"),
        &Calendar::official(),
        &NewCountersign {
            doc_no: None,
            title: "会签稿".into(),
            kind: CountersignKind::Countersign,
            sent_on: d("2026-11-02"),
            reply_days: 2,
            parties: vec!["所得税司".into()],
        },
    )
    .unwrap();
    outgoing::update(
        &mut s,
        &a,
        "税发〔2026〕7号",
        &OutgoingPatch {
            countersign_id: Some(cs.id),
            ..Default::default()
        },
    )
    .unwrap();
    let overdue: Vec<_> = outgoing::events_for(s.conn(), "税发〔2026〕7号", d("2026-11-30"))
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::CountersignOverdue)
        .collect();
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert!(overdue[0].derived);
}
