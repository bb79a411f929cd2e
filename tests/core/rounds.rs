//! Integration tests: rounds (报送任务, PRODUCT #10).
//!
//! `create`: creating rounds, statuses per unit, the §十二 proposals.
//! `receive`: template → filled by a unit → import, token matching, refusals.

mod create;
pub mod receive;

use duban::rounds::{create_round, NewRound, Round, RoundKind, Targets};
use duban::store::Store;

use crate::support::{actor, d};

/// A round of `kind` due `due` for `units`, created on 2026-10-01.
pub fn round(s: &mut Store, kind: RoundKind, due: &str, units: &[&str]) -> Round {
    create_round(
        s,
        &actor("2026-10-01 09:00"),
        &NewRound {
            title: "关于落实减税降费政策的报送".into(),
            kind,
            phase: if kind == RoundKind::Policy {
                "一个月内".into()
            } else {
                String::new()
            },
            document_id: None,
            policy_name: "关于进一步落实减税降费政策的通知".into(),
            policy_doc_no: "税总发〔2026〕12号".into(),
            issued_on: Some(d("2026-09-20")),
            due: d(due),
            notes: String::new(),
            targets: Targets::Named(units.iter().map(|u| u.to_string()).collect()),
        },
    )
    .unwrap()
}
