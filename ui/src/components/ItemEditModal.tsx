// 修改事项 (issue 13): every field the 任务分解 form sets, with a required
// 修改原因. Only the changed fields are sent; a changed 完成时限 is a
// correction the core writes onto the timeline (not an extension), refused
// on a closed item — the refusal is shown as the core words it.
import { Button, Checkbox, Col, Form, Input, Modal, Row, Select } from "antd";
import { useState } from "react";

import { editItem } from "../api/corrections";
import type { ItemEdit } from "../api/generated/ItemEdit";
import type { ItemRow } from "../api/generated/ItemRow";
import type { Organisation } from "../api/generated/Organisation";
import { notifySuccess, notifyWarning, reportError } from "../feedback";
import { matchSearch, partyOptions } from "../hooks/useOrg";
import DateField, { realDate } from "./DateField";

interface Values {
  name: string;
  requirement: string;
  lead: string;
  cooperators: string[];
  coordinator_leader?: string;
  owner_person: string;
  deadline?: string;
  tracked: boolean;
  note: string;
  reason: string;
}

function valuesOf(r: ItemRow): Values {
  return {
    name: r.name,
    requirement: r.requirement,
    lead: r.lead,
    cooperators: r.cooperators,
    coordinator_leader: r.coordinator_leader || undefined,
    owner_person: r.owner_person,
    deadline: r.deadline ?? undefined,
    tracked: r.tracked,
    note: r.note,
    reason: "",
  };
}

/** The fields that differ from the row, as an ItemEdit (None = unchanged). */
function editOf(r: ItemRow, v: Values): ItemEdit {
  const text = (now: string | undefined, was: string) => {
    const t = (now ?? "").trim();
    return t === was ? null : t;
  };
  const coops = v.cooperators ?? [];
  const sameCoops = coops.length === r.cooperators.length && coops.every((c, i) => c === r.cooperators[i]);
  return {
    name: text(v.name, r.name),
    requirement: text(v.requirement, r.requirement),
    lead: v.lead === r.lead ? null : v.lead,
    cooperators: sameCoops ? null : coops,
    coordinator_leader: text(v.coordinator_leader, r.coordinator_leader),
    owner_person: text(v.owner_person, r.owner_person),
    deadline: !v.deadline || v.deadline === r.deadline ? null : v.deadline,
    standing: null,
    report_cycle: null,
    source_category: null,
    source_doc_no: null,
    meeting: null,
    tracked: v.tracked === r.tracked ? null : v.tracked,
    note: text(v.note, r.note),
    reason: v.reason.trim(),
  };
}

interface Props {
  row: ItemRow;
  org: Organisation;
}

export default function ItemEditButton({ row, org }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const lead = Form.useWatch("lead", form);
  const options = partyOptions(org.parties);
  const coopOptions = options.map((g) => ({ ...g, options: g.options.filter((o) => o.value !== lead) }));
  const leaders = org.leaders.filter((l) => l.active).map((l) => ({ value: l.name, label: `${l.name}（${l.title}）` }));

  const submit = async (v: Values) => {
    const edit = editOf(row, v);
    const changed = Object.entries(edit).filter(([k, x]) => k !== "reason" && x !== null).length;
    if (changed === 0) {
      notifyWarning("没有修改任何内容。");
      return;
    }
    setBusy(true);
    try {
      const n = await editItem(row.item_no, edit);
      notifySuccess(`已修改事项 ${row.item_no} 的 ${n} 项内容。`);
      setOpen(false);
    } catch (e) {
      reportError(e, "修改未完成");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        data-testid="item-edit"
        onClick={() => {
          form.setFieldsValue(valuesOf(row));
          setOpen(true);
        }}
      >
        修改
      </Button>
      <Modal
        open={open}
        width={720}
        title={`修改事项：${row.item_no}`}
        okText="保存修改"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ "data-testid": "item-edit-ok" } as Record<string, string>}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="name" label="事项名称" rules={[{ required: true, whitespace: true, message: "请填写事项名称。" }]}>
            <Input data-testid="item-edit-name" maxLength={200} />
          </Form.Item>
          <Form.Item name="requirement" label="工作要求">
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="lead" label="牵头部门" rules={[{ required: true, message: "请选择牵头部门。" }]}>
                <Select data-testid="item-edit-lead" showSearch filterOption={matchSearch} options={options} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="cooperators" label="配合部门">
                <Select mode="multiple" data-testid="item-edit-cooperators" filterOption={matchSearch} options={coopOptions} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="coordinator_leader" label="统筹局领导">
                <Select allowClear showSearch placeholder="请选择" options={leaders} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="owner_person" label="责任人">
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="deadline"
                label="完成时限"
                rules={[realDate("完成时限")]}
                extra={row.standing ? "长期事项无完成时限。" : "更正录入错误；因故延期请走延期申请。"}
              >
                <DateField testId="item-edit-deadline" disabled={row.standing} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="tracked" valuePropName="checked">
            <Checkbox>跟踪督办</Checkbox>
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="reason" label="修改原因" rules={[{ required: true, whitespace: true, message: "请填写修改原因。" }]}>
            <Input.TextArea data-testid="item-edit-reason" rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
