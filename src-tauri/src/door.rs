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
        tauri::async_runtime::spawn_blocking(move || f(&app.state::<AppState>()))
            .await
            .map_err(|e| UiError::new(ErrorCode::Internal, format!("程序内部错误：{e}")))?
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
