// 绩效考核: the `assessment_*` commands (generated from Rust), under the names the pages use.
export {
  assessmentView,
  assessmentPublish as publishAssessment,
  assessmentVersions,
  assessmentExport as exportAssessment,
} from "./generated/commands";
