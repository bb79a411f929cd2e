//! 三不放过: closing is refused naming each missing check; the evidence each
//! check needs; reopening; lights around a holiday; the reminders; the
//! assessment's figure.

use duban::calendar::Calendar;
use duban::inspections::findings::{self, NewFinding};
use duban::inspections::queries::{self, LightRule, RectFilter};
use duban::inspections::rectify::{self, Check};
use duban::inspections::{Measure, Source};
use duban::items::Light;
use duban::reminders::ReminderKind;
use duban::store::Store;

use super::roster_store;
use crate::support::{actor, at, count, d, of_kind};

/// An 审计 finding against `unit` due on `deadline`, recorded on 2026-03-02.
pub fn audit_item(s: &mut Store, unit: &str, deadline: &str) -> String {
    findings::record(
        s,
        &actor("2026-03-02 09:00"),
        &NewFinding {
            source: Source::Audit,
            inspection: None,
            source_ref: "审计报告〔2026〕3号".into(),
            party: unit.into(),
            description: format!("{unit}的问题（{deadline}）"),
            general: false,
            found_on: d("2026-03-02"),
            deadline: d(deadline),
        },
    )
    .unwrap()
    .rect_no
}

fn cause() -> Check {
    Check::Cause {
        text: "内控制度缺失".into(),
    }
}
fn remedied() -> Check {
    Check::Remedied {
        evidence: "已建立台账".into(),
        files: vec![],
    }
}
fn accountability() -> Check {
    Check::Accountability {
        measure: Measure::Interview,
        who: "某科长".into(),
        note: String::new(),
    }
}

#[test]
fn closing_is_refused_naming_every_missing_check() {
    let cases: [(&str, Vec<Check>, &str); 5] = [
        ("none ticked", vec![], "原因查清、整改到位、责任追究"),
        ("cause only", vec![cause()], "——整改到位、责任追究"),
        (
            "no cause",
            vec![remedied(), accountability()],
            "——原因查清。",
        ),
        ("no remedy", vec![cause(), accountability()], "——整改到位。"),
        (
            "no accountability",
            vec![cause(), remedied()],
            "——责任追究。",
        ),
    ];
    for (what, ticks, missing) in cases {
        let mut s = roster_store();
        let no = audit_item(&mut s, "北京市税务局", "2026-04-30");
        for c in &ticks {
            rectify::tick(&mut s, &actor("2026-03-10 09:00"), &no, c).unwrap();
        }
        let audits = count(&s, "audit_log");
        let e =
            rectify::close(&mut s, &actor("2026-04-01 09:00"), &no, d("2026-04-01")).unwrap_err();
        assert!(
            e.to_string().contains("不能销号") && e.to_string().contains(missing),
            "{what}: {e}"
        );
        assert_eq!(count(&s, "audit_log"), audits, "{what}: nothing written");
    }
}

#[test]
fn each_check_needs_its_evidence() {
    let mut s = roster_store();
    let no = audit_item(&mut s, "北京市税务局", "2026-04-30");
    let cases: [(&str, Check, &str); 4] = [
        (
            "cause with no text and none reported",
            Check::Cause {
                text: String::new(),
            },
            "还没有原因分析",
        ),
        (
            "remedied with no evidence",
            Check::Remedied {
                evidence: " ".into(),
                files: vec![],
            },
            "佐证",
        ),
        (
            "a measure without who",
            Check::Accountability {
                measure: Measure::Admonition,
                who: String::new(),
                note: String::new(),
            },
            "责任追究对象",
        ),
        (
            "无需追究 without a reason",
            Check::Accountability {
                measure: Measure::NotNeeded,
                who: String::new(),
                note: String::new(),
            },
            "请写明理由",
        ),
    ];
    let audits = count(&s, "audit_log");
    for (what, check, message) in cases {
        let e = rectify::tick(&mut s, &actor("2026-03-10 09:00"), &no, &check).unwrap_err();
        assert!(e.to_string().contains(message), "{what}: {e}");
    }
    assert_eq!(count(&s, "audit_log"), audits);
}

