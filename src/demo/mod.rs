//! (room: demo)
