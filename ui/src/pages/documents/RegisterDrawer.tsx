// 收文登记 (PRODUCT #1): every field of an incoming document. The 收文编号 is
// assigned by the core (收〔2026〕15号); attachments are copied into the data
// folder under their content hash.
import { Button, Checkbox, Drawer, Form, Input, Radio, Select, Space, Switch, Typography } from "antd";
import { useEffect, useState } from "react";

import { pickPath } from "../../api/dialogs";
import { registerDocument, sourceCategories } from "../../api/documents";
import type { DocumentRef } from "../../api/generated/DocumentRef";
import type { Urgency } from "../../api/generated/Urgency";
import DateField, { realDate } from "../../components/DateField";
import { notifySuccess, reportError } from "../../feedback";
import { useToday } from "../../hooks/appData";

interface Values {
  source_doc_no?: string;
  title: string;
  source_org?: string;
  source_category: string;
  urgency: Urgency;
  time_limited: boolean;
  time_limit?: string;
  received_on: string;
  summary?: string;
  important: boolean;
  key_relay: boolean;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onDone: (doc: DocumentRef) => void;
}

export default function RegisterDrawer({ open, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [categories, setCategories] = useState<string[]>([]);
  const [attachments, setAttachments] = useState<string[]>([]);
  const [typedPath, setTypedPath] = useState("");
  const [busy, setBusy] = useState(false);
  const timeLimited = Form.useWatch("time_limited", form);
  const today = useToday();

  useEffect(() => {
    if (!open) return;
    sourceCategories().then(setCategories).catch(reportError);
  }, [open]);

  const addPath = (p: string | null) => {
    const path = p?.trim();
    if (path && !attachments.includes(path)) setAttachments([...attachments, path]);
  };

  const pick = async () => {
    try {
      addPath(await pickPath({ mode: "open", title: "选择附件", filters: [], default_name: null }));
    } catch (e) {
      reportError(e);
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const ref = await registerDocument({
        source_doc_no: v.source_doc_no?.trim() ?? "",
        title: v.title.trim(),
        source_org: v.source_org?.trim() ?? "",
        source_category: v.source_category,
        urgency: v.urgency,
        time_limited: v.time_limited,
        time_limit: v.time_limited ? (v.time_limit ?? null) : null,
        received_on: v.received_on,
        summary: v.summary?.trim() ?? "",
        important: v.important,
        key_relay: v.key_relay,
        attachments,
      });
      notifySuccess(`已登记，收文编号 ${ref.doc_no}`);
      form.resetFields();
      setAttachments([]);
      onDone(ref);
    } catch (e) {
      reportError(e, "收文登记未完成");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title="收文登记"
      width={640}
      open={open}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="doc-submit">
            登记
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="doc-form"
        initialValues={{ urgency: "平件", time_limited: false, important: false, key_relay: false, received_on: today }}
        onFinish={(v) => void submit(v)}
      >
        <Typography.Paragraph type="secondary">收文编号在登记时按收文年度自动编排，例如 收〔2026〕15号。</Typography.Paragraph>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: "请填写标题。" }]}>
          <Input data-testid="doc-title" maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="source_doc_no" label="来文文号" style={{ flex: 1, marginInlineEnd: 12 }}>
            <Input data-testid="doc-source-no" placeholder="例如 国办发〔2026〕12号" />
          </Form.Item>
          <Form.Item name="source_org" label="来文单位" style={{ flex: 1 }}>
            <Input data-testid="doc-source-org" placeholder="例如 国务院办公厅" />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="source_category"
          label="来源类别"
          rules={[{ required: true, message: "请选择来源类别。" }]}
          extra="《意见》第三条所列抓落实的重要内容。"
        >
          <Select
            data-testid="doc-category"
            showSearch
            placeholder="请选择"
            options={categories.map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item name="urgency" label="紧急程度" rules={[{ required: true, message: "请选择紧急程度。" }]}>
          <Radio.Group data-testid="doc-urgency" optionType="button" buttonStyle="solid">
            <Radio.Button value="特急">
              <span data-testid="doc-urgency-特急">特急</span>
            </Radio.Button>
            <Radio.Button value="加急">
              <span data-testid="doc-urgency-加急">加急</span>
            </Radio.Button>
            <Radio.Button value="平件">
              <span data-testid="doc-urgency-平件">平件</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Space align="start" size="large">
          <Form.Item
            name="received_on"
            label="收文日期"
            rules={[{ required: true, message: "请填写收文日期。" }, realDate("收文日期")]}
          >
            <DateField testId="doc-received-on" />
          </Form.Item>
          <Form.Item name="time_limited" label="限时件" valuePropName="checked">
            <Switch data-testid="doc-time-limited" checkedChildren="限时" unCheckedChildren="否" />
          </Form.Item>
          {timeLimited && (
            <Form.Item
              name="time_limit"
              label="办理时限"
              dependencies={["received_on"]}
              rules={[
                { required: true, message: "限时件必须填写办理时限。" },
                realDate("办理时限"),
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => {
                    const received = getFieldValue("received_on") as string | undefined;
                    if (value && received && value < received)
                      return Promise.reject(new Error("办理时限早于收文日期，请核对。"));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DateField testId="doc-time-limit" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="summary" label="摘要">
          <Input.TextArea data-testid="doc-summary" rows={3} maxLength={2000} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="important" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>
              <span data-testid="doc-important">重要文件（须有局领导明确批示，不能简单圈阅）</span>
            </Checkbox>
          </Form.Item>
          <Form.Item name="key_relay" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>
              <span data-testid="doc-key-relay">重点文件（跟踪传达学习）</span>
            </Checkbox>
          </Form.Item>
        </Space>
        <Form.Item label="附件" extra="附件将复制保存到数据文件夹，原文件名保留。">
          <Space direction="vertical" style={{ width: "100%" }}>
            <Space.Compact block>
              <Input
                data-testid="doc-attachment-path"
                placeholder="输入文件完整路径，或点击“选择文件”"
                value={typedPath}
                onChange={(e) => setTypedPath(e.target.value)}
                onPressEnter={(e) => {
                  e.preventDefault();
                  addPath(typedPath);
                  setTypedPath("");
                }}
              />
              <Button
                data-testid="doc-attachment-add"
                onClick={() => {
                  addPath(typedPath);
                  setTypedPath("");
                }}
              >
                添加
              </Button>
              <Button data-testid="doc-attachment-pick" onClick={() => void pick()}>
                选择文件…
              </Button>
            </Space.Compact>
            {attachments.map((p) => (
              <Space key={p} data-testid="doc-attachment">
                <Typography.Text>{p}</Typography.Text>
                <Button size="small" type="link" onClick={() => setAttachments(attachments.filter((x) => x !== p))}>
                  移除
                </Button>
              </Space>
            ))}
          </Space>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
