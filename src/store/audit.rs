//! 全程记录 (PRODUCT #17): an append-only log in which every entry carries the
//! hash of the one before it, so that an edited, deleted or reordered entry is
//! found by [`verify`]. Triggers refuse UPDATE and DELETE on the table; the
//! chain catches what is done behind SQLite's back.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::store::Actor;

/// The hash that stands before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends one entry to the chain inside the caller's transaction.
pub fn append_in(
    tx: &Transaction,
    actor: &Actor,
    entity: &str,
    entity_id: &str,
    action: &str,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    let prev: String = tx
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let at = actor.stamp();
    let before = before.map(|v| v.to_string());
    let after = after.map(|v| v.to_string());
    let hash = entry_hash(
        &prev,
        &at,
        &actor.operator,
        entity,
        entity_id,
        action,
        before.as_deref(),
        after.as_deref(),
    );
    tx.execute(
        "INSERT INTO audit_log(at, operator, entity, entity_id, action, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![at, actor.operator, entity, entity_id, action, before, after, prev, hash],
    )?;
    Ok(())
}

/// The chain's rule: an entry's hash from the one before it and its fields.
/// Public on purpose — the rule is no secret (anyone with the file and the
/// program can recompute a chain); what anchors history is a backup or a
/// head printed on paper (see [`verify_against`]).
#[allow(clippy::too_many_arguments)]
pub fn entry_hash(
    prev: &str,
    at: &str,
    operator: &str,
    entity: &str,
    entity_id: &str,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        at,
        operator,
        entity,
        entity_id,
        action,
        before.unwrap_or("\u{0}"),
        after.unwrap_or("\u{0}"),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// One entry, as the timeline shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    /// Row id in `audit_log` (the chain's order).
    pub id: i64,
    /// When it happened: local moment `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// The operator (操作人) who did it.
    pub operator: String,
    /// What kind of thing changed: `item`, `document`, `import`, ...
    pub entity: String,
    /// Which one: its number (事项编号, 收文编号 ...) or its id.
    pub entity_id: String,
    /// What was done, as the log keeps it (mostly Chinese: `录入进展`; some codes: `chase`).
    pub action: String,
    /// `entity` in Chinese, for people ([`super::audit_labels`]).
    pub entity_label: String,
    /// `action` in Chinese, for people.
    pub action_label: String,
    /// The relevant state before, as JSON; None when nothing existed or nothing is kept.
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    /// The relevant state after (or the input recorded), as JSON; None when not kept.
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
    /// `before` as people read it (`状态：已办结；原因：…`, [`super::audit_labels::describe`]); empty when None.
    pub before_text: String,
    /// `after` as people read it; empty when None.
    pub after_text: String,
}

/// The entries of one entity, oldest first.
pub fn entries_for(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
    let mut st = conn.prepare(
        "SELECT id, at, operator, entity, entity_id, action, before, after FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = st.query_map([entity, entity_id], entry_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The entry of a row selected as `id, at, operator, entity, entity_id,
/// action, before, after` (every reader of the log selects these columns).
pub fn entry_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let before: Option<String> = r.get(6)?;
    let after: Option<String> = r.get(7)?;
    let entity: String = r.get(3)?;
    let action: String = r.get(5)?;
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        entity_label: super::audit_labels::entity_label(&entity).to_string(),
        action_label: super::audit_labels::action_label(&action).to_string(),
        before_text: readable(&entity, before.as_deref()),
        after_text: readable(&entity, after.as_deref()),
        entity,
        entity_id: r.get(4)?,
        action,
        before: before.and_then(|s| serde_json::from_str(&s).ok()),
        after: after.and_then(|s| serde_json::from_str(&s).ok()),
    })
}

