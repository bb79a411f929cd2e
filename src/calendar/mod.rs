//! (room: calendar)
