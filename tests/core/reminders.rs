//! Integration tests: reminders.
