// 日历 (issue 13): a year's working days as twelve small months, and loading a
// year's 节假日安排 from a sheet (日期, 类型 休/班, 名称). A sheet with a
// problem (a date twice …) is refused whole with the rows named.
import { useCallback, useState } from "react";
import { Alert, Button, Card, Select, Space, Tag, Typography } from "antd";
import type { YearView } from "../../api/generated/YearView";
import { loadScheduleFile, loadYear } from "../../api/calendar";
import { pickPath } from "../../api/dialogs";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import type { YearDay } from "../../api/generated/YearDay";
import DayModal from "./DayModal";
import YearGrid, { KIND_STYLE } from "./YearGrid";

export default function CalendarPage() {
  const today = useToday();
  const thisYear = Number(today.slice(0, 4)) || 2026;
  const [year, setYear] = useState<number | null>(null);
  const shown = year ?? (Number(today.slice(5, 7)) === 12 ? thisYear + 1 : thisYear);
  const [view, setView] = useState<YearView | null>(null);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<YearDay | null>(null);

  const load = useCallback(() => {
    loadYear(shown).then(setView).catch(reportError);
  }, [shown]);
  useLoad(load);

  const loadSheet = async () => {
    try {
      const path = await pickPath({
        mode: "open",
        title: "选择节假日安排表格",
        filters: [{ name: "表格或文本", extensions: ["xlsx", "xls", "xlsm", "ods", "csv", "txt"] }],
        default_name: null,
      });
      if (!path) return;
      setBusy(true);
      const r = await loadScheduleFile(path, null);
      setYear(r.change.year);
      notifySuccess(
        r.duplicate
          ? `“${r.file}”已载入过，未做修改`
          : `已载入${r.change.year}年节假日安排：放假 ${r.change.holidays} 天，调休上班 ${r.change.workdays} 天`,
      );
    } catch (e) {
      reportError(e, "节假日安排未载入");
    } finally {
      setBusy(false);
    }
  };

  const years = Array.from({ length: 5 }, (_, i) => thisYear - 2 + i);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="calendar-page">
      <Card
        title="工作日历"
        extra={
          <Space>
            <Select
              data-testid="cal-year"
              value={shown}
              style={{ width: 120 }}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={(v) => setYear(v)}
            />
            <Button type="primary" loading={busy} data-testid="cal-load" onClick={() => void loadSheet()}>
              从表格载入节假日安排…
            </Button>
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          {Object.entries(KIND_STYLE).map(([k, s]) => (
            <Tag key={k} style={{ ...s, border: "1px solid #d9d9d9" }}>
              {k}
            </Tag>
          ))}
          {view && (
            <Typography.Text data-testid="cal-summary" data-year={view.year} data-covered={String(view.covered)}>
              {view.year}年：工作日 {view.workdays} 天；
              {view.covered ? `安排来源：${view.source}` : "尚未载入节假日安排（暂只按周末计算）"}
            </Typography.Text>
          )}
        </Space>
        {view && !view.covered && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`尚未载入${view.year}年节假日安排`}
            description="可从表格载入：第一行为表头“日期、类型、名称”；类型填“休”（放假）或“班”（周末调休上班）；日期可写一段，如 2027-02-10..2027-02-16。也可点击日历中的某一天逐日录入。"
          />
        )}
        {view && (
          <Typography.Paragraph type="secondary">点击某一天可逐日设置：工作日、休息日、节假日或调休上班。</Typography.Paragraph>
        )}
        {view && <YearGrid days={view.days} onPick={setPicked} />}
        <DayModal day={picked} onClose={() => setPicked(null)} />
      </Card>
    </Space>
  );
}
