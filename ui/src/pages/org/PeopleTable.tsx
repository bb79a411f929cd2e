// 人员名单 (PRODUCT #16): the office's staff (经办人) and the 督查专员 roster —
// name, organisation, level, 专职/兼职, phone, active. The 督查组 of an
// inspection is chosen from it, and the operator of the audit log from the
// 经办人. A roster sheet (督查专员) can also come in with the 组织机构 sheet.
import { Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from "antd";
import { useCallback, useState } from "react";

import type { NewPerson } from "../../api/generated/NewPerson";
import type { Party } from "../../api/generated/Party";
import type { Person } from "../../api/generated/Person";
import { saveSheet } from "../../api/dialogs";
import { exportPeople, listPeople, savePerson, setPersonActive } from "../../api/inspections";
import { notifySuccess, reportError } from "../../feedback";
import { useLoad } from "../../hooks/appData";
import { matchSearch, partyOptions } from "../../hooks/useOrg";

const ROLE_LABEL = { staff: "经办人", inspector: "督查专员" } as const;

export default function PeopleTable({ parties }: { parties: Party[] }) {
  const [people, setPeople] = useState<Person[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Person | "new" | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewPerson>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setPeople(await listPeople(null));
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useLoad(load);

  const open = (p: Person | "new") => {
    form.resetFields();
    form.setFieldsValue(
      p === "new"
        ? { role: "inspector", level: "", full_time: false, phone: "", active: true }
        : { name: p.name, party: p.party, role: p.role, level: p.level, full_time: p.full_time, phone: p.phone, active: p.active },
    );
    setEditing(p);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await savePerson({ ...v, level: v.level ?? "", phone: v.phone ?? "", active: v.active ?? true });
      notifySuccess(`已保存“${saved.name}”（${saved.party}）。`);
      setEditing(null);
    } catch (e) {
      reportError(e, "保存未完成");
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (p: Person) => {
    try {
      await setPersonActive(p.id, !p.active);
      notifySuccess(p.active ? `已停用“${p.name}”。` : `已启用“${p.name}”。`);
    } catch (e) {
      reportError(e);
    }
  };

  const exportIt = async () => {
    const path = await saveSheet("导出人员名单", "人员名单.xlsx");
    if (!path) return;
    const w = await exportPeople(path);
    notifySuccess(`已导出人员名单（${w.items} 人）。`);
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" data-testid="people-add" onClick={() => open("new")}>
          新增人员
        </Button>
        <Button data-testid="people-export" onClick={() => void exportIt().catch(reportError)}>
          导出 Excel
        </Button>
      </Space>
      <Table<Person>
        rowKey={(p) => String(p.id)}
        size="small"
        loading={loading}
        dataSource={people}
        pagination={people.length > 50 ? { pageSize: 50 } : false}
        onRow={(p) => ({ "data-testid": "person-row", "data-name": p.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: "姓名", dataIndex: "name", width: 110 },
          { title: "所在单位", dataIndex: "party", width: 200 },
          { title: "身份", width: 100, render: (_, p) => ROLE_LABEL[p.role] },
          { title: "级别", dataIndex: "level", width: 90, render: (l: string) => l || "—" },
          { title: "专兼职", width: 80, render: (_, p) => (p.full_time ? "专职" : "兼职") },
          { title: "联系电话", dataIndex: "phone", width: 140 },
          {
            title: "状态",
            width: 80,
            render: (_, p) => (p.active ? <Tag color="green">在岗</Tag> : <Tag>已停用</Tag>),
          },
          {
            title: "操作",
            width: 150,
            render: (_, p) => (
              <Space size="small">
                <Button size="small" onClick={() => open(p)}>
                  修改
                </Button>
                <Button size="small" onClick={() => void toggle(p)}>
                  {p.active ? "停用" : "启用"}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增人员" : "修改人员信息"}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ "data-testid": "person-save" } as Record<string, string>}
        confirmLoading={busy}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: "请填写姓名。" }]}>
            <Input data-testid="person-name" disabled={editing !== "new"} maxLength={20} />
          </Form.Item>
          <Form.Item name="party" label="所在单位" rules={[{ required: true, message: "请选择所在部门或单位。" }]}>
            <Select
              data-testid="person-party"
              showSearch
              options={partyOptions(parties)}
              filterOption={matchSearch}
              disabled={editing !== "new"}
            />
          </Form.Item>
          <Form.Item name="role" label="身份">
            <Radio.Group
              options={[
                { value: "staff", label: "经办人（本办工作人员）" },
                { value: "inspector", label: "督查专员" },
              ]}
            />
          </Form.Item>
          <Form.Item name="level" label="级别">
            <Radio.Group
              options={[
                { value: "司局级", label: "司局级" },
                { value: "处以下", label: "处以下" },
                { value: "", label: "未填" },
              ]}
            />
          </Form.Item>
          <Form.Item name="full_time" label="专兼职">
            <Radio.Group
              options={[
                { value: true, label: "专职" },
                { value: false, label: "兼职" },
              ]}
            />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input data-testid="person-phone" maxLength={40} />
          </Form.Item>
          <Form.Item name="active" hidden>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
