//! Integration tests of the core, one module per module of `src/` (same names).

mod architecture;
mod assessment;
mod backups;
mod calendar;
mod chases;
mod circulation;
mod countersigns;
mod daily;
mod dashboard;
mod documents;
mod extensions;
mod imports;
mod inspections;
mod items;
mod opinion;
mod org;
mod relay;
mod rhythm;
mod rounds;
mod store;
mod support;
