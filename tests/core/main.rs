//! Integration tests of the core, one module per room of `src/`.

mod architecture;
mod calendar;
mod circulation;
mod documents;
mod imports;
mod reminders;
mod rounds;
mod store;
mod support;
mod tasks;
