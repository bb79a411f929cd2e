// 督查 and 整改 in the real window (issue 10):
// - a 督查专员 is added to the roster in 组织与人员;
// - an 实地 明察 inspection of two units is created with a team from the
//   roster, and its stages are walked in order;
// - two problems are recorded; one unit's 整改情况反馈表 is exported, filled in
//   here with exceljs as the unit would, and imported through the 导入 page;
// - in the 整改台账 the close button refuses while a check of 三不放过 is
//   missing, with a visible message; the three checks are ticked and the
//   item closed;
// - the test clock passes the other item's deadline: it turns red on the 工作台,
//   opens from there, and is chased (催办).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch, sleep } from "./harness.mjs";

const NAME = "inspections";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-11-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** Fills the first item row of a unit's 整改情况反馈表 as the unit would. */
async function fillReturnedSheet(file, values) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.worksheets.find((w) => w.state !== "hidden" && w.name !== "填表说明") ?? book.worksheets[0];
  let headerRow = 0;
  /** @type {Record<string, number>} */
  const col = {};
  ws.eachRow((row, n) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (cell.text === "整改编号") headerRow = n;
      col[cell.text] = c;
    });
  });
  assert.ok(headerRow > 0, "the template has a 整改编号 header");
  const row = ws.getRow(headerRow + 1);
  for (const [name, value] of Object.entries(values)) {
    assert.ok(col[name], `the template has a ${name} column`);
    row.getCell(col[name]).value = value;
  }
  row.commit();
  await book.xlsx.writeFile(file);
}

/** The attribute of the one element matching `selector`, once it exists. */
async function attr(selector, name) {
  const el = await app.browser.$(selector);
  await el.waitForExist({ timeout: 10000, timeoutMsg: `${selector} did not appear` });
  return el.getAttribute(name);
}

