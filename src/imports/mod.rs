//! Reading what partners send back (EXCHANGE §1 and the sheets of §2): one
//! importer per sheet kind feeding one loader, so that parsing stays apart
//! from saving (atuin's `Importer` + `Loader`).
//!
//! # The two steps
//!
//! 1. **Parse and validate** ([`Importer::parse`]): the loader opens the file
//!    ([`crate::sheets::read::open_bytes`]), and the importer turns the
//!    workbook into planned rows, rejected rows (file/sheet/Excel row/column/
//!    reason) and warnings. It may read the database, never write it.
//! 2. **Apply** ([`Importer::apply`]): the loader opens one transaction,
//!    records the file in `imports` (name, sha256, party), applies every
//!    planned row linked to its [`ImportSource`] (file, sheet, row), appends
//!    one audit entry for the whole file and commits. A file with any bad row
//!    applies nothing unless [`ImportOptions::apply_valid_rows`] is set (status
//!    `partial`); rejected rows are counted all but kept only up to
//!    [`REJECTED_ROWS`] ([`Rejections`]), so a file of bad rows stays small; a file whose content hash was already imported for this kind
//!    is `duplicate` and changes nothing; [`ImportOptions::dry_run`] runs the
//!    very same path and rolls back, so it reports exactly what a real run would.
//!
//! # Large files and batches
//!
//! A kind whose files grow large (the ledger: [`Importer::reads_in_pieces`])
//! reads an `.xlsx` piece by piece with a [`SheetParser`] on a second thread
//! while the loader applies the rows already planned, inside the same one
//! transaction (`pieces.rs`): the outcome, all or nothing included, is the
//! whole-file path's, and memory stays at one piece. [`import_files`] reads
//! and opens the next file of a batch while the current one is applied.
//!
//! # Adding a sheet kind
//!
//! Implement [`Importer`] (its `Row` is whatever the apply step needs), give
//! it an [`ImportKind`], and call [`import_file`] / [`import_bytes`] with it.
//! The round-report importer of `crate::rounds` plugs in this way with
//! [`ImportKind::Report`], reading [`ImportOptions::round`]; it can use
//! [`crate::sheets::read::Grid::text`] for form-like sheets that have no
//! header row.

mod apply;
mod batch_write;
mod by_kind;
mod feedback;
pub mod forms;
mod history;
pub mod ledger;
mod loader;
mod opinion;
mod org;
mod party_form;
mod pieces;
pub mod rectification;
pub mod rectification_template;
pub mod roster;
pub mod template;
mod void;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::org::reconcile::OrgPlan;
use crate::org::PartyIndex;
use crate::sheets::{Grid, RowIssue, Workbook};
use crate::store::Actor;

pub use crate::items::ImportSource;
pub use by_kind::{import_kind, SearchIndex};
pub use feedback::{FeedbackImporter, FEEDBACK_FIELDS};
pub use history::{history, ImportRecord};
pub use ledger::{LedgerImporter, LEDGER_FIELDS};
pub(crate) use loader::import_file_of;
pub use loader::{
    content_hash, dry_run_store, import_bytes, import_file, import_files, sheet_files, ImportBatch,
};
pub use opinion::{OpinionImporter, OPINION_FIELDS};
pub use org::{OrgImporter, LEADER_FIELDS, ORG_FIELDS};
pub use rectification::{RectificationImporter, RECTIFICATION_FIELDS};
pub use void::{void_import, ImportVoided};

/// The kind of sheet, as stored in `imports.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// 督办事项台账 (§2.1): creates items.
    Ledger,
    /// 落实情况反馈表 (§2.2): progress and completion reports.
    Feedback,
    /// 报送表 of a reporting round (§2.3, `crate::rounds`).
    Report,
    /// 组织机构 (§2.4).
    Org,
    /// 舆情情况登记表 (§2.6): a unit's public-opinion incidents.
    Opinion,
    /// 综合评价 of a 绩效考核 period (`crate::assessment`).
    Assessment,
    /// 整改情况反馈表 (§2.7): a unit's report on its 整改事项.
    Rectification,
}

