// Small shared pieces of the item and document pages: the light dot, the
// status tag, the urgency tag, and dates shown as 2026-11-26.
import { Tag, Tooltip } from "antd";

import type { Light } from "../api/generated/Light";
import type { Status } from "../api/generated/Status";
import type { Urgency } from "../api/generated/Urgency";
import { LIGHT_LABELS } from "../api/generated/vocabulary";
import "./labels.css";

const LIGHT: Record<Light, { color: string; hint: string; tag: string }> = {
  red: { color: "#f5222d", hint: "已超过完成时限", tag: "error" },
  yellow: { color: "#faad14", hint: "临近完成时限", tag: "warning" },
  green: { color: "#52c41a", hint: "按期推进中", tag: "success" },
};

/** The 红黄绿灯 of an open item; a dash for standing, done and withdrawn items. */
export function LightTag({ light, testId }: { light: Light | null; testId?: string }) {
  if (!light) return <span data-testid={testId} data-light="none">—</span>;
  const l = LIGHT[light];
  // The hint is the tag's own title, not an antd Tooltip: a table shows a
  // light per row, and a Tooltip each made the ledger's rows slower to draw.
  return (
    <span data-testid={testId} data-light={light} title={l.hint} className={`duban-tag duban-tag-${l.tag} duban-light`}>
      <span className="duban-light-dot" style={{ background: l.color }} />
      {LIGHT_LABELS[light]}
    </span>
  );
}

const STATUS_COLOR: Record<Status, string> = {
  not_started: "default",
  in_progress: "processing",
  pending_review: "purple",
  done: "success",
  withdrawn: "default",
};

/** 办理状态 as a coloured tag (a plain span styled as antd's Tag: labels.css). */
export function StatusTag({ status, label }: { status: Status; label: string }) {
  return (
    <span className={`duban-tag duban-tag-${STATUS_COLOR[status]}`} data-status={status}>
      {label}
    </span>
  );
}

/** 紧急程度: 特急 red, 加急 orange, 平件 plain. */
export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const color = urgency === "特急" ? "red" : urgency === "加急" ? "orange" : "default";
  return (
    <Tag color={color} data-urgency={urgency}>
      {urgency}
    </Tag>
  );
}

/** A deadline cell: the effective deadline, the original one when an extension moved it, or 长期. */
export function DeadlineText({
  deadline,
  effective,
  standing,
  cycle,
}: {
  deadline: string | null;
  effective: string | null;
  standing: boolean;
  cycle?: string;
}) {
  if (standing) return <span>长期{cycle ? `（${cycle}报送）` : ""}</span>;
  if (effective && deadline && effective !== deadline)
    return (
      <Tooltip title={`原定完成时限 ${deadline}，经批准延期`}>
        <span>{effective}（已延期）</span>
      </Tooltip>
    );
  return <span>{effective ?? deadline ?? "—"}</span>;
}
