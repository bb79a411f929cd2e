// 报送任务: the `round*` commands (generated from Rust), under the names the pages use.
export {
  roundsList as listRounds,
  roundDetail,
  roundCreate as createRound,
  roundPropose as proposeRounds,
  roundTemplates as writeTemplates,
  roundImport as importReports,
  roundReport as reportContent,
} from "./generated/commands";
