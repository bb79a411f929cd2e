//! What a command gets from the app: the [`AppState`] (database, clock,
//! operator), a way to run the database and file work off the window's main
//! thread, and the change event after a write.
//!
//! Every command that touches the database or a file is an `async fn` that
//! takes a [`Door`] first and hands its work to [`Door::read`],
//! [`Door::write`] or [`Door::run`]: the work runs on a blocking thread
//! (Tauri runs a synchronous command on the main thread, so a long import
//! would freeze the window), the command awaits it.
//!
//! ```ignore
//! #[tauri::command(rename_all = "snake_case")]
//! pub async fn item_return(door: Door, item_no: String, reason: String) -> CmdResult<()> {
//!     door.write(move |store, actor| items::return_completion(store, actor, &item_no, &reason))
//!         .await
//! }
//! ```

use chrono::{NaiveDate, NaiveDateTime};
use duban::error::ErrorCode;
use duban::store::{Actor, Store};
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{AppHandle, Emitter, Manager, State, Wry};

use crate::error::{CmdResult, UiError};
use crate::events::{Changed, CHANGED_EVENT};
use crate::state::AppState;

/// A command slower than this is logged at `info` (all are at `debug`).
const SLOW_COMMAND_MS: u64 = 500;

/// A command's way into the app (a command argument: Tauri fills it in; the
/// UI does not send it).
#[derive(Clone)]
pub struct Door {
    app: AppHandle,
    command: &'static str,
}

impl<'de> CommandArg<'de, Wry> for Door {
    fn from_command(item: CommandItem<'de, Wry>) -> Result<Self, InvokeError> {
        let command = item.name;
        Ok(Door {
            app: AppHandle::from_command(item)?,
            command,
        })
    }
}

impl Door {
    /// The app (dialogs, events).
    pub fn app(&self) -> &AppHandle {
        &self.app
    }

    /// The app's state.
    pub fn state(&self) -> State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// Now, by the app's clock.
    pub fn now(&self) -> NaiveDateTime {
        self.state().clock.now()
    }

    /// Today, by the app's clock.
    pub fn today(&self) -> NaiveDate {
        self.state().clock.today()
    }

    /// Runs `f` with the app's state on a blocking thread and waits for it.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&AppState) -> CmdResult<T> + Send + 'static,
    ) -> CmdResult<T> {
        let app = self.app.clone();
        let started = std::time::Instant::now();
        let done = tauri::async_runtime::spawn_blocking(move || {
            let waited = started.elapsed();
            (f(&app.state::<AppState>()), waited)
        })
        .await
        .map_err(|e| UiError::new(ErrorCode::Internal, format!("程序内部错误：{e}")));
        // How long each command took (its name only): every one at `debug`,
        // the slow ones at `info`, so a support log shows where a clerk waited.
        let ms = started.elapsed().as_millis() as u64;
        let queued_ms = done.as_ref().map_or(0, |(_, w)| w.as_millis() as u64);
        if ms >= SLOW_COMMAND_MS {
            tracing::info!(command = self.command, ms, queued_ms, "slow command");
        } else {
            tracing::debug!(command = self.command, ms, queued_ms, "command");
        }
        done?.0
    }

    /// [`AppState::read`] on a blocking thread.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> duban::Result<T> + Send + 'static,
    ) -> CmdResult<T> {
        self.run(move |state| state.read(f)).await
    }

    /// [`AppState::rehearse`] on a blocking thread (a dry run: nothing is
    /// written, the window hears nothing).
    pub async fn rehearse<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store, &Actor) -> duban::Result<T> + Send + 'static,
    ) -> CmdResult<T> {
        self.run(move |state| state.rehearse(f)).await
    }

    /// [`AppState::write`] on a blocking thread; on success the window hears
    /// [`CHANGED_EVENT`].
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Store, &Actor) -> duban::Result<T> + Send + 'static,
    ) -> CmdResult<T> {
        let written = self.run(move |state| state.write(f)).await?;
        self.changed();
        Ok(written)
    }

    /// Tells the window that this command changed the database.
    pub fn changed(&self) {
        let payload = Changed {
            command: self.command.to_string(),
        };
        if let Err(e) = self.app.emit(CHANGED_EVENT, payload) {
            tracing::warn!(error = %e, "change event not emitted");
        }
    }
}
