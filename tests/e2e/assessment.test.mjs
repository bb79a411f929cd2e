// 舆情 and 绩效考核 in the real window (issue 11):
// - three units' 舆情情况登记表 (written here with exceljs, as a unit fills the
//   form in Excel or WPS) are imported through the 导入 page; the 舆情 page
//   shows the month's ranking, and the units with negative incidents at the
//   bottom carry the 排名靠后 flag;
// - a 约谈 of a department is recorded on the 绩效考核 page;
// - the month's assessment is opened, one department's score opened to its
//   indicators, and published; an item changes afterwards: the published
//   score stays, the score from today's data moves.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch, newItem, sleep } from "./harness.mjs";

const NAME = "assessment";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-12-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/**
 * One unit's 舆情情况登记表 (EXCHANGE §2.6).
 * @param {string} file
 * @param {string} unit
 * @param {(string|null)[][]} rows 舆情标题, 发生时间, 发现时间, 报告时间, 等级, 是否负面, 处置状态
 */
async function opinionSheet(file, unit, rows) {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("舆情情况登记表");
  ws.addRow(["舆情情况登记表"]);
  ws.addRow([`填报单位：${unit}`]);
  ws.addRow(["序号", "舆情标题", "发生时间", "发现时间", "报告时间", "来源渠道", "等级", "是否负面", "处置情况", "处置状态", "备注"]);
  rows.forEach((r, i) => ws.addRow([i + 1, r[0], r[1], r[2], r[3], "网络媒体", r[4], r[5], "已回应", r[6], ""]));
  await book.xlsx.writeFile(file);
}

/** A party's row in the ranking that shows (other tabs keep theirs hidden). */
async function shownRow(party) {
  const rows = await app.browser.$$(`[data-testid="assess-row"][data-party="${party}"]`);
  for (const r of rows) if (await r.isDisplayed()) return r;
  throw new Error(`no visible row for ${party}`);
}

/** The data-score of a party's row in the ranking that shows. */
async function shownScore(party) {
  return (await shownRow(party)).getAttribute("data-score");
}

