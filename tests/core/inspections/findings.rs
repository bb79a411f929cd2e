//! Findings from each source, and the 普遍性问题 fan-out.

use duban::inspections::findings::{self, NewFinding, Spread};
use duban::inspections::{InspectionKind, Manner, RectKind, Source};

use super::{make_inspection, roster_store};
use crate::support::{actor, count, d};

fn finding(source: Source, inspection: Option<&str>, source_ref: &str, party: &str) -> NewFinding {
    NewFinding {
        source,
        inspection: inspection.map(String::from),
        source_ref: source_ref.into(),
        party: party.into(),
        description: "问题".into(),
        general: false,
        found_on: d("2026-03-05"),
        deadline: d("2026-04-30"),
    }
}

#[test]
fn findings_name_their_source_and_bad_ones_write_nothing() {
    let mut s = roster_store();
    let no = make_inspection(&mut s, InspectionKind::OnSite, Manner::Open);
    let a = actor("2026-03-10 09:00");
    for (source, r) in [
        (Source::LawEnforcement, "执法督察通报1"),
        (Source::Audit, "审计报告2"),
        (Source::Patrol, "巡视反馈3"),
        (Source::CadreSupervision, "干部监督4"),
    ] {
        findings::record(&mut s, &a, &finding(source, None, r, "北京市税务局")).unwrap();
    }
    let made = findings::record(
        &mut s,
        &a,
        &finding(Source::Inspection, Some(&no), "", "天津"),
    )
    .unwrap();
    assert_eq!(made.rect_no, "ZG2026-005");
    let before = (
        count(&s, "findings"),
        count(&s, "rectifications"),
        count(&s, "audit_log"),
    );
    let mut future = finding(Source::Audit, None, "x", "北京市税务局");
    future.found_on = d("2026-03-11");
    let mut early = finding(Source::Audit, None, "x", "北京市税务局");
    early.deadline = d("2026-03-01");
    let cases: Vec<(&str, NewFinding, &str)> = vec![
        (
            "督查 without an inspection",
            finding(Source::Inspection, None, "", "北京市税务局"),
            "须指明是哪一次督查",
        ),
        (
            "a unit not targeted",
            finding(Source::Inspection, Some(&no), "", "河北省税务局"),
            "不是该次督查的督查对象",
        ),
        (
            "审计 without its reference",
            finding(Source::Audit, None, " ", "北京市税务局"),
            "请填写审计的依据",
        ),
        (
            "an unknown unit",
            finding(Source::Audit, None, "x", "火星税务局"),
            "不在组织机构中",
        ),
        (
            "an unknown inspection",
            finding(
                Source::Inspection,
                Some("督查〔2026〕9号"),
                "",
                "北京市税务局",
            ),
            "找不到督查",
        ),
        ("a future date", future, "晚于今天"),
        ("a deadline before it was found", early, "早于发现日期"),
    ];
    for (what, f, message) in cases {
        let e = findings::record(&mut s, &a, &f).unwrap_err();
        assert!(e.to_string().contains(message), "{what}: {e}");
    }
    assert_eq!(
        (
            count(&s, "findings"),
            count(&s, "rectifications"),
            count(&s, "audit_log")
        ),
        before
    );
}

#[test]
fn a_general_problem_fans_out_to_every_unit_or_chosen_ones_in_one_step() {
    let mut s = roster_store();
    let a = actor("2026-03-10 09:00");
    let mut f = finding(Source::Audit, None, "审计报告", "北京市税务局");
    f.general = true;
    let general = findings::record(&mut s, &a, &f).unwrap();
    let plain = findings::record(
        &mut s,
        &a,
        &finding(Source::Audit, None, "审计报告", "北京市税务局"),
    )
    .unwrap();
    let units = s
        .conn()
        .query_row(
            "SELECT count(*) FROM parties WHERE kind = 'unit' AND active",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap();

    // Chosen ones first; then "all" adds only those that do not have it yet.
    let chosen = findings::spread(
        &mut s,
        &a,
        &Spread {
            finding_id: general.finding_id,
            units: vec!["天津".into(), "河北省税务局".into()],
            deadline: d("2026-05-29"),
        },
    )
    .unwrap();
    assert_eq!(chosen.len(), 2);
    let audits = count(&s, "audit_log");
    let refusals: [(&str, Spread, &str); 4] = [
        (
            "not general",
            Spread {
                finding_id: plain.finding_id,
                units: vec![],
                deadline: d("2026-05-29"),
            },
            "未标记为普遍性问题",
        ),
        (
            "again to one that has it",
            Spread {
                finding_id: general.finding_id,
                units: vec!["天津市税务局".into()],
                deadline: d("2026-05-29"),
            },
            "不能重复下发",
        ),
        (
            "to its own unit",
            Spread {
                finding_id: general.finding_id,
                units: vec!["北京".into()],
                deadline: d("2026-05-29"),
            },
            "是发现该问题的单位",
        ),
        (
            "one unknown among good ones",
            Spread {
                finding_id: general.finding_id,
                units: vec!["山西省税务局".into(), "火星".into()],
                deadline: d("2026-05-29"),
            },
            "不在组织机构中",
        ),
    ];
    for (what, sp, message) in refusals {
        let e = findings::spread(&mut s, &a, &sp).unwrap_err();
        assert!(e.to_string().contains(message), "{what}: {e}");
    }
    assert_eq!(
        count(&s, "audit_log"),
        audits,
        "refused fan-outs write nothing"
    );
    assert_eq!(
        count(&s, "rectifications"),
        4,
        "山西 was not added by the refused fan-out"
    );

    let all = findings::spread(
        &mut s,
        &a,
        &Spread {
            finding_id: general.finding_id,
            units: vec![],
            deadline: d("2026-05-29"),
        },
    )
    .unwrap();
    assert_eq!(
        all.len() as i64,
        units - 3,
        "every unit but 北京 (its own) and the two chosen"
    );
    assert_eq!(
        count(&s, "audit_log"),
        audits + 1,
        "one audit entry for the whole fan-out"
    );
    let kinds: Vec<String> = s
        .conn()
        .prepare("SELECT kind FROM rectifications WHERE finding_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([general.finding_id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds[0], RectKind::Rectify.label());
    assert!(kinds[1..].iter().all(|k| k == RectKind::Prevent.label()));
}
