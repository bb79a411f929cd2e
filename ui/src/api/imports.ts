// 导入: the `imports_*`, `template_feedback*` and `ledger_export` commands
// (generated from Rust), under the names the pages use.
import { importsHistory } from "./generated/commands";

export {
  importsFolderFiles as sheetFilesIn,
  /** Imports (or, with dryRun, previews) a batch of files in one call. */
  importsRun as importBatch,
  templateFeedback as feedbackTemplate,
  templateFeedbackAll as feedbackTemplatesAll,
  ledgerExport as exportLedger,
} from "./generated/commands";

export const importHistory = (limit = 200) => importsHistory(limit);

/** The event a running import batch emits (payload: ImportProgress). */
export { IMPORT_PROGRESS_EVENT } from "./generated/events";
