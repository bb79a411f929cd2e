// The outcome of an import batch: a summary first (files applied, partial,
// rejected, duplicate; rows), the files that need attention, then one line
// per file whose rows open on demand — so that the 36th file of a batch
// costs the window what the first did.
import { Alert, Button, Card, List, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { HTMLAttributes } from "react";

import type { FileReport } from "../../api/generated/FileReport";
import type { OrgPlan } from "../../api/generated/OrgPlan";
import { reportError } from "../../feedback";

export const FILE_STATUS: Record<string, { label: string; color: string }> = {
  applied: { label: "可全部导入", color: "green" },
  partial: { label: "部分导入", color: "orange" },
  rejected: { label: "未导入", color: "red" },
  duplicate: { label: "重复文件", color: "default" },
};

/** Batches of at most this many files show every file's rows at once (and
 *  ask for them with the batch); a larger batch asks for a file's rows when
 *  the clerk opens it. */
export const OPEN_UP_TO = 3;
/** File lines per page of a long batch. */
const FILES_PER_PAGE = 20;

/** How many rows of a file were rejected (the report lists at most 2,000). */
function rejectedCount(r: FileReport): number {
  return r.rows_rejected_count;
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

/** One file's outcome: its status and counts always; its rows and warnings
 *  only once opened (a batch of 36 files renders 36 lines, not 36 tables). */
export function FileResult({
  report: batchReport,
  open: openAtFirst,
  loadRows,
}: {
  report: FileReport;
  open: boolean;
  /** The file's preview with its rows, for a batch previewed without them. */
  loadRows?: (file: string) => Promise<FileReport>;
}) {
  const [open, setOpen] = useState(openAtFirst);
  // The file's own preview, with its rows, once asked for.
  const [listed, setListed] = useState<FileReport | null>(null);
  const report = listed ?? batchReport;
  const st = FILE_STATUS[batchReport.status];
  const label = report.dry_run ? st?.label : report.status === "applied" ? "已导入" : st?.label;
  const rowsToAsk = loadRows !== undefined && report.dry_run && !report.rows?.length && report.rows_applied > 0;
  const details =
    rowsToAsk ||
    (report.rows?.length ?? 0) + report.rows_rejected.length + report.warnings.length > 0 ||
    report.org_plan != null;
  const toggle = () => {
    if (!open && rowsToAsk && loadRows) {
      loadRows(batchReport.file)
        .then(setListed)
        .catch((e: unknown) => reportError(e, "明细未能读取"));
    }
    setOpen(!open);
  };
  return (
    <Card
      size="small"
      data-testid="import-result"
      data-file={report.file}
      styles={{ body: open ? undefined : { display: "none" } }}
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
        <Space>
          <span data-testid="import-counts">
            {report.status === "rejected"
              ? `问题 ${rejectedCount(report)} 行`
              : `${report.dry_run ? "可导入" : "导入"} ${report.rows_applied} 行，问题 ${rejectedCount(report)} 行`}
          </span>
          {details && (
            <Button size="small" type="link" data-testid="import-details" onClick={toggle}>
              {open ? "收起明细" : "展开明细"}
            </Button>
          )}
        </Space>
      }
      style={{ marginBottom: 8 }}
    >
      {report.error && <Alert type="error" showIcon message={report.error} style={{ marginBottom: 8 }} data-testid="import-error" />}
      {open && report.org_plan && <OrgPlanView plan={report.org_plan} />}
      {open && report.warnings.map((w, i) => (
        <Alert key={i} type="warning" showIcon style={{ marginBottom: 4 }} message={`${w.sheet ? `${w.sheet} ` : ""}${w.row ? `第 ${w.row} 行 ` : ""}${w.column ? `“${w.column}”：` : ""}${w.reason}`} />
      ))}
      {open && rejectedCount(report) > report.rows_rejected.length && (
        <Typography.Paragraph type="secondary" data-testid="import-rejected-not-listed" style={{ marginBottom: 8 }}>
          问题行较多，下表只列出前 {report.rows_rejected.length} 行，另有 {rejectedCount(report) - report.rows_rejected.length} 行未列出。
        </Typography.Paragraph>
      )}
      {open && (report.rows_not_listed ?? 0) > 0 && (
        <Typography.Paragraph type="secondary" data-testid="import-not-listed" style={{ marginBottom: 8 }}>
          有效行较多，下表只逐行列出前 {report.rows?.length ?? 0} 行，另有 {report.rows_not_listed} 行未列出。
        </Typography.Paragraph>
      )}
      {open && (report.rows?.length ?? 0) + report.rows_rejected.length > 0 && (
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


/** What an organisation sheet will change (or changed): new parties, renames,
 *  aliases merged, types changed, leaders — each with its sheet row. */
function OrgPlanView({ plan }: { plan: OrgPlan }) {
  const lines: string[] = [
    ...plan.new_parties.map((p) => `第 ${p.row} 行：新增“${p.name}”（${p.kind === "department" ? "内设机构" : "下级单位"}）`),
    ...plan.renames.map((r) => `第 ${r.row} 行：“${r.from}”更名为“${r.to}”（原名称保留为简称，事项不变）`),
    ...plan.alias_additions.map((a) => `第 ${a.row} 行：“${a.party}”增加简称 ${a.aliases.join("、")}`),
    ...plan.party_updates.map((u) => `第 ${u.row} 行：“${u.party}”${u.reactivated ? "重新启用" : "类型调整"}`),
    ...plan.new_leaders.map((l) => `第 ${l.row} 行：新增局领导 ${l.name}（${l.title}）`),
    ...plan.leader_updates.map((l) => `第 ${l.row} 行：局领导 ${l.name} 职务改为“${l.title}”`),
  ];
  return (
    <div data-testid="org-plan" style={{ marginBottom: 8 }}>
      <Typography.Text strong>
        组织机构变化：新增 {plan.new_parties.length}，更名 {plan.renames.length}，增加简称 {plan.alias_additions.length}，
        无变化 {plan.unchanged}
      </Typography.Text>
      {lines.length > 0 && (
        <List
          size="small"
          dataSource={lines}
          pagination={lines.length > 20 ? { pageSize: 20, size: "small" } : false}
          renderItem={(l) => <List.Item data-testid="org-plan-line">{l}</List.Item>}
        />
      )}
    </div>
  );
}

/** The batch in numbers, then the files that need attention, then every file. */
export function ImportResults({
  results,
  loadRows,
}: {
  results: FileReport[];
  /** A file's preview with its rows (see FileResult). */
  loadRows?: (file: string) => Promise<FileReport>;
}) {
  const by = (s: string) => results.filter((r) => r.status === s).length;
  const rows = results.reduce((n, r) => n + r.rows_applied, 0);
  const bad = results.reduce((n, r) => n + rejectedCount(r), 0);
  const attention = results.filter((r) => r.status === "rejected" || r.status === "partial");
  const dry = results.some((r) => r.dry_run);
  const ok = by("applied");
  const open = results.length <= OPEN_UP_TO;
  return (
    <>
      <Alert
        type={attention.length > 0 ? "warning" : "success"}
        showIcon
        data-testid="import-summary"
        data-files={results.length}
        data-applied={ok}
        data-partial={by("partial")}
        data-rejected={by("rejected")}
        data-duplicate={by("duplicate")}
        data-rows={rows}
        message={
          `共 ${results.length} 个文件：${dry ? "可全部导入" : "已导入"} ${ok} 个，部分导入 ${by("partial")} 个，` +
          `未导入 ${by("rejected")} 个，重复 ${by("duplicate")} 个；${dry ? "可导入" : "导入"} ${rows} 行，问题 ${bad} 行。`
        }
        description={
          attention.length > 0 && !open ? (
            <span data-testid="import-attention">
              需要注意：{attention.map((r) => r.file.split(/[\\/]/).pop()).join("、")}
            </span>
          ) : undefined
        }
        style={{ marginBottom: 8 }}
      />
      <List
        dataSource={[...attention, ...results.filter((r) => !attention.includes(r))]}
        pagination={results.length > FILES_PER_PAGE ? { pageSize: FILES_PER_PAGE, size: "small" } : false}
        renderItem={(r) => <FileResult key={r.file} report={r} open={open} loadRows={loadRows} />}
      />
    </>
  );
}
