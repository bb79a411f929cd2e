//! 数据安全 (PRODUCT #19): online backup, checked restore, rotating backups.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::install::{swap_in, Folders, Swap};
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
    roll_back_interrupted(file);
    open_read_only(file, what, then)
}

/// [`open_existing`] after any interrupted write was rolled back: the
/// read-only open and the checks that the file is a Duban database.
fn open_read_only(file: &Path, what: &str, then: &str) -> Result<Connection> {
    let bad = |e: rusqlite::Error| {
        let journal = journal_of(file);
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) && is_non_empty(&journal) {
            // A write a crash interrupted, on a medium that refuses writes:
            // SQLite must undo it before anything is read, and cannot.
            return Error::BadFile(format!(
                "{what}“{}”上次写入时中断，旁边留有未完成的日志文件“{}”；该位置只读（或没有写入权限），无法撤销那次写入，{}请把这两个文件一起复制到可写的文件夹，再对复制的文件操作。",
                file.display(),
                journal.display(),
                then.split_inclusive('。').next().unwrap_or(then)
            ));
        }
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

/// Rolls back a write a crash interrupted in rollback-journal mode (a bulk
/// import, `Store::with_bulk_journal`): its journal beside the database is
/// "hot", and a read-only connection cannot roll it back ("attempt to write
/// a readonly database"). Opening the file for writing and reading from it
/// restores the last committed state, as any open by the app or the command
/// line does; nothing else is written. Without a journal, or when the file
/// cannot be opened for writing, nothing happens (the read-only open then
/// says what is wrong).
fn roll_back_interrupted(file: &Path) {
    if !is_non_empty(&journal_of(file)) {
        return;
    }
    if let Ok(conn) = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_WRITE) {
        let _ = conn.busy_timeout(super::BUSY_TIMEOUT);
        let _ = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        });
    }
}

/// The rollback journal SQLite keeps beside `file` during a write.
fn journal_of(file: &Path) -> PathBuf {
    let mut journal = file.as_os_str().to_owned();
    journal.push("-journal");
    PathBuf::from(journal)
}

fn is_non_empty(file: &Path) -> bool {
    std::fs::metadata(file).is_ok_and(|m| m.len() > 0)
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
            // A backup archive's database is read from a temporary copy.
            let (db, _tmp) = super::archive::database_of(backup, "未做检查。")?;
            let conn = open_existing(&db, "对照的备份", "未做检查。")
                .map_err(|e| rename_in(e, &db, backup))?;
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

/// Checks a backup before it is restored (设置 → 恢复 shows the outcome):
/// an archive's database or a database copy, read-only — integrity, audit
/// chain, version. The attachment files are checked by [`restore`] itself.
pub fn check_backup(file: &Path) -> Result<audit::VerifyReport> {
    if !super::archive::is_archive(file) && file.is_file() && !looks_like_sqlite(file) {
        return Err(Error::BadFile(format!(
            "文件“{}”不是督办台账的备份（既不是备份压缩包，也不是数据库文件），未做任何恢复。",
            file.display()
        )));
    }
    let (db, _tmp) = super::archive::database_of(file, "未做任何恢复。")?;
    check_backup_file(&db).map_err(|e| rename_in(e, &db, file))
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
    restore_within(db, file, actor, std::time::Duration::ZERO)
}

/// [`restore`], waiting up to `wait` for the database's other holders to
/// close it (the desktop app restores while its own readers may still be
/// finishing a query).
pub fn restore_within(
    db: &Path,
    file: &Path,
    actor: &crate::store::Actor,
    wait: std::time::Duration,
) -> Result<Option<PathBuf>> {
    let stamp = crate::dates::file_stamp(actor.now);
    let hold = super::lock::exclusive_within(db, wait)?;
    let staged = db.with_extension("restoring");
    let attachments = attachments_dir_of(db);
    let staged_attachments = sibling(&attachments, ".restoring");
    let mut with_attachments = false;
    let installed = (|| -> Result<Option<PathBuf>> {
        if super::archive::is_archive(file) {
            let then = "未做任何恢复。";
            let mut opened = super::archive::open(file, then)?;
            super::archive::extract_db(&mut opened, file, &staged, then)?;
            check_backup_file(&staged).map_err(|e| rename_in(e, &staged, file))?;
            super::archive::extract_attachments(&mut opened, file, &staged_attachments)?;
            super::archive::check_attachments_complete(
                &opened,
                &staged,
                &staged_attachments,
                file,
            )?;
            with_attachments = true;
        } else {
            if file.is_file() && !looks_like_sqlite(file) {
                return Err(Error::BadFile(format!(
                    "文件“{}”不是督办台账的备份（既不是备份压缩包，也不是数据库文件），未做任何恢复。",
                    file.display()
                )));
            }
            settled_copy(file, &staged)?;
            check_backup_file(&staged).map_err(|e| rename_in(e, &staged, file))?;
        }
        let kept = db.exists().then(|| kept_beside(db, &stamp));
        record_restore(&staged, file, kept.as_deref(), actor)?;
        if let Some(kept) = &kept {
            // Fold the WAL into the file so that the kept copy is whole.
            {
                let conn = Connection::open(db)?;
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            }
            std::fs::copy(db, kept)?;
        }
        // The replaced attachment files are kept beside them too.
        let keep_dir =
            (with_attachments && attachments.exists()).then(|| kept_beside(&attachments, &stamp));
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(beside(db, suffix));
        }
        let swap = Swap {
            db,
            staged_db: &staged,
            kept_db: kept.as_deref(),
            attachments: with_attachments.then_some(Folders {
                staged: &staged_attachments,
                live: &attachments,
                keep: keep_dir.as_deref(),
            }),
        };
        swap_in(&swap, &|from, to| std::fs::rename(from, to))?;
        Ok(kept)
    })();
    if installed.is_err() {
        let _ = std::fs::remove_file(&staged);
        let _ = std::fs::remove_dir_all(&staged_attachments);
    }
    let kept = installed?;
    // Others may open the restored file from here on.
    drop(hold);
    Ok(kept)
}

