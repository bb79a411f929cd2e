// A day of the year view set by hand (issue 13): 工作日 / 休息日 / 节假日 /
// 调休上班 with a note (春节 …); stored as the office's schedule of that
// year, audited, and every deadline counted over the day follows.
import { Form, Input, Modal, Radio, Typography } from "antd";
import { useEffect, useState } from "react";

import { setDay } from "../../api/calendar";
import type { YearDay } from "../../api/generated/YearDay";
import type { YearDayKind } from "../../api/generated/YearDayKind";
import { notifySuccess, reportError } from "../../feedback";

const KINDS: YearDayKind[] = ["工作日", "休息日", "节假日", "调休上班"];
const WEEKDAY = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

interface Values {
  kind: YearDayKind;
  name: string;
}

export default function DayModal({ day, onClose }: { day: YearDay | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (day) form.setFieldsValue({ kind: day.kind, name: day.name });
  }, [day, form]);

  const save = async () => {
    if (!day) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await setDay(day.date, v.kind, v.name ?? "");
      notifySuccess(`已将 ${day.date} 设为${v.kind}${v.name?.trim() ? `（${v.name.trim()}）` : ""}。`);
      onClose();
    } catch (e) {
      reportError(e, "日历未修改");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={day !== null}
      title={day ? `设置 ${day.date}（${WEEKDAY[day.weekday] ?? ""}）` : ""}
      okText="保存"
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "cal-day-save" } as Record<string, string>}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按国务院办公厅的节假日安排通知逐日录入：放假的日子设为“节假日”，周末上班的日子设为“调休上班”。按工作日计算的完成时限随之改变。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="cal-day-form">
        <Form.Item name="kind" label="这一天是" rules={[{ required: true }]}>
          <Radio.Group data-testid="cal-day-kind" optionType="button" options={KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="name" label="名称 / 备注">
          <Input data-testid="cal-day-name" maxLength={40} placeholder="如：春节、国庆节调休上班" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
