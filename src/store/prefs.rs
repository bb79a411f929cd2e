//! The office's settings edited on the 设置 page (issue 13): the yellow
//! window N, the 传达学习 days, the office's name, the backup folder and how
//! many automatic backups to keep. Each change is checked (refused with a
//! Chinese message, nothing written) and audited with the value before and
//! after. The readers of the first three live with their capabilities
//! (`reminders::yellow_days`, `relay::relay_days`, `reminders::office_name`);
//! the keys are the same.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Deserialize;

use super::{audit, set_setting_in, setting, Actor, Store};
use crate::error::{invalid, Error, Result};

/// The setting that names the backup folder (empty: `backups/` beside the database).
pub const BACKUP_DIR_KEY: &str = "backup_dir";
/// The setting that says how many automatic start-up backups are kept.
pub const KEEP_BACKUPS_KEY: &str = "keep_backups";
/// How many automatic start-up backups are kept when the office says nothing.
pub const DEFAULT_KEEP_BACKUPS: usize = 10;

/// A setting the 设置 page edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Pref {
    /// N of the yellow window, working days (`yellow_days`, 1–30).
    YellowDays,
    /// Working days for a 传达学习 report (`relay_days`, 1–30).
    RelayDays,
    /// The office's name in sheet titles (`office_name`).
    OfficeName,
    /// The backup folder (`backup_dir`; empty = beside the database).
    BackupDir,
    /// Automatic backups kept (`keep_backups`, 1–100).
    KeepBackups,
}

impl Pref {
    /// The settings key.
    pub fn key(self) -> &'static str {
        match self {
            Pref::YellowDays => "yellow_days",
            Pref::RelayDays => "relay_days",
            Pref::OfficeName => "office_name",
            Pref::BackupDir => BACKUP_DIR_KEY,
            Pref::KeepBackups => KEEP_BACKUPS_KEY,
        }
    }

    /// The setting's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Pref::YellowDays => "黄灯提醒天数",
            Pref::RelayDays => "传达学习报告时限",
            Pref::OfficeName => "本办名称",
            Pref::BackupDir => "备份文件夹",
            Pref::KeepBackups => "保留自动备份份数",
        }
    }
}

/// A whole number in `lo..=hi`, else a Chinese refusal naming the setting.
fn number_in(pref: Pref, value: &str, lo: u32, hi: u32, unit: &str) -> Result<String> {
    match value.trim().parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n.to_string()),
        _ => Err(invalid(format!(
            "{}应为 {lo} 到 {hi} 之间的整数（{unit}），“{}”不符合，未做修改。",
            pref.label(),
            value.trim()
        ))),
    }
}

/// The value as it will be stored, or why it is refused.
pub fn checked_value(pref: Pref, value: &str) -> Result<String> {
    match pref {
        Pref::YellowDays => number_in(pref, value, 1, 30, "工作日"),
        Pref::RelayDays => number_in(pref, value, 1, 30, "工作日"),
        Pref::KeepBackups => number_in(pref, value, 1, 100, "份"),
        Pref::OfficeName => {
            let name = value.trim();
            if name.is_empty() {
                return Err(invalid("请填写本办名称（用于表格标题），未做修改。"));
            }
            if name.chars().count() > 40 {
                return Err(invalid("本办名称不能超过 40 个字，未做修改。"));
            }
            Ok(name.to_string())
        }
        Pref::BackupDir => {
            let dir = value.trim();
            if dir.is_empty() {
                return Ok(String::new());
            }
            check_writable_dir(Path::new(dir))?;
            Ok(dir.to_string())
        }
    }
}

/// Refuses a folder that is not absolute or cannot be written (it is made
/// when missing; a probe file is written and removed).
pub fn check_writable_dir(dir: &Path) -> Result<()> {
    let refused = |why: String| {
        Error::Invalid(format!(
            "备份文件夹“{}”不能使用：{why}请选择另一个文件夹，未做修改。",
            dir.display()
        ))
    };
    if !dir.is_absolute() {
        return Err(refused("请给出完整路径（例如 D:\\督办备份）。".into()));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(refused("这是一个文件，不是文件夹。".into()));
    }
    std::fs::create_dir_all(dir).map_err(|e| refused(format!("无法创建（{e}）。")))?;
    let probe = dir.join(".duban-write-test");
    std::fs::write(&probe, b"duban").map_err(|e| refused(format!("无法写入（{e}）。")))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Changes one setting, audited (before → after); returns the value stored.
/// A refused value writes nothing.
pub fn set_pref(store: &mut Store, actor: &Actor, pref: Pref, value: &str) -> Result<String> {
    let value = checked_value(pref, value)?;
    store.write(|tx| {
        let before = setting(tx, pref.key(), "")?;
        set_setting_in(tx, pref.key(), &value)?;
        audit::append_in(
            tx,
            actor,
            "setting",
            pref.key(),
            &format!("修改{}", pref.label()),
            Some(&serde_json::json!({ pref.key(): before })),
            Some(&serde_json::json!({ pref.key(): value })),
        )
    })?;
    Ok(value)
}

/// The backup folder the office chose, if any.
pub fn backup_dir(conn: &Connection) -> Result<Option<PathBuf>> {
    let dir = setting(conn, BACKUP_DIR_KEY, "")?;
    Ok((!dir.trim().is_empty()).then(|| PathBuf::from(dir.trim())))
}

/// How many automatic backups are kept (setting, default [`DEFAULT_KEEP_BACKUPS`]).
pub fn keep_backups(conn: &Connection) -> Result<usize> {
    Ok(setting(conn, KEEP_BACKUPS_KEY, "")?
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .unwrap_or(DEFAULT_KEEP_BACKUPS))
}

/// The tables where a clerk's own work lands: a database with none of them
/// filled is fresh, whatever the organisation, the roster or the calendar hold.
const WORK_TABLES: [&str; 12] = [
    "items",
    "documents",
    "imports",
    "rounds",
    "countersigns",
    "inspections",
    "findings",
    "rectifications",
    "opinion_incidents",
    "accountability_records",
    "outgoing_docs",
    "publications",
];

/// True for a database where nothing has been entered yet: no 督办事项, 收文,
/// import, round, 会签, 督查 or 整改, 舆情, 约谈问责, 发文 or publication (the
/// default organisation, seeded at first launch, the roster and the settings
/// do not count).
pub fn is_fresh(conn: &Connection) -> Result<bool> {
    let any = WORK_TABLES
        .iter()
        .map(|t| format!("EXISTS (SELECT 1 FROM {t})"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let entered: bool = conn.query_row(&format!("SELECT {any}"), [], |r| r.get(0))?;
    Ok(!entered)
}
