//! 督查督办台账 (Duban) — the core. All behaviour lives here; the desktop
//! shell (`src-tauri/`), the `duban` command line (`src/bin/duban.rs`) and the
//! tests are doors into it. The core never reads the clock: `today`/`now`
//! arrive as arguments (see [`store::Actor`]).
//!
//! One module per capability (PRODUCT.md numbers in brackets):
//! [`documents`] 收文登记 and 领导批示 (#1, #2), [`tasks`] 督办事项, progress,
//! 办结/销号, lights and the ledger query (#4, #5, #6, #9), [`extensions`]
//! 延期申请 (#8), [`chases`] 催办 (#6), [`countersigns`] 会签 (#7), [`relay`]
//! 传达学习 (#3), [`reminders`] the reminder engine (#6), [`dashboard`] 工作台
//! (#20), [`rounds`] 报送任务 (#10), [`circulation`] 月度督办通报 (#11),
//! [`org`] 组织与人员 (#16), [`calendar`] 工作日历 (#18), [`imports`] reading
//! what partners send back, [`sheets`] spreadsheet reading/writing primitives,
//! [`store`] the database, migrations, audit chain and backups (#17, #19),
//! [`demo`] 示例数据, [`logs`] the log files for support.

pub mod calendar;
pub mod chases;
pub mod circulation;
pub mod countersigns;
pub mod dashboard;
pub mod demo;
pub mod documents;
pub mod error;
pub mod extensions;
pub mod imports;
pub mod logs;
pub mod org;
pub mod relay;
pub mod reminders;
pub mod rounds;
pub mod sheets;
pub mod store;
pub mod tasks;

pub use error::{Error, Result};
