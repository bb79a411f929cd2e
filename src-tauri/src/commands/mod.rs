//! The commands the UI calls, one module per capability (`items.rs`,
//! `rounds.rs` ...), each command a few lines that call the core.
//!
//! The table below is the one list of commands: it registers them
//! ([`handler`]), checks at compile time that each takes exactly the listed
//! arguments in that order and returns `CmdResult<result>`, and is what the
//! UI's bindings are generated from (`ui/src/api/generated/commands.ts`, see
//! [`crate::bindings`]). A test checks that the listed argument names are the
//! functions' parameter names.
//!
//! To add a command:
//! 1. write it in `commands/<module>.rs`:
//!    `#[tauri::command(rename_all = "snake_case")] pub async fn name(door: Door, arg: Type) -> CmdResult<Ret>`,
//!    its database or file work inside `door.read`, `door.write` (which tells
//!    the window [`crate::events::CHANGED_EVENT`]) or `door.run`, so that it runs off the
//!    window's main thread (see [`crate::door`]);
//! 2. add a line `module::name(arg: Type) -> Ret;` to the table;
//! 3. run `bash scripts/generate-bindings.sh` and call the generated function
//!    (`ui/src/api/generated/commands.ts`) from `ui/src/api/<module>.ts`.
//!
//! Argument names cross as they are written in Rust (snake_case), like every
//! field of every type.

pub mod assessment;
pub mod bulletins;
pub mod calendar;
pub mod circulation;
pub mod corrections;
pub mod dialogs;
pub mod documents;
pub mod imports;
pub mod inspections;
pub mod items;
pub mod opinion;
pub mod org;
pub mod reminders;
pub mod rounds;
pub mod settings;

#[cfg(feature = "e2e")]
pub mod e2e;

use chrono::NaiveDate;
use duban::accountability::{AccountabilityFilter, AccountabilityRecord, NewAccountability};
use duban::assessment::{Scheme, SchemeChange};
use duban::bulletins::handover::HandoverFile;
use duban::calendar::{FileLoad, YearChange, YearDayKind, YearView};
use duban::chases::notice::Notice;
use duban::chases::{BatchChase, Chase, NewChase};
use duban::circulation::MonthlyFigures;
use duban::countersigns::{Countersign, NewCountersign, NewReply};
use duban::dashboard::{Dashboard, DashboardFigures};
use duban::demo::DemoSummary;
use duban::documents::{
    DocumentDetail, DocumentEdit, DocumentFilter, DocumentRef, DocumentRow, NewDocument,
    NewInstruction,
};
use duban::exports::lists::shown::AuditPage;
use duban::exports::lists::{ListExport, ListFilter, ListKind};
use duban::extensions::{Extension, ExtensionDecision, NewExtension};
use duban::imports::{FileReport, ImportKind, ImportRecord, ImportVoided};
use duban::inspections::chase::NewRectChase;
use duban::inspections::findings::{FindingCreated, NewFinding, Spread};
use duban::inspections::followups::{Followup, FollowupOutcome, NewFollowup};
use duban::inspections::inspection::{InspectionDetail, InspectionRow, NewInspection, StageUpdate};
use duban::inspections::queries::{RectDetail, RectFilter, RectRow};
use duban::inspections::rectify::{Check, NewRectProgress};
use duban::items::{
    EvidenceOwner, ItemDetail, ItemEdit, ItemRef, LedgerFilter, LedgerPage, NewCompletion, NewItem,
    NewMilestone, NewProgress,
};
use duban::opinion::{Incident, IncidentFilter, Level, Limits, NewIncident, UnitStats, UnitTrend};
use duban::org::edit::PartyInput;
use duban::org::people::{NewPerson, Person, PersonRole};
use duban::org::Organisation;
use duban::outgoing::{NewEvent, NewOutgoing, Outgoing, OutgoingFilter, QualityEvent};
use duban::publications::{PublicationKind, PublicationSummary};
use duban::relay::{NewRelayReport, RelayPlan, RelayStatus};
use duban::rhythm::checks::{CheckOutcome, CheckRecord};
use duban::rhythm::ReminderHead;
use duban::rounds::{
    NewRound, ProposedRound, ReportContent, ReportOutcome, Round, RoundDetail, TemplateFile,
};
use duban::special::Phase;
use duban::store::backup::BackupEntry;
use duban::store::prefs::Pref;
use tauri::ipc::Invoke;

use self::assessment::{AssessmentView, ManualEntry};
use self::corrections::{AttachmentPreview, VoidKind};
use self::dialogs::PickRequest;
use self::imports::WrittenFile;
use self::items::LedgerOptions;
use self::settings::{AppStatus, Preferences, VerifyOutcome};

