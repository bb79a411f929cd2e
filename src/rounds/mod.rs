//! (room: rounds)
