//! Correcting a registered document (issue 13): any field the register form
//! sets, one audit entry with before → after for each changed field; and
//! 作废 of a leader's instruction (批示 / 圈阅) recorded by mistake.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{get_document, DocumentRow, Urgency};
use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::store::{audit, void, Actor, Store};

/// The fields to change; None leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DocumentEdit {
    /// 来文文号.
    pub source_doc_no: Option<String>,
    /// 文件标题.
    pub title: Option<String>,
    /// 来文单位.
    pub source_org: Option<String>,
    /// 来源类别: one of [`super::SOURCE_CATEGORIES`].
    pub source_category: Option<String>,
    /// 紧急程度.
    pub urgency: Option<Urgency>,
    /// 限时件.
    pub time_limited: Option<bool>,
    /// The 限时件 deadline.
    pub time_limit: Option<NaiveDate>,
    /// 收文日期 (within the year of its 收文编号).
    pub received_on: Option<NaiveDate>,
    /// 内容摘要.
    pub summary: Option<String>,
    /// 重要文件.
    pub important: Option<bool>,
    /// 重点 (传达学习 tracked).
    pub key_relay: Option<bool>,
    /// Why it is corrected; may be empty.
    pub reason: String,
}

/// Corrects a registered document; only the fields given change. Refused
/// (nothing written) when a rule of registration would break, or when the new
/// 收文日期 falls in another year than its 收文编号. Returns the number of
/// fields changed.
pub fn edit_document(
    store: &mut Store,
    actor: &Actor,
    doc_no: &str,
    e: &DocumentEdit,
) -> Result<usize> {
    let reason = e.reason.trim();
    // Read inside the write: the before-values are the document as it is,
    // not as another process left it between a read and this write.
    store.write(|tx| {
        let d = get_document(tx, doc_no)?.row;
        crate::store::void::refuse_voided_document(tx, d.id, "修改")?;
        let mut changes = changes_to(&d, e, actor.today())?;
        // A default 传达学习 deadline moves with a corrected 收文日期.
        let received = e.received_on.unwrap_or(d.received_on);
        if received > d.received_on {
            super::checks::received_not_after_records(tx, d.id, &d.doc_no, received)?;
        }
        if let Some((due, moved)) =
            crate::relay::receipt_corrected_in(tx, d.id, d.received_on, received)?
        {
            changes.push((
                "relay_due",
                "传达学习报送期限",
                json!(ymd(due)),
                json!(ymd(moved)),
            ));
        }
        for (col, _, _, after) in &changes {
            let v = match after {
                Value::Bool(b) => rusqlite::types::Value::Integer(*b as i64),
                Value::Null => rusqlite::types::Value::Null,
                other => rusqlite::types::Value::Text(other.as_str().unwrap_or("").to_string()),
            };
            tx.execute(
                &format!("UPDATE documents SET {col} = ?2 WHERE id = ?1"),
                params![d.id, v],
            )?;
        }
        let mut before = Map::new();
        let mut after = Map::new();
        for (_, label, b, a) in &changes {
            before.insert(label.to_string(), b.clone());
            after.insert(label.to_string(), a.clone());
        }
        if !reason.is_empty() {
            after.insert("原因".into(), json!(reason));
        }
        audit::append_in(
            tx,
            actor,
            "document",
            &d.doc_no,
            "修改收文",
            Some(&Value::Object(before)),
            Some(&Value::Object(after)),
        )?;
        Ok(changes.len())
    })
}

/// One changed field: (column, label, before, after).
type Change = (&'static str, &'static str, Value, Value);

