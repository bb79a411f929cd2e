//! 延期申请: made in time, with a later date; decided by the office; the
//! original deadline kept; history on the item's timeline; monthly counts.

use duban::calendar::Calendar;
use duban::extensions::{self, ExtensionDecision, ExtensionFilter, ExtensionStatus, NewExtension};
use duban::items::{self, Light};
use duban::reminders::ReminderKind;
use duban::rhythm;
use duban::store::audit;
use duban::Error;

use crate::support::{actor, at, count, d, item, store, Expect};

fn ask(item_no: &str, on: &str, to: &str) -> NewExtension {
    NewExtension {
        item_no: item_no.to_string(),
        requested_on: d(on),
        new_deadline: d(to),
        reason: "需征求下级单位意见".into(),
        progress_so_far: "已完成初稿".into(),
    }
}

#[test]
fn bad_requests_are_refused_with_a_reason_and_write_nothing() {
    let mut s = store();
    let no = item(&mut s, "需延期事项", "货物和劳务税司", "2026-11-20");
    let closed = item(&mut s, "撤销事项", "货物和劳务税司", "2026-11-20");
    items::withdraw(&mut s, &actor("2026-11-10 09:00"), &closed, "不再需要").unwrap();
    let mut no_reason = ask(&no, "2026-11-18", "2026-12-20");
    no_reason.reason = "  ".into();
    let mut no_progress = ask(&no, "2026-11-18", "2026-12-20");
    no_progress.progress_so_far = String::new();
    // (request, operator's moment, error kind, words the message must hold)
    let cases: Vec<(NewExtension, &str, Expect, &str)> = vec![
        (
            ask(&no, "2026-11-21", "2026-12-20"),
            "2026-11-21 10:00",
            |e| matches!(e, Error::Invalid(_)),
            "到期前提出",
        ),
        (
            ask(&no, "2026-11-18", "2026-11-19"),
            "2026-11-18 10:00",
            |e| matches!(e, Error::Invalid(_)),
            "须晚于当前完成时限",
        ),
        (
            ask(&no, "2026-11-18", "2026-11-20"),
            "2026-11-18 10:00",
            |e| matches!(e, Error::Invalid(_)),
            "须晚于当前完成时限",
        ),
        (
            ask(&no, "2026-11-19", "2026-12-20"),
            "2026-11-18 10:00",
            |e| matches!(e, Error::Invalid(_)),
            "晚于今天",
        ),
        (
            no_reason,
            "2026-11-18 10:00",
            |e| matches!(e, Error::Invalid(_)),
            "延期理由",
        ),
        (
            no_progress,
            "2026-11-18 10:00",
            |e| matches!(e, Error::Invalid(_)),
            "办理进展",
        ),
        (
            ask(&closed, "2026-11-18", "2026-12-20"),
            "2026-11-18 10:00",
            |e| matches!(e, Error::Conflict(_)),
            "已撤销",
        ),
        (
            ask("DB2099-9999", "2026-11-18", "2026-12-20"),
            "2026-11-18 10:00",
            |e| matches!(e, Error::NotFound(_)),
            "DB2099-9999",
        ),
    ];
    let audit_before = count(&s, "audit_log");
    for (req, now, kind, words) in cases {
        let e = extensions::request(&mut s, &actor(now), &req).unwrap_err();
        assert!(
            kind(&e),
            "{}: unexpected error kind {e:?}",
            req.new_deadline
        );
        assert!(
            e.to_string().contains(words),
            "message “{e}” should say “{words}”"
        );
    }
    assert_eq!(count(&s, "extensions"), 0, "nothing written");
    assert_eq!(
        count(&s, "audit_log"),
        audit_before,
        "no audit entry for a refusal"
    );
}

