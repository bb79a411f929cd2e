//! (room: tasks)
