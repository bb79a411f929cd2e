// 绩效考核 (PRODUCT #14, §6): a period's scores — departments and units ranked
// apart, each score opened to its indicators (value, score, weight) — as
// published (frozen) when it was, else from today's data; publish (and 更正);
// the workbook; and the 约谈/问责 records that feed the scores.
import { Alert, Button, Card, Input, Modal, Space, Table, Tabs, Tag } from "antd";
import type { ButtonProps } from "antd";
import dayjs from "dayjs";
import { useCallback, useState } from "react";

import { assessmentView, exportAssessment, publishAssessment } from "../../api/assessment";
import { saveSheet } from "../../api/dialogs";
import type { AssessmentView } from "../../api/generated/AssessmentView";
import type { Assessment } from "../../api/generated/Assessment";
import type { PartyScore } from "../../api/generated/PartyScore";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import AccountabilityPanel from "./AccountabilityPanel";
import { INDICATOR } from "./indicators";
import ManualPanel from "./ManualPanel";
import SchemesPanel from "./SchemesPanel";
import ScoreChart from "./ScoreChart";

const RATES = ["on_time_rate", "report_timeliness", "rectification_rate"];

/** Two decimals, rounded half up (§6). */
export const scoreText = (s: number | null) => (s === null ? "—" : (Math.round(s * 100 + 1e-9) / 100).toFixed(2));

function Ranking({ rows, testId }: { rows: PartyScore[]; testId: string }) {
  return (
    <Table<PartyScore>
      size="small"
      rowKey="party"
      data-testid={testId}
      dataSource={rows}
      pagination={{ pageSize: 40, hideOnSinglePage: true }}
      onRow={(r) =>
        ({ "data-testid": "assess-row", "data-party": r.party, "data-score": scoreText(r.score) }) as React.HTMLAttributes<HTMLElement>
      }
      expandable={{
        expandRowByClick: true,
        rowExpandable: (r) => r.indicators.length > 0,
        expandedRowRender: (r) => (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="assess-breakdown"
            dataSource={r.indicators}
            columns={[
              { title: "指标", render: (_, i) => INDICATOR[i.id] ?? i.id },
              { title: "值", render: (_, i) => (RATES.includes(i.id) ? `${(i.value * 100).toFixed(1)}%` : i.value) },
              { title: "得分", render: (_, i) => scoreText(i.score) },
              { title: "权重", dataIndex: "weight" },
            ]}
          />
        ),
      }}
      columns={[
        { title: "名次", width: 60, render: (_, r) => r.rank ?? "—" },
        { title: "名称", dataIndex: "party" },
        { title: "得分", width: 100, render: (_, r) => <span data-testid="assess-score">{scoreText(r.score)}</span> },
      ]}
    />
  );
}

function Scores({ a }: { a: Assessment }) {
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <ScoreChart rows={a.departments} />
      <Tabs
        items={[
          { key: "d", label: `部门（${a.departments.length}）`, children: <Ranking rows={a.departments} testId="assess-departments" /> },
          { key: "u", label: `单位（${a.units.length}）`, children: <Ranking rows={a.units} testId="assess-units" /> },
        ]}
      />
    </Space>
  );
}

export default function AssessmentPage() {
  const today = useToday();
  const [period, setPeriod] = useState(() => dayjs(today).subtract(1, "month").format("YYYY-MM"));
  const [view, setView] = useState<AssessmentView | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState("");
  /** The tab the clerk chose; by default the published figures when there are some. */
  const [tab, setTab] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setView(await assessmentView(period, null));
    } catch (e) {
      setView(null);
      reportError(e);
    }
  }, [period]);
  useLoad(load);

  const publish = async (why: string | null) => {
    const p = await publishAssessment(period, null, why);
    notifySuccess(`已发布${p.period}考核结果（第 ${p.version} 版）。`);
    setTab("published");
    setCorrecting(false);
    setReason("");
  };
  const exportIt = async () => {
    const path = await saveSheet("导出绩效考核结果", `${period}绩效考核.xlsx`);
    if (!path) return;
    await exportAssessment(period, path);
    notifySuccess(`已导出：${path}`);
  };
  const published = view?.published ?? null;

  return (
    <Card
      data-testid="assessment-page"
      title={
        <Space wrap>
          <span>考核期间</span>
          <Input
            style={{ width: 120 }}
            placeholder="2026-11 / 2026Q4 / 2026"
            data-testid="assess-period"
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
            onPressEnter={() => {
              setTab(null);
              void load();
            }}
          />
          <Button
            data-testid="assess-load"
            onClick={() => {
              setTab(null);
              void load();
            }}
          >
            计算
          </Button>
        </Space>
      }
      extra={
        <Space>
          <Button
            type="primary"
            data-testid="assess-publish"
            disabled={!view}
            onClick={() => (published ? setCorrecting(true) : void publish(null).catch((e) => reportError(e, "未发布")))}
          >
            {published ? "更正发布" : "发布"}
          </Button>
          <Button data-testid="assess-export" disabled={!view} onClick={() => void exportIt().catch(reportError)}>
            导出
          </Button>
        </Space>
      }
    >
      {view && (
        <Tabs
          data-testid="assess-tabs"
          activeKey={tab ?? (published ? "published" : "live")}
          onChange={setTab}
          items={[
            ...(published
              ? [
                  {
                    key: "published",
                    label: <span data-testid="assess-tab-published">已发布（第 {published.publication.version} 版）</span>,
                    children: (
                      <Space direction="vertical" style={{ width: "100%" }}>
                        <Alert
                          type="success"
                          data-testid="assess-published"
                          message={`已于 ${published.publication.published_at.replace("T", " ").slice(0, 16)} 由 ${published.publication.published_by} 发布（统计截至 ${published.publication.as_of}）${published.publication.reason ? `，更正原因：${published.publication.reason}` : ""}。发布后的数据变化不影响已发布结果。`}
                        />
                        <Scores a={published.figures} />
                      </Space>
                    ),
                  },
                ]
              : []),
            {
              key: "live",
              label: <span data-testid="assess-tab-live">按当前数据计算</span>,
              children: (
                <Space direction="vertical" style={{ width: "100%" }}>
                  <Space>
                    <Tag>考核方案：{view.live.scheme}</Tag>
                    <Tag>统计截至：{view.live.as_of}</Tag>
                  </Space>
                  <Scores a={view.live} />
                </Space>
              ),
            },
            { key: "records", label: "约谈问责记录", children: <AccountabilityPanel /> },
            { key: "manual", label: <span data-testid="assess-tab-manual">综合评价</span>, children: <ManualPanel period={period} /> },
            { key: "schemes", label: <span data-testid="assess-tab-schemes">考核方案</span>, children: <SchemesPanel period={period} /> },
          ]}
        />
      )}
      <Modal
        title="更正发布"
        open={correcting}
        onCancel={() => setCorrecting(false)}
        onOk={() => void publish(reason).catch((e) => reportError(e, "未发布"))}
        okButtonProps={{ disabled: reason.trim() === "", "data-testid": "assess-correct-ok" } as ButtonProps}
      >
        <p>该期间已发布。更正将生成新版本，原版本保留。请填写更正原因：</p>
        <Input.TextArea data-testid="assess-correct-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
