// 登记舆情 / 修改舆情 (§2.6): an incident as the unit reported it, or one the
// unit never reported (漏报, recorded by the office). Times are typed as
// "YYYY-MM-DD HH:mm" or with seconds; a date alone means, as in the sheet,
// 00:00 for 发生 and 发现 and 23:59 for 报告.
import { Checkbox, Form, Input, Modal, Radio, Select } from "antd";
import { useEffect, useState } from "react";

import type { Incident } from "../../api/generated/Incident";
import type { Level } from "../../api/generated/Level";
import type { Party } from "../../api/generated/Party";
import { createIncident, updateIncident } from "../../api/opinion";
import { notifySuccess, reportError } from "../../feedback";
import { matchSearch } from "../../hooks/useOrg";

export const LEVEL_OPTIONS: { value: Level; label: string }[] = [
  { value: "general", label: "一般" },
  { value: "larger", label: "较大" },
  { value: "major", label: "重大" },
  { value: "critical", label: "特别重大" },
];

interface Values {
  party: string;
  title: string;
  occurred_at: string;
  discovered_at?: string;
  reported_at?: string;
  channel?: string;
  level: Level;
  negative: boolean;
  handling?: string;
  status: "handling" | "handled";
  note?: string;
  by_office: boolean;
}

const MOMENT = /^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}(:\d{2})?)?$/;

/**
 * "2026-11-05 10:00" (seconds kept when typed) as the core's date-time; a
 * date alone is `dayAlone` of that day (00:00, or 23:59 for 报告时间).
 */
function moment(text: string | undefined, dayAlone = "00:00"): string | null {
  const t = text?.trim();
  if (!t) return null;
  const [day, time] = t.split(" ");
  const [h, m, sec] = (time ?? dayAlone).split(":");
  return `${day}T${(h ?? "0").padStart(2, "0")}:${m ?? "00"}:${sec ?? "00"}`;
}

/**
 * The core's date-time as typed ("2026-11-05 10:00"), its seconds shown when
 * there are any: saving the form again must not move a time (a report 30 s
 * past its limit stays 迟报).
 */
const shown = (t: string | null) => {
  if (!t) return "";
  const text = t.replace("T", " ");
  return text.endsWith(":00") && text.length === 19 ? text.slice(0, 16) : text;
};

const momentRule = (label: string, required = false) => ({
  validator: (_: unknown, v?: string) => {
    if (!v || !v.trim()) return required ? Promise.reject(new Error(`请填写${label}。`)) : Promise.resolve();
    return MOMENT.test(v.trim())
      ? Promise.resolve()
      : Promise.reject(new Error(`${label}“${v}”格式不对，请写成“2026-11-05 10:30”或“2026-11-05”。`));
  },
});

interface Props {
  /** "new", an incident to correct, or null (closed). */
  editing: Incident | "new" | null;
  units: Party[];
  onClose: () => void;
}

export default function IncidentModal({ editing, units, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    if (editing === "new") form.setFieldsValue({ level: "general", negative: true, status: "handling", by_office: false });
    else
      form.setFieldsValue({
        party: editing.party,
        title: editing.title,
        occurred_at: shown(editing.occurred_at),
        discovered_at: shown(editing.discovered_at),
        reported_at: shown(editing.reported_at),
        channel: editing.channel,
        level: editing.level,
        negative: editing.negative,
        handling: editing.handling,
        status: editing.status,
        note: editing.note,
        by_office: editing.by_office,
      });
  }, [editing, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const input = {
      party: v.party,
      title: v.title,
      occurred_at: moment(v.occurred_at) ?? "",
      discovered_at: moment(v.discovered_at),
      reported_at: moment(v.reported_at, "23:59"),
      channel: v.channel ?? "",
      level: v.level,
      negative: v.negative,
      handling: v.handling ?? "",
      status: v.status,
      note: v.note ?? "",
    };
    setBusy(true);
    try {
      if (editing === "new") await createIncident(input, v.by_office);
      else if (editing) await updateIncident(editing.id, input);
      notifySuccess(editing === "new" ? `已登记舆情“${v.title.trim()}”。` : "舆情已修改。");
      onClose();
    } catch (e) {
      reportError(e, "舆情未保存");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={editing !== null}
      title={editing === "new" ? "登记舆情" : "修改舆情"}
      okText="保存"
      cancelText="取消"
      width={620}
      okButtonProps={{ "data-testid": "incident-save" } as Record<string, string>}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="party" label="单位" rules={[{ required: true, message: "请选择单位。" }]}>
          <Select
            data-testid="incident-party"
            showSearch
            disabled={editing !== "new"}
            filterOption={matchSearch}
            options={units.map((p) => ({ value: p.name, label: p.name, search: [p.name, ...p.aliases].join(" ") }))}
          />
        </Form.Item>
        <Form.Item name="title" label="舆情标题" rules={[{ required: true, whitespace: true, message: "请填写舆情标题。" }]}>
          <Input data-testid="incident-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="occurred_at" label="发生时间" rules={[momentRule("发生时间", true)]}>
          <Input data-testid="incident-occurred" placeholder="2026-11-05 10:30" />
        </Form.Item>
        <Form.Item name="discovered_at" label="发现时间" rules={[momentRule("发现时间")]}>
          <Input data-testid="incident-discovered" placeholder="2026-11-05 10:40" />
        </Form.Item>
        <Form.Item name="reported_at" label="报告时间（单位向本办报告的时间）" rules={[momentRule("报告时间")]}>
          <Input data-testid="incident-reported" placeholder="2026-11-05 15:00" />
        </Form.Item>
        <Form.Item name="level" label="等级">
          <Radio.Group data-testid="incident-level" options={LEVEL_OPTIONS} />
        </Form.Item>
        <Form.Item name="negative" label="是否负面">
          <Radio.Group
            options={[
              { value: true, label: "负面" },
              { value: false, label: "非负面" },
            ]}
          />
        </Form.Item>
        <Form.Item name="channel" label="来源渠道">
          <Input maxLength={60} placeholder="网络媒体、12366 热线 …" />
        </Form.Item>
        <Form.Item name="handling" label="处置情况">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="status" label="处置状态">
          <Radio.Group
            options={[
              { value: "handling", label: "处置中" },
              { value: "handled", label: "已处置" },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
        {editing === "new" && (
          <Form.Item name="by_office" valuePropName="checked">
            <Checkbox data-testid="incident-by-office">单位未报告，由本办发现登记（计为漏报）</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
