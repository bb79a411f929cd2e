// 导入: choose files (one by one, a whole folder, or a path typed/pasted),
// preview each file (nothing written) with its rejected rows and reasons, then
// apply all-or-nothing or only the valid rows. Files are processed one at a
// time so the clerk sees per-file progress on a batch.
import { Alert, Button, Card, Input, List, Progress, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { HTMLAttributes } from "react";

import type { FileReport } from "../../api/generated/FileReport";
import type { ImportKind } from "../../api/generated/ImportKind";
import { importOne } from "../../api/imports";
import { AddSheetButtons, RunButtons } from "../../components/SheetImportButtons";
import { notifySuccess, reportError } from "../../feedback";
import { useSheetFiles } from "../../hooks/useSheetFiles";

export const FILE_STATUS: Record<string, { label: string; color: string }> = {
  applied: { label: "可全部导入", color: "green" },
  partial: { label: "部分导入", color: "orange" },
  rejected: { label: "未导入", color: "red" },
  duplicate: { label: "重复文件", color: "default" },
};

const KINDS: { value: ImportKind; label: string }[] = [
  { value: "feedback", label: "落实情况反馈表" },
  { value: "ledger", label: "督办事项台账" },
  { value: "org", label: "组织机构" },
];

interface Props {
  parties: string[];
}

/** One line of the preview table: a planned row or a rejected one. */
interface Line {
  key: string;
  sheet: string;
  row: number;
  what: string;
  rejected: boolean;
  column: string;
}

function lines(r: FileReport): Line[] {
  const ok: Line[] = (r.rows ?? []).map((p, i) => ({
    key: `ok-${i}`,
    sheet: p.sheet,
    row: p.row,
    what: `${p.key}：${p.summary}`,
    rejected: false,
    column: "",
  }));
  const bad: Line[] = r.rows_rejected.map((x, i) => ({
    key: `bad-${i}`,
    sheet: x.sheet,
    row: x.row,
    what: x.reason,
    rejected: true,
    column: x.column,
  }));
  return [...ok, ...bad].sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet.localeCompare(b.sheet)));
}

