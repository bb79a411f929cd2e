// More corrections in the window (issue 13), beside corrections.test.mjs:
// - a registered document's title is corrected from its drawer (修改, with a
//   reason): the list shows the new title and the audit log keeps before → after;
// - an import made by mistake is voided whole (作废整批) from 导入记录: its
//   items leave the ledger, the record stays, struck through, marked 已作废;
// - a document registered by mistake is voided from its drawer (作废, with a
//   reason): it stays listed, marked 已作废, and leaves 只看未分解 and the
//   工作台's 待分解 count.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch } from "./harness.mjs";

const NAME = "corrections-more";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-03-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/**
 * Registers a document received today (2026-03-02) through the command the window uses.
 * @param {any} app
 * @param {string} title
 * @param {"特急" | "加急" | "平件"} urgency
 */
async function register(app, title, urgency) {
  return app.invoke("document_register", {
    input: {
      source_doc_no: "",
      title,
      source_org: "国务院办公厅",
      source_category: "重要文件要求",
      urgency,
      time_limited: false,
      time_limit: null,
      received_on: "2026-03-02",
      summary: "",
      important: false,
      key_relay: false,
      attachments: [],
    },
  });
}

e2eTest("a document's title is corrected from its drawer and the audit log keeps before → after", async (app) => {
  const org = await app.invoke("org_list");
  if (org.parties.length === 0) await app.invoke("org_seed_default");
  const doc = await register(app, "关于开展专项检查的通之", "平件");
  await app.clickTestId("nav-documents");
  const row = await app.browser.$(`[data-testid="doc-row"][data-doc-no="${doc.doc_no}"]`);
  await row.waitForDisplayed({ timeout: 10000, timeoutMsg: "the registered document is listed" });
  await row.click();
  await app.waitTestId("doc-drawer");
  await app.browser.pause(800); // the drawer slides in
  await app.clickTestId("doc-edit");
  await app.fill("doc-edit-title", "关于开展专项检查的通知");
  await app.fill("doc-edit-reason", "标题错字");
  await app.clickTestId("doc-edit-ok");
  await app.waitText("关于开展专项检查的通知");
  await app.closeDrawers();
  await app.browser.waitUntil(async () => (await row.getText()).includes("关于开展专项检查的通知"), {
    timeout: 10000,
    timeoutMsg: "the list shows the corrected title",
  });
  const page = await app.invoke("audit_page", {
    filter: {
      from: null,
      to: null,
      text: doc.doc_no,
      party: null,
      leader: null,
      urgency: null,
      unsplit_only: false,
      year: null,
      extension_status: null,
      item_no: null,
      open_only: false,
      doc_no: null,
      round: null,
      operator: null,
    },
    offset: 0,
    limit: 50,
  });
  const entry = page.entries.find((e) => JSON.stringify(e.after ?? "").includes("关于开展专项检查的通知"));
  assert.ok(entry, `an audit entry with the new title: ${JSON.stringify(page.entries.map((e) => e.action))}`);
  assert.match(JSON.stringify(entry.before ?? ""), /通之/, "and the old one before it");
});

e2eTest("an import made by mistake is voided whole from 导入记录: its items leave the ledger", async (app) => {
  const file = path.join(RUN_DIR, NAME, "误导入的台账.xlsx");
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  sheet.addRow(["事项编号", "事项名称", "牵头部门", "工作要求", "完成时限"]);
  for (let i = 1; i <= 3; i++) sheet.addRow([`WD-${i}`, `误导入事项${i}`, "办公厅", "按要求推进", "2026-12-31"]);
  await book.xlsx.writeFile(file);
  const [report] = await app.invoke("imports_run", { kind: "ledger", files: [file], party: null, dry_run: false, apply_valid_rows: false, with_rows: false });
  assert.equal(report.status, "applied", JSON.stringify(report));
  const total = async () => (await app.invoke("ledger_query", { filter: /** @type {any} */ ({ text: "误导入事项", page: 1, page_size: 20 }) })).total;
  assert.equal(await total(), 3);

  await app.clickTestId("nav-imports");
  await app.waitTestId("import-history");
  const id = report.import_id;
  await app.clickTestId(`import-void-${id}`);
  await app.fill("import-void-reason", "导错了文件");
  await app.clickTestId("import-void-ok");
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid="import-history-voided"]').length) === 1, {
    timeout: 10000,
    timeoutMsg: "the import is marked 已作废 in 导入记录",
  });
  const struck = await app.browser.$('[data-testid="import-history-file"] del, del [data-testid="import-history-file"], [data-testid="import-history-file"].ant-typography del');
  assert.ok(await struck.isExisting(), "its file name is struck through");
  assert.equal(await total(), 0, "its items left the ledger");
  assert.ok(!(await (await app.byTestId(`import-void-${id}`)).isExisting()), "a voided import offers no second 作废");
});

e2eTest("a document registered by mistake is voided from its drawer and leaves the unsplit list", async (app) => {
  const doc = await register(app, "重复登记的特急件", "特急");
  const unsplit = async () => (await app.invoke("dashboard_load", {})).unsplit_total;
  const before = await unsplit();
  assert.ok(before >= 1, `the new document is 待分解: ${before}`);
  await app.clickTestId("nav-documents");
  const row = await app.browser.$(`[data-testid="doc-row"][data-doc-no="${doc.doc_no}"]`);
  await row.waitForDisplayed({ timeout: 10000, timeoutMsg: "the registered document is listed" });
  await row.click();
  await app.waitTestId("doc-drawer");
  await app.browser.pause(800); // the drawer slides in
  await app.clickTestId("doc-void");
  await app.fill("void-reason", "与上一件重复登记");
  await app.clickTestId("void-ok");
  await app.waitTestId("doc-voided-alert");
  assert.ok(!(await (await app.byTestId("doc-void")).isExisting()), "a voided document offers no second 作废");
  await app.closeDrawers();
  await app.browser.waitUntil(async () => (await row.$('[data-testid="doc-flag-voided"]').isExisting()), {
    timeout: 10000,
    timeoutMsg: "the list marks the document 已作废",
  });
  assert.equal(await unsplit(), before - 1, "it left the 工作台's 待分解 count");
  await app.clickTestId("doc-unsplit-only");
  await app.browser.waitUntil(async () => !(await row.isExisting()), {
    timeout: 10000,
    timeoutMsg: "只看未分解 no longer lists it",
  });
});
