// An attachment as a link: a click copies it out of the data folder under its
// original name and opens the copy with the system's program (attachment_open);
// and 添加佐证 on a progress entry or a completion report (evidence_attach).
import { Button, Space, Typography } from "antd";
import { useCallback, useState } from "react";

import { attachEvidence, openAttachment } from "../api/corrections";
import { pickPath } from "../api/dialogs";
import type { Attachment } from "../api/generated/Attachment";
import type { EvidenceOwner } from "../api/generated/EvidenceOwner";
import { notifySuccess, reportError } from "../feedback";
import AttachmentPreview, { canPreview } from "./AttachmentPreview";

export function sizeText(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

interface Props {
  attachment: Attachment;
  /** Show the size after the name. */
  withSize?: boolean;
}

export default function AttachmentLink({ attachment: a, withSize }: Props) {
  const [previewing, setPreviewing] = useState(false);
  const close = useCallback(() => setPreviewing(false), []);
  const open = async () => {
    try {
      await openAttachment(a.id);
      notifySuccess(`已打开“${a.file_name}”。`);
    } catch (e) {
      reportError(e, "无法打开附件");
    }
  };
  return (
    <Space size={4}>
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        data-testid={`attachment-${a.id}`}
        title="用系统程序打开（打开的是副本，原件不会被改动）"
        onClick={() => void open()}
      >
        {a.file_name}
      </Button>
      {withSize && <Typography.Text type="secondary">（{sizeText(a.size)}）</Typography.Text>}
      {canPreview(a.file_name) && (
        <Button
          type="link"
          size="small"
          style={{ padding: "0 4px" }}
          data-testid={`attachment-preview-${a.id}`}
          title="在窗口中预览（图片、PDF）"
          onClick={() => setPreviewing(true)}
        >
          预览
        </Button>
      )}
      <AttachmentPreview id={previewing ? a.id : null} name={a.file_name} onClose={close} />
    </Space>
  );
}

/** Several attachments after a label (e.g. 佐证材料：a.pdf、b.jpg). */
export function AttachmentList({ label, files }: { label: string; files: Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {files.map((a) => (
        <AttachmentLink key={String(a.id)} attachment={a} />
      ))}
    </Space>
  );
}

/** 添加佐证: picks a file and attaches it to a progress entry or a completion report. */
export function AddEvidenceButton({ owner, id }: { owner: EvidenceOwner; id: number }) {
  const add = async () => {
    try {
      const f = await pickPath({ mode: "open", title: "选择佐证材料", filters: [], default_name: null });
      if (!f) return;
      await attachEvidence(owner, id, [f]);
      notifySuccess("已添加佐证材料。");
    } catch (e) {
      reportError(e, "添加佐证材料未完成");
    }
  };
  return (
    <Button size="small" type="link" data-testid={`evidence-add-${owner}-${id}`} onClick={() => void add()}>
      添加佐证
    </Button>
  );
}