/// A before/after column of an entry about `entity` as people read it: its JSON described
/// in Chinese, or the text as stored when it is not JSON; empty when NULL.
pub fn readable(entity: &str, stored: Option<&str>) -> String {
    match stored {
        None => String::new(),
        Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => super::audit_labels::describe(entity, &v),
            Err(_) => text.to_string(),
        },
    }
}

/// What `duban verify` found.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VerifyReport {
    /// `PRAGMA integrity_check` said "ok".
    pub integrity_ok: bool,
    /// What integrity_check said when not ok.
    pub integrity_detail: String,
    /// Entries in the audit chain.
    pub entries: i64,
    /// The id of the first entry whose hash or link does not hold.
    pub first_broken: Option<i64>,
    /// The triggers that keep the log append-only ([`GUARD_TRIGGERS`]) and
    /// are gone: without them the log can be rewritten without a trace.
    pub missing_triggers: Vec<String>,
    /// The chain's head as it stands (what a backup or a printed sheet anchors).
    pub head: ChainHead,
    /// The result of comparing the chain with an earlier head (`verify --against`).
    pub against: Option<AnchorCheck>,
}

/// The head of the audit chain: how many entries it has and the last one's
/// hash. An earlier head (from a backup, or printed in a sheet's footer)
/// anchors history: the chain must still hold that many entries and the
/// entry at that position must still have that hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChainHead {
    /// Entries in the chain.
    pub count: i64,
    /// The last entry's hash (the genesis value for an empty chain).
    pub hash: String,
}

impl ChainHead {
    /// The form printed in sheet footers and accepted by `verify --head`:
    /// `第 N 条 <first 16 hex digits>`.
    pub fn short(&self) -> String {
        format!(
            "审计链 第 {} 条 {}",
            self.count,
            &self.hash[..16.min(self.hash.len())]
        )
    }
}

/// How the chain compares with an earlier head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum AnchorCheck {
    /// The chain still holds the anchored entries unchanged, and maybe more.
    Extends {
        /// The anchor.
        anchor: ChainHead,
    },
    /// Entries were removed: the chain is shorter than the anchor.
    Truncated {
        /// The anchor.
        anchor: ChainHead,
    },
    /// The entry at the anchor's position has another hash: history up to
    /// the anchor was rewritten (edited and the chain recomputed).
    Rewritten {
        /// The anchor.
        anchor: ChainHead,
    },
}

impl AnchorCheck {
    fn ok(&self) -> bool {
        matches!(self, AnchorCheck::Extends { .. })
    }
    fn message(&self) -> String {
        match self {
            AnchorCheck::Extends { anchor } => format!(
                "与对照的审计链（第 {} 条）一致：此后的记录是在其后追加的。",
                anchor.count
            ),
            AnchorCheck::Truncated { anchor } => format!(
                "操作记录比对照时少（对照时已有 {} 条）：记录被删除过。请从备份恢复并追查。",
                anchor.count
            ),
            AnchorCheck::Rewritten { anchor } => format!(
                "第 {} 条操作记录与对照时不同：此前的记录被改写过（即使整条链重新计算过也能发现）。请从备份恢复并追查。",
                anchor.count
            ),
        }
    }
}

/// The triggers of migration 0001 that refuse UPDATE and DELETE on `audit_log`.
pub const GUARD_TRIGGERS: [&str; 2] = ["audit_log_no_update", "audit_log_no_delete"];

