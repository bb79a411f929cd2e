// 考核方案 (§6): the shipped 默认方案 and the office's copies — weights per
// indicator for departments and for units, and the factors of the count
// indicators (score = max(0, 100 − factor × count)); copy, change, and choose
// the scheme a period is scored with.
import { Alert, Button, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useCallback, useState } from "react";

import { chooseScheme, copyScheme, listSchemes, schemeFor, updateScheme } from "../../api/assessment";
import type { IndicatorId } from "../../api/generated/IndicatorId";
import type { Scheme } from "../../api/generated/Scheme";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { INDICATOR } from "./indicators";

const FACTORS: IndicatorId[] = ["overdue_open", "extensions", "negative_opinion", "opinion_discipline", "accountability"];
const ALL = Object.keys(INDICATOR) as IndicatorId[];

type Column = "departments" | "units" | "factors";
type Draft = Record<Column, Partial<Record<IndicatorId, number>>>;

export default function SchemesPanel({ period }: { period: string }) {
  const [schemes, setSchemes] = useState<Scheme[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({ departments: {}, units: {}, factors: {} });
  const [copying, setCopying] = useState(false);
  const [newName, setNewName] = useState("");

  const load = useCallback(async () => {
    try {
      const [all, used] = await Promise.all([listSchemes(), schemeFor(period)]);
      setSchemes(all);
      setCurrent(used.name);
      setShown((s) => s ?? used.name);
      setDraft({ departments: {}, units: {}, factors: {} });
    } catch (e) {
      reportError(e);
    }
  }, [period]);
  useLoad(load);

  const scheme = schemes.find((s) => s.name === shown) ?? null;
  const value = (col: Column, id: IndicatorId) => draft[col][id] ?? scheme?.body[col][id] ?? 0;
  const edited = Object.values(draft).some((d) => Object.keys(d).length > 0);

  const save = async () => {
    if (!scheme) return;
    const pairs = (col: Column) => Object.entries(draft[col]) as [IndicatorId, number][];
    await updateScheme(scheme.name, { departments: pairs("departments"), units: pairs("units"), factors: pairs("factors") });
    notifySuccess(`已保存考核方案“${scheme.name}”。`);
  };
  const copy = async () => {
    if (!scheme) return;
    const made = await copyScheme(scheme.name, newName);
    notifySuccess(`已复制为“${made.name}”。`);
    setCopying(false);
    setShown(made.name);
  };
  const choose = async () => {
    if (!scheme) return;
    await chooseScheme(period, scheme.name);
    // Shown with the notice, not a moment later when the page reloads.
    setCurrent(scheme.name);
    notifySuccess(`${period} 将按“${scheme.name}”计分。`);
  };

  const cell = (col: Column, id: IndicatorId) =>
    col === "factors" && !FACTORS.includes(id) ? (
      "—"
    ) : (
      <InputNumber
        size="small"
        min={0}
        max={col === "factors" ? 100 : 1000}
        value={value(col, id)}
        disabled={scheme?.builtin}
        data-testid={`scheme-${col}-${id}`}
        onChange={(v) => setDraft((d) => ({ ...d, [col]: { ...d[col], [id]: v ?? 0 } }))}
      />
    );

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <span>方案</span>
        <Select
          data-testid="scheme-select"
          style={{ width: 200 }}
          value={shown ?? undefined}
          onChange={(v: string) => {
            setShown(v);
            setDraft({ departments: {}, units: {}, factors: {} });
          }}
          options={schemes.map((s) => ({ value: s.name, label: s.name }))}
        />
        {current && (
          <Tag color="blue" data-testid="scheme-current">
            {period} 使用：{current}
          </Tag>
        )}
        <Button data-testid="scheme-copy" onClick={() => { setNewName(""); setCopying(true); }}>
          复制方案
        </Button>
        <Button type="primary" data-testid="scheme-save" disabled={!edited || scheme?.builtin} onClick={() => void save().catch((e) => reportError(e, "方案未保存"))}>
          保存修改
        </Button>
        <Button data-testid="scheme-choose" disabled={!scheme || scheme.name === current} onClick={() => void choose().catch((e) => reportError(e, "未选用"))}>
          用于 {period}
        </Button>
      </Space>
      {scheme?.builtin && <Alert type="info" showIcon message="默认方案不能修改：复制一个方案后，修改复制出的方案，再选用于考核期间。" />}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={ALL.map((id) => ({ id }))}
        columns={[
          { title: "指标", render: (_, r) => INDICATOR[r.id] },
          { title: "内设机构权重", width: 140, render: (_, r) => cell("departments", r.id) },
          { title: "下级单位权重", width: 140, render: (_, r) => cell("units", r.id) },
          { title: "扣分系数（每次扣分）", width: 170, render: (_, r) => cell("factors", r.id) },
        ]}
      />
      <Typography.Text type="secondary">权重只在有定义的指标之间按比例分配；某项指标对某部门无定义时，其权重分给其他指标。</Typography.Text>
      <Modal
        open={copying}
        title={`复制“${scheme?.name ?? ""}”`}
        okText="复制"
        cancelText="取消"
        okButtonProps={{ disabled: newName.trim() === "", "data-testid": "scheme-copy-ok" } as ButtonProps}
        onOk={() => void copy().catch((e) => reportError(e, "未复制"))}
        onCancel={() => setCopying(false)}
      >
        <Input data-testid="scheme-new-name" placeholder="新方案名称，如 2027年度方案" value={newName} onChange={(e) => setNewName(e.target.value)} />
      </Modal>
    </Space>
  );
}
