// Correcting mistakes in the window (issue 13):
// - an item's 牵头部门 is corrected from its drawer (修改, with a reason) and
//   the item moves to the other department in the ledger's filter;
// - a progress entry recorded by mistake is voided (作废, with a reason): it
//   stays, struck through, with 已作废：原因;
// - a progress entry's evidence file opens with a click (in the e2e build the
//   opened copy's path is recorded instead of starting a program), and one
//   more file is attached to it afterwards (添加佐证);
// - a closed item's 完成时限 cannot be corrected: the refusal shows in Chinese.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import { e2eTest, launch, newItem, sleep } from "./harness.mjs";

const NAME = "corrections";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-03-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

const OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";

/** Picks `option` in the antd Select `id`, typing `search` to find it. */
async function choose(id, option, search = option) {
  const opt = await app.browser.$(`${OPEN_DROPDOWN} .ant-select-item-option[title^="${option}"]`);
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
  else await app.browser.execute((o) => o.click(), opt);
  await sleep(200);
}

/** The 事项编号 the ledger lists, once they are `want`. */
async function waitLedger(want) {
  let nos = [];
  await app.browser
    .waitUntil(
      async () => {
        nos = [];
        for (const el of await app.browser.$$('[data-testid="ledger-row-no"]')) nos.push(await el.getText());
        return JSON.stringify([...nos].sort()) === JSON.stringify([...want].sort());
      },
      { timeout: 10000 },
    )
    .catch(() => {
      throw new Error(`the ledger should list [${want.join(", ")}], it lists ${JSON.stringify(nos)}`);
    });
}

/** Opens the item drawer of `itemNo` from the ledger (it must be listed). */
async function openItem(itemNo) {
  const row = await app.browser.$(`[data-testid="ledger-row"][data-item-no="${itemNo}"]`);
  await row.waitForDisplayed({ timeout: 10000, timeoutMsg: `${itemNo} is not in the ledger` });
  await app.click(await row.$('[data-testid="ledger-row-name"]'));
  await app.waitTestId("item-drawer");
  await sleep(600); // the drawer slides in
}

/** Clicks the tab `id` in the open item drawer until `shows` is displayed. */
async function openTab(id, shows) {
  for (let i = 0; i < 5; i++) {
    await app.clickTestId(id);
    if (await (await app.byTestId(shows)).waitForDisplayed({ timeout: 2000 }).catch(() => false)) return;
  }
  await app.waitTestId(shows);
}

let progressId = 0;
let evidenceId = 0;
let withEvidenceId = 0;
const evidenceName = "整改方案（第二稿）.txt";

e2eTest("setup: the organisation, an open item with two progress entries (one with evidence) and a closed item", async () => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  const made = await app.invoke("items_create", {
    items: [
      newItem("推进电子发票扩围", "办公厅", "2026-04-30"),
      newItem("清理历史欠税台账", "办公厅", "2026-02-20", { status: "done", done_on: "2026-02-18" }),
    ],
  });
  assert.deepEqual(
    made.map((m) => m.item_no),
    ["DB2026-0001", "DB2026-0002"],
  );
  const input = (text) => ({
    reported_on: "2026-03-01",
    text,
    reporter: "王明",
    party_id: null,
    problems: "",
    next_steps: "",
  });
  progressId = await app.invoke("item_add_progress", { item_no: "DB2026-0001", input: input("误录：这是另一事项的进展。") });
  const file = path.join(app.dir, evidenceName);
  fs.writeFileSync(file, "电子发票扩围整改方案\n");
  withEvidenceId = await app.invoke("item_add_progress_with_evidence", {
    item_no: "DB2026-0001",
    input: input("已印发扩围方案。"),
    files: [file],
  });
  const detail = await app.invoke("item_get", { item_no: "DB2026-0001" });
  const entry = detail.progress.find((p) => p.id === withEvidenceId);
  assert.ok(entry, "the entry with evidence is listed");
  assert.equal(entry.evidence.length, 1, "the evidence is attached to the entry");
  evidenceId = entry.evidence[0].id;
});

