//! Creating rounds, the per-unit statuses and the seed's two proposals.

use duban::calendar::Calendar;
use duban::rounds::{
    create_round, create_rounds, list_rounds, propose_for_policy, round_detail, NewRound,
    ReportStatus, RoundKind, Targets,
};

use super::round;
use crate::support::{actor, d, store};

fn count(s: &duban::store::Store, sql: &str) -> i64 {
    s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_round_asks_the_named_units_by_name_or_alias_and_records_an_audit_entry() {
    let mut s = store();
    let before = count(&s, "SELECT count(*) FROM audit_log");
    let r = round(
        &mut s,
        RoundKind::Policy,
        "2026-10-20",
        &["北京", "天津市税务局", "河北局", "北京市局"],
    );
    assert_eq!(
        r.counts.targets, 3,
        "aliases resolve and duplicates collapse"
    );
    assert_eq!(r.counts.not_due, 3);
    assert!(r.token.starts_with("BS"), "token {}", r.token);
    let detail = round_detail(s.conn(), r.id, d("2026-10-02")).unwrap();
    let names: Vec<&str> = detail.targets.iter().map(|t| t.party.as_str()).collect();
    assert_eq!(
        names,
        ["北京市税务局", "天津市税务局", "河北省税务局"],
        "in the organisation's order"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), before + 1);
    let entry: String = s
        .conn()
        .query_row(
            "SELECT entity_id FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(entry, r.token);
}

#[test]
fn all_means_every_active_subordinate_unit() {
    let mut s = store();
    let units = count(
        &s,
        "SELECT count(*) FROM parties WHERE kind = 'unit' AND active = 1",
    );
    let r = create_round(
        &mut s,
        &actor("2026-10-01 09:00"),
        &NewRound {
            title: "全部单位".into(),
            kind: RoundKind::Progress,
            phase: String::new(),
            document_id: None,
            policy_name: String::new(),
            policy_doc_no: String::new(),
            issued_on: None,
            due: d("2026-10-20"),
            notes: String::new(),
            targets: Targets::All,
        },
    )
    .unwrap();
    assert_eq!(i64::from(r.counts.targets), units);
}

#[test]
fn unknown_units_are_refused_by_name_and_nothing_is_written() {
    let mut s = store();
    let audit = count(&s, "SELECT count(*) FROM audit_log");
    let mut new = NewRound {
        title: "报送".into(),
        kind: RoundKind::Progress,
        phase: String::new(),
        document_id: None,
        policy_name: String::new(),
        policy_doc_no: String::new(),
        issued_on: None,
        due: d("2026-10-20"),
        notes: String::new(),
        targets: Targets::Named(vec!["北京".into(), "火星税务局".into(), "月球局".into()]),
    };
    let err = create_round(&mut s, &actor("2026-10-01 09:00"), &new)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("“火星税务局”") && err.contains("“月球局”"),
        "{err}"
    );
    new.targets = Targets::Named(vec!["北京".into()]);
    new.title = "  ".into();
    assert!(
        create_round(&mut s, &actor("2026-10-01 09:00"), &new).is_err(),
        "an empty title is refused"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM rounds"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit);
}

#[test]
fn the_two_rounds_of_a_policy_are_made_together_or_not_at_all() {
    let mut s = store();
    let audit = count(&s, "SELECT count(*) FROM audit_log");
    let month = NewRound {
        title: "政策落实情况（一个月内）".into(),
        kind: RoundKind::Policy,
        phase: "一个月内".into(),
        document_id: None,
        policy_name: "某政策".into(),
        policy_doc_no: String::new(),
        issued_on: Some(d("2026-10-01")),
        due: d("2026-10-31"),
        notes: String::new(),
        targets: Targets::Named(vec!["北京".into()]),
    };
    let mut two = month.clone();
    two.title = "政策落实情况（两个月内）".into();
    two.phase = "两个月内".into();
    two.due = d("2026-11-30");
    two.targets = Targets::Named(vec!["火星税务局".into()]);
    let err = create_rounds(
        &mut s,
        &actor("2026-10-01 09:00"),
        &[month.clone(), two.clone()],
    )
    .unwrap_err();
    assert!(err.to_string().contains("火星税务局"), "{err}");
    assert_eq!(
        count(&s, "SELECT count(*) FROM rounds"),
        0,
        "not the first one either"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit);
    two.targets = Targets::Named(vec!["北京".into()]);
    let made = create_rounds(&mut s, &actor("2026-10-01 09:00"), &[month, two]).unwrap();
    let titles: Vec<&str> = made.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        ["政策落实情况（一个月内）", "政策落实情况（两个月内）"]
    );
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit + 2);
}