impl ImportKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Ledger => "ledger",
            ImportKind::Feedback => "feedback",
            ImportKind::Report => "report",
            ImportKind::Org => "org",
            ImportKind::Opinion => "opinion",
            ImportKind::Assessment => "assessment",
            ImportKind::Rectification => "rectification",
        }
    }
    /// From the stored code.
    pub fn from_code(s: &str) -> Option<ImportKind> {
        match s {
            "ledger" => Some(ImportKind::Ledger),
            "feedback" => Some(ImportKind::Feedback),
            "report" => Some(ImportKind::Report),
            "org" => Some(ImportKind::Org),
            "opinion" => Some(ImportKind::Opinion),
            "assessment" => Some(ImportKind::Assessment),
            "rectification" => Some(ImportKind::Rectification),
            _ => None,
        }
    }
    /// 督办事项台账 / 落实情况反馈表 / 报送表 / 组织机构 / 舆情情况登记表 / 综合评价表.
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Ledger => "督办事项台账",
            ImportKind::Feedback => "落实情况反馈表",
            ImportKind::Report => "报送表",
            ImportKind::Org => "组织机构",
            ImportKind::Opinion => "舆情情况登记表",
            ImportKind::Assessment => "综合评价表",
            ImportKind::Rectification => "整改情况反馈表",
        }
    }
}

/// How to run an import.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ImportOptions {
    /// Validate and report exactly as a real run would; write nothing.
    pub dry_run: bool,
    /// Apply the valid rows of a file that has bad ones (status `partial`).
    pub apply_valid_rows: bool,
    /// The reporting party when the sheet does not say (feedback, reports).
    pub party: Option<String>,
    /// The reporting round, when a report file does not carry it.
    pub round: Option<i64>,
    /// Put a preview line per planned row into the report (the UI's table),
    /// for the first [`PREVIEW_ROWS`] planned rows of each file.
    pub with_rows: bool,
    /// Told as the batch advances (the window's progress bar); not part of
    /// the contract, never serialised.
    #[serde(skip)]
    #[ts(skip)]
    pub progress: ProgressSink,
}

/// How far a batch has come: told after each file, and within a file read
/// piece by piece (a 100,000-row ledger) after each piece.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportProgress {
    /// The file being read (as given).
    pub file: String,
    /// Its place in the batch, from 0.
    pub file_index: u32,
    /// Files in the batch.
    pub files: u32,
    /// Rows of this file read and checked so far.
    pub rows_read: u32,
    /// Whether this file is finished (its report is ready).
    pub done: bool,
}

/// What a [`ProgressSink`] calls.
type TellProgress = dyn Fn(&ImportProgress) + Send + Sync;

/// Where [`ImportProgress`] goes (nowhere by default).
#[derive(Clone, Default)]
pub struct ProgressSink(Option<std::sync::Arc<TellProgress>>);

impl ProgressSink {
    /// A sink that calls `f`.
    pub fn new(f: impl Fn(&ImportProgress) + Send + Sync + 'static) -> ProgressSink {
        ProgressSink(Some(std::sync::Arc::new(f)))
    }
    /// Tells the sink, if there is one.
    pub fn tell(&self, p: &ImportProgress) {
        if let Some(f) = &self.0 {
            f(p);
        }
    }
}

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "ProgressSink(..)"
        } else {
            "ProgressSink(none)"
        })
    }
}

/// How many planned rows a report lists at most ([`ImportOptions::with_rows`]):
/// enough to check a file by eye; a 100,000-row ledger would otherwise send
/// megabytes to the window. Rejected rows are capped too ([`REJECTED_ROWS`]).
pub const PREVIEW_ROWS: usize = 2000;

/// How many rejected rows a report lists at most; the rest are only counted
/// ([`FileReport::rows_rejected_count`]): 200,000 bad rows would otherwise
/// make a report of 50 MB.
pub const REJECTED_ROWS: usize = 2000;

/// Rejected rows as they are collected: the first [`REJECTED_ROWS`] kept,
/// every one counted, so that a file of bad rows never holds them all.
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    listed: Vec<RowIssue>,
    total: u32,
}

