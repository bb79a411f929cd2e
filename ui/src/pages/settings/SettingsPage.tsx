// 设置 / 关于: where the data lives, the integrity check, backup now, the operator.
import { useCallback, useState } from "react";
import { Alert, Button, Card, Descriptions, Form, Select, Space } from "antd";
import { appStatus, backupNow, setOperator, verifyDatabase } from "../../api/settings";
import type { AppStatus } from "../../api/generated/AppStatus";
import type { Person } from "../../api/generated/Person";
import { listPeople } from "../../api/inspections";
import type { VerifyOutcome } from "../../api/generated/VerifyOutcome";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad, useToday } from "../../hooks/appData";
import PrefsCard from "./PrefsCard";
import RestoreCard from "./RestoreCard";
import AuditCard from "./AuditCard";

export default function SettingsPage() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [verify, setVerify] = useState<VerifyOutcome | null>(null);
  const [busy, setBusy] = useState<"verify" | "backup" | "operator" | null>(null);
  const [lastBackup, setLastBackup] = useState<string | null>(null);
  const today = useToday();

  const [staff, setStaff] = useState<Person[]>([]);
  const reload = useCallback(() => {
    appStatus().then(setStatus).catch(reportError);
    listPeople("staff")
      .then((p) => setStaff(p.filter((x) => x.active)))
      .catch(reportError);
  }, []);
  useLoad(reload);

  const runVerify = async () => {
    setBusy("verify");
    try {
      setVerify(await verifyDatabase());
    } catch (e) {
      reportError(e, "检查未完成");
    } finally {
      setBusy(null);
    }
  };
  const runBackup = async () => {
    setBusy("backup");
    try {
      const path = await backupNow();
      setLastBackup(path);
      notifySuccess("备份已完成");
    } catch (e) {
      reportError(e, "备份未完成");
    } finally {
      setBusy(null);
    }
  };
  const saveOperator = async (values: { operator: string }) => {
    setBusy("operator");
    try {
      await setOperator(values.operator);
      notifySuccess("操作人已保存");
    } catch (e) {
      reportError(e, "保存未完成");
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card title="数据与备份">
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="数据库文件">
            <span data-testid="db-path">{status?.db_path}</span>
          </Descriptions.Item>
          <Descriptions.Item label="备份文件夹">{status?.backups_dir}</Descriptions.Item>
          <Descriptions.Item label="日志文件">
            <span data-testid="log-files">{status?.log_files}</span>
          </Descriptions.Item>
          <Descriptions.Item label="启动时自动备份">
            {status?.startup_backup ?? status?.startup_backup_error ?? "无"}
          </Descriptions.Item>
          <Descriptions.Item label="今天">{today}</Descriptions.Item>
          <Descriptions.Item label="版本">{status?.version}</Descriptions.Item>
        </Descriptions>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" data-testid="verify-button" loading={busy === "verify"} onClick={runVerify}>
            检查数据完整性
          </Button>
          <Button data-testid="backup-button" loading={busy === "backup"} onClick={runBackup}>
            立即备份
          </Button>
        </Space>
        {verify && (
          <Alert
            style={{ marginTop: 16 }}
            type={verify.ok ? "success" : "error"}
            showIcon
            message={verify.ok ? "检查通过" : "发现问题"}
            description={<span data-testid="verify-result">{verify.message}</span>}
          />
        )}
        {lastBackup && (
          <Alert
            style={{ marginTop: 16 }}
            type="info"
            showIcon
            message={<span data-testid="backup-result">已备份到 {lastBackup}</span>}
          />
        )}
      </Card>
      <RestoreCard refresh={lastBackup} />
      <PrefsCard />
      <Card title="操作人">
        {status && (
          <Form
            layout="inline"
            initialValues={{ operator: status.operator ?? "" }}
            onFinish={saveOperator}
          >
            <Form.Item
              name="operator"
              label="操作人（经办人）"
              rules={[{ required: true, message: "请选择操作人" }]}
              extra={staff.length === 0 ? "人员名单中还没有经办人：请先在“组织与人员 → 人员名单”中登记本办的经办人。" : "审计日志记录的操作人，从人员名单的经办人中选择。"}
            >
              <Select
                data-testid="operator-select"
                style={{ width: 240 }}
                options={staff.map((p) => ({ value: p.name, label: `${p.name}（${p.party}）` }))}
              />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={busy === "operator"} data-testid="operator-save">
                保存
              </Button>
            </Form.Item>
          </Form>
        )}
      </Card>
      <AuditCard />
    </Space>
  );
}
