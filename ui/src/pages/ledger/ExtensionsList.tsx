// 延期申请 across all items (issue 13): filtered by status and 申请日期, the
// same rows the exported 延期申请登记表 holds (extensions_list reads them with
// the exporter's query), and 导出 with these filters.
import { Button, Card, DatePicker, Radio, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useMemo, useState } from "react";

import { saveSheet } from "../../api/dialogs";
import type { Extension } from "../../api/generated/Extension";
import type { ExtensionStatus } from "../../api/generated/ExtensionStatus";
import type { ListFilter } from "../../api/generated/ListFilter";
import { NO_LIST_FILTER, exportList, extensionsList } from "../../api/lists";
import { DATE_FORMAT } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";

const STATUS_LABEL: Record<ExtensionStatus, string> = { pending: "待审批", approved: "已批准", rejected: "未批准" };

interface Props {
  /** Opens an item (事项编号) in the ledger's drawer. */
  onOpenItem: (itemNo: string) => void;
}

export default function ExtensionsList({ onOpenItem }: Props) {
  const [status, setStatus] = useState<ExtensionStatus | "all">("pending");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [rows, setRows] = useState<Extension[]>([]);
  const [loading, setLoading] = useState(false);

  const filter: ListFilter = useMemo(
    () => ({
      ...NO_LIST_FILTER,
      extension_status: status === "all" ? null : status,
      from: range?.[0]?.format(DATE_FORMAT) ?? null,
      to: range?.[1]?.format(DATE_FORMAT) ?? null,
    }),
    [status, range],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await extensionsList(filter));
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [filter]);
  useLoad(load);

  const exportIt = async () => {
    try {
      const path = await saveSheet("导出延期申请", "延期申请登记表.xlsx");
      if (!path) return;
      const done = await exportList("extensions", filter, path);
      notifySuccess(`已导出延期申请 ${done.rows} 条。`);
    } catch (e) {
      reportError(e, "导出失败");
    }
  };

  return (
    <Card
      data-testid="extensions-list"
      size="small"
      title={
        <Space wrap>
          <Radio.Group
            data-testid="ext-status"
            optionType="button"
            value={status}
            onChange={(e) => setStatus(e.target.value as ExtensionStatus | "all")}
            options={[
              { value: "pending", label: "待审批" },
              { value: "approved", label: "已批准" },
              { value: "rejected", label: "未批准" },
              { value: "all", label: "全部" },
            ]}
          />
          <span>申请日期</span>
          <DatePicker.RangePicker
            data-testid="ext-range"
            format={DATE_FORMAT}
            value={range}
            onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
            allowEmpty={[true, true]}
          />
        </Space>
      }
      extra={
        <Space>
          <Typography.Text data-testid="ext-total">共 {rows.length} 条</Typography.Text>
          <Button data-testid="ext-export" onClick={() => void exportIt()}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Table<Extension>
        rowKey={(r) => r.id}
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
        onRow={(r) => ({
          onClick: () => onOpenItem(r.item_no),
          style: { cursor: "pointer" },
          "data-testid": "ext-row",
          "data-item-no": r.item_no,
        })}
        columns={[
          { title: "事项编号", dataIndex: "item_no", width: 120 },
          { title: "事项名称", dataIndex: "item_name", ellipsis: true },
          { title: "申请单位", dataIndex: "party", width: 140 },
          { title: "申请日期", dataIndex: "requested_on", width: 110 },
          { title: "申请前时限", dataIndex: "old_deadline", width: 110 },
          { title: "申请延至", dataIndex: "new_deadline", width: 110 },
          { title: "延期理由", dataIndex: "reason", ellipsis: true },
          {
            title: "审批结果",
            width: 100,
            render: (_, r) =>
              r.voided ? (
                <Typography.Text delete type="secondary">
                  已作废
                </Typography.Text>
              ) : (
                STATUS_LABEL[r.status]
              ),
          },
          { title: "审批日期", dataIndex: "decided_on", width: 110, render: (v: string | null) => v ?? "—" },
        ]}
      />
    </Card>
  );
}