impl Rejections {
    /// Rejections already listed and counted (a report's `rows_rejected`
    /// and `rows_rejected_count`).
    pub fn from_parts(listed: Vec<RowIssue>, total: u32) -> Rejections {
        let total = total.max(listed.len() as u32);
        Rejections { listed, total }
    }
    /// Counts a rejected row, and keeps it while there is room.
    pub fn push(&mut self, issue: RowIssue) {
        self.total = self.total.saturating_add(1);
        if self.listed.len() < REJECTED_ROWS {
            self.listed.push(issue);
        }
    }
    /// Adds `other`'s rows after these.
    pub fn append(&mut self, other: Rejections) {
        let room = REJECTED_ROWS.saturating_sub(self.listed.len());
        self.listed.extend(other.listed.into_iter().take(room));
        self.total = self.total.saturating_add(other.total);
    }
    /// Whether no row was rejected.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
    /// How many rows were rejected (listed or not).
    pub fn len(&self) -> usize {
        self.total as usize
    }
    /// The rows kept (at most [`REJECTED_ROWS`]).
    pub fn listed(&self) -> &[RowIssue] {
        &self.listed
    }
    /// The rows kept and the total count.
    pub fn into_parts(self) -> (Vec<RowIssue>, u32) {
        (self.listed, self.total)
    }
}

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Every row applied (or, in a dry run, would be).
    Applied,
    /// Nothing applied: a file-level problem, or bad rows without `apply_valid_rows`.
    Rejected,
    /// The valid rows applied, the bad ones not.
    Partial,
    /// This content was imported before; nothing changed.
    Duplicate,
}

impl FileStatus {
    /// 已导入 / 未导入 / 部分导入 / 重复文件.
    pub fn label(self) -> &'static str {
        match self {
            FileStatus::Applied => "已导入",
            FileStatus::Rejected => "未导入",
            FileStatus::Partial => "部分导入",
            FileStatus::Duplicate => "重复文件，已跳过",
        }
    }
}

/// One planned row as the preview table shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PreviewRow {
    /// Sheet name in the workbook.
    pub sheet: String,
    /// Row number in that sheet, 1-based as the spreadsheet shows it.
    pub row: u32,
    /// 事项编号 (or the name when there is none yet).
    pub key: String,
    /// What the row will do, in Chinese.
    pub summary: String,
}

/// The outcome of one file (EXCHANGE §4 `--json`: one object per file).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct FileReport {
    /// The file as given.
    pub file: String,
    /// Which kind of sheet it was read as (督办事项台账, 落实情况反馈表, 报送表, 组织机构).
    pub kind: ImportKind,
    /// What happened to the file as a whole.
    pub status: FileStatus,
    /// The reporting party, when known.
    pub party: Option<String>,
    /// Number of rows applied (or that would be, in a dry run).
    pub rows_applied: u32,
    /// Rows refused, each with its sheet, row and Chinese reason: the first
    /// [`REJECTED_ROWS`] of them.
    pub rows_rejected: Vec<RowIssue>,
    /// How many rows were refused in all (`rows_rejected` lists at most
    /// [`REJECTED_ROWS`]); every count and status decision uses this.
    #[serde(default)]
    pub rows_rejected_count: u32,
    /// Things the clerk should know that did not stop a row.
    pub warnings: Vec<RowIssue>,
    /// Why the file was rejected (Chinese), for a rejected file.
    pub error: Option<String>,
    /// The content hash (sha256, hex).
    pub sha256: String,
    /// The `imports` row, once applied.
    pub import_id: Option<i64>,
    /// This was a dry run: nothing was written.
    pub dry_run: bool,
    /// Planned rows, when [`ImportOptions::with_rows`] asked for them (the
    /// first [`PREVIEW_ROWS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<PreviewRow>,
    /// Planned rows beyond [`PREVIEW_ROWS`], not listed in `rows`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rows_not_listed: u32,
    /// What an organisation sheet changes (new parties, renames, aliases),
    /// for an organisation import only: the plan the import applies, or, in
    /// a dry run, would apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_plan: Option<OrgPlan>,
}

