//! The app's state, shared by every command: the open database (behind a
//! mutex: one write at a time, as SQLite wants), a few more connections for
//! reading (WAL: a read never waits for a write, so the window answers while
//! a 100,000-row import is written), the clock, and who operates.
//!
//! The working-day calendar is deliberately not kept here: a command loads
//! it with `duban::calendar::Calendar::load(conn)` (about 7 µs, measured), so
//! a year the office adds is seen at once and no cache can go stale.
//!
//! A database that cannot be opened (for example a file that is not a
//! database) does not stop the app: the state keeps the error, the UI shows
//! it on a Chinese error screen, and the file is left untouched.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use duban::error::ErrorJson;
use duban::store::{Actor, Store};

use crate::clock::Clock;
use crate::error::{CmdResult, UiError};

/// How many automatic start-up backups are kept when 设置 says nothing.
pub const KEEP_BACKUPS: usize = 10;

/// How long a restore in the window waits for the app's own readers (a
/// query under way, the backup thread's snapshot) to let go of the database.
const RESTORE_WAIT: Duration = Duration::from_secs(10);

/// Everything the commands share.
pub struct AppState {
    db_path: PathBuf,
    store: Mutex<Option<Store>>,
    /// Idle connections for reads and previews, opened on demand.
    readers: Mutex<Vec<Store>>,
    /// Bumped by a restore: a reader checked out before it is closed when
    /// its query ends instead of going back to the pool (it would read, and
    /// lock, the replaced file).
    generation: AtomicU64,
    /// Bumped each time a command has used the writing connection (see
    /// [`AppState::writes`]).
    writes: AtomicU64,
    open_error: Option<ErrorJson>,
    /// The app's clock (the only one the commands may read).
    pub clock: Clock,
    startup_backup: Mutex<Option<Result<PathBuf, String>>>,
    /// The day of the last rotating backup (start-up, daily, exit).
    last_backup_day: Mutex<Option<chrono::NaiveDate>>,
}

impl AppState {
    /// Opens (creating or migrating) the database at `db_path`. Never fails:
    /// an error is kept and reported by [`AppState::open_error`].
    pub fn open(db_path: PathBuf, clock: Clock) -> AppState {
        let (store, open_error) = match Store::open(&db_path) {
            Ok(s) => (Some(s), None),
            Err(e) => {
                tracing::warn!(code = e.code(), "database did not open");
                (None, Some(e.to_json()))
            }
        };
        let state = AppState {
            db_path,
            store: Mutex::new(store),
            readers: Mutex::new(Vec::new()),
            generation: AtomicU64::new(0),
            writes: AtomicU64::new(0),
            open_error,
            clock,
            startup_backup: Mutex::new(None),
            last_backup_day: Mutex::new(None),
        };
        // A first launch shows the default organisation, not an empty one
        // (seed_default adds nothing when an organisation exists).
        if let Err(e) = state.write(duban::org::seed_default) {
            eprintln!("默认组织机构未能载入：{}", e.0.message);
        }
        state
    }

    /// The database file in use.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Where automatic and manual backups go: the folder chosen in 设置
    /// (setting `backup_dir`), else `backups/` beside the database.
    pub fn backups_dir(&self) -> PathBuf {
        let chosen = self
            .aside("settings::backups_dir", |s| {
                duban::store::prefs::backup_dir(s.conn()).map_err(UiError::from)
            })
            .ok()
            .flatten();
        chosen.unwrap_or_else(|| self.default_backups_dir())
    }

    /// `backups/` beside the database.
    pub fn default_backups_dir(&self) -> PathBuf {
        match self.db_path.parent() {
            Some(dir) => dir.join("backups"),
            None => PathBuf::from("backups"),
        }
    }

    /// How many automatic start-up backups are kept (setting `keep_backups`,
    /// else [`KEEP_BACKUPS`]).
    pub fn keep_backups(&self) -> usize {
        self.aside("settings::keep_backups", |s| {
            duban::store::prefs::keep_backups(s.conn()).map_err(UiError::from)
        })
        .unwrap_or(KEEP_BACKUPS)
    }

