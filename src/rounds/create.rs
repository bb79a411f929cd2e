//! Creating a round: title, kind, target parties, due date, notes.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{query, Round, RoundKind};
use crate::error::{invalid, Error, Result};
use crate::org::{PartyIndex, PartyKind};
use crate::store::{audit, Actor, Store};

/// Which parties a round asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "mode", content = "names", rename_all = "snake_case")]
pub enum Targets {
    /// Every active subordinate unit (下级单位).
    All,
    /// The named parties (names or registered aliases).
    Named(Vec<String>),
}

/// A round to create.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewRound {
    /// 标题, e.g. 《关于…》落实情况（一个月内）.
    pub title: String,
    /// Progress feedback or a policy report.
    pub kind: RoundKind,
    /// Policy rounds: 一个月内 / 两个月内 (decides the form's fields); may be empty.
    #[serde(default)]
    pub phase: String,
    /// The registered document the round is about (收文), if any.
    #[serde(default)]
    pub document_id: Option<i64>,
    /// 政策措施名称 printed into the form (default: the document's title).
    #[serde(default)]
    pub policy_name: String,
    /// 文号 printed into the form (default: the document's 来文文号).
    #[serde(default)]
    pub policy_doc_no: String,
    /// The policy's issue date D, if known.
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
    /// 报送截止日期.
    pub due: NaiveDate,
    /// 备注 / 报送要求.
    #[serde(default)]
    pub notes: String,
    /// Who must report.
    pub targets: Targets,
}

/// Creates a round in one transaction with its audit entry and returns it.
/// Unknown target names are refused, each quoted; nothing is written then.
pub fn create_round(store: &mut Store, actor: &Actor, new: &NewRound) -> Result<Round> {
    let mut made = create_rounds(store, actor, std::slice::from_ref(new))?;
    Ok(made.pop().expect("one round asked, one made"))
}

/// Creates several rounds in one transaction (the two a policy's 报送
/// proposes: 一个月内 and 两个月内), each with its audit entry: all are made,
/// or, when one is refused, none.
pub fn create_rounds(store: &mut Store, actor: &Actor, news: &[NewRound]) -> Result<Vec<Round>> {
    let index = PartyIndex::load(store.conn())?;
    let planned = news
        .iter()
        .map(|new| plan(store.conn(), &index, new))
        .collect::<Result<Vec<_>>>()?;
    let ids = store.write(|tx| {
        planned
            .iter()
            .map(|p| insert_round_in(tx, actor, p))
            .collect::<Result<Vec<_>>>()
    })?;
    ids.into_iter()
        .map(|id| query::round(store.conn(), id, actor.today()))
        .collect()
}

/// A round checked and resolved, ready to be written.
struct Planned<'a> {
    new: &'a NewRound,
    title: &'a str,
    targets: Vec<(i64, String)>,
    policy_name: String,
    policy_doc_no: String,
}

fn plan<'a>(conn: &Connection, index: &PartyIndex, new: &'a NewRound) -> Result<Planned<'a>> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(invalid(
            "报送任务标题不能为空。请填写标题，例如“××政策措施落实情况（一个月内）”。",
        ));
    }
    let phase = new.phase.trim();
    if ![super::PHASE_FIRST, super::PHASE_SECOND, ""].contains(&phase) {
        return Err(invalid(format!(
            "报送阶段“{phase}”无法识别：请填 {}、{}，或不填（报送表列出全部栏目）。",
            super::PHASE_FIRST,
            super::PHASE_SECOND
        )));
    }
    let targets = resolve_targets(index, &new.targets)?;
    let doc = match new.document_id {
        Some(id) => Some(document(conn, id)?),
        None => None,
    };
    Ok(Planned {
        new,
        title,
        targets,
        policy_name: first_non_empty(&new.policy_name, doc.as_ref().map(|d| d.0.as_str())),
        policy_doc_no: first_non_empty(&new.policy_doc_no, doc.as_ref().map(|d| d.1.as_str())),
    })
}

fn insert_round_in(tx: &Transaction, actor: &Actor, p: &Planned<'_>) -> Result<i64> {
    let Planned {
        new,
        title,
        targets,
        policy_name,
        policy_doc_no,
    } = p;
    let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM rounds", [], |r| {
        r.get(0)
    })?;
    let token = make_token(next, title, new.due, &actor.stamp());
    tx.execute(
        "INSERT INTO rounds(id, token, title, kind, phase, document_id, policy_name, policy_doc_no,
                            issued_on, due, notes, created_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            next,
            token,
            title,
            new.kind.code(),
            new.phase.trim(),
            new.document_id,
            policy_name,
            policy_doc_no,
            new.issued_on.map(|d| d.to_string()),
            new.due.to_string(),
            new.notes.trim(),
            actor.today().to_string(),
        ],
    )?;
    for (party_id, _) in targets {
        tx.execute(
            "INSERT OR IGNORE INTO round_targets(round_id, party_id) VALUES (?1, ?2)",
            params![next, party_id],
        )?;
    }
    audit_created(tx, actor, next, &token, title, new, targets)?;
    Ok(next)
}