e2eTest("舆情 sheets give the month's ranking and flags; a 约谈 is recorded; a published assessment stays", async (app) => {
  const org = await app.invoke("org_list");
  if (org.parties.length === 0) await app.invoke("org_seed_default");
  await app.invoke("items_create", {
    items: [
      newItem("考核逾期事项", "办公厅", "2026-11-15", { item_no: "KH-1" }),
      newItem("考核按期事项", "办公厅", "2026-11-10", { item_no: "KH-2", status: "done", done_on: "2026-11-08" }),
    ],
  });

  // Three units' registers through the 导入 page.
  const dir = path.join(RUN_DIR, NAME, "opinion");
  fs.mkdirSync(dir, { recursive: true });
  /** @type {[string, (string | null)[][]][]} */
  const files = [
    ["北京市税务局", [["网传办税服务厅排长队", "2026-11-05 10:00", "2026-11-05 10:30", "2026-11-05 15:00", "重大", "是", "已处置"]]],
    ["天津市税务局", [["热线投诉集中", "2026-11-06 09:00", "2026-11-06 09:20", "2026-11-06 10:00", "一般", "是", "处置中"]]],
    ["河北省税务局", [["减税政策获点赞", "2026-11-07", "2026-11-07", "2026-11-07", "一般", "否", "已处置"]]],
  ];
  for (const [unit, rows] of files) await opinionSheet(path.join(dir, `${unit}.xlsx`), unit, rows);
  await app.clickTestId("nav-imports");
  await app.waitTestId("imports-page");
  await app.clickText("舆情情况登记表");
  for (const [unit] of files) {
    await app.fill("import-path-input", path.join(dir, `${unit}.xlsx`));
    await app.clickTestId("import-path-add");
  }
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid="import-file"]').length) === 3, {
    timeout: 10000,
    timeoutMsg: "three files listed",
  });
  await app.clickTestId("import-preview");
  await app.waitTestId("import-summary", 30000);
  await app.clickTestId("import-apply");
  await app.waitText("已导入 3 个文件", { timeout: 30000 });

  // The month's ranking: the two units with negative incidents are last and flagged.
  await app.clickTestId("nav-opinion");
  await app.waitTestId("opinion-page");
  await app.fill("opinion-month", "2026-11");
  await app.clickTestId("opinion-load");
  const beijing = await app.browser.$('[data-testid="opinion-row"][data-party="北京市税务局"]');
  await beijing.waitForExist({ timeout: 10000, timeoutMsg: "北京市税务局's row" });
  assert.match(await beijing.getAttribute("data-flags"), /排名靠后/);
  const tianjin = await app.browser.$('[data-testid="opinion-row"][data-party="天津市税务局"]');
  assert.ok(Number(await beijing.getAttribute("data-rank")) > Number(await tianjin.getAttribute("data-rank")), "迟报 ranks below 按时");
  const hebei = await app.browser.$('[data-testid="opinion-row"][data-party="河北省税务局"]');
  assert.equal(await hebei.getAttribute("data-flags"), "", "no negative incident, no flag");
  assert.match(await (await app.waitTestId("opinion-flagged")).getText(), /北京市税务局（排名靠后/);
  assert.ok((await app.browser.$$('[data-testid="opinion-open"]').length) >= 1, "天津's incident is still 处置中");

  // A 约谈 of 办公厅 on the 绩效考核 page.
  await app.clickTestId("nav-assessment");
  await app.waitTestId("assessment-page");
  await app.fill("assess-period", "2026-11");
  await app.clickTestId("assess-load");
  await app.clickText("约谈问责记录");
  await app.selectOption("acc-party", "办公厅");
  await app.fill("acc-reason", "事项逾期未办结");
  await app.fill("acc-items", "KH-1");
  await app.clickTestId("acc-save");
  await app.waitText("已登记");
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid="acc-row"][data-party="办公厅"]').length) === 1, {
    timeout: 10000,
    timeoutMsg: "the 约谈 is listed",
  });

  // The month's scores: 办公厅 opened to its indicators, then published.
  await app.clickTestId("assess-tab-live");
  await sleep(300);
  const live = await shownScore("办公厅");
  const expand = await (await shownRow("办公厅")).$(".ant-table-row-expand-icon");
  await app.browser.execute((b) => b.click(), expand);
  const breakdown = await app.waitTestId("assess-breakdown");
  const text = await breakdown.getText();
  assert.match(text, /按期办结率/);
  assert.match(text, /约谈问责/);
  await app.clickTestId("assess-publish");
  await app.waitText("已发布2026-11考核结果（第 1 版）");
  await app.waitTestId("assess-published");
  assert.equal(await shownScore("办公厅"), live, "published as computed");

  // Data changes after publishing: the published figure stays, today's moves.
  await app.invoke("items_create", { items: [newItem("发布后新增逾期事项", "办公厅", "2026-11-20", { item_no: "KH-3" })] });
  await app.clickTestId("assess-load");
  await app.clickTestId("assess-tab-published");
  await sleep(300);
  assert.equal(await shownScore("办公厅"), live, "the published score does not move");
  await app.clickTestId("assess-tab-live");
  await app.browser.waitUntil(async () => (await shownScore("办公厅")) !== live, {
    timeout: 10000,
    timeoutMsg: "today's score should include the new overdue item",
  });

  // The 工作台 shows the published month's ends (December's 舆情 has no flags yet).
  await app.clickTestId("nav-dashboard");
  const ends = await app.waitTestId("dash-assessment");
  assert.match(await (await app.waitTestId("dash-assessment-period")).getText(), /2026-11（第 1 版）/);
  assert.match(await ends.getText(), /部门后三：办公厅/);
  assert.match(await (await app.waitTestId("dash-opinion-flagged")).getText(), /本月没有被标记的单位/);
});
