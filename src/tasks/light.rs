//! 红黄绿灯 (PRODUCT #6): 红 when the deadline has passed (deadline < today);
//! 黄 when it has not and the working days d with today < d ≤ deadline number
//! at most N (so an item due today is 黄); 绿 otherwise.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Result;

/// An open item's light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Red,
    Yellow,
    Green,
}

impl Light {
    /// 红 / 黄 / 绿.
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红",
            Light::Yellow => "黄",
            Light::Green => "绿",
        }
    }
}

/// The light of an open item with this effective deadline, on `today`.
pub fn light_of(cal: &Calendar, today: NaiveDate, deadline: NaiveDate, yellow_days: u32) -> Light {
    if deadline < today {
        Light::Red
    } else if cal.workdays_between(today, deadline) <= yellow_days as i64 {
        Light::Yellow
    } else {
        Light::Green
    }
}

/// The first deadline that is 绿 on `today`: an open item is 黄 exactly when
/// `today <= deadline < yellow_bound(...)`, so lights become date ranges that
/// an index can answer.
pub fn yellow_bound(cal: &Calendar, today: NaiveDate, yellow_days: u32) -> NaiveDate {
    cal.add_workdays(today, yellow_days + 1)
}

/// The setting N (working days of the 黄 window), default 3.
pub fn yellow_days(conn: &Connection) -> Result<u32> {
    Ok(crate::store::setting(conn, "yellow_days", "3")?
        .parse()
        .unwrap_or(3))
}