impl FileReport {
    /// A Chinese summary of this file for the command line.
    pub fn message(&self) -> String {
        let mut s = format!("{}：{}", self.file, self.status.label());
        if let Some(p) = &self.party {
            s.push_str(&format!("（填报单位：{p}）"));
        }
        if self.dry_run {
            s.push_str("［试运行，未写入］");
        }
        // Rows written (a dry run: that would be); a refused file writes none,
        // and its reason says how many rows were otherwise good.
        let done = if self.dry_run { "可导入" } else { "导入" };
        match self.status {
            FileStatus::Duplicate => {}
            FileStatus::Rejected if self.rows_rejected_count == 0 => {}
            FileStatus::Rejected => s.push_str(&format!("，问题 {} 行", self.rows_rejected_count)),
            _ => s.push_str(&format!(
                "，{done} {} 行，问题 {} 行",
                self.rows_applied, self.rows_rejected_count
            )),
        }
        if let Some(e) = &self.error {
            // A reason of several lines (an organisation sheet's conflicts) stays indented.
            s.push_str(&format!("\n  原因：{}", e.replace('\n', "\n    ")));
        }
        if let Some(plan) = &self.org_plan {
            for line in plan.lines() {
                s.push_str(&format!("\n  {line}"));
            }
        }
        for r in &self.rows_rejected {
            s.push_str(&format!("\n  ✗ {}", r.describe(&self.file)));
        }
        let unlisted = (self.rows_rejected_count as usize).saturating_sub(self.rows_rejected.len());
        if unlisted > 0 {
            s.push_str(&format!(
                "\n  ✗ 另有 {unlisted} 行未列出（只列出前 {} 行）",
                self.rows_rejected.len()
            ));
        }
        for w in &self.warnings {
            s.push_str(&format!("\n  ! {}", w.describe(&self.file)));
        }
        s
    }

    /// Puts `rejected` into the report: the listed rows and their count.
    pub fn set_rejected(&mut self, rejected: Rejections) {
        let (listed, total) = rejected.into_parts();
        self.rows_rejected = listed;
        self.rows_rejected_count = total;
    }

    /// Takes the rejected rows back out of the report.
    pub fn take_rejected(&mut self) -> Rejections {
        let total = std::mem::take(&mut self.rows_rejected_count);
        Rejections::from_parts(std::mem::take(&mut self.rows_rejected), total)
    }
}

/// A party an import is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyRef {
    /// Row id in `parties`.
    pub id: i64,
    /// The party's official name.
    pub name: String,
}

/// One planned row: where it came from and what to apply.
#[derive(Debug, Clone)]
pub struct Planned<R> {
    /// Index into [`Parsed::sheets`].
    pub sheet: usize,
    /// The Excel row number.
    pub row: u32,
    /// What the importer's apply step needs.
    pub data: R,
}

/// What an importer made of a workbook.
#[derive(Debug, Clone)]
pub struct Parsed<R> {
    /// Sheet names the planned rows refer to.
    pub sheets: Vec<String>,
    /// The reporting party (feedback, reports), when known.
    pub party: Option<PartyRef>,
    /// Rows to apply, in file order.
    pub rows: Vec<Planned<R>>,
    /// Rows that cannot be applied, with their reasons (the first
    /// [`REJECTED_ROWS`] kept, all counted).
    pub rejected: Rejections,
    /// Things the clerk should know that do not stop a row.
    pub warnings: Vec<RowIssue>,
    /// An organisation sheet's plan ([`crate::org::reconcile`]), shown in the report.
    pub org_plan: Option<OrgPlan>,
}

impl<R> Default for Parsed<R> {
    fn default() -> Self {
        Parsed {
            sheets: Vec::new(),
            party: None,
            rows: Vec::new(),
            rejected: Rejections::default(),
            warnings: Vec::new(),
            org_plan: None,
        }
    }
}

/// What the parse step may look at.
pub struct ParseContext<'a> {
    /// The database (read only).
    pub conn: &'a Connection,
    /// Departments and units by name and alias.
    pub parties: &'a PartyIndex,
    /// What the clerk chose for this run (dry run, party, round ...).
    pub options: &'a ImportOptions,
    /// Today (the default 填报日期).
    pub today: NaiveDate,
    /// The moment of the import (what a row says happened is not after it).
    pub now: NaiveDateTime,
}

/// What the apply step gets besides the transaction.
pub struct ApplyContext<'a> {
    /// Who is importing, for the audit log.
    pub actor: &'a Actor,
    /// Departments and units by name and alias.
    pub parties: &'a PartyIndex,
    /// The file's party, when known.
    pub party: Option<&'a PartyRef>,
}

