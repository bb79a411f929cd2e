// 舆情 (PRODUCT #15, §5): the month's ranking of the units with the flags,
// the incidents still 处置中 and how long they have been open, and a unit's
// 12-month trend. The incidents come in through 导入 (舆情情况登记表).
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useMemo, useState } from "react";

import { saveSheet } from "../../api/dialogs";
import type { Incident } from "../../api/generated/Incident";
import type { UnitStats } from "../../api/generated/UnitStats";
import type { UnitTrend } from "../../api/generated/UnitTrend";
import { exportOpinion, listIncidents, opinionStats, opinionTrend } from "../../api/opinion";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import { useOrg } from "../../hooks/useOrg";
import IncidentsCard from "./IncidentsCard";
import LimitsCard from "./LimitsCard";
import TrendChart from "./TrendChart";

const LEVEL: Record<string, string> = { general: "一般", larger: "较大", major: "重大", critical: "特别重大" };
const FLAG_COLOR: Record<string, string> = { 瞒报: "red", 排名靠后: "orange", 负面上升: "gold" };

const percent = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

export default function OpinionPage() {
  const today = useToday();
  const [month, setMonth] = useState(() => dayjs(today).format("YYYY-MM"));
  const [stats, setStats] = useState<UnitStats[] | null>(null);
  const [open, setOpen] = useState<Incident[]>([]);
  const [trend, setTrend] = useState<UnitTrend[]>([]);
  const [unit, setUnit] = useState<string | null>(null);
  const { org } = useOrg();
  const units = useMemo(() => org.parties.filter((p) => p.kind === "unit" && p.active), [org]);

  const load = useCallback(async () => {
    try {
      const [s, o, t] = await Promise.all([
        opinionStats(month),
        listIncidents({ month: null, party: null, open_only: true }),
        opinionTrend(month, 12),
      ]);
      setStats(s);
      setOpen(o);
      setTrend(t);
    } catch (e) {
      setStats(null);
      reportError(e);
    }
  }, [month]);
  useLoad(load);

  const flagged = useMemo(() => (stats ?? []).filter((s) => s.flags.length > 0), [stats]);
  const shownTrend = trend.find((t) => t.party === (unit ?? flagged[0]?.party ?? trend[0]?.party));

  const exportIt = async () => {
    const path = await saveSheet("导出舆情统计", `${month}舆情情况统计.xlsx`);
    if (!path) return;
    await exportOpinion(month, path);
    notifySuccess(`已导出：${path}`);
  };

  return (
    <Card
      data-testid="opinion-page"
      title={
        <Space wrap>
          <span>统计月份</span>
          <Input
            style={{ width: 120 }}
            data-testid="opinion-month"
            value={month}
            onChange={(e) => setMonth(e.target.value.trim())}
            onPressEnter={() => void load()}
          />
          <Button data-testid="opinion-load" onClick={() => void load()}>
            统计
          </Button>
        </Space>
      }
      extra={
        <Button type="primary" data-testid="opinion-export" disabled={!stats} onClick={() => void exportIt().catch(reportError)}>
          导出
        </Button>
      }
    >
      {stats && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Typography.Text data-testid="opinion-flagged">
            {flagged.length === 0 ? "本月没有被标记的单位。" : `本月被标记的单位：${flagged.map((f) => `${f.party}（${f.flags.join("、")}）`).join("；")}`}
          </Typography.Text>
          <Table<UnitStats>
            size="small"
            rowKey="party"
            dataSource={stats}
            pagination={{ pageSize: 40, hideOnSinglePage: true }}
            onRow={(r) =>
              ({
                "data-testid": "opinion-row",
                "data-party": r.party,
                "data-rank": r.rank,
                "data-flags": r.flags.join(","),
                onClick: () => setUnit(r.party),
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: "名次", dataIndex: "rank", width: 60 },
              { title: "单位", dataIndex: "party" },
              { title: "舆情数", dataIndex: "total", width: 70 },
              { title: "负面数", dataIndex: "negative", width: 70 },
              { title: "重大及以上", dataIndex: "major", width: 90 },
              { title: "迟报", dataIndex: "late", width: 60 },
              { title: "漏报", dataIndex: "missing", width: 60 },
              { title: "瞒报", dataIndex: "concealed", width: 60 },
              { title: "按时报告率", width: 100, render: (_, r) => percent(r.on_time_rate) },
              {
                title: "标记",
                width: 180,
                render: (_, r) => r.flags.map((f) => <Tag key={f} color={FLAG_COLOR[f] ?? "default"}>{f}</Tag>),
              },
            ]}
          />
          <Card size="small" title={`处置中的舆情（${open.length}）`}>
            <Table<Incident>
              size="small"
              rowKey="id"
              dataSource={open}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: "没有处置中的舆情" }}
              onRow={() => ({ "data-testid": "opinion-open" }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: "单位", dataIndex: "party", width: 140 },
                { title: "舆情标题", dataIndex: "title" },
                { title: "等级", width: 80, render: (_, r) => LEVEL[r.level] ?? r.level },
                { title: "负面", width: 60, render: (_, r) => (r.negative ? "是" : "否") },
                { title: "发现时间", width: 150, render: (_, r) => (r.discovered_at ?? r.occurred_at).replace("T", " ").slice(0, 16) },
                {
                  title: "已处置中",
                  width: 90,
                  render: (_, r) => `${Math.max(0, dayjs(today).diff(dayjs((r.discovered_at ?? r.occurred_at).slice(0, 10)), "day"))} 天`,
                },
              ]}
            />
          </Card>
          <IncidentsCard month={month} units={units} />
          <Card
            size="small"
            title="近 12 个月趋势"
            extra={
              <Select
                showSearch
                style={{ width: 220 }}
                data-testid="opinion-trend-unit"
                value={shownTrend?.party}
                onChange={setUnit}
                options={trend.map((t) => ({ value: t.party, label: t.party }))}
              />
            }
          >
            {shownTrend ? <TrendChart trend={shownTrend} /> : <Empty description="没有数据" />}
          </Card>
          <LimitsCard />
        </Space>
      )}
    </Card>
  );
}
