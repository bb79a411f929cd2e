//! 绩效考核 (EXCHANGE §6) and the publications that freeze it: the rules on
//! hand-made facts, then the scores from a real database, publishing, schemes
//! and 综合评价.

mod publications;
mod rules;
mod stored;
