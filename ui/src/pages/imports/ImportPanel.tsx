// 导入: choose files (one by one, a whole folder, or a path typed/pasted),
// preview the batch (nothing written) with each file's rejected rows and
// reasons, then apply all-or-nothing or only the valid rows. The batch is one
// call; the backend tells the progress (file by file, and within a large
// ledger piece by piece) while the window keeps answering.
import { listen } from "@tauri-apps/api/event";
import { Button, Card, Input, List, Progress, Radio, Select, Space } from "antd";
import { useState } from "react";

import type { FileReport } from "../../api/generated/FileReport";
import type { ImportKind } from "../../api/generated/ImportKind";
import type { ImportProgress } from "../../api/generated/ImportProgress";
import { IMPORT_PROGRESS_EVENT, importBatch } from "../../api/imports";
import { AddSheetButtons, RunButtons } from "../../components/SheetImportButtons";
import { notifySuccess, reportError } from "../../feedback";
import { useSheetFiles } from "../../hooks/useSheetFiles";
import { ImportResults, OPEN_UP_TO } from "./ImportResults";

const KINDS: { value: ImportKind; label: string }[] = [
  { value: "feedback", label: "落实情况反馈表" },
  { value: "ledger", label: "督办事项台账" },
  { value: "org", label: "组织机构" },
  { value: "opinion", label: "舆情情况登记表" },
  { value: "rectification", label: "整改情况反馈表" },
];

/** The kinds whose sheet may not say who filled it in (the clerk picks). */
const NAMES_PARTY: ImportKind[] = ["feedback", "opinion", "rectification"];

interface Props {
  parties: string[];
}

export default function ImportPanel({ parties }: Props) {
  const [kind, setKind] = useState<ImportKind>("feedback");
  const [party, setParty] = useState<string | null>(null);
  const [mode, setMode] = useState<"all" | "valid">("all");
  const [typed, setTyped] = useState("");
  const [results, setResults] = useState<FileReport[] | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const { files, add, addFile, addFolder, remove, clear } = useSheetFiles(
    { file: "选择要导入的表格", folder: "选择存放表格的文件夹" },
    () => setResults(null),
  );

  const addTyped = () => {
    const p = typed.trim().replace(/^"|"$/g, "");
    if (p) add([p]);
    setTyped("");
  };

  const partyOf = (k: ImportKind) => (NAMES_PARTY.includes(k) ? party : null);
  const run = async (dryRun: boolean) => {
    setResults(null);
    setProgress({ file: files[0] ?? "", file_index: 0, files: files.length, rows_read: 0, done: false });
    const off = await listen<ImportProgress>(IMPORT_PROGRESS_EVENT, (e) => setProgress(e.payload));
    try {
      // A large batch comes without its rows; a file's are asked for when opened.
      const withRows = files.length <= OPEN_UP_TO;
      const out = await importBatch(kind, files, partyOf(kind), dryRun, mode === "valid", withRows);
      setResults(out);
      if (!dryRun) {
        const ok = out.filter((o) => o.status === "applied" || o.status === "partial").length;
        notifySuccess(`已导入 ${ok} 个文件。`);
        clear();
      }
    } catch (e) {
      reportError(e, "表格未导入");
    } finally {
      off();
      setProgress(null);
    }
  };

  // A file of a large batch, opened: its preview again, alone, with its rows.
  const loadRows = async (file: string) => {
    const [report] = await importBatch(kind, [file], partyOf(kind), true, mode === "valid", true);
    if (!report) throw new Error(`没有读到“${file}”的预览。`);
    return report;
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
          {NAMES_PARTY.includes(kind) && (
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
            <Progress
              percent={Math.round(((progress.file_index + (progress.done ? 1 : 0)) / Math.max(progress.files, 1)) * 100)}
              size="small"
            />
            正在处理第 {Math.min(progress.file_index + 1, progress.files)} / {progress.files} 个文件：{progress.file}
            {progress.rows_read > 0 && !progress.done && (
              <span data-testid="import-rows-read">（已读取并检查 {progress.rows_read} 行）</span>
            )}
          </div>
        )}
        {results && <ImportResults results={results} loadRows={loadRows} />}
      </Space>
    </Card>
  );
}
