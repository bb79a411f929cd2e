// The seven stages of an inspection in order (EXCHANGE §7): each with its
// planned date, done date, note and documents; the stages that do not apply
// to 暗访 / 案头 shown as 不适用. A stage is marked done in order; 整改落实
// is done by closing the inspection's 整改事项.
import { Button, Form, Input, Modal, Space, Steps, Tag, Typography } from "antd";
import { useState } from "react";

import { pickPath } from "../../api/dialogs";
import type { InspectionDetail } from "../../api/generated/InspectionDetail";
import type { Stage } from "../../api/generated/Stage";
import { updateStage } from "../../api/inspections";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";

interface Values {
  planned_on?: string;
  done_on?: string;
  note: string;
}

export default function StageTimeline({ detail }: { detail: InspectionDetail }) {
  const today = useToday();
  const [stage, setStage] = useState<Stage | null>(null);
  const [files, setFiles] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const open = (s: Stage, done: boolean) => {
    form.setFieldsValue({ planned_on: undefined, done_on: done ? today : undefined, note: "" });
    setFiles([]);
    setStage(s);
  };
  const addFile = async () => {
    const f = await pickPath({ mode: "open", title: "选择本环节的材料", filters: [], default_name: null });
    if (f) setFiles((fs) => [...fs, f]);
  };
  const submit = async () => {
    if (!stage) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await updateStage({
        inspection: detail.number,
        stage,
        planned_on: v.planned_on || null,
        done_on: v.done_on || null,
        note: v.note ?? "",
        files,
      });
      notifySuccess(v.done_on ? `“${stage}”已完成。` : `“${stage}”已保存。`);
      setStage(null);
    } catch (e) {
      reportError(e, "环节未更新");
    } finally {
      setBusy(false);
    }
  };

  const current = detail.stages.findIndex((s) => s.stage === detail.current_stage);
  return (
    <>
      <Steps
        direction="vertical"
        size="small"
        current={current < 0 ? detail.stages.length : current}
        items={detail.stages.map((s) => ({
          status: !s.applies ? "wait" : s.done_on ? "finish" : s.stage === detail.current_stage ? "process" : "wait",
          title: (
            <span data-testid="stage-row" data-stage={s.stage} data-state={!s.applies ? "na" : s.done_on ? "done" : "open"}>
              {s.stage} {!s.applies && <Tag>不适用</Tag>}
            </span>
          ),
          description: s.applies ? (
            <Space direction="vertical" size={0}>
              <Typography.Text type="secondary">
                {s.planned_on ? `计划 ${s.planned_on}` : "未排期"}
                {s.done_on ? `，${s.done_on} 完成` : ""}
                {s.note ? `。${s.note}` : ""}
              </Typography.Text>
              {s.files.length > 0 && <Typography.Text type="secondary">材料：{s.files.map((f) => f.file_name).join("、")}</Typography.Text>}
              <Space size="small">
                {s.stage === detail.current_stage && s.stage !== "整改落实" && (
                  <Button size="small" type="primary" data-testid={`stage-done-${s.stage}`} onClick={() => open(s.stage, true)}>
                    标记完成
                  </Button>
                )}
                {!s.done_on && (
                  <Button size="small" data-testid={`stage-plan-${s.stage}`} onClick={() => open(s.stage, false)}>
                    排期 / 备注
                  </Button>
                )}
              </Space>
              {s.stage === "整改落实" && !s.done_on && <Typography.Text type="secondary">全部整改事项销号后完成</Typography.Text>}
            </Space>
          ) : (
            <Typography.Text type="secondary">{detail.manner === "暗访" ? "暗访" : "案头督查"}不适用此环节</Typography.Text>
          ),
        }))}
      />
      <Modal
        open={stage !== null}
        title={`督查环节：${stage ?? ""}`}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ "data-testid": "stage-save" } as Record<string, string>}
        confirmLoading={busy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setStage(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="planned_on" label="计划日期" rules={[realDate("计划日期")]}>
            <DateField testId="stage-planned-on" />
          </Form.Item>
          <Form.Item name="done_on" label="完成日期（未完成则留空）" rules={[realDate("完成日期")]}>
            <DateField testId="stage-done-on" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea data-testid="stage-note" rows={2} maxLength={500} />
          </Form.Item>
          <Space>
            <Button onClick={() => void addFile().catch(reportError)}>添加材料…</Button>
            <Typography.Text type="secondary">{files.length ? files.map((f) => f.split(/[\\/]/).pop()).join("、") : "方案、通知、公告、汇报材料等（可选）"}</Typography.Text>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
