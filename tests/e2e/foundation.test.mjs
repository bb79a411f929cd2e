// Foundation, in the real window: register a 特急 document with a
// leader's 批示, split it into two items (the form refuses an item that has a
// 配合部门 but no 统筹局领导, in Chinese), find both in the ledger with the right
// light, filter by department, and open an item's timeline. Bad input the clerk
// can make here — a missing required field, an impossible date, the §五 rule —
// is answered in Chinese and writes nothing.
//
// The app's clock is Monday 2026-03-02, so with the default of 3 working days
// an item due 2026-03-04 is 黄 and one due 2026-04-30 is 绿.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { e2eTest, launch, sleep } from "./harness.mjs";

let app;
before(async () => {
  app = await launch("foundation", { now: "2026-03-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

const OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";

/** Picks `option` (its title starts with it) in the antd Select with data-testid `id`, searching by `search`. */
async function choose(app, id, option, search = option) {
  const opt = await app.browser.$(`${OPEN_DROPDOWN} .ant-select-item-option[title^="${option}"]`);
  // A click while the drawer slides in or re-renders can miss the select (seen
  // under load: the dropdown never opened): open it and type again, up to three times.
  for (let attempt = 1; ; attempt++) {
    const select = await app.waitTestId(id);
    await (await select.$(".ant-select-selector")).click();
    await app.browser.keys(search.split(""));
    if (await opt.waitForDisplayed({ timeout: 4000 }).catch(() => false)) break;
    if (attempt === 3) {
      await opt.waitForDisplayed({ timeout: 4000, timeoutMsg: `option “${option}” did not show in ${id}` });
      break;
    }
    await app.browser.keys(["Escape"]);
    await sleep(300);
  }
  await sleep(300); // the dropdown slides open
  if (await opt.isClickable()) await opt.click();
  else await app.browser.execute((o) => o.click(), opt); // still animating or covered: click from script
  await sleep(200);
}

/** Closes an open dropdown (multiple selects stay open after a pick). */
async function closeDropdown(app) {
  await app.browser.keys(["Escape"]);
  await sleep(200);
}

/** Clicks `id` until `shows` is displayed (a click during a drawer's slide-in can miss). */
async function clickUntilShown(app, id, shows) {
  for (let i = 0; i < 5; i++) {
    await app.clickTestId(id);
    const el = await app.byTestId(shows);
    if (await el.waitForDisplayed({ timeout: 2000 }).catch(() => false)) return el;
  }
  return app.waitTestId(shows);
}

/** Clicks `id` until `text` shows (a click while a drawer slides in can miss; seen under load). */
async function clickUntilText(app, id, text) {
  for (let i = 0; i < 4; i++) {
    await app.clickTestId(id);
    if (await app.waitText(text, { timeout: 3000 }).then(() => true, () => false)) return;
  }
  await app.waitText(text);
}

/** Types a date into a DateField (the harness's typeDate). */
const typeDate = (app, id, text) => app.typeDate(id, text);

async function typeInto(app, id, text) {
  const el = await app.waitTestId(id);
  await el.click();
  await app.browser.keys(text.split(""));
}

/** The texts of the visible form errors. */
async function formErrors(app) {
  const els = await app.browser.$$(".ant-form-item-explain-error");
  const out = [];
  for (const e of els) {
    // A message can vanish between the query and the read (the form turns
    // valid while we look): a vanished message is not an error any more.
    try {
      if (await e.isDisplayed()) out.push(await e.getText());
    } catch {
      /* gone */
    }
  }
  return out;
}

async function ledgerRows(app) {
  await app.browser.waitUntil(async () => !(await (await app.browser.$(".ant-spin-spinning")).isExisting()), {
    timeout: 10000,
  });
  await sleep(300);
  const rows = await app.browser.$$('[data-testid="ledger-table"] tr[data-testid="ledger-row"]');
  const out = [];
  for (const r of rows) {
    out.push({
      no: await r.getAttribute("data-item-no"),
      light: await (await r.$('[data-testid="ledger-row-light"]')).getAttribute("data-light"),
      lead: await (await r.$('[data-testid="ledger-row-lead"]')).getText(),
    });
  }
  return out;
}

async function waitLedger(app, want) {
  let rows = [];
  await app.browser.waitUntil(
    async () => {
      rows = await ledgerRows(app);
      return JSON.stringify(rows.map((r) => r.no).sort()) === JSON.stringify([...want].sort());
    },
    { timeout: 10000, timeoutMsg: `the ledger should list ${want.join(", ") || "nothing"}` },
  ).catch(() => {
    throw new Error(`the ledger should list [${want.join(", ")}], it lists ${JSON.stringify(rows)}`);
  });
  return rows;
}

e2eTest("the organisation is there (the default one loaded from the settings page when empty)", async (app) => {
  await app.clickTestId("nav-org");
  await app.waitTestId("org-page");
  await sleep(500);
  const seed = await app.byTestId("org-seed-default");
  if (await seed.isExisting()) await seed.click();
  await app.waitText("征管和科技发展司", { exact: true });
  await app.clickText("局领导", { exact: true });
  await app.waitText("李明华", { exact: true });
});

e2eTest("a document missing its required fields is refused in Chinese and nothing is written", async (app) => {
  await app.clickTestId("nav-documents");
  await app.clickTestId("doc-register-open");
  await app.waitTestId("doc-form");
  await clickUntilText(app, "doc-submit", "请填写标题。");
  await app.waitText("请选择来源类别。");
  const docs = await app.invoke("document_list", { filter: { text: null, urgency: null, unsplit_only: false, year: null } });
  assert.equal(docs.length, 0, "a refused form writes no document");
});

e2eTest("an impossible 收文日期 (2026-02-30) is answered in Chinese and nothing is written", async (app) => {
  await typeInto(app, "doc-title", "关于进一步推进发票电子化改革的通知");
  await choose(app, "doc-category", "税务总局重大决策部署", "重大决策");
  await typeDate(app, "doc-received-on", "2026-02-30");
  await app.clickTestId("doc-submit");
  const msg = await app.waitText("不是有效日期");
  assert.match(await msg.getText(), /收文日期“2026-02-30”不是有效日期/);
  const docs = await app.invoke("document_list", { filter: { text: null, urgency: null, unsplit_only: false, year: null } });
  assert.equal(docs.length, 0, "an impossible date writes no document");
});

e2eTest("a 特急 限时 document with an attachment is registered as 收〔2026〕1号", async (app) => {
  await typeDate(app, "doc-received-on", "2026-03-01");
  await typeInto(app, "doc-source-no", "税总征科发〔2026〕8号");
  await typeInto(app, "doc-source-org", "税务总局");
  await app.clickTestId("doc-urgency-特急");
  await app.clickTestId("doc-time-limited");
  await typeDate(app, "doc-time-limit", "2026-03-06");
  await app.clickTestId("doc-important");
  const file = path.join(app.dir, "通知原文.txt");
  fs.writeFileSync(file, "关于进一步推进发票电子化改革的通知（正文）");
  await typeInto(app, "doc-attachment-path", file);
  await app.clickTestId("doc-attachment-add");
  await app.waitText("通知原文.txt");
  assert.deepEqual(await formErrors(app), [], "the corrected form has no errors");
  await app.clickTestId("doc-submit");
  const no = await app.waitTestId("doc-detail-no");
  assert.equal(await no.getText(), "收〔2026〕1号");
  const fields = await (await app.waitTestId("doc-fields")).getText();
  assert.match(fields, /特急/);
  assert.match(fields, /限时件 2026-03-06/);
  assert.match(fields, /2026-03-01/);
  assert.match(await (await app.waitTestId("doc-detail-attachment")).getText(), /通知原文\.txt/);
});

e2eTest("a leader's 批示 is recorded on the document", async (app) => {
  await choose(app, "instruction-leader", "王建国");
  await typeInto(app, "instruction-text", "请征管科技司牵头，纳服司配合，抓好落实。");
  await app.clickTestId("instruction-submit");
  const entry = await app.waitTestId("doc-instruction");
  const text = await entry.getText();
  assert.match(text, /王建国/);
  assert.match(text, /批示/);
  assert.match(text, /请征管科技司牵头/);
  await app.screenshot("document-with-instruction");
});

e2eTest("the split form refuses an item with 配合部门 but no 统筹局领导, in Chinese, and writes nothing", async (app) => {
  await app.clickTestId("doc-split");
  await app.waitTestId("split-form");
  await typeInto(app, "split-item-0-name", "推进发票电子化改革");
  await typeInto(app, "split-item-0-requirement", "3月底前完成试点方案，4月底前全面推开。");
  await choose(app, "split-item-0-lead", "征管和科技发展司", "征科司");
  await choose(app, "split-item-0-cooperators", "纳税服务司", "纳服");
  await closeDropdown(app);
  await typeInto(app, "split-item-0-owner", "张明（处长）");
  await typeDate(app, "split-item-0-deadline", "2026-04-30");
  await app.clickTestId("split-add-item");
  await typeInto(app, "split-item-1-name", "报送贯彻落实情况");
  await choose(app, "split-item-1-lead", "办公厅");
  await typeDate(app, "split-item-1-deadline", "2026-03-04");
  await app.clickTestId("split-submit");
  await app.waitText("有配合部门的事项必须明确统筹局领导");
  await app.screenshot("split-refused");
  // The Rust LedgerFilter fills the fields left out with their defaults.
  const filter = /** @type {import("../../ui/src/api/generated/LedgerFilter").LedgerFilter} */ ({ page: 1, page_size: 20 });
  const page = await app.invoke("ledger_query", { filter });
  assert.equal(Number(page.total), 0, "a refused split writes no item");
});

e2eTest("with a 统筹局领导 both items are created together", async (app) => {
  await choose(app, "split-item-0-leader", "李明华");
  await app.browser.waitUntil(async () => !(await formErrors(app)).some((e) => e.includes("统筹局领导")), {
    timeout: 5000,
    timeoutMsg: "the §五 message should go once a leader is chosen",
  });
  await app.clickTestId("split-submit");
  await app.waitText("已分解为 2 项督办事项");
  const items = await app.waitTestId("doc-items");
  await app.browser.waitUntil(async () => /DB2026-0002/.test(await items.getText()), { timeout: 10000 });
  const text = await items.getText();
  assert.match(text, /DB2026-0001\s*推进发票电子化改革\s*征管和科技发展司\s*2026-04-30/);
  assert.match(text, /DB2026-0002\s*报送贯彻落实情况\s*办公厅\s*2026-03-04/);
});

e2eTest("the ledger lists both items with their lights: 绿 for 2026-04-30, 黄 for 2026-03-04", async (app) => {
  await app.closeDrawers();
  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  const rows = await waitLedger(app, ["DB2026-0001", "DB2026-0002"]);
  const by = Object.fromEntries(rows.map((r) => [r.no, r]));
  assert.equal(by["DB2026-0001"].light, "green", "due 2026-04-30, today 2026-03-02: 绿");
  assert.equal(by["DB2026-0002"].light, "yellow", "due in 2 working days: 黄");
  assert.equal(by["DB2026-0001"].lead, "征管和科技发展司");
  await app.screenshot("ledger");
});

e2eTest("filtering by department: lead only, then also cooperating, then another department", async (app) => {
  await choose(app, "ledger-filter-party", "纳税服务司", "纳服");
  await waitLedger(app, []);
  await app.clickTestId("ledger-filter-cooperating");
  await waitLedger(app, ["DB2026-0001"]);
  await app.clickTestId("ledger-filter-cooperating");
  await choose(app, "ledger-filter-party", "办公厅");
  const rows = await waitLedger(app, ["DB2026-0002"]);
  assert.equal(rows[0].light, "yellow");
  await app.clickTestId("ledger-filter-reset");
  await waitLedger(app, ["DB2026-0001", "DB2026-0002"]);
});

e2eTest("an item's drawer shows its fields and its timeline from the audit log", async (app) => {
  const row = await app.browser.$('[data-testid="ledger-row"][data-item-no="DB2026-0001"]');
  await (await row.$('[data-testid="ledger-row-name"]')).click();
  await app.waitTestId("item-drawer");
  await sleep(600); // the drawer slides in
  assert.equal(await (await app.waitTestId("item-lead")).getText(), "征管和科技发展司");
  assert.equal(await (await app.waitTestId("item-light")).getAttribute("data-light"), "green");
  const timeline = await clickUntilShown(app, "item-tab-timeline", "item-timeline");
  const text = await timeline.getText();
  assert.match(text, /新建事项/);
  assert.match(text, /2026-03-02/);
  assert.match(text, /统筹局领导：李明华/);
  await app.screenshot("item-timeline");
});

e2eTest("from the drawer: a progress entry, a completion report, then 销号 closes the item", async (app) => {
  await app.clickTestId("item-action-progress");
  await typeInto(app, "item-action-text", "已完成试点方案初稿，正在征求意见。");
  await app.clickTestId("item-action-ok");
  await app.waitText("已录入办理进展。");
  await app.clickTestId("item-action-complete");
  await typeInto(app, "item-action-text", "试点方案已印发，全面推开。");
  await app.clickTestId("item-action-ok");
  await app.waitText("已录入办结报告，待督办室销号。");
  await app.clickTestId("item-action-accept");
  await app.clickTestId("item-action-ok");
  await app.waitText("事项 DB2026-0001 已销号。");
  await app.browser.waitUntil(
    async () => (await (await app.waitTestId("item-light")).getAttribute("data-light")) === "none",
    { timeout: 10000, timeoutMsg: "a closed item has no light" },
  );
  const text = await (await clickUntilShown(app, "item-tab-timeline", "item-timeline")).getText();
  for (const action of ["新建事项", "录入进展", "报送办结报告", "销号"]) {
    assert.match(text, new RegExp(action), `the timeline records ${action}: ${text}`);
  }
  await app.closeDrawers();
});

e2eTest("an important document that a leader only 圈阅 is flagged “仅圈阅，未批示” (§六)", async (app) => {
  await app.closeDrawers();
  await app.clickTestId("nav-documents");
  await app.clickTestId("doc-register-open");
  await app.waitTestId("doc-form");
  await typeInto(app, "doc-title", "关于加强税收征管工作的意见");
  await choose(app, "doc-category", "重要文件要求", "重要文件");
  await app.clickTestId("doc-important");
  await app.clickTestId("doc-submit");
  const no = await app.waitTestId("doc-detail-no");
  await app.browser.waitUntil(async () => (await no.getText()) === "收〔2026〕2号", {
    timeout: 10000,
    timeoutMsg: "the second document of 2026 is 收〔2026〕2号",
  });
  await choose(app, "instruction-leader", "赵振宇");
  await app.clickTestId("instruction-kind-圈阅");
  await app.clickTestId("instruction-submit");
  await app.waitTestId("doc-only-circled-alert");
  await app.closeDrawers();
  const row = await app.browser.$('[data-testid="doc-row"][data-doc-no="收〔2026〕2号"]');
  await row.waitForDisplayed({ timeout: 10000 });
  const flag = await row.$('[data-testid="doc-flag-only-circled"]');
  await flag.waitForDisplayed({ timeout: 10000, timeoutMsg: "the list flags the document 仅圈阅，未批示" });
  assert.equal(await flag.getText(), "仅圈阅，未批示");
  const first = await app.browser.$('[data-testid="doc-row"][data-doc-no="收〔2026〕1号"]');
  assert.equal(await (await first.$('[data-testid="doc-flag-only-circled"]')).isExisting(), false, "a 批示 clears the flag");
  assert.match(await first.getText(), /特急/);
  await app.screenshot("documents");
});

e2eTest("组织机构: a new department with a short name is added, then deactivated", async (app) => {
  await app.closeDrawers();
  await app.clickTestId("nav-org");
  await app.clickTestId("org-add-department");
  await typeInto(app, "org-party-name", "数据治理办公室");
  const aliases = await app.waitTestId("org-party-aliases");
  await (await aliases.$(".ant-select-selector")).click();
  await app.browser.keys([..."数治办".split(""), "Enter"]);
  await app.clickTestId("org-modal-ok");
  await app.waitText("已添加“数据治理办公室”。");
  const row = await app.browser.$('[data-testid="org-party-row"][data-name="数据治理办公室"]');
  await row.waitForDisplayed({ timeout: 10000 });
  assert.match(await row.getText(), /数治办/);
  assert.match(await row.getText(), /启用/);
  await (await row.$('[data-testid="org-party-toggle"]')).click();
  await app.waitText("已停用“数据治理办公室”。");
  await app.browser.waitUntil(async () => /已停用/.test(await row.getText()), {
    timeout: 10000,
    timeoutMsg: "the row shows 已停用",
  });
  const org = await app.invoke("org_list");
  const party = org.parties.find((p) => p.name === "数据治理办公室");
  assert.deepEqual([party?.kind, party?.aliases, party?.active], ["department", ["数治办"], false]);
});

e2eTest("when the clock passes 2026-03-04 the open item turns 红 and the light filter finds it", async (app) => {
  await app.closeDrawers();
  await app.setNow("2026-03-05 09:00:00");
  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  await app.clickTestId("ledger-filter-reset");
  let rows = await waitLedger(app, ["DB2026-0001", "DB2026-0002"]);
  const by = Object.fromEntries(rows.map((r) => [r.no, r]));
  assert.equal(by["DB2026-0002"].light, "red", "due 2026-03-04, today 2026-03-05: 红");
  assert.equal(by["DB2026-0001"].light, "none", "a closed item has no light");
  await choose(app, "ledger-filter-light", "红灯", "红");
  await closeDropdown(app);
  rows = await waitLedger(app, ["DB2026-0002"]);
  assert.equal(rows[0].light, "red");
});

e2eTest("the ledger is exported to Excel for the current filter", async (app) => {
  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-page");
  const file = path.join(app.dir, "导出台账.xlsx");
  await app.saveVia("ledger-export", file, "已导出");
  assert.equal(fs.readFileSync(file).subarray(0, 2).toString(), "PK", "an .xlsx (zip) file");
});
