// The forms of a 整改事项, each in one modal: a progress entry, the three
// checks of 三不放过 (原因查清 / 整改到位 with evidence files / 责任追究 or
// 无需追究 with a reason), reopening with a reason and a new deadline, and
// 回头看 / 再督查 — planned on a closed item, then its result recorded.
import { Button, Form, Input, Modal, Radio, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";

import { pickPath } from "../api/dialogs";
import type { Followup } from "../api/generated/Followup";
import type { RectDetail } from "../api/generated/RectDetail";
import { addRectProgress, planFollowup, recordFollowup, reopenRectification, tickCheck } from "../api/inspections";
import DateField, { realDate } from "./DateField";
import { notifySuccess, reportError } from "../feedback";
import { useToday } from "../hooks/appData";

export type RectForm =
  | { kind: "progress" }
  | { kind: "cause" }
  | { kind: "remedied" }
  | { kind: "accountability" }
  | { kind: "reopen" }
  | { kind: "plan" }
  | { kind: "result"; followup: Followup };

const TITLE: Record<RectForm["kind"], string> = {
  progress: "登记整改进展",
  cause: "原因查清",
  remedied: "整改到位",
  accountability: "责任追究",
  reopen: "重新打开",
  plan: "安排回头看 / 再督查",
  result: "登记复查结果",
};

const MEASURES = ["提醒谈话", "约谈", "诫勉谈话", "通报批评", "组织处理", "纪律处分", "无需追究"] as const;

interface Values {
  on?: string;
  text?: string;
  reporter?: string;
  measure?: string;
  who?: string;
  fkind?: string;
  result?: string;
  deadline?: string;
}

interface Props {
  detail: RectDetail;
  form: RectForm | null;
  onClose: () => void;
}

export default function RectForms({ detail, form: which, onClose }: Props) {
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const rectNo = detail.row.rect_no;
  const measure = Form.useWatch("measure", form);
  const result = Form.useWatch("result", form);

  useEffect(() => {
    if (which) setFiles([]);
  }, [which]);

  const addFile = async () => {
    const f = await pickPath({ mode: "open", title: "选择整改佐证材料", filters: [], default_name: null });
    if (f) setFiles((fs) => [...fs, f]);
  };

  const save = async (v: Values): Promise<unknown> => {
    const on = v.on ?? "";
    switch (which?.kind) {
      case "progress":
        return addRectProgress({ rect_no: rectNo, reported_on: on, text: v.text ?? "", reporter: v.reporter ?? "" });
      case "cause":
        return tickCheck(rectNo, { Cause: { text: v.text ?? "" } });
      case "remedied":
        return tickCheck(rectNo, { Remedied: { evidence: v.text ?? "", files } });
      case "accountability":
        return tickCheck(rectNo, {
          Accountability: { measure: v.measure as (typeof MEASURES)[number], who: v.who ?? "", note: v.text ?? "" },
        });
      case "reopen":
        return reopenRectification(rectNo, v.text ?? "", v.deadline || null);
      case "plan":
        return planFollowup({ kind: v.fkind as "回头看" | "再督查", rect_no: rectNo, inspection: null, planned_on: on, note: v.text ?? "" });
      case "result":
        return recordFollowup({
          followup_id: which.followup.id,
          done_on: on,
          result: v.result as "整改到位" | "整改不到位" | "问题反弹",
          note: v.text ?? "",
          rect_no: null,
          new_deadline: v.deadline || null,
        });
      default:
        return undefined;
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const out = await save(v);
      notifySuccess(typeof out === "string" ? `已登记，新问题的整改编号 ${out}。` : `${TITLE[which!.kind]}已保存。`);
      onClose();
    } catch (e) {
      reportError(e, `${TITLE[which!.kind]}未保存`);
    } finally {
      setBusy(false);
    }
  };

  const k = which?.kind;
  const initial: Values = {
    on: today,
    text: k === "cause" ? detail.row.cause : k === "accountability" ? detail.unit_accountability : "",
    measure: "",
    who: "",
    fkind: "回头看",
    result: "整改到位",
  };
  return (
    <Modal
      open={which !== null}
      title={`${which ? TITLE[which.kind] : ""}：${rectNo}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ "data-testid": "rect-form-save" } as Record<string, string>}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {(k === "progress" || k === "plan" || k === "result") && (
          <Form.Item name="on" label={k === "plan" ? "计划日期" : k === "result" ? "复查日期" : "报告日期"} rules={[{ required: true, message: "请填写日期。" }, realDate("日期")]}>
            <DateField testId="rect-form-date" />
          </Form.Item>
        )}
        {k === "plan" && (
          <Form.Item name="fkind" label="复查类型">
            <Radio.Group options={["回头看", "再督查"].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        )}
        {k === "result" && (
          <Form.Item name="result" label="复查结果">
            <Radio.Group data-testid="rect-form-result" options={["整改到位", "整改不到位", "问题反弹"].map((v) => ({ value: v, label: v }))} />
          </Form.Item>
        )}
        {k === "accountability" && (
          <>
            <Form.Item name="measure" label="追责方式" rules={[{ required: true, message: "请选择追责方式，或选“无需追究”。" }]}>
              <Select data-testid="rect-form-measure" options={MEASURES.map((m) => ({ value: m, label: m }))} />
            </Form.Item>
            {measure !== "无需追究" && (
              <Form.Item name="who" label="被追责人员" rules={[{ required: true, whitespace: true, message: "请填写被追责的人员。" }]}>
                <Input data-testid="rect-form-who" maxLength={100} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item
          name="text"
          label={
            {
              progress: "整改进展",
              cause: "原因分析",
              remedied: "整改到位的佐证（说明）",
              accountability: measure === "无需追究" ? "无需追究的理由" : "追责情况",
              reopen: "重新打开的原因",
              plan: "备注",
              result: result === "问题反弹" ? "反弹问题的描述（空则沿用原问题）" : "复查情况",
            }[k ?? "progress"]
          }
          rules={
            k === "progress" || k === "reopen" || k === "cause" || (k === "accountability" && measure === "无需追究")
              ? [{ required: true, whitespace: true, message: "此项必填。" }]
              : []
          }
        >
          <Input.TextArea data-testid="rect-form-text" rows={3} maxLength={2000} />
        </Form.Item>
        {k === "progress" && (
          <Form.Item name="reporter" label="填报人">
            <Input maxLength={60} />
          </Form.Item>
        )}
        {(k === "reopen" || (k === "result" && result !== "整改到位")) && (
          <Form.Item
            name="deadline"
            label="新的整改时限"
            rules={[{ required: k === "result", message: "请填写新的整改时限。" }, realDate("新的整改时限")]}
          >
            <DateField testId="rect-form-deadline" />
          </Form.Item>
        )}
        {k === "remedied" && (
          <Space>
            <Button onClick={() => void addFile().catch(reportError)}>添加佐证材料…</Button>
            <Typography.Text type="secondary">
              {files.length ? files.map((f) => f.split(/[\\/]/).pop()).join("、") : "说明或材料至少一项"}
            </Typography.Text>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
