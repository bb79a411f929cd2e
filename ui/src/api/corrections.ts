// 更正与作废, 附件: the `item_edit`, `document_edit`, `document_void`, `void_record`,
// `import_void`, evidence and `attachment_open` commands (generated from Rust).
export {
  itemEdit as editItem,
  documentEdit as editDocument,
  documentVoid as voidDocument,
  voidRecord,
  importVoid as voidImport,
  itemAddProgressWithEvidence as addProgressWithEvidence,
  evidenceAttach as attachEvidence,
  attachmentOpen as openAttachment,
  attachmentPreview as previewAttachment,
} from "./generated/commands";
