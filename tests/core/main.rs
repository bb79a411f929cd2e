//! Integration tests of the core, one module per module of `src/` (same names).

mod architecture;
mod assessment;
mod calendar;
mod chases;
mod circulation;
mod countersigns;
mod dashboard;
mod documents;
mod extensions;
mod imports;
mod inspections;
mod items;
mod lists;
mod opinion;
mod org;
mod print;
mod relay;
mod rhythm;
mod rounds;
mod store;
mod support;
