// 传达学习 of one document (PRODUCT #3): mark it key and choose who must
// report (deadline: 5 working days after receipt unless set), record each
// report (date, 会议/文件/其他, measures), and see who is missing past the
// deadline. The documents page may mount it in its drawer.
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";

import type { Party } from "../api/generated/Party";
import type { RelayEntry } from "../api/generated/RelayEntry";
import type { RelayStatus } from "../api/generated/RelayStatus";
import { relayPlan, relayReport, relayStatus } from "../api/reminders";
import { notifySuccess, reportError } from "../feedback";
import { useLoad, useToday } from "../hooks/appData";
import { matchSearch, partyOptions } from "../hooks/useOrg";
import DateField, { realDate } from "./DateField";

interface Props {
  docNo: string;
  parties: Party[];
}

const FORMS = ["会议", "文件", "其他"] as const;

function ReportForm({ docNo, entry }: { docNo: string; entry: RelayEntry }) {
  const today = useToday();
  const [form] = Form.useForm<{ reported_on: string; form: (typeof FORMS)[number]; measures: string }>();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await relayReport({ doc_no: docNo, party: entry.party, reported_on: v.reported_on, form: v.form, measures: v.measures });
      notifySuccess(`已登记${entry.party}的传达学习情况。`);
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Form form={form} layout="inline" initialValues={{ reported_on: today, form: "会议" }}>
      <Form.Item name="reported_on" rules={[{ required: true, message: "请填写报送日期" }, realDate("报送日期")]}>
        <DateField style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="form">
        <Select style={{ width: 80 }} options={FORMS.map((f) => ({ value: f, label: f }))} />
      </Form.Item>
      <Form.Item name="measures" rules={[{ required: true, message: "请填写采取的措施" }]}>
        <Input placeholder="传达学习情况及采取的措施" style={{ width: 260 }} />
      </Form.Item>
      <Button size="small" type="primary" onClick={() => void save()}>
        登记
      </Button>
    </Form>
  );
}

export default function RelayPanel({ docNo, parties }: Props) {
  const [status, setStatus] = useState<RelayStatus | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [due, setDue] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setStatus(await relayStatus(docNo));
    } catch (e) {
      reportError(e);
    }
  }, [docNo]);
  useLoad(load);

  const plan = async () => {
    try {
      await relayPlan({ doc_no: docNo, parties: chosen, due: due ?? null });
      notifySuccess("已设为重点文件并确定报送范围。");
      setChosen([]);
    } catch (e) {
      reportError(e);
    }
  };

  if (!status) return null;
  return (
    <div data-testid="relay-panel">
      {status.key_relay && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Tag color="red">重点文件</Tag>
          <span>报送期限：{status.due ?? "—"}</span>
          <span>
            已报 {status.reported}/{status.entries.length}
          </span>
          {status.missing.length > 0 && (
            <Typography.Text type="danger" data-testid="relay-missing">
              逾期未报：{status.missing.join("、")}
            </Typography.Text>
          )}
        </Space>
      )}
      {status.entries.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => String(e.party_id)}
          pagination={false}
          dataSource={status.entries}
          columns={[
            { title: "部门/单位", dataIndex: "party", width: 160 },
            {
              title: "情况",
              render: (_: unknown, e: RelayEntry) =>
                e.reported_on ? (
                  <span>
                    {e.reported_on} {e.form}：{e.measures} {e.late && <Tag color="orange">迟报</Tag>}
                  </span>
                ) : (
                  <Space direction="vertical" size={4}>
                    {e.missing ? <Tag color="red">逾期未报</Tag> : <Tag>未报</Tag>}
                    <ReportForm docNo={docNo} entry={e} />
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Card size="small" title={status.key_relay ? "增加报送范围" : "设为重点文件（跟踪传达学习）"} style={{ marginTop: 8 }}>
        <Space wrap>
          <Select
            mode="multiple"
            style={{ minWidth: 320 }}
            placeholder="需报送传达学习情况的部门/单位"
            value={chosen}
            onChange={setChosen}
            options={partyOptions(parties)}
            filterOption={matchSearch}
            data-testid="relay-parties"
          />
          <DateField value={due} onChange={setDue} placeholder="期限（默认收文后5个工作日）" style={{ width: 220 }} />
          <Button type="primary" onClick={() => void plan()} disabled={chosen.length === 0 && !due}>
            确定
          </Button>
        </Space>
      </Card>
    </div>
  );
}
