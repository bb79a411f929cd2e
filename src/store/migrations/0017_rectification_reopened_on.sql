-- 0017: the day a 整改事项 was last reopened. A reopened item is closed again
-- on a day not before it (the history 整改落实 and the 督查情况汇总 tell must
-- stay true). Items reopened before this upgrade take the day from their
-- last 'rectification_reopen' audit entry.
ALTER TABLE rectifications ADD COLUMN reopened_on TEXT;
UPDATE rectifications
   SET reopened_on = (SELECT max(substr(a.at, 1, 10)) FROM audit_log a
                       WHERE a.entity = 'rectification' AND a.entity_id = rectifications.rect_no
                         AND a.action = 'rectification_reopen');
