-- 0011: corrections (issue 13). A mistaken record is voided (作废), never deleted:
-- it stays in its table, marked with when, by whom and why, and stays visible
-- (struck through) on its timeline, but every figure, list count, light and
-- reminder leaves it out (each owner's queries test `voided_at IS NULL`).
-- An import is voided with every row that carries its import_id; an item an
-- import created is voided too (and withdrawn, so that every figure that
-- already leaves withdrawn items out leaves it out).
ALTER TABLE items ADD COLUMN voided_at TEXT;
ALTER TABLE items ADD COLUMN voided_by TEXT;
ALTER TABLE items ADD COLUMN void_reason TEXT;
ALTER TABLE progress ADD COLUMN voided_at TEXT;
ALTER TABLE progress ADD COLUMN voided_by TEXT;
ALTER TABLE progress ADD COLUMN void_reason TEXT;
ALTER TABLE completion_reports ADD COLUMN voided_at TEXT;
ALTER TABLE completion_reports ADD COLUMN voided_by TEXT;
ALTER TABLE completion_reports ADD COLUMN void_reason TEXT;
ALTER TABLE milestones ADD COLUMN voided_at TEXT;
ALTER TABLE milestones ADD COLUMN voided_by TEXT;
ALTER TABLE milestones ADD COLUMN void_reason TEXT;
ALTER TABLE instructions ADD COLUMN voided_at TEXT;
ALTER TABLE instructions ADD COLUMN voided_by TEXT;
ALTER TABLE instructions ADD COLUMN void_reason TEXT;
ALTER TABLE chases ADD COLUMN voided_at TEXT;
ALTER TABLE chases ADD COLUMN voided_by TEXT;
ALTER TABLE chases ADD COLUMN void_reason TEXT;
ALTER TABLE extensions ADD COLUMN voided_at TEXT;
ALTER TABLE extensions ADD COLUMN voided_by TEXT;
ALTER TABLE extensions ADD COLUMN void_reason TEXT;
ALTER TABLE rounds ADD COLUMN voided_at TEXT;
ALTER TABLE rounds ADD COLUMN voided_by TEXT;
ALTER TABLE rounds ADD COLUMN void_reason TEXT;
ALTER TABLE round_reports ADD COLUMN voided_at TEXT;
ALTER TABLE round_reports ADD COLUMN voided_by TEXT;
ALTER TABLE round_reports ADD COLUMN void_reason TEXT;
ALTER TABLE imports ADD COLUMN voided_at TEXT;
ALTER TABLE imports ADD COLUMN voided_by TEXT;
ALTER TABLE imports ADD COLUMN void_reason TEXT;
-- A voided file may be imported again (corrected, or the same file by mistake voided):
-- only live imports are unique by kind and content.
DROP INDEX imports_kind_hash;
CREATE UNIQUE INDEX imports_kind_hash ON imports(kind, sha256) WHERE voided_at IS NULL;
-- Attachments of progress entries (佐证材料) use owner_kind 'progress'; no schema change.
-- Whether any item is voided at all (the ledger's fast paths stay when none is).
CREATE INDEX items_voided ON items(id) WHERE voided_at IS NOT NULL;
-- The milestone reminders read undone milestones from a partial index: voided
-- ones leave it (the query repeats this WHERE word for word).
DROP INDEX milestones_open_due;
CREATE INDEX milestones_open_due ON milestones(due, item_id, title)
    WHERE done_on IS NULL AND voided_at IS NULL;
