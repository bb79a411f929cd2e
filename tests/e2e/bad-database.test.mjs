// A database file that is not a database: the app shows a Chinese error
// screen instead of crashing, and leaves the file exactly as it was.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before } from "node:test";
import { e2eTest, launch } from "./harness.mjs";

const JUNK = "这是一份会议纪要，不是数据库。\n".repeat(50);
let app;
before(async () => {
  app = await launch("bad-database", { prepare: ({ db }) => fs.writeFileSync(db, JUNK) });
});
after(async () => {
  await app?.close();
});

e2eTest("a text file in place of the database gets a Chinese error screen and stays untouched", async (app) => {
  const msg = await (await app.waitTestId("db-error")).getText();
  assert.match(msg, /不是有效的督办台账数据库/, msg);
  assert.match(await app.pageText(), /无法打开数据库/);
  assert.equal(await (await app.byTestId("nav")).isExisting(), false, "no menu over a database that did not open");
  assert.equal(fs.readFileSync(app.db, "utf8"), JUNK, "the file is unchanged");
  assert.equal(fs.existsSync(`${app.db}-wal`), false, "no WAL file was created beside it");
});
