//! 红黄绿灯 (PRODUCT #6): 红 when the deadline has passed (deadline < today);
//! 黄 when it has not and the working days d with today < d ≤ deadline number
//! at most N (so an item due today is 黄); 绿 otherwise.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

/// An open item's light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// 红灯: the deadline has passed.
    Red,
    /// 黄灯: due within the next N working days (N = the 黄灯 setting), today included.
    Yellow,
    /// 绿灯: more than N working days left.
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

/// A light as people type it: 红, 红灯 or red (and so on).
impl std::str::FromStr for Light {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Light> {
        match s {
            "红" | "红灯" | "red" => Ok(Light::Red),
            "黄" | "黄灯" | "yellow" => Ok(Light::Yellow),
            "绿" | "绿灯" | "green" => Ok(Light::Green),
            _ => Err(crate::error::invalid(format!(
                "灯“{s}”无法识别，应为 红、黄 或 绿。"
            ))),
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

pub use crate::reminders::{yellow_bound, yellow_days};
