// Labels (from Rust) and colours of the reminder kinds (the Rust ReminderKind).
import type { ReminderKind } from "../api/generated/ReminderKind";
import { REMINDER_KIND_LABELS } from "../api/generated/vocabulary";

export const KIND_LABEL = REMINDER_KIND_LABELS;

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
  opinion_unhandled: "volcano",
  rectification_red: "red",
  rectification_yellow: "gold",
  followup_due: "geekblue",
  outgoing_pending: "purple",
  standing_report_due: "orange",
  calendar_missing: "magenta",
};

/** Kinds whose reminder is about an item (open it, chase it). */
export const ITEM_KINDS: ReminderKind[] = ["item_red", "item_yellow", "milestone_due", "extension_pending", "standing_report_due"];

/** The kinds whose 编号 is a 整改编号 (打开 shows the 整改事项). */
export const RECT_KINDS: ReminderKind[] = ["rectification_red", "rectification_yellow"];
