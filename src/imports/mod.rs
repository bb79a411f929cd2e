//! (room: imports)
