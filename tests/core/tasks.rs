//! Integration tests: tasks.
