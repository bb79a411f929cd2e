//! Integration tests: rounds.
