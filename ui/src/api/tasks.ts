// 督办事项 and 督办台账: thin wrappers over the `ledger_*`, `item_*` and `items_create` commands.
import { call } from "./invoke";
import type { DemoSummary } from "./generated/DemoSummary";
import type { ItemDetail } from "./generated/ItemDetail";
import type { ItemRef } from "./generated/ItemRef";
import type { LedgerFilter } from "./generated/LedgerFilter";
import type { LedgerOptions } from "./generated/LedgerOptions";
import type { LedgerPage } from "./generated/LedgerPage";
import type { NewCompletion } from "./generated/NewCompletion";
import type { NewItem } from "./generated/NewItem";
import type { NewMilestone } from "./generated/NewMilestone";
import type { NewProgress } from "./generated/NewProgress";

export const ledgerOptions = () => call<LedgerOptions>("ledger_options", {});
export const queryLedger = (filter: LedgerFilter) => call<LedgerPage>("ledger_query", { filter });
export const getItem = (itemNo: string) => call<ItemDetail>("item_get", { itemNo });
export const createItems = (items: NewItem[]) => call<ItemRef[]>("items_create", { items });
export const addProgress = (itemNo: string, input: NewProgress) =>
  call<number>("item_add_progress", { itemNo, input });
export const reportCompletion = (itemNo: string, input: NewCompletion) =>
  call<number>("item_report_completion", { itemNo, input });
export const acceptCompletion = (itemNo: string, doneOn: string | null, note: string) =>
  call<null>("item_accept", { itemNo, doneOn, note });
export const returnCompletion = (itemNo: string, reason: string) => call<null>("item_return", { itemNo, reason });
export const withdrawItem = (itemNo: string, reason: string) => call<null>("item_withdraw", { itemNo, reason });
export const reopenItem = (itemNo: string, reason: string) => call<null>("item_reopen", { itemNo, reason });
export const addMilestone = (itemNo: string, input: NewMilestone) =>
  call<number>("item_add_milestone", { itemNo, input });
export const completeMilestone = (milestoneId: number, doneOn: string) =>
  call<null>("item_complete_milestone", { milestoneId, doneOn });
export const loadDemo = () => call<DemoSummary>("demo_load", {});
