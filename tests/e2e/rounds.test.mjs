// Reporting rounds and the monthly circulation sheet, in the real
// window: create a round for three units, generate its templates into a
// folder, have two units fill theirs in (one reports after the due date), import
// both with preview then apply, and see 按时 / 迟报 / 漏报; then preview the
// October sheet (tables and the 按期办结率 chart) and export it.
//
// The app's clock is Thursday 2026-10-22; the round is due Tuesday 2026-10-20.
// File dialogs are answered through the e2e pick hook; everything after the
// choice of a path is the real path. The units "fill in" their templates with
// exceljs (a spreadsheet library that, like Excel or WPS, reads the whole
// workbook and writes a new one), installed by tests/e2e/package.json.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import ExcelJS from "exceljs";
import { e2eTest, launch, newItem, sleep } from "./harness.mjs";

let app;
before(async () => {
  app = await launch("rounds", { now: "2026-10-22 09:00:00" });
});
after(async () => {
  await app?.close();
});

const UNITS = ["北京市税务局", "天津市税务局", "河北省税务局"];

/** The text of an exceljs cell value (plain, rich text, formula result or hyperlink). */
function cellText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object" || value instanceof Date) return String(value);
  if (Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return cellText(value.result);
  if ("text" in value) return cellText(value.text);
  return String(value);
}

const LONG_ANSWERS = new Set(["传达学习情况", "采取的措施", "当地反映", "实施效果", "典型做法", "困难问题", "意见建议"]);

/** Fills a §2.3 template as a unit would: answers right of (or below) their labels. */
async function fillTemplate(template, out, answers) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const sheet = book.getWorksheet("报送表");
  assert.ok(sheet, `no sheet 报送表 in ${template}`);
  const filled = new Set();
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      // The other cells of a merged label repeat its value: only its first cell counts.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const label = cellText(cell.value).trim().replace(/[：:]$/, "");
      if (!(label in answers)) return;
      let value = answers[label];
      const target = LONG_ANSWERS.has(label) ? sheet.getCell(r + 1, 1) : sheet.getCell(r, c + 1);
      assert.notEqual(target.type, ExcelJS.ValueType.Merge, `the answer cell of ${label} is inside a merge`);
      if (label === "报送日期") {
        const [y, m, d] = value.split("-").map(Number);
        value = new Date(Date.UTC(y, m - 1, d)); // exceljs stores dates as UTC serials
        target.numFmt = "yyyy-mm-dd";
      }
      target.value = value;
      filled.add(label);
    });
  });
  assert.deepEqual([...filled].sort(), Object.keys(answers).sort(), "every answer has its label in the template");
  await book.xlsx.writeFile(out);
}

/** The sheet names and the 报送情况 statuses of an exported workbook. */
async function readExport(file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet("报送情况");
  const reports = [];
  sheet.eachRow((row, r) => {
    if (r < 4) return;
    const unit = cellText(row.getCell(4).value);
    if (unit) reports.push([unit, cellText(row.getCell(6).value)]);
  });
  return { sheets: book.worksheets.map((s) => s.name), reports };
}

async function targetStatuses(app) {
  await sleep(300);
  const rows = await app.browser.$$('[data-testid="round-target"]');
  const out = {};
  for (const r of rows) {
    const status = await (await r.$('[data-testid="round-status"]')).getAttribute("data-status");
    out[await r.getAttribute("data-party")] = status;
  }
  return out;
}

e2eTest("a policy round is created for three chosen units", async (app) => {
  const org = await app.invoke("org_list");
  if (org.parties.length === 0) await app.invoke("org_seed_default");
  await app.clickTestId("nav-rounds");
  await app.waitTestId("rounds-page");
  await app.clickTestId("round-create-open");
  await app.waitTestId("round-form");
  await sleep(600); // the drawer slides in
  // A first click here was sometimes lost in the full suite (see clickUntil).
  const refused = () => app.waitText("请填写标题。", { timeout: 4000 }).then(() => true, () => false);
  await app.clickUntil("round-submit", refused, "创建 without a title was refused");
  await app.fill("round-title", "关于落实支持小微企业政策措施的报送（一个月内）");
  for (const u of UNITS) await app.selectOption("round-units", u);
  // Type the date and leave the field by clicking elsewhere (Enter would submit the form).
  await (await (await app.waitTestId("round-due")).$("input")).click();
  await app.browser.keys("2026-10-20".split(""));
  await app.clickTestId("round-title");
  await sleep(300);
  await app.clickTestId("round-submit");
  await app.waitTestId("round-detail");
  const token = await (await app.waitTestId("round-token")).getText();
  assert.match(token, /^BS\d{4}-[0-9A-F]{6}$/);
  assert.deepEqual(await targetStatuses(app), {
    北京市税务局: "missing",
    天津市税务局: "missing",
    河北省税务局: "missing",
  }, "due two days ago, nothing received");
});

