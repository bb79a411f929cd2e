// The one way the UI calls the Rust commands. Every command error arrives as
// `{code, message}` (ErrorJson, generated from Rust); it is thrown as an
// ApiError so that a page may branch on `code`, and anything a page does not
// catch is shown to the clerk in Chinese by `reportError` (see ../feedback.tsx).
import { invoke } from "@tauri-apps/api/core";
import type { ErrorJson } from "./generated/ErrorJson";

/** A command failed; `message` is Chinese and ready to show. */
export class ApiError extends Error {
  readonly code: string;
  constructor(json: ErrorJson) {
    super(json.message);
    this.name = "ApiError";
    this.code = json.code;
  }
}

function isErrorJson(v: unknown): v is ErrorJson {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { code?: unknown }).code === "string" &&
    typeof (v as { message?: unknown }).message === "string"
  );
}

/** Calls a Rust command. Argument names are camelCase (Rust `item_no` → `itemNo`). */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** Any thrown value as an ApiError with a Chinese message. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isErrorJson(e)) return new ApiError(e);
  const text = e instanceof Error ? e.message : String(e);
  return new ApiError({ code: "internal", message: `程序内部错误：${text}` });
}
