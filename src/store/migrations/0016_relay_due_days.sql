-- 0016: how a key document's 传达学习 deadline was set: the working days a
-- default one was counted with (the `relay_days` setting then), NULL for one
-- set by hand. A default deadline follows a corrected 收文日期 and a change of
-- the calendar with the days it was counted with, whatever `relay_days` says
-- now. Deadlines set before this upgrade are taken as counted with the
-- setting of now (each is still checked against that count before it moves).
ALTER TABLE documents ADD COLUMN relay_due_days INTEGER;
UPDATE documents
   SET relay_due_days = coalesce(
        (SELECT nullif(CAST(trim(value) AS INTEGER), 0) FROM settings WHERE key = 'relay_days'), 5)
 WHERE relay_due IS NOT NULL;