/// Expands the command table: the handler ([`app_commands`]), a compile-time
/// check per command, and [`table`] for the bindings.
macro_rules! command_table {
    ($( $module:ident :: $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty ; )*) => {
        /// Every command of the app (the table is the registration).
        fn app_commands() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![ $( $module::$name ),* ]
        }

        // Each command takes exactly these arguments, in this order, and
        // returns CmdResult<$ret> (never called: it only has to compile).
        $(
            const _: () = {
                #[allow(dead_code, clippy::too_many_arguments)]
                async fn check(door: crate::door::Door, $( $arg: $ty ),*) {
                    let _: crate::error::CmdResult<$ret> = $module::$name(door, $( $arg ),*).await;
                }
            };
        )*

        /// The table, for the bindings generator.
        pub fn table() -> Vec<crate::bindings::Command> {
            vec![ $( crate::bindings::Command {
                room: stringify!($module),
                name: stringify!($name),
                args: vec![ $( crate::bindings::Arg {
                    name: stringify!($arg),
                    ty: crate::bindings::describe::<$ty>,
                } ),* ],
                result: crate::bindings::describe::<$ret>,
            } ),* ]
        }

        /// Each command's module source, for the test of the parameter names.
        #[cfg(test)]
        fn sources() -> Vec<(&'static str, &'static str)> {
            vec![ $( (stringify!($name), include_str!(concat!(stringify!($module), ".rs"))) ),* ]
        }
    };
}

