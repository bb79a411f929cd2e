// 督办台账 (PRODUCT #9): every item with its 红黄绿灯, filtered, sorted and paged
// by the core (server-side), and a drawer with the item in full.
import { Alert, Button, Card, Segmented, Space, Table, Tooltip, Typography } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import { useCallback, useRef, useState } from "react";

import type { ItemRow } from "../../api/generated/ItemRow";
import type { LedgerFilter } from "../../api/generated/LedgerFilter";
import type { LedgerPage as Page } from "../../api/generated/LedgerPage";
import type { LedgerSort } from "../../api/generated/LedgerSort";
import { ledgerOptions, queryLedger } from "../../api/tasks";
import { saveSheet } from "../../api/dialogs";
import { exportLedger } from "../../api/imports";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import { LEDGER, LEDGER_OPTIONS, ledgerKey } from "../../hooks/firstPages";
import { fetchKept, keptNow } from "../../hooks/kept";
import { useKept } from "../../hooks/useKept";
import { useOrg } from "../../hooks/useOrg";
import { useWhenShown, WhileShown } from "../../hooks/pageShown";
import { emptyFilter } from "../../components/ledgerFilter";
import ItemDrawer from "../../components/ItemDrawer";
import { DeadlineText, LightTag, StatusTag } from "../../components/labels";
import LedgerFilters from "./LedgerFilters";
import SplitDrawer from "../../components/SplitDrawer";
import BatchChaseModal from "./BatchChaseModal";
import ExtensionsList from "./ExtensionsList";
import "./ledger.css";

function sortOf(s: SorterResult<ItemRow>): LedgerSort {
  const desc = s.order === "descend";
  switch (s.columnKey) {
    case "deadline":
      return desc ? "deadline_desc" : "deadline";
    case "lead":
      return "lead";
    case "item_no":
      return desc ? "item_no_desc" : "item_no";
    default:
      return "item_no";
  }
}

