// 操作记录（审计日志） of a period (issue 13): who did what to which record,
// newest first and paged by the core (the log may hold millions of entries),
// filtered by 操作时间, 操作人 and text; 导出 writes every entry of the filter.
import { Button, Card, DatePicker, Input, Select, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useMemo, useState } from "react";

import { saveSheet } from "../../api/dialogs";
import type { AuditEntry } from "../../api/generated/AuditEntry";
import type { AuditPage } from "../../api/generated/AuditPage";
import type { ListFilter } from "../../api/generated/ListFilter";
import { NO_LIST_FILTER, auditPage, exportList } from "../../api/lists";
import { DATE_FORMAT } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";

const PAGE_SIZE = 50;

/** A before/after text of the log, cut to one screen line or so. */
function brief(text: string): string {
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export default function AuditCard() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [operator, setOperator] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [loading, setLoading] = useState(false);

  const filter: ListFilter = useMemo(
    () => ({
      ...NO_LIST_FILTER,
      from: range?.[0]?.format(DATE_FORMAT) ?? null,
      to: range?.[1]?.format(DATE_FORMAT) ?? null,
      operator,
      text: text.trim() || null,
    }),
    [range, operator, text],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await auditPage(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE));
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [filter, page]);
  useLoad(load);

  const exportIt = async () => {
    try {
      const path = await saveSheet("导出操作记录", "操作记录.xlsx");
      if (!path) return;
      const done = await exportList("audit", filter, path);
      notifySuccess(`已导出操作记录 ${done.rows} 条。`);
    } catch (e) {
      reportError(e, "导出失败");
    }
  };

  return (
    <Card
      title="操作记录（审计日志）"
      data-testid="audit-card"
      extra={
        <Button data-testid="audit-export" onClick={() => void exportIt()}>
          导出 Excel
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>操作时间</span>
        <DatePicker.RangePicker
          data-testid="audit-range"
          format={DATE_FORMAT}
          value={range}
          allowEmpty={[true, true]}
          onChange={(v) => {
            setRange(v as [Dayjs | null, Dayjs | null] | null);
            setPage(1);
          }}
        />
        <Select
          data-testid="audit-operator"
          allowClear
          placeholder="操作人"
          style={{ width: 160 }}
          value={operator ?? undefined}
          onChange={(v: string | undefined) => {
            setOperator(v ?? null);
            setPage(1);
          }}
          options={(data?.operators ?? []).map((o) => ({ value: o, label: o }))}
        />
        <Input.Search
          data-testid="audit-text"
          allowClear
          placeholder="编号、操作或内容"
          style={{ width: 240 }}
          onSearch={(v) => {
            setText(v);
            setPage(1);
          }}
        />
        <Typography.Text data-testid="audit-total">共 {data?.total ?? 0} 条</Typography.Text>
      </Space>
      <Table<AuditEntry>
        rowKey={(r) => r.id}
        size="small"
        loading={loading}
        dataSource={data?.entries ?? []}
        onRow={() => ({ "data-testid": "audit-row" }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 条`,
          onChange: setPage,
        }}
        columns={[
          { title: "操作时间", dataIndex: "at", width: 170 },
          { title: "操作人", dataIndex: "operator", width: 100 },
          { title: "对象", dataIndex: "entity_label", width: 100 },
          { title: "编号", dataIndex: "entity_id", width: 140 },
          { title: "操作", dataIndex: "action_label", width: 140 },
          {
            title: "修改内容",
            render: (_, r) => (
              <Typography.Text type="secondary" title={r.before_text ? `原：${r.before_text}\n改为：${r.after_text}` : r.after_text}>
                {r.before_text ? `原：${brief(r.before_text)} → ${brief(r.after_text)}` : brief(r.after_text)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
