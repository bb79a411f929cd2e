//! 回头看 / 再督查: planned after the close, and their three results.

use duban::calendar::Calendar;
use duban::inspections::findings::{self, NewFinding, Spread};
use duban::inspections::followups::{self, FollowupOutcome, NewFollowup};
use duban::inspections::queries::{self, LightRule, RectFilter};
use duban::inspections::rectify::{self, Check};
use duban::inspections::{FollowupKind, FollowupResult, InspectionKind, Manner, Measure, Source};
use duban::reminders::ReminderKind;
use duban::store::Store;

use super::checks::audit_item;
use super::{make_inspection, roster_store};
use crate::support::{actor, at, count, d, of_kind};

fn closed_item(s: &mut Store) -> String {
    let no = audit_item(s, "北京市税务局", "2026-04-30");
    close_with_three_checks(s, &no);
    no
}

/// Ticks the three checks of 三不放过 and closes the item on 2026-04-10.
fn close_with_three_checks(s: &mut Store, no: &str) {
    for c in [
        Check::Cause {
            text: "原因".into(),
        },
        Check::Remedied {
            evidence: "佐证".into(),
            files: vec![],
        },
        Check::Accountability {
            measure: Measure::Reminder,
            who: "某人".into(),
            note: String::new(),
        },
    ] {
        rectify::tick(s, &actor("2026-03-10 09:00"), no, &c).unwrap();
    }
    rectify::close(s, &actor("2026-04-10 09:00"), no, d("2026-04-10")).unwrap();
}

fn plan(s: &mut Store, no: &str, on: &str) -> duban::Result<followups::Followup> {
    followups::plan(
        s,
        &actor("2026-04-20 09:00"),
        &NewFollowup {
            kind: FollowupKind::Review,
            rect_no: Some(no.into()),
            inspection: None,
            planned_on: d(on),
            note: String::new(),
        },
    )
}

#[test]
fn a_follow_up_before_the_close_or_of_an_open_item_is_refused() {
    let mut s = roster_store();
    let no = closed_item(&mut s);
    let open = audit_item(&mut s, "天津市税务局", "2026-04-30");
    let before = count(&s, "followups");
    let e = plan(&mut s, &no, "2026-04-09").unwrap_err();
    assert!(
        e.to_string().contains("早于") && e.to_string().contains("销号日期 2026-04-10"),
        "{e}"
    );
    let e = plan(&mut s, &open, "2026-05-09").unwrap_err();
    assert!(e.to_string().contains("尚未销号"), "{e}");
    assert_eq!(count(&s, "followups"), before);
    plan(&mut s, &no, "2026-04-10").unwrap();
}

