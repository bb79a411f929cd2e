// 督办事项 and 督办台账: the `ledger_*`, `item_*` and `items_create` commands
// (generated from Rust), under the names the pages use.
export {
  ledgerOptions,
  ledgerQuery as queryLedger,
  itemGet as getItem,
  itemsCreate as createItems,
  itemAddProgress as addProgress,
  itemReportCompletion as reportCompletion,
  itemAccept as acceptCompletion,
  itemReturn as returnCompletion,
  itemWithdraw as withdrawItem,
  itemReopen as reopenItem,
  itemAddMilestone as addMilestone,
  itemCompleteMilestone as completeMilestone,
  chaseBatch,
  demoLoad as loadDemo,
} from "./generated/commands";
