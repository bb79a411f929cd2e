//! Sheets we write for people to read and print: the ledger sheet (EXCHANGE
//! §2.1 columns, lights as colours), which the ledger import reads back, and
//! every other list through one exporter ([`lists`]).
//! The monthly circulation sheet lives with its figures in
//! [`crate::circulation`], templates with their importers in
//! [`crate::imports`] and [`crate::rounds`].

pub mod ledger;
pub mod lists;
mod overlap;
pub mod rectifications;
