// 延期申请 for one item (PRODUCT #8): the original deadline (kept forever), the
// effective deadline and the light, the whole request history, a form to
// record a department's request, and approve / reject for a pending one.
// Any page may mount it (the ledger's item drawer, the 工作台).
import { Button, Card, Descriptions, Empty, Form, Input, List, Space, Tag, Typography } from "antd";
import { useCallback, useState } from "react";

import type { Extension } from "../api/generated/Extension";
import type { ItemDetail } from "../api/generated/ItemDetail";
import { decideExtension, extensionsForItem, requestExtension } from "../api/reminders";
import { getItem } from "../api/tasks";
import { notifySuccess, reportError } from "../feedback";
import { useLoad, useToday } from "../hooks/appData";
import { LightTag } from "./labels";
import DateField, { realDate } from "./DateField";
import { Struck, VoidButton, VoidedTag } from "./Voiding";

const STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: "待审批", color: "processing" },
  approved: { label: "已批准", color: "success" },
  rejected: { label: "未批准", color: "default" },
};

interface Props {
  itemNo: string;
}

interface RequestForm {
  new_deadline: string;
  requested_on: string;
  reason: string;
  progress_so_far: string;
}

function Decide({ ext }: { ext: Extension }) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const decide = async (approve: boolean) => {
    setBusy(true);
    try {
      await decideExtension(ext.id, { approve, comment });
      notifySuccess(approve ? `已批准延期至 ${ext.new_deadline}。` : "已不予批准。");
      setComment("");
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact style={{ width: "100%" }}>
      <Input
        placeholder="审批意见（不批准时必填）"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        data-testid="ext-comment"
      />
      <Button type="primary" loading={busy} onClick={() => void decide(true)} data-testid="ext-approve">
        批准
      </Button>
      <Button danger loading={busy} onClick={() => void decide(false)} data-testid="ext-reject">
        不批准
      </Button>
    </Space.Compact>
  );
}

export default function ExtensionPanel({ itemNo }: Props) {
  const today = useToday();
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [list, setList] = useState<Extension[]>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<RequestForm>();

  const load = useCallback(async () => {
    try {
      const [d, xs] = await Promise.all([getItem(itemNo), extensionsForItem(itemNo)]);
      setItem(d);
      setList(xs);
    } catch (e) {
      reportError(e);
    }
  }, [itemNo]);

  useLoad(load);

  const submit = async (v: RequestForm) => {
    setSaving(true);
    try {
      await requestExtension({
        item_no: itemNo,
        requested_on: v.requested_on || today,
        new_deadline: v.new_deadline,
        reason: v.reason,
        progress_so_far: v.progress_so_far,
      });
      notifySuccess("已登记延期申请，等待审批。");
      form.resetFields();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  if (!item) return null;
  const r = item.row;
  const pending = list.find((x) => x.status === "pending");
  const open = r.status !== "done" && r.status !== "withdrawn";
  return (
    <div data-testid="extension-panel">
      <Descriptions size="small" bordered column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="灯">
          <LightTag light={r.light} testId="ext-light" />
        </Descriptions.Item>
        <Descriptions.Item label="原定完成时限">
          <span data-testid="ext-original">{r.deadline ?? "长期"}</span>
        </Descriptions.Item>
        <Descriptions.Item label="现完成时限">
          <span data-testid="ext-effective">{r.effective_deadline ?? "长期"}</span>
        </Descriptions.Item>
      </Descriptions>
      {list.length === 0 ? (
        <Empty description="没有延期申请" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={list}
          data-testid="ext-history"
          renderItem={(x) => (
            <List.Item>
              <Space direction="vertical" style={{ width: "100%" }} size={4}>
                <Space wrap>
                  <Tag color={STATUS[x.status]?.color}>{STATUS[x.status]?.label ?? x.status}</Tag>
                  <Struck voided={x.voided}>
                    {x.requested_on} 申请由 {x.old_deadline} 延至 <b>{x.new_deadline}</b>
                  </Struck>
                  <VoidedTag voided={x.voided} />
                  {x.superseded_on && (
                    <Tag data-testid={`ext-superseded-${x.id}`}>{x.superseded_on} 事项改为长期，已不适用</Tag>
                  )}
                  {x.decided_on && (
                    <Typography.Text type="secondary">
                      {x.decided_on} 审批：{x.decision_note}
                    </Typography.Text>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  理由：{x.reason}；目前进展：{x.progress_so_far}
                </Typography.Text>
                {x.status === "pending" && !x.voided && <Decide ext={x} />}
                {!x.voided && <VoidButton kind="extension" id={x.id} what="延期申请" />}
              </Space>
            </List.Item>
          )}
        />
      )}
      {open && !pending && r.effective_deadline && (
        <Card size="small" title="登记延期申请" style={{ marginTop: 12 }}>
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="ext-form">
            <Space wrap align="start">
              <Form.Item
                name="new_deadline"
                label="申请延至"
                rules={[{ required: true, message: "请填写申请的新完成时限" }, realDate("申请延至")]}
              >
                <DateField testId="ext-new-deadline" />
              </Form.Item>
              <Form.Item name="requested_on" label="申请日期" rules={[realDate("申请日期")]}>
                <DateField testId="ext-requested-on" placeholder={today} />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: "请填写延期理由" }]}>
              <Input.TextArea rows={2} data-testid="ext-reason" />
            </Form.Item>
            <Form.Item
              name="progress_so_far"
              label="目前进展"
              rules={[{ required: true, message: "请填写目前的办理进展" }]}
            >
              <Input.TextArea rows={2} data-testid="ext-progress" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="ext-submit">
              登记申请
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
