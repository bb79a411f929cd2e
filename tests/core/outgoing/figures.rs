//! 公文办理质量: periods read strictly, the figures as a plain function of
//! hand-made facts (ranking with ties), the text summary.

use duban::outgoing::{self, quality_figures, DocFact, EventKind, Gate, QualityPeriod};
use duban::Error;

use crate::support::d;

#[test]
fn periods_read_months_and_quarters_and_refuse_the_rest() {
    for (text, ok) in [
        ("2026-11", Some(("2026-11-01", "2026-11-30", "2026-11"))),
        ("2026-Q4", Some(("2026-10-01", "2026-12-31", "2026-Q4"))),
        ("2026Q1", Some(("2026-01-01", "2026-03-31", "2026-Q1"))),
        ("2026-q2", Some(("2026-04-01", "2026-06-30", "2026-Q2"))),
        ("2026-13", None),
        ("2026-00", None),
        ("2026-Q5", None),
        ("2026-Q0", None),
        ("2026-1", None),
        ("2026", None),
        ("二〇二六-11", None),
        ("", None),
    ] {
        let got = text.parse::<QualityPeriod>();
        match ok {
            Some((first, last, shown)) => {
                let p = got.unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!((p.first_day(), p.last_day()), (d(first), d(last)), "{text}");
                assert_eq!(p.to_string(), shown);
            }
            None => {
                let e = got.expect_err(text);
                assert!(matches!(e, Error::Invalid(_)), "{text}: {e:?}");
                assert!(e.to_string().contains("统计期间"), "{text}: {e}");
            }
        }
    }
}

#[test]
fn the_figures_rank_by_the_rate_of_documents_without_an_event_with_ties() {
    let depts: Vec<(i64, String)> = (1..=6).map(|i| (i, format!("部门{i}"))).collect();
    // dept: documents (id, host) — 1: 2 docs, 2: 4 docs, 3: 2 docs, 4: 3 docs, 5: none, 6: none
    let hosts = [
        (1, 1),
        (2, 1),
        (3, 2),
        (4, 2),
        (5, 2),
        (6, 2),
        (7, 3),
        (8, 3),
        (9, 4),
        (10, 4),
        (11, 4),
    ];
    let docs: Vec<DocFact> = hosts
        .iter()
        .map(|&(id, department_id)| DocFact { id, department_id })
        .collect();
    let events = vec![
        (3, 2, EventKind::Revised, Some(Gate::Wording)), // dept 2: 3 of 4 clean = 75%
        (3, 2, EventKind::Returned, Some(Gate::Legal)),  // same doc: still one dirty document
        (7, 3, EventKind::TimeLimitLate, None),          // dept 3: 1 of 2 = 50%
        (9, 4, EventKind::Revised, Some(Gate::Wording)), // dept 4: 2 of 3 = 66.7%
        (1, 5, EventKind::CountersignOverdue, None),     // dept 5: an event on dept 1's document
        (99, 6, EventKind::Revised, Some(Gate::Policy)), // not a document of the period: ignored
    ];
    let f = quality_figures(
        "2026-11".parse().unwrap(),
        d("2026-11-30"),
        &depts,
        &docs,
        &events,
    );
    type Line<'a> = (&'a str, u32, u32, u32, Option<u32>, &'a str);
    let got: Vec<Line> = f
        .departments
        .iter()
        .map(|r| {
            (
                r.department.as_str(),
                r.handled,
                r.clean,
                r.events,
                r.rank,
                r.rate_text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("部门1", 2, 2, 0, Some(1), "100.0%"),
            ("部门2", 4, 3, 2, Some(2), "75.0%"),
            ("部门4", 3, 2, 1, Some(3), "66.7%"),
            ("部门3", 2, 1, 1, Some(4), "50.0%"),
            ("部门5", 0, 0, 1, None, "—"),
        ]
    );
    assert_eq!(f.departments[1].gates, vec![1, 0, 0, 0, 1]);
    assert_eq!(f.total.handled, 11);
    assert_eq!(f.total.clean, 8);
    assert_eq!(f.total.events, 5);
    assert_eq!(f.total.rate_permille, Some(727));
    let summary = outgoing::quality_summary(&f).join("\n");
    assert!(
        summary.contains("其中无问题公文 8 件")
            && summary
                .contains("会签逾期 1 次（问题记入责任部门；无问题公文以主办部门本身有无问题计）"),
        "{summary}"
    );

    // ties share a rank and the next rank skips: 1, 2, 2, 4 (exact fractions: 1/2 = 2/4)
    let docs: Vec<DocFact> = [
        (1, 1),
        (2, 2),
        (3, 2),
        (4, 3),
        (5, 3),
        (6, 3),
        (7, 3),
        (8, 4),
        (9, 4),
        (10, 4),
    ]
    .iter()
    .map(|&(id, department_id)| DocFact { id, department_id })
    .collect();
    let events = vec![
        (2, 2, EventKind::Returned, Some(Gate::Content)),
        (4, 3, EventKind::Returned, Some(Gate::Content)),
        (5, 3, EventKind::Revised, Some(Gate::Procedure)),
        (8, 4, EventKind::Revised, Some(Gate::Procedure)),
        (9, 4, EventKind::Revised, Some(Gate::Procedure)),
        (10, 4, EventKind::Revised, Some(Gate::Procedure)),
    ];
    let f = quality_figures(
        "2026-Q4".parse().unwrap(),
        d("2026-12-31"),
        &depts,
        &docs,
        &events,
    );
    let ranks: Vec<(&str, Option<u32>)> = f
        .departments
        .iter()
        .map(|r| (r.department.as_str(), r.rank))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("部门1", Some(1)),
            ("部门2", Some(2)),
            ("部门3", Some(2)),
            ("部门4", Some(4))
        ]
    );
    assert_eq!(f.departments[3].rate_text, "0.0%");
    assert_eq!(f.period_label, "2026年第四季度");
    let summary = outgoing::quality_summary(&f).join("\n");
    assert!(summary.contains("最高的是部门1（100.0%）"), "{summary}");
    assert!(summary.contains("最低的是部门4（0.0%）"), "{summary}");
    assert!(
        !summary.contains("记入逾期回复的部门"),
        "no 会签逾期: {summary}"
    );
}

#[test]
fn the_summary_says_when_nobody_issued_anything_or_only_one_department_did() {
    let depts = vec![(1, "办公厅".to_string()), (2, "人事司".to_string())];
    let f = quality_figures(
        "2026-11".parse().unwrap(),
        d("2026-11-30"),
        &depts,
        &[],
        &[],
    );
    assert!(f.departments.is_empty());
    assert_eq!(f.total.rate_text, "—");
    let text = outgoing::quality_summary(&f).join("\n");
    assert!(
        text.contains("共印发公文 0 件") && text.contains("本期没有部门印发公文，不作排名"),
        "{text}"
    );
    let docs = [DocFact {
        id: 1,
        department_id: 2,
    }];
    let f = quality_figures(
        "2026-11".parse().unwrap(),
        d("2026-11-30"),
        &depts,
        &docs,
        &[],
    );
    let text = outgoing::quality_summary(&f).join("\n");
    assert!(
        text.contains("本期仅人事司印发公文，无问题率 100.0%"),
        "{text}"
    );
}
