// 组织机构 (PRODUCT #16): departments (内设机构), subordinate units (下级单位)
// with their short names/aliases, and the bureau's leaders (局领导). A party
// that items refer to cannot be deleted, only deactivated (停用).
import { Button, Card, Empty, Space, Tabs, Typography } from "antd";
import { useState } from "react";

import { saveSheet } from "../../api/dialogs";
import { NO_LIST_FILTER, exportList } from "../../api/lists";
import { seedDefaultOrg } from "../../api/org";
import { notifySuccess, reportError } from "../../feedback";
import LeaderTable from "./LeaderTable";
import PartyTable from "./PartyTable";
import PeopleTable from "./PeopleTable";
import { useOrg } from "../../hooks/useOrg";

export default function OrgPage() {
  const { org, loading } = useOrg();
  const [tab, setTab] = useState("department");
  const seed = async () => {
    const n = await seedDefaultOrg();
    notifySuccess(n > 0 ? `已载入默认组织机构：${n} 个部门和单位。` : "已有组织机构，未重复载入。");
  };
  const exportOrg = async () => {
    const path = await saveSheet("导出组织机构与人员", "组织机构与人员.xlsx");
    if (!path) return;
    const done = await exportList("org", NO_LIST_FILTER, path);
    notifySuccess(`已导出组织机构、局领导和人员名单，共 ${done.rows} 条。`);
  };
  const empty = !loading && org.parties.length === 0;
  return (
    <Card
      title="组织机构"
      data-testid="org-page"
      extra={
        <Space>
          <Typography.Text type="secondary">
            已有督办事项的部门不能删除，只能停用；停用后不再出现在新事项的选择中。
          </Typography.Text>
          <Button data-testid="org-export" onClick={() => void exportOrg().catch(reportError)}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      {empty ? (
        <Empty description="尚未设置组织机构">
          <Button type="primary" data-testid="org-seed-default" onClick={() => void seed().catch(reportError)}>
            载入默认组织机构
          </Button>
        </Empty>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "department",
              label: "内设机构",
              children: <PartyTable kind="department" parties={org.parties} loading={loading} />,
            },
            {
              key: "unit",
              label: "下级单位",
              children: <PartyTable kind="unit" parties={org.parties} loading={loading} />,
            },
            {
              key: "leader",
              label: "局领导",
              children: <LeaderTable leaders={org.leaders} loading={loading} />,
            },
            {
              key: "people",
              label: "人员名单",
              children: <PeopleTable parties={org.parties} />,
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 8 }} />
    </Card>
  );
}
