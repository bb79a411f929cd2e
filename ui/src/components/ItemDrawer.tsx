// An item in full: its fields and light, milestones, progress entries (with
// the file, sheet and row they were imported from), completion reports,
// extensions, the actions its status allows, and its timeline (全程记录).
import { ItemCardButton } from "./WordButtons";
import { Button, Descriptions, Drawer, Empty, List, Space, Table, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";

import type { ItemDetail } from "../api/generated/ItemDetail";
import type { Milestone } from "../api/generated/Milestone";
import type { Organisation } from "../api/generated/Organisation";
import type { SourceRef } from "../api/generated/SourceRef";
import { completeMilestone, getItem } from "../api/tasks";
import { notifySuccess, reportError } from "../feedback";
import { useChanged, useToday } from "../hooks/appData";
import ChaseHistory from "./ChaseHistory";
import ChaseModal from "./ChaseModal";
import ExtensionPanel from "./ExtensionPanel";
import AuditTimeline from "./AuditTimeline";
import ItemActions from "./ItemActions";
import ItemEditButton from "./ItemEditModal";
import { AddEvidenceButton, AttachmentList } from "./AttachmentLink";
import { Struck, VoidButton, VoidedTag } from "./Voiding";
import { DeadlineText, LightTag, StatusTag } from "./labels";

interface Props {
  itemNo: string | null;
  org: Organisation;
  onClose: () => void;
}

function Source({ source }: { source: SourceRef | null }) {
  if (!source) return <Tag>手工录入</Tag>;
  return (
    <Tag color="geekblue" data-testid="item-source">
      导入自 {source.file_name} · {source.sheet} 第 {source.row} 行
    </Tag>
  );
}

const REPORT_STATUS: Record<string, string> = { pending: "待销号", accepted: "已销号", returned: "已退回" };

export default function ItemDrawer({ itemNo, org, onClose }: Props) {
  const [item, setItem] = useState<ItemDetail | null>(null);
  const today = useToday();
  const [tab, setTab] = useState("fields");
  const [chasing, setChasing] = useState(false);

  const load = useCallback(async () => {
    if (!itemNo) return;
    try {
      setItem(await getItem(itemNo));
    } catch (e) {
      reportError(e);
    }
  }, [itemNo]);

  useEffect(() => {
    setItem(null);
    setTab("fields");
    void load();
  }, [load]);
  useChanged(load);

  const finishMilestone = async (m: Milestone) => {
    try {
      await completeMilestone(m.id, today);
      notifySuccess(`节点“${m.title}”已完成。`);
    } catch (e) {
      reportError(e);
    }
  };

  const r = item?.row;
  return (
    <Drawer
      title={r ? `${r.item_no}　${r.name}` : "事项详情"}
      width={860}
      open={itemNo !== null}
      onClose={onClose}
      data-testid="item-drawer"
    >
      {item && r && (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <LightTag light={r.light} testId="item-light" />
            <StatusTag status={r.status} label={r.status_label} />
            {r.tracked && <Tag color="orange">跟踪督办</Tag>}
            <VoidedTag voided={item.voided} testId="item-voided" />
          </Space>
          <div style={{ marginBottom: 12 }}>
            <Space wrap>
              <ItemActions row={r} org={org} />
              {!item.voided && <ItemEditButton row={r} org={org} />}
              <ItemCardButton itemNo={r.item_no} />
              {r.light !== null && (
                <Button data-testid="item-chase" onClick={() => setChasing(true)}>
                  催办（已 {r.chase_count} 次）
                </Button>
              )}
            </Space>
          </div>
          <ChaseModal
            target={chasing ? { itemNo: r.item_no, party: r.lead } : null}
            onClose={() => setChasing(false)}
          />
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: "fields",
                label: <span data-testid="item-tab-fields">基本信息</span>,
                children: (
                  <Descriptions size="small" bordered column={2} data-testid="item-fields">
                    <Descriptions.Item label="事项编号">{r.item_no}</Descriptions.Item>
                    <Descriptions.Item label="来源">
                      {r.doc_no ?? (item.meeting || "—")}
                      {r.source_doc_no ? `（${r.source_doc_no}）` : ""}
                    </Descriptions.Item>
                    <Descriptions.Item label="事项名称" span={2}>
                      {r.name}
                    </Descriptions.Item>
                    <Descriptions.Item label="工作要求" span={2}>
                      <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap" }}>
                        {r.requirement || "—"}
                      </Typography.Paragraph>
                    </Descriptions.Item>
                    <Descriptions.Item label="来源类别">{r.source_category || "—"}</Descriptions.Item>
                    <Descriptions.Item label="牵头部门">
                      <span data-testid="item-lead">{r.lead}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label="配合部门">{r.cooperators.join("、") || "—"}</Descriptions.Item>
                    <Descriptions.Item label="统筹局领导">{r.coordinator_leader || "—"}</Descriptions.Item>
                    <Descriptions.Item label="责任人">{r.owner_person || "—"}</Descriptions.Item>
                    <Descriptions.Item label="完成时限">
                      <DeadlineText
                        deadline={r.deadline}
                        effective={r.effective_deadline}
                        standing={r.standing}
                        cycle={r.report_cycle}
                      />
                    </Descriptions.Item>
                    <Descriptions.Item label="立项日期">{r.created_on}</Descriptions.Item>
                    <Descriptions.Item label="办结日期">{r.done_on ?? "—"}</Descriptions.Item>
                    {item.status_reason && (
                      <Descriptions.Item label="状态说明" span={2}>
                        {item.status_reason}
                      </Descriptions.Item>
                    )}
                    <Descriptions.Item label="登记方式">
                      <Source source={item.source} />
                    </Descriptions.Item>
                    <Descriptions.Item label="催办次数">{r.chase_count}</Descriptions.Item>
                    <Descriptions.Item label="备注" span={2}>
                      {r.note || "—"}
                    </Descriptions.Item>
                  </Descriptions>
                ),
              },
              {
                key: "milestones",
                label: `时间表（${item.milestones.length}）`,
                children: (
                  <Table<Milestone>
                    size="small"
                    rowKey={(m) => String(m.id)}
                    dataSource={item.milestones}
                    pagination={false}
                    locale={{ emptyText: "未设时间节点" }}
                    columns={[
                      { title: "节点时间", width: 120, render: (_, m) => <Struck voided={m.voided}>{m.due}</Struck> },
                      {
                        title: "节点内容",
                        render: (_, m) => (
                          <>
                            <Struck voided={m.voided}>{m.title}</Struck> <VoidedTag voided={m.voided} />
                          </>
                        ),
                      },
                      {
                        title: "完成",
                        width: 190,
                        render: (_, m) =>
                          m.voided ? null : m.done_on ? (
                            <Tag color="success">{m.done_on} 完成</Tag>
                          ) : (
                            <Space size={0}>
                              <Button size="small" onClick={() => void finishMilestone(m)}>
                                标记完成
                              </Button>
                              <VoidButton kind="milestone" id={m.id} what="时间节点" />
                            </Space>
                          ),
                      },
                    ]}
                  />
                ),
              },
              {
                key: "progress",
                label: <span data-testid="item-tab-progress">办理进展（{item.progress.length}）</span>,
                children:
                  item.progress.length === 0 ? (
                    <Empty description="暂无办理进展" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                  ) : (
                    <List
                      data-testid="item-progress"
                      dataSource={item.progress}
                      renderItem={(p) => (
                        <List.Item data-testid={`progress-${p.id}`}>
                          <Space direction="vertical" size={2} style={{ width: "100%" }}>
                            <Space wrap>
                              <Typography.Text strong>{p.reported_on}</Typography.Text>
                              {p.party && <Tag>{p.party}</Tag>}
                              {p.reporter && <Typography.Text type="secondary">{p.reporter}</Typography.Text>}
                              <Source source={p.source} />
                              <VoidedTag voided={p.voided} testId={`progress-voided-${p.id}`} />
                              {!p.voided && <AddEvidenceButton owner="progress" id={p.id} />}
                              {!p.voided && <VoidButton kind="progress" id={p.id} what="进展记录" />}
                            </Space>
                            <Typography.Text delete={p.voided !== null} data-testid={`progress-text-${p.id}`}>
                              {p.text}
                            </Typography.Text>
                            {p.problems && <Typography.Text type="secondary">存在问题：{p.problems}</Typography.Text>}
                            {p.next_steps && <Typography.Text type="secondary">下步措施：{p.next_steps}</Typography.Text>}
                            <AttachmentList label="佐证材料" files={p.evidence} />
                          </Space>
                        </List.Item>
                      )}
                    />
                  ),
              },
              {
                key: "reports",
                label: `办结报告（${item.completion_reports.length}）`,
                children:
                  item.completion_reports.length === 0 ? (
                    <Empty description="暂无办结报告" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                  ) : (
                    <List
                      dataSource={item.completion_reports}
                      renderItem={(c) => (
                        <List.Item>
                          <Space direction="vertical" size={2}>
                            <Space wrap>
                              <Typography.Text strong>办结日期 {c.reported_on}</Typography.Text>
                              <Tag color={c.status === "accepted" ? "success" : c.status === "returned" ? "error" : "processing"}>
                                {REPORT_STATUS[c.status] ?? c.status}
                              </Tag>
                              {c.party && <Tag>{c.party}</Tag>}
                              <Source source={c.source} />
                              <VoidedTag voided={c.voided} />
                              {!c.voided && <AddEvidenceButton owner="completion_report" id={c.id} />}
                              {!c.voided && c.status !== "accepted" && (
                                <VoidButton kind="completion_report" id={c.id} what="办结报告" />
                              )}
                            </Space>
                            {c.text && <Struck voided={c.voided}>{c.text}</Struck>}
                            {c.decision_note && (
                              <Typography.Text type="secondary">
                                {c.status === "returned" ? "退回原因" : "销号意见"}（{c.decided_on}）：{c.decision_note}
                              </Typography.Text>
                            )}
                            <AttachmentList label="佐证材料" files={c.evidence} />
                          </Space>
                        </List.Item>
                      )}
                    />
                  ),
              },
              {
                key: "extensions",
                label: `延期（${item.extensions.length}）`,
                // Requests, decisions and a new request: the same panel as the 工作台's.
                children: <ExtensionPanel itemNo={r.item_no} />,
              },
              {
                key: "chases",
                label: `催办（${r.chase_count}）`,
                children: <ChaseHistory itemNo={r.item_no} />,
              },
              {
                key: "timeline",
                label: <span data-testid="item-tab-timeline">全程记录</span>,
                children: <AuditTimeline entries={item.timeline} testId="item-timeline" />,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
