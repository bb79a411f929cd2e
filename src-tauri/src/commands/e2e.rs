//! Test-only commands; compiled only with the `e2e` feature, never in a user build.

use duban::error::ErrorCode;

use crate::clock::parse_moment;
use crate::door::Door;
use crate::error::{CmdResult, UiError};

/// Moves the app's clock to `now` (`YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`); it runs on from there.
#[tauri::command(rename_all = "snake_case")]
pub async fn e2e_set_now(door: Door, now: String) -> CmdResult<()> {
    let at = parse_moment(&now)
        .ok_or_else(|| UiError::new(ErrorCode::Invalid, format!("无法识别的时刻“{now}”。")))?;
    door.state().clock.set(at);
    Ok(())
}
