//! Embedded, append-only SQL migrations tracked by `PRAGMA user_version`.
//! A migration that has landed is never edited: add the next file.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The migrations in order; `user_version` = how many have been applied.
/// Append new migrations at the end of this list, numbered after the last one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("migrations/0001_foundation.sql"),
    ),
    (
        "0002_ledger_search",
        include_str!("migrations/0002_ledger_search.sql"),
    ),
    (
        "0003_reminders",
        include_str!("migrations/0003_reminders.sql"),
    ),
    (
        "0004_lean_item_writes",
        include_str!("migrations/0004_lean_item_writes.sql"),
    ),
    ("0006_opinion", include_str!("migrations/0006_opinion.sql")),
    (
        "0007_inspections",
        include_str!("migrations/0007_inspections.sql"),
    ),
    (
        "0008_assessment",
        include_str!("migrations/0008_assessment.sql"),
    ),
    (
        "0010_outgoing",
        include_str!("migrations/0010_outgoing.sql"),
    ),
    (
        "0011_corrections",
        include_str!("migrations/0011_corrections.sql"),
    ),
    (
        "0012_rect_chase_voids",
        include_str!("migrations/0012_rect_chase_voids.sql"),
    ),
    (
        "0013_standing_without_deadline",
        include_str!("migrations/0013_standing_without_deadline.sql"),
    ),
    (
        "0014_import_scope",
        include_str!("migrations/0014_import_scope.sql"),
    ),
    (
        "0015_extension_superseded",
        include_str!("migrations/0015_extension_superseded.sql"),
    ),
    (
        "0016_relay_due_days",
        include_str!("migrations/0016_relay_due_days.sql"),
    ),
    (
        "0017_rectification_reopened_on",
        include_str!("migrations/0017_rectification_reopened_on.sql"),
    ),
    (
        "0018_document_void",
        include_str!("migrations/0018_document_void.sql"),
    ),
    (
        "0019_open_flag",
        include_str!("migrations/0019_open_flag.sql"),
    ),
];

/// Applies the missing migrations, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, MIGRATIONS.len())
}

/// Applies migrations up to `target` (tests use it to build an older schema).
pub fn migrate_to(conn: &mut Connection, target: usize) -> Result<()> {
    let current: usize =
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > MIGRATIONS.len() {
        return Err(Error::BadFile(format!(
            "数据库的版本（{current}）比本程序新（{}）。请使用更新版本的督办台账打开它。",
            MIGRATIONS.len()
        )));
    }
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().take(target).skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
