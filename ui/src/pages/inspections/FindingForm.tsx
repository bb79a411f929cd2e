// 登记问题: a problem found at one of the inspection's target units, with the
// deadline of the 整改事项 it becomes; a 普遍性问题 may later be sent to other
// units as 防范整改 (FindingsPanel).
import { Button, Checkbox, Form, Input, Modal, Select } from "antd";
import { useState } from "react";

import type { InspectionDetail } from "../../api/generated/InspectionDetail";
import { recordFinding } from "../../api/inspections";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";

interface Values {
  party: string;
  description: string;
  general: boolean;
  found_on: string;
  deadline: string;
}

export default function FindingForm({ detail }: { detail: InspectionDetail }) {
  const today = useToday();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const show = () => {
    form.resetFields();
    form.setFieldsValue({ found_on: today, general: false, party: detail.targets.length === 1 ? detail.targets[0] : undefined });
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const made = await recordFinding({
        source: "督查",
        inspection: detail.number,
        source_ref: "",
        party: v.party,
        description: v.description,
        general: v.general ?? false,
        found_on: v.found_on,
        deadline: v.deadline,
      });
      notifySuccess(`已登记问题，整改编号 ${made.rect_no}。`);
      setOpen(false);
    } catch (e) {
      reportError(e, "问题未登记");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" data-testid="finding-add" onClick={show}>
        登记问题
      </Button>
      <Modal
        open={open}
        title={`登记问题：${detail.number}`}
        okText="登记"
        cancelText="取消"
        okButtonProps={{ "data-testid": "finding-save" } as Record<string, string>}
        confirmLoading={busy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="party" label="被督查单位" rules={[{ required: true, message: "请选择问题所在的单位。" }]}>
            <Select data-testid="finding-party" options={detail.targets.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="description" label="问题描述" rules={[{ required: true, whitespace: true, message: "请填写问题描述。" }]}>
            <Input.TextArea data-testid="finding-description" rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="general" valuePropName="checked">
            <Checkbox data-testid="finding-general">普遍性问题（可发各单位防范整改）</Checkbox>
          </Form.Item>
          <Form.Item name="found_on" label="发现日期" rules={[{ required: true, message: "请填写发现日期。" }, realDate("发现日期")]}>
            <DateField testId="finding-found-on" />
          </Form.Item>
          <Form.Item name="deadline" label="整改时限" rules={[{ required: true, message: "请填写整改时限。" }, realDate("整改时限")]}>
            <DateField testId="finding-deadline" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
