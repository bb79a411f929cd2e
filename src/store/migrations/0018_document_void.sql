-- 0018: a document registered by mistake (a wrong year, twice, not ours) is
-- voided like the records of 0011: it stays, marked 已作废 with who, when and
-- why, and leaves the 待分解 count, the reminders and the 传达学习 lists.
ALTER TABLE documents ADD COLUMN voided_at TEXT;
ALTER TABLE documents ADD COLUMN voided_by TEXT;
ALTER TABLE documents ADD COLUMN void_reason TEXT;
