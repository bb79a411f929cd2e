//! The §3 ranking, on plain facts (no database): who is ranked, who shares a
//! rank, on which rate, departments and units apart.

use duban::org::PartyKind;

use super::rules::{item, period, row, run};

#[test]
fn a_department_with_nothing_due_is_listed_with_a_dash_and_unranked() {
    let f = run(
        vec![
            item(1, 1, "2026-10-10", Some("2026-10-09")),
            item(2, 2, "2026-12-10", None), // not due yet
        ],
        &period("2026-10", None),
    );
    let idle = row(&f, "政策法规司");
    assert_eq!(idle.tally.due_total, 0);
    assert_eq!(idle.tally.rate_permille, None);
    assert_eq!(idle.tally.rate_text, "—");
    assert_eq!(idle.rank, None);
    assert_eq!(
        f.departments.last().map(|r| r.name.as_str()),
        Some("政策法规司"),
        "listed after the ranked ones"
    );
    assert_eq!(row(&f, "办公厅").rank, Some(1));
}

#[test]
fn equal_keys_share_a_rank_and_the_next_rank_skips() {
    // 办公厅 2/2; 政策法规司 1/2 with 1 open; 所得税司 1/2 with 1 open; 货物和劳务税司 2/4 with 2 open.
    let items = vec![
        item(1, 1, "2026-10-10", Some("2026-10-01")),
        item(2, 1, "2026-10-10", Some("2026-10-02")),
        item(3, 2, "2026-10-10", Some("2026-10-01")),
        item(4, 2, "2026-10-10", None),
        item(5, 4, "2026-10-10", Some("2026-10-01")),
        item(6, 4, "2026-10-10", None),
        item(7, 3, "2026-10-10", Some("2026-10-01")),
        item(8, 3, "2026-10-10", Some("2026-10-01")),
        item(9, 3, "2026-10-10", None),
        item(10, 3, "2026-10-10", None),
    ];
    let f = run(items, &period("2026-10", None));
    let ranks: Vec<(&str, Option<u32>)> = f
        .departments
        .iter()
        .map(|r| (r.name.as_str(), r.rank))
        .collect();
    assert_eq!(
        ranks,
        [
            ("办公厅", Some(1)),
            ("政策法规司", Some(2)),
            ("所得税司", Some(2)),
            ("货物和劳务税司", Some(4)),
        ],
        "same rate: fewer 逾期未办结 first; same rate and same 逾期未办结: same rank, then 4"
    );
}

#[test]
fn ranking_uses_the_exact_rate_not_the_rounded_one() {
    // 5/28 and 7/39 both show 17.9%; 7/39 is higher. By the rounded rate the
    // tie-break (fewer 逾期未办结) would put 5/28 (23 open) before 7/39 (32 open).
    let mut items = Vec::new();
    let mut id = 0;
    for (lead, on_time, total) in [(1, 5, 28), (2, 7, 39)] {
        for k in 0..total {
            id += 1;
            items.push(item(
                id,
                lead,
                "2026-10-10",
                (k < on_time).then_some("2026-10-09"),
            ));
        }
    }
    let f = run(items, &period("2026-10", None));
    assert_eq!(row(&f, "办公厅").tally.rate_text, "17.9%");
    assert_eq!(row(&f, "政策法规司").tally.rate_text, "17.9%");
    assert_eq!(row(&f, "政策法规司").rank, Some(1));
    assert_eq!(row(&f, "办公厅").rank, Some(2));
}

#[test]
fn departments_and_units_are_ranked_separately() {
    let f = run(
        vec![
            item(1, 1, "2026-10-10", None),                // 办公厅 0%
            item(2, 11, "2026-10-10", Some("2026-10-01")), // 北京 100%
            item(3, 12, "2026-10-10", None),               // 天津 0%
        ],
        &period("2026-10", None),
    );
    assert_eq!(
        row(&f, "办公厅").rank,
        Some(1),
        "the only rated department is first among departments"
    );
    assert_eq!(row(&f, "北京市税务局").rank, Some(1));
    assert_eq!(row(&f, "天津市税务局").rank, Some(2));
    assert!(f
        .departments
        .iter()
        .all(|r| r.kind == PartyKind::Department));
    assert!(f.units.iter().all(|r| r.kind == PartyKind::Unit));
    assert_eq!(f.departments_total.due_total, 1);
    assert_eq!(f.units_total.due_total, 2);
    assert_eq!(f.total.due_total, 3);
}

#[test]
fn no_unit_rows_when_no_unit_leads_an_item() {
    let f = run(
        vec![item(1, 1, "2026-10-10", None)],
        &period("2026-10", None),
    );
    assert!(f.units.is_empty());
}
