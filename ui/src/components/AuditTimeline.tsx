// The timeline of an item or a document, read from the audit log (全程记录):
// when, who, what, and the changed fields in Chinese.
import { Empty, Timeline, Typography } from "antd";

import type { AuditEntry } from "../api/generated/AuditEntry";
import { STATUS_LABELS } from "../api/generated/vocabulary";

const FIELD: Record<string, string> = {
  status: "状态",
  reason: "原因",
  done_on: "办结日期",
  note: "备注",
  name: "事项名称",
  lead: "牵头部门",
  cooperators: "配合部门",
  coordinator_leader: "统筹局领导",
  owner_person: "责任人",
  deadline: "完成时限",
  standing: "长期",
  text: "内容",
  leader: "局领导",
  given_on: "日期",
  kind: "方式",
  reported_on: "日期",
  reporter: "报送人",
  title: "标题",
  urgency: "紧急程度",
  received_on: "收文日期",
  time_limit: "办理时限",
  due: "节点时间",
};

const STATUS: Record<string, string> = STATUS_LABELS;

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.map(show).filter(Boolean).join("、");
  if (typeof v === "object") return "";
  return STATUS[String(v)] ?? String(v);
}

/** The known fields of a before/after object, as “状态：已办结；原因：…”. */
export function describe(value: unknown): string {
  if (!value || typeof value !== "object" || Array.isArray(value)) return show(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([k]) => k in FIELD)
    .map(([k, v]) => [FIELD[k], show(v)])
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}：${v}`)
    .join("；");
}

export default function AuditTimeline({ entries, testId }: { entries: AuditEntry[]; testId?: string }) {
  if (entries.length === 0) return <Empty description="暂无记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid={testId}>
      <Timeline
        items={entries.map((e) => {
          const before = describe(e.before);
          const after = describe(e.after);
          return {
            key: String(e.id),
            children: (
              <div data-testid="timeline-entry">
                <Typography.Text strong>{e.action_label}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {e.at} · {e.operator}
                </Typography.Text>
                {before && <div style={{ color: "#8c8c8c" }}>原：{before}</div>}
                {after && <div>{before ? "改为：" : ""}{after}</div>}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
