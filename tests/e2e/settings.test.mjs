// 设置, 日历 and 恢复 in the real window (issue 13):
// - a fresh database shows the first steps on the 工作台, and in December the
//   notice that next year's 节假日安排 is missing, with a link to 日历;
// - N of the yellow window is changed in 设置: an item whose deadline is N+1
//   working days away turns yellow; N out of 1–30 is refused with a message;
// - a year's schedule is loaded from a sheet written here and shows in the
//   year view; a sheet with a date twice is refused naming both rows;
// - 立即备份, an item added, 恢复 that backup: the item is gone; a file that is
//   not a backup is refused and nothing is lost.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { RUN_DIR, e2eTest, launch, newItem } from "./harness.mjs";

const NAME = "settings";
let app;
/** The item of the yellow-window test (it is in the backup). */
let earlier = "";
before(async () => {
  app = await launch(NAME, { now: "2026-12-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** The attribute of the one element matching `selector`, once it exists. */
async function attr(selector, name) {
  const el = await app.browser.$(selector);
  await el.waitForExist({ timeout: 10000, timeoutMsg: `${selector} did not appear` });
  return el.getAttribute(name);
}

/** Waits until the attribute of `selector` is `want`. */
async function waitAttr(selector, name, want) {
  await app.browser.waitUntil(
    async () => {
      const el = await app.browser.$(selector);
      return (await el.isExisting()) && (await el.getAttribute(name)) === want;
    },
    { timeout: 15000, timeoutMsg: `${selector} never had ${name}=${want}` },
  );
}

/** Writes a schedule sheet (日期, 类型, 名称) with the rows given. */
async function scheduleSheet(file, rows) {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("节假日安排");
  ws.addRow(["日期", "类型", "名称"]);
  for (const r of rows) ws.addRow(r);
  await book.xlsx.writeFile(file);
  return file;
}

/** The message of the error notification now shown. */
async function errorText() {
  const el = await app.waitTestId("error-message");
  return el.getText();
}

/** Closes every notification (so that the next error is the one read). */
async function closeNotices() {
  await app.browser.execute(() => {
    document.querySelectorAll(".ant-notification-notice-close").forEach((b) => /** @type {HTMLElement} */ (b).click());
  });
  await app.browser.waitUntil(async () => !(await (await app.byTestId("error-message")).isExisting()), {
    timeout: 5000,
    timeoutMsg: "the notifications did not close",
  });
}

e2eTest("first steps on a fresh 工作台 and the missing-schedule notice in December", async (app) => {
  await app.clickTestId("nav-dashboard");
  await app.waitTestId("first-steps");
  // (the cards' titles are cut with an ellipsis, which getText leaves out)
  const steps = String(await (await app.waitTestId("first-steps")).getProperty("textContent"));
  for (const step of ["导入组织机构表", "导入现有的 Excel 台账", "载入示例数据"]) assert.ok(steps.includes(step), `${step}: ${steps}`);
  await app.waitTestId("first-step-demo");
  const notice = await app.waitTestId("dash-calendar-notice");
  assert.match(await notice.getText(), /尚未载入2027年节假日安排/);
  await app.clickTestId("dash-calendar-link");
  await app.waitTestId("calendar-page");
  await waitAttr('[data-testid="cal-summary"]', "data-year", "2027");
  assert.equal(await attr('[data-testid="cal-summary"]', "data-covered"), "false");
});

e2eTest("N of the yellow window: an item N+1 working days away turns yellow when N grows; 31 is refused", async (app) => {
  // 2026-12-02 is a Wednesday: 4 working days on is Tuesday 2026-12-08.
  const [made] = await app.invoke("items_create", { items: [newItem("窗口测试事项", "办公厅", "2026-12-08")] });
  earlier = made.item_no;
  await app.clickTestId("nav-ledger");
  await waitAttr('[data-testid="ledger-row-light"]', "data-light", "green");

  await app.clickTestId("nav-settings");
  await app.fill("pref-yellow_days", "31");
  await app.clickTestId("pref-yellow_days-save");
  assert.match(await errorText(), /黄灯提醒天数应为 1 到 30 之间的整数/);
  await closeNotices();
  assert.equal((await app.invoke("prefs_get")).yellow_days, 3, "nothing changed");

  const before = (await app.invoke("verify_database")).report.entries;
  await app.fill("pref-yellow_days", "4");
  await app.clickTestId("pref-yellow_days-save");
  await app.waitText("黄灯提醒天数（N）已保存");
  assert.equal((await app.invoke("prefs_get")).yellow_days, 4);
  assert.equal((await app.invoke("verify_database")).report.entries, before + 1, "one audit entry");

  await app.clickTestId("nav-ledger");
  await waitAttr('[data-testid="ledger-row-light"]', "data-light", "yellow");
});

e2eTest("a year's schedule is loaded from a sheet and shown; a sheet with a date twice is refused naming both rows", async (app) => {
  const dir = path.join(RUN_DIR, NAME);
  const good = await scheduleSheet(path.join(dir, "2027年节假日安排.xlsx"), [
    ["2027-01-01", "休", "元旦"],
    ["2027-02-06", "休", "春节"],
    ["2027-02-07", "班", "春节调休上班"],
    ["2027-02-08..2027-02-12", "休", "春节"],
  ]);
  const twice = await scheduleSheet(path.join(dir, "重复日期.xlsx"), [
    ["2028-01-01", "休", "元旦"],
    ["2028-01-01", "休", "元旦"],
  ]);

  await app.clickTestId("nav-calendar");
  await app.waitTestId("calendar-page");
  app.queuePick(twice);
  await app.clickTestId("cal-load");
  const msg = await errorText();
  assert.match(msg, /第3行：日期 2028-01-01 与第2行重复/);
  assert.match(msg, /未载入任何内容/);
  await closeNotices();

  app.queuePick(good);
  await app.clickTestId("cal-load");
  await app.waitText("已载入2027年节假日安排");
  await waitAttr('[data-testid="cal-summary"]', "data-covered", "true");
  assert.equal(await attr('[data-testid="cal-day"][data-date="2027-01-01"]', "data-kind"), "节假日");
  assert.equal(await attr('[data-testid="cal-day"][data-date="2027-02-07"]', "data-kind"), "调休上班");
  assert.equal(await attr('[data-testid="cal-day"][data-date="2027-02-10"]', "data-kind"), "节假日");
  assert.equal(await attr('[data-testid="cal-day"][data-date="2027-01-04"]', "data-kind"), "工作日");
  assert.equal(await attr('[data-testid="cal-day"][data-date="2027-01-09"]', "data-kind"), "休息日");
  assert.equal((await app.browser.$$('[data-testid="cal-month"]')).length, 12);

  // the 工作台's notice is gone
  await app.clickTestId("nav-dashboard");
  await app.waitTestId("dashboard");
  assert.equal(await (await app.byTestId("dash-calendar-notice")).isExisting(), false);
});

e2eTest("restore a backup from 设置: the item added after it is gone; a file that is not a backup is refused", async (app) => {
  await app.clickTestId("nav-settings");
  await app.clickTestId("backup-button");
  await app.waitTestId("backup-result");
  const manual = `[data-testid="backup-row"][data-file^="manual-"]`;
  await (await app.browser.$(manual)).waitForExist({ timeout: 10000, timeoutMsg: "the manual backup is listed" });

  const [added] = await app.invoke("items_create", { items: [newItem("恢复后应消失的事项", "办公厅", "2026-12-31")] });
  await app.invoke("item_get", { item_no: added.item_no });

  // a file that is not a backup: refused, nothing lost
  const junk = path.join(RUN_DIR, NAME, "不是备份.sqlite3");
  fs.writeFileSync(junk, "这不是数据库，只是一段文字。".repeat(20));
  app.queuePick(junk);
  await app.clickTestId("restore-other");
  await app.clickTestId("restore-confirm");
  assert.match(await errorText(), /不是督办台账的备份/);
  await closeNotices();
  await app.invoke("item_get", { item_no: added.item_no });

  const row = await app.browser.$(manual);
  await app.click(await row.$('[data-testid="backup-restore"]'));
  await app.clickTestId("restore-confirm");
  const done = await app.waitTestId("restore-result");
  assert.match(await done.getText(), /恢复前的数据保存在/);

  await assert.rejects(app.invoke("item_get", { item_no: added.item_no }), /找不到|不存在/);
  assert.equal((await app.invoke("item_get", { item_no: earlier })).row.name, "窗口测试事项", "the earlier item is there");
  assert.equal((await app.invoke("verify_database")).ok, true, "the restored database verifies");
  assert.equal((await app.invoke("prefs_get")).yellow_days, 4, "the settings of the backup are back too");
});
