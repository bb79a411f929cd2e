-- 0004: writing an item without building temporary tables.
-- SQLite evaluates a constant `x IN (a, b, c, ...)` of three or more values
-- by filling a temporary b-tree each time a statement runs. Two such lists
-- were evaluated on every INSERT or status change of an item: the CHECK on
-- items.status and the WHERE of the partial index items_open_deadline. At a
-- 100,000-row ledger import they cost about a third of the insert time.
--
-- 1. The CHECK becomes a chain of equalities (same meaning). SQLite cannot
--    ALTER a CHECK; this is the procedure its documentation gives for
--    changing a constraint without rebuilding the table ("Making Other Kinds
--    Of Table Schema Changes", sqlite.org/lang_altertable.html §7). RESET
--    reloads the schema on this connection; the index change below bumps the
--    schema cookie for every other one.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
       'CHECK (status IN (''not_started'', ''in_progress'', ''pending_review'', ''done'', ''withdrawn''))',
       'CHECK (status = ''not_started'' OR status = ''in_progress'' OR status = ''pending_review'' OR status = ''done'' OR status = ''withdrawn'')')
 WHERE type = 'table' AND name = 'items';
PRAGMA writable_schema = RESET;
-- 2. The open items are "not done and not withdrawn": a two-value list,
--    which SQLite tests with two comparisons. The queries that read this
--    index repeat the WHERE word for word (reminders::CLOSED_STATUSES_SQL).
DROP INDEX items_open_deadline;
CREATE INDEX items_open_deadline ON items(effective_deadline, lead_party_id, item_no, name)
    WHERE status NOT IN ('done', 'withdrawn');
-- 3. Items are looked up by document only with `document_id = ...`, which
--    SQLite knows implies `document_id IS NOT NULL`: the items of migrated
--    ledgers and meetings (no document) need not be in this index at all.
DROP INDEX items_document;
CREATE INDEX items_document ON items(document_id, status, lead_party_id)
    WHERE document_id IS NOT NULL;
