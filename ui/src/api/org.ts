// 组织机构: the `org_*` commands (generated from Rust), under the names the pages use.
export {
  orgList as listOrg,
  orgSeedDefault as seedDefaultOrg,
  orgSaveParty as saveParty,
  orgRenameParty as renameParty,
  orgRemoveAlias as removeAlias,
  orgSetPartyActive as setPartyActive,
  orgDeleteParty as deleteParty,
  orgSaveLeader as saveLeader,
  orgSetLeaderActive as setLeaderActive,
} from "./generated/commands";
