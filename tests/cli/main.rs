//! Black-box tests of the `duban` command line: run the built binary against a
//! temporary database and read its stdout, stderr and exit code.

mod basics;
mod calendar;
mod imports;
mod logs;
mod reminders;
mod rounds;
mod support;
