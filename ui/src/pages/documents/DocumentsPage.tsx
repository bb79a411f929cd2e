// 收文登记 page: the list of incoming documents with their markers (特急, 限时,
// 重要, 未分解, and the §六 flag “仅圈阅，未批示”), the intake form, and a
// document's detail with 领导批示 and 任务分解.
import { Button, Card, Input, Select, Space, Switch, Table, Tag, Tooltip } from "antd";
import { useCallback, useState } from "react";

import { listDocuments } from "../../api/documents";
import type { DocumentRow } from "../../api/generated/DocumentRow";
import type { Urgency } from "../../api/generated/Urgency";
import { loadDemo } from "../../api/tasks";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { UrgencyTag } from "../../components/labels";
import { useOrg } from "../../hooks/useOrg";
import { saveSheet } from "../../api/dialogs";
import { NO_LIST_FILTER, exportList } from "../../api/lists";
import DocumentDrawer from "../../components/DocumentDrawer";
import RegisterDrawer from "./RegisterDrawer";
import { Struck } from "../../components/Voiding";

export default function DocumentsPage() {
  const org = useOrg();
  const [rows, setRows] = useState<DocumentRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [text, setText] = useState("");
  const [urgency, setUrgency] = useState<Urgency | null>(null);
  const [unsplit, setUnsplit] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [openDoc, setOpenDoc] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await listDocuments({ text: text.trim() || null, urgency, unsplit_only: unsplit, year: null }));
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [text, urgency, unsplit]);

  useLoad(load);

  const demo = async () => {
    try {
      const s = await loadDemo();
      notifySuccess(
        s.already_loaded ? "示例数据此前已载入，未重复添加。" : `已载入示例数据：收文 ${s.documents} 件，督办事项 ${s.items} 项。`,
      );
    } catch (e) {
      reportError(e);
    }
  };

  /**
   * The 收文登记簿 (with this page's filters), the 批示件办理情况 or the
   * 传达学习情况 (every key document, each unit's report or 未报送), to Excel.
   */
  const exportIt = async (kind: "documents" | "instructions" | "relay") => {
    const name = { documents: "收文登记簿", instructions: "批示件办理情况", relay: "传达学习情况" }[kind];
    const path = await saveSheet(`导出${name}`, `${name}.xlsx`);
    if (!path) return;
    const filter = kind === "documents" ? { ...NO_LIST_FILTER, text: text.trim() || null, urgency, unsplit_only: unsplit } : NO_LIST_FILTER;
    const done = await exportList(kind, filter, path);
    notifySuccess(`已导出${name} ${done.rows} 条。`);
  };

  return (
    <Card
      data-testid="documents-page"
      title={
        <Space wrap>
          <Button type="primary" data-testid="doc-register-open" data-shortcut="new" onClick={() => setRegistering(true)}>
            收文登记
          </Button>
          <Input.Search
            data-testid="doc-search"
            data-shortcut="search"
            allowClear
            placeholder="搜索标题、收文编号、来文文号、来文单位"
            style={{ width: 320 }}
            onSearch={(v) => setText(v)}
          />
          <Select<Urgency>
            allowClear
            placeholder="紧急程度"
            style={{ width: 120 }}
            value={urgency ?? undefined}
            onChange={(v) => setUrgency(v ?? null)}
            options={(["特急", "加急", "平件"] as Urgency[]).map((u) => ({ value: u, label: u }))}
          />
          <Space>
            <Switch data-testid="doc-unsplit-only" checked={unsplit} onChange={setUnsplit} size="small" />
            只看未分解
          </Space>
        </Space>
      }
      extra={
        <Space>
          <Button data-testid="doc-export" onClick={() => void exportIt("documents").catch(reportError)}>
            导出收文登记簿
          </Button>
          <Button data-testid="doc-export-instructions" onClick={() => void exportIt("instructions").catch(reportError)}>
            导出批示件办理情况
          </Button>
          <Tooltip title="所有重点文件的传达学习情况：各单位已报送的学习情况与未报送的单位。">
            <Button data-testid="doc-export-relay" onClick={() => void exportIt("relay").catch(reportError)}>
              导出传达学习情况
            </Button>
          </Tooltip>
          <Tooltip title="载入一组示例收文和督办事项，便于熟悉使用；只载入一次。">
            <Button data-testid="demo-load" onClick={() => void demo()}>
              示例数据
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <Table<DocumentRow>
        data-testid="doc-table"
        rowKey={(r) => r.doc_no}
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件`, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => setOpenDoc(r.doc_no), style: { cursor: "pointer" } })}
        rowClassName={() => "doc-row"}
        columns={[
          {
            title: "收文编号",
            dataIndex: "doc_no",
            width: 140,
            render: (v: string) => <span data-testid="doc-row-no">{v}</span>,
          },
          {
            title: "标题",
            render: (_, r) => (
              <Space direction="vertical" size={2} data-testid="doc-row" data-doc-no={r.doc_no}>
                <span data-testid="doc-row-title">
                  <Struck voided={r.voided}>{r.title}</Struck>
                </span>
                <Space size={[0, 4]} wrap>
                  {r.urgency !== "平件" && <UrgencyTag urgency={r.urgency} />}
                  {r.time_limited && <Tag color="magenta">限时 {r.time_limit}</Tag>}
                  {r.important && <Tag color="volcano">重要文件</Tag>}
                  {r.only_circled && (
                    <Tooltip title="重要文件仅有局领导圈阅，没有明确批示意见（《意见》第六条：不能简单圈阅了事）。">
                      <Tag color="red" data-testid="doc-flag-only-circled">
                        仅圈阅，未批示
                      </Tag>
                    </Tooltip>
                  )}
                  {r.voided ? (
                    <Tag data-testid="doc-flag-voided" title={r.voided.reason}>
                      已作废
                    </Tag>
                  ) : r.item_count === 0 ? (
                    <Tag color="gold" data-testid="doc-flag-unsplit">
                      未分解
                    </Tag>
                  ) : (
                    <Tag data-testid="doc-flag-split">已分解 {r.item_count} 项</Tag>
                  )}
                </Space>
              </Space>
            ),
          },
          { title: "来源类别", dataIndex: "source_category", width: 170 },
          { title: "来文单位", dataIndex: "source_org", width: 150 },
          { title: "收文日期", dataIndex: "received_on", width: 110 },
          {
            title: "批示",
            width: 70,
            render: (_, r) => (r.instruction_count === 0 ? <Tag>待批</Tag> : r.instruction_count),
          },
        ]}
      />
      <RegisterDrawer
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={(ref) => {
          setRegistering(false);
          setOpenDoc(ref.doc_no);
        }}
      />
      <DocumentDrawer docNo={openDoc} org={org} onClose={() => setOpenDoc(null)} />
    </Card>
  );
}
