//! (room: relay)
