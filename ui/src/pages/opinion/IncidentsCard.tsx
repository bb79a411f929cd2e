// The month's incidents, each with its discipline (按时 / 迟报 / 漏报 / 瞒报):
// 登记舆情 (or 漏报 found by the office), 修改, and 认定瞒报 / 撤销瞒报 with a reason.
import { Button, Card, Input, Modal, Space, Table, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useCallback, useState } from "react";

import type { Incident } from "../../api/generated/Incident";
import type { Party } from "../../api/generated/Party";
import { listIncidents, markConcealed } from "../../api/opinion";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import IncidentModal, { LEVEL_OPTIONS } from "./IncidentModal";

const DISCIPLINE: Record<string, { label: string; color: string }> = {
  on_time: { label: "按时", color: "green" },
  late: { label: "迟报", color: "orange" },
  missing: { label: "漏报", color: "volcano" },
  concealed: { label: "瞒报", color: "red" },
};

export default function IncidentsCard({ month, units }: { month: string; units: Party[] }) {
  const [rows, setRows] = useState<Incident[]>([]);
  const [editing, setEditing] = useState<Incident | "new" | null>(null);
  const [marking, setMarking] = useState<Incident | null>(null);
  const [reason, setReason] = useState("");

  const load = useCallback(async () => {
    if (!/^\d{4}-\d{2}$/.test(month)) return;
    try {
      const [year, m] = month.split("-").map(Number);
      setRows(await listIncidents({ month: { year: year ?? 0, month: m ?? 0 }, party: null, open_only: false }));
    } catch (e) {
      reportError(e);
    }
  }, [month]);
  useLoad(load);

  const mark = async () => {
    if (!marking) return;
    try {
      await markConcealed(marking.id, !marking.concealed, reason);
      notifySuccess(marking.concealed ? "已撤销瞒报认定。" : `已认定“${marking.title}”为瞒报。`);
      setMarking(null);
    } catch (e) {
      reportError(e, "未保存");
    }
  };

  return (
    <Card
      size="small"
      title={`${month} 的舆情（${rows.length}）`}
      extra={
        <Button type="primary" data-testid="incident-new" data-shortcut="new" onClick={() => setEditing("new")}>
          登记舆情
        </Button>
      }
    >
      <Table<Incident>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: "本月没有舆情" }}
        onRow={(r) => ({ "data-testid": "incident-row", "data-title": r.title, "data-discipline": r.discipline ?? "" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "单位", dataIndex: "party", width: 130 },
          { title: "舆情标题", dataIndex: "title" },
          { title: "等级", width: 80, render: (_, r) => LEVEL_OPTIONS.find((l) => l.value === r.level)?.label ?? r.level },
          { title: "负面", width: 55, render: (_, r) => (r.negative ? "是" : "否") },
          { title: "报告时间", width: 135, render: (_, r) => (r.reported_at ? r.reported_at.replace("T", " ").slice(0, 16) : "未报告") },
          {
            title: "报告纪律",
            width: 150,
            render: (_, r) => (
              <Space size={2} wrap>
                {r.discipline && <Tag color={DISCIPLINE[r.discipline]?.color}>{DISCIPLINE[r.discipline]?.label}</Tag>}
                {r.by_office && <Tag>本办登记</Tag>}
                {r.concealed && r.concealed_reason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.concealed_reason}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: "操作",
            width: 160,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" data-testid="incident-edit" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Button
                  size="small"
                  danger={!r.concealed}
                  data-testid="incident-conceal"
                  onClick={() => {
                    setReason("");
                    setMarking(r);
                  }}
                >
                  {r.concealed ? "撤销瞒报" : "认定瞒报"}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <IncidentModal editing={editing} units={units} onClose={() => setEditing(null)} />
      <Modal
        open={marking !== null}
        title={marking?.concealed ? "撤销瞒报认定" : "认定瞒报"}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === "", "data-testid": "conceal-save" } as ButtonProps}
        onOk={() => void mark()}
        onCancel={() => setMarking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{marking?.title}</Typography.Paragraph>
        <Input.TextArea
          data-testid="conceal-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={marking?.concealed ? "撤销的理由" : "认定瞒报的理由（如：经核实，单位知情未报）"}
        />
      </Modal>
    </Card>
  );
}
