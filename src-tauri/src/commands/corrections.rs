//! 更正与作废, 附件 (issue 13): correcting an item or a document, voiding a
//! record entered by mistake (with a reason), voiding a whole import, opening
//! an attachment with the system's program, and attaching evidence files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use duban::documents::{self, DocumentEdit};
use duban::error::ErrorCode;
use duban::imports::{self, ImportVoided};
use duban::items::{self, EvidenceOwner, ItemEdit, NewProgress};
use duban::{attachments, chases, extensions, rounds};
use serde::Deserialize;

use crate::door::Door;
use crate::error::{CmdResult, UiError};

/// The kinds of record [`void_record`] voids (each by its id).
#[derive(Debug, Clone, Copy, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum VoidKind {
    /// 办理进展.
    Progress,
    /// 时间表/路线图的节点.
    Milestone,
    /// 办结报告 (not yet accepted).
    CompletionReport,
    /// 批示 / 圈阅 on a document.
    Instruction,
    /// 催办记录.
    Chase,
    /// 延期申请.
    Extension,
    /// 报送任务.
    Round,
    /// 整改事项的催办记录.
    RectChase,
}

/// 修改事项: only the fields given change; the reason is required. Returns
/// the number of fields changed.
#[tauri::command(rename_all = "snake_case")]
pub async fn item_edit(door: Door, item_no: String, edit: ItemEdit) -> CmdResult<usize> {
    door.write(move |store, actor| items::edit_item(store, actor, &item_no, &edit))
        .await
}

/// 修改来文登记: only the fields given change. Returns the number of fields changed.
#[tauri::command(rename_all = "snake_case")]
pub async fn document_edit(door: Door, doc_no: String, edit: DocumentEdit) -> CmdResult<usize> {
    door.write(move |store, actor| documents::edit_document(store, actor, &doc_no, &edit))
        .await
}

/// 作废收文: a document registered by mistake, with a reason (required);
/// refused while an item split from it stands.
#[tauri::command(rename_all = "snake_case")]
pub async fn document_void(door: Door, doc_no: String, reason: String) -> CmdResult<()> {
    door.write(move |store, actor| documents::void_document(store, actor, &doc_no, &reason))
        .await
}

/// 作废 one record entered by mistake, with a reason (required).
#[tauri::command(rename_all = "snake_case")]
pub async fn void_record(door: Door, kind: VoidKind, id: i64, reason: String) -> CmdResult<()> {
    door.write(move |store, actor| {
        let r = reason.as_str();
        match kind {
            VoidKind::Progress => items::void_progress(store, actor, id, r),
            VoidKind::Milestone => items::void_milestone(store, actor, id, r),
            VoidKind::CompletionReport => items::void_completion_report(store, actor, id, r),
            VoidKind::Instruction => documents::void_instruction(store, actor, id, r),
            VoidKind::Chase => chases::void_chase(store, actor, id, r),
            VoidKind::Extension => extensions::void_extension(store, actor, id, r),
            VoidKind::Round => rounds::void_round(store, actor, id, r),
            VoidKind::RectChase => duban::inspections::chase::void_rect_chase(store, actor, id, r),
        }
    })
    .await
}

/// 作废整批: voids an import and every row it wrote.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_void(door: Door, import_id: i64, reason: String) -> CmdResult<ImportVoided> {
    door.write(move |store, actor| imports::void_import(store, actor, import_id, &reason))
        .await
}

/// Records a progress entry with evidence files (copied into the data folder).
#[tauri::command(rename_all = "snake_case")]
pub async fn item_add_progress_with_evidence(
    door: Door,
    item_no: String,
    input: NewProgress,
    files: Vec<String>,
) -> CmdResult<i64> {
    let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    door.write(move |store, actor| {
        items::add_progress_with_evidence(store, actor, &item_no, &input, &files)
    })
    .await
}

/// Attaches evidence files to a progress entry or a completion report;
/// returns how many were attached.
#[tauri::command(rename_all = "snake_case")]
pub async fn evidence_attach(
    door: Door,
    owner: EvidenceOwner,
    id: i64,
    files: Vec<String>,
) -> CmdResult<usize> {
    let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
    door.write(move |store, actor| {
        items::attach_evidence(store, actor, owner, id, &files).map(|a| a.len())
    })
    .await
}

/// Opens attachment `id`: a copy under its original name in a folder of its
/// own below `<temp>/duban-open`, opened with the system's default program
/// (the stored file is never handed out). Returns the copy's path.
#[tauri::command(rename_all = "snake_case")]
pub async fn attachment_open(door: Door, id: i64) -> CmdResult<String> {
    let dir = open_dir();
    let path = door
        .read(move |store| attachments::copy_out(store.conn(), &store.attachments_dir(), id, &dir))
        .await?;
    door.run(move |_| launch(&path).map(|()| path.display().to_string()))
        .await
}

/// An image or a PDF for the window's preview.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct AttachmentPreview {
    /// The original file name.
    pub name: String,
    /// `image/png`, `application/pdf` ...
    pub mime: String,
    /// The file's bytes, base64 (files over 30 MB are refused: 请用“打开”).
    pub data_base64: String,
}

/// 预览: attachment `id`'s bytes (checked against its hash) for an image or
/// PDF preview in the window.
#[tauri::command(rename_all = "snake_case")]
pub async fn attachment_preview(door: Door, id: i64) -> CmdResult<AttachmentPreview> {
    use base64::Engine as _;
    door.read(move |store| {
        let (a, mime, bytes) = attachments::read_for_preview(
            store.conn(),
            &store.attachments_dir(),
            id,
            attachments::PREVIEW_MAX_BYTES,
        )?;
        Ok(AttachmentPreview {
            name: a.file_name,
            mime: mime.to_string(),
            data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
    })
    .await
}

/// A folder for one opened copy: the process and a counter, so that two opens
/// of same-named files never overwrite a copy still open (and copy_out never
/// overwrites a file left there by an earlier run).
fn open_dir() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir()
        .join("duban-open")
        .join(format!("{}-{n}", std::process::id()))
}

/// Hands the copy to the system's default program for its type.
#[cfg(not(feature = "e2e"))]
fn launch(path: &Path) -> CmdResult<()> {
    open::that_detached(path).map_err(|e| {
        UiError::new(
            ErrorCode::Io,
            format!(
                "无法用系统程序打开“{}”（{e}）。文件已复制到该位置，可手工打开。",
                path.display()
            ),
        )
    })
}

/// In e2e builds no program is started: the path is appended to the file
/// named by `DUBAN_E2E_OPENED`, where the test reads it.
#[cfg(feature = "e2e")]
fn launch(path: &Path) -> CmdResult<()> {
    use std::io::Write;
    let Some(log) = std::env::var_os("DUBAN_E2E_OPENED") else {
        return Ok(());
    };
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .and_then(|mut f| writeln!(f, "{}", path.display()))
        .map_err(|e| UiError::new(ErrorCode::Io, format!("无法记录打开的文件（{e}）")))
}
