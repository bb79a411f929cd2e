//! Every event the backend sends the window: its name and its payload, in
//! one place. The UI gets them generated (`ui/src/api/generated/events.ts`),
//! so that neither side copies a name by hand.

use serde::Serialize;

/// Someone started the app a second time (payload: `null`); the running
/// window comes to the front and says so.
pub const SECOND_INSTANCE_EVENT: &str = "duban://second-instance";

/// A reminder check ran (payload: [`duban::reminders::CheckSummary`]).
pub const REMINDERS_EVENT: &str = "duban://reminders";

/// A command changed the database (payload: [`Changed`]); every page that
/// shows stored data reloads when it hears it.
pub const CHANGED_EVENT: &str = "duban://changed";

/// What [`CHANGED_EVENT`] carries: which command wrote.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Changed {
    /// The command that wrote (`item_accept`, `imports_run` ...).
    pub command: String,
}

/// An import batch advanced (payload: [`duban::imports::ImportProgress`]):
/// after each file, and within a large ledger after each piece of rows.
pub const IMPORT_PROGRESS_EVENT: &str = "duban://import-progress";
