// 组织机构: thin wrappers over the `org_*` commands.
import { call } from "./invoke";
import type { Organisation } from "./generated/Organisation";
import type { PartyInput } from "./generated/PartyInput";

export const listOrg = () => call<Organisation>("org_list", {});
export const seedDefaultOrg = () => call<number>("org_seed_default", {});
export const saveParty = (input: PartyInput) => call<number>("org_save_party", { input });
export const renameParty = (id: number, name: string) => call<null>("org_rename_party", { id, name });
export const removeAlias = (alias: string) => call<null>("org_remove_alias", { alias });
export const setPartyActive = (id: number, active: boolean) => call<null>("org_set_party_active", { id, active });
export const deleteParty = (id: number) => call<null>("org_delete_party", { id });
export const saveLeader = (name: string, title: string) => call<number>("org_save_leader", { name, title });
export const setLeaderActive = (id: number, active: boolean) => call<null>("org_set_leader_active", { id, active });
