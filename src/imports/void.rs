//! 作废 of a whole import (issue 13): every row the file wrote — the items a
//! ledger created, the progress entries and completion reports of a feedback
//! sheet, the reports of a round — is voided in one transaction with one
//! audit entry, and the file may be imported again (corrected). The rows are
//! found by the `import_id` each importer stamps on what it writes.

use rusqlite::OptionalExtension;
use serde::Serialize;
use serde_json::json;

use super::ImportKind;
use crate::error::{Error, Result};
use crate::items::void_imported_items_in;
use crate::store::{audit, void, Actor, Store};

/// What a voided import took back.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct ImportVoided {
    /// Row id in `imports`.
    pub import_id: i64,
    /// The file's name, as imported.
    pub file_name: String,
    /// Items the file created (ledger), now voided.
    pub items: usize,
    /// Progress entries it wrote (feedback), now voided.
    pub progress: usize,
    /// Completion reports it wrote (feedback), now voided.
    pub completion_reports: usize,
    /// Round reports it wrote (报送表), now voided.
    pub round_reports: usize,
}

/// Voids import `import_id` and everything it wrote, in one transaction.
/// Refused (nothing written): an empty reason, an unknown or already voided
/// import, a kind whose rows cannot be taken back here (组织机构, 舆情, 整改,
/// 综合评价: correct those by importing a corrected sheet or by hand), or a
/// completion report of it accepted (销号) since.
pub fn void_import(
    store: &mut Store,
    actor: &Actor,
    import_id: i64,
    reason: &str,
) -> Result<ImportVoided> {
    let reason = void::required_reason(reason, "导入")?;
    let found: Option<(String, String)> = store
        .conn()
        .query_row(
            "SELECT kind, file_name FROM imports WHERE id = ?1",
            [import_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (kind, file_name) = found.ok_or_else(|| {
        Error::NotFound(format!(
            "找不到编号为 {import_id} 的导入记录。请用“duban import history”查看导入记录的编号。"
        ))
    })?;
    match ImportKind::from_code(&kind) {
        Some(ImportKind::Ledger | ImportKind::Feedback | ImportKind::Report) => {}
        other => {
            let what = other.map(|k| k.label()).unwrap_or("该类");
            return Err(Error::Invalid(format!(
                "“{file_name}”是{what}导入，不能整批作废。请导入更正后的表格，或在相应页面逐条更正。"
            )));
        }
    }
    store.write(|tx| {
        void::void_row_in(tx, actor, "imports", import_id, &reason, "导入记录")?;
        let items = void_imported_items_in(tx, actor, import_id, &reason)?;
        let round_reports = void::void_imported_in(tx, actor, "round_reports", import_id, &reason)?;
        let out = ImportVoided {
            import_id,
            file_name: file_name.clone(),
            items: items.items,
            progress: items.progress,
            completion_reports: items.completion_reports,
            round_reports,
        };
        audit::append_in(
            tx,
            actor,
            "import",
            &import_id.to_string(),
            "作废导入",
            Some(&json!({"file_name": file_name, "kind": kind})),
            Some(&json!({
                "已作废": true,
                "原因": reason,
                "事项": out.items,
                "进展": out.progress,
                "办结报告": out.completion_reports,
                "报送材料": out.round_reports,
            })),
        )?;
        Ok(out)
    })
}
