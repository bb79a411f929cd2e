// 工作台 (PRODUCT #20): counts by light and status, today's reminders with
// one-click actions (open, record a chase, approve an extension), overdue items
// by department (ECharts), documents awaiting split, extensions awaiting decision.
import { Alert, Button, Card, Col, Drawer, List, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { Suspense, lazy, useState } from "react";

import type { Reminder } from "../../api/generated/Reminder";
import { saveSheet } from "../../api/dialogs";
import { dashboardFigures, exportChaseNotices } from "../../api/reminders";
import ChaseModal from "../../components/ChaseModal";
import ExtensionPanel from "../../components/ExtensionPanel";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";
import { DASHBOARD, DASHBOARD_FIGURES, loadDashboardPage } from "../../hooks/firstPages";
import { useKept } from "../../hooks/useKept";
import { markStep, usePaintedMark } from "../../hooks/performanceMark";
import DocumentDrawer from "../../components/DocumentDrawer";
import ItemDrawer from "../../components/ItemDrawer";
import RectDrawer from "../../components/RectDrawer";
import { useOrg } from "../../hooks/useOrg";
import { ITEM_KINDS, KIND_COLOR, KIND_LABEL, RECT_KINDS } from "../../components/reminderKinds";
import FirstSteps from "./FirstSteps";

// The charts (and ECharts with them) load after the figures have painted.
const DashboardCharts = lazy(() => import("./DashboardCharts"));
const OverdueChart = lazy(() => import("./OverdueChart"));

const LIGHTS = [
  { key: "red", label: "红灯", color: "#cf1322" },
  { key: "yellow", label: "黄灯", color: "#d48806" },
  { key: "green", label: "绿灯", color: "#389e0d" },
  { key: "standing", label: "长期事项", color: "#595959" },
] as const;

export default function DashboardPage() {
  /** The reminder kind the table shows (null: every kind). */
  const [kindShown, setKindShown] = useState<string | null>(null);
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [openRect, setOpenRect] = useState<string | null>(null);
  const [openDoc, setOpenDoc] = useState<string | null>(null);
  const [extItem, setExtItem] = useState<string | null>(null);
  const [chase, setChase] = useState<{ itemNo?: string; docNo?: string; party?: string } | null>(null);
  const org = useOrg();
  const today = useToday();

  // Kept from the last visit when nothing has changed since (hooks/kept.ts).
  const page = useKept(DASHBOARD, loadDashboardPage);
  const dash = page?.[0] ?? null;
  const fresh = page?.[1] ?? false;
  usePaintedMark("duban:dashboard", dash !== null);
  // The charts' figures load beside the rest, not after it.
  const figures = useKept(DASHBOARD_FIGURES, dashboardFigures);

  const exportNotices = async () => {
    try {
      const path = await saveSheet("导出催办通知单", `催办通知单-${today}.xlsx`);
      if (!path) return;
      const notices = await exportChaseNotices(path, []);
      notifySuccess(`已导出催办通知单 ${notices.length} 份：${path}`);
    } catch (e) {
      reportError(e);
    }
  };

  if (!dash) return null;
  markStep("dashboard-render");

  const open = (r: Reminder) => {
    if (ITEM_KINDS.includes(r.kind)) setOpenItem(r.ref);
    else if (RECT_KINDS.includes(r.kind)) setOpenRect(r.ref);
    else if (r.document_id !== null) setOpenDoc(r.ref);
  };

  const columns = [
    {
      title: "类别",
      dataIndex: "kind",
      width: 130,
      render: (_: unknown, r: Reminder) => (
        <Tag color={KIND_COLOR[r.kind]} data-kind={r.kind}>
          {KIND_LABEL[r.kind]}
          {r.new ? " · 新" : ""}
        </Tag>
      ),
    },
    { title: "编号", dataIndex: "ref", width: 130 },
    { title: "责任方", dataIndex: "party", width: 130 },
    { title: "期限", dataIndex: "due", width: 100 },
    { title: "提醒", dataIndex: "message" },
    {
      title: "操作",
      width: 190,
      render: (_: unknown, r: Reminder) => (
        <Space size={4}>
          {(ITEM_KINDS.includes(r.kind) || RECT_KINDS.includes(r.kind) || r.document_id !== null) && (
            <Button size="small" onClick={() => open(r)} data-testid={`rem-open-${r.ref}`}>
              打开
            </Button>
          )}
          {(r.kind === "item_red" || r.kind === "item_yellow" || r.kind === "milestone_due") && (
            <Button
              size="small"
              onClick={() => setChase({ itemNo: r.ref, party: r.party })}
              data-testid={`rem-chase-${r.ref}`}
            >
              催办
            </Button>
          )}
          {r.kind === "extension_pending" && (
            <Button size="small" type="primary" onClick={() => setExtItem(r.ref)} data-testid={`rem-approve-${r.ref}`}>
              审批延期
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="dashboard">
      {dash.calendar_notice && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="dash-calendar-notice"
          message={dash.calendar_notice}
          action={
            <Link to="/calendar" data-testid="dash-calendar-link">
              去日历页载入
            </Link>
          }
        />
      )}
      {fresh && <FirstSteps />}
      {!fresh && <Row gutter={16} style={{ marginBottom: 16 }}>
        {LIGHTS.map((l) => (
          <Col span={6} key={l.key}>
            <Card size="small">
              <div data-testid={`dash-${l.key}`} data-value={dash.lights[l.key]}>
                <Statistic
                  title={`${l.label}（在办）`}
                  value={dash.lights[l.key]}
                  valueStyle={{ color: l.color }}
                />
              </div>
            </Card>
          </Col>
        ))}
      </Row>}
      <Space wrap style={{ marginBottom: 16 }} data-testid="dash-statuses">
        {dash.statuses.map((s) => (
          <Tag key={s.status}>
            {s.label} {s.count}
          </Tag>
        ))}
        {dash.last_check && (
          <Typography.Text type="secondary" data-testid="dash-last-check">
            上次提醒检查：{dash.last_check.slot}（{dash.last_check.ran_at} 运行）
          </Typography.Text>
        )}
      </Space>
      <Card
        size="small"
        title={`今日提醒（${dash.reminders_total}）`}
        extra={
          <Button onClick={() => void exportNotices()} data-testid="dash-export-notices">
            导出催办通知单
          </Button>
        }
        style={{ marginBottom: 16 }}
      >
        <Space wrap style={{ marginBottom: 8 }} data-testid="dash-reminder-kinds">
          <Tag.CheckableTag checked={kindShown === null} onChange={() => setKindShown(null)} data-testid="dash-kind-all">
            全部 {dash.reminders_total}
          </Tag.CheckableTag>
          {[...dash.reminder_counts].sort((a, b) => b.count - a.count).map(({ kind, count: n }) => (
            <Tag.CheckableTag
              key={kind}
              checked={kindShown === kind}
              onChange={() => setKindShown(kindShown === kind ? null : kind)}
              data-testid="dash-kind"
              data-kind={kind}
              data-count={n}
            >
              {KIND_LABEL[kind as Reminder["kind"]] ?? kind} {n}
            </Tag.CheckableTag>
          ))}
        </Space>
        <Table
          size="small"
          rowKey={(r) => `${r.kind}|${r.ref}|${r.party}|${r.due}|${r.countersign_id ?? ""}|${r.message}`}
          columns={columns}
          dataSource={kindShown === null ? dash.reminders : dash.reminders.filter((r) => r.kind === kindShown)}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="dash-reminders"
          locale={{ emptyText: "当前没有需要提醒的事项" }}
        />
        {dash.reminders.length < dash.reminders_total && (
          <Typography.Text type="secondary" data-testid="dash-reminders-capped">
            每类提醒列出前 {dash.reminders_per_kind} 条。红灯、黄灯事项的全部清单请在督办台账按灯色筛选；“导出催办通知单”包含全部提醒。
          </Typography.Text>
        )}
      </Card>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="逾期事项（按牵头部门）" style={{ marginBottom: 16 }}>
            {dash.overdue_by_party.length === 0 ? (
              <Typography.Text type="secondary">没有逾期事项。</Typography.Text>
            ) : (
              <Suspense fallback={<div style={{ height: 120 }} />}>
                <OverdueChart rows={dash.overdue_by_party} />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={`延期申请待审批（${dash.pending_extensions.length}）`} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={dash.pending_extensions}
              data-testid="dash-pending-extensions"
              locale={{ emptyText: "没有待审批的延期申请" }}
              renderItem={(x) => (
                <List.Item
                  actions={[
                    <Button key="a" size="small" type="primary" onClick={() => setExtItem(x.item_no)}>
                      审批
                    </Button>,
                  ]}
                >
                  {x.party}：{x.item_name}（{x.item_no}）{x.old_deadline} → {x.new_deadline}
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={`待分解文件（${dash.unsplit_total}）`}>
            <List
              size="small"
              dataSource={dash.unsplit_documents}
              data-testid="dash-unsplit"
              locale={{ emptyText: "没有待分解的文件" }}
              renderItem={(d) => (
                <List.Item
                  actions={[
                    <Button key="o" size="small" onClick={() => setOpenDoc(d.doc_no)}>
                      打开
                    </Button>,
                  ]}
                >
                  {d.urgency !== "平件" && <Tag color="red">{d.urgency}</Tag>}
                  {d.time_limit && <Tag color="orange">限 {d.time_limit}</Tag>}
                  {d.doc_no} {d.title}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="本月舆情标记" style={{ marginBottom: 16 }}>
            <List
              size="small"
              data-testid="dash-opinion-flagged"
              dataSource={dash.opinion_flagged}
              locale={{ emptyText: "本月没有被标记的单位" }}
              renderItem={(u) => (
                <List.Item data-testid="dash-flagged-unit" data-party={u.party}>
                  {u.party}（第 {u.rank} 名）{u.flags.map((f) => <Tag key={f} color="orange">{f}</Tag>)}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card
            size="small"
            title="最近发布的绩效考核"
            style={{ marginBottom: 16 }}
            data-testid="dash-assessment"
          >
            {dash.assessment ? (
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Text data-testid="dash-assessment-period">
                  {dash.assessment.period}（第 {dash.assessment.version} 版）
                </Typography.Text>
                {(
                  [
                    ["部门前三", dash.assessment.departments_top],
                    ["部门后三", dash.assessment.departments_bottom],
                    ["单位前三", dash.assessment.units_top],
                    ["单位后三", dash.assessment.units_bottom],
                  ] as const
                ).map(([label, rows]) => (
                  <div key={label} data-testid="dash-assessment-end" data-label={label}>
                    <Typography.Text strong>{label}：</Typography.Text>
                    {rows.length === 0
                      ? "—"
                      : rows.map((r) => `${r.party} ${(Math.round((r.score ?? 0) * 100 + 1e-9) / 100).toFixed(2)}`).join("；")}
                  </div>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">尚未发布绩效考核结果。</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Suspense fallback={null}>
        <DashboardCharts figures={figures} />
      </Suspense>
      <Drawer
        title={`延期申请：${extItem ?? ""}`}
        width={720}
        open={extItem !== null}
        onClose={() => setExtItem(null)}
        data-testid="ext-drawer"
        destroyOnHidden
      >
        {extItem && <ExtensionPanel itemNo={extItem} />}
      </Drawer>
      <ChaseModal target={chase} onClose={() => setChase(null)} />
      <ItemDrawer itemNo={openItem} org={org.org} onClose={() => setOpenItem(null)} />
      <RectDrawer rectNo={openRect} onClose={() => setOpenRect(null)} />
      <DocumentDrawer docNo={openDoc} org={org} onClose={() => setOpenDoc(null)} />
    </div>
  );
}
