// The actions on an item, each a small dialog: 录入进展, 办结报告, 销号, 退回,
// 撤销, 重新打开 (reasons required where the status machine asks for them), and
// 添加节点. Which actions are offered follows the item's status.
import { Button, Form, Input, Modal, Select, Space, Tag } from "antd";
import { useState } from "react";

import type { ItemRow } from "../api/generated/ItemRow";
import type { Organisation } from "../api/generated/Organisation";
import {
  acceptCompletion,
  addMilestone,
  addProgress,
  reopenItem,
  reportCompletion,
  returnCompletion,
  withdrawItem,
} from "../api/tasks";
import { addProgressWithEvidence } from "../api/corrections";
import { pickPath } from "../api/dialogs";
import DateField, { realDate } from "./DateField";
import { notifySuccess, reportError } from "../feedback";
import { useToday } from "../hooks/appData";

type Action = "progress" | "complete" | "accept" | "return" | "withdraw" | "reopen" | "milestone";

const TITLE: Record<Action, string> = {
  progress: "录入办理进展",
  complete: "办结报告",
  accept: "销号",
  return: "退回办结报告",
  withdraw: "撤销事项",
  reopen: "重新打开",
  milestone: "添加时间节点",
};

interface Values {
  date?: string;
  text?: string;
  reporter?: string;
  party?: string;
  problems?: string;
  next_steps?: string;
  reason?: string;
  evidence?: string[];
}

interface Props {
  row: ItemRow;
  org: Organisation;
}

