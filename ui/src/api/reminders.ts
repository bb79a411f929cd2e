// 工作台, 提醒, 延期申请, 催办, 会签, 传达学习: the commands of
// src-tauri/src/commands/reminders.rs (generated from Rust), under the names the pages use.

/** The event the Rust scheduler emits after a check ran (payload: CheckSummary). */
export { REMINDERS_EVENT } from "./generated/events";

export {
  dashboardLoad as loadDashboard,
  remindersHead as reminderHead,
  reminderChecks,
  remindersRunDue as runDueCheck,
  checkTimesGet as getCheckTimes,
  checkTimesSet as setCheckTimes,
  extensionRequest as requestExtension,
  extensionDecide as decideExtension,
  extensionsForItem,
  extensionsPending as pendingExtensions,
  chaseRecord as recordChase,
  chasesForItem,
  chaseNoticeExport as exportChaseNotices,
  countersignSend as sendCountersign,
  countersignReply as replyCountersign,
  countersignsList as listCountersigns,
  relayPlan,
  relayReport,
  relayStatus,
} from "./generated/commands";
export { dashboardFigures } from "./generated/commands";
