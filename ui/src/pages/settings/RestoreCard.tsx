// 设置 → 恢复: the backups in the backup folder (time, size, counts), 恢复 one
// after a confirmation, or 恢复 a file chosen elsewhere. The backup is checked
// first; the replaced data is kept beside the database; then every page reloads.
import { useCallback, useState } from "react";
import { App, Button, Card, Space, Table, Tag, Typography } from "antd";
import type { BackupEntry } from "../../api/generated/BackupEntry";
import { pickPath } from "../../api/dialogs";
import { listBackups, restoreBackup } from "../../api/settings";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";

/** 1536 → "1.5 KB". */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file name of a path (either separator). */
function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** `refresh`: changes when a backup was just written (the list is read again). */
export default function RestoreCard({ refresh }: { refresh: string | null }) {
  const { modal } = App.useApp();
  const [rows, setRows] = useState<BackupEntry[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    if (refresh === undefined) return;
    listBackups().then(setRows).catch(reportError);
  }, [refresh]);
  useLoad(load);

  const restore = async (file: string) => {
    setBusy(file);
    try {
      const kept = await restoreBackup(file);
      const text = kept ? `已从备份“${baseName(file)}”恢复；恢复前的数据保存在 ${kept}` : `已从备份“${baseName(file)}”恢复`;
      setDone(text);
      notifySuccess("恢复完成");
    } catch (e) {
      reportError(e, "未恢复");
    } finally {
      setBusy(null);
    }
  };
  const confirm = (file: string, what: string) => {
    modal.confirm({
      title: "从备份恢复？",
      content: `将用${what}替换当前的全部数据（事项、收文和附件）。恢复前会先检查备份；当前数据会保留在数据库旁，可以找回。`,
      okText: "恢复",
      cancelText: "取消",
      okType: "danger",
      okButtonProps: { "data-testid": "restore-confirm" } as Record<string, string>,
      onOk: () => restore(file),
    });
  };
  const pickOther = async () => {
    try {
      const file = await pickPath({
        mode: "open",
        title: "选择要恢复的备份",
        filters: [{ name: "督办台账备份", extensions: ["zip", "sqlite3"] }],
        default_name: null,
      });
      if (file) confirm(file, `文件“${baseName(file)}”`);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Card
      title="恢复"
      data-testid="restore-card"
      extra={
        <Button data-testid="restore-other" onClick={() => void pickOther()}>
          从其他文件恢复…
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="file"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: "备份文件夹中还没有备份" }}
        onRow={(r) => ({ title: r.file, "data-testid": "backup-row", "data-file": baseName(r.file) })}
        columns={[
          { title: "备份时间", dataIndex: "made_at", width: 170, render: (v: string | null) => v ?? "—" },
          { title: "文件", dataIndex: "file", render: (v: string) => baseName(v) },
          { title: "大小", dataIndex: "size", width: 90, render: (v: number) => size(v) },
          { title: "事项", dataIndex: "items", width: 60, render: (v: number | null) => v ?? "—" },
          { title: "收文", dataIndex: "documents", width: 60, render: (v: number | null) => v ?? "—" },
          { title: "附件", dataIndex: "attachments", width: 60, render: (v: number | null) => v ?? "—" },
          {
            title: "操作",
            width: 110,
            render: (_: unknown, r: BackupEntry) =>
              r.problem ? (
                <Tag color="red" title={r.problem}>
                  无法读取
                </Tag>
              ) : (
                <Button
                  size="small"
                  danger
                  loading={busy === r.file}
                  data-testid="backup-restore"
                  onClick={() => confirm(r.file, `${r.made_at ?? ""} 的备份`)}
                >
                  恢复
                </Button>
              ),
          },
        ]}
      />
      {done && (
        <Space style={{ marginTop: 12 }}>
          <Typography.Text type="success" data-testid="restore-result">
            {done}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
