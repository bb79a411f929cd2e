//! (room: reminders)
