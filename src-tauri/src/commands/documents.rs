//! 收文登记 and 领导批示 (PRODUCT #1, #2): each command calls one core function.

use duban::documents::{
    self, DocumentDetail, DocumentFilter, DocumentRef, DocumentRow, NewDocument, NewInstruction,
};

use crate::door::Door;
use crate::error::CmdResult;

/// Registers an incoming document (收文编号 assigned, attachments copied).
#[tauri::command(rename_all = "snake_case")]
pub async fn document_register(door: Door, input: NewDocument) -> CmdResult<DocumentRef> {
    door.write(move |store, actor| documents::register(store, actor, &input))
        .await
}

/// Records a leader's 批示 or 圈阅 on a document.
#[tauri::command(rename_all = "snake_case")]
pub async fn document_instruct(door: Door, doc_no: String, input: NewInstruction) -> CmdResult<()> {
    door.write(move |store, actor| documents::add_instruction(store, actor, &doc_no, &input))
        .await
}

/// The documents matching `filter`, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn document_list(door: Door, filter: DocumentFilter) -> CmdResult<Vec<DocumentRow>> {
    door.read(move |store| documents::list_documents(store.conn(), &filter))
        .await
}

/// One document in full (instructions, attachments, timeline).
#[tauri::command(rename_all = "snake_case")]
pub async fn document_get(door: Door, doc_no: String) -> CmdResult<DocumentDetail> {
    door.read(move |store| documents::get_document(store.conn(), &doc_no))
        .await
}

/// 来源类别: the list of seed §三.
#[tauri::command(rename_all = "snake_case")]
pub async fn document_source_categories(door: Door) -> CmdResult<Vec<String>> {
    let _ = door;
    Ok(documents::SOURCE_CATEGORIES
        .iter()
        .map(|s| s.to_string())
        .collect())
}
