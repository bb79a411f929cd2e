// 批量催办: one chase form recorded for every selected item in one write
// (all or none: a closed item in the selection refuses the batch and names it).
import { Form, Modal, Typography } from "antd";
import { useEffect, useState } from "react";

import { chaseBatch } from "../../api/tasks";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";
import { ChaseFields, type ChaseValues } from "../../components/ChaseFields";

interface Props {
  /** The selected items (事项编号); the modal is open while `open`. */
  itemNos: string[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

export default function BatchChaseModal({ itemNos, open, onClose, onDone }: Props) {
  const today = useToday();
  const [form] = Form.useForm<ChaseValues>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue({ chased_on: today, channel: "电话", to_whom: "", note: "" });
  }, [open, today, form]);

  const save = async () => {
    let v: ChaseValues;
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
        <ChaseFields testPrefix="batch-chase" toPlaceholder="默认：各事项的牵头部门" />
      </Form>
    </Modal>
  );
}
