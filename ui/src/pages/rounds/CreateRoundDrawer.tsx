// Creating a round: title, kind, target units (all, or chosen), due date,
// notes; for a registered policy document the seed's two rounds (§十二) can be
// proposed with their dates filled in.
import { Alert, Button, Drawer, Form, Input, Radio, Select, Space } from "antd";
import { useEffect, useState } from "react";

import { listDocuments } from "../../api/documents";
import type { DocumentRow } from "../../api/generated/DocumentRow";
import type { NewRound } from "../../api/generated/NewRound";
import type { ProposedRound } from "../../api/generated/ProposedRound";
import type { RoundKind } from "../../api/generated/RoundKind";
import { createRound, proposeRounds } from "../../api/rounds";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { matchSearch, type OrgData } from "../../hooks/useOrg";

interface Values {
  title: string;
  kind: RoundKind;
  phase: string;
  document_id?: number;
  scope: "all" | "named";
  units: string[];
  due: string;
  notes: string;
}

interface Props {
  open: boolean;
  org: OrgData;
  onClose: () => void;
  onCreated: (id: number) => void;
}

export default function CreateRoundDrawer({ open, org, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const [docs, setDocs] = useState<DocumentRow[]>([]);
  const [proposals, setProposals] = useState<ProposedRound[]>([]);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch("kind", form);
  const scope = Form.useWatch("scope", form);
  const documentId = Form.useWatch("document_id", form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setProposals([]);
    listDocuments({ text: null, urgency: null, unsplit_only: false, year: null })
      .then(setDocs)
      .catch(reportError);
  }, [open, form]);

  const units = org.org.parties
    .filter((p) => p.active && p.kind === "unit")
    .map((p) => ({ value: p.name, label: p.name, search: [p.name, ...p.aliases].join(" ") }));
  const departments = org.org.parties
    .filter((p) => p.active && p.kind === "department")
    .map((p) => ({ value: p.name, label: p.name, search: [p.name, ...p.aliases].join(" ") }));

  const propose = async () => {
    if (documentId === undefined) return;
    try {
      setProposals(await proposeRounds(Number(documentId), null));
    } catch (e) {
      reportError(e);
    }
  };

  const adoptProposal = (p: ProposedRound) => {
    form.setFieldsValue({ title: p.round.title, kind: "policy", phase: p.round.phase, due: p.round.due });
  };

  const submit = async (v: Values) => {
    const input: NewRound = {
      title: v.title,
      kind: v.kind,
      phase: v.kind === "policy" ? (v.phase ?? "") : "",
      document_id: v.document_id === undefined ? null : Number(v.document_id),
      policy_name: "",
      policy_doc_no: "",
      issued_on: null,
      due: v.due,
      notes: v.notes ?? "",
      targets: v.scope === "all" ? { mode: "all" } : { mode: "named", names: v.units ?? [] },
    };
    setBusy(true);
    try {
      const r = await createRound(input);
      notifySuccess(`已创建报送任务“${r.title}”，报送单位 ${r.counts.targets} 个。`);
      onCreated(r.id);
    } catch (e) {
      reportError(e, "报送任务未创建");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer title="新建报送任务" width={640} open={open} onClose={onClose} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="round-form"
        initialValues={{ kind: "policy", phase: "一个月内", scope: "named", units: [], notes: "" }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label="所涉政策文件（可选）" name="document_id">
          <Select
            allowClear
            showSearch
            data-testid="round-document"
            placeholder="选择已登记的政策文件，可按《意见》第十二条提出两次报送"
            optionFilterProp="label"
            options={docs.map((d) => ({ value: d.id, label: `${d.doc_no} ${d.title}` }))}
          />
        </Form.Item>
        {documentId !== undefined && (
          <Space direction="vertical" style={{ width: "100%", marginBottom: 16 }}>
            <Button data-testid="round-propose" onClick={() => void propose()}>
              按出台日期提出两次报送（1个月内、2个月内）
            </Button>
            {proposals.map((p) => (
              <Alert
                key={p.round.phase}
                type="info"
                data-testid="round-proposal"
                message={`${p.round.title}：截止 ${p.round.due}`}
                description={p.explanation}
                action={
                  <Button size="small" onClick={() => adoptProposal(p)}>
                    采用
                  </Button>
                }
              />
            ))}
          </Space>
        )}
        <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: "请填写标题。" }]}>
          <Input data-testid="round-title" placeholder="例如：关于××政策措施落实情况的报送（一个月内）" />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Radio.Group data-testid="round-kind">
            <Radio value="policy">政策措施落实情况（报送表）</Radio>
            <Radio value="progress">督办事项落实进展（反馈表）</Radio>
          </Radio.Group>
        </Form.Item>
        {kind === "policy" && (
          <Form.Item label="报送阶段（决定报送表栏目）" name="phase">
            <Radio.Group>
              <Radio value="一个月内">一个月内：传达学习、采取的措施、当地反映</Radio>
              <Radio value="两个月内">两个月内：实施效果、典型做法、困难问题、意见建议</Radio>
              <Radio value="">全部栏目</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item label="报送单位" name="scope">
          <Radio.Group data-testid="round-scope">
            <Radio value="all">全部下级单位</Radio>
            <Radio value="named" data-testid="round-scope-named">
              指定单位
            </Radio>
          </Radio.Group>
        </Form.Item>
        {scope === "named" && (
          <Form.Item name="units" rules={[{ required: true, message: "请选择至少一个报送单位。" }]}>
            <Select
              mode="multiple"
              data-testid="round-units"
              placeholder="选择单位（可输入简称搜索）"
              filterOption={matchSearch}
              options={[
                { label: "下级单位", options: units },
                { label: "内设机构", options: departments },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          label="报送截止日期"
          name="due"
          rules={[{ required: true, message: "请填写报送截止日期。" }, realDate("报送截止日期")]}
        >
          <DateField testId="round-due" />
        </Form.Item>
        <Form.Item label="报送要求 / 备注" name="notes">
          <Input.TextArea rows={3} data-testid="round-notes" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="round-submit">
          创建
        </Button>
      </Form>
    </Drawer>
  );
}