export default function LedgerPage() {
  const org = useOrg();
  const [filter, setFilter] = useState<LedgerFilter>(emptyFilter);
  const [resets, setResets] = useState(0);
  // The page shown when the ledger closed, if nothing has changed since
  // (hooks/kept.ts): the first paint has the rows.
  const [page, setPage] = useState<Page | null>(() => keptNow<Page>(LEDGER, ledgerKey(filter)) ?? null);
  const [loading, setLoading] = useState(false);
  const today = useToday();

  /** Exports the ledger for the current filter (every page) to a chosen file. */
  const exportCurrent = async () => {
    try {
      const path = await saveSheet("导出督办台账", `督办台账-${today}.xlsx`);
      if (!path) return;
      const written = await exportLedger(filter, path);
      notifySuccess(`已导出 ${written.items} 项到 ${written.file}`);
    } catch (e) {
      reportError(e, "导出失败");
    }
  };
  /** Exports only the selected items (the ledger's columns, every selected row). */
  const exportSelected = async () => {
    try {
      const path = await saveSheet("导出所选事项", `督办台账-所选-${today}.xlsx`);
      if (!path) return;
      const written = await exportLedger({ ...emptyFilter(), item_nos: selected, page_size: 0 }, path);
      notifySuccess(`已导出所选 ${written.items} 项到 ${written.file}`);
    } catch (e) {
      reportError(e, "导出失败");
    }
  };
  // 已选: the selection is kept across pages and filters (keys = 事项编号).
  const [selected, setSelected] = useState<string[]>([]);
  const [chasing, setChasing] = useState(false);
  // 督办台账 or the 延期申请 across items.
  const [view, setView] = useState<"ledger" | "extensions">("ledger");
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [splitting, setSplitting] = useState(false);

  const options = useKept(LEDGER_OPTIONS, ledgerOptions);

  // Searching as you type sends a query per key: only the newest one's
  // answer is shown, whatever order the answers come back in.
  const latest = useRef(0);
  // The spinner shows only for a query that takes a while: switching it on
  // and off for every key would draw the table twice more per key.
  const load = useCallback(async () => {
    const asked = ++latest.current;
    const slow = setTimeout(() => {
      if (asked === latest.current) setLoading(true);
    }, 200);
    try {
      const answer = await fetchKept(LEDGER, ledgerKey(filter), () => queryLedger(filter));
      if (asked === latest.current) setPage(answer);
    } catch (e) {
      if (asked === latest.current) reportError(e);
    } finally {
      clearTimeout(slow);
      if (asked === latest.current) setLoading(false);
    }
  }, [filter]);

  // A kept page (pages.tsx). While the clerk is on another page a change of
  // the data is only noted (useChanged); when the ledger is shown again its
  // rows are asked for under the spinner from the first paint, so old rows
  // never pass for current ones. Nothing of it stays open behind another page.
  useLoad(load, () => setLoading(true));
  useWhenShown(
    useCallback((now: boolean) => {
      if (now) return;
      setOpenItem(null);
      setSplitting(false);
      setChasing(false);
    }, []),
  );

  const change = (patch: Partial<LedgerFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));
  const sortOrder = (key: string) => {
    const s = filter.sort;
    if (key === "item_no") return s === "item_no_desc" ? "descend" : s === "item_no" ? "ascend" : null;
    if (key === "deadline") return s === "deadline_desc" ? "descend" : s === "deadline" ? "ascend" : null;
    if (key === "lead") return s === "lead" ? "ascend" : null;
    return null;
  };

  return (
    <Card
      data-testid="ledger-page"
      title={
        <Space>
          <Segmented
            data-testid="ledger-view"
            value={view}
            onChange={(v) => setView(v as "ledger" | "extensions")}
            options={[
              { value: "ledger", label: "督办台账" },
              { value: "extensions", label: "延期申请" },
            ]}
          />
          {view === "ledger" && (
            <Typography.Text style={{ fontWeight: "normal" }} data-testid="ledger-total">
              共 {(page?.total ?? 0)} 项
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space>
          <Tooltip title="按当前筛选条件导出台账（全部页），灯色以单元格底色标示；导出的表格可再导入。">
            <Button data-testid="ledger-export" onClick={() => void exportCurrent()}>
              导出 Excel
            </Button>
          </Tooltip>
          <Tooltip title="将没有文件的会议决定事项分解为督办事项；文件的任务分解请在“收文登记”中打开该文件。">
            <Button data-testid="ledger-split-meeting" data-shortcut="new" onClick={() => setSplitting(true)}>
              会议事项分解
            </Button>
          </Tooltip>
        </Space>
      }
    >
      {view === "extensions" ? (
        <ExtensionsList onOpenItem={setOpenItem} />
      ) : (
        <>
          <LedgerFilters
            key={resets}
            filter={filter}
            options={options}
            org={org.org}
            onChange={change}
            onReset={() => {
              setFilter(emptyFilter());
              setResets((n) => n + 1);
            }}
          />
          {selected.length > 0 && (
            <Alert
              type="info"
              style={{ marginBottom: 12 }}
              data-testid="ledger-selection"
              message={
                <Space wrap>
                  <span data-testid="ledger-selected-count">已选 {selected.length} 项</span>
                  <Button size="small" type="primary" data-testid="ledger-batch-chase" onClick={() => setChasing(true)}>
                    批量催办
                  </Button>
                  <Button size="small" data-testid="ledger-export-selected" onClick={() => void exportSelected()}>
                    导出所选
                  </Button>
                  <Button size="small" type="link" data-testid="ledger-clear-selection" onClick={() => setSelected([])}>
                    清除选择
                  </Button>
                </Space>
              }
            />
          )}
          <Table<ItemRow>
            data-testid="ledger-table"
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              columnWidth: 40,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (r) => ({ "data-testid": "ledger-row-select", "data-item-no": r.item_no }) as object,
            }}
            rowKey={(r) => r.item_no}
            size="middle"
            // Wider than the window: it scrolls sideways in its own box
            // (ledger.css), not through antd's scroll.x, whose measuring and
            // sticky columns laid the page out twice more per change.
            className="ledger-table"
            loading={loading}
            dataSource={page?.rows ?? []}
            onRow={(r) => ({
              // A click on the selection checkbox selects; anywhere else opens the item.
              onClick: (e) => {
                if (!(e.target as HTMLElement).closest(".ant-table-selection-column")) setOpenItem(r.item_no);
              },
              style: { cursor: "pointer" },
              "data-testid": "ledger-row",
              "data-item-no": r.item_no,
            })}
            pagination={{
              current: filter.page,
              pageSize: filter.page_size,
              total: (page?.total ?? 0),
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => `共 ${n} 项`,
            }}
            onChange={(p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              setFilter((f) => ({
                ...f,
                page: p.pageSize !== f.page_size ? 1 : (p.current ?? 1),
                page_size: p.pageSize ?? f.page_size,
                sort: s ? sortOf(s) : f.sort,
              }));
            }}
            columns={[
              {
                title: "灯",
                key: "light",
                width: 80,
                render: (_, r) => <LightTag light={r.light} testId="ledger-row-light" />,
              },
              {
                title: "事项编号",
                key: "item_no",
                dataIndex: "item_no",
                width: 130,
                sorter: true,
                sortOrder: sortOrder("item_no"),
                render: (v: string) => <span data-testid="ledger-row-no">{v}</span>,
              },
              {
                title: "事项名称",
                dataIndex: "name",
                width: 280,
                render: (v: string, r) => (
                  <>
                    <span data-testid="ledger-row-name">{v}</span>
                    {r.tracked && (
                      <div>
                        <Typography.Text type="warning">跟踪督办</Typography.Text>
                      </div>
                    )}
                  </>
                ),
              },
              {
                title: "牵头部门",
                key: "lead",
                dataIndex: "lead",
                width: 140,
                sorter: true,
                sortOrder: sortOrder("lead"),
                sortDirections: ["ascend"],
                render: (v: string) => <span data-testid="ledger-row-lead">{v}</span>,
              },
              {
                title: "配合部门",
                width: 150,
                render: (_, r) => <span data-testid="ledger-row-cooperators">{r.cooperators.join("、") || "—"}</span>,
              },
              { title: "统筹局领导", dataIndex: "coordinator_leader", width: 100, render: (v: string) => v || "—" },
              {
                title: "完成时限",
                key: "deadline",
                width: 130,
                sorter: true,
                sortOrder: sortOrder("deadline"),
                render: (_, r) => (
                  <DeadlineText
                    deadline={r.deadline}
                    effective={r.effective_deadline}
                    standing={r.standing}
                    cycle={r.report_cycle}
                  />
                ),
              },
              {
                title: "办理状态",
                width: 100,
                render: (_, r) => <StatusTag status={r.status} label={r.status_label} />,
              },
              {
                title: "催办",
                key: "chases",
                width: 64,
                render: (_, r) => <span data-testid="ledger-row-chases">{r.chase_count}</span>,
              },
              {
                title: "最新进展",
                dataIndex: "latest_progress",
                ellipsis: true,
                render: (v: string) => v || "—",
              },
            ]}
          />
        </>
      )}
      <WhileShown>
        <BatchChaseModal
          itemNos={selected}
          open={chasing}
          onClose={() => setChasing(false)}
          onDone={() => {
            setChasing(false);
            void load();
          }}
        />
        <ItemDrawer itemNo={openItem} org={org.org} onClose={() => setOpenItem(null)} />
        <SplitDrawer
          open={splitting}
          document={null}
          org={org.org}
          onClose={() => setSplitting(false)}
          onDone={() => setSplitting(false)}
        />
      </WhileShown>
    </Card>
  );
}
