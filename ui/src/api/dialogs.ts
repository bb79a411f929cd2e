// File dialogs go through one Rust command (src-tauri/src/commands/dialogs.rs)
// so that end-to-end tests can answer them. Returns null when cancelled.
import { pickPath } from "./generated/commands";
import { SHEET_EXTENSIONS } from "./generated/vocabulary";

export { pickPath };

/** The filter of every dialog that opens spreadsheets (the extensions the app reads). */
export const SHEET_FILTERS = [{ name: "Excel 表格", extensions: [...SHEET_EXTENSIONS] }];

/** Pick an existing Excel file. */
export const pickSheet = (title: string) =>
  pickPath({ mode: "open", title, filters: SHEET_FILTERS, default_name: null });

/** Choose where to save an Excel file (the app writes .xlsx). */
export const saveSheet = (title: string, defaultName: string) =>
  pickPath({ mode: "save", title, filters: [{ name: "Excel 表格", extensions: ["xlsx"] }], default_name: defaultName });