#[test]
fn each_unit_is_on_time_late_missing_or_not_due_and_the_unreported_are_chased() {
    use ReportStatus::*;
    let mut s = store();
    let r = round(
        &mut s,
        RoundKind::Progress,
        "2026-10-20",
        &["北京", "天津", "河北", "山西"],
    );
    let receive = |s: &duban::store::Store, unit: &str, on: &str| {
        s.conn()
            .execute(
                "INSERT INTO round_reports(round_id, party_id, received_on, created_at)
                 SELECT ?1, id, ?2, ?2 FROM parties WHERE name = ?3",
                rusqlite::params![r.id, on, unit],
            )
            .unwrap();
    };
    receive(&s, "北京市税务局", "2026-10-20");
    let statuses = |today: &str| -> Vec<ReportStatus> {
        round_detail(s.conn(), r.id, d(today))
            .unwrap()
            .targets
            .iter()
            .map(|t| t.status)
            .collect()
    };
    assert_eq!(
        statuses("2026-10-20"),
        [OnTime, NotDue, NotDue, NotDue],
        "on the due day nobody is missing yet"
    );
    receive(&s, "天津市税务局", "2026-10-21");
    for today in ["2026-10-21", "2026-11-30"] {
        assert_eq!(
            statuses(today),
            [OnTime, Late, Missing, Missing],
            "seen on {today}"
        );
    }
    let detail = round_detail(s.conn(), r.id, d("2026-10-21")).unwrap();
    let c = &detail.round.counts;
    assert_eq!(
        (c.targets, c.on_time, c.late, c.missing, c.not_due),
        (4, 1, 1, 2, 0)
    );
    let chase: Vec<&str> = detail.to_chase.iter().map(|t| t.party.as_str()).collect();
    assert_eq!(chase, ["河北省税务局", "山西省税务局"]);
    let list = list_rounds(s.conn(), d("2026-10-21")).unwrap();
    assert_eq!(list[0].counts, *c, "the list shows the same counts");
}

#[test]
fn the_two_statutory_rounds_fall_one_and_two_months_after_issue_on_working_days() {
    let cal = Calendar::official();
    // (issued, first due, second due, why)
    for (issued, first, second, why) in [
        (
            "2026-09-01",
            "2026-10-08",
            "2026-11-02",
            "10-01 is National Day (to 10-07); 11-01 is a Sunday",
        ),
        (
            "2026-01-31",
            "2026-02-28",
            "2026-03-31",
            "02-28 is a Saturday make-up working day; the 31st clamps to month end",
        ),
        (
            "2026-03-10",
            "2026-04-10",
            "2026-05-11",
            "05-10 is a Sunday",
        ),
        (
            "2026-04-01",
            "2026-05-06",
            "2026-06-01",
            "05-01..05-05 is Labour Day",
        ),
    ] {
        let p = propose_for_policy(
            &cal,
            "关于支持小微企业的若干措施",
            "税总发〔2026〕3号",
            d(issued),
            None,
        );
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].round.due, p[1].round.due),
            (d(first), d(second)),
            "issued {issued}: {why}"
        );
        assert_eq!(p[0].round.phase, "一个月内");
        assert_eq!(p[1].round.phase, "两个月内");
        assert!(p
            .iter()
            .all(|r| r.round.kind == RoundKind::Policy && r.round.targets == Targets::All));
    }
    let p = propose_for_policy(
        &cal,
        "关于支持小微企业的若干措施",
        "",
        d("2026-09-01"),
        None,
    );
    assert!(
        p[0].explanation.contains("顺延至 2026-10-08"),
        "{}",
        p[0].explanation
    );
    assert!(p[0]
        .explanation
        .contains("传达学习情况、采取的措施、当地反映"));
    assert!(p[1]
        .explanation
        .contains("实施效果、典型做法、困难问题、意见建议"));
    assert!(p[0].round.title.contains("《关于支持小微企业的若干措施》"));
}
