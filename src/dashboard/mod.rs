//! (room: dashboard)