    /// Replaces the database by the backup `file` (checked first; the
    /// replaced database is kept beside it, see `duban::store::backup::restore`).
    /// The app's own connections are closed first (a restore needs the
    /// database to itself, see `duban::store::lock`) and the restored
    /// database is opened in their place — also when the restore is refused,
    /// so that nothing is lost and the app goes on. Returns where the
    /// replaced database was kept.
    pub fn restore(&self, file: &Path) -> CmdResult<Option<PathBuf>> {
        let _span = tracing::info_span!("command", name = "settings::backup_restore").entered();
        duban::store::backup::check_backup(file)?;
        let mut guard = self.lock()?;
        let actor = match guard.as_ref() {
            Some(store) => self.actor(store)?,
            None => return Err(self.unavailable()),
        };
        // Close the writer and every idle reader: they hold the shared lock.
        // Readers busy with a query close when it ends (the generation
        // changes); the restore waits for them.
        *guard = None;
        {
            let mut readers = self.readers.lock().unwrap_or_else(|p| p.into_inner());
            self.generation.fetch_add(1, Ordering::SeqCst);
            readers.clear();
        }
        let restored =
            duban::store::backup::restore_within(&self.db_path, file, &actor, RESTORE_WAIT);
        // Another database now: an answer computed before is out of date.
        self.writes.fetch_add(1, Ordering::SeqCst);
        match Store::open(&self.db_path) {
            Ok(store) => *guard = Some(store),
            Err(e) => {
                tracing::warn!(code = e.code(), "database did not reopen after a restore");
                return Err(UiError::from(e));
            }
        }
        Ok(restored?)
    }

    /// Why the database could not be opened, if it could not.
    pub fn open_error(&self) -> Option<&ErrorJson> {
        self.open_error.as_ref()
    }

    /// Writes the rotating start-up backup (keeps [`KEEP_BACKUPS`]); remembers the outcome.
    pub fn backup_at_startup(&self) {
        let kept = self.backup_rotating();
        *self
            .startup_backup
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(kept);
    }

    /// The daily backup while the app stays open: a rotating backup when the
    /// last one (start-up, daily or exit) was made on an earlier day.
    pub fn backup_if_new_day(&self) -> Option<Result<PathBuf, String>> {
        let today = self.clock.today();
        let due = self
            .last_backup_day
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some_and(|day| day < today);
        due.then(|| self.backup_rotating())
    }

    /// Writes a rotating backup (the database snapshot and the attachments)
    /// into the backups folder and keeps the newest ([`AppState::keep_backups`]);
    /// remembers the day. Used at start-up, daily and on exit.
    pub fn backup_rotating(&self) -> Result<PathBuf, String> {
        let stamp = duban::dates::file_stamp(self.clock.now());
        let dir = self.backups_dir();
        // Only the snapshot holds the store; the archive (attachments
        // included) is written after it is released.
        let outcome = self
            .with_store(|store| {
                duban::store::backup::rotate_prepare(store, &dir, &stamp).map_err(UiError::from)
            })
            .and_then(|pending| {
                duban::store::backup::rotate_finish(pending, &dir, self.keep_backups())
                    .map_err(UiError::from)
            });
        // Tried today, whatever the outcome: a failing disk is not retried every tick.
        *self
            .last_backup_day
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(self.clock.today());
        match outcome {
            Ok(path) => Ok(path),
            Err(e) => {
                tracing::warn!(error = %e.0.message, "backup not written");
                Err(e.0.message)
            }
        }
    }