function FileResult({ report }: { report: FileReport }) {
  const st = FILE_STATUS[report.status];
  const label = report.dry_run ? st?.label : report.status === "applied" ? "已导入" : st?.label;
  return (
    <Card
      size="small"
      data-testid="import-result"
      data-file={report.file}
      title={
        <Space>
          <Tag color={st?.color} data-testid="import-status" data-status={report.status}>
            {label}
          </Tag>
          <Typography.Text>{report.file}</Typography.Text>
          {report.party && <Tag>填报单位：{report.party}</Tag>}
        </Space>
      }
      extra={
        <span data-testid="import-counts">
          有效 {report.rows_applied} 行，问题 {report.rows_rejected.length} 行
        </span>
      }
      style={{ marginBottom: 12 }}
    >
      {report.error && <Alert type="error" showIcon message={report.error} style={{ marginBottom: 8 }} data-testid="import-error" />}
      {report.warnings.map((w, i) => (
        <Alert key={i} type="warning" showIcon style={{ marginBottom: 4 }} message={`${w.sheet ? `${w.sheet} ` : ""}${w.row ? `第 ${w.row} 行 ` : ""}${w.column ? `“${w.column}”：` : ""}${w.reason}`} />
      ))}
      {(report.rows_not_listed ?? 0) > 0 && (
        <Typography.Paragraph type="secondary" data-testid="import-not-listed" style={{ marginBottom: 8 }}>
          有效行较多，下表只逐行列出前 {report.rows?.length ?? 0} 行，另有 {report.rows_not_listed} 行未列出；问题行全部列出。
        </Typography.Paragraph>
      )}
      {(report.rows?.length ?? 0) + report.rows_rejected.length > 0 && (
        <Table<Line>
          size="small"
          rowKey="key"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={lines(report)}
          onRow={(l) => ({
            "data-testid": l.rejected ? "import-rejected-row" : "import-row",
            style: l.rejected ? { background: "#fff1f0" } : undefined,
          } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: "工作表", dataIndex: "sheet", width: 140 },
            { title: "行", dataIndex: "row", width: 60 },
            { title: "列", dataIndex: "column", width: 110 },
            {
              title: "内容 / 原因",
              dataIndex: "what",
              render: (v: string, l) =>
                l.rejected ? (
                  <span style={{ color: "#cf1322" }} data-testid="import-reason">
                    {v}
                  </span>
                ) : (
                  v
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

export default function ImportPanel({ parties }: Props) {
  const [kind, setKind] = useState<ImportKind>("feedback");
  const [party, setParty] = useState<string | null>(null);
  const [mode, setMode] = useState<"all" | "valid">("all");
  const [typed, setTyped] = useState("");
  const [results, setResults] = useState<FileReport[] | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(null);
  const { files, add, addFile, addFolder, remove, clear } = useSheetFiles(
    { file: "选择要导入的表格", folder: "选择存放表格的文件夹" },
    () => setResults(null),
  );

  const addTyped = () => {
    const p = typed.trim().replace(/^"|"$/g, "");
    if (p) add([p]);
    setTyped("");
  };

  const run = async (dryRun: boolean) => {
    const out: FileReport[] = [];
    try {
      for (const [i, file] of files.entries()) {
        setProgress({ done: i, total: files.length, file });
        out.push(await importOne(kind, file, kind === "feedback" ? party : null, dryRun, mode === "valid"));
        setResults([...out]);
      }
      if (!dryRun) {
        const ok = out.filter((o) => o.status === "applied" || o.status === "partial").length;
        notifySuccess(`已导入 ${ok} 个文件。`);
        clear();
      }
    } catch (e) {
      reportError(e, "表格未导入");
    } finally {
      setProgress(null);
    }
  };

  const busy = progress !== null;
  const applicable = results?.some((o) => o.dry_run && (o.status === "applied" || o.status === "partial")) ?? false;

  return (
    <Card size="small" title="导入表格" data-testid="import-panel" style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Space wrap>
          <span>表格种类：</span>
          <Radio.Group
            data-testid="import-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              setResults(null);
            }}
            options={KINDS}
            optionType="button"
          />
          {kind === "feedback" && (
            <Select
              allowClear
              showSearch
              style={{ width: 220 }}
              placeholder="填报单位（表内未写明时选择）"
              data-testid="import-party"
              value={party ?? undefined}
              onChange={(v) => setParty(v ?? null)}
              options={parties.map((p) => ({ value: p, label: p }))}
            />
          )}
        </Space>
        <Space wrap>
          <AddSheetButtons testId="import" addFile={addFile} addFolder={addFolder} />
          <Input
            style={{ width: 420 }}
            placeholder="或粘贴文件路径后按回车"
            data-testid="import-path-input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onPressEnter={addTyped}
          />
          <Button data-testid="import-path-add" onClick={addTyped}>
            添加路径
          </Button>
        </Space>
        {files.length > 0 && (
          <List
            size="small"
            bordered
            dataSource={files}
            renderItem={(f) => (
              <List.Item
                data-testid="import-file"
                actions={[
                  <a key="x" onClick={() => remove(f)}>
                    移除
                  </a>,
                ]}
              >
                {f}
              </List.Item>
            )}
          />
        )}
        <Space wrap>
          <span>有问题的行：</span>
          <Radio.Group
            data-testid="import-mode"
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as "all" | "valid");
              setResults(null);
            }}
          >
            <Radio value="all">
              <span data-testid="import-mode-all">整个文件不导入（全部或不导入）</span>
            </Radio>
            <Radio value="valid">
              <span data-testid="import-mode-valid">仅导入有效行</span>
            </Radio>
          </Radio.Group>
        </Space>
        <Space>
          <RunButtons testId="import" files={files.length} applicable={applicable} busy={busy} run={run} />
        </Space>
        {progress && (
          <div data-testid="import-progress">
            <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" />
            正在处理第 {progress.done + 1} / {progress.total} 个文件：{progress.file}
          </div>
        )}
        {results?.map((r, i) => <FileResult key={`${r.file}-${i}`} report={r} />)}
      </Space>
    </Card>
  );
}
