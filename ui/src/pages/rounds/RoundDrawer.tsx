// One round: counts, each target unit's status (按时/迟报/漏报/未到期) with its
// received report, who to chase, templates into a folder, and importing.
import { Button, Descriptions, Drawer, Modal, Space, Statistic, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";

import { pickPath, saveSheet } from "../../api/dialogs";
import { NO_LIST_FILTER, exportList } from "../../api/lists";
import type { ReportContent } from "../../api/generated/ReportContent";
import type { RoundDetail } from "../../api/generated/RoundDetail";
import type { TargetRow } from "../../api/generated/TargetRow";
import { reportContent, roundDetail, writeTemplates } from "../../api/rounds";
import { notifySuccess, reportError } from "../../feedback";
import { useChanged } from "../../hooks/appData";
import ImportPanel from "./ImportPanel";
import { StatusTag } from "../../components/reportLabels";
import { Struck, VoidButton, VoidedTag } from "../../components/Voiding";

interface Props {
  roundId: number | null;
  onClose: () => void;
}

export default function RoundDrawer({ roundId, onClose }: Props) {
  const [detail, setDetail] = useState<RoundDetail | null>(null);
  const [report, setReport] = useState<ReportContent | null>(null);

  const load = useCallback(async () => {
    if (roundId === null) return;
    try {
      setDetail(await roundDetail(roundId));
    } catch (e) {
      reportError(e);
    }
  }, [roundId]);

  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);
  useChanged(load);

  const templates = async () => {
    if (roundId === null) return;
    const dir = await pickPath({ mode: "folder", title: "选择模板存放的文件夹", filters: [], default_name: null });
    if (!dir) return;
    const files = await writeTemplates(roundId, dir);
    notifySuccess(`已生成 ${files.length} 个报送表模板：${dir}`);
  };

  const exportStatus = async () => {
    if (roundId === null) return;
    const path = await saveSheet("导出报送情况", "报送情况.xlsx");
    if (!path) return;
    const done = await exportList("round", { ...NO_LIST_FILTER, round: roundId }, path);
    notifySuccess(`已导出 ${done.rows} 个单位的报送情况。`);
  };

  const open = async (t: TargetRow) => {
    if (t.report_id === null) return;
    try {
      setReport(await reportContent(t.report_id));
    } catch (e) {
      reportError(e);
    }
  };

  const r = detail?.round;
  const c = r?.counts;
  return (
    <Drawer
      title={
        r ? (
          <Space>
            <Struck voided={r.voided}>{r.title}</Struck>
            <VoidedTag voided={r.voided} testId="round-voided" />
          </Space>
        ) : (
          "报送任务"
        )
      }
      width={960}
      open={roundId !== null}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          {r && !r.voided && <VoidButton kind="round" id={r.id} what="报送任务" testId="round-void" />}
          <Button data-testid="round-export" onClick={() => void exportStatus().catch(reportError)}>
            导出报送情况
          </Button>
          <Button type="primary" data-testid="round-templates" onClick={() => void templates().catch(reportError)}>
            生成报送表模板
          </Button>
        </Space>
      }
    >
      {r && c && (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="round-detail">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="报送任务编号">
              <span data-testid="round-token">{r.token}</span>
            </Descriptions.Item>
            <Descriptions.Item label="截止日期">{r.due}</Descriptions.Item>
            <Descriptions.Item label="类型">{r.kind === "policy" ? `政策措施落实情况 ${r.phase}` : "督办事项落实进展"}</Descriptions.Item>
            {r.policy_name && <Descriptions.Item label="政策措施">{r.policy_name}</Descriptions.Item>}
            {r.notes && <Descriptions.Item label="报送要求">{r.notes}</Descriptions.Item>}
          </Descriptions>
          <Space size="large" data-testid="round-counts">
            <Statistic title="应报" value={c.targets} />
            <Statistic title="按时" value={c.on_time} valueStyle={{ color: "#389e0d" }} />
            <Statistic title="迟报" value={c.late} valueStyle={{ color: "#d46b08" }} />
            <Statistic title="漏报" value={c.missing} valueStyle={{ color: "#cf1322" }} />
            <Statistic title="未到期" value={c.not_due} />
          </Space>
          {!r.voided && detail.to_chase.length > 0 && (
            <div data-testid="round-chase">
              <b>需催报：</b>
              {detail.to_chase.map((t) => (
                <Tag key={String(t.party_id)} color={t.status === "missing" ? "red" : "default"}>
                  {t.party}
                  {t.status === "missing" ? "（漏报）" : ""}
                </Tag>
              ))}
            </div>
          )}
          <Table<TargetRow>
            size="small"
            data-testid="round-targets"
            rowKey={(t) => String(t.party_id)}
            pagination={false}
            dataSource={detail.targets}
            onRow={(t) => ({ "data-testid": "round-target", "data-party": t.party }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: "报送单位", dataIndex: "party" },
              { title: "情况", width: 100, render: (_, t) => <StatusTag status={t.status} /> },
              { title: "报送日期", width: 120, render: (_, t) => t.received_on ?? "" },
              { title: "份数", width: 70, render: (_, t) => t.reports || "" },
              {
                title: "材料",
                width: 100,
                render: (_, t) =>
                  t.report_id !== null && (
                    <Button size="small" data-testid="round-open-report" onClick={() => void open(t)}>
                      查看
                    </Button>
                  ),
              },
            ]}
          />
          <ImportPanel roundId={r.id} />
        </Space>
      )}
      <Modal
        open={report !== null}
        title={report ? `${report.party} · ${report.received_on} 报送` : ""}
        footer={null}
        width={760}
        onCancel={() => setReport(null)}
      >
        {report && (
          <div data-testid="round-report-content">
            <Descriptions size="small" column={1} bordered>
              {report.fields.map((f) => (
                <Descriptions.Item key={f.label} label={f.label}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{f.value}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
            {report.rows.map((row, i) => (
              <Descriptions key={i} size="small" column={1} style={{ marginTop: 12 }} title={`事项 ${i + 1}`}>
                {row.map((f) => (
                  <Descriptions.Item key={f.label} label={f.label}>
                    {f.value}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ))}
            {report.file_name && <p style={{ marginTop: 12, color: "#888" }}>来源文件：{report.file_name}</p>}
          </div>
        )}
      </Modal>
    </Drawer>
  );
}