#[test]
fn with_three_checks_it_closes_and_reopens_with_a_reason() {
    let mut s = roster_store();
    let no = audit_item(&mut s, "北京市税务局", "2026-04-30");
    for c in [cause(), remedied(), accountability()] {
        rectify::tick(&mut s, &actor("2026-03-10 09:00"), &no, &c).unwrap();
    }
    rectify::close(&mut s, &actor("2026-04-01 09:00"), &no, d("2026-04-01")).unwrap();
    let e = rectify::tick(&mut s, &actor("2026-04-02 09:00"), &no, &cause()).unwrap_err();
    assert!(e.to_string().contains("已于 2026-04-01 销号"), "{e}");
    let e = rectify::reopen(&mut s, &actor("2026-04-02 09:00"), &no, " ", None).unwrap_err();
    assert!(e.to_string().contains("理由"), "{e}");
    rectify::reopen(
        &mut s,
        &actor("2026-04-02 09:00"),
        &no,
        "群众反映问题仍存在",
        Some(d("2026-05-29")),
    )
    .unwrap();
    let cal = Calendar::official();
    let rule = LightRule {
        cal: &cal,
        today: d("2026-04-02"),
        yellow_days: 3,
    };
    let detail = queries::detail(s.conn(), &rule, &no).unwrap();
    assert!(!detail.row.closed);
    assert_eq!(detail.row.deadline, d("2026-05-29"));
    assert_eq!(
        detail.missing_checks,
        vec!["整改到位".to_string()],
        "the fix is to be shown again"
    );
    let actions: Vec<String> = s
        .conn()
        .prepare("SELECT action FROM audit_log WHERE entity_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([&no], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        actions,
        [
            "finding_record",
            "rectification_check",
            "rectification_check",
            "rectification_check",
            "rectification_close",
            "rectification_reopen"
        ]
    );
}

