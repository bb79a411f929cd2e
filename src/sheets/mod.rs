//! (room: sheets)
