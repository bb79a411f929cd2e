// 批量催办: one chase form recorded for every selected item in one write
// (all or none: a closed item in the selection refuses the batch and names it).
import { Form, Input, Modal, Select, Typography } from "antd";
import { useEffect, useState } from "react";

import { chaseBatch } from "../../api/tasks";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";
import DateField, { realDate } from "../../components/DateField";

const CHANNELS = ["电话", "通知单", "当面", "系统"] as const;

interface Values {
  chased_on: string;
  channel: (typeof CHANNELS)[number];
  to_whom: string;
  note: string;
}

interface Props {
  /** The selected items (事项编号); the modal is open while `open`. */
  itemNos: string[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

export default function BatchChaseModal({ itemNos, open, onClose, onDone }: Props) {
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ chased_on: today, channel: "电话", to_whom: "", note: "" });
  }, [open, today, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const ids = await chaseBatch(itemNos, {
        chased_on: v.chased_on,
        channel: v.channel,
        to_whom: v.to_whom ?? "",
        note: v.note ?? "",
      });
      notifySuccess(`已为 ${ids.length} 个事项登记催办。`);
      onDone();
    } catch (e) {
      reportError(e, "批量催办未登记");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={`批量催办：已选 ${itemNos.length} 项`}
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="登记"
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "batch-chase-save" } as Record<string, string>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        同一次催办登记到所选的每个事项（一次写入，任一事项不能催办则全部不登记）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="batch-chase-form">
        <Form.Item name="chased_on" label="催办日期" rules={[{ required: true, message: "请填写催办日期" }, realDate("催办日期")]}>
          <DateField testId="batch-chase-date" />
        </Form.Item>
        <Form.Item name="channel" label="方式" rules={[{ required: true }]}>
          <Select data-testid="batch-chase-channel" options={CHANNELS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="to_whom" label="催办对象">
          <Input data-testid="batch-chase-to" placeholder="默认：各事项的牵头部门" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} data-testid="batch-chase-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
