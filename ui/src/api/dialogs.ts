// File dialogs go through one Rust command (src-tauri/src/commands/dialogs.rs)
// so that end-to-end tests can answer them. Returns null when cancelled.
import { call } from "./invoke";
import type { PickRequest } from "./generated/PickRequest";

export const pickPath = (request: PickRequest) => call<string | null>("pick_path", { request });

/** Pick an existing Excel file. */
export const pickSheet = (title: string) =>
  pickPath({ mode: "open", title, filters: [{ name: "Excel 表格", extensions: ["xlsx", "xls"] }], defaultName: null });

/** Choose where to save an Excel file. */
export const saveSheet = (title: string, defaultName: string) =>
  pickPath({ mode: "save", title, filters: [{ name: "Excel 表格", extensions: ["xlsx"] }], defaultName });
