// The bureau's leaders (局领导): add, change a title, deactivate.
import { Button, Form, Input, Modal, Space, Table, Tag } from "antd";
import { useState } from "react";

import { saveLeader, setLeaderActive } from "../../api/org";
import { notifySuccess, reportError } from "../../feedback";
import type { Leader } from "../../api/generated/Leader";

interface Props {
  leaders: Leader[];
  loading: boolean;
}

export default function LeaderTable({ leaders, loading }: Props) {
  const [editing, setEditing] = useState<Leader | "new" | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; title: string }>();

  const open = (l: Leader | "new") => {
    form.resetFields();
    if (l !== "new") form.setFieldsValue({ name: l.name, title: l.title });
    setEditing(l);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await saveLeader(v.name, v.title ?? "");
      notifySuccess(editing === "new" ? `已添加局领导“${v.name.trim()}”。` : `已修改“${v.name.trim()}”的职务。`);
      setEditing(null);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (l: Leader) => {
    try {
      await setLeaderActive(l.id, !l.active);
      notifySuccess(l.active ? `已停用“${l.name}”。` : `已启用“${l.name}”。`);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" data-testid="org-add-leader" onClick={() => open("new")}>
          新增局领导
        </Button>
      </Space>
      <Table<Leader>
        rowKey={(l) => String(l.id)}
        size="small"
        loading={loading}
        dataSource={leaders}
        pagination={false}
        columns={[
          { title: "姓名", dataIndex: "name", width: 160 },
          { title: "职务", dataIndex: "title" },
          {
            title: "状态",
            width: 90,
            render: (_, l) => (l.active ? <Tag color="green">在任</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: "操作",
            width: 180,
            render: (_, l) => (
              <Space size="small">
                <Button size="small" onClick={() => open(l)}>
                  修改职务
                </Button>
                <Button size="small" onClick={() => void toggle(l)}>
                  {l.active ? "停用" : "启用"}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增局领导" : "修改职务"}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: "请填写姓名。" }]}>
            <Input data-testid="org-leader-name" disabled={editing !== "new"} maxLength={20} />
          </Form.Item>
          <Form.Item name="title" label="职务">
            <Input data-testid="org-leader-title" placeholder="例如 副局长" maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
