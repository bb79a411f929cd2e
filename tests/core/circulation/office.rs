//! `office_tally` (the 工作台's 12-month trend) is the sum over the parties of
//! `lead_tallies` (the §3 counts of the monthly sheet), on a varied ledger.

use chrono::{Duration, NaiveDate};
use duban::calendar::Calendar;
use duban::circulation::{
    lead_tallies, office_tally, ExtensionFact, Inputs, ItemFact, PartyFact, Span,
};
use duban::org::PartyKind;

use crate::support::d;

/// A ledger of 3,000 items spread over two years by a fixed generator:
/// open and finished, on time and late, standing, withdrawn, without a
/// deadline, across five parties, some with extensions.
fn ledger() -> Inputs {
    let parties = (1..=5)
        .map(|id| PartyFact {
            id,
            name: format!("单位{id}"),
            kind: if id <= 2 {
                PartyKind::Department
            } else {
                PartyKind::Unit
            },
            sort_order: id,
        })
        .collect();
    let start = d("2025-06-01");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let items: Vec<ItemFact> = (1..=3000)
        .map(|id| {
            let created = start + Duration::days(next(540) as i64);
            let due: Option<NaiveDate> =
                (next(10) != 0).then(|| created + Duration::days(next(120) as i64));
            let done = match (due, next(3)) {
                (Some(due), 0) => Some(due - Duration::days(next(20) as i64)),
                (Some(due), 1) => Some(due + Duration::days(next(40) as i64)),
                _ => None,
            };
            ItemFact {
                id,
                item_no: format!("T-{id}"),
                name: String::new(),
                lead: 1 + next(5) as i64,
                cooperators: Vec::new(),
                standing: next(25) == 0,
                withdrawn: next(30) == 0,
                deadline: due,
                due,
                done,
                created_on: created,
                status_label: String::new(),
            }
        })
        .collect();
    let extensions = (1..=3000)
        .step_by(37)
        .map(|item_id| ExtensionFact {
            item_id,
            requested_on: start + Duration::days(item_id / 6),
            old_deadline: start,
            new_deadline: start,
            approved: item_id % 2 == 1,
            status_label: String::new(),
            decided_on: Some(start + Duration::days(item_id / 6 + 2)),
            reason: String::new(),
        })
        .collect();
    Inputs {
        parties,
        items,
        extensions,
        rounds: Vec::new(),
    }
}

#[test]
fn the_office_tally_of_every_month_is_the_sum_of_the_parties_tallies() {
    let inputs = ledger();
    let cal = Calendar::official();
    let mut months_with_items = 0;
    for (first, last, as_of) in [
        ("2025-06-01", "2025-06-30", "2025-06-30"),
        ("2025-11-01", "2025-11-30", "2025-11-30"),
        ("2026-02-01", "2026-02-28", "2026-02-28"),
        ("2026-07-01", "2026-07-31", "2026-07-31"),
        ("2026-11-01", "2026-11-30", "2026-11-18"),
        ("2026-01-01", "2026-11-18", "2026-11-18"),
        ("2027-03-01", "2027-03-31", "2027-03-31"),
    ] {
        let span = Span {
            first: d(first),
            last: d(last),
            as_of: d(as_of),
        };
        let office = office_tally(&inputs, &span);
        let parties = lead_tallies(&inputs, &cal, &span);
        let sum = |f: fn(&duban::circulation::Tally) -> u32| parties.values().map(f).sum::<u32>();
        assert_eq!(office.due_total, sum(|t| t.due_total), "应办结 {first}");
        assert_eq!(office.on_time, sum(|t| t.on_time), "按期办结 {first}");
        assert_eq!(office.late_done, sum(|t| t.late_done), "逾期办结 {first}");
        assert_eq!(
            office.overdue_open,
            sum(|t| t.overdue_open),
            "逾期未办结 {first}"
        );
        months_with_items += usize::from(office.due_total > 0);
    }
    assert!(months_with_items >= 5, "the generator fills the months");
}
