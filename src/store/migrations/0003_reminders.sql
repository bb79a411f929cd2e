-- 0003: what keeps the full reminder scan lean at 200,000 items.
-- Every index is partial: it holds only what a reminder can be about, and
-- covers what the scan reads, so red/yellow items, documents past their limit
-- and milestones due are short index range reads, not table lookups.
-- The WHERE of each index is repeated word for word in the queries
-- (reminders::OPEN_STATUSES_SQL), which is what lets SQLite use it.
CREATE INDEX items_open_deadline ON items(effective_deadline, lead_party_id, item_no, name)
    WHERE status IN ('not_started', 'in_progress', 'pending_review');
-- (a document's open items use items_document, open ids use items_status:
-- both from 0002; every index on items costs every imported row)
CREATE INDEX milestones_open_due ON milestones(due, item_id, title) WHERE done_on IS NULL;
CREATE INDEX countersign_replies_open ON countersign_replies(countersign_id, party_id) WHERE replied_on IS NULL;
CREATE INDEX relay_reports_open ON relay_reports(due, document_id, party_id) WHERE reported_on IS NULL;
CREATE INDEX chases_document ON chases(document_id);