command_table! {
    // settings / about (设置)
    settings::app_status() -> AppStatus;
    settings::verify_database() -> VerifyOutcome;
    settings::backup_now() -> String;
    settings::set_operator(name: String) -> ();
    settings::prefs_get() -> Preferences;
    settings::pref_set(pref: Pref, value: String) -> Preferences;
    settings::backups_list() -> Vec<BackupEntry>;
    settings::backup_restore(file: String) -> Option<String>;
    settings::first_launch() -> bool;
    // 日历
    calendar::calendar_year(year: i32) -> YearView;
    calendar::calendar_load(path: String, year: Option<i32>) -> FileLoad;
    calendar::calendar_set_day(date: NaiveDate, kind: YearDayKind, name: String) -> YearChange;
    // file dialogs (every room uses these, so that e2e tests can answer them)
    dialogs::pick_path(request: PickRequest) -> Option<String>;
    // 收文登记 and 领导批示
    documents::document_register(input: NewDocument) -> DocumentRef;
    documents::document_instruct(doc_no: String, input: NewInstruction) -> ();
    documents::document_list(filter: DocumentFilter) -> Vec<DocumentRow>;
    documents::document_get(doc_no: String) -> DocumentDetail;
    documents::document_source_categories() -> Vec<String>;
    // 督办事项, 任务分解 and the 督办台账
    items::ledger_options() -> LedgerOptions;
    items::ledger_query(filter: LedgerFilter) -> LedgerPage;
    items::item_get(item_no: String) -> ItemDetail;
    items::items_create(items: Vec<NewItem>) -> Vec<ItemRef>;
    items::item_add_progress(item_no: String, input: NewProgress) -> i64;
    items::item_report_completion(item_no: String, input: NewCompletion) -> i64;
    items::item_accept(item_no: String, done_on: Option<NaiveDate>, note: String) -> ();
    items::item_return(item_no: String, reason: String) -> ();
    items::item_withdraw(item_no: String, reason: String) -> ();
    items::item_reopen(item_no: String, reason: String) -> ();
    items::item_add_milestone(item_no: String, input: NewMilestone) -> i64;
    items::item_complete_milestone(milestone_id: i64, done_on: NaiveDate) -> ();
    items::chase_batch(item_nos: Vec<String>, input: BatchChase) -> Vec<i64>;
    items::demo_load() -> DemoSummary;
    // 组织机构
    org::org_list() -> Organisation;
    org::org_seed_default() -> usize;
    org::org_save_party(input: PartyInput) -> i64;
    org::org_rename_party(id: i64, name: String) -> ();
    org::org_remove_alias(alias: String) -> ();
    org::org_set_party_active(id: i64, active: bool) -> ();
    org::org_delete_party(id: i64) -> ();
    org::org_save_leader(name: String, title: String) -> i64;
    org::org_set_leader_active(id: i64, active: bool) -> ();
    // 导入 / 导入记录 / 反馈表模板 / 台账导出
    imports::imports_folder_files(dir: String) -> Vec<String>;
    imports::imports_run(kind: ImportKind, files: Vec<String>, party: Option<String>, dry_run: bool, apply_valid_rows: bool, with_rows: bool) -> Vec<FileReport>;
    imports::imports_history(limit: Option<u32>) -> Vec<ImportRecord>;
    imports::template_feedback(party: String, path: String) -> WrittenFile;
    imports::template_feedback_all(dir: String) -> Vec<WrittenFile>;
    imports::ledger_export(filter: LedgerFilter, path: String) -> WrittenFile;
    imports::list_export(kind: ListKind, filter: ListFilter, path: String) -> ListExport;
    imports::extensions_list(filter: ListFilter) -> Vec<Extension>;
    imports::audit_page(filter: ListFilter, offset: u32, limit: u32) -> AuditPage;
    // 报送任务
    rounds::rounds_list() -> Vec<Round>;
    rounds::round_detail(id: i64) -> RoundDetail;
    rounds::round_create(input: NewRound) -> Round;
    rounds::round_propose(document_id: i64, issued_on: Option<NaiveDate>) -> Vec<ProposedRound>;
    rounds::round_templates(id: i64, dir: String) -> Vec<TemplateFile>;
    rounds::round_import(files: Vec<String>, round_id: Option<i64>, dry_run: bool) -> Vec<ReportOutcome>;
    rounds::round_report(report_id: i64) -> ReportContent;
    // 月度督办通报
    circulation::monthly_figures(month: String, as_of: Option<NaiveDate>) -> MonthlyFigures;
    circulation::monthly_export(month: String, as_of: Option<NaiveDate>, path: String) -> MonthlyFigures;
    // 工作台, 提醒, 延期申请, 催办, 会签, 传达学习
    reminders::dashboard_load() -> Dashboard;
    reminders::dashboard_figures() -> DashboardFigures;
    reminders::reminders_head(limit: u32) -> ReminderHead;
    reminders::reminder_checks() -> Vec<CheckRecord>;
    reminders::reminders_run_due() -> Option<CheckOutcome>;
    reminders::check_times_get() -> String;
    reminders::check_times_set(times: String) -> String;
    reminders::extension_request(input: NewExtension) -> Extension;
    reminders::extension_decide(id: i64, decision: ExtensionDecision) -> Extension;
    reminders::extensions_for_item(item_no: String) -> Vec<Extension>;
    reminders::extensions_pending() -> Vec<Extension>;
    reminders::chase_record(input: NewChase) -> Chase;
    reminders::chases_for_item(item_no: String) -> Vec<Chase>;
    reminders::chase_notice_export(path: String, parties: Vec<String>) -> Vec<Notice>;
    reminders::countersign_send(input: NewCountersign) -> Countersign;
    reminders::countersign_reply(input: NewReply) -> Countersign;
    reminders::countersigns_list(open_only: bool) -> Vec<Countersign>;
    reminders::relay_plan(input: RelayPlan) -> RelayStatus;
    reminders::relay_report(input: NewRelayReport) -> RelayStatus;
    reminders::relay_status(doc_no: String) -> RelayStatus;
    // 舆情 and 约谈/问责
    opinion::opinion_stats(month: String) -> Vec<UnitStats>;
    opinion::opinion_list(filter: IncidentFilter) -> Vec<Incident>;
    opinion::opinion_trend(month: String, months: u32) -> Vec<UnitTrend>;
    opinion::opinion_export(month: String, path: String) -> Vec<UnitStats>;
    opinion::opinion_create(input: NewIncident, by_office: bool) -> Incident;
    opinion::opinion_update(id: i64, input: NewIncident) -> Incident;
    opinion::opinion_mark_concealed(id: i64, concealed: bool, reason: String) -> Incident;
    opinion::opinion_limits() -> Limits;
    opinion::opinion_set_limit(level: Level, minutes: u32) -> Limits;
    opinion::accountability_record(input: NewAccountability) -> AccountabilityRecord;
    opinion::accountability_list(filter: AccountabilityFilter) -> Vec<AccountabilityRecord>;
    // 人员名单, 督查 and 整改
    inspections::people_list(role: Option<PersonRole>) -> Vec<Person>;
    inspections::person_save(input: NewPerson) -> Person;
    inspections::person_set_active(id: i64, active: bool) -> Person;
    inspections::inspections_list() -> Vec<InspectionRow>;
    inspections::inspection_get(key: String) -> InspectionDetail;
    inspections::inspection_create(input: NewInspection) -> InspectionDetail;
    inspections::inspection_stage(input: StageUpdate) -> InspectionDetail;
    inspections::finding_record(input: NewFinding) -> FindingCreated;
    inspections::finding_spread(input: Spread) -> Vec<String>;
    inspections::rectifications_list(filter: RectFilter) -> Vec<RectRow>;
    inspections::rectification_get(rect_no: String) -> RectDetail;
    inspections::rectifications_export(filter: RectFilter, path: String) -> WrittenFile;
    inspections::rectification_progress(input: NewRectProgress) -> ();
    inspections::rectification_tick(rect_no: String, check: Check) -> ();
    inspections::rectification_close(rect_no: String, closed_on: Option<NaiveDate>) -> ();
    inspections::rectification_reopen(rect_no: String, reason: String, new_deadline: Option<NaiveDate>) -> ();
    inspections::rectification_template(party: String, path: String) -> WrittenFile;
    inspections::followups_list(open_only: bool) -> Vec<Followup>;
    inspections::followup_plan(input: NewFollowup) -> Followup;
    inspections::followup_record(input: FollowupOutcome) -> Option<String>;
    inspections::rectification_chase(input: NewRectChase) -> i64;
    inspections::inspection_summary_export(key: String, path: String) -> WrittenFile;
    inspections::people_export(path: String) -> WrittenFile;
    // 通报: 月度督办通报, 专项通报, 公文办理质量通报; 交办单, 督办事项卡; 发文登记
    bulletins::bulletins_list(kind: PublicationKind) -> Vec<PublicationSummary>;
    bulletins::bulletin_publish_monthly(month: String, as_of: Option<NaiveDate>, reason: Option<String>) -> PublicationSummary;
    bulletins::bulletin_publish_quality(period: String, as_of: Option<NaiveDate>, reason: Option<String>) -> PublicationSummary;
    bulletins::bulletin_publish_special(doc: String, phase: Phase, as_of: Option<NaiveDate>, reason: Option<String>) -> PublicationSummary;
    bulletins::bulletin_export(id: i64, dir: String) -> Vec<String>;
    bulletins::doc_handover(doc_no: String, dir: String) -> Vec<HandoverFile>;
    bulletins::item_card(item_no: String, path: String) -> ();
    bulletins::outgoing_list(filter: OutgoingFilter) -> Vec<Outgoing>;
    bulletins::outgoing_add(input: NewOutgoing) -> Outgoing;
    bulletins::outgoing_event(input: NewEvent) -> QualityEvent;
    bulletins::outgoing_events(doc_no: String) -> Vec<QualityEvent>;
    // 绩效考核
    assessment::assessment_view(period: String, as_of: Option<NaiveDate>) -> AssessmentView;
    assessment::assessment_publish(period: String, as_of: Option<NaiveDate>, reason: Option<String>) -> PublicationSummary;
    assessment::assessment_versions(period: String) -> Vec<PublicationSummary>;
    assessment::assessment_export(period: String, path: String) -> ();
    assessment::assessment_manual(period: String) -> Vec<ManualEntry>;
    assessment::assessment_set_manual(period: String, party: String, score: f64, note: String) -> ();
    assessment::assessment_import_manual(period: String, files: Vec<String>, dry_run: bool) -> Vec<FileReport>;
    assessment::assessment_schemes() -> Vec<Scheme>;
    assessment::assessment_scheme_for(period: String) -> Scheme;
    assessment::assessment_copy_scheme(from: String, name: String) -> Scheme;
    assessment::assessment_update_scheme(name: String, change: SchemeChange) -> Scheme;
    assessment::assessment_choose_scheme(period: String, name: String) -> Scheme;
    // 更正与作废, 附件
    corrections::item_edit(item_no: String, edit: ItemEdit) -> usize;
    corrections::document_edit(doc_no: String, edit: DocumentEdit) -> usize;
    corrections::document_void(doc_no: String, reason: String) -> ();
    corrections::void_record(kind: VoidKind, id: i64, reason: String) -> ();
    corrections::import_void(import_id: i64, reason: String) -> ImportVoided;
    corrections::item_add_progress_with_evidence(item_no: String, input: NewProgress, files: Vec<String>) -> i64;
    corrections::evidence_attach(owner: EvidenceOwner, id: i64, files: Vec<String>) -> usize;
    corrections::attachment_open(id: i64) -> String;
    corrections::attachment_preview(id: i64) -> AttachmentPreview;
}

/// The test-only commands (`e2e` feature).
#[cfg(feature = "e2e")]
fn e2e_commands() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![e2e::e2e_set_now]
}

/// The handler the app registers: the app's commands, plus the test-only
/// `e2e_*` commands in builds with the `e2e` feature.
pub fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    let app = app_commands();
    #[cfg(feature = "e2e")]
    {
        let e2e = e2e_commands();
        move |invoke: Invoke| {
            if invoke.message.command().starts_with("e2e_") {
                e2e(invoke)
            } else {
                app(invoke)
            }
        }
    }
    #[cfg(not(feature = "e2e"))]
    app
}

#[cfg(test)]
mod tests;
