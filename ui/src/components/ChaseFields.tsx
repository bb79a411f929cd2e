// The fields of a 催办 (date, channel, to whom, note), shared by the one-item
// form (ChaseModal) and the ledger's 批量催办.
import { Form, Input, Select } from "antd";

import DateField, { realDate } from "./DateField";

export const CHANNELS = ["电话", "通知单", "当面", "系统"] as const;

/** What the fields hold. */
export interface ChaseValues {
  chased_on: string;
  channel: (typeof CHANNELS)[number];
  to_whom: string;
  note: string;
}

/** The four fields; test ids are `${testPrefix}-date`, `-channel`, `-to`, `-note`. */
export function ChaseFields({ testPrefix, toPlaceholder }: { testPrefix: string; toPlaceholder: string }) {
  return (
    <>
      <Form.Item name="chased_on" label="催办日期" rules={[{ required: true, message: "请填写催办日期" }, realDate("催办日期")]}>
        <DateField testId={`${testPrefix}-date`} />
      </Form.Item>
      <Form.Item name="channel" label="方式" rules={[{ required: true }]}>
        <Select data-testid={`${testPrefix}-channel`} options={CHANNELS.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="to_whom" label="催办对象">
        <Input data-testid={`${testPrefix}-to`} placeholder={toPlaceholder} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} data-testid={`${testPrefix}-note`} />
      </Form.Item>
    </>
  );
}
