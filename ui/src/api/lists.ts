// Every list to Excel: one command (`list_export`) for 收文登记簿, 批示件办理情况,
// 延期, 会签, 传达学习, a round's status, the organisation and roster and the
// audit log, each with the filters its page has.
import type { ListFilter } from "./generated/ListFilter";

export { listExport as exportList, extensionsList, auditPage } from "./generated/commands";

/** No filter: every row of the list. */
export const NO_LIST_FILTER: ListFilter = {
  from: null,
  to: null,
  text: null,
  party: null,
  leader: null,
  urgency: null,
  unsplit_only: false,
  year: null,
  extension_status: null,
  item_no: null,
  open_only: false,
  doc_no: null,
  round: null,
  operator: null,
};
