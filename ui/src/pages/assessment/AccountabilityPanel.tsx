// 约谈 / 问责 records: record one (party, date, kind, reason, the items it
// concerns, who decided) and list them; they feed the 约谈问责 indicator and
// show on the items' timelines.
import { Button, DatePicker, Form, Input, Select, Space, Table } from "antd";
import dayjs from "dayjs";
import { useCallback, useState } from "react";

import type { AccountabilityKind } from "../../api/generated/AccountabilityKind";
import type { AccountabilityRecord } from "../../api/generated/AccountabilityRecord";
import { listAccountability, recordAccountability } from "../../api/opinion";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import { useOrg } from "../../hooks/useOrg";

const KINDS: { value: AccountabilityKind; label: string }[] = [
  { value: "reminder_talk", label: "提醒谈话" },
  { value: "interview", label: "约谈" },
  { value: "admonition", label: "诫勉谈话" },
  { value: "criticism", label: "通报批评" },
  { value: "accountability", label: "问责" },
];

interface Fields {
  party: string;
  kind: AccountabilityKind;
  reason: string;
  items?: string;
  decided_by?: string;
}

export default function AccountabilityPanel() {
  const today = useToday();
  const { org } = useOrg();
  const [form] = Form.useForm<Fields>();
  const [date, setDate] = useState(today);
  const [rows, setRows] = useState<AccountabilityRecord[]>([]);
  const load = useCallback(async () => setRows(await listAccountability({ party: null, from: null, to: null })), []);
  useLoad(load);

  const save = async (f: Fields) => {
    await recordAccountability({
      party: f.party,
      decided_on: date,
      kind: f.kind,
      reason: f.reason,
      items: (f.items ?? "").split(/[、，,；;\s]+/).filter((s) => s !== ""),
      decided_by: f.decided_by ?? "",
    });
    notifySuccess("已登记。");
    form.resetFields();
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Form<Fields> form={form} layout="inline" data-testid="acc-form" onFinish={(f) => void save(f).catch((e) => reportError(e, "未登记"))}>
        <Form.Item name="party" rules={[{ required: true, message: "请选择部门或单位" }]}>
          <Select
            showSearch
            style={{ width: 200 }}
            placeholder="部门/单位"
            data-testid="acc-party"
            options={org.parties.map((p) => ({ value: p.name, label: p.name }))}
          />
        </Form.Item>
        <Form.Item>
          <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format("YYYY-MM-DD"))} />
        </Form.Item>
        <Form.Item name="kind" initialValue="interview">
          <Select style={{ width: 110 }} data-testid="acc-kind" options={KINDS} />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, message: "请填写事由" }]}>
          <Input style={{ width: 220 }} placeholder="事由" data-testid="acc-reason" />
        </Form.Item>
        <Form.Item name="items">
          <Input style={{ width: 180 }} placeholder="涉及事项编号（可多个）" data-testid="acc-items" />
        </Form.Item>
        <Form.Item name="decided_by">
          <Input style={{ width: 120 }} placeholder="决定人" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="acc-save">
          登记
        </Button>
      </Form>
      <Table<AccountabilityRecord>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ "data-testid": "acc-row", "data-party": r.party }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "日期", dataIndex: "decided_on", width: 110 },
          { title: "部门/单位", dataIndex: "party", width: 160 },
          { title: "类型", width: 90, render: (_, r) => KINDS.find((k) => k.value === r.kind)?.label ?? r.kind },
          { title: "事由", dataIndex: "reason" },
          { title: "涉及事项", width: 160, render: (_, r) => r.items.join("、") },
          { title: "决定人", dataIndex: "decided_by", width: 100 },
        ]}
      />
    </Space>
  );
}
