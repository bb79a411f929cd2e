// 通报 (月度督办通报, 专项通报, 公文办理质量通报), 交办单 / 督办事项卡 and 发文登记:
// the commands (generated from Rust) under the names the pages use.
export {
  bulletinsList as listBulletins,
  bulletinPublishMonthly as publishMonthly,
  bulletinPublishQuality as publishQuality,
  bulletinPublishSpecial as publishSpecial,
  bulletinExport as exportBulletin,
  docHandover as writeHandover,
  itemCard as itemCardWrite,
  outgoingList as listOutgoing,
  outgoingAdd as addOutgoing,
  outgoingEvent as recordOutgoingEvent,
  outgoingEvents as listOutgoingEvents,
} from "./generated/commands";