e2eTest("correcting the 牵头部门 moves the item to the other department in the ledger", async () => {
  await app.clickTestId("nav-ledger");
  await app.waitTestId("ledger-table");
  await choose("ledger-filter-party", "纳税服务司", "纳服");
  await waitLedger([]);
  await app.clickTestId("ledger-filter-reset");
  await waitLedger(["DB2026-0001", "DB2026-0002"]);

  await openItem("DB2026-0001");
  await app.clickTestId("item-edit");
  await app.waitTestId("item-edit-name");
  await choose("item-edit-lead", "纳税服务司", "纳服");
  await app.fill("item-edit-reason", "登记时牵头部门选错。");
  await app.clickTestId("item-edit-ok");
  await app.waitText("已修改事项 DB2026-0001 的 1 项内容。");
  await app.browser.waitUntil(async () => (await (await app.waitTestId("item-lead")).getText()) === "纳税服务司", {
    timeout: 10000,
    timeoutMsg: "the drawer shows the corrected 牵头部门",
  });
  await app.closeDrawers();

  await choose("ledger-filter-party", "纳税服务司", "纳服");
  await waitLedger(["DB2026-0001"]);
  await choose("ledger-filter-party", "办公厅");
  await waitLedger(["DB2026-0002"]);
  await app.clickTestId("ledger-filter-reset");
  await waitLedger(["DB2026-0001", "DB2026-0002"]);
});

e2eTest("a progress entry recorded by mistake is voided: struck through, with its reason", async () => {
  await openItem("DB2026-0001");
  await openTab("item-tab-progress", "item-progress");
  await app.clickTestId(`void-progress-${progressId}`);
  await app.fill("void-reason", "录错事项");
  await app.clickTestId("void-ok");
  await app.waitText("已作废进展记录。");
  const tag = await app.waitTestId(`progress-voided-${progressId}`);
  assert.equal(await tag.getText(), "已作废：录错事项");
  const text = await app.waitTestId(`progress-text-${progressId}`);
  const del = await text.$("del");
  assert.ok(await del.isExisting(), "the voided entry's text is struck through");
  assert.equal(await del.getText(), "误录：这是另一事项的进展。");
  assert.ok(!(await (await app.byTestId(`void-progress-${progressId}`)).isExisting()), "a voided entry offers no 作废");
  await app.screenshot("progress-voided");
});

e2eTest("a click on a progress entry's evidence opens a copy of the file", async () => {
  assert.deepEqual(app.openedFiles(), []);
  await app.clickTestId(`attachment-${evidenceId}`);
  await app.waitText(`已打开“${evidenceName}”。`);
  const opened = app.openedFiles();
  assert.equal(opened.length, 1, `one file opened: ${JSON.stringify(opened)}`);
  assert.equal(path.basename(opened[0]), evidenceName, "the copy has the original name");
  assert.ok(opened[0].includes("duban-open"), `the copy is in the temporary folder: ${opened[0]}`);
  assert.equal(fs.readFileSync(opened[0], "utf8"), "电子发票扩围整改方案\n");

  // 添加佐证 afterwards: the file dialog is answered with a second file.
  const more = path.join(app.dir, "会议纪要.txt");
  fs.writeFileSync(more, "纪要\n");
  app.queuePick(more);
  await app.clickTestId(`evidence-add-progress-${withEvidenceId}`);
  await app.waitText("已添加佐证材料。");
  await app.waitText("会议纪要.txt", { exact: true });
  await app.closeDrawers();
});

e2eTest("correcting a closed item's 完成时限 is refused in Chinese and changes nothing", async () => {
  await openItem("DB2026-0002");
  await app.clickTestId("item-edit");
  await app.waitTestId("item-edit-name");
  await app.typeDate("item-edit-deadline", "2026-02-27");
  await app.fill("item-edit-reason", "时限录错");
  await app.clickTestId("item-edit-ok");
  const msg = await app.waitTestId("error-message");
  assert.match(await msg.getText(), /不能修改完成时限/);
  const detail = await app.invoke("item_get", { item_no: "DB2026-0002" });
  assert.equal(detail.row.deadline, "2026-02-20", "nothing was written");
  await app.screenshot("closed-deadline-refused");
});
