// 登记问题: a problem found at one of an inspection's target units — or, from
// the 整改台账, one from 执法督察 / 审计 / 巡视 / 干部监督 with that source's
// reference, at any unit — with the deadline of the 整改事项 it becomes; a
// 普遍性问题 may later be sent to other units as 防范整改.
import { Button, Checkbox, Form, Input, Modal, Select } from "antd";
import { useState } from "react";

import type { InspectionDetail } from "../api/generated/InspectionDetail";
import type { Party } from "../api/generated/Party";
import type { Source } from "../api/generated/Source";
import { recordFinding } from "../api/inspections";
import { notifySuccess, reportError } from "../feedback";
import { useToday } from "../hooks/appData";
import { matchSearch, partyOptions } from "../hooks/useOrg";
import DateField, { realDate } from "./DateField";

const OTHER_SOURCES: Source[] = ["执法督察", "审计", "巡视", "干部监督"];

interface Values {
  source: Source;
  source_ref: string;
  party: string;
  description: string;
  general: boolean;
  found_on: string;
  deadline: string;
}

interface Props {
  /** The inspection the problem was found by; none for another source. */
  detail?: InspectionDetail;
  /** The organisation, for a problem from another source (any unit). */
  parties?: Party[];
}

export default function FindingForm({ detail, parties = [] }: Props) {
  const today = useToday();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const show = () => {
    form.resetFields();
    form.setFieldsValue({
      found_on: today,
      general: false,
      source: detail ? "督查" : "审计",
      party: detail?.targets.length === 1 ? detail.targets[0] : undefined,
    });
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const made = await recordFinding({
        source: detail ? "督查" : v.source,
        inspection: detail?.number ?? null,
        source_ref: detail ? "" : (v.source_ref ?? ""),
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
      <Button type={detail ? "primary" : "default"} data-testid="finding-add" onClick={show}>
        {detail ? "登记问题" : "登记其他来源问题"}
      </Button>
      <Modal
        open={open}
        title={detail ? `登记问题：${detail.number}` : "登记问题（执法督察、审计、巡视、干部监督）"}
        okText="登记"
        cancelText="取消"
        okButtonProps={{ "data-testid": "finding-save" } as Record<string, string>}
        confirmLoading={busy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {!detail && (
            <>
              <Form.Item name="source" label="问题来源">
                <Select data-testid="finding-source" options={OTHER_SOURCES.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
              <Form.Item
                name="source_ref"
                label="来源文号（审计报告、巡视反馈意见等）"
                rules={[{ required: true, whitespace: true, message: "请填写来源的文号或名称。" }]}
              >
                <Input data-testid="finding-source-ref" maxLength={100} />
              </Form.Item>
            </>
          )}
          <Form.Item name="party" label={detail ? "被督查单位" : "问题所在单位"} rules={[{ required: true, message: "请选择问题所在的单位。" }]}>
            {detail ? (
              <Select data-testid="finding-party" options={detail.targets.map((t) => ({ value: t, label: t }))} />
            ) : (
              <Select data-testid="finding-party" showSearch options={partyOptions(parties)} filterOption={matchSearch} />
            )}
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
