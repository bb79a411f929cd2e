-- 0013: a standing item (长期) has no effective deadline. An extension
-- approved before an item was made standing (or approved after, which is now
-- refused) kept one, and the item was then lit red and reminded as overdue
-- while the ledger showed it with no light.
UPDATE items SET effective_deadline = NULL WHERE standing = 1 AND effective_deadline IS NOT NULL;