/// Where `path` (the database or the attachment folder) is kept when a
/// restore replaces it: `<name>.before-restore-<stamp>`, then `-2`, `-3` …
/// (two restores within a second must not overwrite the first one's copy).
fn kept_beside(path: &Path, stamp: &str) -> PathBuf {
    let name = format!(
        "{}.before-restore-{stamp}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("duban")
    );
    (1..)
        .map(|n| match n {
            1 => path.with_file_name(&name),
            n => path.with_file_name(format!("{name}-{n}")),
        })
        .find(|p| !p.exists())
        .expect("a free name")
}

/// Migrates the checked copy (a backup made by an older version) and records
/// the restore in its audit log (who, when, from which file, where the
/// replaced database is kept) before it is installed: the database the
/// office gets back says from its first moment that it was restored, and no
/// other process can write to it first.
fn record_restore(
    staged: &Path,
    from: &Path,
    kept: Option<&Path>,
    actor: &crate::store::Actor,
) -> Result<()> {
    let mut conn = Connection::open(staged)?;
    // Installed as one file: no log beside it.
    conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON;")?;
    super::migrations::migrate(&mut conn).map_err(|e| {
        Error::BadFile(format!(
            "备份“{}”无法升级到本版本的数据库格式（{e}），未做任何恢复。请联系技术支持。",
            from.display()
        ))
    })?;
    let after = serde_json::json!({
        "from": from.display().to_string(),
        "kept": kept.map(|k| k.display().to_string()),
    });
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    audit::append_in(
        &tx,
        actor,
        "database",
        "restore",
        "从备份恢复",
        None,
        Some(&after),
    )?;
    tx.commit()?;
    Ok(())
}

/// Writes a dated backup archive (database and attachments) into `dir` as
/// `duban-<stamp>.zip` and keeps only the newest `keep` backups there
/// (archives and the older `duban-<stamp>.sqlite3` copies alike). Holds the
/// store for the whole backup; the desktop app may call
/// [`super::archive::prepare`] under its lock and the rest without it.
pub fn rotate(store: &Store, dir: &Path, stamp: &str, keep: usize) -> Result<PathBuf> {
    rotate_finish(rotate_prepare(store, dir, stamp)?, dir, keep)
}

/// [`rotate`]'s first step, the only one that needs the store: the
/// snapshot for `dir/duban-<stamp>.zip`. The desktop app takes it under its
/// store lock and calls [`rotate_finish`] after releasing it.
pub fn rotate_prepare(store: &Store, dir: &Path, stamp: &str) -> Result<super::archive::Pending> {
    let made_at = crate::dates::parse_file_stamp(stamp).unwrap_or_default();
    super::archive::prepare(store, &dir.join(format!("duban-{stamp}.zip")), made_at)
}

/// [`rotate`]'s second step: writes the archive (no store needed) and keeps
/// the newest `keep` backups in `dir`. Returns the archive written.
pub fn rotate_finish(pending: super::archive::Pending, dir: &Path, keep: usize) -> Result<PathBuf> {
    let info = pending.write()?;
    prune(dir, keep, &[])?;
    Ok(info.file)
}

