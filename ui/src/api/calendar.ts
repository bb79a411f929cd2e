// 日历: the commands of src-tauri/src/commands/calendar.rs (generated from Rust).
export { calendarYear as loadYear, calendarLoad as loadScheduleFile, calendarSetDay as setDay } from "./generated/commands";