#[test]
fn each_result_does_what_it_says() {
    for result in [
        FollowupResult::Remedied,
        FollowupResult::NotRemedied,
        FollowupResult::Rebound,
    ] {
        let mut s = roster_store();
        let no = closed_item(&mut s);
        let f = plan(&mut s, &no, "2026-05-11").unwrap();
        let outcome = FollowupOutcome {
            followup_id: f.id,
            done_on: d("2026-05-11"),
            result,
            note: String::new(),
            rect_no: None,
            new_deadline: None,
        };
        let a = actor("2026-05-12 09:00");
        if result != FollowupResult::Remedied {
            let e = followups::record_result(&mut s, &a, &outcome).unwrap_err();
            assert!(e.to_string().contains("新的整改时限"), "{result:?}: {e}");
        }
        let outcome = FollowupOutcome {
            new_deadline: Some(d("2026-06-30")),
            ..outcome
        };
        let new_item = followups::record_result(&mut s, &a, &outcome).unwrap();
        let cal = Calendar::official();
        let rule = LightRule {
            cal: &cal,
            today: d("2026-05-12"),
            yellow_days: 3,
        };
        let old = queries::detail(s.conn(), &rule, &no).unwrap();
        match result {
            FollowupResult::Remedied => {
                assert!(old.row.closed && new_item.is_none());
            }
            FollowupResult::NotRemedied => {
                assert!(!old.row.closed, "整改不到位 reopens the item");
                assert_eq!(old.row.deadline, d("2026-06-30"));
            }
            FollowupResult::Rebound => {
                assert!(old.row.closed, "the old item stays closed");
                let new_no = new_item.expect("问题反弹 makes a new item");
                let rebound_of: Option<i64> = s
                    .conn()
                    .query_row(
                        "SELECT f.rebound_of FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE r.rect_no = ?1",
                        [&new_no],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(rebound_of, Some(old.row.id));
            }
        }
        let again = followups::record_result(&mut s, &a, &outcome).unwrap_err();
        assert!(
            again.to_string().contains("不能重复登记"),
            "{result:?}: {again}"
        );
        let done = followups::get(s.conn(), f.id).unwrap();
        assert_eq!(done.result, Some(result));
    }
}

#[test]
fn due_follow_ups_are_reminded_until_done() {
    let mut s = roster_store();
    let no = closed_item(&mut s);
    plan(&mut s, &no, "2026-05-11").unwrap();
    let cal = Calendar::load(s.conn()).unwrap();
    let early = duban::rhythm::scan(s.conn(), &cal, at("2026-04-21 09:00")).unwrap();
    assert!(
        of_kind(&early, ReminderKind::FollowupDue).is_empty(),
        "three weeks ahead is not due"
    );
    let due = duban::rhythm::scan(s.conn(), &cal, at("2026-05-08 09:00")).unwrap();
    assert_eq!(
        of_kind(&due, ReminderKind::FollowupDue),
        [(no.clone(), "督查督办室".to_string())]
    );
    let rows = queries::list(
        s.conn(),
        &LightRule {
            cal: &cal,
            today: d("2026-05-08"),
            yellow_days: 3,
        },
        &RectFilter::default(),
    )
    .unwrap();
    assert!(rows[0].closed);
}

#[test]
fn open_items_are_chased_like_items_and_closed_ones_are_not() {
    use duban::chases::Channel;
    use duban::inspections::chase::{self, NewRectChase};
    let mut s = roster_store();
    let closed = closed_item(&mut s);
    let open = audit_item(&mut s, "天津市税务局", "2026-04-30");
    let new = |no: &str| NewRectChase {
        rect_no: no.into(),
        chased_on: d("2026-05-06"),
        channel: Channel::Phone,
        to_whom: String::new(),
        note: "请尽快整改".into(),
    };
    chase::chase(&mut s, &actor("2026-05-06 09:00"), &new(&open)).unwrap();
    let e = chase::chase(&mut s, &actor("2026-05-06 09:00"), &new(&closed)).unwrap_err();
    assert!(e.to_string().contains("已销号，无需催办"), "{e}");
    let cal = Calendar::official();
    let detail = queries::detail(
        s.conn(),
        &LightRule {
            cal: &cal,
            today: d("2026-05-06"),
            yellow_days: 3,
        },
        &open,
    )
    .unwrap();
    assert_eq!(detail.chases.len(), 1);
    assert_eq!(
        detail.chases[0].to_whom, "天津市税务局",
        "the unit by default"
    );

    // A chase recorded by mistake is voided: kept, marked, audited; once only.
    let id = detail.chases[0].id;
    let audits = |s: &duban::store::Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = '作废催办' AND entity = 'rectification'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let e = chase::void_rect_chase(&mut s, &actor("2026-05-07 09:00"), id, " ").unwrap_err();
    assert!(e.to_string().contains("原因"), "a reason is required: {e}");
    chase::void_rect_chase(&mut s, &actor("2026-05-07 09:00"), id, "重复登记").unwrap();
    assert_eq!(audits(&s), 1);
    let chases = chase::chases_of(
        s.conn(),
        s.conn()
            .query_row(
                "SELECT id FROM rectifications WHERE rect_no = ?1",
                [&open],
                |r| r.get(0),
            )
            .unwrap(),
    )
    .unwrap();
    let mark = chases[0].voided.as_ref().expect("marked voided");
    assert_eq!(mark.reason, "重复登记");
    let again = chase::void_rect_chase(&mut s, &actor("2026-05-07 09:00"), id, "x").unwrap_err();
    assert!(again.to_string().contains("不能重复作废"), "{again}");
    let unknown =
        chase::void_rect_chase(&mut s, &actor("2026-05-07 09:00"), 9999, "x").unwrap_err();
    assert!(unknown.to_string().contains("找不到"), "{unknown}");
    assert_eq!(audits(&s), 1, "refusals write nothing");
}

#[test]
fn a_rebound_of_an_item_spread_from_an_inspection_is_recorded_against_its_unit() {
    let mut s = roster_store();
    let number = make_inspection(&mut s, InspectionKind::OnSite, Manner::Open);
    let a = actor("2026-03-10 09:00");
    let general = findings::record(
        &mut s,
        &a,
        &NewFinding {
            source: Source::Inspection,
            inspection: Some(number.clone()),
            source_ref: String::new(),
            party: "北京市税务局".into(),
            description: "普遍存在的问题".into(),
            general: true,
            found_on: d("2026-03-05"),
            deadline: d("2026-04-30"),
        },
    )
    .unwrap();
    // 河北 is not a target of the inspection; it gets the item as 防范整改.
    let spread = findings::spread(
        &mut s,
        &a,
        &Spread {
            finding_id: general.finding_id,
            units: vec!["河北省税务局".into()],
            deadline: d("2026-04-30"),
        },
    )
    .unwrap();
    let no = spread[0].clone();
    close_with_three_checks(&mut s, &no);
    let f = plan(&mut s, &no, "2026-05-11").unwrap();
    let new_no = followups::record_result(
        &mut s,
        &actor("2026-05-12 09:00"),
        &FollowupOutcome {
            followup_id: f.id,
            done_on: d("2026-05-11"),
            result: FollowupResult::Rebound,
            note: String::new(),
            rect_no: None,
            new_deadline: Some(d("2026-06-30")),
        },
    )
    .unwrap()
    .expect("问题反弹 makes a new item");
    let (unit, inspection): (String, String) = s
        .conn()
        .query_row(
            "SELECT p.name, i.number FROM rectifications r JOIN findings f ON f.id = r.finding_id
               JOIN parties p ON p.id = f.party_id JOIN inspections i ON i.id = f.inspection_id
              WHERE r.rect_no = ?1",
            [&new_no],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(unit, "河北省税务局");
    assert_eq!(inspection, number);
    // Each item names the other: the old one's follow-up its new item, the
    // new one the item it rebounded from.
    assert_eq!(
        followups::get(s.conn(), f.id)
            .unwrap()
            .new_rect_no
            .as_deref(),
        Some(new_no.as_str())
    );
    let cal = Calendar::official();
    let rule = LightRule {
        cal: &cal,
        today: d("2026-05-12"),
        yellow_days: 3,
    };
    let new_item = queries::detail(s.conn(), &rule, &new_no).unwrap();
    assert_eq!(new_item.rebound_of.as_deref(), Some(no.as_str()));
    assert_eq!(
        queries::detail(s.conn(), &rule, &no).unwrap().rebound_of,
        None
    );
}

/// A reopened item tells its history truly: closed again on or after the day
/// it was reopened, and a follow-up planned before the reopening records no
/// result while the item is open, nor one dated before its new close.
#[test]
fn a_reopened_item_is_closed_again_after_the_reopening_and_looked_back_on_after_that() {
    let mut s = roster_store();
    let no = closed_item(&mut s); // closed 2026-04-10
    let f = plan(&mut s, &no, "2026-05-11").unwrap();
    rectify::reopen(
        &mut s,
        &actor("2026-05-04 09:00"),
        &no,
        "复查发现未整改到位",
        Some(d("2026-05-31")),
    )
    .unwrap();
    let outcome = FollowupOutcome {
        followup_id: f.id,
        done_on: d("2026-05-11"),
        result: FollowupResult::Remedied,
        note: String::new(),
        rect_no: None,
        new_deadline: None,
    };
    let e = followups::record_result(&mut s, &actor("2026-05-12 09:00"), &outcome).unwrap_err();
    assert!(
        e.to_string().contains("尚未销号") && e.to_string().contains("再次销号后登记"),
        "{e}"
    );
    let evidence = Check::Remedied {
        evidence: "再次佐证".into(),
        files: vec![],
    };
    // The fix shown again on 6 May (a 销号 is not dated before its checks).
    rectify::tick(&mut s, &actor("2026-05-06 09:00"), &no, &evidence).unwrap();
    let e = rectify::close(&mut s, &actor("2026-05-12 09:00"), &no, d("2026-04-12")).unwrap_err();
    assert!(
        e.to_string()
            .contains("早于该事项重新打开的日期 2026-05-04"),
        "{e}"
    );
    rectify::close(&mut s, &actor("2026-05-12 09:00"), &no, d("2026-05-06")).unwrap();
    let early = FollowupOutcome {
        done_on: d("2026-05-05"),
        ..outcome.clone()
    };
    let e = followups::record_result(&mut s, &actor("2026-05-12 09:00"), &early).unwrap_err();
    assert!(e.to_string().contains("销号日期 2026-05-06"), "{e}");
    followups::record_result(&mut s, &actor("2026-05-12 09:00"), &outcome).unwrap();
}

/// A 回头看 found the item fixed on 1 May: a second one cannot find it not
/// fixed, or rebounded, on a day before that, nor can it be reopened by hand
/// before then (the reviewer's case: the record said fixed on 11-01 while it
/// stood reopened from 10-16).
#[test]
fn follow_up_results_and_reopenings_keep_the_order_of_their_days() {
    let mut s = roster_store();
    let no = closed_item(&mut s); // closed 2026-04-10
    let first = plan(&mut s, &no, "2026-05-01").unwrap();
    let second = plan(&mut s, &no, "2026-04-20").unwrap();
    let result = |id: i64, on: &str, result: FollowupResult| FollowupOutcome {
        followup_id: id,
        done_on: d(on),
        result,
        note: String::new(),
        rect_no: None,
        new_deadline: Some(d("2026-06-30")),
    };
    let fixed = result(first.id, "2026-05-01", FollowupResult::Remedied);
    followups::record_result(&mut s, &actor("2026-05-02 09:00"), &fixed).unwrap();
    for r in [FollowupResult::NotRemedied, FollowupResult::Rebound] {
        let late = result(second.id, "2026-04-20", r);
        let e = followups::record_result(&mut s, &actor("2026-05-03 09:00"), &late).unwrap_err();
        assert!(
            e.to_string()
                .contains("早于已登记的复查结果（2026-05-01：整改到位）"),
            "{e}"
        );
    }
    let e = rectify::reopen(&mut s, &actor("2026-04-25 09:00"), &no, "群众反映", None).unwrap_err();
    assert!(e.to_string().contains("2026-05-01：整改到位"), "{e}");
    assert_eq!(count(&s, "rectifications"), 1, "no finding made");
    let closed: Option<String> = s
        .conn()
        .query_row(
            "SELECT closed_on FROM rectifications WHERE rect_no = ?1",
            [&no],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(closed.as_deref(), Some("2026-04-10"), "still closed");
}

/// 整改不到位 reopens the item as of the follow-up's day: it may be closed
/// again from that day, not before.
#[test]
fn an_item_reopened_by_a_follow_up_is_reopened_on_the_follow_ups_day() {
    let mut s = roster_store();
    let no = closed_item(&mut s);
    let f = plan(&mut s, &no, "2026-05-11").unwrap();
    let outcome = FollowupOutcome {
        followup_id: f.id,
        done_on: d("2026-05-11"),
        result: FollowupResult::NotRemedied,
        note: String::new(),
        rect_no: None,
        new_deadline: Some(d("2026-06-30")),
    };
    followups::record_result(&mut s, &actor("2026-05-20 09:00"), &outcome).unwrap();
    let reopened: String = s
        .conn()
        .query_row(
            "SELECT reopened_on FROM rectifications WHERE rect_no = ?1",
            [&no],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reopened, "2026-05-11");
}

/// An inspection's follow-up: its result is not dated before the last close
/// of the inspection's items, and is not recorded while one is reopened.
#[test]
fn an_inspections_follow_up_result_follows_its_items_closes() {
    let mut s = roster_store();
    let number = make_inspection(&mut s, InspectionKind::OnSite, Manner::Open);
    let a = actor("2026-03-10 09:00");
    let found = findings::record(
        &mut s,
        &a,
        &NewFinding {
            source: Source::Inspection,
            inspection: Some(number.clone()),
            source_ref: String::new(),
            party: "北京市税务局".into(),
            description: "台账不全".into(),
            general: false,
            found_on: d("2026-03-05"),
            deadline: d("2026-04-30"),
        },
    )
    .unwrap();
    let no = found.rect_no.clone();
    close_with_three_checks(&mut s, &no);
    let f = followups::plan(
        &mut s,
        &actor("2026-04-20 09:00"),
        &NewFollowup {
            kind: FollowupKind::Reinspect,
            rect_no: None,
            inspection: Some(number.clone()),
            planned_on: d("2026-05-11"),
            note: String::new(),
        },
    )
    .unwrap();
    let outcome = FollowupOutcome {
        followup_id: f.id,
        done_on: d("2026-04-01"),
        result: FollowupResult::Remedied,
        note: String::new(),
        rect_no: None,
        new_deadline: None,
    };
    let e = followups::record_result(&mut s, &actor("2026-05-12 09:00"), &outcome).unwrap_err();
    assert!(
        e.to_string().contains("早于") && e.to_string().contains("2026-04-10"),
        "{e}"
    );
    rectify::reopen(&mut s, &actor("2026-05-04 09:00"), &no, "未到位", None).unwrap();
    let later = FollowupOutcome {
        done_on: d("2026-05-11"),
        ..outcome
    };
    let e = followups::record_result(&mut s, &actor("2026-05-12 09:00"), &later).unwrap_err();
    assert!(e.to_string().contains("1 项整改事项未销号"), "{e}");
    assert_eq!(followups::get(s.conn(), f.id).unwrap().result, None);
}
