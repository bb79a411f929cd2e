//! 数据安全 (PRODUCT #19): online backup, checked restore, rotating backups.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::store::{audit, Store};

/// Copies the open database into `dest` with SQLite's online backup and
/// returns the audit chain's head in the copy (printed with every backup:
/// `verify --against` that backup later proves history was not rewritten).
pub fn backup_to(store: &Store, dest: &Path) -> Result<audit::ChainHead> {
    if let Some(dir) = dest.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let tmp = dest.with_extension("partial");
    let _ = std::fs::remove_file(&tmp);
    let head = {
        let mut out = Connection::open(&tmp)?;
        {
            let b = Backup::new(store.conn(), &mut out)?;
            b.run_to_completion(256, Duration::from_millis(0), None)?;
        }
        audit::head(&out)?
    };
    std::fs::rename(&tmp, dest)?;
    Ok(head)
}

/// Opens an existing Duban database file read-only (nothing is created or
/// written); `what` names it in the Chinese errors ("备份文件", "数据库文件")
/// and `then` says what was not done.
fn open_existing(file: &Path, what: &str, then: &str) -> Result<Connection> {
    if !file.is_file() {
        return Err(Error::NotFound(format!(
            "找不到{what}“{}”，{then}",
            file.display()
        )));
    }
    let bad = |e: rusqlite::Error| {
        Error::BadFile(format!(
            "文件“{}”不是有效的督办台账{what}（{e}），{then}",
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
            "文件“{}”不是督办台账的{what}，{then}",
            file.display()
        )));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(bad)?;
    let known = crate::store::migrations::MIGRATIONS.len() as i64;
    if version > known {
        return Err(Error::BadFile(format!(
            "{what}“{}”来自更新版本的督办台账（数据库版本 {version}，本程序支持到 {known}），{then}请先升级程序。",
            file.display()
        )));
    }
    Ok(conn)
}

/// What `duban verify` compares the chain with.
pub enum Anchor<'a> {
    /// Nothing: the chain and the file alone.
    None,
    /// An earlier backup: its own chain must be intact, and its head is the anchor.
    Backup(&'a Path),
    /// A head printed on a sheet or noted by hand.
    Head(audit::ChainHead),
}

/// `duban verify` on a file: opens it read-only (a missing file is an error,
/// never a new empty database) and returns the verify report, compared with
/// the anchor when one is given.
pub fn verify_file(file: &Path, anchor: Anchor<'_>) -> Result<audit::VerifyReport> {
    let head = match anchor {
        Anchor::None => None,
        Anchor::Head(h) => Some(h),
        Anchor::Backup(backup) => {
            let conn = open_existing(backup, "对照的备份", "未做检查。")?;
            let report = audit::verify(&conn)?;
            if !report.ok() {
                return Err(Error::BadFile(format!(
                    "对照的备份“{}”本身未通过检查：{}不能用它对照。",
                    backup.display(),
                    report.message()
                )));
            }
            Some(report.head)
        }
    };
    let conn = open_existing(
        file,
        "数据库文件",
        "未做检查。请用 --db 指定要检查的数据库。",
    )?;
    audit::verify_against(&conn, head.as_ref())
}

/// Checks that `file` is an intact Duban database (opens read-only, integrity
/// check, audit chain). Returns the verify report.
pub fn check_backup_file(file: &Path) -> Result<audit::VerifyReport> {
    let conn = open_existing(file, "数据库备份", "未做任何恢复。")?;
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

/// The SQLite file beside `file` with `suffix` appended (`-wal`, `-shm`).
fn beside(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the backup `file` (and its `-wal`, when one lies beside it) to
/// `copy` and folds the log into the copy, so that the file checked is the
/// file installed.
fn settled_copy(file: &Path, copy: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(copy, suffix));
    }
    if !file.is_file() {
        return Err(Error::NotFound(format!(
            "找不到数据库备份“{}”，未做任何恢复。",
            file.display()
        )));
    }
    std::fs::copy(file, copy)?;
    let wal = beside(file, "-wal");
    if wal.is_file() {
        std::fs::copy(&wal, beside(copy, "-wal"))?;
        let conn =
            Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| {
                Error::BadFile(format!(
                    "文件“{}”不是有效的督办台账数据库备份（{e}），未做任何恢复。",
                    file.display()
                ))
            })?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(copy, suffix));
    }
    Ok(())
}

/// Replaces the database at `db` by the backup `file`, after checking it.
/// Refused, with nothing touched, while anything else has the database open
/// (see [`super::lock`]). A backup with a `-wal` beside it is settled in a
/// copy first, and that copy is what is checked and installed. The replaced
/// database is kept beside it as `<name>.before-restore-<stamp>` (the stamp
/// from `actor.now`). The restored database's audit log gets an entry for the
/// restore (who, when, from which file, where the replaced one was kept).
/// Returns where the replaced database was kept.
pub fn restore(db: &Path, file: &Path, actor: &crate::store::Actor) -> Result<Option<PathBuf>> {
    let stamp = crate::dates::file_stamp(actor.now);
    let hold = super::lock::exclusive(db)?;
    let staged = db.with_extension("restoring");
    let installed = (|| -> Result<Option<PathBuf>> {
        settled_copy(file, &staged)?;
        check_backup_file(&staged).map_err(|e| match e {
            // Name the file the clerk chose, not the staged copy.
            Error::BadFile(m) | Error::NotFound(m) => Error::BadFile(
                m.replace(&staged.display().to_string(), &file.display().to_string()),
            ),
            other => other,
        })?;
        let kept = if db.exists() {
            let name = format!(
                "{}.before-restore-{stamp}",
                db.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("duban.sqlite3")
            );
            // Two restores within a second must not overwrite the first one's copy.
            let kept = (1..)
                .map(|n| match n {
                    1 => db.with_file_name(&name),
                    n => db.with_file_name(format!("{name}-{n}")),
                })
                .find(|p| !p.exists())
                .expect("a free name");
            // Fold the WAL into the file so that the kept copy is whole.
            {
                let conn = Connection::open(db)?;
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            }
            std::fs::copy(db, &kept)?;
            Some(kept)
        } else {
            None
        };
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(beside(db, suffix));
        }
        std::fs::rename(&staged, db)?;
        Ok(kept)
    })();
    if installed.is_err() {
        let _ = std::fs::remove_file(&staged);
    }
    let kept = installed?;
    // Others may open the restored file from here on.
    drop(hold);
    // Migrate a backup made by an older version, and say in its log that it
    // was restored.
    let mut store = Store::open(db)?;
    let after = serde_json::json!({
        "from": file.display().to_string(),
        "kept": kept.as_ref().map(|k| k.display().to_string()),
    });
    store.write(|tx| {
        audit::append_in(
            tx,
            actor,
            "database",
            "restore",
            "从备份恢复",
            None,
            Some(&after),
        )
    })?;
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
