//! Integration tests of the core, one module per module of `src/` (same names).

mod architecture;
mod assessment;
mod backups;
mod bulletins;
mod calendar;
mod chases;
mod circulation;
mod corrections;
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
mod outgoing;
mod relay;
mod rhythm;
mod rounds;
mod special;
mod store;
mod support;
