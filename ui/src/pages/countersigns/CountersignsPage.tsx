// 会签 / 征求意见 (PRODUCT #9): a document or draft sent to departments with a
// reply deadline in working days; each department's reply (同意 / 不同意 /
// 有意见) recorded; the overdue ones marked. The list exports to Excel.
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";

import { listDocuments } from "../../api/documents";
import { saveSheet } from "../../api/dialogs";
import type { Countersign } from "../../api/generated/Countersign";
import type { CountersignReply } from "../../api/generated/CountersignReply";
import type { DocumentRow } from "../../api/generated/DocumentRow";
import type { Opinion } from "../../api/generated/Opinion";
import { NO_LIST_FILTER, exportList } from "../../api/lists";
import { listCountersigns, replyCountersign, sendCountersign } from "../../api/reminders";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import { matchSearch, useOrg } from "../../hooks/useOrg";

interface SendValues {
  doc_no?: string;
  title: string;
  kind: "会签" | "征求意见";
  sent_on: string;
  reply_days: number;
  parties: string[];
}

export default function CountersignsPage() {
  const today = useToday();
  const { org } = useOrg();
  const [rows, setRows] = useState<Countersign[]>([]);
  const [openOnly, setOpenOnly] = useState(true);
  /** Rows the clerk folded (the others show their departments). */
  const [collapsed, setCollapsed] = useState<number[]>([]);
  const [docs, setDocs] = useState<DocumentRow[]>([]);
  const [sending, setSending] = useState(false);
  const [replying, setReplying] = useState<{ c: Countersign; r: CountersignReply } | null>(null);
  const [form] = Form.useForm<SendValues>();
  const [replyForm] = Form.useForm<{ replied_on: string; opinion: Opinion; comment?: string }>();

  const load = useCallback(async () => {
    try {
      setRows(await listCountersigns(openOnly));
    } catch (e) {
      reportError(e);
    }
  }, [openOnly]);
  useLoad(load);

  const openSend = () => {
    form.resetFields();
    form.setFieldsValue({ kind: "会签", sent_on: today, reply_days: 3, parties: [] });
    listDocuments({ text: null, urgency: null, unsplit_only: false, year: null }).then(setDocs).catch(reportError);
    setSending(true);
  };
  const send = async () => {
    const v = await form.validateFields();
    try {
      const c = await sendCountersign({ doc_no: v.doc_no ?? null, title: v.title, kind: v.kind, sent_on: v.sent_on, reply_days: v.reply_days, parties: v.parties });
      notifySuccess(`已发出${c.kind}，${c.replies.length} 个部门，${c.reply_due} 前回复。`);
      setSending(false);
    } catch (e) {
      reportError(e, "未发出");
    }
  };
  const reply = async () => {
    if (!replying) return;
    const v = await replyForm.validateFields();
    try {
      await replyCountersign({ countersign_id: replying.c.id, party: replying.r.party, replied_on: v.replied_on, opinion: v.opinion, comment: v.comment ?? "" });
      notifySuccess(`已登记${replying.r.party}的回复。`);
      setReplying(null);
    } catch (e) {
      reportError(e, "回复未登记");
    }
  };
  const exportIt = async () => {
    const path = await saveSheet("导出会签情况", "会签情况.xlsx");
    if (!path) return;
    const done = await exportList("countersigns", { ...NO_LIST_FILTER, open_only: openOnly }, path);
    notifySuccess(`已导出 ${done.rows} 条。`);
  };

  const departments = org.parties.filter((p) => p.active && p.kind === "department");
  return (
    <Card
      title="会签 / 征求意见"
      data-testid="countersigns-page"
      extra={
        <Space>
          <Switch data-testid="countersign-open-only" checked={openOnly} onChange={setOpenOnly} checkedChildren="仅未办结" unCheckedChildren="全部" />
          <Button data-testid="countersign-export" onClick={() => void exportIt().catch(reportError)}>
            导出 Excel
          </Button>
          <Button type="primary" data-testid="countersign-new" data-shortcut="new" onClick={openSend}>
            发起会签
          </Button>
        </Space>
      }
    >
      <Table<Countersign>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: "没有会签" }}
        expandable={{
          expandedRowKeys: rows.filter((c) => !collapsed.includes(c.id)).map((c) => c.id),
          onExpand: (open, c) => setCollapsed((x) => (open ? x.filter((id) => id !== c.id) : [...x, c.id])),
          expandedRowRender: (c) => (
          <Table<CountersignReply>
            size="small"
            rowKey="party"
            pagination={false}
            dataSource={c.replies}
            onRow={(r) => ({ "data-testid": "countersign-reply-row", "data-party": r.party, "data-state": r.replied_on ? "replied" : c.reply_due < today ? "overdue" : "waiting" }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: "部门", dataIndex: "party", width: 180 },
              {
                title: "回复",
                render: (_, r) =>
                  r.replied_on ? (
                    <span>
                      {r.replied_on} <Tag color={r.opinion === "同意" ? "green" : "orange"}>{r.opinion}</Tag> {r.comment}
                    </span>
                  ) : c.reply_due < today ? (
                    <Tag color="red">已逾期未回复</Tag>
                  ) : (
                    <Typography.Text type="secondary">待回复</Typography.Text>
                  ),
              },
              {
                title: "",
                width: 110,
                render: (_, r) =>
                  r.replied_on ? null : (
                    <Button
                      size="small"
                      data-testid="countersign-reply"
                      onClick={() => {
                        replyForm.resetFields();
                        replyForm.setFieldsValue({ replied_on: today, opinion: "同意" });
                        setReplying({ c, r });
                      }}
                    >
                      登记回复
                    </Button>
                  ),
              },
            ]}
          />
        ) }}
        onRow={(c) => ({ "data-testid": "countersign-row", "data-title": c.title }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "类别", dataIndex: "kind", width: 90 },
          { title: "文件", render: (_, c) => `${c.doc_no ? c.doc_no + " " : ""}${c.title}` },
          { title: "发出", dataIndex: "sent_on", width: 100 },
          { title: "回复时限", width: 150, render: (_, c) => `${c.reply_due}（${c.reply_days} 个工作日）` },
          {
            title: "回复情况",
            width: 140,
            render: (_, c) => {
              const done = c.replies.filter((r) => r.replied_on).length;
              const late = c.reply_due < today ? c.replies.length - done : 0;
              return (
                <Space size={4}>
                  {done}/{c.replies.length}
                  {late > 0 && <Tag color="red">逾期 {late}</Tag>}
                </Space>
              );
            },
          },
        ]}
      />
      <Modal open={sending} title="发起会签 / 征求意见" okText="发出" cancelText="取消" width={600} onOk={() => void send().catch(() => undefined)} onCancel={() => setSending(false)} okButtonProps={{ "data-testid": "countersign-send" } as Record<string, string>} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="类别">
            <Radio.Group options={["会签", "征求意见"]} />
          </Form.Item>
          <Form.Item name="doc_no" label="关联收文（可不选：文稿尚未登记时）">
            <Select allowClear showSearch optionFilterProp="label" options={docs.map((d) => ({ value: d.doc_no, label: `${d.doc_no} ${d.title}` }))} />
          </Form.Item>
          <Form.Item name="title" label="文件或文稿标题" rules={[{ required: true, whitespace: true, message: "请填写标题。" }]}>
            <Input data-testid="countersign-title" maxLength={200} />
          </Form.Item>
          <Form.Item name="parties" label="会签部门" rules={[{ required: true, message: "请至少选择一个部门。" }]}>
            <Select data-testid="countersign-parties" mode="multiple" showSearch filterOption={matchSearch} options={departments.map((p) => ({ value: p.name, label: p.name, search: [p.name, ...p.aliases].join(" ") }))} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="sent_on" label="发出日期" rules={[{ required: true, message: "请填写发出日期。" }, realDate("发出日期")]}>
              <DateField style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="reply_days" label="回复时限（工作日）" rules={[{ required: true, message: "请填写回复时限。" }]}>
              <InputNumber data-testid="countersign-days" min={1} max={30} precision={0} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal open={replying !== null} title={`登记回复：${replying?.r.party ?? ""}`} okText="登记" cancelText="取消" onOk={() => void reply().catch(() => undefined)} onCancel={() => setReplying(null)} okButtonProps={{ "data-testid": "countersign-reply-save" } as Record<string, string>} forceRender>
        <Form form={replyForm} layout="vertical">
          <Form.Item name="opinion" label="意见">
            <Radio.Group options={["同意", "不同意", "有意见"]} />
          </Form.Item>
          <Form.Item name="comment" label="具体意见">
            <Input.TextArea data-testid="countersign-comment" rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="replied_on" label="回复日期" rules={[{ required: true, message: "请填写回复日期。" }, realDate("回复日期")]}>
            <DateField style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
