//! 组织与人员 (PRODUCT #16): departments (内设机构), subordinate units
//! (下级单位), their short names and aliases, and the bureau's leaders (局领导).
//! A default organisation ships in `assets/org/default.json`; the office edits
//! it or imports its own sheet (EXCHANGE §2.4: adds and updates, never deletes a
//! party that items refer to).

pub mod edit;
mod names;
pub mod people;
pub mod reconcile;

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{audit, Actor, Store};

use names::is_normalized;
pub use names::normalize_name;

/// 内设机构 or 下级单位.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// 内设机构 (机关督办)
    Department,
    /// 下级单位 (系统督查)
    Unit,
}

impl PartyKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PartyKind::Department => "department",
            PartyKind::Unit => "unit",
        }
    }
    /// From the stored code.
    pub fn from_code(s: &str) -> PartyKind {
        if s == "unit" {
            PartyKind::Unit
        } else {
            PartyKind::Department
        }
    }
    /// 内设机构 / 下级单位.
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Department => "内设机构",
            PartyKind::Unit => "下级单位",
        }
    }
    /// From the sheet's 类型 cell (内设机构, 部门, 下级单位, 单位 …).
    pub fn from_label(s: &str) -> Option<PartyKind> {
        match normalize_name(s).as_str() {
            "内设机构" | "部门" | "机关部门" | "司局" | "department" => {
                Some(PartyKind::Department)
            }
            "下级单位" | "单位" | "下级机关" | "unit" => Some(PartyKind::Unit),
            _ => None,
        }
    }
}

/// A department or unit.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Party {
    /// Row id in `parties`.
    pub id: i64,
    /// The official name (unique).
    pub name: String,
    /// 内设机构 (department) or 下级单位 (subordinate unit).
    pub kind: PartyKind,
    /// Other names that sheets may use for it (简称), resolved to this party.
    pub aliases: Vec<String>,
    /// Position in the organisation's order (lists and sheets sort by it).
    pub sort_order: i64,
    /// False when 已停用 (no longer in the organisation); its history stays.
    pub active: bool,
}

/// A 局领导.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Leader {
    /// Row id in `leaders`.
    pub id: i64,
    /// The leader's name (unique).
    pub name: String,
    /// 职务: the leader's title; may be empty.
    pub title: String,
    /// False when 已停用 (no longer in office); history stays.
    pub active: bool,
}

/// The whole organisation.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Organisation {
    /// Departments and units, in the organisation's order.
    pub parties: Vec<Party>,
    /// 局领导, in the organisation's order.
    pub leaders: Vec<Leader>,
}

#[derive(Deserialize)]
struct DefaultOrg {
    departments: Vec<DefaultParty>,
    units: Vec<DefaultParty>,
    leaders: Vec<DefaultLeader>,
}
#[derive(Deserialize)]
struct DefaultParty {
    name: String,
    aliases: Vec<String>,
}
#[derive(Deserialize)]
struct DefaultLeader {
    name: String,
    title: String,
}

const DEFAULT_ORG: &str = include_str!("../../assets/org/default.json");

/// Seeds the default organisation when the database has no party yet.
/// Returns how many parties were added (0 when an organisation exists).
pub fn seed_default(store: &mut Store, actor: &Actor) -> Result<usize> {
    let existing: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM parties", [], |r| r.get(0))?;
    if existing > 0 {
        return Ok(0);
    }
    let org: DefaultOrg = serde_json::from_str(DEFAULT_ORG)
        .map_err(|e| Error::BadFile(format!("内置默认组织机构数据有误：{e}")))?;
    store.write(|tx| {
        let mut n = 0;
        for (kind, list) in [
            (PartyKind::Department, &org.departments),
            (PartyKind::Unit, &org.units),
        ] {
            for p in list {
                upsert_party_in(tx, &p.name, kind, &p.aliases)?;
                n += 1;
            }
        }
        for l in &org.leaders {
            upsert_leader_in(tx, &l.name, &l.title)?;
        }
        audit::append_in(
            tx,
            actor,
            "org",
            "default",
            "载入默认组织机构",
            None,
            Some(&serde_json::json!({"parties": n, "leaders": org.leaders.len()})),
        )?;
        Ok(n)
    })
}

