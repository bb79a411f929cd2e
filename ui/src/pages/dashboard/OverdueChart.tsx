// Overdue (red) open items per lead department/unit, as a horizontal ECharts
// bar chart: the parties with the most overdue items first, at most TOP of
// them, and the rest as one bar "其他 N 个" — readable with 50+ parties.
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";

import type { PartyOverdue } from "../../api/generated/PartyOverdue";
import { STILL_CHART } from "../../components/chartMotion";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Bars shown by name; the others are summed into one. */
const TOP = 12;
/** Height of one bar's row, in pixels. */
const ROW_PX = 24;

/** The bars, most overdue first: the first TOP parties and the rest summed. */
export function overdueBars(rows: PartyOverdue[]): { label: string; count: number }[] {
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.party.localeCompare(b.party));
  const bars = sorted.slice(0, TOP).map((r) => ({ label: r.party, count: r.count }));
  const rest = sorted.slice(TOP);
  if (rest.length > 0) {
    bars.push({ label: `其他 ${rest.length} 个`, count: rest.reduce((n, r) => n + r.count, 0) });
  }
  return bars;
}

export default function OverdueChart({ rows }: { rows: PartyOverdue[] }) {
  const el = useRef<HTMLDivElement>(null);
  const bars = useMemo(() => overdueBars(rows), [rows]);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    // Top to bottom, most overdue first (a category y axis draws upwards).
    const shown = [...bars].reverse();
    chart.setOption({
      ...STILL_CHART,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: shown.map((b) => b.label), axisLabel: { width: 140, overflow: "truncate" } },
      series: [
        {
          type: "bar",
          name: "逾期事项",
          data: shown.map((b) => b.count),
          itemStyle: { color: "#ff4d4f" },
          label: { show: true, position: "right" },
          barMaxWidth: 18,
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [bars]);
  return (
    <div
      ref={el}
      data-testid="overdue-chart"
      data-bars={bars.length}
      data-parties={rows.length}
      style={{ width: "100%", height: Math.max(120, bars.length * ROW_PX + 24) }}
    />
  );
}
