// 报送任务 page: the rounds with their counts; open one to see each unit's
// 按时/迟报/漏报/未到期, generate templates and import returned reports.
import { Button, Card, Space, Table, Tag } from "antd";
import { useCallback, useState } from "react";

import type { Round } from "../../api/generated/Round";
import { listRounds } from "../../api/rounds";
import { reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { useOrg } from "../../hooks/useOrg";
import { Struck, VoidedTag } from "../../components/Voiding";
import CreateRoundDrawer from "./CreateRoundDrawer";
import RoundDrawer from "./RoundDrawer";

export default function RoundsPage() {
  const org = useOrg();
  const [rows, setRows] = useState<Round[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listRounds());
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useLoad(load);

  return (
    <Card
      data-testid="rounds-page"
      title={
        <Button type="primary" data-testid="round-create-open" data-shortcut="new" onClick={() => setCreating(true)}>
          新建报送任务
        </Button>
      }
    >
      <Table<Round>
        data-testid="rounds-table"
        rowKey={(r) => String(r.id)}
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        onRow={(r) =>
          ({
            onClick: () => setOpenId(r.id),
            style: { cursor: "pointer" },
            "data-testid": "round-row",
            "data-round-id": String(r.id),
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: "报送任务",
            render: (_, r) => (
              <Space size={4} wrap>
                <Struck voided={r.voided}>{r.title}</Struck>
                <VoidedTag voided={r.voided} testId="round-row-voided" />
              </Space>
            ),
          },
          { title: "类型", width: 140, render: (_, r) => (r.kind === "policy" ? `政策措施 ${r.phase}` : "落实进展") },
          { title: "截止日期", dataIndex: "due", width: 110 },
          {
            title: "报送情况",
            width: 330,
            render: (_, r) =>
              r.voided ? (
                <Tag>已作废，不计入统计</Tag>
              ) : (
              <Space size={[0, 4]} wrap>
                <Tag>应报 {r.counts.targets}</Tag>
                <Tag color="green">按时 {r.counts.on_time}</Tag>
                <Tag color="orange">迟报 {r.counts.late}</Tag>
                <Tag color="red">漏报 {r.counts.missing}</Tag>
                <Tag>未到期 {r.counts.not_due}</Tag>
              </Space>
              ),
          },
          { title: "编号", dataIndex: "token", width: 140 },
        ]}
      />
      <CreateRoundDrawer
        open={creating}
        org={org}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
      <RoundDrawer roundId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
