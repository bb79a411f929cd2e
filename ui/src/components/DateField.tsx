// A date input for forms whose value is the text "YYYY-MM-DD" (what the core
// takes). antd's DatePicker silently drops a typed date that does not exist
// (2026-02-30); here such text becomes the field's value so that the form's
// `realDate` rule answers it with a Chinese message instead of losing it.
// Its 今天 is the app's today (useToday), not the computer's clock: the
// calendar opens on the app's month and the footer link picks the app's day.
import { DatePicker } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import { useRef, useState } from "react";

import { useToday } from "../hooks/appData";

dayjs.extend(customParseFormat);

export const DATE_FORMAT = "YYYY-MM-DD";

/** Whether `text` is a real calendar date written as YYYY-MM-DD. */
export function isRealDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayjs(text, DATE_FORMAT, true).isValid();
}

/** "YYYY-MM-DD" text as a Dayjs (null when empty or not a real date). */
export function toDayjs(text: string | null | undefined): Dayjs | null {
  return text && isRealDate(text) ? dayjs(text, DATE_FORMAT, true) : null;
}

/** A form rule: the value, when present, must be a real date. */
export function realDate(label: string) {
  return {
    validator: (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === "") return Promise.resolve();
      if (typeof value === "string" && isRealDate(value)) return Promise.resolve();
      return Promise.reject(
        new Error(`${label}“${String(value)}”不是有效日期，请按“年-月-日”填写真实存在的日期，例如 2026-11-26。`),
      );
    },
  };
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  disabledDate?: (d: Dayjs) => boolean;
  style?: React.CSSProperties;
}

/** A DatePicker holding "YYYY-MM-DD" text; a typed impossible date is kept as text for validation. */
export default function DateField({ value, onChange, placeholder, disabled, testId, disabledDate, style }: Props) {
  const typed = useRef<string | null>(null);
  const [open, setOpen] = useState(false);
  const today = useToday();
  const picked = toDayjs(value);
  return (
    <span
      data-testid={testId}
      style={{ display: "inline-block", width: "100%", ...style }}
      onInput={(e) => {
        typed.current = (e.target as HTMLInputElement).value;
      }}
      onBlurCapture={() => {
        const text = typed.current?.trim();
        typed.current = null;
        if (!text) {
          if (value && !isRealDate(value)) onChange?.(undefined);
          return;
        }
        if (text !== value) onChange?.(text);
      }}
    >
      <DatePicker
        style={{ width: "100%" }}
        format={DATE_FORMAT}
        value={picked}
        open={open}
        onOpenChange={setOpen}
        defaultPickerValue={picked ?? toDayjs(today)}
        showNow={false}
        renderExtraFooter={() =>
          today && !disabledDate?.(dayjs(today, DATE_FORMAT, true)) ? (
            <a
              data-testid={testId ? `${testId}-today` : undefined}
              onClick={() => {
                typed.current = null;
                onChange?.(today);
                setOpen(false);
              }}
            >
              今天
            </a>
          ) : null
        }
        placeholder={placeholder ?? "例如 2026-11-26"}
        disabled={disabled}
        disabledDate={disabledDate}
        onChange={(d: Dayjs | null) => {
          const raw = typed.current?.trim();
          typed.current = null;
          // On Enter antd parses leniently (2026-02-30 becomes 2026-03-02):
          // keep what was typed when it is not a real date, so that the
          // form's rule refuses it instead of a different day being saved.
          if (raw && !isRealDate(raw)) {
            onChange?.(raw);
            return;
          }
          onChange?.(d ? d.format(DATE_FORMAT) : undefined);
        }}
      />
    </span>
  );
}