#[test]
fn a_request_on_the_deadline_day_is_accepted_and_approval_moves_only_the_effective_deadline() {
    let cal = Calendar::official();
    let mut s = store();
    let no = item(&mut s, "当天申请", "国际税务司", "2026-11-26");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-26 16:00"),
        &ask(&no, "2026-11-26", "2026-12-31"),
    )
    .unwrap();
    assert_eq!(ext.status, ExtensionStatus::Pending);
    assert_eq!(ext.old_deadline, d("2026-11-26"));
    // Pending: the item is still yellow/red by its current deadline and the office is reminded.
    let list = rhythm::scan(s.conn(), &cal, at("2026-11-27 09:00")).unwrap();
    let pending: Vec<_> = list
        .iter()
        .filter(|r| r.kind == ReminderKind::ExtensionPending)
        .collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].extension_id, Some(ext.id));
    assert!(
        pending[0].message.contains("国际税务司"),
        "{}",
        pending[0].message
    );
    assert!(list
        .iter()
        .any(|r| r.ref_no == no && r.kind == ReminderKind::ItemRed));
    // A second request while one is pending is refused.
    let twice = extensions::request(
        &mut s,
        &actor("2026-11-26 16:30"),
        &ask(&no, "2026-11-26", "2027-01-15"),
    );
    assert!(matches!(twice, Err(Error::Conflict(_))));

    let decided = extensions::decide(
        &mut s,
        &actor("2026-11-27 10:00"),
        ext.id,
        &ExtensionDecision {
            approve: true,
            comment: String::new(),
        },
    )
    .unwrap();
    assert_eq!(decided.status, ExtensionStatus::Approved);
    assert_eq!(decided.decided_on, Some(d("2026-11-27")));
    assert_eq!(decided.decision_note, "同意延期");
    let key = items::item_by_no(s.conn(), &no).unwrap().unwrap();
    assert_eq!(key.effective_deadline, Some(d("2026-12-31")));
    let original: String = s
        .conn()
        .query_row(
            "SELECT deadline FROM items WHERE item_no = ?1",
            [&no],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(original, "2026-11-26", "the original deadline is kept");
    assert_eq!(
        items::light_of(&cal, d("2026-11-27"), key.effective_deadline.unwrap(), 3),
        Light::Green
    );
    let after = rhythm::scan(s.conn(), &cal, at("2026-11-27 10:05")).unwrap();
    assert!(
        !after.iter().any(|r| r.ref_no == no),
        "approved: neither red nor pending"
    );
    // Deciding twice is refused.
    let again = extensions::decide(
        &mut s,
        &actor("2026-11-27 10:10"),
        ext.id,
        &ExtensionDecision {
            approve: false,
            comment: "重复".into(),
        },
    );
    assert!(matches!(again, Err(Error::Conflict(_))));
    // The timeline of the item holds the request and the approval.
    let actions: Vec<String> = audit::entries_for(s.conn(), "item", &no)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"extension_request".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"extension_approve".to_string()),
        "{actions:?}"
    );
}

#[test]
fn a_rejection_needs_a_comment_and_keeps_the_deadline() {
    let mut s = store();
    let no = item(&mut s, "驳回事项", "稽查局", "2026-11-30");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-25 09:00"),
        &ask(&no, "2026-11-25", "2026-12-15"),
    )
    .unwrap();
    let silent = extensions::decide(
        &mut s,
        &actor("2026-11-26 09:00"),
        ext.id,
        &ExtensionDecision {
            approve: false,
            comment: String::new(),
        },
    )
    .unwrap_err();
    assert!(silent.to_string().contains("审批意见"), "{silent}");
    let rejected = extensions::decide(
        &mut s,
        &actor("2026-11-26 09:00"),
        ext.id,
        &ExtensionDecision {
            approve: false,
            comment: "理由不充分，请按期办结".into(),
        },
    )
    .unwrap();
    assert_eq!(rejected.status, ExtensionStatus::Rejected);
    let key = items::item_by_no(s.conn(), &no).unwrap().unwrap();
    assert_eq!(key.effective_deadline, Some(d("2026-11-30")));
}

