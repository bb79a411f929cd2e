//! The reporting limits per level (§5): settings `opinion_limit_<level>`
//! in minutes, the §5 defaults when unset.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Level;
use crate::error::{invalid, Result};
use crate::store::{audit, Actor, Store};

/// The reporting limit per level, in minutes (§5: "within the limit"
/// includes the limit itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Limits {
    /// 一般.
    pub general: u32,
    /// 较大.
    pub larger: u32,
    /// 重大.
    pub major: u32,
    /// 特别重大.
    pub critical: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            general: Level::General.default_limit_minutes(),
            larger: Level::Larger.default_limit_minutes(),
            major: Level::Major.default_limit_minutes(),
            critical: Level::Critical.default_limit_minutes(),
        }
    }
}

impl Limits {
    /// The limit of one level, in minutes.
    pub fn of(&self, level: Level) -> u32 {
        match level {
            Level::General => self.general,
            Level::Larger => self.larger,
            Level::Major => self.major,
            Level::Critical => self.critical,
        }
    }
    fn set(&mut self, level: Level, minutes: u32) {
        match level {
            Level::General => self.general = minutes,
            Level::Larger => self.larger = minutes,
            Level::Major => self.major = minutes,
            Level::Critical => self.critical = minutes,
        }
    }
    /// `特别重大 1小时，重大 2小时，…` for the terminal and the sheet.
    pub fn text(&self) -> String {
        Level::ALL
            .iter()
            .rev()
            .map(|l| format!("{} {}", l.label(), duration_text(self.of(*l))))
            .collect::<Vec<_>>()
            .join("，")
    }
}

/// `2小时`, `90分钟`, `1小时30分钟`.
pub fn duration_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}分钟"),
        (h, 0) => format!("{h}小时"),
        (h, m) => format!("{h}小时{m}分钟"),
    }
}

fn limit_key(level: Level) -> String {
    format!("opinion_limit_{}", level.code())
}

/// The reporting limits in force (settings `opinion_limit_<level>`, minutes; §5 defaults).
pub fn limits(conn: &Connection) -> Result<Limits> {
    let mut out = Limits::default();
    for l in Level::ALL {
        let v = crate::store::setting(conn, &limit_key(l), "")?;
        if let Ok(m) = v.trim().parse::<u32>() {
            out.set(l, m);
        }
    }
    Ok(out)
}

/// Sets one level's reporting limit (minutes, at least 1), audited.
pub fn set_limit(store: &mut Store, actor: &Actor, level: Level, minutes: u32) -> Result<Limits> {
    if minutes == 0 || minutes > 30 * 24 * 60 {
        return Err(invalid(format!(
            "{}舆情的报告时限应在 1 分钟到 30 天之间。",
            level.label()
        )));
    }
    store.write(|tx| {
        // Read inside the write: the limits as they are, another level's
        // change made meanwhile included.
        let before = limits(tx)?;
        let mut after = before;
        after.set(level, minutes);
        crate::store::set_setting_in(tx, &limit_key(level), &minutes.to_string())?;
        audit::append_in(
            tx,
            actor,
            "setting",
            &limit_key(level),
            &format!("修改{}舆情报告时限", level.label()),
            Some(&serde_json::json!({ "minutes": before.of(level) })),
            Some(&serde_json::json!({ "minutes": minutes })),
        )?;
        Ok(after)
    })
}
