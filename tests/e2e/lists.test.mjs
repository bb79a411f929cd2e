// Lists to Excel and 会签 in the real window (issue 13):
// - the 收文登记簿 and the 批示件办理情况 are exported from the 收文登记 page
//   and read back;
// - a 会签 is sent to two departments, one answers, the other is overdue
//   once the test clock passes the reply deadline; the 会签 list is
//   exported and read back.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch } from "./harness.mjs";

const NAME = "lists";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-11-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** The text of every row of the first sheet, one string per row. */
async function rowsOf(file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.worksheets[0];
  assert.ok(ws, `${file} has a sheet`);
  const out = [];
  ws.eachRow((row) => out.push((Array.isArray(row.values) ? row.values : []).map((v) => (v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : String(v ?? ""))).join("|")));
  return out;
}

/** Clicks `testId`, answers its save dialog with `file`, waits for the notice; returns the rows written. */
async function exportTo(testId, file, notice) {
  await app.saveVia(testId, file, notice);
  return rowsOf(file);
}

e2eTest("收文登记簿 and 批示件办理情况 exported; a 会签 sent, answered and overdue, its list exported", async (app) => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  const dir = path.join(RUN_DIR, NAME, "out");

  await app.clickTestId("nav-documents");
  await app.waitTestId("documents-page");
  await app.clickTestId("demo-load");
  await app.waitText("已载入示例数据");
  const docs = await app.invoke("document_list", { filter: { text: null, urgency: null, unsplit_only: false, year: null } });
  assert.ok(docs.length > 0, "the sample documents are there");

  const register = await exportTo("doc-export", path.join(dir, "收文登记簿.xlsx"), "已导出收文登记簿");
  assert.match(register[0] ?? "", /收文登记簿/, "the title row");
  for (const d of docs) assert.ok(register.some((r) => r.includes(d.doc_no)), `${d.doc_no} listed`);
  const instructions = await exportTo("doc-export-instructions", path.join(dir, "批示件办理情况.xlsx"), "已导出批示件办理情况");
  assert.match(instructions[0] ?? "", /批示件办理情况/);
  assert.ok(instructions.length > 3, "rows under the header");

  // A 会签 of two departments, due in 2 working days (Wednesday 4 November).
  await app.clickTestId("nav-countersigns");
  await app.waitTestId("countersigns-page");
  await app.clickTestId("countersign-new");
  await app.fill("countersign-title", "关于进一步规范督办工作的通知（征求意见稿）");
  await app.selectOption("countersign-parties", "办公厅");
  await app.selectOption("countersign-parties", "纳税服务司");
  await app.fill("countersign-days", "2");
  await app.clickTestId("countersign-send");
  await app.waitText("已发出会签，2 个部门，2026-11-04 前回复");

  const reply = await app.browser.$('[data-testid="countersign-reply-row"][data-party="办公厅"]');
  await reply.waitForExist({ timeout: 10000, timeoutMsg: "办公厅 asked" });
  await app.click(await reply.$('[data-testid="countersign-reply"]'));
  await app.fill("countersign-comment", "同意，无修改意见");
  await app.clickTestId("countersign-reply-save");
  await app.waitText("已登记办公厅的回复");
  await app.browser.waitUntil(async () => (await reply.getAttribute("data-state")) === "replied", {
    timeout: 10000,
    timeoutMsg: "办公厅 shown as replied",
  });

  // Thursday: 纳税服务司 has not answered.
  await app.setNow("2026-11-05 09:00:00");
  await app.clickTestId("nav-dashboard");
  await app.clickTestId("nav-countersigns");
  const late = await app.browser.$('[data-testid="countersign-reply-row"][data-party="纳税服务司"]');
  await app.browser.waitUntil(async () => (await late.getAttribute("data-state")) === "overdue", {
    timeout: 15000,
    timeoutMsg: "纳税服务司 shown overdue",
  });

  // The open ones only (the page's filter): 纳税服务司, not 办公厅's answer.
  const open = await exportTo("countersign-export", path.join(dir, "会签情况-未办结.xlsx"), "已导出");
  assert.ok(open.some((r) => r.includes("纳税服务司")), "the overdue department is in the list");
  assert.ok(!open.some((r) => r.includes("同意，无修改意见")), "the answered one is not");
  // All of them, with the answer.
  await app.clickTestId("countersign-open-only");
  const all = await exportTo("countersign-export", path.join(dir, "会签情况.xlsx"), "已导出");
  assert.ok(all.some((r) => r.includes("办公厅") && r.includes("同意")), "the answer is in the full list");
  assert.ok(all.some((r) => r.includes("纳税服务司")));
}, { timeout: 240000 });
