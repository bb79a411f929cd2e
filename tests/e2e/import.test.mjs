// Importing a feedback sheet, in the real window: the file is given
// by typing its path (native dialogs cannot be driven), the preview shows one
// rejected row with its reason in Chinese, the clerk applies the valid rows,
// the 导入记录 lists the file, and the progress entry appears on the item's
// timeline with its source file and row.
//
// The fixture tests/fixtures/feedback_one_bad_row.xlsx (openpyxl) is 办公厅's
// sheet: FB-001 and FB-004 are 办公厅's items; FB-003 belongs to 所得税司.
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { e2eTest, launch, newItem, sleep } from "./harness.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(HERE, "..", "fixtures", "feedback_one_bad_row.xlsx");
// 2,600 items (XlsxWriter): more than one piece of the streamed reader and
// more rows than a report lists; L-2500 is 跨区域涉税专业服务监管.
const LARGE = path.join(HERE, "..", "fixtures", "ledger_large_xlsxwriter.xlsx");

let app;
before(async () => {
  app = await launch("imports", { now: "2026-11-26 09:00:00" });
});
after(async () => {
  await app?.close();
});


e2eTest("a feedback sheet is previewed with its rejected row, then its valid rows applied", async (app) => {
  const org = await app.invoke("org_list");
  if (org.parties.length === 0) await app.invoke("org_seed_default");
  await app.invoke("items_create", {
    items: [
      newItem("完善督办台账", "办公厅", "2026-12-31", { item_no: "FB-001" }),
      newItem("所得税事项", "所得税司", "2026-12-31", { item_no: "FB-003" }),
      newItem("推进档案数字化", "办公厅", "2026-12-31", { item_no: "FB-004" }),
    ],
  });
  await app.closeDrawers();

  await app.clickTestId("nav-imports");
  await app.waitTestId("imports-page");
  await app.fill("import-path-input", FIXTURE);
  await app.clickTestId("import-path-add");
  await app.waitTestId("import-file");

  await app.clickTestId("import-preview");
  const result = await app.waitTestId("import-result");
  const status = await (await result.$('[data-testid="import-status"]')).getAttribute("data-status");
  assert.equal(status, "rejected", "all-or-nothing: one bad row keeps the whole file out");
  const rejected = await app.browser.$$('[data-testid="import-rejected-row"]');
  assert.equal(rejected.length, 1, "exactly one rejected row is highlighted");
  const reason = await (await app.waitTestId("import-reason")).getText();
  assert.match(reason, /FB-003/, reason);
  assert.match(reason, /既不由办公厅牵头/, reason);
  assert.match(await rejected[0].getText(), /\b5\b/, "its Excel row number is shown");

  await app.clickTestId("import-mode-valid");
  await app.clickTestId("import-preview");
  await app.browser.waitUntil(
    async () =>
      (await (await app.byTestId("import-status")).getAttribute("data-status")) === "partial",
    { timeout: 10000, timeoutMsg: "with 仅导入有效行 the preview should say 部分导入" },
  );
  assert.match(await (await app.waitTestId("import-counts")).getText(), /可导入 2 行，问题 1 行/);
  await app.clickTestId("import-apply");
  await app.waitText("已导入 1 个文件");
  await app.browser.waitUntil(
    async () => (await app.browser.$$('[data-testid="import-history-row"]').length) === 1,
    { timeout: 10000, timeoutMsg: "导入记录 should list the file" },
  );
  const record = await (await app.browser.$('[data-testid="import-history-row"]')).getText();
  assert.match(record, /feedback_one_bad_row\.xlsx/);
  assert.match(record, /办公厅/);
  assert.match(record, /部分导入/);

  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-page");
  const row = await app.browser.$('[data-testid="ledger-row"][data-item-no="FB-001"]');
  await row.waitForDisplayed({ timeout: 10000 });
  await (await row.$('[data-testid="ledger-row-name"]')).click();
  await app.waitTestId("item-drawer");
  await sleep(600); // the drawer slides in
  // The tab is clicked on the element itself, not at a point of the screen:
  // under load a pointer click at a drawer still settling has landed on the
  // mask (closing the drawer) or beside the tab.
  const tab = await app.browser.$(
    '//div[contains(@class,"ant-drawer-open")]//div[contains(@class,"ant-tabs-tab-btn")][contains(., "办理进展（1）")]',
  );
  await tab.waitForExist({ timeout: 10000, timeoutMsg: "the 办理进展（1） tab" });
  await app.browser.execute((node) => node.click(), tab);
  const progress = await (await app.waitTestId("item-progress")).getText();
  assert.match(progress, /端到端测试进展/);
  const source = await (await app.waitTestId("item-source")).getText();
  assert.match(source, /feedback_one_bad_row\.xlsx/, source);
  assert.match(source, /第 4 行/, source);
});

e2eTest("a 2,600-row ledger is previewed, imported whole and found by search", async (app) => {
  await app.closeDrawers(); // the item drawer the first test left open
  await app.clickTestId("nav-imports");
  await app.waitTestId("imports-page");
  await app.clickText("督办事项台账");
  await app.fill("import-path-input", LARGE);
  await app.clickTestId("import-path-add");
  await app.waitTestId("import-file");

  await app.clickTestId("import-preview");
  await app.browser.waitUntil(
    async () => {
      const st = await app.browser.$('[data-testid="import-status"]');
      return (await st.isExisting()) && (await st.getAttribute("data-status")) === "applied";
    },
    { timeout: 20000, timeoutMsg: "the preview of the large ledger should say it would import" },
  );
  assert.match(await (await app.waitTestId("import-counts")).getText(), /可导入 2600 行，问题 0 行/);
  const note = await (await app.waitTestId("import-not-listed")).getText();
  assert.match(note, /前 2000 行/, note);
  assert.match(note, /另有 600 行未列出/, note);
  assert.equal((await app.browser.$$('[data-testid="import-row"]')).length, 20, "one page of the listed rows");

  await app.clickTestId("import-apply");
  await app.waitText("已导入 1 个文件", { timeout: 20000 });

  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-page");
  await app.fill("ledger-search", "涉税专业服务");
  await app.browser.keys("Enter");
  const row = await app.browser.$('[data-testid="ledger-row"][data-item-no="L-2500"]');
  await row.waitForDisplayed({ timeout: 10000, timeoutMsg: "the imported item should be found by its name" });
  assert.match(await (await app.waitTestId("ledger-total")).getText(), /共 1 项/);
});