/// The item was registered on 2026-03-02: nothing is reported, chased or
/// checked on it before; its 销号 is not dated before its last check, and a
/// reopening not before the 销号 it undoes. Each refusal writes nothing.
#[test]
fn an_items_history_keeps_its_order() {
    let mut s = roster_store();
    let no = audit_item(&mut s, "北京市税务局", "2026-04-30");
    let audit_entries = |s: &Store| count(s, "audit_log");
    let n = audit_entries(&s);
    let e = rectify::add_progress(
        &mut s,
        &actor("2026-03-10 09:00"),
        &rectify::NewRectProgress {
            rect_no: no.clone(),
            reported_on: d("2026-03-01"),
            text: "已整改".into(),
            reporter: String::new(),
        },
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("进展日期 2026-03-01 早于整改事项"),
        "{e}"
    );
    let e = duban::inspections::chase::chase(
        &mut s,
        &actor("2026-03-10 09:00"),
        &duban::inspections::chase::NewRectChase {
            rect_no: no.clone(),
            chased_on: d("2025-06-01"),
            channel: duban::chases::Channel::Phone,
            to_whom: String::new(),
            note: String::new(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("登记日期 2026-03-02"), "{e}");
    let e = rectify::tick(&mut s, &actor("2026-03-01 09:00"), &no, &cause()).unwrap_err();
    assert!(
        e.to_string().contains("核查日期 2026-03-01 早于整改事项"),
        "{e}"
    );
    assert_eq!(audit_entries(&s), n, "nothing written");

    rectify::tick(&mut s, &actor("2026-03-10 09:00"), &no, &cause()).unwrap();
    rectify::tick(&mut s, &actor("2026-03-12 09:00"), &no, &remedied()).unwrap();
    rectify::tick(&mut s, &actor("2026-03-20 09:00"), &no, &accountability()).unwrap();
    let e = rectify::close(&mut s, &actor("2026-03-25 09:00"), &no, d("2026-03-15")).unwrap_err();
    assert!(
        e.to_string()
            .contains("早于三不放过最后一项核查勾选的日期 2026-03-20"),
        "{e}"
    );
    rectify::close(&mut s, &actor("2026-03-25 09:00"), &no, d("2026-03-20")).unwrap();
    let e = rectify::reopen(&mut s, &actor("2026-03-19 09:00"), &no, "不实", None).unwrap_err();
    assert!(
        e.to_string().contains("早于该事项的销号日期 2026-03-20"),
        "{e}"
    );
    rectify::reopen(&mut s, &actor("2026-03-26 09:00"), &no, "不实", None).unwrap();
    // The fix is shown again after the reopening, not before.
    let e = rectify::tick(&mut s, &actor("2026-03-25 09:00"), &no, &remedied()).unwrap_err();
    assert!(
        e.to_string()
            .contains("早于该事项重新打开的日期 2026-03-26"),
        "{e}"
    );
}

#[test]
fn lights_follow_the_items_rule_across_the_national_day_holiday() {
    // 2026-10-01..07 休, 10-10 (Saturday) 班; N = 3; today 2026-09-30.
    let cases = [
        ("2026-09-29", Light::Red),
        ("2026-09-30", Light::Yellow),
        ("2026-10-09", Light::Yellow), // 10-08, 10-09: 2 working days
        ("2026-10-10", Light::Yellow), // the make-up Saturday is the 3rd
        ("2026-10-12", Light::Green),  // 4 working days
    ];
    let mut s = roster_store();
    for (deadline, _) in cases {
        audit_item(&mut s, "北京市税务局", deadline);
    }
    let cal = Calendar::load(s.conn()).unwrap();
    let rule = LightRule {
        cal: &cal,
        today: d("2026-09-30"),
        yellow_days: 3,
    };
    let rows = queries::list(s.conn(), &rule, &RectFilter::default()).unwrap();
    for ((deadline, light), row) in cases.iter().zip(&rows) {
        assert_eq!(row.deadline, d(deadline));
        assert_eq!(row.light, Some(*light), "deadline {deadline}");
    }
    let reminders = duban::rhythm::scan(s.conn(), &cal, at("2026-09-30 09:00")).unwrap();
    assert_eq!(of_kind(&reminders, ReminderKind::RectificationRed).len(), 1);
    assert_eq!(
        of_kind(&reminders, ReminderKind::RectificationYellow).len(),
        3
    );
    assert_eq!(
        of_kind(&reminders, ReminderKind::RectificationRed)[0],
        (rows[0].rect_no.clone(), "北京市税务局".to_string())
    );
    let red = RectFilter {
        light: Some(Light::Red),
        ..RectFilter::default()
    };
    assert_eq!(queries::list(s.conn(), &rule, &red).unwrap().len(), 1);
    let span = RectFilter {
        from: Some(d("2026-09-30")),
        to: Some(d("2026-10-10")),
        ..RectFilter::default()
    };
    let due: Vec<_> = queries::list(s.conn(), &rule, &span)
        .unwrap()
        .into_iter()
        .map(|r| r.deadline)
        .collect();
    assert_eq!(
        due,
        [d("2026-09-30"), d("2026-10-09"), d("2026-10-10")],
        "整改时限 within the range, ends included"
    );
}

#[test]
fn timeliness_counts_items_due_in_the_period_and_those_closed_by_their_deadline() {
    let mut s = roster_store();
    let on_time = audit_item(&mut s, "北京市税务局", "2026-04-30");
    let late = audit_item(&mut s, "北京市税务局", "2026-04-15");
    let _open = audit_item(&mut s, "天津市税务局", "2026-04-20");
    let _outside = audit_item(&mut s, "天津市税务局", "2026-06-30");
    for no in [&on_time, &late] {
        for c in [cause(), remedied(), accountability()] {
            rectify::tick(&mut s, &actor("2026-03-10 09:00"), no, &c).unwrap();
        }
    }
    rectify::close(
        &mut s,
        &actor("2026-04-30 09:00"),
        &on_time,
        d("2026-04-30"),
    )
    .unwrap();
    rectify::close(&mut s, &actor("2026-04-30 09:00"), &late, d("2026-04-30")).unwrap();
    let t = queries::rectification_timeliness(s.conn(), d("2026-04-01"), d("2026-04-30")).unwrap();
    let got: Vec<(&str, i64, i64)> = t
        .iter()
        .map(|u| (u.party.as_str(), u.due, u.closed_on_time))
        .collect();
    assert_eq!(got, [("北京市税务局", 2, 1), ("天津市税务局", 1, 0)]);
}

#[test]
fn the_assessment_scores_rectification_from_these_items() {
    use duban::assessment::{assess, IndicatorId};
    let mut s = roster_store();
    let on_time = audit_item(&mut s, "北京市税务局", "2026-04-30");
    let _late = audit_item(&mut s, "北京市税务局", "2026-04-15");
    for c in [cause(), remedied(), accountability()] {
        rectify::tick(&mut s, &actor("2026-03-10 09:00"), &on_time, &c).unwrap();
    }
    rectify::close(
        &mut s,
        &actor("2026-04-20 09:00"),
        &on_time,
        d("2026-04-20"),
    )
    .unwrap();
    let a = assess(s.conn(), &"2026-04".parse().unwrap(), None).unwrap();
    let rate = |unit: &str| {
        a.units
            .iter()
            .find(|p| p.party == unit)
            .unwrap()
            .indicators
            .iter()
            .find(|i| i.id == IndicatorId::RectificationRate)
            .map(|i| (i.value, i.score))
    };
    assert_eq!(
        rate("北京市税务局"),
        Some((0.5, 50.0)),
        "1 of 2 closed by its deadline"
    );
    assert_eq!(rate("天津市税务局"), None, "no item due: undefined");
}
