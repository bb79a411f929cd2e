// The ledger's filters: 部门 (牵头, or also 配合), 统筹局领导, 办理状态, 红黄绿灯,
// 来源类别, 完成时限 range, Chinese text search (as you type; a Chinese input
// method's pinyin is not searched until the characters are chosen), 跟踪督办.
import { QuestionCircleOutlined } from "@ant-design/icons";
import { Button, Checkbox, DatePicker, Input, Select, Space, Tooltip } from "antd";
import { useRef } from "react";

import type { LedgerFilter } from "../../api/generated/LedgerFilter";
import type { LedgerOptions } from "../../api/generated/LedgerOptions";
import type { Light } from "../../api/generated/Light";
import type { Organisation } from "../../api/generated/Organisation";
import type { Status } from "../../api/generated/Status";
import { DATE_FORMAT, toDayjs } from "../../components/DateField";
import { matchSearch, partyOptions } from "../../hooks/useOrg";

interface Props {
  filter: LedgerFilter;
  options: LedgerOptions | null;
  org: Organisation;
  /** Applies a change and goes back to the first page. */
  onChange: (patch: Partial<LedgerFilter>) => void;
  onReset: () => void;
}

export default function LedgerFilters({ filter, options, org, onChange, onReset }: Props) {
  const leaders = org.leaders.map((l) => ({ value: l.name, label: l.name }));
  const yellow = options?.yellow_days ?? 3;
  const composing = useRef(false);
  const search = (v: string) => onChange({ text: v.trim() || null });
  return (
    <Space wrap size={[12, 8]} data-testid="ledger-filters" style={{ marginBottom: 12 }}>
      <Input.Search
        data-testid="ledger-search"
        data-shortcut="search"
        allowClear
        placeholder="搜索事项编号、名称、工作要求"
        style={{ width: 260 }}
        defaultValue={filter.text ?? ""}
        onChange={(e) => {
          if (!composing.current) search(e.target.value);
        }}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          search(e.currentTarget.value);
        }}
        onSearch={search}
      />
      <Space size={4}>
        <Select
          data-testid="ledger-filter-party"
          allowClear
          showSearch
          placeholder="部门/单位"
          style={{ width: 200 }}
          value={filter.party ?? undefined}
          options={partyOptions(org.parties, true)}
          filterOption={matchSearch}
          onChange={(v: string | undefined) => onChange({ party: v ?? null })}
        />
        <Checkbox
          checked={filter.include_cooperating}
          onChange={(e) => onChange({ include_cooperating: e.target.checked })}
        >
          <span data-testid="ledger-filter-cooperating">含配合</span>
        </Checkbox>
        <Tooltip title="不勾选：只列该部门牵头的事项。勾选“含配合”：同时列出该部门作为配合部门的事项。">
          <QuestionCircleOutlined data-testid="ledger-filter-party-help" style={{ color: "#8c8c8c" }} />
        </Tooltip>
      </Space>
      <Select
        data-testid="ledger-filter-leader"
        optionFilterProp="label"
        allowClear
        placeholder="统筹局领导"
        style={{ width: 130 }}
        value={filter.leader ?? undefined}
        options={leaders}
        onChange={(v: string | undefined) => onChange({ leader: v ?? null })}
      />
      <Select<Status[]>
        data-testid="ledger-filter-status"
        optionFilterProp="label"
        mode="multiple"
        allowClear
        placeholder="办理状态"
        style={{ minWidth: 150 }}
        value={filter.status}
        options={(options?.statuses ?? []).map((s) => ({ value: s.value, label: s.label }))}
        onChange={(v) => onChange({ status: v })}
      />
      <Tooltip title={`红灯：已超过完成时限；黄灯：${yellow} 个工作日内到期（含今天）；绿灯：其余在办事项。`}>
        <Select<Light[]>
          data-testid="ledger-filter-light"
        optionFilterProp="label"
          mode="multiple"
          allowClear
          placeholder="红黄绿灯"
          style={{ minWidth: 130 }}
          value={filter.light}
          options={(options?.lights ?? []).map((l) => ({ value: l.value, label: `${l.label}灯` }))}
          onChange={(v) => onChange({ light: v })}
        />
      </Tooltip>
      <Select
        data-testid="ledger-filter-category"
        optionFilterProp="label"
        allowClear
        placeholder="来源类别"
        style={{ width: 200 }}
        value={filter.source_category ?? undefined}
        options={(options?.source_categories ?? []).map((c) => ({ value: c, label: c }))}
        onChange={(v: string | undefined) => onChange({ source_category: v ?? null })}
      />
      <DatePicker.RangePicker
        data-testid="ledger-filter-deadline"
        format={DATE_FORMAT}
        placeholder={["完成时限 从", "至"]}
        value={[toDayjs(filter.deadline_from), toDayjs(filter.deadline_to)]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          onChange({
            deadline_from: range?.[0]?.format(DATE_FORMAT) ?? null,
            deadline_to: range?.[1]?.format(DATE_FORMAT) ?? null,
          })
        }
      />
      <Checkbox checked={filter.tracked_only} onChange={(e) => onChange({ tracked_only: e.target.checked })}>
        <span data-testid="ledger-filter-tracked">仅跟踪督办</span>
      </Checkbox>
      <Button data-testid="ledger-filter-reset" onClick={onReset}>
        重置
      </Button>
    </Space>
  );
}
