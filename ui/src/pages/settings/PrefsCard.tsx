// 设置 → 提醒与表格: the yellow window N, the 传达学习 days, the check times,
// the office's name, the backup folder and how many backups are kept. Each
// row saves on its own; a refused value shows the core's Chinese message.
import { useCallback, useState, type ReactNode } from "react";
import { Button, Card, Form, Input, Space, Typography } from "antd";
import type { Pref } from "../../api/generated/Pref";
import type { Preferences } from "../../api/generated/Preferences";
import { pickPath } from "../../api/dialogs";
import { getCheckTimes, setCheckTimes } from "../../api/reminders";
import { getPrefs, setPref } from "../../api/settings";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";

/** One setting: a field and its 保存 button (test ids `pref-<key>`, `pref-<key>-save`). */
function PrefRow(props: {
  pref: Pref | "check_times";
  label: string;
  value: string;
  number?: boolean;
  help: string;
  width?: number;
  onSave: (value: string) => Promise<void>;
  extra?: ReactNode;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const value = draft ?? props.value;
  const save = async () => {
    setBusy(true);
    try {
      await props.onSave(value);
      setDraft(null);
      notifySuccess(`${props.label}已保存`);
    } catch (e) {
      reportError(e, `${props.label}未保存`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form.Item label={props.label} extra={props.help}>
      <Space>
        <Input
          data-testid={`pref-${props.pref}`}
          value={value}
          style={{ width: props.width ?? (props.number ? 100 : 320) }}
          inputMode={props.number ? "numeric" : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        {props.extra}
        <Button data-testid={`pref-${props.pref}-save`} loading={busy} onClick={() => void save()}>
          保存
        </Button>
      </Space>
    </Form.Item>
  );
}

export default function PrefsCard() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [times, setTimes] = useState("");
  const load = useCallback(() => {
    getPrefs().then(setPrefs).catch(reportError);
    getCheckTimes().then(setTimes).catch(reportError);
  }, []);
  useLoad(load);

  if (!prefs) return null;
  const saver = (pref: Pref) => async (value: string) => {
    setPrefs(await setPref(pref, value));
  };
  const chooseFolder = async () => {
    try {
      const dir = await pickPath({ mode: "folder", title: "选择备份文件夹", filters: [], default_name: null });
      if (!dir) return;
      setPrefs(await setPref("backup_dir", dir));
      notifySuccess("备份文件夹已保存");
    } catch (e) {
      reportError(e, "备份文件夹未保存");
    }
  };
  const resetFolder = async () => {
    try {
      setPrefs(await setPref("backup_dir", ""));
      notifySuccess("已改回数据库旁的 backups 文件夹");
    } catch (e) {
      reportError(e, "备份文件夹未保存");
    }
  };

  return (
    <Card title="提醒与表格" data-testid="prefs-card">
      <Form layout="vertical" key={JSON.stringify(prefs) + times}>
        <PrefRow
          pref="yellow_days"
          label="黄灯提醒天数（N）"
          number
          value={String(prefs.yellow_days)}
          help="完成时限前 N 个工作日内的在办事项亮黄灯，1–30。"
          onSave={saver("yellow_days")}
        />
        <PrefRow
          pref="relay_days"
          label="传达学习报告时限"
          number
          value={String(prefs.relay_days)}
          help="重点文件收文后多少个工作日内报送传达学习情况，1–30。"
          onSave={saver("relay_days")}
        />
        <PrefRow
          pref="check_times"
          label="每日提醒检查时间"
          value={times}
          help="HH:MM，多个时间用逗号分隔，例如 09:00,14:30。"
          width={200}
          onSave={async (v) => setTimes(await setCheckTimes(v))}
        />
        <PrefRow
          pref="office_name"
          label="本办名称"
          value={prefs.office_name}
          help="用于导出表格的标题。"
          onSave={saver("office_name")}
        />
        <PrefRow
          pref="keep_backups"
          label="保留自动备份份数"
          number
          value={String(prefs.keep_backups)}
          help="每次启动自动备份一次，只保留最近的这么多份（1–100）；“立即备份”的文件不删除。"
          onSave={saver("keep_backups")}
        />
        <Form.Item
          label="备份文件夹"
          extra={prefs.backups_dir_chosen ? "本办选定的文件夹。" : "默认：数据库旁的 backups 文件夹。"}
        >
          <Space>
            <Typography.Text data-testid="pref-backup_dir" code>
              {prefs.backups_dir}
            </Typography.Text>
            <Button data-testid="pref-backup_dir-choose" onClick={() => void chooseFolder()}>
              选择文件夹…
            </Button>
            {prefs.backups_dir_chosen && <Button onClick={() => void resetFolder()}>改回默认</Button>}
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
