// 通报 page: pick the month and the as-of day, preview the §3 figures (the
// same core function the export uses), then export the workbook.
import { Alert, Button, Card, DatePicker, Space, Table, Tabs, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useMemo, useState } from "react";

import { exportMonthly, monthlyFigures } from "../../api/circulation";
import { saveSheet } from "../../api/dialogs";
import type { MonthlyFigures } from "../../api/generated/MonthlyFigures";
import type { PartyRow } from "../../api/generated/PartyRow";
import type { Tally } from "../../api/generated/Tally";
import DateField from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import { StatusTag } from "../../components/reportLabels";
import RateChart from "./RateChart";

/** The first columns of every list of items on this page. */
const itemColumns = [
  { title: "事项编号", dataIndex: "item_no", width: 130 },
  { title: "事项名称", dataIndex: "name" },
  { title: "牵头部门", dataIndex: "lead", width: 150 },
];
/** Long lists page by 50. */
const PAGES = { pageSize: 50, hideOnSinglePage: true };

function tallyColumns<T>(get: (r: T) => Tally) {
  return [
    { title: "应办结", width: 80, render: (_: unknown, r: T) => get(r).due_total },
    { title: "按期办结", width: 90, render: (_: unknown, r: T) => get(r).on_time },
    { title: "逾期办结", width: 90, render: (_: unknown, r: T) => get(r).late_done },
    { title: "逾期未办结", width: 100, render: (_: unknown, r: T) => get(r).overdue_open },
    {
      title: "按期办结率",
      width: 100,
      render: (_: unknown, r: T) => <span data-testid="monthly-rate">{get(r).rate_text}</span>,
    },
    { title: "新增事项", width: 90, render: (_: unknown, r: T) => get(r).new_items },
    { title: "延期次数", width: 90, render: (_: unknown, r: T) => get(r).extensions },
    { title: "长期事项", width: 90, render: (_: unknown, r: T) => get(r).standing },
  ];
}

function Ranking({ rows, testId }: { rows: PartyRow[]; testId: string }) {
  return (
    <Table<PartyRow>
      size="small"
      data-testid={testId}
      rowKey={(r) => String(r.party_id)}
      pagination={false}
      dataSource={rows}
      onRow={(r) => ({ "data-testid": "monthly-party", "data-party": r.name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: "排名", width: 60, render: (_, r) => (r.rank === null ? "—" : r.rank) },
        { title: "名称", dataIndex: "name" },
        ...tallyColumns<PartyRow>((r) => r.tally),
        { title: "配合", width: 70, render: (_, r) => r.cooperating },
      ]}
    />
  );
}

