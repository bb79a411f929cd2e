// A document in full: its fields, attachments, the leaders' 批示/圈阅 (with the
// §六 flag when an important document was only 圈阅), the items split from it,
// the 任务分解 action and its timeline.
import { HandoverButton } from "./WordButtons";
import { Alert, Button, Descriptions, Divider, Drawer, Empty, List, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";

import { getDocument } from "../api/documents";
import type { DocumentDetail } from "../api/generated/DocumentDetail";
import type { ItemRow } from "../api/generated/ItemRow";
import { queryLedger } from "../api/tasks";
import RelayPanel from "./RelayPanel";
import { reportError } from "../feedback";
import { useChanged } from "../hooks/appData";
import AuditTimeline from "./AuditTimeline";
import { emptyFilter } from "./ledgerFilter";
import { DeadlineText, LightTag, StatusTag, UrgencyTag } from "./labels";
import SplitDrawer from "./SplitDrawer";
import type { OrgData } from "../hooks/useOrg";
import InstructionForm from "./InstructionForm";
import AttachmentLink from "./AttachmentLink";
import DocumentEditButton from "./DocumentEditModal";
import { Struck, VoidButton, VoidWithReason, VoidedTag } from "./Voiding";
import { voidDocument } from "../api/corrections";

interface Props {
  docNo: string | null;
  org: OrgData;
  onClose: () => void;
}

export default function DocumentDrawer({ docNo, org, onClose }: Props) {
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [items, setItems] = useState<ItemRow[]>([]);
  const [splitting, setSplitting] = useState(false);

  const load = useCallback(async () => {
    if (!docNo) return;
    try {
      const [d, page] = await Promise.all([
        getDocument(docNo),
        queryLedger({ ...emptyFilter(), doc_no: docNo, page_size: 0 }),
      ]);
      setDoc(d);
      setItems(page.rows);
    } catch (e) {
      reportError(e);
    }
  }, [docNo]);

  useEffect(() => {
    setDoc(null);
    setItems([]);
    void load();
  }, [load]);
  useChanged(load);
  const row = doc?.row;

  return (
    <Drawer
      title={row ? `${row.doc_no}　${row.title}` : "文件详情"}
      width={820}
      open={docNo !== null}
      onClose={onClose}
      data-testid="doc-drawer"
      extra={
        <Space>
          {row && !row.voided && (
            <VoidWithReason
              what="收文"
              testId="doc-void"
              onVoid={(reason) => voidDocument(row.doc_no, reason)}
              disabledWhy={row.item_count > 0 ? "已分解出督办事项：请先撤销这些事项，再作废这件收文。" : undefined}
            />
          )}
          {row && !row.voided && <DocumentEditButton row={row} />}
          {row && row.item_count > 0 && <HandoverButton docNo={row.doc_no} />}
          <Button type="primary" data-testid="doc-split" disabled={!row || row.voided !== null} onClick={() => setSplitting(true)}>
            任务分解
          </Button>
        </Space>
      }
    >
      {row && doc && (
        <>
          {row.voided && (
            <Alert
              type="warning"
              showIcon
              data-testid="doc-voided-alert"
              style={{ marginBottom: 16 }}
              message={`本件已作废：${row.voided.reason}`}
              description={`${row.voided.voided_by} 于 ${row.voided.voided_at} 作废。作废的收文保留在收文登记簿中，不再计入待分解和提醒，也不能再登记批示、催办或分解事项。`}
            />
          )}
          {row.only_circled && (
            <Alert
              type="error"
              showIcon
              data-testid="doc-only-circled-alert"
              style={{ marginBottom: 16 }}
              message="重要文件仅圈阅，未作明确批示"
              description="《意见》第六条：对重要文件，要有明确批示意见，不能简单圈阅了事。请提请局领导作出批示。"
            />
          )}
          <Descriptions size="small" bordered column={2} data-testid="doc-fields">
            <Descriptions.Item label="收文编号">
              <span data-testid="doc-detail-no">{row.doc_no}</span>
            </Descriptions.Item>
            <Descriptions.Item label="来文文号">{row.source_doc_no || "—"}</Descriptions.Item>
            <Descriptions.Item label="标题" span={2}>
              {row.title}
            </Descriptions.Item>
            <Descriptions.Item label="来文单位">{row.source_org || "—"}</Descriptions.Item>
            <Descriptions.Item label="来源类别">{row.source_category}</Descriptions.Item>
            <Descriptions.Item label="紧急程度">
              <UrgencyTag urgency={row.urgency} />
              {row.important && <Tag color="volcano">重要文件</Tag>}
              {row.key_relay && <Tag color="blue">重点</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="办理时限">{row.time_limited ? `限时件 ${row.time_limit ?? ""}` : "—"}</Descriptions.Item>
            <Descriptions.Item label="收文日期">{row.received_on}</Descriptions.Item>
            <Descriptions.Item label="分解事项">{row.item_count} 项</Descriptions.Item>
            <Descriptions.Item label="摘要" span={2}>
              {row.summary || "—"}
            </Descriptions.Item>
            <Descriptions.Item label="附件" span={2}>
              {doc.attachments.length === 0
                ? "—"
                : doc.attachments.map((a) => (
                    <div key={String(a.id)} data-testid="doc-detail-attachment">
                      <AttachmentLink attachment={a} withSize />
                    </div>
                  ))}
            </Descriptions.Item>
          </Descriptions>

          <Divider orientation="left">领导批示</Divider>
          {doc.instructions.length === 0 ? (
            <Empty description="尚无局领导批示" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              data-testid="doc-instructions"
              dataSource={doc.instructions}
              renderItem={(i) => (
                <List.Item data-testid="doc-instruction">
                  <Space direction="vertical" size={0}>
                    <Space>
                      <Typography.Text strong>{i.leader}</Typography.Text>
                      <Tag color={i.kind === "批示" ? "blue" : "default"}>{i.kind}</Tag>
                      <Typography.Text type="secondary">{i.given_on}</Typography.Text>
                      <VoidedTag voided={i.voided} />
                      {!i.voided && <VoidButton kind="instruction" id={i.id} what="批示记录" />}
                    </Space>
                    {i.text && <Struck voided={i.voided}>{i.text}</Struck>}
                  </Space>
                </List.Item>
              )}
            />
          )}
          <div style={{ marginTop: 12 }}>
            <InstructionForm docNo={row.doc_no} leaders={org.org.leaders} />
          </div>

          <Divider orientation="left">分解的督办事项</Divider>
          <Table<ItemRow>
            size="small"
            rowKey={(r) => String(r.id)}
            data-testid="doc-items"
            dataSource={items}
            pagination={false}
            locale={{ emptyText: "尚未分解。点击右上角“任务分解”，将文件要求分解为督办事项。" }}
            columns={[
              { title: "事项编号", dataIndex: "item_no", width: 120 },
              { title: "事项名称", dataIndex: "name" },
              { title: "牵头部门", dataIndex: "lead", width: 140 },
              {
                title: "完成时限",
                width: 120,
                render: (_, r) => (
                  <DeadlineText deadline={r.deadline} effective={r.effective_deadline} standing={r.standing} />
                ),
              },
              { title: "灯", width: 80, render: (_, r) => <LightTag light={r.light} /> },
              { title: "状态", width: 90, render: (_, r) => <StatusTag status={r.status} label={r.status_label} /> },
            ]}
          />

          <Divider orientation="left">传达学习</Divider>
          <RelayPanel docNo={row.doc_no} parties={org.org.parties} />

          <Divider orientation="left">全程记录</Divider>
          <AuditTimeline entries={doc.timeline} testId="doc-timeline" />

          <SplitDrawer
            open={splitting}
            document={row}
            org={org.org}
            onClose={() => setSplitting(false)}
            onDone={() => setSplitting(false)}
          />
        </>
      )}
    </Drawer>
  );
}