#[test]
fn approvals_are_counted_in_the_month_of_their_decision() {
    let mut s = store();
    let approve = ExtensionDecision {
        approve: true,
        comment: "同意".into(),
    };
    let reject = ExtensionDecision {
        approve: false,
        comment: "不同意".into(),
    };
    // (deadline, requested, decided at, decision)
    let cases = [
        ("2026-10-30", "2026-10-28", "2026-10-31 09:00", &approve), // October
        ("2026-11-10", "2026-11-02", "2026-11-03 09:00", &approve), // November
        ("2026-11-20", "2026-11-10", "2026-11-30 17:00", &approve), // November, last day
        ("2026-11-25", "2026-11-20", "2026-11-21 09:00", &reject),  // rejected: not counted
        ("2026-12-05", "2026-11-29", "2026-12-01 09:00", &approve), // requested in Nov, decided in Dec
    ];
    for (i, (deadline, requested, decided, decision)) in cases.iter().enumerate() {
        let no = item(&mut s, &format!("月度{i}"), "人事司", deadline);
        let ext = extensions::request(
            &mut s,
            &actor(&format!("{requested} 09:00")),
            &ask(&no, requested, "2027-01-31"),
        )
        .unwrap();
        extensions::decide(&mut s, &actor(decided), ext.id, decision).unwrap();
    }
    // Approved in November, then the item withdrawn: like the monthly sheet,
    // which leaves withdrawn items out of every figure, not counted.
    let gone = item(&mut s, "月度撤销", "人事司", "2026-11-15");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-05 09:00"),
        &ask(&gone, "2026-11-05", "2027-01-31"),
    )
    .unwrap();
    extensions::decide(&mut s, &actor("2026-11-06 09:00"), ext.id, &approve).unwrap();
    items::withdraw(&mut s, &actor("2026-11-07 09:00"), &gone, "任务取消").unwrap();
    let months = [(2026, 10, 1), (2026, 11, 2), (2026, 12, 1), (2027, 1, 0)];
    for (y, m, want) in months {
        assert_eq!(
            extensions::approved_in_month(s.conn(), y, m).unwrap().len(),
            want,
            "{y}-{m}"
        );
    }
    assert_eq!(
        extensions::list(
            s.conn(),
            &ExtensionFilter {
                item_no: None,
                status: Some(ExtensionStatus::Rejected)
            }
        )
        .unwrap()
        .len(),
        1
    );
    assert!(extensions::pending(s.conn()).unwrap().is_empty());
}

#[test]
fn a_request_on_an_item_closed_since_is_not_reminded_and_can_only_be_rejected() {
    let cal = Calendar::official();
    let mut s = store();
    let no = item(&mut s, "申请后撤销", "稽查局", "2026-11-30");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-25 09:00"),
        &ask(&no, "2026-11-25", "2026-12-15"),
    )
    .unwrap();
    items::withdraw(&mut s, &actor("2026-11-26 09:00"), &no, "并入其他事项").unwrap();
    let list = rhythm::scan(s.conn(), &cal, at("2026-11-26 10:00")).unwrap();
    assert!(
        !list
            .iter()
            .any(|r| r.kind == ReminderKind::ExtensionPending),
        "{list:?}"
    );
    assert!(extensions::pending(s.conn()).unwrap().is_empty());
    let approve = extensions::decide(
        &mut s,
        &actor("2026-11-26 10:00"),
        ext.id,
        &ExtensionDecision {
            approve: true,
            comment: String::new(),
        },
    )
    .unwrap_err();
    assert!(matches!(approve, Error::Conflict(_)), "{approve}");
    let rejected = extensions::decide(
        &mut s,
        &actor("2026-11-26 10:00"),
        ext.id,
        &ExtensionDecision {
            approve: false,
            comment: "事项已撤销".into(),
        },
    )
    .unwrap();
    assert_eq!(rejected.status, ExtensionStatus::Rejected);
}

