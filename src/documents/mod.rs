//! (room: documents)
