//! (room: org)
