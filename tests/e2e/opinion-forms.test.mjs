// The 舆情 and 绩效考核 forms in the real window (issue 11):
// - an incident the unit never reported is recorded by the office (漏报), and
//   a reported one is marked 瞒报 with a reason;
// - a reporting limit is changed in the settings card;
// - a 综合评价 score is typed in and reaches the assessment;
// - the 默认方案 is copied, a weight changed, and the copy chosen for the month.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { e2eTest, launch, sleep } from "./harness.mjs";

let app;
before(async () => {
  app = await launch("opinion-forms", { now: "2026-12-02 09:00:00" });
});
after(async () => {
  await app?.close();
});

/** The data-discipline of the incident row titled `title`, once it shows. */
async function discipline(title) {
  const row = await app.browser.$(`[data-testid="incident-row"][data-title="${title}"]`);
  await row.waitForExist({ timeout: 10000, timeoutMsg: `incident “${title}” listed` });
  return row.getAttribute("data-discipline");
}

e2eTest("舆情: 漏报 recorded by the office, 瞒报 marked, a limit changed; 绩效: 综合评价 typed in, a scheme copied and chosen", async (app) => {
  if ((await app.invoke("org_list")).parties.length === 0) await app.invoke("org_seed_default");
  await app.invoke("opinion_create", {
    input: {
      party: "天津市税务局",
      title: "热线投诉集中",
      occurred_at: "2026-11-06T09:00:00",
      discovered_at: "2026-11-06T09:20:00",
      reported_at: "2026-11-06T10:00:00",
      channel: "12366",
      level: "general",
      negative: true,
      handling: "",
      status: "handled",
      note: "",
    },
    by_office: false,
  });

  await app.clickTestId("nav-opinion");
  await app.waitTestId("opinion-page");
  await app.fill("opinion-month", "2026-11");
  await app.clickTestId("opinion-load");
  assert.equal(await discipline("热线投诉集中"), "on_time");

  // 漏报: found by the office, never reported by 北京.
  await app.clickTestId("incident-new");
  await app.selectOption("incident-party", "北京市税务局");
  await app.fill("incident-title", "网传办税服务厅排长队");
  await app.fill("incident-occurred", "2026-11-10 09:00");
  await app.fill("incident-discovered", "2026-11-10 09:30");
  await app.click(await app.browser.$("//div[contains(@class,'ant-modal-content')]//label[.//span[normalize-space(.)='重大']]"));
  await app.clickText("单位未报告，由本办发现登记（计为漏报）");
  await app.clickTestId("incident-save");
  await app.waitText("已登记舆情“网传办税服务厅排长队”");
  assert.equal(await discipline("网传办税服务厅排长队"), "missing");

  // A 报告时间 written as a date alone is the end of that day (23:59), as in
  // the sheet: reported the same day as a 10:00 discovery, not before it.
  await app.clickTestId("incident-new");
  await app.selectOption("incident-party", "河北省税务局");
  await app.fill("incident-title", "当日报告的舆情");
  await app.fill("incident-occurred", "2026-11-12 09:00");
  await app.fill("incident-discovered", "2026-11-12 10:00");
  await app.fill("incident-reported", "2026-11-12");
  await app.clickTestId("incident-save");
  await app.waitText("已登记舆情“当日报告的舆情”");
  const hebei = await app.invoke("opinion_list", { filter: { month: { year: 2026, month: 11 }, party: "河北省税务局", open_only: false } });
  assert.equal(hebei.find((i) => i.title === "当日报告的舆情")?.reported_at, "2026-11-12T23:59:00");

  // Saved again unchanged, an incident keeps its seconds: reported 30 s past
  // its limit, it stays 迟报.
  const limits = await app.invoke("opinion_limits");
  const late = new Date(Date.UTC(2026, 10, 13, 9, 0, 30) + limits.critical * 60000).toISOString().slice(0, 19);
  await app.invoke("opinion_create", {
    input: {
      party: "山西省税务局",
      title: "超时三十秒",
      occurred_at: "2026-11-13T08:00:00",
      discovered_at: "2026-11-13T09:00:00",
      reported_at: late,
      channel: "",
      level: "critical",
      negative: true,
      handling: "",
      status: "handling",
      note: "",
    },
    by_office: false,
  });
  await app.clickTestId("opinion-load");
  assert.equal(await discipline("超时三十秒"), "late");
  const lateRow = await app.browser.$('[data-testid="incident-row"][data-title="超时三十秒"]');
  await app.click(await lateRow.$('[data-testid="incident-edit"]'));
  const editedTitle = await app.waitTestId("incident-title");
  await app.browser.waitUntil(async () => (await editedTitle.getValue()) === "超时三十秒", {
    timeout: 10000,
    timeoutMsg: "the form shows the incident",
  });
  assert.equal(await (await app.waitTestId("incident-reported")).getValue(), late.replace("T", " "), "seconds shown");
  // (A first click on a dialog just opened is sometimes taken and does
  // nothing in the full suite; see the harness's clickUntil.)
  const saved = async () =>
    (await app.browser.$("//*[contains(text(),'舆情已修改')]")).waitForDisplayed({ timeout: 4000 }).then(
      () => true,
      () => false,
    );
  await app.clickUntil("incident-save", saved, "saving the incident");
  const shanxi = await app.invoke("opinion_list", { filter: { month: { year: 2026, month: 11 }, party: "山西省税务局", open_only: false } });
  assert.equal(shanxi.find((i) => i.title === "超时三十秒")?.reported_at, late);
  assert.equal(await discipline("超时三十秒"), "late");

  // A bad time is refused in the form, in Chinese.
  await app.clickTestId("incident-new");
  await app.fill("incident-occurred", "11月10日");
  await app.clickTestId("incident-save");
  await app.waitText("发生时间“11月10日”格式不对");
  await app.browser.keys("Escape");
  await sleep(500);

  // 瞒报: 天津's incident, with the office's reason.
  const row = await app.browser.$('[data-testid="incident-row"][data-title="热线投诉集中"]');
  await app.click(await row.$('[data-testid="incident-conceal"]'));
  await app.fill("conceal-reason", "经核实，单位对负面影响隐瞒不报");
  await app.clickTestId("conceal-save");
  await app.waitText("已认定“热线投诉集中”为瞒报");
  await app.browser.waitUntil(async () => (await discipline("热线投诉集中")) === "concealed", {
    timeout: 10000,
    timeoutMsg: "the incident shows 瞒报",
  });
  const stats = await app.invoke("opinion_stats", { month: "2026-11" });
  assert.equal(stats.find((s) => s.party === "天津市税务局")?.concealed, 1);
  assert.equal(stats.find((s) => s.party === "北京市税务局")?.missing, 1);

  // The 一般 limit becomes 4 hours.
  await app.fill("limit-general", "240");
  await app.clickTestId("limit-save-general");
  await app.waitText("一般舆情的报告时限已改为 240 分钟");
  assert.equal((await app.invoke("opinion_limits")).general, 240);

  // 综合评价 of 办公厅 for November, typed in.
  await app.clickTestId("nav-assessment");
  await app.waitTestId("assessment-page");
  await app.fill("assess-period", "2026-11");
  await app.clickTestId("assess-load");
  await app.clickTestId("assess-tab-manual");
  const manual = await app.browser.$('[data-testid="manual-row"][data-party="办公厅"]');
  await manual.waitForDisplayed({ timeout: 10000, timeoutMsg: "办公厅 in the 综合评价 list" });
  const input = await manual.$('[data-testid="manual-score"] input, input[data-testid="manual-score"]');
  await input.click();
  await input.addValue("95");
  await app.click(await manual.$('[data-testid="manual-save"]'));
  await app.waitText("已保存办公厅的综合评价");
  const view = await app.invoke("assessment_view", { period: "2026-11", as_of: null });
  const office = view.live.departments.find((p) => p.party === "办公厅");
  assert.equal(office?.indicators.find((i) => i.id === "manual")?.value, 95, "the typed score is the 综合评价 indicator");
  await assert.rejects(
    app.invoke("assessment_set_manual", { period: "2026-11", party: "办公厅", score: 120, note: "" }),
    /0.*100/,
  );

  // A copy of the 默认方案 with another weight, chosen for November.
  await app.clickTestId("assess-tab-schemes");
  await app.clickTestId("scheme-copy");
  await app.fill("scheme-new-name", "2026年度调整方案");
  await app.clickTestId("scheme-copy-ok");
  await app.waitText("已复制为“2026年度调整方案”");
  await app.browser.waitUntil(async () => (await app.selectedOptions("scheme-select"))[0] === "2026年度调整方案", {
    timeout: 10000,
    timeoutMsg: "the copy is shown",
  });
  await app.fill("scheme-departments-on_time_rate", "60");
  await app.clickTestId("scheme-save");
  await app.waitText("已保存考核方案“2026年度调整方案”");
  await app.clickTestId("scheme-choose");
  await app.waitText("2026-11 将按“2026年度调整方案”计分");
  await app.browser.waitUntil(async () => /2026年度调整方案/.test(await (await app.waitTestId("scheme-current")).getText()), {
    timeout: 5000,
    timeoutMsg: "the page shows the scheme now in use",
  });
  const after = await app.invoke("assessment_view", { period: "2026-11", as_of: null });
  assert.equal(after.live.scheme, "2026年度调整方案");
  const schemes = await app.invoke("assessment_schemes");
  assert.equal(schemes.find((s) => s.name === "2026年度调整方案")?.body.departments.on_time_rate, 60);
}, { timeout: 240000 });
