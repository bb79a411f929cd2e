// Importing returned reports: choose files (one by one, or a whole folder),
// preview what each file would do (nothing written), then apply.
import { Alert, Card, List, Space, Table, Tag } from "antd";
import { useState } from "react";

import type { ReportOutcome } from "../../api/generated/ReportOutcome";
import { importReports } from "../../api/rounds";
import { AddSheetButtons, RunButtons } from "../../components/SheetImportButtons";
import { notifySuccess, reportError } from "../../feedback";
import { useSheetFiles } from "../../hooks/useSheetFiles";
import { statusLabel } from "../../components/reportLabels";

interface Props {
  roundId: number;
}

const FILE_STATUS: Record<string, { label: string; color: string }> = {
  applied: { label: "可导入", color: "green" },
  partial: { label: "部分导入", color: "orange" },
  rejected: { label: "未导入", color: "red" },
  duplicate: { label: "重复文件", color: "default" },
};

export default function ImportPanel({ roundId }: Props) {
  const [preview, setPreview] = useState<ReportOutcome[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { files, addFile, addFolder, clear } = useSheetFiles(
    { file: "选择收回的报送表", folder: "选择存放报送表的文件夹" },
    () => setPreview(null),
  );

  const run = async (dryRun: boolean) => {
    setBusy(true);
    try {
      // A file without a readable round number goes to this round (the clerk chose it by opening it).
      const out = await importReports(files, roundId, dryRun);
      if (dryRun) {
        setPreview(out);
      } else {
        const ok = out.filter((o) => o.status === "applied" || o.status === "partial").length;
        notifySuccess(`已导入 ${ok} 个文件。`);
        setPreview(out);
        clear();
      }
    } catch (e) {
      reportError(e, "报送表未导入");
    } finally {
      setBusy(false);
    }
  };

  const applicable = preview?.some((o) => o.status === "applied" || o.status === "partial") ?? false;

  return (
    <Card size="small" title="导入收回的报送表" data-testid="round-import">
      <Space wrap style={{ marginBottom: 12 }}>
        <AddSheetButtons testId="round-import" addFile={addFile} addFolder={addFolder} />
        <RunButtons testId="round-import" files={files.length} applicable={applicable} busy={busy} run={run} />
      </Space>
      {files.length > 0 && (
        <List
          size="small"
          data-testid="round-import-files"
          dataSource={files}
          renderItem={(f) => <List.Item data-testid="round-import-file">{f}</List.Item>}
        />
      )}
      {preview && (
        <Table<ReportOutcome>
          size="small"
          rowKey={(o) => o.file}
          data-testid="round-import-result"
          pagination={false}
          dataSource={preview}
          expandable={{
            rowExpandable: (o) => o.fields.length > 0,
            expandedRowRender: (o) => (
              <div>
                {o.fields.map((f) => (
                  <div key={f.label}>
                    <b>{f.label}：</b>
                    {f.value}
                  </div>
                ))}
              </div>
            ),
          }}
          columns={[
            { title: "文件", dataIndex: "file", ellipsis: true },
            {
              title: "结果",
              width: 150,
              render: (_, o) => (
                <Tag color={FILE_STATUS[o.status]?.color} data-testid="round-import-status" data-status={o.status}>
                  {o.dry_run ? FILE_STATUS[o.status]?.label : o.status === "applied" ? "已导入" : FILE_STATUS[o.status]?.label}
                </Tag>
              ),
            },
            { title: "填报单位", width: 140, render: (_, o) => o.party ?? "" },
            { title: "报送日期", width: 110, render: (_, o) => o.received_on ?? "" },
            { title: "情况", width: 80, render: (_, o) => (o.report_status ? statusLabel(o.report_status) : "") },
            {
              title: "说明",
              render: (_, o) => (
                <Space direction="vertical" size={2}>
                  {o.error && <Alert type="error" showIcon message={o.error} data-testid="round-import-error" />}
                  {o.warnings.map((w, i) => (
                    <span key={i} style={{ color: "#ad6800" }}>
                      {w.reason}
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
