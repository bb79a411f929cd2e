// A year typed in by hand on the 日历 page (issue 13): a click on a day of
// 2027 (not loaded yet) sets it to 节假日 (春节); its colour changes and the
// year counts as covered by the office's schedule (that deadlines counted
// over the day move is the core test calendar::by_hand).
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { e2eTest, launch, sleep } from "./harness.mjs";

const NAME = "calendar-day";
let app;
before(async () => {
  app = await launch(NAME, { now: "2026-12-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** The kind and background colour of the day cell `date`. */
function cell(date) {
  return app.browser.execute((d) => {
    const el = document.querySelector(`[data-testid="cal-day"][data-date="${d}"]`);
    return el ? { kind: el.getAttribute("data-kind"), background: getComputedStyle(el).backgroundColor } : null;
  }, date);
}

e2eTest("a day of 2027 set to 节假日 by hand changes colour and is no longer a working day", async () => {
  await app.clickTestId("nav-calendar");
  await app.waitTestId("calendar-page");
  // In December the page shows next year.
  await app.browser.waitUntil(async () => (await (await app.waitTestId("cal-summary")).getAttribute("data-year")) === "2027", {
    timeout: 10000,
    timeoutMsg: "the page shows 2027",
  });
  assert.equal(await (await app.byTestId("cal-summary")).getAttribute("data-covered"), "false", "2027 is not loaded yet");
  const before = await cell("2027-02-10");
  assert.equal(before?.kind, "工作日");

  await app.click(await app.browser.$('[data-testid="cal-day"][data-date="2027-02-10"]'));
  await app.waitTestId("cal-day-form");
  await sleep(400);
  await app.click(await (await app.waitTestId("cal-day-kind")).$(".//label[contains(., '节假日')]"));
  await app.fill("cal-day-name", "春节");
  await app.clickTestId("cal-day-save");
  await app.waitText("已将 2027-02-10 设为节假日（春节）");

  await app.browser
    .waitUntil(async () => (await cell("2027-02-10"))?.kind === "节假日", { timeout: 10000 })
    .catch(async () => {
      throw new Error(`the day did not become 节假日: ${JSON.stringify(await cell("2027-02-10"))}`);
    });
  const after = await cell("2027-02-10");
  assert.notEqual(after?.background, before?.background, "the colour changes");
  assert.equal(after?.background, "rgb(255, 204, 199)", "the 节假日 colour");
  assert.equal(await (await app.byTestId("cal-summary")).getAttribute("data-covered"), "true", "2027 now has the office's schedule");

  // Stored: no longer a working day, with its name.
  const view = await app.invoke("calendar_year", { year: 2027 });
  const day = view.days.find((x) => x.date === "2027-02-10");
  assert.deepEqual([day?.kind, day?.name, day?.workday], ["节假日", "春节", false]);
}, { timeout: 120000 });
