// 新建督查 (PRODUCT #12, EXCHANGE §7): name, 类型 实地/案头, 方式 明察/暗访,
// the decisions or items it checks, target units (or departments, for a 机关
// inspection), the team (组长 and 组员 from the roster) and the planned period.
import { Button, Drawer, Form, Input, Radio, Select, Space } from "antd";
import { useEffect, useState } from "react";

import { listDocuments } from "../../api/documents";
import type { DocumentRow } from "../../api/generated/DocumentRow";
import type { InspectionDetail } from "../../api/generated/InspectionDetail";
import type { InspectionKind } from "../../api/generated/InspectionKind";
import type { Manner } from "../../api/generated/Manner";
import type { Person } from "../../api/generated/Person";
import { createInspection, listPeople } from "../../api/inspections";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { matchSearch, partyOptions, type OrgData } from "../../hooks/useOrg";

interface Values {
  name: string;
  kind: InspectionKind;
  manner: Manner;
  targets: string[];
  documents: string[];
  leader: string;
  members: string[];
  planned_start?: string;
  planned_end?: string;
}

interface Props {
  open: boolean;
  org: OrgData;
  onClose: () => void;
  onCreated: (d: InspectionDetail) => void;
}

/** `姓名@单位` when two people share the name (the core asks for it then). */
function personKey(p: Person, all: Person[]): string {
  return all.filter((q) => q.name === p.name).length > 1 ? `${p.name}@${p.party}` : p.name;
}

export default function CreateInspectionDrawer({ open, org, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const [docs, setDocs] = useState<DocumentRow[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    Promise.all([listDocuments({ text: null, urgency: null, unsplit_only: false, year: null }), listPeople(null)])
      .then(([d, p]) => {
        setDocs(d);
        setPeople(p);
      })
      .catch(reportError);
  }, [open, form]);

  const active = people.filter((p) => p.active);
  const personOptions = active.map((p) => ({
    value: personKey(p, active),
    label: `${p.name}（${p.party}${p.level ? "，" + p.level : ""}）`,
    search: `${p.name} ${p.party}`,
  }));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const d = await createInspection({
        name: v.name,
        kind: v.kind,
        manner: v.manner,
        targets: v.targets,
        documents: v.documents ?? [],
        items: [],
        leader: v.leader,
        members: v.members ?? [],
        planned_start: v.planned_start || null,
        planned_end: v.planned_end || null,
      });
      notifySuccess(`已建立 ${d.number}。`);
      onCreated(d);
    } catch (e) {
      reportError(e, "督查未建立");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      title="新建督查"
      width={620}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" data-testid="inspection-create-submit" loading={busy} onClick={() => void submit().catch(() => undefined)}>
            建立
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "实地", manner: "明察", documents: [], members: [] }}>
        <Form.Item name="name" label="督查名称" rules={[{ required: true, whitespace: true, message: "请填写督查名称。" }]}>
          <Input data-testid="inspection-name" maxLength={100} placeholder="例如 2026年度减税降费政策落实情况督查" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="kind" label="督查类型">
            <Radio.Group data-testid="inspection-kind" options={["实地", "案头"].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="manner" label="督查方式">
            <Radio.Group data-testid="inspection-manner" options={["明察", "暗访"].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        </Space>
        <Form.Item
          name="targets"
          label="督查对象（下级单位，机关督查时选内设机构）"
          rules={[{ required: true, message: "请至少选择一个督查对象。" }]}
        >
          <Select data-testid="inspection-targets" mode="multiple" showSearch options={partyOptions(org.org.parties)} filterOption={matchSearch} />
        </Form.Item>
        <Form.Item name="documents" label="督查的决策部署（收文）">
          <Select
            data-testid="inspection-documents"
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={docs.map((d) => ({ value: d.doc_no, label: `${d.doc_no} ${d.title}` }))}
          />
        </Form.Item>
        <Form.Item name="leader" label="组长（从人员名单中选择）" rules={[{ required: true, message: "请选择督查组组长。" }]}>
          <Select data-testid="inspection-leader" showSearch options={personOptions} filterOption={matchSearch} notFoundContent="人员名单为空：请先在“组织机构 → 人员名单”中登记督查专员" />
        </Form.Item>
        <Form.Item name="members" label="组员">
          <Select data-testid="inspection-members" mode="multiple" showSearch options={personOptions} filterOption={matchSearch} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="planned_start" label="计划开始" rules={[realDate("计划开始")]}>
            <DateField testId="inspection-start" />
          </Form.Item>
          <Form.Item name="planned_end" label="计划结束" rules={[realDate("计划结束")]}>
            <DateField testId="inspection-end" />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
