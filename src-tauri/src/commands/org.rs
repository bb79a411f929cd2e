//! 组织机构 settings (PRODUCT #16): departments, units, aliases and leaders.

use duban::org::edit::{self, PartyInput};
use duban::org::{self, Organisation};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// The whole organisation (active and inactive), departments first.
#[tauri::command]
pub fn org_list(state: State<'_, AppState>) -> CmdResult<Organisation> {
    state.read(|store| org::list(store.conn()))
}

/// Loads the shipped default organisation when there is none yet; returns how many parties were added.
#[tauri::command]
pub fn org_seed_default(state: State<'_, AppState>) -> CmdResult<usize> {
    state.write(org::seed_default)
}

/// Adds a department/unit, or updates the kind and adds aliases of one with that name.
#[tauri::command]
pub fn org_save_party(state: State<'_, AppState>, input: PartyInput) -> CmdResult<i64> {
    state.write(|store, actor| edit::save_party(store, actor, &input))
}

/// Renames a party (the old name stays as an alias).
#[tauri::command]
pub fn org_rename_party(state: State<'_, AppState>, id: i64, name: String) -> CmdResult<()> {
    state.write(|store, actor| edit::rename_party(store, actor, id, &name))
}

/// Removes one alias.
#[tauri::command]
pub fn org_remove_alias(state: State<'_, AppState>, alias: String) -> CmdResult<()> {
    state.write(|store, actor| edit::remove_alias(store, actor, &alias))
}

/// Activates or deactivates a party.
#[tauri::command]
pub fn org_set_party_active(state: State<'_, AppState>, id: i64, active: bool) -> CmdResult<()> {
    state.write(|store, actor| edit::set_party_active(store, actor, id, active))
}

/// Deletes a party nothing refers to.
#[tauri::command]
pub fn org_delete_party(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.write(|store, actor| edit::delete_party(store, actor, id))
}

/// Adds a leader or changes a leader's title.
#[tauri::command]
pub fn org_save_leader(state: State<'_, AppState>, name: String, title: String) -> CmdResult<i64> {
    state.write(|store, actor| edit::save_leader(store, actor, &name, &title))
}

/// Activates or deactivates a leader.
#[tauri::command]
pub fn org_set_leader_active(state: State<'_, AppState>, id: i64, active: bool) -> CmdResult<()> {
    state.write(|store, actor| edit::set_leader_active(store, actor, id, active))
}
