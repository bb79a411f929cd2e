// One inspection: its facts, team, stage timeline, the problems found with
// their 整改事项, and per target unit the 整改情况反馈表 to send.
import { Button, Descriptions, Drawer, Empty, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";

import { saveSheet } from "../../api/dialogs";
import type { InspectionDetail } from "../../api/generated/InspectionDetail";
import type { RectRow } from "../../api/generated/RectRow";
import {
  exportInspectionSummary,
  getInspection,
  listRectifications,
  planFollowup,
  spreadFinding,
  writeRectTemplate,
} from "../../api/inspections";
import { LightTag } from "../../components/labels";
import DateField from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import type { OrgData } from "../../hooks/useOrg";
import FindingForm from "../../components/FindingForm";
import StageTimeline from "./StageTimeline";

interface Props {
  number: string | null;
  org: OrgData;
  onClose: () => void;
  onOpenRect: (rectNo: string) => void;
}

export default function InspectionDrawer({ number, org, onClose, onOpenRect }: Props) {
  const [detail, setDetail] = useState<InspectionDetail | null>(null);
  const [rects, setRects] = useState<RectRow[]>([]);
  const [spreading, setSpreading] = useState<RectRow | null>(null);
  const [spreadUnits, setSpreadUnits] = useState<string[]>([]);
  const [spreadDue, setSpreadDue] = useState<string | null>(null);
  const [reviewOn, setReviewOn] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!number) return;
    try {
      const [d, r] = await Promise.all([
        getInspection(number),
        listRectifications({ party: null, inspection: number, source: null, open: null, light: null, text: null, from: null, to: null }),
      ]);
      setDetail(d);
      setRects(r);
    } catch (e) {
      reportError(e);
    }
  }, [number]);
  useLoad(load);

  const sendTemplate = async (party: string) => {
    const path = await saveSheet(`保存“${party}”的整改情况反馈表`, `整改情况反馈表-${party}.xlsx`);
    if (!path) return;
    const w = await writeRectTemplate(party, path);
    notifySuccess(`已导出 ${party} 的整改情况反馈表（${w.items} 项）。`);
  };

  const exportSummary = async (d: InspectionDetail) => {
    const path = await saveSheet("导出督查情况汇总", `督查情况汇总-${d.number}.xlsx`);
    if (!path) return;
    const w = await exportInspectionSummary(d.number, path);
    notifySuccess(`已导出督查情况汇总（${w.items} 个单位）。`);
  };

  const planReview = async (d: InspectionDetail) => {
    if (!reviewOn) return;
    try {
      await planFollowup({ kind: "回头看", rect_no: null, inspection: d.number, planned_on: reviewOn, note: "" });
      notifySuccess(`已安排 ${d.number} 的回头看（${reviewOn}）。`);
      setReviewOn(null);
    } catch (e) {
      reportError(e, "回头看未安排");
    }
  };

  const spread = async () => {
    if (!spreading || !spreadDue) return;
    try {
      const made = await spreadFinding({ finding_id: spreading.finding_id, units: spreadUnits, deadline: spreadDue });
      notifySuccess(`已向 ${made.length} 个单位发出防范整改。`);
      setSpreading(null);
    } catch (e) {
      reportError(e, "未发出防范整改");
    }
  };

  const d = detail?.number === number ? detail : null;
  const units = org.org.parties.filter((p) => p.active && p.kind === "unit").map((p) => ({ value: p.name, label: p.name }));
  return (
    <Drawer open={number !== null} title={d ? `${d.number} ${d.name}` : "督查"} width={880} onClose={onClose} destroyOnHidden>
      {!d ? (
        <Empty />
      ) : (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="inspection-drawer" data-number={d.number}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="类型 / 方式">
              {d.kind} / {d.manner}
            </Descriptions.Item>
            <Descriptions.Item label="计划时间">
              {d.planned_start ?? "—"} 至 {d.planned_end ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label="督查对象" span={2}>
              {d.targets.join("、")}
            </Descriptions.Item>
            <Descriptions.Item label="督查组" span={2}>
              <span data-testid="inspection-team">
                {d.team.map((m) => `${m.name}（${m.role}，${m.party}）`).join("；")}
              </span>
            </Descriptions.Item>
            {d.documents.length > 0 && (
              <Descriptions.Item label="督查的决策部署" span={2}>
                {d.documents.join("、")}
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>督查环节</Typography.Title>
            <StageTimeline detail={d} />
          </div>
          <div>
            <Space style={{ marginBottom: 8 }} wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                发现问题与整改（{d.findings} 个问题，{d.open_items} 项未销号）
              </Typography.Title>
              <FindingForm detail={d} />
            </Space>
            <Table<RectRow>
              size="small"
              rowKey="rect_no"
              dataSource={rects}
              pagination={false}
              onRow={(r) => ({ "data-testid": "inspection-rect-row", "data-rect": r.rect_no, "data-party": r.party }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: "整改编号", dataIndex: "rect_no", width: 110, render: (n: string) => <a onClick={() => onOpenRect(n)}>{n}</a> },
                { title: "单位", dataIndex: "party", width: 130 },
                { title: "问题", dataIndex: "problem", ellipsis: true },
                { title: "整改时限", dataIndex: "deadline", width: 100 },
                { title: "灯", width: 80, render: (_, r) => (r.closed ? <Tag color="green">已销号</Tag> : <LightTag light={r.light} />) },
                {
                  title: "",
                  width: 110,
                  render: (_, r) =>
                    r.general && r.kind === "整改" ? (
                      <Button size="small" onClick={() => { setSpreading(r); setSpreadUnits([]); setSpreadDue(null); }}>
                        防范整改…
                      </Button>
                    ) : null,
                },
              ]}
            />
          </div>
          <div>
            <Typography.Title level={5}>向单位发送整改情况反馈表</Typography.Title>
            <Space wrap>
              {d.targets.map((t) => (
                <Button key={t} data-testid="rect-template" data-party={t} onClick={() => void sendTemplate(t).catch(reportError)}>
                  导出 {t} 的反馈表
                </Button>
              ))}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              单位填好后，在“导入 → 整改情况反馈表”中导入；单位报“已整改”不会自动销号，须在整改台账中勾选三不放过后销号。
            </Typography.Paragraph>
          </div>
          <Space wrap>
            <Button data-testid="inspection-summary-export" onClick={() => void exportSummary(d).catch(reportError)}>
              导出督查情况汇总
            </Button>
            {d.findings > 0 && d.open_items === 0 && (
              <Space>
                <DateField value={reviewOn ?? undefined} onChange={(v) => setReviewOn(v ?? null)} placeholder="回头看计划日期" style={{ width: 180 }} />
                <Button disabled={!reviewOn} onClick={() => void planReview(d)}>
                  安排整体回头看
                </Button>
              </Space>
            )}
          </Space>
        </Space>
      )}
      <Modal
        open={spreading !== null}
        title="发送防范整改"
        okText="发送"
        cancelText="取消"
        okButtonProps={{ disabled: !spreadDue }}
        onOk={() => void spread()}
        onCancel={() => setSpreading(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{spreading?.problem}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Select mode="multiple" style={{ width: "100%" }} placeholder="不选则发给其他全部下级单位" options={units} value={spreadUnits} onChange={setSpreadUnits} />
          <DateField value={spreadDue ?? undefined} onChange={(v) => setSpreadDue(v ?? null)} placeholder="整改时限" />
        </Space>
      </Modal>
    </Drawer>
  );
}
