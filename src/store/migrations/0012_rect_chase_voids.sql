-- 0012: a 整改 催办 recorded by mistake is voided (作废) like a 催办 of an
-- item (0011): marked with when, by whom and why, kept and shown struck
-- through on the 整改事项's chase history.
ALTER TABLE rectification_chases ADD COLUMN voided_at TEXT;
ALTER TABLE rectification_chases ADD COLUMN voided_by TEXT;
ALTER TABLE rectification_chases ADD COLUMN void_reason TEXT;
