// 舆情 and 约谈/问责: the `opinion_*` and `accountability_*` commands
// (generated from Rust), under the names the pages use.
export {
  opinionStats,
  opinionList as listIncidents,
  opinionTrend,
  opinionExport as exportOpinion,
  accountabilityRecord as recordAccountability,
  accountabilityList as listAccountability,
} from "./generated/commands";
export {
  opinionCreate as createIncident,
  opinionUpdate as updateIncident,
  opinionMarkConcealed as markConcealed,
  opinionLimits,
  opinionSetLimit as setOpinionLimit,
} from "./generated/commands";
