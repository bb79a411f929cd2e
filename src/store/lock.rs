//! Who has a database open: every [`super::Store`] holds a shared lock on
//! `<database>.lock` for as long as it is open, and a restore takes the
//! exclusive lock, so that a restore never replaces a file another process
//! (the desktop app, a `duban` command) is writing to — those writes would
//! go to the replaced file and be lost without a word. The locks are the
//! operating system's (`flock` on Linux, `LockFileEx` on Windows): they go
//! away with the process, so a crash leaves nothing stale.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long opening a database waits for a restore in progress.
const WAIT_FOR_RESTORE: Duration = Duration::from_secs(30);

/// The lock file beside a database.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn open_lock_file(db: &Path) -> Result<File> {
    Ok(OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(db))?)
}

/// A shared hold on the database, taken by every open store (several
/// processes may share it). Waits while a restore holds the file.
pub fn share(db: &Path) -> Result<File> {
    let file = open_lock_file(db)?;
    let started = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < WAIT_FOR_RESTORE => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Conflict(format!(
                    "数据库“{}”正在从备份恢复，请稍后再试。",
                    db.display()
                )))
            }
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
    }
}

/// The exclusive hold a restore needs: refused at once when anything else
/// has the database open.
pub fn exclusive(db: &Path) -> Result<File> {
    exclusive_within(db, Duration::ZERO)
}

/// The exclusive hold a restore needs, waiting up to `wait` for the other
/// holders to let go (the window's own readers finishing a query, its
/// backup thread finishing a snapshot). Refused when they have not.
pub fn exclusive_within(db: &Path, wait: Duration) -> Result<File> {
    let file = open_lock_file(db)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) if wait.is_zero() => {
                return Err(Error::Conflict(format!(
                    "数据库“{}”正被督查督办台账（或另一个 duban 命令）使用：请先关闭督查督办台账，再恢复。未做任何恢复。",
                    db.display()
                )))
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Conflict(format!(
                    "数据库“{}”仍被另一项操作使用（一个 duban 命令，或正在进行的备份、导入），等了 {} 秒仍未结束：请等它完成（或关闭正在运行的 duban 命令）后再恢复。未做任何恢复。",
                    db.display(),
                    wait.as_secs()
                )))
            }
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
    }
}