/// Adds a party, or updates the aliases of an existing one (by exact name).
/// Returns its id and whether it was created. An alias already used by
/// another party is refused.
pub fn upsert_party_in(
    tx: &Transaction,
    name: &str,
    kind: PartyKind,
    aliases: &[String],
) -> Result<(i64, bool)> {
    let name = normalize_name(name);
    if name.is_empty() {
        return Err(Error::Invalid("名称不能为空。".into()));
    }
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, kind FROM parties WHERE name = ?1",
            [&name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, created) = match found {
        Some((id, _)) => {
            tx.execute(
                "UPDATE parties SET kind = ?2, active = 1 WHERE id = ?1",
                params![id, kind.code()],
            )?;
            (id, false)
        }
        None => {
            let order: i64 = tx.query_row(
                "SELECT coalesce(max(sort_order), 0) + 1 FROM parties",
                [],
                |r| r.get(0),
            )?;
            if let Some(owner) = alias_owner(tx, &name)? {
                return Err(Error::Conflict(format!(
                    "名称“{name}”已是“{owner}”的简称/别名，不能再作为新机构的名称。"
                )));
            }
            tx.execute(
                "INSERT INTO parties(name, kind, sort_order) VALUES (?1, ?2, ?3)",
                params![name, kind.code(), order],
            )?;
            (tx.last_insert_rowid(), true)
        }
    };
    for alias in aliases {
        let alias = normalize_name(alias);
        if alias.is_empty() || alias == name {
            continue;
        }
        let clash: Option<String> = tx
            .query_row(
                "SELECT p.name FROM party_aliases a JOIN parties p ON p.id = a.party_id
                 WHERE a.alias = ?1 AND a.party_id <> ?2
                 UNION SELECT name FROM parties WHERE name = ?1 AND id <> ?2",
                params![alias, id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = clash {
            return Err(Error::Conflict(format!(
                "简称/别名“{alias}”已属于“{other}”，不能同时用于“{name}”。"
            )));
        }
        tx.execute(
            "INSERT OR IGNORE INTO party_aliases(alias, party_id) VALUES (?1, ?2)",
            params![alias, id],
        )?;
    }
    Ok((id, created))
}

fn alias_owner(conn: &Connection, alias: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT p.name FROM party_aliases a JOIN parties p ON p.id = a.party_id WHERE a.alias = ?1",
            [alias],
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds a leader or updates the title of an existing one. Returns (id, created).
pub fn upsert_leader_in(tx: &Transaction, name: &str, title: &str) -> Result<(i64, bool)> {
    let name = normalize_name(name);
    if name.is_empty() {
        return Err(Error::Invalid("局领导姓名不能为空。".into()));
    }
    let found: Option<i64> = tx
        .query_row("SELECT id FROM leaders WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    match found {
        Some(id) => {
            tx.execute(
                "UPDATE leaders SET title = ?2, active = 1 WHERE id = ?1",
                params![id, title.trim()],
            )?;
            Ok((id, false))
        }
        None => {
            let order: i64 = tx.query_row(
                "SELECT coalesce(max(sort_order), 0) + 1 FROM leaders",
                [],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO leaders(name, title, sort_order) VALUES (?1, ?2, ?3)",
                params![name, title.trim(), order],
            )?;
            Ok((tx.last_insert_rowid(), true))
        }
    }
}

/// The organisation, departments first, in sort order.
pub fn list(conn: &Connection) -> Result<Organisation> {
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    let mut st = conn.prepare("SELECT party_id, alias FROM party_aliases ORDER BY alias")?;
    for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, a) = r?;
        aliases.entry(id).or_default().push(a);
    }
    let mut st = conn.prepare(
        "SELECT id, name, kind, sort_order, active FROM parties
         ORDER BY CASE kind WHEN 'department' THEN 0 ELSE 1 END, sort_order, id",
    )?;
    let parties = st
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(Party {
                id,
                name: r.get(1)?,
                kind: PartyKind::from_code(&r.get::<_, String>(2)?),
                aliases: Vec::new(),
                sort_order: r.get(3)?,
                active: r.get::<_, i64>(4)? != 0,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|mut p| {
            p.aliases = aliases.remove(&p.id).unwrap_or_default();
            p
        })
        .collect();
    let mut st =
        conn.prepare("SELECT id, name, title, active FROM leaders ORDER BY sort_order, id")?;
    let leaders = st
        .query_map([], |r| {
            Ok(Leader {
                id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                active: r.get::<_, i64>(3)? != 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Organisation { parties, leaders })
}

/// The organisation as text, for `duban org list`.
pub fn to_text(org: &Organisation) -> String {
    let mut out = String::new();
    for kind in [PartyKind::Department, PartyKind::Unit] {
        out.push_str(&format!("【{}】\n", kind.label()));
        for p in org.parties.iter().filter(|p| p.kind == kind) {
            out.push_str(&p.name);
            if !p.aliases.is_empty() {
                out.push_str(&format!("（{}）", p.aliases.join("、")));
            }
            if !p.active {
                out.push_str(" [已停用]");
            }
            out.push('\n');
        }
    }
    out.push_str("【局领导】\n");
    for l in &org.leaders {
        out.push_str(&format!("{} {}\n", l.name, l.title));
    }
    out.trim_end().to_string()
}

/// An in-memory lookup of parties by name or alias, for imports and forms.
#[derive(Debug, Clone, Default)]
pub struct PartyIndex {
    parties: Vec<Party>,
    by_name: foldhash::HashMap<String, usize>,
    by_id: foldhash::HashMap<i64, usize>,
}

impl PartyIndex {
    /// Loads every party (active or not) with its aliases.
    pub fn load(conn: &Connection) -> Result<PartyIndex> {
        let org = list(conn)?;
        let mut idx = PartyIndex::default();
        for (i, p) in org.parties.into_iter().enumerate() {
            idx.by_id.insert(p.id, i);
            idx.by_name.insert(p.name.clone(), i);
            idx.parties.push(p);
        }
        for (i, p) in idx.parties.iter().enumerate() {
            for a in &p.aliases {
                idx.by_name.entry(a.clone()).or_insert(i);
            }
        }
        Ok(idx)
    }
    /// The party with this exact name or alias (spaces and full-width forms ignored).
    pub fn resolve(&self, name: &str) -> Option<&Party> {
        let found = if is_normalized(name) {
            self.by_name.get(name)
        } else {
            self.by_name.get(&normalize_name(name))
        };
        found.map(|&i| &self.parties[i])
    }
    /// The party with this id.
    pub fn by_id(&self, id: i64) -> Option<&Party> {
        self.by_id.get(&id).map(|&i| &self.parties[i])
    }
    /// Every party.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }
    /// Whether every party of this index is still in the database (one
    /// may have been deleted since it was loaded). A bulk load, which
    /// writes with SQLite's foreign keys off, asks at the start of its
    /// write transaction ([`crate::store::bulk::BulkLoad`]).
    pub fn all_stored(&self, conn: &Connection) -> Result<bool> {
        let mut st = conn.prepare_cached("SELECT 1 FROM parties WHERE id = ?1")?;
        for p in &self.parties {
            if !st.exists([p.id])? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The id of the party with this exact name or alias (as [`PartyIndex::resolve`]
/// matches it), without loading the whole organisation.
pub fn party_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM parties WHERE name = ?1
             UNION ALL SELECT party_id FROM party_aliases WHERE alias = ?1 LIMIT 1",
        )?
        .query_row([normalize_name(name)], |r| r.get(0))
        .optional()?)
}

/// Whether `name` is a known leader (active or not).
pub fn leader_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM leaders WHERE name = ?1",
            [normalize_name(name)],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
