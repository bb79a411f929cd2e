// The ledger filter with nothing set, for pages that ask for a slice of it.
import type { LedgerFilter } from "../api/generated/LedgerFilter";

/** A filter that matches every item, first page of 20, by 事项编号. */
export function emptyFilter(): LedgerFilter {
  return {
    party: null,
    include_cooperating: false,
    leader: null,
    status: [],
    light: [],
    source_category: null,
    deadline_from: null,
    deadline_to: null,
    text: null,
    tracked_only: false,
    doc_no: null,
    item_nos: [],
    sort: "item_no",
    page: 1,
    page_size: 20,
  };
}
