//! Integration tests: the reminder engine and the daily rhythm —
//! check slots, reminder rules around working days, 延期申请, 催办, 会签,
//! 传达学习 and the 工作台.

mod chases;
mod countersigns;
mod dashboard;
mod extensions;
mod relay;
mod rules;
mod schedule;

use duban::documents::{self, NewDocument, Urgency};
use duban::reminders::{Reminder, ReminderKind};
use duban::store::Store;
use duban::tasks::{self, NewItem};

use crate::support::{actor, d};

/// Creates an item led by `lead` with a deadline, registered at `created`.
pub fn item(store: &mut Store, name: &str, lead: &str, deadline: &str) -> String {
    tasks::create_item(
        store,
        &actor("2026-01-05 09:00"),
        &NewItem::new(name, lead, Some(d(deadline))),
    )
    .unwrap()
    .item_no
}

/// Registers a document received on `received` (平件 unless told).
pub fn document(
    store: &mut Store,
    title: &str,
    received: &str,
    urgency: Urgency,
    limit: Option<&str>,
) -> String {
    let new = NewDocument {
        source_doc_no: String::new(),
        title: title.to_string(),
        source_org: "税务总局".to_string(),
        source_category: documents::SOURCE_CATEGORIES[2].to_string(),
        urgency,
        time_limited: limit.is_some(),
        time_limit: limit.map(d),
        received_on: d(received),
        summary: String::new(),
        important: false,
        key_relay: false,
        attachments: Vec::new(),
    };
    documents::register(store, &actor(&format!("{received} 09:00")), &new)
        .unwrap()
        .doc_no
}

/// The reminders of one kind, as `(ref, party)`.
pub fn of_kind(list: &[Reminder], kind: ReminderKind) -> Vec<(String, String)> {
    list.iter()
        .filter(|r| r.kind == kind)
        .map(|r| (r.ref_no.clone(), r.party.clone()))
        .collect()
}

/// Which error a refusal must be (`|e| matches!(e, Error::Invalid(_))`).
pub type Expect = fn(&duban::Error) -> bool;

/// Rows of a table (to show that a refused write wrote nothing).
pub fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
