// One item of the 任务分解 form: 事项名称, 工作要求, exactly one 牵头部门, any
// 配合部门, 统筹局领导 (required with 配合部门 — 《意见》第五条), 责任人, 完成时限 or
// 长期 with its 报送周期, milestones (时间表/路线图) and 跟踪督办.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Switch, type FormInstance } from "antd";

import type { Organisation } from "../api/generated/Organisation";
import DateField, { realDate } from "./DateField";
import { matchSearch, partyOptions } from "../hooks/useOrg";

/** The §五 message the form shows (the core refuses the same item with its own message). */
export const COORDINATOR_REQUIRED =
  "有配合部门的事项必须明确统筹局领导（《意见》第五条：涉及两个及以上职能部门的事项，由局领导负责统筹协调）。";

export const REPORT_CYCLES = ["每周", "每月", "每季度", "每半年", "每年"];

interface Props {
  form: FormInstance;
  field: number;
  index: number;
  org: Organisation;
  canRemove: boolean;
  onRemove: () => void;
}

export default function SplitItemCard({ form, field, index, org, canRemove, onRemove }: Props) {
  const id = (what: string) => `split-item-${index}-${what}`;
  const lead = Form.useWatch(["items", field, "lead"], form) as string | undefined;
  const cooperators = (Form.useWatch(["items", field, "cooperators"], form) as string[] | undefined) ?? [];
  const standing = Form.useWatch(["items", field, "standing"], form) as boolean | undefined;
  const options = partyOptions(org.parties);
  const coopOptions = options.map((g) => ({ ...g, options: g.options.filter((o) => o.value !== lead) }));
  const leaders = org.leaders.filter((l) => l.active).map((l) => ({ value: l.name, label: `${l.name}（${l.title}）` }));

  return (
    <Card
      size="small"
      title={`第${index + 1}项`}
      data-testid={`split-item-${index}`}
      style={{ marginBottom: 12 }}
      extra={
        canRemove && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove}>
            删除此项
          </Button>
        )
      }
    >
      <Form.Item
        name={[field, "name"]}
        label="事项名称"
        rules={[{ required: true, whitespace: true, message: "请填写事项名称。" }]}
      >
        <Input data-testid={id("name")} maxLength={200} />
      </Form.Item>
      <Form.Item name={[field, "requirement"]} label="工作要求（任务书）">
        <Input.TextArea data-testid={id("requirement")} rows={2} maxLength={4000} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name={[field, "lead"]}
            label="牵头部门"
            tooltip="每个事项有且只有一个牵头部门。"
            rules={[{ required: true, message: "请选择牵头部门（必须且只能有一个）。" }]}
          >
            <Select
              data-testid={id("lead")}
              showSearch
              placeholder="输入名称或简称"
              options={options}
              filterOption={matchSearch}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name={[field, "cooperators"]}
            label="配合部门"
            dependencies={[["items", field, "lead"]]}
            rules={[
              {
                validator: (_, value: string[] | undefined) =>
                  lead && value?.includes(lead)
                    ? Promise.reject(new Error(`“${lead}”已是牵头部门，不能同时作为配合部门。`))
                    : Promise.resolve(),
              },
            ]}
          >
            <Select
              data-testid={id("cooperators")}
              mode="multiple"
              placeholder="可多选"
              options={coopOptions}
              filterOption={matchSearch}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name={[field, "coordinator_leader"]}
            label="统筹局领导"
            required={cooperators.length > 0}
            tooltip="涉及配合部门的事项，由局领导负责统筹协调（《意见》第五条）。"
            dependencies={[["items", field, "cooperators"]]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const coops = (getFieldValue(["items", field, "cooperators"]) as string[] | undefined) ?? [];
                  return coops.length > 0 && !value ? Promise.reject(new Error(COORDINATOR_REQUIRED)) : Promise.resolve();
                },
              }),
            ]}
          >
            <Select data-testid={id("leader")} allowClear showSearch placeholder="请选择" options={leaders} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name={[field, "owner_person"]} label="责任人">
            <Input data-testid={id("owner")} placeholder="例如 张三（处长）" maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12} align="top">
        <Col span={5}>
          <Form.Item name={[field, "standing"]} label="长期事项" valuePropName="checked">
            <Switch data-testid={id("standing")} checkedChildren="长期" unCheckedChildren="否" />
          </Form.Item>
        </Col>
        <Col span={10}>
          {standing ? (
            <Form.Item
              name={[field, "report_cycle"]}
              label="报送周期"
              rules={[{ required: true, message: "长期事项请选择报送周期。" }]}
            >
              <Select data-testid={id("cycle")} options={REPORT_CYCLES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          ) : (
            <Form.Item
              name={[field, "deadline"]}
              label="完成时限"
              rules={[{ required: true, message: "请填写完成时限，或标为长期事项。" }, realDate("完成时限")]}
            >
              <DateField testId={id("deadline")} />
            </Form.Item>
          )}
        </Col>
        <Col span={9}>
          <Form.Item name={[field, "tracked"]} label="跟踪督办" valuePropName="checked" tooltip="完成周期长、工作难度大、进展缓慢的事项（《意见》第十六条）。">
            <Checkbox>
              <span data-testid={id("tracked")}>列为跟踪督办</span>
            </Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="时间表/路线图" style={{ marginBottom: 0 }}>
        <Form.List name={[field, "milestones"]}>
          {(rows, { add, remove }) => (
            <>
              {rows.map((m, j) => (
                <Space key={m.key} align="start" style={{ display: "flex" }}>
                  <Form.Item
                    name={[m.name, "due"]}
                    rules={[{ required: true, message: "请填写节点时间。" }, realDate("节点时间")]}
                  >
                    <DateField testId={`${id("milestone")}-${j}-due`} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item
                    name={[m.name, "title"]}
                    rules={[{ required: true, whitespace: true, message: "请填写节点内容。" }]}
                  >
                    <Input data-testid={`${id("milestone")}-${j}-title`} placeholder="节点内容" style={{ width: 320 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(m.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                size="small"
                icon={<PlusOutlined />}
                data-testid={id("milestone-add")}
                onClick={() => add({ due: undefined, title: "" })}
              >
                添加节点
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </Card>
  );
}
