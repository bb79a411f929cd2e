//! 组织机构 settings (PRODUCT #16): departments, units, aliases and leaders.

use duban::org::edit::{self, PartyInput};
use duban::org::{self, Organisation};

use crate::door::Door;
use crate::error::CmdResult;

/// The whole organisation (active and inactive), departments first.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_list(door: Door) -> CmdResult<Organisation> {
    door.read(move |store| org::list(store.conn())).await
}

/// Loads the shipped default organisation when there is none yet; returns how many parties were added.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_seed_default(door: Door) -> CmdResult<usize> {
    door.write(org::seed_default).await
}

/// Adds a department/unit, or updates the kind and adds aliases of one with that name.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_save_party(door: Door, input: PartyInput) -> CmdResult<i64> {
    door.write(move |store, actor| edit::save_party(store, actor, &input))
        .await
}

/// Renames a party (the old name stays as an alias).
#[tauri::command(rename_all = "snake_case")]
pub async fn org_rename_party(door: Door, id: i64, name: String) -> CmdResult<()> {
    door.write(move |store, actor| edit::rename_party(store, actor, id, &name))
        .await
}

/// Removes one alias.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_remove_alias(door: Door, alias: String) -> CmdResult<()> {
    door.write(move |store, actor| edit::remove_alias(store, actor, &alias))
        .await
}

/// Activates or deactivates a party.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_set_party_active(door: Door, id: i64, active: bool) -> CmdResult<()> {
    door.write(move |store, actor| edit::set_party_active(store, actor, id, active))
        .await
}

/// Deletes a party nothing refers to.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_delete_party(door: Door, id: i64) -> CmdResult<()> {
    door.write(move |store, actor| edit::delete_party(store, actor, id))
        .await
}

/// Adds a leader or changes a leader's title.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_save_leader(door: Door, name: String, title: String) -> CmdResult<i64> {
    door.write(move |store, actor| edit::save_leader(store, actor, &name, &title))
        .await
}

/// Activates or deactivates a leader.
#[tauri::command(rename_all = "snake_case")]
pub async fn org_set_leader_active(door: Door, id: i64, active: bool) -> CmdResult<()> {
    door.write(move |store, actor| edit::set_leader_active(store, actor, id, active))
        .await
}
