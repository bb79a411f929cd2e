// 督办台账 is drawn, hidden, a moment after start-up, so that its first visit
// only shows it; and it is kept while the clerk is on another page (issue 15,
// speed): coming back shows it as it was left — the search typed, the rows
// ticked — without drawing it again; an item added meanwhile is there when
// the clerk comes back; and nothing of the ledger (its item drawer) stays open
// behind the other page.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { e2eTest, launch, newItem, sleep } from "./harness.mjs";

const NAME = "ledger-kept";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-03-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

const searchText = () =>
  app.browser.execute(() => /** @type {HTMLInputElement | null} */ (document.querySelector('[data-testid="ledger-search"]'))?.value ?? null);
const rowNos = () =>
  app.browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="ledger-row"]')).map((r) => r.getAttribute("data-item-no")),
  );

e2eTest("督办台账 is drawn, hidden, a moment after start-up: the first visit only shows it", async () => {
  await app.waitTestId("dashboard");
  const drawnHidden = () =>
    app.browser.execute(() => {
      const page = document.querySelector('[data-kept-page="/ledger"]');
      const table = page?.querySelector('[data-testid="ledger-table"]');
      return Boolean(table) && /** @type {HTMLElement} */ (page).style.display === "none";
    });
  await app.browser.waitUntil(drawnHidden, { timeout: 10000, timeoutMsg: "the ledger should be drawn, hidden, behind the 工作台" });
  assert.ok(await (await app.byTestId("dashboard")).isDisplayed(), "the 工作台 stays shown");
  assert.equal(await app.browser.execute(() => window.location.hash), "#/dashboard");
  // The first visit shows the page drawn then: the same element, not a new one.
  await app.browser.execute(() => {
    /** @type {any} */ (window).__keptTable = document.querySelector('[data-kept-page="/ledger"] [data-testid="ledger-table"]');
  });
  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  assert.ok(
    await app.browser.execute(
      () => /** @type {any} */ (window).__keptTable === document.querySelector('[data-testid="ledger-table"]'),
    ),
    "the ledger was drawn again on its first visit",
  );
  await app.clickTestId("nav-dashboard");
  await app.waitTestId("dashboard");
});

e2eTest("the ledger comes back as it was left, with what changed meanwhile, and no drawer open behind the 工作台", async () => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  const made = await app.invoke("items_create", {
    items: [
      newItem("推进电子发票扩围", "办公厅", "2026-04-30"),
      newItem("扩围试点经验总结", "纳税服务司", "2026-05-20"),
      newItem("清理历史欠税台账", "纳税服务司", "2026-06-30"),
    ],
  });
  const [first, second] = made.map((m) => m.item_no);

  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  await app.fill("ledger-search", "扩围");
  await app.browser.waitUntil(async () => (await rowNos()).length === 2, {
    timeout: 10000,
    timeoutMsg: "the search finds the two 扩围 items",
  });
  const box = await app.browser.$(
    `[data-testid="ledger-row"][data-item-no="${first}"] .ant-table-selection-column .ant-checkbox-wrapper`,
  );
  await app.click(box);
  await app.waitText("已选 1 项");

  // An item drawer open, and the clerk goes to the 工作台 (as a shortcut or a
  // link would, past the drawer's mask).
  const row = await app.browser.$(`[data-testid="ledger-row"][data-item-no="${second}"]`);
  await app.click(await row.$('[data-testid="ledger-row-name"]'));
  await app.waitTestId("item-drawer");
  await app.browser.execute(() => {
    window.location.hash = "#/dashboard";
  });
  await app.waitTestId("dashboard");
  await sleep(500);
  assert.equal((await app.browser.$$('[data-testid="item-drawer"]')).length, 0, "the ledger's drawer is gone with it");
  assert.equal(await (await app.byTestId("ledger-page")).isDisplayed(), false, "the kept ledger is hidden");

  // Meanwhile a third 扩围 item is added.
  const [third] = await app.invoke("items_create", { items: [newItem("扩围第三批纳入名单", "办公厅", "2026-07-31")] });
  await sleep(500);

  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-page");
  assert.equal(await searchText(), "扩围", "the search typed is still there");
  await app.browser
    .waitUntil(async () => (await rowNos()).includes(third.item_no), { timeout: 10000 })
    .catch(async () => {
      throw new Error(`the item added meanwhile is not listed: ${JSON.stringify(await rowNos())}`);
    });
  assert.deepEqual((await rowNos()).sort(), [first, second, third.item_no].sort(), "the search still applies");
  await app.waitText("已选 1 项");
  assert.match(await (await app.waitTestId("ledger-total")).getText(), /共 3 项/);
  assert.equal((await app.browser.$$('[data-testid="item-drawer"]')).length, 0, "no drawer reopened");
});
