// The one way the UI calls the Rust commands; the typed function of each
// command is generated from the Rust command table (./generated/commands.ts)
// and the files of this folder re-export or wrap them. Every command error
// arrives as `{code, message}` (ErrorJson, generated from Rust); it is thrown
// as an ApiError so that a page may branch on `code`, and anything a page
// does not catch is shown to the clerk in Chinese by `reportError` (see
// ../feedback.tsx).
import { invoke } from "@tauri-apps/api/core";
import type { Commands } from "./generated/commands";
import type { ErrorCode } from "./generated/ErrorCode";
import type { ErrorJson } from "./generated/ErrorJson";

/** A command failed; `message` is Chinese and ready to show. */
export class ApiError extends Error {
  readonly code: ErrorCode;
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

/** Calls a Rust command with its snake_case arguments (the generated functions do). */
export async function call<C extends keyof Commands>(
  command: C,
  args: Commands[C]["args"],
): Promise<Commands[C]["result"]> {
  try {
    return await invoke<Commands[C]["result"]>(command, args);
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