#[test]
fn a_standing_item_has_no_deadline_to_extend_and_no_light() {
    let mut s = store();
    let approve = ExtensionDecision {
        approve: true,
        comment: "同意".into(),
    };
    let standing = |s: &mut duban::store::Store, no: &str| {
        items::edit_item(
            s,
            &actor("2026-11-20 09:00"),
            no,
            &items::ItemEdit {
                standing: Some(true),
                reason: "改为长期事项".into(),
                ..Default::default()
            },
        )
        .unwrap();
    };
    let effective = |s: &duban::store::Store, no: &str| {
        items::item_by_no(s.conn(), no)
            .unwrap()
            .unwrap()
            .effective_deadline
    };
    let red = |s: &duban::store::Store, no: &str| {
        let cal = Calendar::load(s.conn()).unwrap();
        rhythm::scan(s.conn(), &cal, at("2027-02-10 09:00"))
            .unwrap()
            .iter()
            .filter(|r| r.kind == ReminderKind::ItemRed && r.ref_no == no)
            .count()
    };

    // Extended, then made standing: the extension's date goes with the deadline.
    let a = item(&mut s, "延期后改长期", "人事司", "2026-11-30");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-10 09:00"),
        &ask(&a, "2026-11-10", "2026-12-20"),
    )
    .unwrap();
    extensions::decide(&mut s, &actor("2026-11-11 09:00"), ext.id, &approve).unwrap();
    assert_eq!(effective(&s, &a), Some(d("2026-12-20")));
    assert_eq!(red(&s, &a), 1, "red while it has a deadline");
    standing(&mut s, &a);
    assert_eq!(effective(&s, &a), None);
    assert_eq!(red(&s, &a), 0, "a standing item has no light");
    let superseded = extensions::get(s.conn(), ext.id).unwrap();
    assert_eq!(superseded.status, ExtensionStatus::Approved);
    assert_eq!(superseded.superseded_on, Some(d("2026-11-20")));
    // Dated again, earlier than the old extension: the deadline given holds;
    // the extension it no longer has still counts in the month it was approved.
    items::edit_item(
        &mut s,
        &actor("2026-11-25 09:00"),
        &a,
        &items::ItemEdit {
            standing: Some(false),
            deadline: Some(d("2026-12-01")),
            reason: "恢复为限时事项".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(effective(&s, &a), Some(d("2026-12-01")));
    let counted = extensions::approved_in_month(s.conn(), 2026, 11).unwrap();
    assert!(counted.iter().any(|e| e.id == ext.id));

    // Requested, then made standing: the request can only be turned down.
    let b = item(&mut s, "申请后改长期", "人事司", "2026-11-30");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-10 09:00"),
        &ask(&b, "2026-11-10", "2026-12-20"),
    )
    .unwrap();
    standing(&mut s, &b);
    let err = extensions::decide(&mut s, &actor("2026-11-21 09:00"), ext.id, &approve).unwrap_err();
    assert!(err.to_string().contains("长期事项"), "{err}");
    assert_eq!(effective(&s, &b), None);
    let no = ExtensionDecision {
        approve: false,
        comment: "已改为长期事项".into(),
    };
    extensions::decide(&mut s, &actor("2026-11-21 09:00"), ext.id, &no).unwrap();
    assert_eq!(red(&s, &b), 0);
}

