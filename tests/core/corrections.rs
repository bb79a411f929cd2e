//! Corrections (issue 13): editing documents and items, 作废 of records with a
//! reason (the figures before and after), attachments copied out, evidence.

mod attachments;
mod audit_words;
mod edits;
mod imports;
mod printed;
mod voids;

use duban::calendar::Calendar;
use duban::items::{self, ItemRow, LedgerFilter};
use duban::store::audit::{self, AuditEntry};
use duban::store::Store;

use crate::support::d;

/// The ledger rows on `today` (every item the ledger lists).
pub fn ledger(s: &Store, today: &str) -> Vec<ItemRow> {
    let cal = Calendar::load(s.conn()).unwrap();
    items::query_ledger(s.conn(), &cal, d(today), &LedgerFilter::default())
        .unwrap()
        .rows
}

/// One row of the ledger by item number.
pub fn row(s: &Store, today: &str, no: &str) -> ItemRow {
    ledger(s, today)
        .into_iter()
        .find(|r| r.item_no == no)
        .unwrap_or_else(|| panic!("{no} not in the ledger"))
}

/// The newest audit entry of an entity.
pub fn last_entry(s: &Store, entity: &str, id: &str) -> AuditEntry {
    audit::entries_for(s.conn(), entity, id)
        .unwrap()
        .pop()
        .expect("an audit entry")
}

/// Rows in the audit log (a refused write adds none).
pub fn audit_rows(s: &Store) -> i64 {
    crate::support::count(s, "audit_log")
}