/// A parser fed a workbook sheet by sheet, or a large sheet piece by piece
/// (see [`crate::sheets::read::stream_xlsx`]). It runs on a thread of its own
/// while the loader applies the rows it has already planned, so it holds no
/// database connection: whatever it needs from the database it reads when it
/// is made ([`Importer::sheet_parser`]).
pub trait SheetParser<R>: Send {
    /// Reads one grid: a whole sheet, or the next piece of one (`first` is
    /// true for a sheet's first piece). Planned rows, rejections and warnings
    /// go to `out`; a problem with the whole file is an `Err`.
    fn feed(&mut self, grid: &Grid, first: bool, out: &mut Parsed<R>) -> Result<()>;
    /// After the last grid: refuses a file in which nothing was recognised.
    fn finish(&mut self, out: &mut Parsed<R>) -> Result<()>;
}

/// Applies one planned row of a run ([`Importer::row_applier`]).
pub type RowApplier<'t, R> =
    Box<dyn FnMut(&ApplyContext<'_>, &R, &ImportSource) -> Result<()> + 't>;

/// One sheet kind: how to read it, and how to save one planned row.
pub trait Importer {
    /// A planned row: everything the apply step needs, validated.
    type Row: Send;
    /// The kind recorded in `imports.kind`.
    fn kind(&self) -> ImportKind;
    /// What beyond the file's content makes an import distinct, recorded in
    /// `imports.scope`: a file is a duplicate of a live import of the same
    /// kind, scope and content. Empty for most kinds; the 综合评价's period,
    /// given on the command line and not in the file.
    fn scope(&self) -> String {
        String::new()
    }
    /// Reads the workbook into planned and rejected rows. A problem with the
    /// whole file (no recognisable header, a missing required column, an
    /// unknown reporting party) is an `Err` with a Chinese message.
    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<Self::Row>>;
    /// Applies one planned row inside the file's transaction; created rows
    /// carry `source`. Must not write audit entries (the loader writes one per file).
    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &Self::Row,
        source: &ImportSource,
    ) -> Result<()>;
    /// [`Importer::apply`] for a run of rows applied one after another (a
    /// piece of a file): an importer that runs the same statements for
    /// every row holds them for the run ([`crate::items::ItemStatements`]).
    fn row_applier<'t>(&'t self, tx: &'t Transaction) -> Result<RowApplier<'t, Self::Row>> {
        Ok(Box::new(move |ctx, row, source| {
            self.apply(tx, ctx, row, source)
        }))
    }
    /// The preview line of a planned row.
    fn preview(&self, row: &Self::Row) -> (String, String);
    /// The tables a large file of this kind fills. When they start (nearly)
    /// empty, their secondary indexes are dropped before a large file's rows
    /// and built once after them, inside the file's transaction
    /// ([`crate::store::bulk::defer_indexes`]). Such a load may run with
    /// SQLite's foreign keys off ([`crate::store::bulk::BulkLoad`]): the rows
    /// a kind with bulk tables writes must refer only to rows it writes
    /// itself in the same transaction and to the parties of
    /// [`ApplyContext::parties`], which the loader checks are all stored.
    fn bulk_tables(&self) -> &'static [&'static str] {
        &[]
    }
    /// Indexes of [`Importer::bulk_tables`] kept up during a bulk load rather
    /// than dropped and built again (which reads the whole table): partial
    /// indexes no row of this kind enters (no cost at all), and indexes
    /// whose keys the load adds in ascending order (an append each).
    fn bulk_kept_indexes(&self) -> &'static [&'static str] {
        &[]
    }
    /// Whether this kind reads `.xlsx` files piece by piece (with
    /// [`Importer::sheet_parser`]) rather than whole.
    fn reads_in_pieces(&self) -> bool {
        false
    }
    /// A parser that can read the file piece by piece, for kinds whose files
    /// grow large (a whole ledger). With one, the loader reads an `.xlsx` in
    /// pieces on one thread and applies the planned rows on another, inside
    /// the same single transaction, with the same outcome as [`Importer::parse`].
    /// Its rows must not depend on the file's reporting party ([`Parsed::party`]
    /// is known only at the end). Asked only when [`Importer::reads_in_pieces`].
    fn sheet_parser<'a>(
        &self,
        _conn: &Connection,
        _parties: &'a PartyIndex,
        _today: NaiveDate,
    ) -> Result<Option<Box<dyn SheetParser<Self::Row> + 'a>>> {
        Ok(None)
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Splits a cell listing several names (配合部门, 别名): 、 ， , ； ; / and line breaks.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';', '/', '／', '\n', '\r'])
        .map(|s| s.trim().trim_matches('\u{3000}'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
