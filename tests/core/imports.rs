//! Integration tests: imports.
