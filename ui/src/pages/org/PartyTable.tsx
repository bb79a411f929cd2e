// The departments or the units of the organisation, with add, rename, aliases,
// deactivate and delete.
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from "antd";
import { useState } from "react";

import { deleteParty, removeAlias, renameParty, saveParty, setPartyActive } from "../../api/org";
import { notifySuccess, reportError } from "../../feedback";
import type { Party } from "../../api/generated/Party";
import type { PartyKind } from "../../api/generated/PartyKind";

interface Props {
  kind: PartyKind;
  parties: Party[];
  loading: boolean;
}

const KIND_LABEL: Record<PartyKind, string> = { department: "内设机构", unit: "下级单位" };

type Editing = { mode: "add" } | { mode: "rename"; party: Party } | { mode: "alias"; party: Party } | null;

export default function PartyTable({ kind, parties, loading }: Props) {
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; kind: PartyKind; aliases: string[] }>();
  const rows = parties.filter((p) => p.kind === kind);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notifySuccess(done);
    } catch (e) {
      reportError(e);
    }
  };

  const open = (e: Editing) => {
    form.resetFields();
    if (e?.mode === "rename") form.setFieldsValue({ name: e.party.name });
    if (e?.mode === "add") form.setFieldsValue({ kind, aliases: [] });
    setEditing(e);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (editing?.mode === "add") {
        await saveParty({ name: v.name, kind: v.kind, aliases: v.aliases ?? [] });
        notifySuccess(`已添加“${v.name.trim()}”。`);
      } else if (editing?.mode === "rename") {
        await renameParty(editing.party.id, v.name);
        notifySuccess(`已更名为“${v.name.trim()}”，原名称保留为简称。`);
      } else if (editing?.mode === "alias") {
        const p = editing.party;
        await saveParty({ name: p.name, kind: p.kind, aliases: v.aliases ?? [] });
        notifySuccess(`已为“${p.name}”添加简称。`);
      }
      setEditing(null);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" data-testid={`org-add-${kind}`} onClick={() => open({ mode: "add" })}>
          新增{KIND_LABEL[kind]}
        </Button>
      </Space>
      <Table<Party>
        rowKey={(p) => String(p.id)}
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(p) => ({ "data-testid": "org-party-row", "data-name": p.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "名称", dataIndex: "name", width: 220 },
          {
            title: "简称/别名",
            render: (_, p) => (
              <Space size={[0, 4]} wrap>
                {p.aliases.map((a) => (
                  <Tag
                    key={a}
                    closable
                    onClose={(e) => {
                      e.preventDefault();
                      void act(() => removeAlias(a), `已删除简称“${a}”。`);
                    }}
                  >
                    {a}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: "状态",
            width: 90,
            render: (_, p) => (p.active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: "操作",
            width: 300,
            render: (_, p) => (
              <Space size="small">
                <Button size="small" onClick={() => open({ mode: "rename", party: p })}>
                  更名
                </Button>
                <Button size="small" onClick={() => open({ mode: "alias", party: p })}>
                  添加简称
                </Button>
                <Button
                  size="small"
                  data-testid="org-party-toggle"
                  onClick={() =>
                    void act(
                      () => setPartyActive(p.id, !p.active),
                      p.active ? `已停用“${p.name}”。` : `已启用“${p.name}”。`,
                    )
                  }
                >
                  {p.active ? "停用" : "启用"}
                </Button>
                <Popconfirm
                  title={`删除“${p.name}”？`}
                  description="已有督办事项或报送记录的机构不能删除。"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => act(() => deleteParty(p.id), `已删除“${p.name}”。`)}
                >
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={
          editing?.mode === "add"
            ? `新增${KIND_LABEL[kind]}`
            : editing?.mode === "rename"
              ? `更名：${editing.party.name}`
              : editing?.mode === "alias"
                ? `添加简称：${editing.party.name}`
                : ""
        }
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ "data-testid": "org-modal-ok" } as Record<string, string>}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing?.mode !== "alias" && (
            <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: "请填写名称。" }]}>
              <Input data-testid="org-party-name" maxLength={60} />
            </Form.Item>
          )}
          {editing?.mode === "add" && (
            <Form.Item name="kind" label="类型" rules={[{ required: true, message: "请选择类型。" }]}>
              <Select
                options={[
                  { value: "department", label: "内设机构" },
                  { value: "unit", label: "下级单位" },
                ]}
              />
            </Form.Item>
          )}
          {editing?.mode !== "rename" && (
            <Form.Item name="aliases" label="简称/别名" extra="输入后按回车，可填多个。导入表格时按名称或简称匹配。">
              <Select mode="tags" open={false} data-testid="org-party-aliases" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
