// 报送任务: thin wrappers over the `round*` commands.
import { call } from "./invoke";
import type { NewRound } from "./generated/NewRound";
import type { ProposedRound } from "./generated/ProposedRound";
import type { ReportContent } from "./generated/ReportContent";
import type { ReportOutcome } from "./generated/ReportOutcome";
import type { Round } from "./generated/Round";
import type { RoundDetail } from "./generated/RoundDetail";
import type { TemplateFile } from "./generated/TemplateFile";

export const listRounds = () => call<Round[]>("rounds_list", {});
export const roundDetail = (id: number) => call<RoundDetail>("round_detail", { id });
export const createRound = (input: NewRound) => call<Round>("round_create", { input });
export const proposeRounds = (documentId: number, issuedOn: string | null) =>
  call<ProposedRound[]>("round_propose", { documentId, issuedOn });
export const writeTemplates = (id: number, dir: string) => call<TemplateFile[]>("round_templates", { id, dir });
export const importReports = (files: string[], roundId: number | null, dryRun: boolean) =>
  call<ReportOutcome[]>("round_import", { files, roundId, dryRun });
export const reportContent = (reportId: number) => call<ReportContent>("round_report", { reportId });
