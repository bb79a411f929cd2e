//! Black-box tests: duban reminders.
