//! Editing the organisation from the settings page: each change one
//! transaction with its audit entry. A party that items refer to is never
//! deleted, only deactivated.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::org::{normalize_name, upsert_leader_in, upsert_party_in, PartyKind};
use crate::store::{audit, Actor, Store};

/// A party as the settings form sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PartyInput {
    /// The official name; an existing party of that name is updated.
    pub name: String,
    /// 内设机构 (department) or 下级单位 (subordinate unit).
    pub kind: PartyKind,
    /// 简称 and other names to add; existing aliases stay.
    pub aliases: Vec<String>,
}

/// Adds a party, or updates the kind and adds aliases of one with that name.
pub fn save_party(store: &mut Store, actor: &Actor, input: &PartyInput) -> Result<i64> {
    store.write(|tx| {
        let (id, created) = upsert_party_in(tx, &input.name, input.kind, &input.aliases)?;
        audit::append_in(
            tx,
            actor,
            "org",
            &normalize_name(&input.name),
            if created {
                "新增机构"
            } else {
                "修改机构"
            },
            None,
            Some(&serde_json::to_value(input).unwrap_or_default()),
        )?;
        Ok(id)
    })
}

/// Renames a party; its items follow it (they refer to the id). The old name
/// becomes an alias so that old sheets still match.
pub fn rename_party(store: &mut Store, actor: &Actor, id: i64, new_name: &str) -> Result<()> {
    let new_name = normalize_name(new_name);
    if new_name.is_empty() {
        return Err(Error::Invalid("名称不能为空。".into()));
    }
    store.write(|tx| {
        let old: String = tx
            .query_row("SELECT name FROM parties WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|_| Error::NotFound("找不到该机构。".into()))?;
        let taken: i64 = tx.query_row(
            "SELECT count(*) FROM parties WHERE name = ?1 AND id <> ?2",
            params![new_name, id],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(Error::Conflict(format!("已有名为“{new_name}”的机构。")));
        }
        tx.execute("DELETE FROM party_aliases WHERE alias = ?1", [&new_name])?;
        tx.execute(
            "UPDATE parties SET name = ?2 WHERE id = ?1",
            params![id, new_name],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO party_aliases(alias, party_id) VALUES (?1, ?2)",
            params![old, id],
        )?;
        audit::append_in(
            tx,
            actor,
            "org",
            &new_name,
            "机构更名",
            Some(&serde_json::json!({"name": old})),
            Some(&serde_json::json!({"name": new_name})),
        )
    })
}

/// Removes one alias.
pub fn remove_alias(store: &mut Store, actor: &Actor, alias: &str) -> Result<()> {
    store.write(|tx| {
        let n = tx.execute(
            "DELETE FROM party_aliases WHERE alias = ?1",
            [normalize_name(alias)],
        )?;
        if n == 0 {
            return Err(Error::NotFound(format!("找不到简称/别名“{alias}”。")));
        }
        audit::append_in(
            tx,
            actor,
            "org",
            alias,
            "删除别名",
            Some(&serde_json::json!({"alias": alias})),
            None,
        )
    })
}

/// Activates or deactivates a party (deactivated parties stay on their items
/// but are not offered for new ones).
pub fn set_party_active(store: &mut Store, actor: &Actor, id: i64, active: bool) -> Result<()> {
    set_active(store, actor, "parties", "机构", id, active)
}

/// Activates or deactivates a row of `table` (`parties` or `leaders`);
/// `noun` names it in the messages and the audit action (启用/停用{noun}).
fn set_active(
    store: &mut Store,
    actor: &Actor,
    table: &str,
    noun: &str,
    id: i64,
    active: bool,
) -> Result<()> {
    store.write(|tx| {
        let name: String = tx
            .query_row(
                &format!("SELECT name FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .map_err(|_| Error::NotFound(format!("找不到该{noun}。")))?;
        tx.execute(
            &format!("UPDATE {table} SET active = ?2 WHERE id = ?1"),
            params![id, active as i64],
        )?;
        audit::append_in(
            tx,
            actor,
            "org",
            &name,
            &format!("{}{noun}", if active { "启用" } else { "停用" }),
            None,
            Some(&serde_json::json!({"active": active})),
        )
    })
}

/// Deletes a party that no item, round or report refers to.
pub fn delete_party(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    store.write(|tx| {
        let name: String = tx
            .query_row("SELECT name FROM parties WHERE id = ?1", [id], |r| r.get(0))
            .map_err(|_| Error::NotFound("找不到该机构。".into()))?;
        let used: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM items WHERE lead_party_id = ?1)
                  + (SELECT count(*) FROM item_cooperators WHERE party_id = ?1)
                  + (SELECT count(*) FROM round_targets WHERE party_id = ?1)
                  + (SELECT count(*) FROM progress WHERE party_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::Conflict(format!(
                "“{name}”已有督办事项或报送记录，不能删除；如不再使用，请停用。"
            )));
        }
        tx.execute("DELETE FROM parties WHERE id = ?1", [id])?;
        audit::append_in(
            tx,
            actor,
            "org",
            &name,
            "删除机构",
            Some(&serde_json::json!({"name": name})),
            None,
        )
    })
}

/// Adds a leader or changes a leader's title.
pub fn save_leader(store: &mut Store, actor: &Actor, name: &str, title: &str) -> Result<i64> {
    store.write(|tx| {
        let (id, created) = upsert_leader_in(tx, name, title)?;
        audit::append_in(
            tx,
            actor,
            "org",
            &normalize_name(name),
            if created {
                "新增局领导"
            } else {
                "修改局领导"
            },
            None,
            Some(&serde_json::json!({"name": name, "title": title})),
        )?;
        Ok(id)
    })
}

/// Activates or deactivates a leader.
pub fn set_leader_active(store: &mut Store, actor: &Actor, id: i64, active: bool) -> Result<()> {
    set_active(store, actor, "leaders", "局领导", id, active)
}
