//! The one import dispatch the doors call: a kind of sheet to its importer,
//! then the ledger search index.

use std::path::Path;

use super::{
    import_files, FeedbackImporter, ImportBatch, ImportKind, ImportOptions, LedgerImporter,
    OpinionImporter, OrgImporter, RectificationImporter,
};
use crate::error::{invalid, Result};
use crate::store::{Actor, Store};

/// When the 搜索 index learns the items a ledger import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    /// Now, on a thread of its own with its own connection (the desktop app:
    /// the first search then does not pay about 1 s per 100,000 items).
    FillInBackground,
    /// At the first search (a short-lived process such as the command line,
    /// which would end before a background thread finished).
    FillOnFirstSearch,
}

/// Imports `files` as sheets of `kind` (ledger, feedback, org, opinion), each file
/// standing alone ([`import_files`]), with `options` (dry run, valid rows only, party).
/// Round reports are imported by `crate::rounds::import_reports`, whose
/// outcome carries the round; asking for them here is refused.
pub fn import_kind<P: AsRef<Path> + Sync>(
    store: &mut Store,
    actor: &Actor,
    kind: ImportKind,
    files: &[P],
    options: &ImportOptions,
    index: SearchIndex,
) -> Result<ImportBatch> {
    let batch = match kind {
        ImportKind::Ledger => import_files(store, actor, &LedgerImporter, files, options),
        ImportKind::Feedback => import_files(store, actor, &FeedbackImporter, files, options),
        ImportKind::Org => import_files(store, actor, &OrgImporter, files, options),
        ImportKind::Opinion => import_files(store, actor, &OpinionImporter, files, options),
        ImportKind::Rectification => {
            import_files(store, actor, &RectificationImporter, files, options)
        }
        ImportKind::Report => return Err(invalid("报送表请在“报送任务”页面导入。")),
        ImportKind::Assessment => {
            return Err(invalid(
                "综合评价表请在“绩效考核”页面导入（需要选择考核期间）。",
            ))
        }
    };
    let added = batch.files.iter().any(|f| f.import_id.is_some());
    if kind == ImportKind::Ledger && added && index == SearchIndex::FillInBackground {
        let db = store.path().to_path_buf();
        std::thread::spawn(move || crate::items::sync_search_index_in_file(&db));
    }
    Ok(batch)
}
