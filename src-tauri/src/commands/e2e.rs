//! Test-only commands; compiled only with the `e2e` feature, never in a user build.

use tauri::State;

use crate::clock::parse_moment;
use crate::error::{CmdResult, UiError};
use crate::state::AppState;

/// Moves the app's clock to `now` (`YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`); it runs on from there.
#[tauri::command]
pub fn e2e_set_now(state: State<'_, AppState>, now: String) -> CmdResult<()> {
    let at = parse_moment(&now)
        .ok_or_else(|| UiError::new("invalid", format!("无法识别的时刻“{now}”。")))?;
    state.clock.set(at);
    Ok(())
}
