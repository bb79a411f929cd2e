// 预览 of attachments in the window (issue 13): a PNG and a PDF attached as
// evidence to a progress entry show in a preview beside 打开 — the image
// decoded (naturalWidth > 0), the PDF drawn by pdf.js on a canvas; a file
// that is not an image or a PDF has no 预览.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { after, before } from "node:test";
import { e2eTest, launch, newItem, sleep } from "./harness.mjs";

const NAME = "preview";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-03-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** A small valid PNG: `w`×`h` pixels of one colour. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [200, 30, 30]).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A minimal one-page PDF (A4) with a filled rectangle, its xref offsets computed. */
function pdf() {
  const content = "0.8 0.1 0.1 rg 100 500 300 200 re f";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** Opens the item drawer of `itemNo` from the ledger, on its 进展 tab. */
async function openProgress(itemNo) {
  await app.clickTestId("nav-ledger");
  const row = await app.browser.$(`[data-testid="ledger-row"][data-item-no="${itemNo}"]`);
  await row.waitForDisplayed({ timeout: 10000, timeoutMsg: `${itemNo} is not in the ledger` });
  await app.click(await row.$('[data-testid="ledger-row-name"]'));
  await app.waitTestId("item-drawer");
  await sleep(800); // the drawer slides in
  for (let i = 0; i < 5; i++) {
    await app.clickTestId("item-tab-progress");
    if (await (await app.byTestId("item-progress")).waitForDisplayed({ timeout: 2000 }).catch(() => false)) return;
  }
  await app.waitTestId("item-progress");
}

/** Closes the open preview. */
async function closePreview() {
  await app.click(await app.browser.$(".ant-modal-wrap:not([style*='display: none']) .ant-modal-close"));
  await app.browser.waitUntil(async () => !(await (await app.byTestId("attachment-preview")).isDisplayed()), {
    timeout: 5000,
    timeoutMsg: "the preview closes",
  });
  await sleep(300);
}

e2eTest("a PNG and a PDF attached to a progress entry are previewed in the window", async () => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  const [{ item_no: itemNo }] = await app.invoke("items_create", { items: [newItem("推进电子发票扩围", "办公厅", "2026-04-30")] });
  const files = {
    "现场照片.png": png(64, 48),
    "会议纪要.pdf": pdf(),
    "台账.txt": Buffer.from("不是图片\n"),
  };
  const paths = Object.entries(files).map(([name, bytes]) => {
    const f = path.join(app.dir, name);
    fs.writeFileSync(f, bytes);
    return f;
  });
  const entry = await app.invoke("item_add_progress_with_evidence", {
    item_no: itemNo,
    input: { reported_on: "2026-03-01", text: "已召开推进会", reporter: "王明", party_id: null, problems: "", next_steps: "" },
    files: paths,
  });
  const detail = await app.invoke("item_get", { item_no: itemNo });
  const evidence = detail.progress.find((p) => p.id === entry)?.evidence ?? [];
  const idOf = (name) => evidence.find((e) => e.file_name === name)?.id;
  assert.equal(evidence.length, 3, "three files attached");

  await openProgress(itemNo);
  assert.equal(await (await app.byTestId(`attachment-preview-${idOf("台账.txt")}`)).isExisting(), false, "no 预览 for a text file");

  // The PNG: an <img> the webview decoded.
  await app.clickTestId(`attachment-preview-${idOf("现场照片.png")}`);
  await app.waitTestId("preview-image");
  await app.browser.waitUntil(
    () => app.browser.execute(() => {
      const img = /** @type {HTMLImageElement | null} */ (document.querySelector('[data-testid="preview-image"]'));
      return !!img && img.complete && img.naturalWidth === 64 && img.naturalHeight === 48;
    }),
    { timeout: 10000, timeoutMsg: "the image is decoded at 64×48" },
  );
  await closePreview();

  // The PDF: a page drawn on a canvas by pdf.js.
  await app.clickTestId(`attachment-preview-${idOf("会议纪要.pdf")}`);
  await app.waitTestId("attachment-preview");
  /** @type {{ pages: number, width: number, height: number, red: boolean, text: string } | null} */
  let seen = null;
  await app.browser
    .waitUntil(
      async () => {
        seen = await app.browser.execute(() => {
          const pages = Array.from(document.querySelectorAll('[data-testid="preview-pdf-page"]'));
          const c = /** @type {HTMLCanvasElement | undefined} */ (pages[0]);
          if (!c) return { pages: 0, width: 0, height: 0, red: false, text: document.querySelector('[data-testid="attachment-preview"]')?.textContent ?? "" };
          // The filled rectangle is red: some pixel of the page is.
          const ctx = c.getContext("2d");
          const d = ctx ? ctx.getImageData(0, 0, c.width, c.height).data : new Uint8ClampedArray();
          let red = false;
          for (let i = 0; i < d.length && !red; i += 4 * 97) red = d[i] > 150 && d[i + 1] < 80 && d[i + 2] < 80;
          return { pages: pages.length, width: c.width, height: c.height, red, text: "" };
        });
        return seen.pages === 1 && seen.width > 0 && seen.height > 0 && seen.red;
      },
      { timeout: 20000 },
    )
    .catch(() => {
      throw new Error(`the PDF page was not drawn: ${JSON.stringify(seen)}`);
    });
  const page = /** @type {{ width: number, height: number }} */ (/** @type {unknown} */ (seen));
  assert.ok(page.height > page.width, "an A4 page, taller than wide");
  await closePreview();
}, { timeout: 180000 });
