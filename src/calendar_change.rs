//! Changing the working-day calendar, and the dates worked out with it.
//!
//! A 会签's reply deadline and a default 传达学习 deadline are counted in
//! working days when the 会签 is sent or the document planned, and stored.
//! When the office loads a year's holiday notice later (or sets a day by
//! hand), those dates are worked out again in the same transaction. The
//! calendar room knows none of the rooms that store such dates: it calls the
//! [`follow`] it is given, and the doors give it this one.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Transaction;

use crate::calendar::{self, Calendar, FileLoad, ScheduleDay, YearChange, YearDayKind};
use crate::error::Result;
use crate::store::{Actor, Store};

/// Redoes, after a change of the calendar (`was`: as it was), every stored
/// date worked out with it.
pub fn follow(tx: &Transaction, actor: &Actor, was: &Calendar) -> Result<()> {
    crate::countersigns::follow_calendar_in(tx, actor, was)?;
    crate::relay::follow_calendar_in(tx, actor, was)
}

/// [`calendar::load_file`], the dates worked out with the calendar following.
pub fn load_file(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    year: Option<i32>,
) -> Result<FileLoad> {
    calendar::load_file(store, actor, path, year, &follow)
}

/// [`calendar::set_day`], the dates worked out with the calendar following.
pub fn set_day(
    store: &mut Store,
    actor: &Actor,
    date: NaiveDate,
    kind: YearDayKind,
    name: &str,
) -> Result<YearChange> {
    calendar::set_day(store, actor, date, kind, name, &follow)
}

/// [`calendar::add_year`], the dates worked out with the calendar following.
pub fn add_year(
    store: &mut Store,
    actor: &Actor,
    year: i32,
    days: &[ScheduleDay],
    source: &str,
) -> Result<YearChange> {
    calendar::add_year(store, actor, year, days, source, &follow)
}
