// The organisation, loaded once and again after every change of the data
// (kept between pages, hooks/kept.ts): the selects of every form (牵头部门, 配合部门, 统筹局领导, 批示领导) are
// filled from it.
import { listOrg } from "../api/org";
import { ORG } from "./firstPages";
import { useKeptState } from "./useKept";
import type { Organisation } from "../api/generated/Organisation";
import type { Party } from "../api/generated/Party";

const EMPTY: Organisation = { parties: [], leaders: [] };

export interface OrgData {
  org: Organisation;
  loading: boolean;
}

/**
 * The organisation (kept between pages until the data changes); a failure is
 * shown by the app's one error display, and ends `loading` (the tables show
 * empty, not a spinner that never stops).
 */
export function useOrg(): OrgData {
  const { value, loading } = useKeptState(ORG, listOrg);
  return { org: value ?? EMPTY, loading };
}

/**
 * Options for a department/unit select, grouped by kind; aliases searchable.
 * New items get active parties only; filters also offer deactivated ones.
 */
export function partyOptions(parties: Party[], includeInactive = false) {
  const option = (p: Party) => ({
    value: p.name,
    label: p.active ? p.name : `${p.name}（已停用）`,
    search: [p.name, ...p.aliases].join(" "),
  });
  const active = parties.filter((p) => includeInactive || p.active);
  return [
    { label: "内设机构", options: active.filter((p) => p.kind === "department").map(option) },
    { label: "下级单位", options: active.filter((p) => p.kind === "unit").map(option) },
  ];
}

/** Select's filterOption that matches names and aliases (Chinese substring). */
export function matchSearch(input: string, option?: { search?: string; label?: unknown }): boolean {
  const hay = option?.search ?? (typeof option?.label === "string" ? option.label : "");
  return hay.includes(input.trim());
}
