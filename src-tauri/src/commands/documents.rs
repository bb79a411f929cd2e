//! 收文登记 and 领导批示 (PRODUCT #1, #2): each command calls one core function.

use duban::documents::{
    self, DocumentDetail, DocumentFilter, DocumentRef, DocumentRow, NewDocument, NewInstruction,
};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

/// Registers an incoming document (收文编号 assigned, attachments copied).
#[tauri::command]
pub fn document_register(state: State<'_, AppState>, input: NewDocument) -> CmdResult<DocumentRef> {
    state.write(|store, actor| documents::register(store, actor, &input))
}

/// Records a leader's 批示 or 圈阅 on a document.
#[tauri::command]
pub fn document_instruct(
    state: State<'_, AppState>,
    doc_no: String,
    input: NewInstruction,
) -> CmdResult<()> {
    state.write(|store, actor| documents::add_instruction(store, actor, &doc_no, &input))
}

/// The documents matching `filter`, newest first.
#[tauri::command]
pub fn document_list(
    state: State<'_, AppState>,
    filter: DocumentFilter,
) -> CmdResult<Vec<DocumentRow>> {
    state.read(|store| documents::list_documents(store.conn(), &filter))
}

/// One document in full (instructions, attachments, timeline).
#[tauri::command]
pub fn document_get(state: State<'_, AppState>, doc_no: String) -> CmdResult<DocumentDetail> {
    state.read(|store| documents::get_document(store.conn(), &doc_no))
}

/// 来源类别: the list of seed §三.
#[tauri::command]
pub fn document_source_categories() -> Vec<String> {
    documents::SOURCE_CATEGORIES
        .iter()
        .map(|s| s.to_string())
        .collect()
}
