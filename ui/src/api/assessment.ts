// 绩效考核: the `assessment_*` commands (generated from Rust), under the names the pages use.
export {
  assessmentView,
  assessmentPublish as publishAssessment,
  assessmentVersions,
  assessmentExport as exportAssessment,
} from "./generated/commands";
export {
  assessmentManual as manualScores,
  assessmentSetManual as setManualScore,
  assessmentImportManual as importManual,
  assessmentSchemes as listSchemes,
  assessmentSchemeFor as schemeFor,
  assessmentCopyScheme as copyScheme,
  assessmentUpdateScheme as updateScheme,
  assessmentChooseScheme as chooseScheme,
} from "./generated/commands";
