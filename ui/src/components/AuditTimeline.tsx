// The timeline of an item or a document, read from the audit log (全程记录):
// when, who, what, and the changed fields in Chinese (described by the core:
// AuditEntry.before_text / after_text).
import { Empty, Timeline, Typography } from "antd";

import type { AuditEntry } from "../api/generated/AuditEntry";

export default function AuditTimeline({ entries, testId }: { entries: AuditEntry[]; testId?: string }) {
  if (entries.length === 0) return <Empty description="暂无记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid={testId}>
      <Timeline
        items={entries.map((e) => {
          const before = e.before_text;
          const after = e.after_text;
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
