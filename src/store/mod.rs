//! The store: one SQLite file (WAL, foreign keys, busy timeout), embedded
//! append-only migrations tracked by `PRAGMA user_version`, and the one way to
//! write: [`Store::write`], a transaction that use cases fill through `*_in(tx, …)`
//! functions and close with an audit entry.

pub mod archive;
pub mod audit;
pub mod audit_labels;
pub mod backup;
pub mod bulk;
pub(crate) mod columns;
mod install;
pub mod lock;
mod snapshot;
pub use snapshot::Snapshot;
pub mod migrations;
pub mod prefs;
pub mod void;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};

/// Who writes and when: passed in by the door, never read from the clock here.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The operator's name as recorded in the audit log.
    pub operator: String,
    /// The moment of the write (local time).
    pub now: NaiveDateTime,
}

impl Actor {
    /// An actor at a moment.
    pub fn new(operator: impl Into<String>, now: NaiveDateTime) -> Self {
        Actor {
            operator: operator.into(),
            now,
        }
    }
    /// Today, as the rules see it.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now.date()
    }
    /// `now` as stored (`YYYY-MM-DD HH:MM:SS`, see [`crate::dates::stamp`]).
    pub fn stamp(&self) -> String {
        crate::dates::stamp(self.now)
    }
}

/// How long a write waits for another connection's write before it fails
/// with "database is locked".
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// One open database: the connection, its file, and the hold on it.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The shared hold on the file ([`lock`]); none in memory.
    _hold: Option<std::fs::File>,
    /// A private copy made by [`Store::snapshot`] (a dry run's).
    snapshot: bool,
}

/// The database file the desktop app uses: `$DUBAN_DB`, or `duban.sqlite3` in
/// the user's data folder (Linux `~/.local/share/duban/`, Windows `%APPDATA%\duban\duban\data\`).
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("DUBAN_DB") {
        if !p.is_empty() {
            return PathBuf::from(p);
        }
    }
    match directories::ProjectDirs::from("cn", "duban", "duban") {
        Some(dirs) => dirs.data_dir().join("duban.sqlite3"),
        None => PathBuf::from("duban.sqlite3"),
    }
}

/// Runs `f` in one read transaction on `conn` (unless one is already open):
/// every statement inside sees the same snapshot of the database, and the
/// connection takes its shared lock once rather than once per statement (a
/// file of 300 feedback rows looks each item up: 1,200 lock calls less).
pub fn in_read_snapshot<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    if !conn.is_autocommit() {
        return f();
    }
    conn.execute_batch("BEGIN DEFERRED")?;
    let out = f();
    // Ending a read transaction writes nothing; it cannot lose work.
    let ended = conn.execute_batch("COMMIT");
    let out = out?;
    ended?;
    Ok(out)
}

impl Store {
    /// Opens (creating when missing) and migrates the database at `path`.
    /// A file that is not a Duban database is refused, untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        if path.exists() {
            check_is_sqlite(path)?;
        }
        let hold = lock::share(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            _hold: Some(hold),
            snapshot: false,
        };
        store.configure().map_err(|e| not_a_database(path, e))?;
        migrations::migrate(&mut store.conn).map_err(|e| match e {
            Error::Db(e) => not_a_database(path, Error::Db(e)),
            other => other,
        })?;
        Ok(store)
    }

    /// An in-memory database, migrated (tests and benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: PathBuf::new(),
            _hold: None,
            snapshot: false,
        })
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // wal_autocheckpoint: copy the log back into the database every 8,000
        // pages (32 MB) rather than 1,000: a batch of imports rewrites the same
        // pages file after file, and each is then copied once, not every few
        // files (36 feedback files: 0.26 s -> 0.23 s).
        self.conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA wal_autocheckpoint = 8000;",
        )?;
        Ok(())
    }

    /// Whether this is a private copy made by [`Store::snapshot`].
    pub fn is_snapshot(&self) -> bool {
        self.snapshot
    }

    /// The database file (empty for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where attachments live: `attachments/` beside the database file.
    pub fn attachments_dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(dir) if !self.path.as_os_str().is_empty() => dir.join("attachments"),
            _ => std::env::temp_dir().join("duban-attachments"),
        }
    }

    /// Read access.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Mutable access to the connection. No write goes through it: every
    /// write is [`Store::write`] or [`Store::write_with`], which end with an
    /// audit entry in the same transaction. Kept for tests and tools that
    /// need the raw connection (e.g. to inspect a pragma).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one immediate transaction: everything `f` writes commits
    /// together, or nothing does when it returns an error.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Store::write`] for a write that may decide, once done, to keep
    /// nothing (an import's dry run returns [`Ending::Rollback`] after
    /// applying every row, so that its report is the real one). An error
    /// rolls back as in `write`. Savepoints inside `f` (`SAVEPOINT` /
    /// `RELEASE` on the transaction, as the imports' row batches use) work as
    /// usual.
    pub fn write_with<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> Result<(T, Ending)>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (out, ending) = f(&tx)?;
        match ending {
            Ending::Commit => tx.commit()?,
            Ending::Rollback => tx.rollback()?,
        }
        Ok(out)
    }
}