fn audit_created(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    token: &str,
    title: &str,
    new: &NewRound,
    targets: &[(i64, String)],
) -> Result<()> {
    let after = serde_json::json!({
        "id": id,
        "token": token,
        "title": title,
        "kind": new.kind.code(),
        "phase": new.phase.trim(),
        "due": new.due.to_string(),
        "targets": targets.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
    });
    audit::append_in(
        tx,
        actor,
        "round",
        token,
        "创建报送任务",
        None,
        Some(&after),
    )
}

fn first_non_empty(given: &str, fallback: Option<&str>) -> String {
    let g = given.trim();
    if g.is_empty() {
        fallback.unwrap_or("").trim().to_string()
    } else {
        g.to_string()
    }
}

/// (title, 来文文号) of a registered document.
fn document(conn: &rusqlite::Connection, id: i64) -> Result<(String, String)> {
    crate::store::void::refuse_voided_document(conn, id, "据此安排报送任务")?;
    conn.query_row(
        "SELECT title, source_doc_no FROM documents WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "找不到 ID 为 {id} 的收文。请在收文登记中确认该文件。"
        ))
    })
}

/// The parties of `targets` as (id, name), in the organisation's order.
pub(super) fn resolve_targets(index: &PartyIndex, targets: &Targets) -> Result<Vec<(i64, String)>> {
    let mut out: Vec<(i64, String, i64)> = Vec::new();
    match targets {
        Targets::All => {
            for p in index
                .parties()
                .iter()
                .filter(|p| p.kind == PartyKind::Unit && p.active)
            {
                out.push((p.id, p.name.clone(), p.sort_order));
            }
            if out.is_empty() {
                return Err(invalid(
                    "组织机构中还没有下级单位。请先在组织机构中添加下级单位，或指定报送单位。",
                ));
            }
        }
        Targets::Named(names) => {
            let mut unknown = Vec::new();
            for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                match index.resolve(name) {
                    Some(p) => {
                        if !out.iter().any(|(id, _, _)| *id == p.id) {
                            out.push((p.id, p.name.clone(), p.sort_order));
                        }
                    }
                    None => unknown.push(format!("“{name}”")),
                }
            }
            if !unknown.is_empty() {
                return Err(invalid(format!(
                    "报送单位{}不在组织机构中。请检查名称（可用全称或已登记的简称），或先在组织机构中添加。",
                    unknown.join("、")
                )));
            }
            if out.is_empty() {
                return Err(invalid(
                    "没有指定报送单位。请选择至少一个单位，或选择“全部下级单位”。",
                ));
            }
        }
    }
    out.sort_by_key(|(id, _, order)| (*order, *id));
    Ok(out.into_iter().map(|(id, name, _)| (id, name)).collect())
}

/// The identity written into templates: `BS0007-3FA92C`, short enough to
/// read out on the phone and type into a file whose identity was lost.
fn make_token(id: i64, title: &str, due: NaiveDate, stamp: &str) -> String {
    let mut h = Sha256::new();
    h.update(format!("{id}\u{0}{title}\u{0}{due}\u{0}{stamp}").as_bytes());
    let hex = hex::encode(h.finalize());
    format!("BS{id:04}-{}", hex[..6].to_uppercase())
}

/// Finds every round token (`BS` + digits + `-` + 6 hex) in a text.
pub fn tokens_in(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < b.len() {
        if (b[i] == b'B' || b[i] == b'b') && (b[i + 1] == b'S' || b[i + 1] == b's') {
            let mut j = i + 2;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > i + 2
                && j + 7 <= b.len()
                && b[j] == b'-'
                && b[j + 1..j + 7].iter().all(|c| c.is_ascii_hexdigit())
            {
                let end = j + 7;
                let boundary = end == b.len() || !b[end].is_ascii_alphanumeric();
                if boundary {
                    out.push(text[i..end].to_ascii_uppercase());
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_in_surrounding_text_and_only_whole() {
        assert_eq!(
            tokens_in("报送任务编号：BS0007-3FA92C（请勿修改）"),
            ["BS0007-3FA92C"]
        );
        assert_eq!(tokens_in("bs12-abcdef"), ["BS12-ABCDEF"]);
        assert!(tokens_in("BS0007-3FA92CX").is_empty());
        assert!(tokens_in("BS-3FA92C").is_empty());
        let t = make_token(
            7,
            "题",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            "2026-01-01 09:00:00",
        );
        assert_eq!(tokens_in(&t), std::slice::from_ref(&t));
    }
}
