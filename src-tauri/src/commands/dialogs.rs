//! File dialogs, asked for by the UI through one command so that end-to-end
//! tests can answer them: in `e2e` builds the answer is the first line of the
//! file named by `DUBAN_E2E_PICK` (an empty line or no file = cancelled).

use serde::Deserialize;
#[cfg(not(feature = "e2e"))]
use tauri::AppHandle;

use crate::door::Door;
use crate::error::CmdResult;

/// A filter in a file dialog (e.g. `{name: "Excel 表格", extensions: ["xlsx"]}`).
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// What the UI asks for.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct PickRequest {
    /// `open` (pick an existing file), `save` (choose where to write) or `folder`.
    pub mode: PickMode,
    pub title: Option<String>,
    #[serde(default)]
    pub filters: Vec<FileFilter>,
    /// The suggested file name when saving.
    pub default_name: Option<String>,
}

/// The kind of dialog.
#[derive(Debug, Clone, Copy, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum PickMode {
    Open,
    Save,
    Folder,
}

/// Shows a file dialog and returns the chosen path, or `null` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn pick_path(door: Door, request: PickRequest) -> CmdResult<Option<String>> {
    #[cfg(feature = "e2e")]
    {
        let _ = &door;
        let _ = &request;
        Ok(e2e_answer())
    }
    #[cfg(not(feature = "e2e"))]
    {
        Ok(show(door.app(), &request))
    }
}

#[cfg(not(feature = "e2e"))]
fn show(app: &AppHandle, request: &PickRequest) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    let mut d = app.dialog().file();
    if let Some(t) = &request.title {
        d = d.set_title(t);
    }
    for f in &request.filters {
        let exts: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
        d = d.add_filter(&f.name, &exts);
    }
    if let Some(n) = &request.default_name {
        d = d.set_file_name(n);
    }
    let picked = match request.mode {
        PickMode::Open => d.blocking_pick_file(),
        PickMode::Save => d.blocking_save_file(),
        PickMode::Folder => d.blocking_pick_folder(),
    };
    picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// Pops the first line of the `DUBAN_E2E_PICK` file.
#[cfg(feature = "e2e")]
fn e2e_answer() -> Option<String> {
    let file = std::env::var_os("DUBAN_E2E_PICK")?;
    let text = std::fs::read_to_string(&file).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.trim().to_string();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    (!first.is_empty()).then_some(first)
}
