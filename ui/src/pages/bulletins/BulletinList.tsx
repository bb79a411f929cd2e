// The published versions of one kind of 通报: 期号, period, version (the
// newest marked), as-of day, who and when, 更正原因; export the Word 通报 and
// its Excel appendix (from the frozen figures) and publish a 更正.
import { Button, Input, Modal, Space, Table, Tag } from "antd";
import type { ButtonProps } from "antd";
import { useCallback, useState } from "react";

import { exportBulletin, listBulletins } from "../../api/bulletins";
import { pickPath } from "../../api/dialogs";
import type { PublicationKind } from "../../api/generated/PublicationKind";
import type { PublicationSummary } from "../../api/generated/PublicationSummary";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";

interface Props {
  kind: PublicationKind;
  /** Publishes the 更正 of a listed version's period with its reason. */
  onCorrect: (p: PublicationSummary, reason: string) => Promise<unknown>;
}

export const issueLabel = (p: PublicationSummary) => (p.issue ? `${p.issue.year}年第${p.issue.number}期` : "—");

export default function BulletinList({ kind, onCorrect }: Props) {
  const [rows, setRows] = useState<PublicationSummary[]>([]);
  const [correcting, setCorrecting] = useState<PublicationSummary | null>(null);
  const [reason, setReason] = useState("");
  const [exported, setExported] = useState<string[]>([]);

  const load = useCallback(async () => {
    try {
      setRows(await listBulletins(kind));
    } catch (e) {
      reportError(e);
    }
  }, [kind]);
  useLoad(load);

  const exportIt = async (p: PublicationSummary) => {
    const dir = await pickPath({ mode: "folder", title: "选择通报保存的文件夹", filters: [], default_name: null });
    if (!dir) return;
    const files = await exportBulletin(p.id, dir);
    setExported(files);
    notifySuccess(`已导出 ${files.length} 个文件。`);
  };
  const correct = async () => {
    if (!correcting) return;
    try {
      await onCorrect(correcting, reason);
      setCorrecting(null);
    } catch (e) {
      reportError(e, "更正未发布");
    }
  };

  return (
    <>
      <Table<PublicationSummary>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: "尚未发布" }}
        onRow={(p) =>
          ({ "data-testid": "bulletin-row", "data-period": p.period, "data-version": p.version, "data-current": p.current ? "yes" : "no" }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: "期号", width: 130, render: (_, p) => issueLabel(p) },
          { title: "期间", dataIndex: "period", width: 140 },
          {
            title: "版本",
            width: 120,
            render: (_, p) => (
              <Space size={4}>
                第 {p.version} 版{p.current ? <Tag color="green">现行</Tag> : <Tag>已更正</Tag>}
              </Space>
            ),
          },
          { title: "统计截至", dataIndex: "as_of", width: 100 },
          { title: "发布", width: 200, render: (_, p) => `${p.published_by} ${p.published_at.replace("T", " ").slice(0, 16)}` },
          { title: "更正原因", dataIndex: "reason", ellipsis: true },
          {
            title: "操作",
            width: 160,
            render: (_, p) => (
              <Space size={4}>
                <Button size="small" data-testid="bulletin-export" onClick={() => void exportIt(p).catch((e) => reportError(e, "未导出"))}>
                  导出
                </Button>
                {p.current && (
                  <Button
                    size="small"
                    data-testid="bulletin-correct"
                    onClick={() => {
                      setReason("");
                      setCorrecting(p);
                    }}
                  >
                    更正
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {exported.length > 0 && (
        <div data-testid="bulletin-exported" style={{ marginTop: 8 }}>
          已导出：{exported.join("；")}
        </div>
      )}
      <Modal
        open={correcting !== null}
        title={`更正 ${correcting ? issueLabel(correcting) : ""}`}
        okText="发布更正版"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === "", "data-testid": "bulletin-correct-ok" } as ButtonProps}
        onOk={() => void correct()}
        onCancel={() => setCorrecting(null)}
        destroyOnHidden
      >
        <p>更正将按当前数据重新计算并生成新版本（期号不变），原版本保留。请填写更正原因：</p>
        <Input.TextArea data-testid="bulletin-correct-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