export default function ItemActions({ row, org }: Props) {
  const today = useToday();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  // 佐证材料 of a progress entry, picked with the file dialog
  const [files, setFiles] = useState<string[]>([]);
  const [form] = Form.useForm<Values>();
  const open = row.status === "not_started" || row.status === "in_progress" || row.status === "pending_review";
  const parties = [row.lead, ...row.cooperators];
  const partyId = (name?: string) => {
    const p = org.parties.find((x) => x.name === name);
    return p ? p.id : null;
  };

  const start = (a: Action) => {
    form.resetFields();
    setFiles([]);
    form.setFieldsValue({ date: a === "accept" ? undefined : today, party: row.lead });
    setAction(a);
  };

  const run = async (v: Values) => {
    const no = row.item_no;
    switch (action) {
      case "progress":
      {
        const input = {
          reported_on: v.date ?? today,
          text: v.text?.trim() ?? "",
          reporter: v.reporter?.trim() ?? "",
          party_id: partyId(v.party),
          problems: v.problems?.trim() ?? "",
          next_steps: v.next_steps?.trim() ?? "",
        };
        if (files.length > 0) await addProgressWithEvidence(no, input, files);
        else await addProgress(no, input);
        return files.length > 0 ? `已录入办理进展（佐证材料 ${files.length} 份）。` : "已录入办理进展。";
      }
      case "complete":
        await reportCompletion(no, {
          reported_on: v.date ?? today,
          text: v.text?.trim() ?? "",
          reporter: v.reporter?.trim() ?? "",
          party_id: partyId(v.party),
          evidence: v.evidence ?? [],
        });
        return "已录入办结报告，待督办室销号。";
      case "accept":
        await acceptCompletion(no, v.date ?? null, v.text?.trim() ?? "");
        return `事项 ${no} 已销号。`;
      case "return":
        await returnCompletion(no, v.reason ?? "");
        return "已退回办结报告。";
      case "withdraw":
        await withdrawItem(no, v.reason ?? "");
        return `事项 ${no} 已撤销。`;
      case "reopen":
        await reopenItem(no, v.reason ?? "");
        return `事项 ${no} 已重新打开。`;
      case "milestone":
        await addMilestone(no, { due: v.date ?? today, title: v.text?.trim() ?? "" });
        return "已添加时间节点。";
      default:
        return "";
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      notifySuccess(await run(v));
      setAction(null);
    } catch (e) {
      reportError(e, `${action ? TITLE[action] : "操作"}未完成`);
    } finally {
      setBusy(false);
    }
  };

  const pickEvidence = async () => {
    try {
      const f = await pickPath({ mode: "open", title: "选择佐证材料", filters: [], default_name: null });
      if (f && !files.includes(f)) setFiles([...files, f]);
    } catch (e) {
      reportError(e);
    }
  };

  const needsReason = action === "return" || action === "withdraw" || action === "reopen";
  const dateLabel = action === "accept" ? "办结日期" : action === "milestone" ? "节点时间" : action === "complete" ? "办结日期" : "报送日期";

  return (
    <>
      <Space wrap data-testid="item-actions">
        {open && (
          <Button data-testid="item-action-progress" onClick={() => start("progress")}>
            录入进展
          </Button>
        )}
        {(row.status === "not_started" || row.status === "in_progress") && (
          <Button data-testid="item-action-complete" onClick={() => start("complete")}>
            办结报告
          </Button>
        )}
        {row.status === "pending_review" && (
          <>
            <Button type="primary" data-testid="item-action-accept" onClick={() => start("accept")}>
              销号
            </Button>
            <Button data-testid="item-action-return" onClick={() => start("return")}>
              退回
            </Button>
          </>
        )}
        {open && (
          <Button data-testid="item-action-milestone" onClick={() => start("milestone")}>
            添加节点
          </Button>
        )}
        {open && (
          <Button danger data-testid="item-action-withdraw" onClick={() => start("withdraw")}>
            撤销
          </Button>
        )}
        {!open && (
          <Button data-testid="item-action-reopen" onClick={() => start("reopen")}>
            重新打开
          </Button>
        )}
      </Space>
      <Modal
        open={action !== null}
        title={action ? `${TITLE[action]}：${row.item_no}` : ""}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
        okButtonProps={{ "data-testid": "item-action-ok" } as Record<string, string>}
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          {!needsReason && (
            <Form.Item
              name="date"
              label={dateLabel}
              rules={[{ required: action !== "accept", message: `请填写${dateLabel}。` }, realDate(dateLabel)]}
              extra={action === "accept" ? "默认取办结报告所述办结日期。" : undefined}
            >
              <DateField testId="item-action-date" />
            </Form.Item>
          )}
          {(action === "progress" || action === "complete") && (
            <Form.Item name="party" label="报送部门">
              <Select options={parties.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          )}
          {(action === "progress" || action === "complete" || action === "accept" || action === "milestone") && (
            <Form.Item
              name="text"
              label={action === "progress" ? "办理进展" : action === "complete" ? "办结情况" : action === "accept" ? "销号意见" : "节点内容"}
              rules={
                action === "accept"
                  ? []
                  : [{ required: true, whitespace: true, message: "请填写内容。" }]
              }
            >
              <Input.TextArea data-testid="item-action-text" rows={3} maxLength={4000} />
            </Form.Item>
          )}
          {action === "progress" && (
            <>
              <Form.Item name="problems" label="存在问题">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="next_steps" label="下步措施">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item label="佐证材料" extra="文件将复制保存到数据文件夹。">
                <Space wrap>
                  {files.map((f) => (
                    <Tag key={f} closable onClose={() => setFiles(files.filter((x) => x !== f))} data-testid="progress-evidence-file">
                      {f.split(/[\\/]/).pop()}
                    </Tag>
                  ))}
                  <Button size="small" data-testid="progress-evidence-pick" onClick={() => void pickEvidence()}>
                    选择文件…
                  </Button>
                </Space>
              </Form.Item>
            </>
          )}
          {(action === "progress" || action === "complete") && (
            <Form.Item name="reporter" label="报送人">
              <Input maxLength={40} />
            </Form.Item>
          )}
          {action === "complete" && (
            <Form.Item name="evidence" label="佐证材料" extra="输入文件完整路径后回车，可填多个；文件将复制保存到数据文件夹。">
              <Select mode="tags" open={false} />
            </Form.Item>
          )}
          {needsReason && (
            <Form.Item
              name="reason"
              label={action === "return" ? "退回原因" : action === "withdraw" ? "撤销原因" : "重新打开原因"}
              rules={[{ required: true, whitespace: true, message: "请填写原因。" }]}
            >
              <Input.TextArea data-testid="item-action-reason" rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