/// When a rotating backup was made, from its name (`duban-<stamp>.zip` or
/// `duban-<stamp>.sqlite3`, the stamp as [`crate::dates::file_stamp`]
/// writes it); None for any other file, which rotation never touches (a
/// backup the clerk named by hand, a database that happens to start with
/// `duban-`).
fn rotating_stamp(name: &str) -> Option<chrono::NaiveDateTime> {
    let stem = name.strip_prefix("duban-")?;
    let stem = stem
        .strip_suffix(".zip")
        .or_else(|| stem.strip_suffix(".sqlite3"))?;
    crate::dates::parse_file_stamp(stem)
}

/// Deletes all but the newest `keep` rotating backups in `dir` (by the time
/// in their names), never one of `except` (the database in use, when it lies
/// in that folder).
pub fn prune(dir: &Path, keep: usize, except: &[&Path]) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let mut olds: Vec<(chrono::NaiveDateTime, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !except.iter().any(|x| same(p, x)))
        .filter_map(|p| {
            let made = rotating_stamp(p.file_name()?.to_str()?)?;
            Some((made, p))
        })
        .collect();
    olds.sort();
    while olds.len() > keep {
        let _ = std::fs::remove_file(olds.remove(0).1);
    }
    Ok(())
}

/// One backup in a folder, as 设置 → 恢复 lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupEntry {
    /// The file.
    #[ts(type = "string")]
    pub file: PathBuf,
    /// `archive` (database and attachments) or `database` (database only, older backups).
    pub kind: String,
    /// When it was made, `YYYY-MM-DD HH:MM:SS` (the manifest's; for a
    /// database copy, from its name `…-YYYYMMDD-HHMMSS`); None when unknown.
    pub made_at: Option<String>,
    /// Its size in bytes.
    pub size: u64,
    /// 督办事项 in it.
    pub items: Option<i64>,
    /// 收文 in it.
    pub documents: Option<i64>,
    /// Attachment files in it (0 for a database copy).
    pub attachments: Option<i64>,
    /// Why it cannot be read, in Chinese; None for a readable backup.
    pub problem: Option<String>,
}

/// The backups in `dir` (`.zip` archives and `.sqlite3` database copies),
/// newest first, each with its time, size and counts read from the backup
/// itself. A file that cannot be read is listed with its problem. A missing
/// folder lists nothing.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupEntry>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let is_zip = name.ends_with(".zip");
        if !path.is_file() || !(is_zip || name.ends_with(".sqlite3")) {
            continue;
        }
        let size = std::fs::metadata(&path)?.len();
        let named_at = name
            .rsplit_once('.')
            .and_then(|(stem, _)| stem.get(stem.len().saturating_sub(15)..))
            .and_then(crate::dates::parse_file_stamp)
            .map(crate::dates::stamp);
        let mut e = BackupEntry {
            file: path.clone(),
            kind: if is_zip { "archive" } else { "database" }.to_string(),
            made_at: named_at,
            size,
            items: None,
            documents: None,
            attachments: None,
            problem: None,
        };
        if is_zip {
            match super::archive::open(&path, "无法恢复。") {
                Ok(o) => {
                    e.made_at = Some(o.manifest.made_at);
                    e.items = Some(o.manifest.items);
                    e.documents = Some(o.manifest.documents);
                    e.attachments = Some(o.manifest.attachments);
                }
                Err(err) => e.problem = Some(err.to_string()),
            }
        } else {
            match super::archive::db_counts(&path) {
                Ok((items, documents)) => {
                    e.items = Some(items);
                    e.documents = Some(documents);
                    e.attachments = Some(0);
                }
                Err(_) => e.problem = Some(format!("文件“{name}”不是可读的督办台账数据库备份。")),
            }
        }
        out.push(e);
    }
    out.sort_by(|a, b| (&b.made_at, &b.file).cmp(&(&a.made_at, &a.file)));
    Ok(out)
}

/// Where the attachments of the database at `db` live (as [`Store::attachments_dir`]).
pub fn attachments_dir_of(db: &Path) -> PathBuf {
    match db.parent() {
        Some(dir) => dir.join("attachments"),
        None => PathBuf::from("attachments"),
    }
}

/// `path` with `suffix` appended to its name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    beside(path, suffix)
}

/// Whether `file` starts with SQLite's header.
fn looks_like_sqlite(file: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 16];
    std::fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"SQLite format 3\0"
}

/// An error naming `from` (a temporary copy) rewritten to name `to` (the
/// file the clerk chose).
fn rename_in(e: Error, from: &Path, to: &Path) -> Error {
    match e {
        Error::BadFile(m) | Error::NotFound(m) => {
            Error::BadFile(m.replace(&from.display().to_string(), &to.display().to_string()))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests;
