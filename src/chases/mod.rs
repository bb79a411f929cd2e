//! (room: chases)
