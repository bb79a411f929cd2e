//! 督查督办台账 (Duban) — the core. All behaviour lives here; the desktop
//! shell (`src-tauri/`), the `duban` command line (`src/bin/duban/`) and the
//! tests are doors into it. The core never reads the clock: `today`/`now`
//! arrive as arguments (see [`store::Actor`]).
//!
//! One module per capability (the numbers in brackets are the capabilities
//! cited as `PRODUCT #N`, listed in `docs/architecture.md`):
//! [`documents`] 收文登记 and 领导批示 (#1, #2), [`items`] 督办事项, progress,
//! 办结/销号, lights and the ledger query (#4, #5, #6, #9), [`extensions`]
//! 延期申请 (#8), [`chases`] 催办 (#6), [`countersigns`] 会签 (#7), [`relay`]
//! 传达学习 (#3), [`inspections`] 督查 and 整改 (#12, #13), [`dashboard`] 工作台 (#20), [`rounds`] 报送任务 (#10),
//! [`circulation`] 月度督办通报 (#11), [`opinion`] 舆情 (#15),
//! [`accountability`] 约谈 / 问责 records (#14), [`assessment`] 绩效考核 (#14),
//! [`publications`] frozen published figures (#11, #14), [`org`] 组织与人员 (#16), [`calendar`]
//! 工作日历 (#18), [`imports`] reading what partners send back, [`exports`]
//! the ledger sheet we write, [`demo`]
//! 示例数据, [`logs`] the log files for support.
//!
//! # Layers
//!
//! Modules only use modules below them; there is no cycle (the test
//! `tests/core/architecture.rs` fails on one and names it).
//!
//! - At the bottom: [`error`], [`dates`] (the one home of date text: stored
//!   and shown forms, typed dates), [`store`] (the database, migrations, audit
//!   chain, backups; #17, #19), [`sheets`] (spreadsheet reading/writing
//!   primitives), [`docx`] (print-ready Word documents), [`calendar`], [`org`], [`attachments`] (files attached to
//!   documents and completion reports) and [`reminders`] (the reminder
//!   vocabulary: `Reminder`, `ReminderKind`, the yellow `Window`, what a
//!   reminder source reads).
//! - The capabilities above them. Each owns its tables (the `items` table is
//!   [`items`]'s; see there for the reads elsewhere) and its reminder source.
//! - At the top: [`rhythm`] (the reminder scan over every capability's
//!   source, one table `rhythm::SOURCES`, and the working-day checks, #6),
//!   [`dashboard`], [`circulation`], [`assessment`] (which scores with
//!   `circulation`'s counts) and [`demo`], which read across capabilities;
//!   [`calendar_change`], which moves the dates other capabilities worked out
//!   in working days when the calendar changes.
//!   [`publications`] sits low: it stores what others computed and knows no rule;
//!   so does [`rates`], how a rate is rounded and written (按期办结率, 整改完成率).
//!
//! A new reminder kind: a `ReminderKind` variant, a source function in the
//! capability that owns its rows, one line in `rhythm::SOURCES`.

#![warn(missing_docs)]

pub mod accountability;
pub mod assessment;
pub mod attachments;
pub mod bulletins;
pub mod calendar;
pub mod calendar_change;
pub mod chases;
pub mod circulation;
pub mod countersigns;
pub mod dashboard;
pub mod dates;
pub mod demo;
pub mod documents;
pub mod docx;
pub mod error;
pub mod exports;
pub mod extensions;
pub mod imports;
pub mod inspections;
pub mod items;
pub mod logs;
pub mod opinion;
pub mod org;
pub mod outgoing;
pub mod publications;
pub mod rates;
pub mod relay;
pub mod reminders;
pub mod rhythm;
pub mod rounds;
pub mod saved_file;
pub mod sheets;
pub mod special;
pub mod store;

pub use error::{Error, Result};
