// 任务分解 (PRODUCT #4): split a document — or a meeting decision with no
// document — into several 督办事项 in one go. All items are written together or
// none is; the form checks the §五 rule before the core does.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Drawer, Form, Input, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";

import type { DocumentRow } from "../api/generated/DocumentRow";
import type { ItemRef } from "../api/generated/ItemRef";
import type { NewItem } from "../api/generated/NewItem";
import type { Organisation } from "../api/generated/Organisation";
import { sourceCategories } from "../api/documents";
import { createItems } from "../api/tasks";
import { notifySuccess, reportError } from "../feedback";
import SplitItemCard from "./SplitItemCard";

interface ItemValues {
  name: string;
  requirement?: string;
  lead: string;
  cooperators?: string[];
  coordinator_leader?: string;
  owner_person?: string;
  standing?: boolean;
  deadline?: string;
  report_cycle?: string;
  tracked?: boolean;
  milestones?: { due: string; title: string }[];
}

interface Values {
  meeting?: string;
  source_category?: string;
  items: ItemValues[];
}

interface Props {
  open: boolean;
  /** The document being split; null for a meeting decision. */
  document: DocumentRow | null;
  org: Organisation;
  onClose: () => void;
  onDone: (made: ItemRef[]) => void;
}

const blankItem = (): Partial<ItemValues> => ({ cooperators: [], standing: false, tracked: false, milestones: [] });

export default function SplitDrawer({ open, document, org, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [categories, setCategories] = useState<string[]>([]);

  useEffect(() => {
    if (open && !document) sourceCategories().then(setCategories).catch(reportError);
  }, [open, document]);

  const toNewItem = (v: Values, it: ItemValues): NewItem => ({
    item_no: null,
    document_id: document ? document.id : null,
    meeting: document ? "" : (v.meeting?.trim() ?? ""),
    name: it.name.trim(),
    requirement: it.requirement?.trim() ?? "",
    source_category: document ? document.source_category : (v.source_category ?? ""),
    source_doc_no: document ? document.source_doc_no : "",
    lead: it.lead,
    cooperators: it.cooperators ?? [],
    coordinator_leader: it.coordinator_leader ?? "",
    owner_person: it.owner_person?.trim() ?? "",
    deadline: it.standing ? null : (it.deadline ?? null),
    standing: it.standing ?? false,
    report_cycle: it.standing ? (it.report_cycle ?? "") : "",
    tracked: it.tracked ?? false,
    milestones: (it.milestones ?? []).map((m) => ({ due: m.due, title: m.title.trim() })),
    status: "not_started",
    done_on: null,
    progress_text: "",
    note: "",
  });

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const made = await createItems(v.items.map((it) => toNewItem(v, it)));
      notifySuccess(`已分解为 ${made.length} 项督办事项：${made.map((r) => r.item_no).join("、")}`);
      form.resetFields();
      onDone(made);
    } catch (e) {
      reportError(e, "任务分解未完成");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={document ? `任务分解：${document.doc_no} ${document.title}` : "任务分解：会议决定事项"}
      width={860}
      open={open}
      onClose={onClose}
      destroyOnHidden
      data-testid="split-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} data-testid="split-submit" onClick={() => form.submit()}>
            保存全部事项
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="每个事项明确一个牵头部门；有配合部门的，须明确统筹局领导（《意见》第五条）。全部事项一并保存，任一项有误则都不保存。"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="split-form"
        initialValues={{ items: [blankItem()] }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
      >
        {!document && (
          <Space align="start" style={{ display: "flex" }}>
            <Form.Item
              name="meeting"
              label="会议及决定事项"
              style={{ width: 460 }}
              rules={[{ required: true, whitespace: true, message: "请填写会议名称或决定事项来源。" }]}
            >
              <Input data-testid="split-meeting" placeholder="例如 2026年第5次局长办公会议" />
            </Form.Item>
            <Form.Item
              name="source_category"
              label="来源类别"
              style={{ width: 300 }}
              rules={[{ required: true, message: "请选择来源类别。" }]}
            >
              <Select data-testid="split-category" options={categories.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Space>
        )}
        {document && (
          <Typography.Paragraph type="secondary">
            来源类别：{document.source_category}
            {document.source_doc_no ? `　来文文号：${document.source_doc_no}` : ""}
          </Typography.Paragraph>
        )}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <SplitItemCard
                  key={f.key}
                  form={form}
                  field={f.name}
                  index={i}
                  org={org}
                  canRemove={fields.length > 1}
                  onRemove={() => remove(f.name)}
                />
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} data-testid="split-add-item" onClick={() => add(blankItem())}>
                再加一项
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
