//! Integration tests: circulation.
