-- 0002: what keeps the ledger query fast at 200,000 items.
-- Every index on items is paid for by every import row: keep only those a
-- query uses. Lights are date ranges over open, dated items (items_status);
-- deadline ranges and deadline order use items_deadline_order; a document's
-- items (counts, unsplit documents) use items_document.
DROP INDEX items_status;
CREATE INDEX items_status ON items(status, standing, effective_deadline);
DROP INDEX items_deadline;
DROP INDEX items_created;
DROP INDEX items_done;
DROP INDEX items_document;
CREATE INDEX items_document ON items(document_id, status, lead_party_id);
-- Sorting by deadline with standing (undated) items last.
CREATE INDEX items_deadline_order ON items(coalesce(effective_deadline, '9999-12-31'), id);
-- Chinese substring search (tasks::search): each pair of neighbouring
-- characters is one token (纳税服务 → 纳税 税服 服务), so the phrase of a
-- query's pairs matches the items holding the query as a substring of one
-- field (spaces, punctuation and letter case ignored). The table is
-- contentless: it stores only the tokens.
-- A derived index, filled lazily; items_search_stale notes edited items.
CREATE VIRTUAL TABLE item_search USING fts5(text, content = '', contentless_delete = 1);
CREATE TABLE item_search_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    indexed INTEGER NOT NULL   -- the highest items.id that has been indexed
);
INSERT INTO item_search_state(id, indexed) VALUES (1, 0);
CREATE TABLE item_search_stale (item_id INTEGER PRIMARY KEY);
CREATE TRIGGER items_search_stale AFTER UPDATE OF item_no, name, requirement ON items
BEGIN
    INSERT OR IGNORE INTO item_search_stale(item_id) VALUES (new.id);
END;
