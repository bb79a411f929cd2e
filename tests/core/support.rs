//! Shared set-up for the core's integration tests.

use chrono::{NaiveDate, NaiveDateTime};
use duban::store::{Actor, Store};

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