#[test]
fn an_extension_never_brings_a_deadline_forward_and_a_standing_item_can_be_dated_again() {
    let mut s = store();
    let approve = ExtensionDecision {
        approve: true,
        comment: "同意".into(),
    };
    let effective = |s: &duban::store::Store, no: &str| {
        items::item_by_no(s.conn(), no)
            .unwrap()
            .unwrap()
            .effective_deadline
    };
    let edit = |s: &mut duban::store::Store, no: &str, e: items::ItemEdit| {
        items::edit_item(s, &actor("2026-11-21 09:00"), no, &e)
    };
    let no = item(&mut s, "时限已更正", "人事司", "2026-11-30");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-20 09:00"),
        &ask(&no, "2026-11-20", "2026-12-15"),
    )
    .unwrap();
    // Dated before its request: refused.
    let e = extensions::decide(&mut s, &actor("2026-11-19 09:00"), ext.id, &approve).unwrap_err();
    assert!(e.to_string().contains("早于申请日期"), "{e}");
    // The 完成时限 is corrected to after the requested date: approving would
    // bring it forward, refused; the deadline stays.
    edit(
        &mut s,
        &no,
        items::ItemEdit {
            deadline: Some(d("2026-12-31")),
            reason: "时限录入有误".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let e = extensions::decide(&mut s, &actor("2026-11-22 09:00"), ext.id, &approve).unwrap_err();
    assert!(e.to_string().contains("不晚于"), "{e}");
    assert_eq!(effective(&s, &no), Some(d("2026-12-31")));
    // Its reminder is due on the corrected deadline and says to turn it down.
    let cal = Calendar::load(s.conn()).unwrap();
    let pending: Vec<_> = rhythm::scan(s.conn(), &cal, at("2026-11-22 09:00"))
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == ReminderKind::ExtensionPending && r.ref_no == no)
        .collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].due, d("2026-12-31"));
    assert!(
        pending[0].message.contains("请选择不批准"),
        "{}",
        pending[0].message
    );

    // An approved extension, then a 完成时限 corrected past it: the later wins.
    let later = item(&mut s, "延期后更正", "人事司", "2026-11-30");
    let ext = extensions::request(
        &mut s,
        &actor("2026-11-20 09:00"),
        &ask(&later, "2026-11-20", "2026-12-15"),
    )
    .unwrap();
    extensions::decide(&mut s, &actor("2026-11-20 10:00"), ext.id, &approve).unwrap();
    for (due, want) in [("2027-01-15", "2027-01-15"), ("2026-11-25", "2026-12-15")] {
        edit(
            &mut s,
            &later,
            items::ItemEdit {
                deadline: Some(d(due)),
                reason: "更正".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(effective(&s, &later), Some(d(want)), "due {due}");
    }

    // 长期 → dated, and back: one edit each.
    for (standing, due, want) in [
        (true, None, None),
        (false, Some("2027-03-31"), Some("2027-03-31")),
    ] {
        edit(
            &mut s,
            &later,
            items::ItemEdit {
                standing: Some(standing),
                deadline: due.map(d),
                reason: "调整".into(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(effective(&s, &later), want.map(d), "standing {standing}");
    }
}

#[test]
fn two_approvals_entered_out_of_order_keep_the_later_date_when_the_deadline_is_corrected() {
    let mut s = store();
    let approve = ExtensionDecision {
        approve: true,
        comment: "同意".into(),
    };
    let no = item(&mut s, "两次延期", "人事司", "2026-11-10");
    let first = extensions::request(
        &mut s,
        &actor("2026-11-01 09:00"),
        &ask(&no, "2026-11-01", "2026-11-30"),
    )
    .unwrap();
    extensions::decide(&mut s, &actor("2026-11-20 09:00"), first.id, &approve).unwrap();
    let second = extensions::request(
        &mut s,
        &actor("2026-11-21 09:00"),
        &ask(&no, "2026-11-02", "2026-12-31"),
    )
    .unwrap();
    // Entered afterwards, its decision dated before the first one's.
    extensions::decide(&mut s, &actor("2026-11-05 09:00"), second.id, &approve).unwrap();
    let effective = |s: &duban::store::Store| {
        items::item_by_no(s.conn(), &no)
            .unwrap()
            .unwrap()
            .effective_deadline
    };
    assert_eq!(effective(&s), Some(d("2026-12-31")));
    items::edit_item(
        &mut s,
        &actor("2026-11-22 09:00"),
        &no,
        &items::ItemEdit {
            deadline: Some(d("2026-11-11")),
            reason: "更正".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        effective(&s),
        Some(d("2026-12-31")),
        "both approvals stand: the later date granted is the deadline in force"
    );
}