e2eTest("templates are generated into a folder, one per unit", async (app) => {
  const dir = path.join(app.dir, "模板");
  app.queuePick(dir);
  await app.clickTestId("round-templates");
  await app.waitText("已生成 3 个报送表模板");
  const files = fs.readdirSync(dir).sort();
  assert.equal(files.length, 3, files.join(", "));
  for (const u of UNITS) assert.ok(files.some((f) => f.includes(u)), `a template for ${u}: ${files}`);
});

e2eTest("two returned reports are previewed, then imported: 按时, 迟报 and 漏报", async (app) => {
  const dir = path.join(app.dir, "模板");
  const files = fs.readdirSync(dir);
  const tpl = (u) => path.join(dir, files.find((f) => f.includes(u)));
  const bj = path.join(app.dir, "北京-报送.xlsx");
  const tj = path.join(app.dir, "天津-报送.xlsx");
  await fillTemplate(tpl("北京"), bj, { 传达学习情况: "10月9日党委会专题传达学习。", 报送日期: "2026-10-19" });
  await fillTemplate(tpl("天津"), tj, { 采取的措施: "成立工作专班，逐户辅导。", 报送日期: "2026-10-21" });

  app.queuePick(bj);
  await app.clickTestId("round-import-add");
  app.queuePick(tj);
  await app.clickTestId("round-import-add");
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-testid="round-import-file"]').length) === 2, {
    timeout: 10000,
    timeoutMsg: "both files should be listed",
  });
  await app.clickTestId("round-import-preview");
  await app.waitTestId("round-import-result");
  await sleep(300);
  const previewed = await app.browser.$$('[data-testid="round-import-status"]');
  assert.equal(previewed.length, 2);
  for (const s of previewed) assert.equal(await s.getAttribute("data-status"), "applied");
  assert.deepEqual(
    Object.values(await targetStatuses(app)),
    ["missing", "missing", "missing"],
    "a preview writes nothing",
  );

  await app.clickTestId("round-import-apply");
  await app.waitText("已导入 2 个文件");
  await app.browser.waitUntil(async () => (await targetStatuses(app))["北京市税务局"] === "on_time", {
    timeout: 10000,
    timeoutMsg: "北京 should show 按时 after the import",
  });
  assert.deepEqual(await targetStatuses(app), {
    北京市税务局: "on_time",
    天津市税务局: "late",
    河北省税务局: "missing",
  });
  const counts = await (await app.waitTestId("round-counts")).getText();
  assert.match(counts.replace(/\s+/g, ""), /按时1迟报1漏报1未到期0/, counts);
  assert.match(await (await app.waitTestId("round-chase")).getText(), /河北省税务局（漏报）/);

  await app.clickTestId("round-open-report");
  const content = await (await app.waitTestId("round-report-content")).getText();
  assert.match(content, /10月9日党委会专题传达学习。/);
  await app.browser.keys("Escape");
  await sleep(300);
});

e2eTest("the October sheet is previewed with its chart and exported with every sheet", async (app) => {
  await app.invoke("items_create", {
    items: [
      newItem("按时办结的事项", "办公厅", "2026-10-15", { status: "done", done_on: "2026-10-14" }),
      newItem("逾期未办结的事项", "政策法规司", "2026-10-10"),
    ],
  });
  await app.closeDrawers();
  await app.clickTestId("nav-circulation");
  await app.waitTestId("circulation-page");
  await app.pickDate("monthly-month", "2026-10");
  await app.clickTestId("monthly-preview");
  await app.browser.waitUntil(
    async () => (await (await app.byTestId("monthly-summary")).getText()).includes("2026年10月"),
    { timeout: 10000, timeoutMsg: "the October summary should show" },
  );
  const summary = await (await app.byTestId("monthly-summary")).getText();
  assert.match(summary, /应办结督办事项2项/, summary);
  const chart = await app.waitTestId("monthly-chart");
  assert.equal(await chart.getAttribute("data-bars"), "2", "one bar per rated department");
  const depts = await (await app.waitTestId("monthly-departments")).getText();
  assert.match(depts, /办公厅[\s\S]*100\.0%/);
  assert.match(depts, /政策法规司[\s\S]*0\.0%/);
  await app.clickText("报送情况（3）");
  const reports = await (await app.waitTestId("monthly-reports")).getText();
  for (const word of ["按时", "迟报", "漏报"]) assert.match(reports, new RegExp(word));

  const out = path.join(app.dir, "十月通报.xlsx");
  await app.saveVia("monthly-export", out, "已导出");
  const book = await readExport(out);
  assert.deepEqual(book.sheets, ["总体情况", "部门排名", "逾期事项清单", "延期事项", "报送情况", "办结事项"]);
  assert.deepEqual(book.reports, [
    ["北京市税务局", "按时"],
    ["天津市税务局", "迟报"],
    ["河北省税务局", "漏报"],
  ]);
});
