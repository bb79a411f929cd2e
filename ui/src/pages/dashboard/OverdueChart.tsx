// Overdue (red) open items per lead department/unit, as an ECharts bar chart.
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

import type { PartyOverdue } from "../../api/generated/PartyOverdue";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function OverdueChart({ rows }: { rows: PartyOverdue[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 16, bottom: 88 },
      xAxis: { type: "category", data: rows.map((r) => r.party), axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          type: "bar",
          name: "逾期事项",
          data: rows.map((r) => r.count),
          itemStyle: { color: "#ff4d4f" },
          label: { show: true, position: "top" },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [rows]);
  return <div ref={el} data-testid="overdue-chart" data-bars={rows.length} style={{ width: "100%", height: 300 }} />;
}
