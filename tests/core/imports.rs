//! Integration tests of the imports and sheets rooms (EXCHANGE §1, §2.1,
//! §2.2, §2.4): fixtures from several producers, property tests for header
//! matching and date parsing, round trips through our own writer.

mod by_kind;
mod common;
mod dates;
mod feedback;
mod files;
mod forms;
mod headers;
mod hostile;
mod ledger;
mod loader;
mod org;
mod pieces;
mod rejected;
mod roundtrip;
