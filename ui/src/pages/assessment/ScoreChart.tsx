// The departments' scores as a horizontal ECharts bar chart (best first).
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

import type { PartyScore } from "../../api/generated/PartyScore";
import { STILL_CHART } from "../../components/chartMotion";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function ScoreChart({ rows }: { rows: PartyScore[] }) {
  const el = useRef<HTMLDivElement>(null);
  const scored = rows.filter((r) => r.score !== null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const shown = [...scored].reverse();
    chart.setOption({
      ...STILL_CHART,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", data: shown.map((r) => r.party), axisLabel: { width: 140, overflow: "truncate" } },
      series: [
        {
          type: "bar",
          name: "得分",
          data: shown.map((r) => Math.round((r.score ?? 0) * 100) / 100),
          label: { show: true, position: "right" },
          barMaxWidth: 16,
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [scored]);
  if (scored.length === 0) return null;
  return <div ref={el} data-testid="assess-chart" style={{ width: "100%", height: Math.max(120, scored.length * 22 + 24) }} />;
}
