//! Evidence (佐证材料) attached afterwards to a progress entry or a completion
//! report (issue 13); the files are copied into the attachment folder first.

use std::path::PathBuf;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::attachments::{self, Attachment};
use crate::error::{Error, Result};
use crate::store::{audit, Actor, Store};

/// What evidence is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceOwner {
    /// A progress entry (办理进展), by its id.
    Progress,
    /// A completion report (办结报告), by its id.
    CompletionReport,
}

impl EvidenceOwner {
    fn table(self) -> &'static str {
        match self {
            EvidenceOwner::Progress => "progress",
            EvidenceOwner::CompletionReport => "completion_reports",
        }
    }
    /// The `attachments.owner_kind` of this owner.
    pub fn owner_kind(self) -> &'static str {
        match self {
            EvidenceOwner::Progress => "progress",
            EvidenceOwner::CompletionReport => "completion_report",
        }
    }
    fn label(self) -> &'static str {
        match self {
            EvidenceOwner::Progress => "进展记录",
            EvidenceOwner::CompletionReport => "办结报告",
        }
    }
}

/// Attaches files to a progress entry or a completion report; one audit
/// entry on the item's timeline. Refused for a voided record or no file.
pub fn attach_evidence(
    store: &mut Store,
    actor: &Actor,
    owner: EvidenceOwner,
    id: i64,
    files: &[PathBuf],
) -> Result<Vec<Attachment>> {
    if files.is_empty() {
        return Err(Error::Invalid("请选择要添加的佐证材料文件。".into()));
    }
    let found: Option<(String, Option<String>)> = store
        .conn()
        .query_row(
            &format!(
                "SELECT i.item_no, t.voided_at FROM {} t JOIN items i ON i.id = t.item_id WHERE t.id = ?1",
                owner.table()
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (item_no, voided) =
        found.ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的{}。", owner.label())))?;
    if voided.is_some() {
        return Err(Error::Conflict(format!(
            "编号为 {id} 的{}已作废，不能再添加佐证材料。",
            owner.label()
        )));
    }
    let stored = attachments::store_files(&store.attachments_dir(), files)?;
    store.write(|tx| {
        attachments::insert_in(tx, actor, owner.owner_kind(), id, &stored)?;
        let names: Vec<&str> = stored.iter().map(|f| f.file_name.as_str()).collect();
        audit::append_in(
            tx,
            actor,
            "item",
            &item_no,
            "添加佐证材料",
            None,
            Some(&json!({"对象": owner.label(), "id": id, "文件": names})),
        )
    })?;
    attachments::list(store.conn(), owner.owner_kind(), id)
}
