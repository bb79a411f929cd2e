//! Executing a plan's steps inside the import's one transaction.

use rusqlite::{params, OptionalExtension, Transaction};

use super::OrgStep;
use crate::error::{Error, Result};
use crate::org::{upsert_leader_in, upsert_party_in};

/// Applies one step inside the import's transaction. The organisation is
/// checked again: should it have changed since the plan was made, the step
/// is refused rather than applied to something else.
pub fn apply_step_in(tx: &Transaction, step: &OrgStep) -> Result<()> {
    match step {
        OrgStep::Unchanged { .. } => Ok(()),
        OrgStep::Leader { name, title } => upsert_leader_in(tx, name, title).map(|_| ()),
        OrgStep::NewParty(p) => {
            if let Some(owner) = owner_of(tx, &p.name, None)? {
                return Err(changed_meanwhile(&p.name, &owner));
            }
            upsert_party_in(tx, &p.name, p.kind, &p.aliases).map(|_| ())
        }
        OrgStep::UpdateParty {
            party_id,
            current,
            name,
            kind,
            aliases,
        } => {
            let now: Option<String> = tx
                .query_row("SELECT name FROM parties WHERE id = ?1", [party_id], |r| {
                    r.get(0)
                })
                .optional()?;
            if now.as_deref() != Some(current.as_str()) {
                return Err(Error::Conflict(format!(
                    "机构“{current}”在导入期间已被修改或删除，本表未导入。请重新导入。"
                )));
            }
            if name != current {
                if let Some(owner) = owner_of(tx, name, Some(*party_id))? {
                    return Err(changed_meanwhile(name, &owner));
                }
                tx.execute(
                    "DELETE FROM party_aliases WHERE alias = ?1 AND party_id = ?2",
                    params![name, party_id],
                )?;
                tx.execute(
                    "UPDATE parties SET name = ?2 WHERE id = ?1",
                    params![party_id, name],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO party_aliases(alias, party_id) VALUES (?1, ?2)",
                    params![current, party_id],
                )?;
            }
            tx.execute(
                "UPDATE parties SET kind = ?2, active = 1 WHERE id = ?1",
                params![party_id, kind.code()],
            )?;
            for a in aliases {
                if let Some(owner) = owner_of(tx, a, Some(*party_id))? {
                    return Err(changed_meanwhile(a, &owner));
                }
                tx.execute(
                    "INSERT OR IGNORE INTO party_aliases(alias, party_id) VALUES (?1, ?2)",
                    params![a, party_id],
                )?;
            }
            Ok(())
        }
    }
}

/// The party other than `except` whose name or alias `text` is.
fn owner_of(tx: &Transaction, text: &str, except: Option<i64>) -> Result<Option<String>> {
    let except = except.unwrap_or(0);
    Ok(tx
        .query_row(
            "SELECT name FROM parties WHERE name = ?1 AND id <> ?2
             UNION ALL SELECT p.name FROM party_aliases a JOIN parties p ON p.id = a.party_id
             WHERE a.alias = ?1 AND a.party_id <> ?2 LIMIT 1",
            params![text, except],
            |r| r.get(0),
        )
        .optional()?)
}

fn changed_meanwhile(text: &str, owner: &str) -> Error {
    Error::Conflict(format!(
        "“{text}”在导入期间已成为机构“{owner}”的名称或简称/别名，本表未导入。请重新导入。"
    ))
}
