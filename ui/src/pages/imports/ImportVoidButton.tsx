// 作废整批 (issue 13): voids an import of a 督办事项台账, 落实情况反馈表 or
// 报送表 and every row it wrote, with a reason; the file may then be imported
// again, corrected. Other kinds are corrected by a new import or by hand.
import { Button, Input, Modal, Typography } from "antd";
import { useState } from "react";

import { voidImport } from "../../api/corrections";
import type { ImportRecord } from "../../api/generated/ImportRecord";
import { notifySuccess, reportError } from "../../feedback";

/** The kinds whose rows a void takes back. */
export const VOIDABLE_KINDS = ["ledger", "feedback", "report"];

export default function ImportVoidButton({ record, onDone }: { record: ImportRecord; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const r = await voidImport(record.id, reason.trim());
      const parts = [
        r.items ? `事项 ${r.items} 项` : "",
        r.progress ? `进展 ${r.progress} 条` : "",
        r.completion_reports ? `办结报告 ${r.completion_reports} 份` : "",
        r.round_reports ? `报送 ${r.round_reports} 份` : "",
      ].filter(Boolean);
      notifySuccess(`已作废导入“${r.file_name}”${parts.length ? `（${parts.join("，")}）` : ""}。`);
      setOpen(false);
      onDone();
    } catch (e) {
      reportError(e, "作废未完成");
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        danger
        data-testid={`import-void-${record.id}`}
        onClick={() => {
          setReason("");
          setOpen(true);
        }}
      >
        作废整批
      </Button>
      <Modal
        open={open}
        title={`作废整批导入：${record.file_name}`}
        okText="作废整批"
        okButtonProps={{ danger: true, disabled: !reason.trim(), ...({ "data-testid": "import-void-ok" } as Record<string, string>) }}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          该文件导入的全部内容（事项、进展、办结报告或报送情况）将一并作废，保留在记录中显示为已作废；改正后可重新导入该文件。
        </Typography.Paragraph>
        <Input.TextArea
          data-testid="import-void-reason"
          rows={3}
          maxLength={2000}
          placeholder="作废原因（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
