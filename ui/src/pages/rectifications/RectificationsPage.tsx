// 整改台账 (PRODUCT #13): every 整改事项 with its light, the unit's report and
// the three checks; filters by unit, state, light and text; the print-ready
// 督查问题整改台账 export with the same filters; each item opens its drawer.
import { Button, Card, Input, Select, Space, Table, Tag } from "antd";
import { useCallback, useState } from "react";

import { saveSheet } from "../../api/dialogs";
import type { Light } from "../../api/generated/Light";
import type { RectFilter } from "../../api/generated/RectFilter";
import type { RectRow } from "../../api/generated/RectRow";
import { exportRectifications, listRectifications } from "../../api/inspections";
import { LightTag } from "../../components/labels";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { matchSearch, partyOptions, useOrg } from "../../hooks/useOrg";
import FindingForm from "../../components/FindingForm";
import RectDrawer from "../../components/RectDrawer";

const EMPTY: RectFilter = { party: null, inspection: null, source: null, open: true, light: null, text: null, from: null, to: null };

const tick = (on: boolean, label: string) => <Tag color={on ? "green" : "default"}>{on ? "✓" : "□"} {label}</Tag>;

export default function RectificationsPage() {
  const org = useOrg();
  const [filter, setFilter] = useState<RectFilter>(EMPTY);
  const [rows, setRows] = useState<RectRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [opened, setOpened] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listRectifications(filter));
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [filter]);
  useLoad(load);

  const exportIt = async () => {
    const path = await saveSheet("导出督查问题整改台账", "督查问题整改台账.xlsx");
    if (!path) return;
    const w = await exportRectifications(filter, path);
    notifySuccess(`已导出 ${w.items} 项整改事项。`);
  };

  return (
    <Card
      title="整改台账"
      data-testid="rect-page"
      extra={
        <Space>
          <FindingForm parties={org.org.parties} />
          <Button data-testid="rect-export" onClick={() => void exportIt().catch(reportError)}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          data-testid="rect-filter-party"
          allowClear
          showSearch
          placeholder="单位"
          style={{ width: 220 }}
          options={partyOptions(org.org.parties, true)}
          filterOption={matchSearch}
          value={filter.party ?? undefined}
          onChange={(v?: string) => setFilter((f) => ({ ...f, party: v ?? null }))}
        />
        <Select
          data-testid="rect-filter-open"
          style={{ width: 120 }}
          value={filter.open === null ? "all" : filter.open ? "open" : "closed"}
          options={[
            { value: "open", label: "未销号" },
            { value: "closed", label: "已销号" },
            { value: "all", label: "全部" },
          ]}
          onChange={(v: string) => setFilter((f) => ({ ...f, open: v === "all" ? null : v === "open" }))}
        />
        <Select
          allowClear
          placeholder="灯"
          style={{ width: 100 }}
          value={filter.light ?? undefined}
          options={[
            { value: "red", label: "红灯" },
            { value: "yellow", label: "黄灯" },
            { value: "green", label: "绿灯" },
          ]}
          onChange={(v?: Light) => setFilter((f) => ({ ...f, light: v ?? null }))}
        />
        <Input.Search
          data-testid="rect-filter-text"
          data-shortcut="search"
          allowClear
          placeholder="问题或整改编号"
          style={{ width: 240 }}
          onSearch={(t) => setFilter((f) => ({ ...f, text: t.trim() || null }))}
        />
      </Space>
      <Table<RectRow>
        rowKey="rect_no"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 项` }}
        onRow={(r) =>
          ({ "data-testid": "rect-row", "data-rect": r.rect_no, "data-party": r.party, onClick: () => setOpened(r.rect_no), style: { cursor: "pointer" } }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: "整改编号", dataIndex: "rect_no", width: 110 },
          { title: "单位", dataIndex: "party", width: 140 },
          { title: "来源", width: 150, ellipsis: true, render: (_, r) => `${r.source} ${r.source_ref}` },
          { title: "问题", dataIndex: "problem", ellipsis: true },
          { title: "整改时限", dataIndex: "deadline", width: 100 },
          {
            title: "状态",
            width: 90,
            render: (_, r) => (r.closed ? <Tag color="green">已销号</Tag> : <LightTag light={r.light} testId="rect-row-light" />),
          },
          { title: "单位报告", dataIndex: "unit_status", width: 80 },
          {
            title: "三不放过",
            width: 250,
            render: (_, r) => (
              <Space size={2}>
                {tick(r.cause_checked, "原因")}
                {tick(r.remedied_checked, "整改")}
                {tick(r.accountability !== null, "追责")}
              </Space>
            ),
          },
        ]}
      />
      <RectDrawer rectNo={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
