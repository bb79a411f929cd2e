//! Shared set-up for the core's integration tests.

use chrono::{NaiveDate, NaiveDateTime};
use duban::documents::{self, NewDocument, Urgency};
use duban::items::{self, NewItem};
use duban::reminders::{Reminder, ReminderKind};
use duban::store::{Actor, Store};

#[path = "../shared/repo.rs"]
mod repo;
pub use repo::repo_dir;
#[path = "../shared/xlsx_parts.rs"]
mod xlsx_parts;
pub use xlsx_parts::{package, package_laid_out_unusually, rewrite_parts};

/// A date from "YYYY-MM-DD".
pub fn d(s: &str) -> NaiveDate {
    duban::dates::parse_ymd(s).unwrap_or_else(|| panic!("bad test date {s}"))
}

/// A moment from "YYYY-MM-DD HH:MM".
pub fn at(s: &str) -> NaiveDateTime {
    duban::dates::parse_minute(s).unwrap_or_else(|| panic!("bad test moment {s}"))
}

/// The test operator at a moment.
pub fn actor(s: &str) -> Actor {
    Actor::new("测试员", at(s))
}

/// A migrated in-memory store with the default organisation.
pub fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    duban::org::seed_default(&mut s, &actor("2026-01-05 09:00")).unwrap();
    s
}

/// Creates an item led by `lead` with a deadline, registered at `created`.
pub fn item(store: &mut Store, name: &str, lead: &str, deadline: &str) -> String {
    items::create_item(
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
