//! Integration tests: calendar.
