// Reminders, in the real window with the test clock: the start-up
// check and the 09:00 check fire on their own, each raising one desktop
// notification seen on the private D-Bus; the 工作台 shows the reminders
// standing at that moment; an extension approved in the UI moves the effective
// deadline and turns the light, and the original deadline is still shown.
//
// The clock starts on Thursday 2026-11-26 at 08:58; with the default yellow
// window of 3 working days an item due 11-30 (Mon) is 黄, one due 11-20 is 红,
// one due 12-31 is 绿.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { e2eTest, launch, newItem, notificationsLog, sleep } from "./harness.mjs";

let app;
before(async () => {
  app = await launch("reminders", { now: "2026-11-26 08:58:00" });
});
after(async () => {
  await app?.close();
});


/** Waits until the notification log holds `text` (dbus-monitor writes it as the app calls Notify). */
async function waitNotification(text, timeout = 20000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (notificationsLog().includes(text)) return;
    await sleep(250);
  }
  assert.fail(`no desktop notification with “${text}”; the bus saw:\n${notificationsLog().slice(-2000)}`);
}

let red;
let yellow;

e2eTest("the start-up check and the 09:00 check each raise one desktop notification", async (app) => {
  // Start-up: nothing ran before, so one catch-up check for the last slot (11-25 14:30).
  await waitNotification("督办提醒（补查 2026-11-25 14:30）");

  const org = await app.invoke("org_list");
  if (org.parties.length === 0) await app.invoke("org_seed_default");
  const made = await app.invoke("items_create", {
    items: [
      newItem("逾期未办的事项", "办公厅", "2026-11-20"),
      newItem("下周一到期的事项", "稽查局", "2026-11-30"),
      newItem("年底到期的事项", "人事司", "2026-12-31"),
    ],
  });
  red = made[0].item_no;
  yellow = made[1].item_no;
  await app.invoke("document_register", {
    input: {
      source_doc_no: "",
      title: "关于立即开展专项检查的通知",
      source_org: "国务院办公厅",
      source_category: "重要文件要求",
      urgency: "特急",
      time_limited: false,
      time_limit: null,
      received_on: "2026-11-26",
      summary: "",
      important: false,
      key_relay: false,
      attachments: [],
    },
  });
  await app.invoke("extension_request", {
    input: {
      item_no: yellow,
      requested_on: "2026-11-26",
      new_deadline: "2026-12-31",
      reason: "需征求各省局意见",
      progress_so_far: "已形成初稿",
    },
  });

  // 09:00 passes: the scheduler runs the morning check by itself.
  await app.setNow("2026-11-26 09:00:20");
  await waitNotification("督办提醒（2026-11-26 09:00）");
  const log = notificationsLog();
  assert.ok(log.includes("红灯事项 1（新转红 1）"), `the summary counts the red item:\n${log.slice(-1500)}`);
  assert.ok(log.includes("延期待审批 1"), "the summary counts the pending extension");
  const morning = log.split("督办提醒（2026-11-26 09:00）").length - 1;
  await sleep(3000);
  assert.equal(
    notificationsLog().split("督办提醒（2026-11-26 09:00）").length - 1,
    morning,
    "the 09:00 check is not fired twice",
  );
});

e2eTest("the 工作台 shows the reminders standing now, and the bell counts them", async (app) => {
  await app.clickTestId("nav-dashboard");
  await app.waitTestId("dashboard");
  const table = await app.waitTestId("dash-reminders");
  await app.browser.waitUntil(async () => (await table.getText()).includes(red), {
    timeout: 10000,
    timeoutMsg: "the red item should be listed",
  });
  const text = await table.getText();
  for (const want of ["红灯事项", "黄灯事项", "特急/限时件待分解", "延期待审批", red, yellow, "办公厅", "稽查局"]) {
    assert.ok(text.includes(want), `the reminders show “${want}”:\n${text}`);
  }
  assert.ok(!text.includes("年底到期的事项"), "a green item is not reminded");
  assert.equal(await (await app.byTestId("dash-red")).getAttribute("data-value"), "1");
  // The bell loads once the first page has painted (it leaves the start-up to the page).
  const bell = await app.waitTestId("bell-count");
  await app.browser.waitUntil(async () => (await bell.getAttribute("data-count")) === "4", {
    timeout: 10000,
    timeoutMsg: "the bell counts the four reminders",
  });
  const chart = await app.waitTestId("overdue-chart");
  assert.equal(await chart.getAttribute("data-bars"), "1", "one department has overdue items");
});

e2eTest("approving the extension in the UI moves the effective deadline and turns the light", async (app) => {
  await app.clickTestId(`rem-approve-${yellow}`);
  await app.waitTestId("extension-panel");
  await sleep(500); // the drawer's opening motion: a click during it can be lost
  assert.equal(await (await app.waitTestId("ext-original")).getText(), "2026-11-30");
  assert.equal(await (await app.byTestId("ext-effective")).getText(), "2026-11-30");
  assert.equal(await (await app.byTestId("ext-light")).getAttribute("data-light"), "yellow");

  await app.fill("ext-comment", "同意延期，请按新时限办结");
  await app.clickTestId("ext-approve");
  await app.browser.waitUntil(
    async () => {
      const err = await app.byTestId("error-message");
      if (await err.isExisting()) assert.fail(`the approval was refused: ${await err.getText()}`);
      return (await (await app.byTestId("ext-effective")).getText()) === "2026-12-31";
    },
    { timeout: 10000, timeoutMsg: "the effective deadline should become 2026-12-31" },
  );
  assert.equal(await (await app.byTestId("ext-original")).getText(), "2026-11-30", "the original deadline stays");
  assert.equal(await (await app.byTestId("ext-light")).getAttribute("data-light"), "green");
  assert.ok((await (await app.byTestId("ext-history")).getText()).includes("已批准"));
  await app.screenshot("extension-approved");

  // The success toast sits over the drawer's close button until it fades.
  await app.browser.waitUntil(async () => !(await (await app.browser.$(".ant-message-notice")).isExisting()), {
    timeout: 10000,
    timeoutMsg: "the success message should fade",
  });
  await app.closeDrawers();
  const table = await app.waitTestId("dash-reminders");
  await app.browser.waitUntil(async () => !(await table.getText()).includes(yellow), {
    timeout: 10000,
    timeoutMsg: "the approved item should leave the reminders",
  });
  const bell = await app.byTestId("bell-count");
  await app.browser.waitUntil(async () => (await bell.getAttribute("data-count")) === "2", {
    timeout: 10000,
    timeoutMsg: "the bell should count the two reminders left",
  });
  await app.screenshot("dashboard-after");
});
