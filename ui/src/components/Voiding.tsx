// 作废 of a record entered by mistake (a reason is required) and how a voided
// record shows: struck through, with 已作废：原因. Used by every timeline
// (进展, 办结报告, 时间节点, 批示, 催办, 延期).
import { Button, Input, Modal, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";

import { voidRecord } from "../api/corrections";
import type { VoidKind } from "../api/generated/VoidKind";
import type { VoidMark } from "../api/generated/VoidMark";
import { notifySuccess, reportError } from "../feedback";

/** Text struck through when the record is voided. */
export function Struck({ voided, children }: { voided: VoidMark | null; children: ReactNode }) {
  if (!voided) return <>{children}</>;
  return <Typography.Text delete>{children}</Typography.Text>;
}

/** 已作废：原因 (with who and when in the tooltip); nothing while the record stands. */
export function VoidedTag({ voided, testId }: { voided: VoidMark | null; testId?: string }) {
  if (!voided) return null;
  return (
    <Tag color="default" data-testid={testId ?? "voided-tag"} title={`${voided.voided_by} ${voided.voided_at}`}>
      已作废：{voided.reason}
    </Tag>
  );
}

interface ButtonProps {
  kind: VoidKind;
  id: number;
  /** What is voided, for the dialog's title (e.g. “进展记录”). */
  what: string;
  testId?: string;
}

/** A small 作废 link that asks for the reason and voids the record. */
export function VoidButton({ kind, id, what, testId }: ButtonProps) {
  return (
    <VoidWithReason
      what={what}
      testId={testId ?? `void-${kind}-${id}`}
      onVoid={(reason) => voidRecord(kind, id, reason)}
    />
  );
}

interface ReasonProps {
  /** What is voided, for the dialog's title and the notice (e.g. “收文”). */
  what: string;
  testId: string;
  /** Voids it with the reason given (trimmed, not empty). */
  onVoid: (reason: string) => Promise<unknown>;
  /** Disabled, with this explanation as the tooltip. */
  disabledWhy?: string;
}

/** A 作废 link that asks for the reason, then calls `onVoid` with it. */
export function VoidWithReason({ what, testId, onVoid, disabledWhy }: ReasonProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await onVoid(reason.trim());
      notifySuccess(`已作废${what}。`);
      setOpen(false);
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
        type="link"
        danger
        data-testid={testId}
        disabled={disabledWhy !== undefined}
        title={disabledWhy}
        onClick={() => {
          setReason("");
          setOpen(true);
        }}
      >
        作废
      </Button>
      <Modal
        open={open}
        title={`作废${what}`}
        okText="作废"
        okButtonProps={{ danger: true, disabled: !reason.trim(), ...({ "data-testid": "void-ok" } as Record<string, string>) }}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">作废的记录保留在全程记录中，显示为删除线，不再计入统计。</Typography.Paragraph>
        <Input.TextArea
          data-testid="void-reason"
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
