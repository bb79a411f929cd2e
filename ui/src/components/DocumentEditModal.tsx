// 修改来文登记 (issue 13): the fields the 收文登记 form sets; only the changed
// ones are sent, with an optional reason. The core refuses what registration
// would refuse (e.g. a 收文日期 in another year than its 收文编号).
import { Button, Checkbox, Col, Form, Input, Modal, Row, Select, Space } from "antd";
import { useState } from "react";

import { editDocument } from "../api/corrections";
import { sourceCategories } from "../api/documents";
import type { DocumentEdit } from "../api/generated/DocumentEdit";
import type { DocumentRow } from "../api/generated/DocumentRow";
import type { Urgency } from "../api/generated/Urgency";
import { notifySuccess, notifyWarning, reportError } from "../feedback";
import DateField, { realDate } from "./DateField";

interface Values {
  source_doc_no: string;
  title: string;
  source_org: string;
  source_category: string;
  urgency: Urgency;
  time_limited: boolean;
  time_limit?: string;
  received_on: string;
  summary: string;
  important: boolean;
  key_relay: boolean;
  reason: string;
}

const URGENCIES: Urgency[] = ["特急", "加急", "平件"];

function editOf(r: DocumentRow, v: Values): DocumentEdit {
  const text = (now: string | undefined, was: string) => {
    const t = (now ?? "").trim();
    return t === was ? null : t;
  };
  const flag = (now: boolean, was: boolean) => (now === was ? null : now);
  return {
    source_doc_no: text(v.source_doc_no, r.source_doc_no),
    title: text(v.title, r.title),
    source_org: text(v.source_org, r.source_org),
    source_category: v.source_category === r.source_category ? null : v.source_category,
    urgency: v.urgency === r.urgency ? null : v.urgency,
    time_limited: flag(v.time_limited, r.time_limited),
    time_limit: v.time_limited && v.time_limit && v.time_limit !== r.time_limit ? v.time_limit : null,
    received_on: v.received_on === r.received_on ? null : v.received_on,
    summary: text(v.summary, r.summary),
    important: flag(v.important, r.important),
    key_relay: flag(v.key_relay, r.key_relay),
    reason: (v.reason ?? "").trim(),
  };
}

export default function DocumentEditButton({ row }: { row: DocumentRow }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [categories, setCategories] = useState<string[]>([]);
  const [form] = Form.useForm<Values>();
  const timeLimited = Form.useWatch("time_limited", form);

  const start = async () => {
    form.setFieldsValue({ ...row, time_limit: row.time_limit ?? undefined, reason: "" });
    setOpen(true);
    try {
      setCategories(await sourceCategories());
    } catch (e) {
      reportError(e);
    }
  };

  const submit = async (v: Values) => {
    const edit = editOf(row, v);
    if (Object.entries(edit).every(([k, x]) => k === "reason" || x === null)) {
      notifyWarning("没有修改任何内容。");
      return;
    }
    setBusy(true);
    try {
      const n = await editDocument(row.doc_no, edit);
      notifySuccess(`已修改 ${row.doc_no} 的 ${n} 项登记内容。`);
      setOpen(false);
    } catch (e) {
      reportError(e, "修改未完成");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button data-testid="doc-edit" onClick={() => void start()}>
        修改
      </Button>
      <Modal
        open={open}
        width={720}
        title={`修改来文登记：${row.doc_no}`}
        okText="保存修改"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ "data-testid": "doc-edit-ok" } as Record<string, string>}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="title" label="文件标题" rules={[{ required: true, whitespace: true, message: "请填写文件标题。" }]}>
            <Input data-testid="doc-edit-title" maxLength={300} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="source_doc_no" label="来文文号">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="source_org" label="来文单位">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="source_category" label="来源类别">
                <Select options={categories.map((c) => ({ value: c, label: c }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="urgency" label="紧急程度">
                <Select options={URGENCIES.map((u) => ({ value: u, label: u }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="received_on" label="收文日期" rules={[{ required: true, message: "请填写收文日期。" }, realDate("收文日期")]}>
                <DateField />
              </Form.Item>
            </Col>
          </Row>
          <Space align="start" wrap>
            <Form.Item name="time_limited" valuePropName="checked">
              <Checkbox>限时件</Checkbox>
            </Form.Item>
            {timeLimited && (
              <Form.Item name="time_limit" label="办理时限" rules={[realDate("办理时限")]}>
                <DateField />
              </Form.Item>
            )}
            <Form.Item name="important" valuePropName="checked">
              <Checkbox>重要文件</Checkbox>
            </Form.Item>
            <Form.Item name="key_relay" valuePropName="checked">
              <Checkbox>重点（传达学习）</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item name="summary" label="内容摘要">
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="reason" label="修改原因">
            <Input.TextArea data-testid="doc-edit-reason" rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
