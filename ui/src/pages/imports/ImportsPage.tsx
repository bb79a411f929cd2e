// 导入: import what partners send back, generate feedback templates,
// and the 导入记录 list.
import { Button, Card, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import type { HTMLAttributes } from "react";

import { pickPath, saveSheet } from "../../api/dialogs";
import type { ImportRecord } from "../../api/generated/ImportRecord";
import { IMPORT_KIND_LABELS } from "../../api/generated/vocabulary";
import { feedbackTemplate, feedbackTemplatesAll, importHistory } from "../../api/imports";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { useOrg } from "../../hooks/useOrg";
import ImportPanel from "./ImportPanel";
import ImportVoidButton, { VOIDABLE_KINDS } from "./ImportVoidButton";

const KIND_LABEL: Record<string, string> = IMPORT_KIND_LABELS;

function TemplatePanel({ parties }: { parties: string[] }) {
  const [party, setParty] = useState<string | null>(null);
  const one = async () => {
    if (!party) return;
    const path = await saveSheet("保存落实情况反馈表模板", `落实情况反馈表-${party}.xlsx`);
    if (!path) return;
    const w = await feedbackTemplate(party, path);
    notifySuccess(`已生成反馈表模板（${w.items} 项）：${w.file}`);
  };
  const all = async () => {
    const dir = await pickPath({ mode: "folder", title: "选择保存模板的文件夹", filters: [], default_name: null });
    if (!dir) return;
    const files = await feedbackTemplatesAll(dir);
    notifySuccess(`已生成 ${files.length} 份反馈表模板。`);
  };
  return (
    <Card size="small" title="生成落实情况反馈表模板" data-testid="template-panel" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Select
          showSearch
          style={{ width: 240 }}
          placeholder="选择部门或单位"
          data-testid="template-party"
          value={party ?? undefined}
          onChange={(v) => setParty(v)}
          options={parties.map((p) => ({ value: p, label: p }))}
        />
        <Button data-testid="template-one" disabled={!party} onClick={() => void one().catch(reportError)}>
          生成该单位的模板
        </Button>
        <Button data-testid="template-all" onClick={() => void all().catch(reportError)}>
          为所有有未办结事项的单位生成
        </Button>
      </Space>
    </Card>
  );
}

function HistoryTable({ rows, onChanged }: { rows: ImportRecord[]; onChanged: () => void }) {
  return (
    <Card size="small" title="导入记录" data-testid="import-history">
      <Table<ImportRecord>
        size="small"
        rowKey={(r) => String(r.id)}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={() => ({ "data-testid": "import-history-row" }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: "时间", dataIndex: "imported_at", width: 170 },
          { title: "操作人", dataIndex: "operator", width: 90 },
          { title: "种类", dataIndex: "kind", width: 130, render: (k: string) => KIND_LABEL[k] ?? k },
          {
            title: "文件",
            dataIndex: "file_name",
            render: (f: string, r) => (
              <Typography.Text delete={r.voided !== null} data-testid="import-history-file">
                {f}
              </Typography.Text>
            ),
          },
          { title: "填报单位", dataIndex: "party", width: 140, render: (p: string | null) => p ?? "—" },
          {
            title: "结果",
            width: 100,
            render: (_, r) =>
              r.voided ? (
                <Tag data-testid="import-history-voided" title={`${r.voided.voided_by} ${r.voided.voided_at}：${r.voided.reason}`}>
                  已作废
                </Tag>
              ) : (
                <Tag color={r.status === "partial" ? "orange" : "green"}>{r.status === "partial" ? "部分导入" : "已导入"}</Tag>
              ),
          },
          { title: "导入行数", dataIndex: "rows_applied", width: 90 },
          { title: "问题行数", dataIndex: "rows_rejected", width: 90 },
          {
            title: "内容校验值",
            dataIndex: "sha256",
            width: 130,
            render: (h: string) => (
              <Typography.Text copyable={{ text: h }} title={h}>
                {h.slice(0, 10)}…
              </Typography.Text>
            ),
          },
          {
            title: "更正",
            width: 170,
            render: (_, r) =>
              r.voided ? (
                <Typography.Text type="secondary" delete={false}>
                  作废原因：{r.voided.reason}
                </Typography.Text>
              ) : VOIDABLE_KINDS.includes(r.kind) ? (
                <ImportVoidButton record={r} onDone={onChanged} />
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

export default function ImportsPage() {
  const { org } = useOrg();
  const parties = useMemo(() => org.parties.filter((p) => p.active).map((p) => p.name), [org]);
  const [history, setHistory] = useState<ImportRecord[]>([]);
  const reload = useCallback(() => importHistory().then(setHistory).catch(reportError), []);
  useLoad(reload);
  return (
    <div data-testid="imports-page">
      <ImportPanel parties={parties} />
      <TemplatePanel parties={parties} />
      <HistoryTable rows={history} onChanged={() => void reload()} />
    </div>
  );
}
