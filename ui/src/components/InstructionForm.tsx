// 领导批示 (PRODUCT #2): a leader's 批示 (with its text) or 圈阅 (read-mark only).
import { Button, Form, Input, Radio, Select, Space } from "antd";
import { useState } from "react";

import { addInstruction } from "../api/documents";
import type { InstructionKind } from "../api/generated/InstructionKind";
import type { Leader } from "../api/generated/Leader";
import DateField, { realDate } from "./DateField";
import { notifySuccess, reportError } from "../feedback";
import { useToday } from "../hooks/appData";

interface Values {
  leader: string;
  given_on: string;
  kind: InstructionKind;
  text?: string;
}

interface Props {
  docNo: string;
  leaders: Leader[];
}

export default function InstructionForm({ docNo, leaders }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch("kind", form);

  const today = useToday();

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await addInstruction(docNo, { leader: v.leader, given_on: v.given_on, kind: v.kind, text: v.text?.trim() ?? "" });
      notifySuccess(v.kind === "批示" ? "已录入领导批示。" : "已录入领导圈阅。");
      form.resetFields(["text"]);
    } catch (e) {
      reportError(e, "批示未录入");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="instruction-form"
      initialValues={{ kind: "批示", given_on: today }}
      onFinish={(v) => void submit(v)}
    >
      <Space align="start" wrap>
        <Form.Item name="leader" label="局领导" rules={[{ required: true, message: "请选择局领导。" }]}>
          <Select
            data-testid="instruction-leader"
            style={{ width: 180 }}
            showSearch
            placeholder="请选择"
            options={leaders
              .filter((l) => l.active)
              .map((l) => ({ value: l.name, label: l.name, title: l.name }))}
          />
        </Form.Item>
        <Form.Item
          name="given_on"
          label="日期"
          rules={[{ required: true, message: "请填写批示日期。" }, realDate("批示日期")]}
        >
          <DateField testId="instruction-date" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="kind" label="方式">
          <Radio.Group data-testid="instruction-kind">
            <Radio value="批示">
              <span data-testid="instruction-kind-批示">批示</span>
            </Radio>
            <Radio value="圈阅">
              <span data-testid="instruction-kind-圈阅">圈阅（仅阅知）</span>
            </Radio>
          </Radio.Group>
        </Form.Item>
      </Space>
      {kind !== "圈阅" && (
        <Form.Item
          name="text"
          label="批示内容"
          rules={[{ required: true, whitespace: true, message: "批示必须填写批示内容；仅阅知请选择“圈阅”。" }]}
        >
          <Input.TextArea data-testid="instruction-text" rows={3} maxLength={2000} />
        </Form.Item>
      )}
      <Button htmlType="submit" loading={busy} data-testid="instruction-submit">
        保存批示
      </Button>
    </Form>
  );
}
