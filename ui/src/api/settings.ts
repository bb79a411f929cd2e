// 设置 / 关于: thin wrappers over the commands in src-tauri/src/commands/settings.rs.
import { call } from "./invoke";
import type { AppStatus } from "./generated/AppStatus";
import type { VerifyOutcome } from "./generated/VerifyOutcome";

export const appStatus = () => call<AppStatus>("app_status");
export const verifyDatabase = () => call<VerifyOutcome>("verify_database");
export const backupNow = () => call<string>("backup_now");
export const setOperator = (name: string) => call<void>("set_operator", { name });