/// How a [`Store::write_with`] transaction ends when its closure succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Keep what was written.
    Commit,
    /// Keep nothing (a dry run).
    Rollback,
}

fn not_a_database(path: &Path, e: Error) -> Error {
    Error::BadFile(format!(
        "文件“{}”不是有效的督办台账数据库（{}）。请选择正确的数据库文件，或从备份恢复。",
        path.display(),
        e
    ))
}

/// Refuses a file that does not start with SQLite's header.
fn check_is_sqlite(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path)?;
    let n = f.read(&mut head)?;
    if n == 0 {
        return Ok(()); // an empty file becomes a new database
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(Error::BadFile(format!(
            "文件“{}”不是有效的督办台账数据库（不是 SQLite 文件）。请选择正确的数据库文件，或从备份恢复。",
            path.display()
        )));
    }
    Ok(())
}

/// A setting's value, or `default` when unset.
pub fn setting(conn: &Connection, key: &str, default: &str) -> Result<String> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| default.to_string()))
}

/// Sets a setting inside a transaction.
pub fn set_setting_in(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// The operator recorded when neither 设置 nor the system names one.
pub const DEFAULT_OPERATOR: &str = "督办室";

/// Who operates, the rule of every door: the setting `operator` (设置 →
/// 操作人), else `system_user` (the door passes `$USER`/`$USERNAME`; the core
/// reads no environment), else [`DEFAULT_OPERATOR`]. Blank names count as none.
pub fn operator_name(conn: &Connection, system_user: Option<&str>) -> Result<String> {
    let set = setting(conn, "operator", "")?;
    Ok(first_operator(&[Some(set.as_str()), system_user]))
}

/// The first non-blank name of `names`, else [`DEFAULT_OPERATOR`]: the rule of
/// [`operator_name`] where no database is read (a restore, which is about to
/// replace it, names the `--operator` given, else the system user).
pub fn first_operator(names: &[Option<&str>]) -> String {
    names
        .iter()
        .flatten()
        .map(|n| n.trim())
        .find(|n| !n.is_empty())
        .unwrap_or(DEFAULT_OPERATOR)
        .to_string()
}

/// Sets the operator recorded in the audit log (setting `operator`), audited
/// with the name before and after. A blank name is refused.
pub fn set_operator(store: &mut Store, actor: &Actor, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::error::invalid("请填写操作人姓名。"));
    }
    store.write(|tx| {
        // Read inside the write: the name replaced, whoever set it last.
        let before = setting(tx, "operator", "")?;
        set_setting_in(tx, "operator", name)?;
        audit::append_in(
            tx,
            actor,
            "setting",
            "operator",
            "修改操作人",
            Some(&serde_json::json!({ "operator": before })),
            Some(&serde_json::json!({ "operator": name })),
        )
    })
}
