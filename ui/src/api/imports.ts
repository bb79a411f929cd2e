// 导入: thin wrappers over the `imports_*`, `template_feedback*` and `ledger_export` commands.
import { call } from "./invoke";
import type { FileReport } from "./generated/FileReport";
import type { ImportKind } from "./generated/ImportKind";
import type { ImportRecord } from "./generated/ImportRecord";
import type { LedgerFilter } from "./generated/LedgerFilter";
import type { WrittenFile } from "./generated/WrittenFile";

export const sheetFilesIn = (dir: string) => call<string[]>("imports_folder_files", { dir });

/** Imports (or, with dryRun, previews) one file. */
export const importOne = (kind: ImportKind, file: string, party: string | null, dryRun: boolean, applyValidRows: boolean) =>
  call<FileReport>("imports_run", { kind, file, party, dryRun, applyValidRows });

export const importHistory = (limit = 200) => call<ImportRecord[]>("imports_history", { limit });

export const feedbackTemplate = (party: string, path: string) => call<WrittenFile>("template_feedback", { party, path });

export const feedbackTemplatesAll = (dir: string) => call<WrittenFile[]>("template_feedback_all", { dir });

export const exportLedger = (filter: LedgerFilter, path: string) => call<WrittenFile>("ledger_export", { filter, path });