export default function CirculationPage() {
  const today = useToday();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(today).subtract(1, "month"));
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [figures, setFigures] = useState<MonthlyFigures | null>(null);
  const [loading, setLoading] = useState(false);
  const monthText = month.format("YYYY-MM");

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setFigures(await monthlyFigures(monthText, asOf ?? null));
    } catch (e) {
      setFigures(null);
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [monthText, asOf]);

  useLoad(load);

  const exportIt = async () => {
    const path = await saveSheet("导出月度督办通报", `${month.format("YYYY年M月")}督办工作通报.xlsx`);
    if (!path) return;
    await exportMonthly(monthText, asOf ?? null, path);
    notifySuccess(`已导出：${path}`);
  };

  const overall = useMemo(
    () =>
      figures
        ? [
            { key: "全局合计", tally: figures.total },
            { key: "内设机构（机关督办）", tally: figures.departments_total },
            ...(figures.units.length > 0 ? [{ key: "下级单位（系统督查）", tally: figures.units_total }] : []),
          ]
        : [],
    [figures],
  );

  return (
    <Card
      data-testid="circulation-page"
      title={
        <Space wrap>
          <span>通报月份</span>
          <DatePicker
            picker="month"
            allowClear={false}
            data-testid="monthly-month"
            value={month}
            format="YYYY-MM"
            onChange={(d) => d && setMonth(d)}
          />
          <span>统计截至</span>
          <DateField testId="monthly-as-of" value={asOf} onChange={setAsOf} placeholder="默认月末（本月为今天）" style={{ width: 160 }} />
          <Button onClick={() => void load()} loading={loading} data-testid="monthly-preview">
            预览
          </Button>
        </Space>
      }
      extra={
        <Button
          type="primary"
          data-testid="monthly-export"
          disabled={!figures}
          onClick={() => void exportIt().catch((e) => reportError(e, "通报未导出"))}
        >
          导出通报
        </Button>
      }
    >
      {figures && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Alert type="info" data-testid="monthly-summary" message={figures.summary} />
          <Table
            size="small"
            data-testid="monthly-overall"
            rowKey="key"
            pagination={false}
            dataSource={overall}
            columns={[{ title: "范围", dataIndex: "key" }, ...tallyColumns<(typeof overall)[number]>((r) => r.tally)]}
          />
          <Tabs
            items={[
              {
                key: "departments",
                label: "部门排名",
                children: (
                  <>
                    <RateChart rows={figures.departments} />
                    <Ranking rows={figures.departments} testId="monthly-departments" />
                  </>
                ),
              },
              ...(figures.units.length > 0
                ? [{ key: "units", label: "单位排名", children: <Ranking rows={figures.units} testId="monthly-units" /> }]
                : []),
              {
                key: "overdue",
                label: `逾期事项（${figures.overdue.length}）`,
                children: (
                  <Table
                    size="small"
                    rowKey="item_no"
                    dataSource={figures.overdue}
                    pagination={PAGES}
                    columns={[
                      ...itemColumns,
                      { title: "完成时限", dataIndex: "due", width: 110 },
                      { title: "逾期天数", width: 90, render: (_, r) => r.overdue_days },
                      { title: "逾期工作日", width: 100, render: (_, r) => (r.overdue_workdays_provisional ? `${r.overdue_workdays}（暂定）` : r.overdue_workdays) },
                    ]}
                  />
                ),
              },
              {
                key: "extensions",
                label: `延期事项（${figures.extensions.length}）`,
                children: (
                  <Table
                    size="small"
                    rowKey={(r) => `${r.item_no}-${r.requested_on}`}
                    dataSource={figures.extensions}
                    pagination={PAGES}
                    columns={[
                      ...itemColumns,
                      { title: "原完成时限", dataIndex: "old_deadline", width: 110 },
                      { title: "申请延至", dataIndex: "new_deadline", width: 110 },
                      { title: "审批结果", dataIndex: "status", width: 90 },
                    ]}
                  />
                ),
              },
              {
                key: "reports",
                label: `报送情况（${figures.reports.length}）`,
                children: (
                  <Table
                    size="small"
                    data-testid="monthly-reports"
                    rowKey={(r) => `${r.round_id}-${r.party}`}
                    dataSource={figures.reports}
                    pagination={PAGES}
                    columns={[
                      { title: "报送任务", dataIndex: "round" },
                      { title: "截止日期", dataIndex: "due", width: 110 },
                      { title: "报送单位", dataIndex: "party", width: 160 },
                      { title: "报送日期", width: 110, render: (_, r) => r.received_on ?? "" },
                      { title: "情况", width: 90, render: (_, r) => <StatusTag status={r.status} /> },
                    ]}
                  />
                ),
              },
              {
                key: "finished",
                label: `办结事项（${figures.finished.length}）`,
                children: (
                  <Table
                    size="small"
                    rowKey="item_no"
                    dataSource={figures.finished}
                    pagination={PAGES}
                    columns={[
                      ...itemColumns,
                      { title: "完成时限", dataIndex: "due", width: 110 },
                      { title: "办结日期", dataIndex: "done", width: 110 },
                      {
                        title: "是否按期",
                        width: 90,
                        render: (_, r) => (r.on_time ? <Tag color="green">按期</Tag> : <Tag color="orange">逾期</Tag>),
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
