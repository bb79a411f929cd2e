//! (room: extensions)
