// One 整改事项 (PRODUCT #13, EXCHANGE §7): the problem, the unit's report,
// the three checks of 三不放过 as ticks with their evidence, 销号 (refused,
// naming the missing checks, shown here), reopening, progress and
// 回头看 / 再督查. A unit's 已整改 never closes anything by itself.
import { Alert, Button, Descriptions, Drawer, Empty, List, Popconfirm, Space, Tag, Timeline, Typography } from "antd";
import { useCallback, useState } from "react";

import type { RectDetail } from "../api/generated/RectDetail";
import { closeRectification, getRectification } from "../api/inspections";
import { toApiError } from "../api/invoke";
import { LightTag } from "./labels";
import { notifySuccess, reportError } from "../feedback";
import { useLoad } from "../hooks/appData";
import ChaseModal from "./ChaseModal";
import { Struck, VoidButton, VoidedTag } from "./Voiding";
import RectForms, { type RectForm } from "./RectForms";
import { AttachmentList } from "./AttachmentLink";

interface Props {
  rectNo: string | null;
  onClose: () => void;
}

export default function RectDrawer({ rectNo, onClose }: Props) {
  const [detail, setDetail] = useState<RectDetail | null>(null);
  const [form, setForm] = useState<RectForm | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [chasing, setChasing] = useState(false);

  const load = useCallback(async () => {
    if (!rectNo) return;
    try {
      setDetail(await getRectification(rectNo));
      // a refusal shown before the item changed (a check ticked) is stale
      setRefusal(null);
    } catch (e) {
      reportError(e);
    }
  }, [rectNo]);
  useLoad(load);

  const close = async () => {
    if (!rectNo) return;
    try {
      await closeRectification(rectNo, null);
      setRefusal(null);
      notifySuccess(`${rectNo} 已销号。`);
    } catch (e) {
      setRefusal(toApiError(e).message);
    }
  };

  const d = detail?.row.rect_no === rectNo ? detail : null;
  const r = d?.row;
  const checks = r
    ? [
        { key: "cause" as const, label: "原因查清", done: r.cause_checked, what: r.cause },
        { key: "remedied" as const, label: "整改到位", done: r.remedied_checked, what: r.evidence },
        {
          key: "accountability" as const,
          label: "责任追究",
          done: r.accountability !== null,
          what: r.accountability ? `${r.accountability}${r.accountability_who ? "：" + r.accountability_who : ""}${r.accountability_note ? "（" + r.accountability_note + "）" : ""}` : "",
        },
      ]
    : [];
  return (
    <Drawer
      open={rectNo !== null}
      title={r ? `${r.rect_no} ${r.party}` : "整改事项"}
      width={760}
      onClose={() => {
        setRefusal(null);
        onClose();
      }}
      destroyOnHidden
    >
      {!d || !r ? (
        <Empty />
      ) : (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="rect-drawer" data-rect={r.rect_no}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="问题" span={2}>
              {r.problem}
            </Descriptions.Item>
            <Descriptions.Item label="来源">
              {r.source} {r.source_ref} {r.kind === "防范整改" && <Tag color="purple">防范整改</Tag>}
              {d.rebound_of && (
                <Tag color="red" data-testid="rect-rebound-of">
                  问题反弹，原整改事项 {d.rebound_of}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="整改时限">
              <Space>
                {r.deadline}
                {r.closed ? <Tag color="green" data-testid="rect-state">已销号 {r.closed_on}</Tag> : <LightTag light={r.light} testId="rect-light" />}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="单位报告">
              {r.unit_status}
              {r.unit_done_on ? `（${r.unit_done_on} 完成）` : ""}
            </Descriptions.Item>
            <Descriptions.Item label="整改措施">{r.measures || "—"}</Descriptions.Item>
          </Descriptions>

          <div>
            <Typography.Title level={5}>三不放过</Typography.Title>
            <List
              size="small"
              bordered
              dataSource={checks}
              renderItem={(c) => (
                <List.Item
                  data-testid="rect-check"
                  data-check={c.label}
                  data-done={c.done ? "yes" : "no"}
                  actions={
                    r.closed
                      ? []
                      : [
                          <Button key="tick" size="small" data-testid={`rect-tick-${c.key}`} onClick={() => setForm({ kind: c.key })}>
                            {c.done ? "修改" : "勾选…"}
                          </Button>,
                        ]
                  }
                >
                  <Space>
                    {c.done ? <Tag color="green">✓ {c.label}</Tag> : <Tag color="default">□ {c.label}</Tag>}
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 460 }}>
                      {c.what}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            {d.evidence_files.length > 0 && (
              <div style={{ marginTop: 8 }} data-testid="rect-evidence">
                <AttachmentList label="佐证材料" files={d.evidence_files} />
              </div>
            )}
          </div>

          {refusal && <Alert type="error" showIcon data-testid="rect-close-refused" message="不能销号" description={refusal} />}
          <Space wrap>
            {!r.closed && (
              <Popconfirm title={`确认 ${r.rect_no} 销号？`} okText="销号" cancelText="取消" onConfirm={() => void close()} okButtonProps={{ "data-testid": "rect-close-confirm" } as Record<string, string>}>
                <Button type="primary" data-testid="rect-close">
                  销号
                </Button>
              </Popconfirm>
            )}
            {!r.closed && (
              <Button data-testid="rect-add-progress" onClick={() => setForm({ kind: "progress" })}>
                登记进展
              </Button>
            )}
            {!r.closed && (
              <Button data-testid="rect-chase" onClick={() => setChasing(true)}>
                催办
              </Button>
            )}
            {r.closed && (
              <Button data-testid="rect-reopen" onClick={() => setForm({ kind: "reopen" })}>
                重新打开
              </Button>
            )}
            {r.closed && (
              <Button data-testid="rect-plan-followup" onClick={() => setForm({ kind: "plan" })}>
                安排回头看
              </Button>
            )}
          </Space>

          <div>
            <Typography.Title level={5}>整改进展</Typography.Title>
            {d.progress.length === 0 ? (
              <Typography.Text type="secondary">尚无进展。</Typography.Text>
            ) : (
              <Timeline
                items={d.progress.map((p) => ({
                  children: (
                    <span data-testid="rect-progress">
                      {p.reported_on} {p.text}
                      {p.reporter ? `（${p.reporter}）` : ""}
                      {p.import_id !== null && <Tag style={{ marginInlineStart: 8 }}>反馈表导入</Tag>}
                    </span>
                  ),
                }))}
              />
            )}
          </div>

          {d.followups.length > 0 && (
            <div>
              <Typography.Title level={5}>回头看 / 再督查</Typography.Title>
              <List
                size="small"
                dataSource={d.followups}
                renderItem={(f) => (
                  <List.Item
                    data-testid="rect-followup"
                    actions={
                      f.done_on
                        ? []
                        : [
                            <Button key="r" size="small" data-testid="rect-followup-result" onClick={() => setForm({ kind: "result", followup: f })}>
                              登记结果
                            </Button>,
                          ]
                    }
                  >
                    {f.kind} 计划 {f.planned_on}
                    {f.done_on ? `，${f.done_on} ${f.result ?? ""}` : "，待复查"}
                    {f.new_rect_no ? `，新整改事项 ${f.new_rect_no}` : ""}
                    {f.note ? `。${f.note}` : ""}
                  </List.Item>
                )}
              />
            </div>
          )}
          {d.chases.length > 0 && (
            <div>
              <Typography.Title level={5}>催办记录</Typography.Title>
              {d.chases.map((c) => (
                <div key={c.id} data-testid="rect-chase-row" data-voided={c.voided ? "1" : "0"}>
                  <Struck voided={c.voided}>
                    {c.chased_on} {c.channel} {c.to_whom}
                    {c.note ? `：${c.note}` : ""}
                  </Struck>{" "}
                  <VoidedTag voided={c.voided} />
                  {!c.voided && <VoidButton kind="rect_chase" id={c.id} what="整改催办记录" />}
                </div>
              ))}
            </div>
          )}
          <RectForms detail={d} form={form} onClose={() => setForm(null)} />
          <ChaseModal target={chasing ? { rectNo: r.rect_no, party: r.party } : null} onClose={() => setChasing(false)} />
        </Space>
      )}
    </Drawer>
  );
}
