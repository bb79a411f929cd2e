// 月度督办通报: the `monthly_*` commands (generated from Rust), under the names the pages use.
export { monthlyFigures, monthlyExport as exportMonthly } from "./generated/commands";
