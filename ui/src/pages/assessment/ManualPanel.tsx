// 综合评价 of a period: each party's score (0–100) and note, typed in here or
// imported from an Excel sheet (单位/部门, 分数, 备注) with a preview first.
import { Button, Input, InputNumber, Space, Table, Typography } from "antd";
import { useCallback, useState } from "react";

import { importManual, manualScores, setManualScore } from "../../api/assessment";
import { pickSheet } from "../../api/dialogs";
import type { FileReport } from "../../api/generated/FileReport";
import type { ManualEntry } from "../../api/generated/ManualEntry";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";

interface Draft {
  score?: number | null;
  note?: string;
}

export default function ManualPanel({ period }: { period: string }) {
  const [rows, setRows] = useState<ManualEntry[]>([]);
  const [draft, setDraft] = useState<Record<string, Draft>>({});
  const [preview, setPreview] = useState<{ file: string; report: FileReport } | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await manualScores(period));
      setDraft({});
    } catch (e) {
      reportError(e);
    }
  }, [period]);
  useLoad(load);

  const save = async (r: ManualEntry) => {
    const d = draft[r.party] ?? {};
    const score = d.score ?? r.score;
    if (score === null || score === undefined) return;
    try {
      await setManualScore(period, r.party, score, d.note ?? r.note);
      notifySuccess(`已保存${r.party}的综合评价。`);
    } catch (e) {
      reportError(e, "综合评价未保存");
    }
  };

  const pick = async () => {
    const file = await pickSheet("选择综合评价表");
    if (!file) return;
    const [report] = await importManual(period, [file], true);
    if (report) setPreview({ file, report });
  };
  const apply = async () => {
    if (!preview) return;
    const [report] = await importManual(period, [preview.file], false);
    setPreview(null);
    if (report?.status === "applied") notifySuccess(`已导入综合评价 ${report.rows_applied} 条。`);
    else reportError({ code: "invalid", message: report?.error ?? "综合评价表未导入。" });
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Button data-testid="manual-import" onClick={() => void pick().catch(reportError)}>
          从 Excel 导入…
        </Button>
        <Typography.Text type="secondary">表中列出“单位（或部门）”“分数”“备注”，分数 0–100。</Typography.Text>
      </Space>
      {preview && (
        <Space wrap data-testid="manual-preview">
          {preview.report.error ? (
            <Typography.Text type="danger">{preview.report.error}</Typography.Text>
          ) : (
            <span>
              可导入 {preview.report.rows_applied} 条，有问题 {preview.report.rows_rejected_count} 条
              {preview.report.rows_rejected.slice(0, 3).map((r) => `；第 ${r.row} 行${r.column ? ` ${r.column}` : ""}：${r.reason}`)}
            </span>
          )}
          <Button
            type="primary"
            size="small"
            disabled={preview.report.status !== "applied"}
            onClick={() => void apply().catch(reportError)}
          >
            确认导入
          </Button>
          <Button size="small" onClick={() => setPreview(null)}>
            取消
          </Button>
        </Space>
      )}
      <Table<ManualEntry>
        size="small"
        rowKey="party"
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ "data-testid": "manual-row", "data-party": r.party }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "部门 / 单位", dataIndex: "party", width: 200 },
          { title: "类别", width: 80, render: (_, r) => (r.kind === "department" ? "内设机构" : "下级单位") },
          {
            title: "分数",
            width: 130,
            render: (_, r) => (
              <InputNumber
                data-testid="manual-score"
                min={0}
                max={100}
                step={0.5}
                value={draft[r.party]?.score ?? r.score}
                onChange={(v) => setDraft((d) => ({ ...d, [r.party]: { ...d[r.party], score: v } }))}
              />
            ),
          },
          {
            title: "备注",
            render: (_, r) => (
              <Input
                value={draft[r.party]?.note ?? r.note}
                onChange={(e) => setDraft((d) => ({ ...d, [r.party]: { ...d[r.party], note: e.target.value } }))}
              />
            ),
          },
          {
            title: "",
            width: 80,
            render: (_, r) => (
              <Button size="small" data-testid="manual-save" disabled={!draft[r.party]} onClick={() => void save(r)}>
                保存
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
