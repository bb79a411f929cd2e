// The ledger's row selection (issue 13, 速度): three rows are ticked, one
// 批量催办 records the same chase on each of them (their 催办 count in the
// ledger and their history move), and 导出所选 writes exactly those three
// items; a selection with a closed item is refused as a whole.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch, newItem, sleep } from "./harness.mjs";

const NAME = "ledger-batch";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-03-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** Ticks (or unticks) the selection box of the ledger row `itemNo`. */
async function tick(itemNo) {
  const box = await app.browser.$(
    `[data-testid="ledger-row"][data-item-no="${itemNo}"] .ant-table-selection-column .ant-checkbox-wrapper`,
  );
  await box.waitForDisplayed({ timeout: 10000, timeoutMsg: `${itemNo} has no selection box` });
  await app.click(box);
  await sleep(150);
}

/** The 催办 count the ledger shows for each row, by 事项编号. */
async function chaseCounts() {
  return app.browser.execute(() => {
    const out = {};
    for (const row of Array.from(document.querySelectorAll('[data-testid="ledger-row"]'))) {
      const n = row.querySelector('[data-testid="ledger-row-chases"]');
      out[row.getAttribute("data-item-no")] = n ? Number(n.textContent) : -1;
    }
    return out;
  });
}

e2eTest("three rows ticked: 批量催办 records a chase on each, 导出所选 writes those three", async () => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  const made = await app.invoke("items_create", {
    items: [
      newItem("推进电子发票扩围", "办公厅", "2026-04-30"),
      newItem("清理历史欠税台账", "纳税服务司", "2026-05-20"),
      newItem("优化办税缴费流程", "纳税服务司", "2026-06-30"),
      newItem("规范税务执法行为", "办公厅", "2026-06-30"),
      newItem("已办结的事项", "办公厅", "2026-02-20", { status: "done", done_on: "2026-02-18" }),
    ],
  });
  const nos = made.map((m) => m.item_no);
  const picked = [nos[0], nos[2], nos[3]];

  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  await app.browser.waitUntil(async () => Object.keys(await chaseCounts()).length === 5, {
    timeout: 10000,
    timeoutMsg: "the ledger lists the five items",
  });

  // A closed item in the selection: the whole batch is refused, nothing recorded.
  await tick(nos[0]);
  await tick(nos[4]);
  await app.waitText("已选 2 项");
  await app.clickTestId("ledger-batch-chase");
  await app.waitTestId("batch-chase-form");
  await sleep(500);
  await app.clickTestId("batch-chase-save");
  await app.waitText("已办结，无需催办");
  assert.equal((await app.invoke("chases_for_item", { item_no: nos[0] })).length, 0, "nothing was recorded");
  await app.browser.keys("Escape");
  await sleep(500);
  await app.clickTestId("ledger-clear-selection");
  await app.browser.waitUntil(async () => !(await (await app.byTestId("ledger-selection")).isExisting()), {
    timeout: 5000,
    timeoutMsg: "the selection bar goes with 清除选择",
  });

  for (const no of picked) await tick(no);
  await app.waitText("已选 3 项");
  await app.clickTestId("ledger-batch-chase");
  await app.waitTestId("batch-chase-form");
  await sleep(500);
  await app.selectOption("batch-chase-channel", "通知单");
  await app.fill("batch-chase-note", "请于本周内报送进展");
  await app.clickTestId("batch-chase-save");
  await app.waitText("已为 3 个事项登记催办");

  await app.browser
    .waitUntil(
      async () => {
        const c = await chaseCounts();
        return picked.every((no) => c[no] === 1) && c[nos[1]] === 0;
      },
      { timeout: 10000 },
    )
    .catch(async () => {
      throw new Error(`the ledger's 催办 counts did not move: ${JSON.stringify(await chaseCounts())}`);
    });
  for (const no of picked) {
    const list = await app.invoke("chases_for_item", { item_no: no });
    assert.equal(list.length, 1, `${no} chased once`);
    assert.equal(list[0].channel, "通知单");
    assert.equal(list[0].note, "请于本周内报送进展");
  }
  assert.equal((await app.invoke("chases_for_item", { item_no: nos[1] })).length, 0, "an unticked item is not chased");

  // The history in the drawer of one of them.
  const row = await app.browser.$(`[data-testid="ledger-row"][data-item-no="${nos[2]}"]`);
  await app.click(await row.$('[data-testid="ledger-row-name"]'));
  await app.waitTestId("item-drawer");
  await app.waitText("催办（已 1 次）");
  await app.browser.keys("Escape");
  await sleep(600);

  // 导出所选: the selection is still there; the file holds those three items only.
  await app.waitText("已选 3 项");
  const file = path.join(RUN_DIR, NAME, "out", "所选事项.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  app.queuePick(file);
  await app.clickTestId("ledger-export-selected");
  await app.waitText("已导出所选 3 项");
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.worksheets[0];
  const found = [];
  ws.eachRow((r) => {
    const first = (Array.isArray(r.values) ? r.values : []).map((v) => String(v ?? ""));
    const no = first.find((v) => /^DB\d{4}-\d{4}$/.test(v));
    if (no) found.push(no);
  });
  assert.deepEqual(found.sort(), [...picked].sort(), "three data rows, the selected items");
}, { timeout: 180000 });
