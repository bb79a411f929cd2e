// 报告时限 (§5): how long after discovery each level must be reported; a
// setting of the office (defaults of §5), each change audited.
import { Button, Card, InputNumber, Space, Typography } from "antd";
import { useCallback, useState } from "react";

import type { Level } from "../../api/generated/Level";
import type { Limits } from "../../api/generated/Limits";
import { opinionLimits, setOpinionLimit } from "../../api/opinion";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { LEVEL_OPTIONS } from "./IncidentModal";

export default function LimitsCard() {
  const [limits, setLimits] = useState<Limits | null>(null);
  const [draft, setDraft] = useState<Partial<Record<Level, number | null>>>({});

  const load = useCallback(async () => {
    try {
      setLimits(await opinionLimits());
      setDraft({});
    } catch (e) {
      reportError(e);
    }
  }, []);
  useLoad(load);

  const save = async (level: Level, label: string) => {
    const minutes = draft[level];
    if (minutes === undefined || minutes === null) return;
    try {
      await setOpinionLimit(level, minutes);
      notifySuccess(`${label}舆情的报告时限已改为 ${minutes} 分钟。`);
    } catch (e) {
      reportError(e, "时限未保存");
    }
  };

  return (
    <Card size="small" title="报告时限（发现后多长时间内须报告）">
      {limits && (
        <Space wrap size="large">
          {LEVEL_OPTIONS.map(({ value, label }) => (
            <Space key={value} size={4}>
              <Typography.Text>{label}</Typography.Text>
              <InputNumber
                data-testid={`limit-${value}`}
                min={1}
                max={43200}
                precision={0}
                value={draft[value] ?? limits[value]}
                onChange={(v) => setDraft((d) => ({ ...d, [value]: v }))}
                addonAfter="分钟"
                style={{ width: 150 }}
              />
              <Button size="small" data-testid={`limit-save-${value}`} disabled={draft[value] === undefined} onClick={() => void save(value, label)}>
                保存
              </Button>
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}
