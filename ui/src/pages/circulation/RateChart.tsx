// 按期办结率 by department as an ECharts bar chart (parties with 应办结 = 0 have no bar).
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";

import type { PartyRow } from "../../api/generated/PartyRow";
import { STILL_CHART } from "../../components/chartMotion";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function RateChart({ rows }: { rows: PartyRow[] }) {
  const el = useRef<HTMLDivElement>(null);
  const rated = useMemo(() => rows.filter((r) => r.tally.rate_permille !== null), [rows]);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      ...STILL_CHART,
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${v.toFixed(1)}%` },
      grid: { left: 48, right: 16, top: 16, bottom: 96 },
      xAxis: { type: "category", data: rated.map((r) => r.name), axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        {
          type: "bar",
          name: "按期办结率",
          data: rated.map((r) => (r.tally.rate_permille ?? 0) / 10),
          label: { show: true, position: "top", formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [rated]);
  return <div ref={el} data-testid="monthly-chart" data-bars={rated.length} style={{ width: "100%", height: 320 }} />;
}
