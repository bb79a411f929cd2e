// How a unit's reporting status looks everywhere on the rounds page.
import { Tag } from "antd";
import type { ReportStatus } from "../api/generated/ReportStatus";
import { REPORT_STATUS_LABELS } from "../api/generated/vocabulary";

const COLOR: Record<ReportStatus, string> = {
  on_time: "green",
  late: "orange",
  missing: "red",
  not_due: "default",
};

/** 按时 / 迟报 / 漏报 / 未到期 as a coloured tag. */
export function StatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag color={COLOR[status]} data-testid="round-status" data-status={status}>
      {REPORT_STATUS_LABELS[status]}
    </Tag>
  );
}

export const statusLabel = (s: ReportStatus) => REPORT_STATUS_LABELS[s];
