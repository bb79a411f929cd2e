// Labels and colours of the reminder kinds (the Rust ReminderKind).
import type { ReminderKind } from "../api/generated/ReminderKind";

export const KIND_LABEL: Record<ReminderKind, string> = {
  time_limit_overdue: "限时件超时",
  urgent_unsplit: "特急/限时件待分解",
  item_red: "红灯事项",
  item_yellow: "黄灯事项",
  milestone_due: "节点到期",
  extension_pending: "延期待审批",
  countersign_overdue: "会签逾期未复",
  countersign_due: "会签待回复",
  relay_missing: "传达学习未报",
};

export const KIND_COLOR: Record<ReminderKind, string> = {
  time_limit_overdue: "red",
  urgent_unsplit: "volcano",
  item_red: "red",
  item_yellow: "gold",
  milestone_due: "orange",
  extension_pending: "blue",
  countersign_overdue: "magenta",
  countersign_due: "purple",
  relay_missing: "cyan",
};

/** Kinds whose reminder is about an item (open it, chase it). */
export const ITEM_KINDS: ReminderKind[] = ["item_red", "item_yellow", "milestone_due", "extension_pending"];
