// 预览 of an image or a PDF attachment in the window (issue 13). The bytes
// come from attachment_preview (checked against the stored hash; over 30 MB
// the core refuses: 请用“打开”). Images show as <img src="data:…">. PDFs are
// drawn page by page on canvases with pdf.js, since WebKitGTK has no PDF
// viewer of its own; pdf.js is loaded only when a PDF is previewed.
import { Alert, Modal, Spin, Typography } from "antd";
import { useEffect, useRef, useState } from "react";

import { previewAttachment } from "../api/corrections";
import type { AttachmentPreview as Preview } from "../api/generated/AttachmentPreview";
import { reportError } from "../feedback";

/** The first pages drawn of a PDF. */
const MAX_PAGES = 20;

/** Whether a file name is one the window can preview. */
export function canPreview(fileName: string): boolean {
  return /\.(png|jpe?g|gif|bmp|webp|pdf)$/i.test(fileName);
}

function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** The pages of a PDF on canvases, at the modal's width. */
function PdfPages({ data, width }: { data: string; width: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number; shown: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    void (async () => {
      try {
        const pdfjs = await import("pdfjs-dist");
        // The worker is bundled by Vite from pdf.js's own module (same origin, as the CSP asks).
        if (!pdfjs.GlobalWorkerOptions.workerPort) {
          pdfjs.GlobalWorkerOptions.workerPort = new Worker(new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url), {
            type: "module",
          });
        }
        const task = pdfjs.getDocument({ data: bytesOf(data) });
        destroy = () => void task.destroy();
        const doc = await task.promise;
        const shown = Math.min(doc.numPages, MAX_PAGES);
        for (let n = 1; n <= shown && !cancelled; n += 1) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: width / base.width });
          const canvas = document.createElement("canvas");
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.dataset.testid = "preview-pdf-page";
          canvas.style.display = "block";
          canvas.style.marginBottom = "8px";
          canvas.style.boxShadow = "0 0 4px rgba(0,0,0,0.25)";
          holder.current?.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
        }
        if (!cancelled) setState({ pages: doc.numPages, shown });
      } catch (e) {
        if (!cancelled) setError(`无法显示该 PDF（${String(e)}），请用“打开”。`);
      }
    })();
    const node = holder.current;
    return () => {
      cancelled = true;
      destroy?.();
      if (node) node.innerHTML = "";
    };
  }, [data, width]);
  return (
    <div>
      {error && <Alert type="error" showIcon message={error} />}
      {!state && !error && <Spin />}
      <div ref={holder} data-testid="preview-pdf" />
      {state && state.pages > state.shown && (
        <Typography.Text type="secondary">
          共 {state.pages} 页，预览显示前 {state.shown} 页；完整文件请用“打开”。
        </Typography.Text>
      )}
    </div>
  );
}

interface Props {
  /** The attachment to preview; null = closed. */
  id: number | null;
  /** Its file name, for the title. */
  name: string;
  onClose: () => void;
}

export default function AttachmentPreview({ id, name, onClose }: Props) {
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    setPreview(null);
    if (id === null) return;
    let cancelled = false;
    previewAttachment(id)
      .then((p) => {
        if (!cancelled) setPreview(p);
      })
      .catch((e) => {
        if (cancelled) return;
        reportError(e, "无法预览");
        onClose();
      });
    return () => {
      cancelled = true;
    };
  }, [id, onClose]);

  const width = 820;
  return (
    <Modal
      open={id !== null}
      title={`预览：${name}`}
      width={width + 48}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="attachment-preview" style={{ maxHeight: "75vh", overflow: "auto" }}>
        {!preview && <Spin />}
        {preview?.mime.startsWith("image/") && (
          <img
            data-testid="preview-image"
            alt={preview.name}
            src={`data:${preview.mime};base64,${preview.data_base64}`}
            style={{ maxWidth: "100%" }}
          />
        )}
        {preview?.mime === "application/pdf" && <PdfPages data={preview.data_base64} width={width - 20} />}
      </div>
    </Modal>
  );
}
