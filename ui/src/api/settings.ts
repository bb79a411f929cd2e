// 设置 / 关于: the commands of src-tauri/src/commands/settings.rs (generated from Rust).
export { appStatus, verifyDatabase, backupNow, setOperator } from "./generated/commands";
