//! Integration tests of `duban::rhythm`: the reminder scan over every
//! capability's source (rules around working days) and the check slots.

mod rules;
mod schedule;
