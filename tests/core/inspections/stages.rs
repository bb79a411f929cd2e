//! The seven stages: in order, 不适用 per 类型 / 方式, done dates not before
//! the previous stage's, 整改落实 following the items.

use duban::inspections::inspection::{self, StageUpdate};
use duban::inspections::{InspectionKind, Manner, Stage};

use super::{make_inspection, roster_store};
use crate::support::{actor, count, d};

fn done(
    s: &mut duban::store::Store,
    no: &str,
    stage: Stage,
    on: &str,
) -> duban::Result<inspection::InspectionDetail> {
    inspection::update_stage(
        s,
        &actor("2026-06-30 09:00"),
        &StageUpdate {
            inspection: no.into(),
            stage,
            planned_on: None,
            done_on: Some(d(on)),
            note: String::new(),
            files: vec![],
        },
    )
}

#[test]
fn the_stages_that_do_not_apply_depend_on_kind_and_manner() {
    use InspectionKind::*;
    use Manner::*;
    // 制定方案 下发通知 发布公告 组织实施 意见反馈 汇总报告 整改落实
    let cases = [
        (OnSite, Open, [true, true, true, true, true, true, true]),
        (OnSite, Covert, [true, false, false, true, true, true, true]),
        (Desk, Open, [true, true, false, true, true, true, true]),
        (Desk, Covert, [true, false, false, true, true, true, true]),
    ];
    for (kind, manner, expected) in cases {
        let mut s = roster_store();
        let no = make_inspection(&mut s, kind, manner);
        let detail =
            inspection::detail(s.conn(), inspection::find(s.conn(), &no).unwrap()).unwrap();
        let applies: Vec<bool> = detail.stages.iter().map(|st| st.applies).collect();
        assert_eq!(applies, expected, "{}{}", kind.label(), manner.label());
        for (stage, applies) in Stage::ALL.iter().zip(expected) {
            assert_eq!(stage.applies(kind, manner), applies);
        }
    }
}

#[test]
fn walking_every_applicable_stage_in_order_for_each_kind_and_manner() {
    for (kind, manner) in [
        (InspectionKind::OnSite, Manner::Open),
        (InspectionKind::OnSite, Manner::Covert),
        (InspectionKind::Desk, Manner::Open),
    ] {
        let mut s = roster_store();
        let no = make_inspection(&mut s, kind, manner);
        for (day, stage) in (3..).zip(
            Stage::ALL
                .iter()
                .copied()
                .filter(|st| st.applies(kind, manner)),
        ) {
            let r = done(&mut s, &no, stage, &format!("2026-03-{day:02}"));
            let last = r.expect("an applicable stage done in order is accepted");
            if stage == Stage::Report {
                assert_eq!(last.current_stage, Some(Stage::Rectify));
            }
        }
        let detail =
            inspection::detail(s.conn(), inspection::find(s.conn(), &no).unwrap()).unwrap();
        assert_eq!(
            detail.current_stage,
            None,
            "{}{}: all done",
            kind.label(),
            manner.label()
        );
    }
}

#[test]
fn a_stage_out_of_order_not_applicable_twice_or_dated_before_the_last_is_refused() {
    let mut s = roster_store();
    let covert = make_inspection(&mut s, InspectionKind::OnSite, Manner::Covert);
    let open = make_inspection(&mut s, InspectionKind::OnSite, Manner::Open);
    let audits = count(&s, "audit_log");
    let cases: [(&str, &str, Stage, &str, &str); 3] = [
        (
            "out of order",
            "open",
            Stage::Conduct,
            "2026-03-05",
            "“制定方案”环节尚未完成",
        ),
        (
            "不适用 to 暗访",
            "covert",
            Stage::Notify,
            "2026-03-05",
            "不适用“下发通知”",
        ),
        (
            "不适用 to 暗访 (公告)",
            "covert",
            Stage::Announce,
            "2026-03-05",
            "不适用“发布公告”",
        ),
    ];
    for (what, which, stage, on, message) in cases {
        let no = if which == "open" { &open } else { &covert };
        let e = done(&mut s, no, stage, on).unwrap_err();
        assert!(e.to_string().contains(message), "{what}: {e}");
    }
    assert_eq!(
        count(&s, "audit_log"),
        audits,
        "nothing written by a refused stage"
    );

    done(&mut s, &open, Stage::Plan, "2026-03-05").unwrap();
    let e = done(&mut s, &open, Stage::Plan, "2026-03-06").unwrap_err();
    assert!(e.to_string().contains("不能重复登记"), "{e}");
    let e = done(&mut s, &open, Stage::Notify, "2026-03-04").unwrap_err();
    assert!(e.to_string().contains("早于上一环节"), "{e}");
    // 暗访 goes straight from 制定方案 to 组织实施.
    done(&mut s, &covert, Stage::Plan, "2026-03-05").unwrap();
    done(&mut s, &covert, Stage::Conduct, "2026-03-06").unwrap();
}

#[test]
fn rectify_stage_is_done_by_closing_every_item_and_undone_by_reopening() {
    use duban::inspections::findings::{self, NewFinding};
    use duban::inspections::rectify::{self, Check};
    use duban::inspections::{Measure, Source};
    let mut s = roster_store();
    let no = make_inspection(&mut s, InspectionKind::OnSite, Manner::Open);
    for (i, stage) in Stage::ALL[..6].iter().enumerate() {
        done(&mut s, &no, *stage, &format!("2026-03-{:02}", 3 + i)).unwrap();
    }
    let a = actor("2026-03-10 09:00");
    let made = findings::record(
        &mut s,
        &a,
        &NewFinding {
            source: Source::Inspection,
            inspection: Some(no.clone()),
            source_ref: String::new(),
            party: "北京".into(),
            description: "发票管理不规范".into(),
            general: false,
            found_on: d("2026-03-06"),
            deadline: d("2026-04-30"),
        },
    )
    .unwrap();
    let e = done(&mut s, &no, Stage::Rectify, "2026-03-20").unwrap_err();
    assert!(e.to_string().contains("自动完成"), "{e}");
    for check in [
        Check::Cause {
            text: "制度执行不严".into(),
        },
        Check::Remedied {
            evidence: "已补录".into(),
            files: vec![],
        },
        Check::Accountability {
            measure: Measure::NotNeeded,
            who: String::new(),
            note: "初次发现".into(),
        },
    ] {
        rectify::tick(&mut s, &a, &made.rect_no, &check).unwrap();
    }
    rectify::close(
        &mut s,
        &actor("2026-04-10 09:00"),
        &made.rect_no,
        d("2026-04-10"),
    )
    .unwrap();
    let id = inspection::find(s.conn(), &no).unwrap();
    let detail = inspection::detail(s.conn(), id).unwrap();
    assert_eq!(detail.stages[6].done_on, Some(d("2026-04-10")));
    assert_eq!(detail.current_stage, None);
    rectify::reopen(
        &mut s,
        &actor("2026-05-06 09:00"),
        &made.rect_no,
        "复查发现仍有漏登",
        Some(d("2026-06-30")),
    )
    .unwrap();
    let detail = inspection::detail(s.conn(), id).unwrap();
    assert_eq!(detail.stages[6].done_on, None);
    assert_eq!(detail.current_stage, Some(Stage::Rectify));
    assert_eq!(detail.open_items, 1);
}
