// A unit's 舆情数 and 负面数 over 12 months, as an ECharts line chart.
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

import type { UnitTrend } from "../../api/generated/UnitTrend";
import { STILL_CHART } from "../../components/chartMotion";

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function TrendChart({ trend }: { trend: UnitTrend }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      ...STILL_CHART,
      tooltip: { trigger: "axis" },
      legend: { data: ["舆情数", "负面数"] },
      grid: { left: 40, right: 16, top: 32, bottom: 32 },
      xAxis: { type: "category", data: trend.months.map((m) => `${m.month.year}-${String(m.month.month).padStart(2, "0")}`) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { type: "line", name: "舆情数", data: trend.months.map((m) => m.total) },
        { type: "line", name: "负面数", data: trend.months.map((m) => m.negative), itemStyle: { color: "#ff4d4f" } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [trend]);
  return <div ref={el} data-testid="opinion-trend" data-unit={trend.party} style={{ width: "100%", height: 260 }} />;
}
