//! Publications: versions, 更正 with a reason, issue numbers per year, audit
//! entries, and rows that cannot be changed.

use duban::publications::{self, NewPublication, PublicationKind};
use serde_json::json;

use crate::support::{actor, d, store};

fn new(kind: PublicationKind, period: &str, as_of: &str, reason: Option<&str>) -> NewPublication {
    NewPublication {
        kind,
        period: period.into(),
        as_of: d(as_of),
        figures: json!({"period": period, "total": 3}),
        reason: reason.map(str::to_string),
    }
}

fn audit_of_publications(s: &duban::store::Store) -> Vec<String> {
    let mut st = s
        .conn()
        .prepare("SELECT action FROM audit_log WHERE entity = 'publication' ORDER BY id")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn bulletins_are_numbered_per_year_and_a_correction_keeps_the_number() {
    let mut s = store();
    let at = actor("2027-02-01 09:00");
    let kind = PublicationKind::MonthlyBulletin;
    let oct =
        publications::publish(&mut s, &at, &new(kind, "2026-10", "2026-10-31", None)).unwrap();
    let nov =
        publications::publish(&mut s, &at, &new(kind, "2026-11", "2026-11-30", None)).unwrap();
    let dec =
        publications::publish(&mut s, &at, &new(kind, "2026-12", "2026-12-31", None)).unwrap();
    let jan =
        publications::publish(&mut s, &at, &new(kind, "2027-01", "2027-01-31", None)).unwrap();
    let labels: Vec<String> = [&oct, &nov, &dec, &jan]
        .iter()
        .map(|p| p.summary.issue.unwrap().label())
        .collect();
    assert_eq!(
        labels,
        ["2026年第1期", "2026年第2期", "2026年第3期", "2027年第1期"]
    );
    let special = publications::publish(
        &mut s,
        &at,
        &new(
            PublicationKind::SpecialBulletin,
            "policy-7/启动",
            "2026-11-05",
            None,
        ),
    )
    .unwrap();
    assert_eq!(
        special.summary.issue.unwrap().label(),
        "2026年第1期",
        "each kind its own numbers"
    );

    let fix = publications::publish(
        &mut s,
        &actor("2027-02-02 09:00"),
        &new(kind, "2026-10", "2026-10-31", Some("更正逾期事项数")),
    )
    .unwrap();
    assert_eq!(fix.summary.version, 2);
    assert_eq!(
        fix.summary.issue, oct.summary.issue,
        "a 更正 is the same issue"
    );
    let current = publications::current(s.conn(), kind, "2026-10")
        .unwrap()
        .unwrap();
    assert_eq!(current.summary.id, fix.summary.id);
    let old = publications::get(s.conn(), oct.summary.id).unwrap();
    assert!(!old.summary.current);
    assert_eq!(old.figures, oct.figures);
    assert_eq!(
        audit_of_publications(&s),
        ["publish", "publish", "publish", "publish", "publish", "correct"]
    );
    let listed = publications::list(s.conn(), kind).unwrap();
    assert_eq!(listed.len(), 5);
    assert!(publications::current(s.conn(), kind, "2025-01")
        .unwrap()
        .is_none());
}

#[test]
fn publishing_again_without_a_reason_is_refused_in_chinese_and_writes_nothing() {
    let mut s = store();
    let kind = PublicationKind::Assessment;
    publications::publish(
        &mut s,
        &actor("2026-12-01 09:30"),
        &new(kind, "2026Q4", "2026-12-01", None),
    )
    .unwrap();
    let e = publications::publish(
        &mut s,
        &actor("2026-12-02 09:00"),
        &new(kind, "2026Q4", "2026-12-02", None),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("绩效考核“2026Q4”已于 2026-12-01 09:30 由 测试员 发布（第 1 版）")
            && msg.contains("更正原因"),
        "{msg}"
    );
    assert_eq!(e.code(), "conflict");
    assert_eq!(
        publications::versions(s.conn(), kind, "2026Q4")
            .unwrap()
            .len(),
        1
    );
    assert_eq!(audit_of_publications(&s), ["publish"]);
    assert!(publications::current(s.conn(), kind, "2026Q4")
        .unwrap()
        .unwrap()
        .summary
        .issue
        .is_none());
}

#[test]
fn a_published_row_cannot_be_changed_or_deleted() {
    let mut s = store();
    let p = publications::publish(
        &mut s,
        &actor("2026-12-01 09:30"),
        &new(PublicationKind::Assessment, "2026-11", "2026-11-30", None),
    )
    .unwrap();
    let id = p.summary.id;
    assert!(s
        .conn()
        .execute("UPDATE publications SET figures = '{}' WHERE id = ?1", [id])
        .is_err());
    assert!(s
        .conn()
        .execute("DELETE FROM publications WHERE id = ?1", [id])
        .is_err());
    assert_eq!(publications::get(s.conn(), id).unwrap(), p);
}

#[test]
fn a_day_to_come_or_a_correction_of_nothing_published_is_refused_and_writes_nothing() {
    let mut s = store();
    let at = actor("2026-12-03 09:00");
    for kind in [
        PublicationKind::MonthlyBulletin,
        PublicationKind::Assessment,
        PublicationKind::QualityBulletin,
        PublicationKind::SpecialBulletin,
    ] {
        let e = publications::publish(&mut s, &at, &new(kind, "2026-12", "2026-12-04", None))
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("统计截止日期2026年12月4日晚于今天（2026年12月3日）"),
            "{kind:?}: {e}"
        );
        let e = publications::publish(
            &mut s,
            &at,
            &new(kind, "2026-11", "2026-11-30", Some("更正")),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("尚未发布，无需更正"),
            "{kind:?}: {e}"
        );
    }
    assert!(audit_of_publications(&s).is_empty());
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM publications", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    // The as-of day itself is allowed.
    publications::publish(
        &mut s,
        &at,
        &new(PublicationKind::Assessment, "2026-12", "2026-12-03", None),
    )
    .unwrap();
    // A correction recorded before the version it corrects is refused.
    let e = publications::publish(
        &mut s,
        &actor("2026-12-03 08:00"),
        &new(
            PublicationKind::Assessment,
            "2026-12",
            "2026-12-03",
            Some("更正"),
        ),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains(
            "第 1 版于 2026-12-03 09:00 发布，更正版的发布时间 2026-12-03 08:00 不能早于它"
        ),
        "{e}"
    );
    publications::publish(
        &mut s,
        &actor("2026-12-03 10:00"),
        &new(
            PublicationKind::Assessment,
            "2026-12",
            "2026-12-03",
            Some("更正"),
        ),
    )
    .unwrap();
}
