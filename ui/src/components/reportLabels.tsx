// How a unit's reporting status looks everywhere on the rounds page.
import { Tag } from "antd";
import type { ReportStatus } from "../api/generated/ReportStatus";

const LOOK: Record<ReportStatus, { label: string; color: string }> = {
  on_time: { label: "按时", color: "green" },
  late: { label: "迟报", color: "orange" },
  missing: { label: "漏报", color: "red" },
  not_due: { label: "未到期", color: "default" },
};

/** 按时 / 迟报 / 漏报 / 未到期 as a coloured tag. */
export function StatusTag({ status }: { status: ReportStatus }) {
  const l = LOOK[status];
  return (
    <Tag color={l.color} data-testid="round-status" data-status={status}>
      {l.label}
    </Tag>
  );
}

export const statusLabel = (s: ReportStatus) => LOOK[s].label;
