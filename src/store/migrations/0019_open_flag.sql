-- 0019: starting an item, or reporting it done, leaves the open-items index alone.
-- The partial index items_open_deadline (open items by deadline, covering the
-- 工作台's overdue list and the reminders) had the WHERE
-- `status NOT IN ('done', 'withdrawn')`. SQLite rewrites a partial index's
-- entry whenever an UPDATE sets a column its WHERE names, even when the row
-- stays in the index: every 未启动 → 推进中 and 推进中 → 待销号 deleted and
-- inserted again the item's entry (its number and name included). 36 feedback
-- files start 3,600 items: 1,480 of the 8,583 pages their batch wrote were
-- this index's (docs/development.md).
--
-- is_open is 1 while the item is open (未启动, 推进中, 待销号) and 0 once it is
-- 已办结 or 已撤销. A status change sets it only when it changes it
-- (items::lifecycle::set_status), and a CHECK keeps it equal to what the
-- status says, so a write that forgets it fails rather than hiding an item
-- from the reminders. SQLite tests a CHECK added by ALTER TABLE against the
-- rows already there, before they could be set: the column is added plain,
-- set, and given its CHECK the way migration 0004 changed the status rule
-- (sqlite.org/lang_altertable.html §7; the rows satisfy it).
ALTER TABLE items ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
UPDATE items SET is_open = 0 WHERE status = 'done' OR status = 'withdrawn';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
       'is_open INTEGER NOT NULL DEFAULT 1',
       'is_open INTEGER NOT NULL DEFAULT 1 CHECK (is_open = (status <> ''done'' AND status <> ''withdrawn''))')
 WHERE type = 'table' AND name = 'items';
PRAGMA writable_schema = RESET;
DROP INDEX items_open_deadline;
CREATE INDEX items_open_deadline ON items(effective_deadline, lead_party_id, item_no, name)
    WHERE is_open = 1;
