// 发文登记 (§八, §九): the outgoing documents with their 拟稿 / 会签 / 审签 /
// 印发 dates, 限时 and 特急 / 重要 flags; the quality events of each (退文 /
// 退改 with the 关 failed, 会签逾期; 限时件超时 derived). Important documents
// not yet 印发 join the morning and afternoon check; the events feed the
// 公文办理质量通报 (通报 page).
import { Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Table, Tag } from "antd";
import { useCallback, useState } from "react";

import { addOutgoing, listOutgoing, listOutgoingEvents, recordOutgoingEvent } from "../../api/bulletins";
import type { Gate } from "../../api/generated/Gate";
import type { Outgoing } from "../../api/generated/Outgoing";
import type { QualityEvent } from "../../api/generated/QualityEvent";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import { matchSearch, useOrg } from "../../hooks/useOrg";

const GATES: Gate[] = ["法律关", "政策关", "程序关", "内容关", "文字关"];
const EVENT_LABEL: Record<string, string> = { returned: "退文", revised: "退改", countersign_overdue: "会签逾期", time_limit_late: "限时件超时" };

interface DocValues {
  doc_no: string;
  title: string;
  department: string;
  drafted_on: string;
  countersigned_on?: string;
  approved_on?: string;
  issued_on?: string;
  time_limit?: string;
  urgent: boolean;
  important: boolean;
  note?: string;
}