    /// The outcome of the start-up backup: the file written, or why not.
    pub fn startup_backup(&self) -> Option<Result<PathBuf, String>> {
        self.startup_backup
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn lock(&self) -> CmdResult<MutexGuard<'_, Option<Store>>> {
        Ok(self.store.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs `f` with the open database (reads, and writes that build their own
    /// [`Actor`] via [`AppState::actor`]).
    pub fn with_store<T, F>(&self, f: F) -> CmdResult<T>
    where
        F: FnOnce(&mut Store) -> CmdResult<T>,
    {
        self.in_command(command_name::<F>(), f)
    }

    /// Reads with a connection of its own (never waiting for a write in
    /// progress): `f` gets the store and returns a core result.
    pub fn read<T, F>(&self, f: F) -> CmdResult<T>
    where
        F: FnOnce(&Store) -> duban::Result<T>,
    {
        self.aside(command_name::<F>(), |store| f(store).map_err(UiError::from))
    }

    /// Work that writes nothing to the database but needs the [`Actor`] and
    /// a mutable store: a dry-run import (it runs on a snapshot, see
    /// `duban::store::Store::snapshot`). Runs beside the writes, like a read.
    pub fn rehearse<T, F>(&self, f: F) -> CmdResult<T>
    where
        F: FnOnce(&mut Store, &Actor) -> duban::Result<T>,
    {
        self.aside(command_name::<F>(), |store| {
            let actor = self.actor(store)?;
            f(store, &actor).map_err(UiError::from)
        })
    }

    /// Who operates now (the setting, else the system user), read beside the
    /// writes; `None` when the database is not open.
    pub fn operator(&self) -> Option<String> {
        self.aside("settings::app_status", |s| self.actor(s))
            .ok()
            .map(|a| a.operator)
    }

    /// Runs `f` on an idle reading connection (one is opened when none is
    /// idle), inside a log span naming the command.
    fn aside<T>(
        &self,
        command: &'static str,
        f: impl FnOnce(&mut Store) -> CmdResult<T>,
    ) -> CmdResult<T> {
        /// Idle reading connections kept open.
        const IDLE_READERS: usize = 4;
        let _span = tracing::info_span!("command", name = command).entered();
        if self.open_error.is_some() {
            return Err(self.unavailable());
        }
        let (idle, generation) = {
            let mut readers = self.readers.lock().unwrap_or_else(|p| p.into_inner());
            (readers.pop(), self.generation.load(Ordering::SeqCst))
        };
        let mut store = match idle {
            Some(s) => s,
            None => Store::open(&self.db_path).map_err(UiError::from)?,
        };
        let out = f(&mut store);
        let mut readers = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if readers.len() < IDLE_READERS && self.generation.load(Ordering::SeqCst) == generation {
            readers.push(store);
        }
        out
    }

    /// Writes: `f` gets the store and the [`Actor`] (operator, now) for the audit entry.
    pub fn write<T, F>(&self, f: F) -> CmdResult<T>
    where
        F: FnOnce(&mut Store, &Actor) -> duban::Result<T>,
    {
        self.in_command(command_name::<F>(), |store| {
            let actor = self.actor(store)?;
            f(store, &actor).map_err(UiError::from)
        })
    }

    /// How many times a command has used the writing connection (whether
    /// or not it wrote, counted when it let go) or a restore replaced the
    /// database: an answer computed when this was n still holds while it is
    /// n (see `first_page`).
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
    }

    /// Runs `f` with the store inside a log span naming the command, so that a
    /// failure's log line says which command failed.
    fn in_command<T>(
        &self,
        command: &'static str,
        f: impl FnOnce(&mut Store) -> CmdResult<T>,
    ) -> CmdResult<T> {
        let _span = tracing::info_span!("command", name = command).entered();
        let mut guard = self.lock()?;
        let out = match guard.as_mut() {
            Some(store) => f(store),
            None => Err(self.unavailable()),
        };
        self.writes.fetch_add(1, Ordering::SeqCst);
        out
    }

    /// Who writes, now: the core's rule ([`duban::store::operator_name`]),
    /// given the system user.
    pub fn actor(&self, store: &Store) -> CmdResult<Actor> {
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME"));
        let name = duban::store::operator_name(store.conn(), user.ok().as_deref())?;
        Ok(Actor::new(name, self.clock.now()))
    }

    fn unavailable(&self) -> UiError {
        match &self.open_error {
            Some(e) => UiError::logged(e.clone()),
            None => UiError::new(
                duban::error::ErrorCode::DbUnavailable,
                "数据库未打开，请重新启动程序。",
            ),
        }
    }
}

/// The command a closure was written in, from its type name
/// (`duban_desktop::commands::tasks::get_item::{{closure}}` → `tasks::get_item`).
fn command_name<F>() -> &'static str {
    let mut name = std::any::type_name::<F>();
    while let Some(outer) = name.strip_suffix("::{{closure}}") {
        name = outer;
    }
    name.strip_prefix("duban_desktop::commands::")
        .or_else(|| name.strip_prefix("duban_desktop::"))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests;
