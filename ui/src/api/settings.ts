// 设置 / 关于: the commands of src-tauri/src/commands/settings.rs (generated from Rust).
export {
  appStatus,
  verifyDatabase,
  backupNow,
  setOperator,
  prefsGet as getPrefs,
  prefSet as setPref,
  backupsList as listBackups,
  backupRestore as restoreBackup,
  firstLaunch,
} from "./generated/commands";
