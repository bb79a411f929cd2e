// Lists of a period exported from their pages (issue 13): the 延期申请 on the
// 督办台账 page (status and 申请日期 filters) and the 操作记录 in 设置
// (操作时间 and text filters); each file, read back, holds exactly the rows
// the page shows.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch, newItem, sleep } from "./harness.mjs";

const NAME = "lists-period";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-11-20 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** The data rows of the first sheet: those whose first cell (序号) is a number. */
async function dataRows(file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.worksheets[0];
  assert.ok(ws, `${file} has a sheet`);
  const out = [];
  ws.eachRow((row) => {
    const v = Array.isArray(row.values) ? row.values : [];
    if (typeof v[1] === "number") out.push(v.map((c) => String(c ?? "")).join("|"));
  });
  return out;
}

/** Clicks `testId`, answers the save dialog with `file`, waits for `notice`; the file's data rows. */
async function exportTo(testId, file, notice) {
  await app.saveVia(testId, file, notice);
  return dataRows(file);
}

/** How many elements with data-testid `id` the page shows. */
function countOf(id) {
  return app.browser.execute((t) => document.querySelectorAll(`[data-testid="${t}"]`).length, id);
}

/** Waits until the page shows `n` elements `id` and the text `total`. */
async function waitRows(id, n, totalId, total) {
  await app.browser
    .waitUntil(async () => (await countOf(id)) === n && (await (await app.byTestId(totalId)).getText()) === total, {
      timeout: 10000,
    })
    .catch(async () => {
      throw new Error(`expected ${n} ${id} and “${total}”, the page shows ${await countOf(id)} and “${await (await app.byTestId(totalId)).getText()}”`);
    });
}

e2eTest("the 延期申请 list by status and 申请日期, exported with the page's filters", async () => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  const made = await app.invoke("items_create", {
    items: [
      newItem("推进电子发票扩围", "办公厅", "2026-12-20"),
      newItem("清理历史欠税台账", "纳税服务司", "2026-12-20"),
      newItem("优化办税缴费流程", "纳税服务司", "2026-12-20"),
    ],
  });
  const ids = [];
  for (const [m, on] of made.map((m, i) => [m, ["2026-11-02", "2026-11-10", "2026-11-18"][i]])) {
    const e = await app.invoke("extension_request", {
      input: { item_no: m.item_no, requested_on: on, new_deadline: "2027-01-20", reason: "需协调外部单位", progress_so_far: "已完成初稿" },
    });
    ids.push(e.id);
  }
  await app.invoke("extension_decide", { id: ids[0], decision: { approve: true, comment: "" } });

  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  await app.click(await (await app.waitTestId("ledger-view")).$('.ant-segmented-item-label[title="延期申请"]'));
  await app.waitTestId("extensions-list");
  await waitRows("ext-row", 2, "ext-total", "共 2 条"); // 待审批 by default

  // 全部, applied from 2026-11-05: the requests of 11-10 and 11-18.
  await app.click(await (await app.waitTestId("ext-status")).$(".//label[contains(., '全部')]"));
  await waitRows("ext-row", 3, "ext-total", "共 3 条");
  await app.pickDate("ext-range", "2026-11-05", 0);
  await sleep(300);
  await app.pickDate("ext-range", "2026-11-30", 1);
  await waitRows("ext-row", 2, "ext-total", "共 2 条");
  const shown = await app.browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="ext-row"]')).map((r) => r.getAttribute("data-item-no")),
  );
  const rows = await exportTo("ext-export", path.join(RUN_DIR, NAME, "out", "延期申请.xlsx"), "已导出延期申请 2 条");
  assert.equal(rows.length, 2, "two data rows, as the page shows");
  for (const no of shown) assert.ok(rows.some((r) => r.includes(no)), `${no} in the file`);
  assert.ok(!rows.some((r) => r.includes(made[0].item_no)), "the request of 11-02 is outside the period");
}, { timeout: 180000 });

e2eTest("the 操作记录 of a day in 设置, exported with the page's filters", async () => {
  // The next day, one more decision: the only 审批 entry of 11-21.
  await app.setNow("2026-11-21 09:00:00");
  const pending = await app.invoke("extensions_pending");
  assert.ok(pending.length > 0);
  await app.invoke("extension_decide", { id: pending[0].id, decision: { approve: false, comment: "理由不充分" } });

  await app.clickTestId("nav-settings");
  await app.waitTestId("audit-card");
  const all = await app.invoke("audit_page", {
    filter: { from: null, to: null, text: null, party: null, leader: null, urgency: null, unsplit_only: false, year: null, extension_status: null, item_no: null, open_only: false, doc_no: null, round: null, operator: null },
    offset: 0,
    limit: 1,
  });
  await waitRows("audit-row", Math.min(all.total, 50), "audit-total", `共 ${all.total} 条`);

  await app.pickDate("audit-range", "2026-11-21", 0);
  await sleep(300);
  await app.pickDate("audit-range", "2026-11-21", 1);
  await app.browser.waitUntil(async () => (await (await app.byTestId("audit-total")).getText()) !== `共 ${all.total} 条`, {
    timeout: 10000,
    timeoutMsg: "the period filters the log",
  });
  const dayTotal = Number((await (await app.byTestId("audit-total")).getText()).replace(/\D/g, ""));
  assert.ok(dayTotal >= 1 && dayTotal < all.total, `the day holds ${dayTotal} of ${all.total}`);
  await waitRows("audit-row", Math.min(dayTotal, 50), "audit-total", `共 ${dayTotal} 条`);

  const rows = await exportTo("audit-export", path.join(RUN_DIR, NAME, "out", "操作记录.xlsx"), `已导出操作记录 ${dayTotal} 条`);
  assert.equal(rows.length, dayTotal, "the file holds the entries the page counts");
  assert.ok(rows.some((r) => r.includes("理由不充分")), "the decision of the day is in the file");
}, { timeout: 180000 });