e2eTest("an inspection from plan to 销号, refused while a check is missing; the other item turns red on the 工作台", async (app) => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  await app.invoke("person_save", {
    input: { name: "李专员", party: "北京市税务局", role: "inspector", level: "处以下", full_time: false, phone: "", active: true },
  });

  // The 组长 enters the roster through 组织与人员 → 人员名单.
  await app.clickTestId("nav-org");
  await app.clickText("人员名单");
  await app.clickTestId("people-add");
  await app.fill("person-name", "张组长");
  await app.selectOption("person-party", "办公厅");
  await app.clickText("经办人（本办工作人员）");
  await app.clickTestId("person-save");
  await app.waitText("已保存“张组长”（办公厅）");
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid="person-row"]').length) === 2, {
    timeout: 10000,
    timeoutMsg: "two people on the roster",
  });

  // A new 实地 明察 inspection of two units.
  await app.clickTestId("nav-inspections");
  await app.waitTestId("inspections-page");
  await app.clickTestId("inspection-new");
  await app.fill("inspection-name", "减税降费政策落实情况督查");
  await app.selectOption("inspection-targets", "北京市税务局");
  await app.selectOption("inspection-targets", "天津市税务局");
  await app.selectOption("inspection-leader", "张组长（办公厅）");
  await app.selectOption("inspection-members", "李专员（北京市税务局，处以下）");
  await app.clickTestId("inspection-create-submit");
  await app.waitText("已建立 督查〔2026〕1号");
  const drawer = await app.waitTestId("inspection-drawer");
  assert.match(await (await app.waitTestId("inspection-team")).getText(), /张组长（组长，办公厅）；李专员（组员，北京市税务局）/);

  // Its stages, in order; 整改落实 waits for the items.
  for (const stage of ["制定方案", "下发通知", "发布公告", "组织实施", "意见反馈"]) {
    await app.clickTestId(`stage-done-${stage}`);
    await app.clickTestId("stage-save");
    await app.waitText(`“${stage}”已完成`);
    await app.browser.waitUntil(async () => (await attr(`[data-testid="stage-row"][data-stage="${stage}"]`, "data-state")) === "done", {
      timeout: 10000,
      timeoutMsg: `${stage} shown done`,
    });
  }
  assert.equal(await attr('[data-testid="stage-row"][data-stage="整改落实"]', "data-state"), "open");

  // Two problems: 北京 with time to go, 天津 due on Friday.
  for (const [party, text, deadline] of [
    ["北京市税务局", "办税服务厅延时服务未落实", "2026-11-30"],
    ["天津市税务局", "政策宣传台账不完整", "2026-11-06"],
  ]) {
    await app.clickTestId("finding-add");
    await app.selectOption("finding-party", party);
    await app.fill("finding-description", text);
    await app.clickDate("finding-deadline", deadline);
    await app.clickTestId("finding-save");
    await app.waitText("已登记问题，整改编号");
    await sleep(300);
  }
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid="inspection-rect-row"]').length) === 2, {
    timeout: 10000,
    timeoutMsg: "two 整改事项 listed under the inspection",
  });
  const beijingNo = await attr('[data-testid="inspection-rect-row"][data-party="北京市税务局"]', "data-rect");
  const tianjinNo = await attr('[data-testid="inspection-rect-row"][data-party="天津市税务局"]', "data-rect");

  // 北京's template goes out, comes back filled in, and is imported.
  const dir = path.join(RUN_DIR, NAME, "sheets");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "整改情况反馈表-北京市税务局.xlsx");
  app.queuePick(file);
  await (await drawer.$('[data-testid="rect-template"][data-party="北京市税务局"]')).click();
  await app.waitText("已导出 北京市税务局 的整改情况反馈表（1 项）");
  await fillReturnedSheet(file, {
    原因分析: "值班安排未覆盖午间",
    整改措施: "调整排班，增设午间窗口",
    整改进展: "已于11月5日起实行午间延时服务",
    整改状态: "已整改",
    完成日期: "2026-11-05",
  });
  await app.closeDrawers();
  // Thursday 5 November: the unit reports it done.
  await app.setNow("2026-11-05 15:00:00");
  await app.clickTestId("nav-imports");
  await app.waitTestId("imports-page");
  await app.clickText("整改情况反馈表");
  await app.fill("import-path-input", file);
  await app.clickTestId("import-path-add");
  await app.clickTestId("import-preview");
  await app.waitTestId("import-summary", 30000);
  await app.clickTestId("import-apply");
  await app.waitText("已导入 1 个文件", { timeout: 30000 });

  // In the 整改台账: the unit's 已整改 closed nothing; closing waits for the checks.
  await app.clickTestId("nav-rectifications");
  await app.waitTestId("rect-page");
  const row = await app.browser.$(`[data-testid="rect-row"][data-rect="${beijingNo}"]`);
  await row.waitForDisplayed({ timeout: 10000, timeoutMsg: "北京's item in the 整改台账" });
  await app.click(await row.$("td"));
  await app.waitTestId("rect-drawer");
  await sleep(800); // the drawer's slide-in: a click during it lands elsewhere
  assert.match(await (await app.waitTestId("rect-progress")).getText(), /午间延时服务/, "the imported progress is on the item");
  await app.clickTestId("rect-close");
  await app.clickTestId("rect-close-confirm");
  const refused = await app.waitTestId("rect-close-refused");
  assert.match(await refused.getText(), /不能销号：三不放过尚未落实——原因查清、整改到位、责任追究/);

  await app.clickTestId("rect-tick-cause");
  await app.clickTestId("rect-form-save");
  await app.waitText("原因查清已保存");
  await app.clickTestId("rect-tick-remedied");
  await app.fill("rect-form-text", "现场核查排班表及午间窗口照片");
  await app.clickTestId("rect-form-save");
  await app.waitText("整改到位已保存");
  await app.clickTestId("rect-close");
  await app.clickTestId("rect-close-confirm");
  await app.browser.waitUntil(async () => /尚未落实——责任追究。/.test(await (await app.waitTestId("rect-close-refused")).getText()), {
    timeout: 10000,
    timeoutMsg: "the refusal now names only 责任追究",
  });
  assert.doesNotMatch(await (await app.waitTestId("rect-close-refused")).getText(), /原因查清/);
  await app.clickTestId("rect-tick-accountability");
  await app.selectOption("rect-form-measure", "无需追究");
  await app.fill("rect-form-text", "客观原因所致，未造成不良影响");
  await app.clickTestId("rect-form-save");
  await app.waitText("责任追究已保存");
  await app.clickTestId("rect-close");
  await app.clickTestId("rect-close-confirm");
  await app.waitText(`${beijingNo} 已销号`);
  assert.match(await (await app.waitTestId("rect-state")).getText(), /已销号 2026-11-05/);
  const checks = await app.browser.$$('[data-testid="rect-check"][data-done="yes"]');
  assert.equal(checks.length, 3, "three ticks");
  await app.closeDrawers();

  // Monday 9 November: 天津's item is past its deadline and red on the 工作台.
  await app.setNow("2026-11-09 09:00:00");
  await app.clickTestId("nav-dashboard");
  await app.waitTestId("dashboard");
  const kind = await app.browser.$('[data-testid="dash-kind"][data-kind="rectification_red"]');
  await kind.waitForExist({ timeout: 15000, timeoutMsg: "a 整改 red reminder on the 工作台" });
  assert.equal(await kind.getAttribute("data-count"), "1", "only 天津's item is red; 北京's is closed");
  await app.click(kind);
  await app.clickTestId(`rem-open-${tianjinNo}`);
  const rectDrawer = await app.waitTestId("rect-drawer");
  await sleep(800); // the drawer's slide-in
  assert.equal(await rectDrawer.getAttribute("data-rect"), tianjinNo);
  assert.equal(await (await app.waitTestId("rect-light")).getAttribute("data-light"), "red");
  // 催办 works on it as on an item.
  await app.clickTestId("rect-chase");
  await app.clickTestId("chase-save");
  await app.waitText("已登记催办");
  assert.match(await (await app.waitTestId("rect-chase-row")).getText(), /2026-11-09 电话 天津市税务局/);
  // A chase recorded by mistake is voided: kept on the history, struck through, with the reason.
  const voidButton = await app.browser.$('[data-testid="rect-chase-row"] [data-testid^="void-rect_chase-"]');
  await voidButton.click();
  await app.fill("void-reason", "重复登记");
  await app.clickTestId("void-ok");
  await app.waitText("已作废整改催办记录。");
  await app.browser.waitUntil(
    async () => (await (await app.waitTestId("rect-chase-row")).getAttribute("data-voided")) === "1",
    { timeout: 10000, timeoutMsg: "the chase row should be marked voided" },
  );
  const chaseRow = await app.waitTestId("rect-chase-row");
  assert.match(await chaseRow.getText(), /已作废：重复登记/);
  assert.ok(await (await chaseRow.$("del")).isExisting(), "the voided chase is struck through");
}, { timeout: 300000 });
