// 通报 in the real window (issue 12): November is published as a numbered
// 督办通报, listed, and exported as a Word 通报 with its Excel appendix; an
// item changes afterwards and a second export of the same issue gives the
// same figures; a 更正 makes version 2 and keeps version 1.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { RUN_DIR, e2eTest, launch, newItem } from "./harness.mjs";

const NAME = "bulletins";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-12-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** Every cell value of every sheet of a workbook, as one comparable text. */
async function cells(file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out = [];
  for (const ws of book.worksheets) {
    ws.eachRow((row, n) => out.push(`${ws.name}!${n}:${JSON.stringify(row.values)}`));
  }
  return out.join("\n");
}

/** The text of a .docx (its paragraphs' runs). */
async function docxText(file) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("word/document.xml")?.async("string");
  assert.ok(xml, `${file} has word/document.xml`);
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

/** Exports the listed version `version` of 2026-11 into `dir`; returns its files. */
async function exportVersion(version, dir) {
  fs.mkdirSync(dir, { recursive: true });
  app.queuePick(dir);
  const row = await app.browser.$(`[data-testid="bulletin-row"][data-period="2026-11"][data-version="${version}"]`);
  await row.waitForExist({ timeout: 10000, timeoutMsg: `version ${version} listed` });
  await app.click(await row.$('[data-testid="bulletin-export"]'));
  await app.waitText("已导出 2 个文件");
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  return { docx: files.find((f) => f.endsWith(".docx")), xlsx: files.find((f) => f.endsWith(".xlsx")) };
}

e2eTest("November published as 2026年第1期, exported twice with the same figures after a change; a 更正 is version 2", async (app) => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  await app.invoke("items_create", {
    items: [
      newItem("通报逾期事项", "办公厅", "2026-11-16", { item_no: "TB-1" }),
      newItem("通报按期事项", "纳税服务司", "2026-11-10", { item_no: "TB-2", status: "done", done_on: "2026-11-09" }),
    ],
  });

  await app.clickTestId("nav-bulletins");
  await app.waitTestId("bulletins-page");
  assert.equal(await (await app.waitTestId("bulletin-month")).getValue(), "2026-11", "last month is offered");
  await app.clickTestId("bulletin-publish");
  await app.waitText("已发布 2026年第1期（2026-11，第 1 版）");

  const first = await exportVersion(1, path.join(RUN_DIR, NAME, "export-1"));
  assert.ok(first.docx && first.xlsx, "a Word 通报 and its Excel appendix");
  assert.match(path.basename(first.docx), /督办通报2026年第1期\.docx/);
  const text = await docxText(first.docx);
  assert.match(text, /2026年第1期/);
  assert.match(text, /办公厅/);
  assert.match(text, /总体情况/);
  const before = await cells(first.xlsx);

  // The data changes: another overdue item of 办公厅 in November.
  await app.invoke("items_create", { items: [newItem("发布后新增逾期事项", "办公厅", "2026-11-20", { item_no: "TB-3" })] });
  const second = await exportVersion(1, path.join(RUN_DIR, NAME, "export-2"));
  assert.equal(await cells(second.xlsx), before, "the published issue's figures do not move");
  assert.equal(await docxText(second.docx), text, "nor its Word text");

  // A 更正: version 2 with the new figures; version 1 kept.
  const row1 = await app.browser.$('[data-testid="bulletin-row"][data-period="2026-11"][data-version="1"]');
  await app.click(await row1.$('[data-testid="bulletin-correct"]'));
  await app.fill("bulletin-correct-reason", "补录11月逾期事项");
  await app.clickTestId("bulletin-correct-ok");
  await app.waitText("已发布 2026年第1期（2026-11，第 2 版）");
  await app.browser.waitUntil(
    async () => (await app.browser.$$('[data-testid="bulletin-row"][data-period="2026-11"]').length) === 2,
    { timeout: 10000, timeoutMsg: "both versions listed" },
  );
  const v1 = await app.browser.$('[data-testid="bulletin-row"][data-period="2026-11"][data-version="1"]');
  assert.equal(await v1.getAttribute("data-current"), "no");
  const v2 = await app.browser.$('[data-testid="bulletin-row"][data-period="2026-11"][data-version="2"]');
  assert.equal(await v2.getAttribute("data-current"), "yes");
  const third = await exportVersion(2, path.join(RUN_DIR, NAME, "export-3"));
  assert.match(path.basename(third.docx), /更正/);
  assert.notEqual(await cells(third.xlsx), before, "the 更正 counts the new item");
  assert.match(await cells(third.xlsx), /发布后新增逾期事项/);

  // Publishing November again without 更正 is refused, nothing written.
  await app.clickTestId("bulletin-publish");
  assert.match(await (await app.waitTestId("error-message")).getText(), /不能重复发布。如需更正/);
  assert.equal((await app.invoke("bulletins_list", { kind: "monthly_bulletin" })).length, 2);

  // The 工作台's charts count the same items: 12 months of trend, and the two
  // lead departments with items due this year ranked by their rate.
  await app.clickTestId("nav-dashboard");
  const trend = await app.waitTestId("dash-trend-chart");
  assert.equal(await trend.getAttribute("data-months"), "12");
  assert.equal(await (await app.waitTestId("dash-rate-chart")).getAttribute("data-bars"), "2");
  const figures = await app.invoke("dashboard_figures");
  const nov = figures.trend.find((t) => t.month === "2026-11");
  assert.deepEqual([nov?.due, nov?.on_time], [3, 1], "November: three items due, one done on time");
}, { timeout: 240000 });