/// The fields `e` changes on `d`; refused when a rule of registration would
/// break or nothing changes.
fn changes_to(d: &DocumentRow, e: &DocumentEdit, today: NaiveDate) -> Result<Vec<Change>> {
    let mut changes: Vec<Change> = Vec::new();
    let mut text = |col: &'static str, label: &'static str, old: &str, new: &Option<String>| {
        if let Some(n) = new {
            if n.trim() != old {
                changes.push((col, label, json!(old), json!(n.trim())));
            }
        }
    };
    text(
        "source_doc_no",
        "来文文号",
        &d.source_doc_no,
        &e.source_doc_no,
    );
    text("title", "文件标题", &d.title, &e.title);
    text("source_org", "来文单位", &d.source_org, &e.source_org);
    text(
        "source_category",
        "来源类别",
        &d.source_category,
        &e.source_category,
    );
    text("summary", "内容摘要", &d.summary, &e.summary);
    if e.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Invalid("请填写标题。".into()));
    }
    if let Some(c) = &e.source_category {
        super::check_category(c)?;
    }
    let mut flag = |col: &'static str, label: &'static str, old: bool, new: Option<bool>| {
        if let Some(n) = new.filter(|n| *n != old) {
            changes.push((col, label, json!(old), json!(n)));
        }
    };
    flag("important", "重要文件", d.important, e.important);
    flag("key_relay", "重点", d.key_relay, e.key_relay);
    flag("time_limited", "限时件", d.time_limited, e.time_limited);
    if let Some(u) = e.urgency.filter(|u| *u != d.urgency) {
        changes.push((
            "urgency",
            "紧急程度",
            json!(d.urgency.label()),
            json!(u.label()),
        ));
    }
    let received = e.received_on.unwrap_or(d.received_on);
    if received != d.received_on {
        if received.year() != d.received_on.year() {
            return Err(Error::Invalid(format!(
                "收文日期只能在 {} 年内更正（收文编号 {} 按年编号）。跨年的请在正确的年份重新登记，再作废这一件。",
                d.received_on.year(),
                d.doc_no
            )));
        }
        crate::dates::not_after_today("收文日期", received, today, "请核对。")?;
        changes.push((
            "received_on",
            "收文日期",
            json!(ymd(d.received_on)),
            json!(ymd(received)),
        ));
    }
    let limited = e.time_limited.unwrap_or(d.time_limited);
    let limit = if limited {
        e.time_limit.or(d.time_limit)
    } else {
        None
    };
    match limit {
        None if limited => return Err(Error::Invalid("限时件必须填写办理时限。".into())),
        Some(t) if t < received => {
            return Err(Error::Invalid(format!(
                "办理时限 {} 早于收文日期 {}，请核对。",
                ymd(t),
                ymd(received)
            )))
        }
        _ => {}
    }
    if limit != d.time_limit {
        changes.push((
            "time_limit",
            "办理时限",
            json!(d.time_limit.map(ymd)),
            json!(limit.map(ymd)),
        ));
    }
    if changes.is_empty() {
        return Err(Error::Invalid(
            "没有要修改的内容：给出的各项与现有内容相同。".into(),
        ));
    }
    Ok(changes)
}

/// 作废 a leader's 批示 or 圈阅 recorded by mistake: it stays on the document,
/// marked, and leaves the document's counts and the §六 圈阅 flag.
pub fn void_instruction(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    let reason = void::required_reason(reason, "批示记录")?;
    store.write(|tx| {
        let found: Option<(String, String, String, String)> = tx
            .query_row(
                "SELECT d.doc_no, i.leader, i.kind, i.text FROM instructions i
                 JOIN documents d ON d.id = i.document_id WHERE i.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (doc_no, leader, kind, text) = found.ok_or_else(|| {
            Error::NotFound(format!("找不到编号为 {id} 的批示记录，请核对编号。"))
        })?;
        void::void_row_in(tx, actor, "instructions", id, &reason, "批示记录")?;
        audit::append_in(
            tx,
            actor,
            "document",
            &doc_no,
            "作废批示",
            Some(&json!({"id": id, "局领导": leader, "类别": kind, "内容": text})),
            Some(&json!({"id": id, "已作废": true, "原因": reason})),
        )
    })
}
