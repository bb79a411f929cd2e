// 催办: record one chase of an item, a document or a 整改事项 (date, channel, to whom, note).
import { Form, Input, Modal, Select } from "antd";
import { useEffect, useState } from "react";

import { chaseRectification } from "../api/inspections";
import { recordChase } from "../api/reminders";
import { notifySuccess, reportError } from "../feedback";
import { useToday } from "../hooks/appData";
import DateField, { realDate } from "./DateField";

const CHANNELS = ["电话", "通知单", "当面", "系统"] as const;

interface Props {
  /** What is chased: an item (事项编号), a document (收文编号) or a 整改事项 (整改编号); null = closed. */
  target: { itemNo?: string; docNo?: string; rectNo?: string; party?: string } | null;
  onClose: () => void;
}

interface Values {
  chased_on: string;
  channel: (typeof CHANNELS)[number];
  to_whom: string;
  note: string;
}

export default function ChaseModal({ target, onClose }: Props) {
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // Filled when the modal opens for a target (not again when the page around
  // it re-renders after a change and passes an equal target).
  const open = target !== null;
  const party = target?.party ?? "";
  const key = `${target?.itemNo ?? ""}|${target?.docNo ?? ""}|${target?.rectNo ?? ""}`;
  useEffect(() => {
    if (open) form.setFieldsValue({ chased_on: today, channel: "电话", to_whom: party, note: "" });
  }, [open, key, party, today, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const common = { chased_on: v.chased_on, channel: v.channel, to_whom: v.to_whom ?? "", note: v.note ?? "" };
      if (target?.rectNo) await chaseRectification({ rect_no: target.rectNo, ...common });
      else await recordChase({ item_no: target?.itemNo ?? null, doc_no: target?.docNo ?? null, ...common });
      notifySuccess("已登记催办。");
      onClose();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={`登记催办：${target?.itemNo ?? target?.docNo ?? target?.rectNo ?? ""}`}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="登记"
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "chase-save" } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="chase-form">
        <Form.Item name="chased_on" label="催办日期" rules={[{ required: true, message: "请填写催办日期" }, realDate("催办日期")]}>
          <DateField testId="chase-date" />
        </Form.Item>
        <Form.Item name="channel" label="方式" rules={[{ required: true }]}>
          <Select data-testid="chase-channel" options={CHANNELS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="to_whom" label="催办对象">
          <Input data-testid="chase-to" placeholder="默认：牵头部门" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} data-testid="chase-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
