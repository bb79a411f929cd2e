//! 数据安全 (PRODUCT #19): online backup, checked restore, rotating backups.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::store::{audit, Store};

/// Copies the open database into `dest` with SQLite's online backup.
pub fn backup_to(store: &Store, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let tmp = dest.with_extension("partial");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut out = Connection::open(&tmp)?;
        let b = Backup::new(store.conn(), &mut out)?;
        b.run_to_completion(256, Duration::from_millis(0), None)?;
    }
    std::fs::rename(&tmp, dest)?;
    Ok(())
}

/// Checks that `file` is an intact Duban database (opens read-only, integrity
/// check, audit chain). Returns the verify report.
pub fn check_backup_file(file: &Path) -> Result<audit::VerifyReport> {
    if !file.exists() {
        return Err(Error::NotFound(format!(
            "找不到备份文件“{}”。",
            file.display()
        )));
    }
    let bad = |e: rusqlite::Error| {
        Error::BadFile(format!(
            "文件“{}”不是有效的督办台账备份（{e}），未做任何恢复。",
            file.display()
        ))
    };
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(bad)?;
    let has_log: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'items')",
            [],
            |r| r.get(0),
        )
        .map_err(bad)?;
    if has_log != 2 {
        return Err(Error::BadFile(format!(
            "文件“{}”不是督办台账的数据库备份，未做任何恢复。",
            file.display()
        )));
    }
    let report = audit::verify(&conn)?;
    if !report.ok() {
        return Err(Error::BadFile(format!(
            "备份文件“{}”已损坏：{}未做任何恢复。",
            file.display(),
            report.message()
        )));
    }
    Ok(report)
}

/// Replaces the database at `db` by the backup `file`, after checking it. The
/// replaced database is kept beside it as `<name>.before-restore-<stamp>`.
/// Returns where the replaced database was kept.
pub fn restore(db: &Path, file: &Path, stamp: &str) -> Result<Option<PathBuf>> {
    check_backup_file(file)?;
    let kept = if db.exists() {
        let kept = db.with_file_name(format!(
            "{}.before-restore-{stamp}",
            db.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("duban.sqlite3")
        ));
        // Fold the WAL into the file so that the kept copy is whole.
        {
            let conn = Connection::open(db)?;
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        std::fs::copy(db, &kept)?;
        Some(kept)
    } else {
        None
    };
    let tmp = db.with_extension("restoring");
    std::fs::copy(file, &tmp)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", db.display())));
    }
    std::fs::rename(&tmp, db)?;
    // Migrate a backup made by an older version.
    Store::open(db)?;
    Ok(kept)
}

/// Writes a dated backup into `dir` and keeps only the newest `keep` of them.
pub fn rotate(store: &Store, dir: &Path, stamp: &str, keep: usize) -> Result<PathBuf> {
    let dest = dir.join(format!("duban-{stamp}.sqlite3"));
    backup_to(store, &dest)?;
    let mut olds: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("duban-") && n.ends_with(".sqlite3"))
        })
        .collect();
    olds.sort();
    while olds.len() > keep {
        let _ = std::fs::remove_file(olds.remove(0));
    }
    Ok(dest)
}
