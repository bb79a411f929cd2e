// 催办: record one chase of an item, a document or a 整改事项 (date, channel, to whom, note).
import { Form, Modal } from "antd";
import { useEffect, useState } from "react";

import { chaseRectification } from "../api/inspections";
import { recordChase } from "../api/reminders";
import { notifySuccess, reportError } from "../feedback";
import { useToday } from "../hooks/appData";
import { ChaseFields, type ChaseValues } from "./ChaseFields";

interface Props {
  /** What is chased: an item (事项编号), a document (收文编号) or a 整改事项 (整改编号); null = closed. */
  target: { itemNo?: string; docNo?: string; rectNo?: string; party?: string } | null;
  onClose: () => void;
}

export default function ChaseModal({ target, onClose }: Props) {
  const today = useToday();
  const [form] = Form.useForm<ChaseValues>();
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
    let v: ChaseValues;
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
        <ChaseFields testPrefix="chase" toPlaceholder="默认：牵头部门" />
      </Form>
    </Modal>
  );
}
