// Smoke: the real window starts with its title and menu, the settings page
// reaches the core (the integrity check of a fresh database passes), and a
// second launch of the app is refused with a Chinese notice in the running window.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { e2eTest, launch } from "./harness.mjs";

let app;
before(async () => {
  app = await launch("smoke", { now: "2026-03-02 09:30:00" });
});
after(async () => {
  await app?.close();
});

e2eTest("the window is titled 督查督办台账 and shows the menu", async (app) => {
  assert.equal(await app.browser.getTitle(), "督查督办台账");
  assert.equal(await (await app.waitTestId("app-title")).getText(), "督查督办台账");
  await app.waitTestId("nav-settings");
});

e2eTest("the first page is drawn with antd's styles built ahead and the app's Chinese font", async (app) => {
  await app.waitTestId("dashboard");
  const page = await app.browser.execute(() => ({
    // @ant-design/cssinjs marks the styles it computes in the page.
    // (Its keyframes, `_effect-…`, are always added: four one-line rules.)
    computed: Array.from(document.querySelectorAll("style[data-css-hash]"))
      .filter((s) => !s.getAttribute("data-css-hash")?.startsWith("_effect-"))
      .map((s) => `${s.getAttribute("data-css-hash")}: ${(s.textContent ?? "").slice(0, 120)}`),
    font: getComputedStyle(document.querySelector('[data-testid="nav"]') ?? document.body).fontFamily,
  }));
  // ui/src/antd-styles.css is built with ui/src/theme.json: when the page's
  // theme differs, antd computes every component's style at start-up again.
  assert.deepEqual(page.computed, [], "no antd style computed in the window");
  // A CJK font first: a Latin one first made WebKit look for a fallback font
  // for the Chinese text (~200 ms of the first paint at start-up).
  assert.match(page.font, /^"?Noto Sans CJK SC/, page.font);
});

e2eTest("the settings page shows the database and a passing integrity check", async (app) => {
  await app.clickTestId("nav-settings");
  const dbPath = await app.waitTestId("db-path");
  await app.browser.waitUntil(async () => (await dbPath.getText()) === app.db, {
    timeout: 10000,
    timeoutMsg: `the settings page should show the test database ${app.db}`,
  });
  // The support log: its files beside the database, the first written at start-up.
  const logDir = path.join(path.dirname(app.db), "logs");
  assert.equal(await (await app.waitTestId("log-files")).getText(), path.join(logDir, "duban.YYYY-MM-DD.log"));
  assert.ok(
    fs.readdirSync(logDir).some((f) => /^duban\.\d{4}-\d{2}-\d{2}\.log$/.test(f)),
    `a log file in ${logDir}`,
  );
  await app.clickTestId("verify-button");
  const result = await app.waitTestId("verify-result");
  const text = await result.getText();
  assert.match(text, /数据库完整性检查通过/, text);
  assert.match(text, /操作记录链完整/, text);
  assert.match(await app.pageText(), /2026-03-02/, "the e2e clock reaches the UI");
});

e2eTest("backup now writes a file into the backups folder", async (app) => {
  await app.clickTestId("backup-button");
  const text = await (await app.waitTestId("backup-result")).getText();
  assert.match(text, /已备份到 .*backups.*manual-20260302-\d{6}\.zip/, text);
});

e2eTest("the operator is chosen in 设置 from the staff on the roster, with an audit entry; a name not on it is refused", async (app) => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  for (const name of ["张三", "李四"]) {
    await app.invoke("person_save", {
      input: { name, party: "办公厅", role: "staff", level: "", full_time: true, phone: "", active: true },
    });
  }
  // the page reads the roster when it opens: leave and come back
  await app.clickTestId("nav-dashboard");
  await app.clickTestId("nav-settings");
  const before = (await app.invoke("verify_database")).report.entries;
  await app.selectOption("operator-select", "张三（办公厅）");
  await app.clickTestId("operator-save");
  await app.waitText("操作人已保存");
  const status = await app.invoke("app_status");
  assert.equal(status.operator, "张三");
  assert.equal((await app.invoke("verify_database")).report.entries, before + 1, "one audit entry for the change");
  await assert.rejects(app.invoke("set_operator", { name: "王五" }), /不是人员名单中在岗的经办人.*张三、李四/);
  assert.equal((await app.invoke("app_status")).operator, "张三", "a name not on the staff is refused and nothing changes");
  assert.equal((await app.invoke("verify_database")).report.entries, before + 1, "nothing written for a refused name");
});

e2eTest("a second launch exits and the running window says 程序已在运行", async (app) => {
  const code = await app.launchSecond();
  assert.equal(code, 0, "the second process exits on its own");
  await app.waitText("程序已在运行");
  assert.equal(await app.browser.getTitle(), "督查督办台账", "the first window is still there");
});

e2eTest("Ctrl+K jumps to the page's search, Ctrl+N opens its 新建 form, Esc closes it", async (app) => {
  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-search");
  await app.browser.keys(["Control", "k"]);
  await app.browser.keys(["Control"]); // release
  const focused = await app.browser.execute(() => document.activeElement?.getAttribute("data-testid") ?? "");
  assert.equal(focused, "ledger-search", "Ctrl+K focuses the ledger's search");
  await app.clickTestId("nav-documents");
  await app.waitTestId("doc-search");
  await app.browser.keys(["Control", "n"]);
  await app.browser.keys(["Control"]);
  const drawer = await app.browser.$(".ant-drawer-open");
  await drawer.waitForDisplayed({ timeout: 5000, timeoutMsg: "Ctrl+N opened the 收文登记 form" });
  await app.browser.keys(["Escape"]);
  await drawer.waitForDisplayed({ reverse: true, timeout: 5000, timeoutMsg: "Esc closed the form" });
});
