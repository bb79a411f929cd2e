// 工作台, 提醒, 延期申请, 催办, 会签, 传达学习: thin wrappers over the commands of
// src-tauri/src/commands/reminders.rs.
import { call } from "./invoke";
import type { Chase } from "./generated/Chase";
import type { CheckOutcome } from "./generated/CheckOutcome";
import type { CheckRecord } from "./generated/CheckRecord";
import type { Dashboard } from "./generated/Dashboard";
import type { Extension } from "./generated/Extension";
import type { ExtensionDecision } from "./generated/ExtensionDecision";
import type { NewChase } from "./generated/NewChase";
import type { NewExtension } from "./generated/NewExtension";
import type { Notice } from "./generated/Notice";
import type { NewRelayReport } from "./generated/NewRelayReport";
import type { RelayPlan } from "./generated/RelayPlan";
import type { RelayStatus } from "./generated/RelayStatus";
import type { Reminder } from "./generated/Reminder";

/** The event the Rust scheduler emits after a check ran (payload: CheckSummary). */
export const REMINDERS_EVENT = "duban://reminders";

export const loadDashboard = () => call<Dashboard>("dashboard_load", {});
export const listReminders = () => call<Reminder[]>("reminders_list", {});
export const reminderChecks = () => call<CheckRecord[]>("reminder_checks", {});
export const runDueCheck = () => call<CheckOutcome | null>("reminders_run_due", {});
export const getCheckTimes = () => call<string>("check_times_get", {});
export const setCheckTimes = (times: string) => call<string>("check_times_set", { times });
export const requestExtension = (input: NewExtension) => call<Extension>("extension_request", { input });
export const decideExtension = (id: number, decision: ExtensionDecision) =>
  call<Extension>("extension_decide", { id, decision });
export const extensionsForItem = (itemNo: string) => call<Extension[]>("extensions_for_item", { itemNo });
export const pendingExtensions = () => call<Extension[]>("extensions_pending", {});
export const recordChase = (input: NewChase) => call<Chase>("chase_record", { input });
export const chasesForItem = (itemNo: string) => call<Chase[]>("chases_for_item", { itemNo });
export const exportChaseNotices = (path: string, parties: string[]) =>
  call<Notice[]>("chase_notice_export", { path, parties });

export const relayPlan = (input: RelayPlan) => call<RelayStatus>("relay_plan", { input });
export const relayReport = (input: NewRelayReport) => call<RelayStatus>("relay_report", { input });
export const relayStatus = (docNo: string) => call<RelayStatus>("relay_status", { docNo });
