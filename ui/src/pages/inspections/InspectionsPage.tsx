// 督查 (PRODUCT #12): the inspections with their current stage and open
// problems; 新建督查 and each inspection's drawer (stages, problems, the units'
// templates). The 整改事项 open in the 整改台账's drawer.
import { Button, Card, Space, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";

import type { InspectionRow } from "../../api/generated/InspectionRow";
import { listInspections } from "../../api/inspections";
import { reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { useOrg } from "../../hooks/useOrg";
import RectDrawer from "../../components/RectDrawer";
import CreateInspectionDrawer from "./CreateInspectionDrawer";
import InspectionDrawer from "./InspectionDrawer";

export default function InspectionsPage() {
  const org = useOrg();
  const [rows, setRows] = useState<InspectionRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const [rect, setRect] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listInspections());
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useLoad(load);

  return (
    <Card
      title="督查"
      data-testid="inspections-page"
      extra={
        <Button type="primary" data-testid="inspection-new" data-shortcut="new" onClick={() => setCreating(true)}>
          新建督查
        </Button>
      }
    >
      <Table<InspectionRow>
        rowKey="number"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        onRow={(r) =>
          ({ "data-testid": "inspection-row", "data-number": r.number, onClick: () => setOpened(r.number), style: { cursor: "pointer" } }) as React.HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: "尚无督查。点击“新建督查”制定督查方案。" }}
        columns={[
          { title: "督查编号", dataIndex: "number", width: 150 },
          { title: "督查名称", dataIndex: "name" },
          { title: "类型", width: 110, render: (_, r) => `${r.kind} · ${r.manner}` },
          { title: "督查对象", width: 220, ellipsis: true, render: (_, r) => r.targets.join("、") },
          {
            title: "当前环节",
            width: 110,
            render: (_, r) => (r.current_stage ? <Tag color="processing">{r.current_stage}</Tag> : <Tag color="green">已完成</Tag>),
          },
          {
            title: "问题 / 未销号",
            width: 110,
            render: (_, r) => (
              <Space size={4}>
                <span>{r.findings}</span>/
                <Typography.Text type={r.open_items > 0 ? "danger" : "secondary"} data-testid="inspection-open-items">
                  {r.open_items}
                </Typography.Text>
              </Space>
            ),
          },
        ]}
      />
      <CreateInspectionDrawer
        open={creating}
        org={org}
        onClose={() => setCreating(false)}
        onCreated={(d) => {
          setCreating(false);
          setOpened(d.number);
        }}
      />
      <InspectionDrawer number={opened} org={org} onClose={() => setOpened(null)} onOpenRect={setRect} />
      <RectDrawer rectNo={rect} onClose={() => setRect(null)} />
    </Card>
  );
}
