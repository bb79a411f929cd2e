//! (room: countersigns)