export default function OutgoingPage() {
  const today = useToday();
  const { org } = useOrg();
  const [rows, setRows] = useState<Outgoing[]>([]);
  const [adding, setAdding] = useState(false);
  const [eventFor, setEventFor] = useState<Outgoing | null>(null);
  const [events, setEvents] = useState<{ doc: Outgoing; list: QualityEvent[] } | null>(null);
  const [form] = Form.useForm<DocValues>();
  const [eventForm] = Form.useForm<{ kind: "returned" | "revised" | "countersign_overdue"; gate?: Gate; on: string; note?: string }>();

  const load = useCallback(async () => {
    try {
      setRows(await listOutgoing({ department: null, open_only: false, important_only: false }));
    } catch (e) {
      reportError(e);
    }
  }, []);
  useLoad(load);

  const departments = org.parties.filter((p) => p.kind === "department" && p.active);
  const add = async () => {
    const v = await form.validateFields();
    try {
      const d = await addOutgoing({
        doc_no: v.doc_no,
        title: v.title,
        department: v.department,
        drafted_on: v.drafted_on,
        countersigned_on: v.countersigned_on || null,
        approved_on: v.approved_on || null,
        issued_on: v.issued_on || null,
        time_limit: v.time_limit || null,
        urgent: v.urgent ?? false,
        important: v.important ?? false,
        countersign_id: null,
        note: v.note ?? "",
      });
      notifySuccess(`已登记发文 ${d.doc_no}。`);
      setAdding(false);
    } catch (e) {
      reportError(e, "发文未登记");
    }
  };
  const record = async () => {
    if (!eventFor) return;
    const v = await eventForm.validateFields();
    try {
      await recordOutgoingEvent({ doc_no: eventFor.doc_no, department: null, kind: v.kind, gate: v.gate ?? null, occurred_on: v.on, note: v.note ?? "" });
      notifySuccess("已登记质量问题。");
      setEventFor(null);
    } catch (e) {
      reportError(e, "未登记");
    }
  };
  const showEvents = async (doc: Outgoing) => setEvents({ doc, list: await listOutgoingEvents(doc.doc_no) });
  const kind = Form.useWatch("kind", eventForm);

  return (
    <Card
      title="发文登记"
      data-testid="outgoing-page"
      extra={
        <Button
          type="primary"
          data-testid="outgoing-add"
          data-shortcut="new"
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ drafted_on: today, urgent: false, important: false });
            setAdding(true);
          }}
        >
          登记发文
        </Button>
      }
    >
      <Table<Outgoing>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: "尚无发文" }}
        onRow={(r) => ({ "data-testid": "outgoing-row", "data-doc": r.doc_no }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "文号", dataIndex: "doc_no", width: 160 },
          {
            title: "标题",
            render: (_, r) => (
              <Space size={4}>
                {r.title}
                {r.urgent && <Tag color="red">特急</Tag>}
                {r.important && <Tag color="orange">重要</Tag>}
              </Space>
            ),
          },
          { title: "主办部门", dataIndex: "department", width: 130 },
          { title: "拟稿", dataIndex: "drafted_on", width: 100 },
          { title: "印发", width: 100, render: (_, r) => r.issued_on ?? "—" },
          { title: "限时", width: 100, render: (_, r) => r.time_limit ?? "—" },
          { title: "环节", dataIndex: "stage", width: 80 },
          {
            title: "质量",
            width: 190,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" onClick={() => void showEvents(r).catch(reportError)}>
                  查看
                </Button>
                <Button
                  size="small"
                  data-testid="outgoing-event"
                  onClick={() => {
                    eventForm.resetFields();
                    eventForm.setFieldsValue({ kind: "returned", on: today });
                    setEventFor(r);
                  }}
                >
                  登记问题
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title="登记发文" okText="登记" cancelText="取消" width={640} onOk={() => void add().catch(() => undefined)} onCancel={() => setAdding(false)} okButtonProps={{ "data-testid": "outgoing-save" } as Record<string, string>} forceRender>
        <Form form={form} layout="vertical">
          <Space size="large" align="start">
            <Form.Item name="doc_no" label="文号" rules={[{ required: true, whitespace: true, message: "请填写文号。" }]}>
              <Input data-testid="outgoing-doc-no" style={{ width: 220 }} placeholder="京税办发〔2026〕12号" />
            </Form.Item>
            <Form.Item name="department" label="主办部门" rules={[{ required: true, message: "请选择主办部门。" }]}>
              <Select data-testid="outgoing-dept" showSearch filterOption={matchSearch} style={{ width: 220 }} options={departments.map((p) => ({ value: p.name, label: p.name, search: [p.name, ...p.aliases].join(" ") }))} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: "请填写标题。" }]}>
            <Input data-testid="outgoing-title" maxLength={200} />
          </Form.Item>
          <Space wrap>
            {(
              [
                ["drafted_on", "拟稿日期"],
                ["countersigned_on", "会签日期"],
                ["approved_on", "审签日期"],
                ["issued_on", "印发日期"],
                ["time_limit", "限时（须印发的日期）"],
              ] as const
            ).map(([name, label]) => (
              <Form.Item key={name} name={name} label={label} rules={[realDate(label), ...(name === "drafted_on" ? [{ required: true, message: "请填写拟稿日期。" }] : [])]}>
                <DateField testId={`outgoing-${name}`} style={{ width: 160 }} />
              </Form.Item>
            ))}
          </Space>
          <Space>
            <Form.Item name="urgent" valuePropName="checked">
              <Checkbox>特急</Checkbox>
            </Form.Item>
            <Form.Item name="important" valuePropName="checked">
              <Checkbox>重要（未印发前每个工作日上午、下午检查）</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item name="note" label="备注">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={eventFor !== null} title={`登记质量问题：${eventFor?.doc_no ?? ""}`} okText="登记" cancelText="取消" onOk={() => void record().catch(() => undefined)} onCancel={() => setEventFor(null)} forceRender>
        <Form form={eventForm} layout="vertical">
          <Form.Item name="kind" label="问题">
            <Radio.Group
              options={[
                { value: "returned", label: "退文" },
                { value: "revised", label: "退改" },
                { value: "countersign_overdue", label: "会签逾期" },
              ]}
            />
          </Form.Item>
          {kind !== "countersign_overdue" && (
            <Form.Item name="gate" label="未过的关" rules={[{ required: true, message: "退文、退改须写明未过的关。" }]}>
              <Radio.Group options={GATES.map((g) => ({ value: g, label: g }))} />
            </Form.Item>
          )}
          <Form.Item name="on" label="日期" rules={[{ required: true, message: "请填写日期。" }, realDate("日期")]}>
            <DateField />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={events !== null} title={`质量记录：${events?.doc.doc_no ?? ""}`} footer={null} onCancel={() => setEvents(null)}>
        {events?.list.length === 0 ? (
          "没有质量问题。"
        ) : (
          <ul>
            {events?.list.map((e, i) => (
              <li key={e.id ?? `d${i}`}>
                {e.occurred_on} {EVENT_LABEL[e.kind] ?? e.kind}
                {e.gate ? `（${e.gate}）` : ""} {e.department} {e.note}
                {e.derived ? "（系统推算）" : ""}
              </li>
            ))}
          </ul>
        )}
      </Modal>
    </Card>
  );
}
