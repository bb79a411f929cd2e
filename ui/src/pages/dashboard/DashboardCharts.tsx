// The 工作台's charts (PRODUCT #20): 按期办结率 by lead department this year
// (lowest first, so who needs attention is on top), the 12-month trend of due /
// on time / late / overdue, and the rounds still waiting for reports.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { Card, Col, List, Row, Typography } from "antd";
import { useEffect, useRef } from "react";

import type { DashboardFigures } from "../../api/generated/DashboardFigures";
import { usePaintedMark } from "../../hooks/performanceMark";
import { STILL_CHART } from "../../components/chartMotion";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Departments shown by name in the rate chart. */
const TOP = 15;

function useChart(option: echarts.EChartsCoreOption | null) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current || !option) return;
    const chart = echarts.init(el.current);
    chart.setOption({ ...STILL_CHART, ...option });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option]);
  return el;
}

/** The charts of the 工作台; `f` is loaded by the page beside its other figures. */
export default function DashboardCharts({ figures: f }: { figures: DashboardFigures | null }) {
  usePaintedMark("duban:dashboard-charts", f !== null);

  const rated = (f?.rates ?? [])
    .filter((r) => r.kind === "department" && r.tally.rate_permille !== null)
    .sort((a, b) => (a.tally.rate_permille ?? 0) - (b.tally.rate_permille ?? 0))
    .slice(0, TOP);
  const rateEl = useChart(
    f && rated.length > 0
      ? {
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
          yAxis: { type: "category", inverse: true, data: rated.map((r) => r.party), axisLabel: { width: 130, overflow: "truncate" } },
          series: [
            {
              type: "bar",
              name: "按期办结率",
              data: rated.map((r) => (r.tally.rate_permille ?? 0) / 10),
              label: { show: true, position: "right", formatter: "{c}%" },
              itemStyle: { color: "#1677ff" },
              barMaxWidth: 16,
            },
          ],
        }
      : null,
  );
  const trendEl = useChart(
    f
      ? {
          tooltip: { trigger: "axis" },
          legend: { data: ["到期", "按期办结", "逾期办结", "逾期未办结"] },
          grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: f.trend.map((t) => t.label) },
          yAxis: { type: "value", minInterval: 1 },
          series: [
            { type: "line", name: "到期", data: f.trend.map((t) => t.due) },
            { type: "line", name: "按期办结", data: f.trend.map((t) => t.on_time), itemStyle: { color: "#52c41a" } },
            { type: "line", name: "逾期办结", data: f.trend.map((t) => t.late_done), itemStyle: { color: "#faad14" } },
            { type: "line", name: "逾期未办结", data: f.trend.map((t) => t.overdue_open), itemStyle: { color: "#ff4d4f" } },
          ],
        }
      : null,
  );
  if (!f) return null;
  return (
    <Row gutter={16} data-testid="dash-figures">
      <Col span={12}>
        <Card size="small" title={`按期办结率（${f.rates_from} 起，内设机构，由低到高）`} style={{ marginBottom: 16 }}>
          {rated.length === 0 ? (
            <Typography.Text type="secondary">今年还没有到期的事项。</Typography.Text>
          ) : (
            <div ref={rateEl} data-testid="dash-rate-chart" data-bars={rated.length} style={{ width: "100%", height: rated.length * 24 + 24 }} />
          )}
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title="近 12 个月到期与办结" style={{ marginBottom: 16 }}>
          <div ref={trendEl} data-testid="dash-trend-chart" data-months={f.trend.length} style={{ width: "100%", height: 260 }} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={`等待报送的报送任务（${f.rounds_waiting.length}）`} style={{ marginBottom: 16 }}>
          <List
            size="small"
            dataSource={f.rounds_waiting}
            locale={{ emptyText: "没有等待报送的报送任务" }}
            renderItem={(r) => (
              <List.Item data-testid="dash-round-waiting">
                {r.title}：截止 {r.due}，已报 {r.received}/{r.targets}
                {r.missing > 0 ? <Typography.Text type="danger">，逾期未报 {r.missing}</Typography.Text> : null}
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