impl VerifyReport {
    /// Both the file and the chain are intact.
    pub fn ok(&self) -> bool {
        self.integrity_ok
            && self.first_broken.is_none()
            && self.missing_triggers.is_empty()
            && self.against.as_ref().is_none_or(AnchorCheck::ok)
    }
    /// A Chinese sentence for the clerk.
    pub fn message(&self) -> String {
        let mut s = if self.integrity_ok {
            "数据库完整性检查通过。".to_string()
        } else {
            format!(
                "数据库完整性检查未通过：{}。请从备份恢复。",
                self.integrity_detail
            )
        };
        match self.first_broken {
            None => s.push_str(&format!("操作记录链完整，共 {} 条。", self.entries)),
            Some(id) => s.push_str(&format!(
                "操作记录链在第 {id} 条处断裂（该条记录被修改、删除或插入），共 {} 条。请从备份恢复并追查。",
                self.entries
            )),
        }
        if !self.missing_triggers.is_empty() {
            s.push_str(&format!(
                "保护操作记录的触发器已被删除（{}）：记录可能已被改写而不留痕迹。请从备份恢复并追查。",
                self.missing_triggers.join("、")
            ));
        }
        if let Some(a) = &self.against {
            s.push_str(&a.message());
        }
        s
    }
}

/// Checks SQLite's integrity and the hash chain.
pub fn verify(conn: &Connection) -> Result<VerifyReport> {
    verify_against(conn, None)
}

/// The chain's head without checking it (cheap: two lookups).
pub fn head(conn: &Connection) -> Result<ChainHead> {
    let count: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    let hash: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(ChainHead {
        count,
        hash: hash.unwrap_or_else(|| GENESIS.to_string()),
    })
}

/// [`verify`], and compares the chain with an earlier `anchor` (a backup's
/// head or one printed on a sheet; its hash may be shortened to a prefix of
/// at least 8 hex digits).
pub fn verify_against(conn: &Connection, anchor: Option<&ChainHead>) -> Result<VerifyReport> {
    let detail: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    let integrity_ok = detail.len() == 1 && detail[0] == "ok";
    let mut st = conn.prepare(
        "SELECT id, at, operator, entity, entity_id, action, before, after, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    let mut prev = GENESIS.to_string();
    let mut entries = 0;
    let mut first_broken = None;
    let mut at_anchor: Option<String> = None;
    let mut last_hash = GENESIS.to_string();
    while let Some(r) = rows.next()? {
        entries += 1;
        last_hash = r.get(9)?;
        if anchor.is_some_and(|a| a.count == entries) {
            at_anchor = Some(last_hash.clone());
        }
        if first_broken.is_some() {
            continue;
        }
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let operator: String = r.get(2)?;
        let entity: String = r.get(3)?;
        let entity_id: String = r.get(4)?;
        let action: String = r.get(5)?;
        let before: Option<String> = r.get(6)?;
        let after: Option<String> = r.get(7)?;
        let prev_hash: String = r.get(8)?;
        let hash: String = r.get(9)?;
        let expect = entry_hash(
            &prev,
            &at,
            &operator,
            &entity,
            &entity_id,
            &action,
            before.as_deref(),
            after.as_deref(),
        );
        if prev_hash != prev || hash != expect {
            first_broken = Some(id);
        }
        prev = hash;
    }
    let mut missing_triggers = Vec::new();
    for name in GUARD_TRIGGERS {
        let present: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        if present == 0 {
            missing_triggers.push(name.to_string());
        }
    }
    Ok(VerifyReport {
        integrity_ok,
        integrity_detail: if integrity_ok {
            String::new()
        } else {
            detail.join("；")
        },
        entries,
        first_broken,
        missing_triggers,
        head: ChainHead {
            count: entries,
            hash: last_hash,
        },
        against: anchor.map(|a| compare(a, entries, at_anchor)),
    })
}

fn compare(anchor: &ChainHead, entries: i64, at_anchor: Option<String>) -> AnchorCheck {
    let anchor = anchor.clone();
    if entries < anchor.count {
        return AnchorCheck::Truncated { anchor };
    }
    let same = match at_anchor {
        // An empty anchor (a backup of a new database) holds nothing to compare.
        None => anchor.count == 0,
        Some(hash) => anchor.hash.len() >= 8 && hash.starts_with(&anchor.hash.to_ascii_lowercase()),
    };
    if same {
        AnchorCheck::Extends { anchor }
    } else {
        AnchorCheck::Rewritten { anchor }
    }
}
