//! (room: circulation)
