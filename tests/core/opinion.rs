//! Integration tests of the 舆情 room (PRODUCT #15, EXCHANGE §2.6 and §5):
//! the figures on hand-made incidents, entering and marking incidents, the
//! 登记表 import, the reminder; and the 约谈 / 问责 records (PRODUCT #14).

mod accountability;
mod figures;
mod import;
mod records;
