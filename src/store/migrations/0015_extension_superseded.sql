-- 0015: an approved extension stops applying when its item becomes 长期 (it
-- extended a deadline the item no longer has); should the item be dated again,
-- its deadline is the one then given, not the old extension. The extension
-- stays approved (it counts where it was approved: the month's figures).
ALTER TABLE extensions ADD COLUMN superseded_on TEXT;
-- Standing items that already carry approved extensions: the day they became
-- 长期 is not recorded, so the day of this upgrade stands in for it.
UPDATE extensions SET superseded_on = date('now', 'localtime')
 WHERE status = 'approved' AND voided_at IS NULL
   AND item_id IN (SELECT id FROM items WHERE standing = 1);
