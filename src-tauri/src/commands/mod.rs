//! The commands the UI calls, one module ("room") per capability, each
//! command a few lines that call the core.
//!
//! HOW TO ADD COMMANDS (the one registration point):
//! 1. write them in `commands/<room>.rs` (`#[tauri::command]`, return
//!    [`crate::error::CmdResult`], read/write through [`crate::state::AppState`]);
//! 2. add `pub mod <room>;` below;
//! 3. add each command to the `generate_handler!` list in [`handler`];
//! 4. wrap it in `ui/src/api/<room>.ts` with `call<T>("<command>", {...})`.
//!
//! Argument names arrive from JavaScript in camelCase (`itemNo` for `item_no`).

pub mod dialogs;
pub mod settings;
// Rooms of other engineers — add yours here (keep alphabetical):
pub mod circulation;
pub mod documents;
pub mod imports;
pub mod org;
pub mod reminders;
pub mod rounds;
pub mod tasks;

#[cfg(feature = "e2e")]
pub mod e2e;

use tauri::ipc::Invoke;

/// Every command of the app, in one list. ADD YOUR COMMANDS HERE.
fn app_commands() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        // settings / about (设置)
        settings::app_status,
        settings::verify_database,
        settings::backup_now,
        settings::set_operator,
        // file dialogs (every room uses these, so that e2e tests can answer them)
        dialogs::pick_path,
        // 收文登记 and 领导批示
        documents::document_register,
        documents::document_instruct,
        documents::document_list,
        documents::document_get,
        documents::document_source_categories,
        // 督办事项, 任务分解 and the 督办台账
        tasks::ledger_options,
        tasks::ledger_query,
        tasks::item_get,
        tasks::items_create,
        tasks::item_add_progress,
        tasks::item_report_completion,
        tasks::item_accept,
        tasks::item_return,
        tasks::item_withdraw,
        tasks::item_reopen,
        tasks::item_add_milestone,
        tasks::item_complete_milestone,
        tasks::demo_load,
        // 组织机构
        org::org_list,
        org::org_seed_default,
        org::org_save_party,
        org::org_rename_party,
        org::org_remove_alias,
        org::org_set_party_active,
        org::org_delete_party,
        org::org_save_leader,
        org::org_set_leader_active,
        // 导入 / 导入记录 / 反馈表模板 / 台账导出
        imports::imports_folder_files,
        imports::imports_run,
        imports::imports_history,
        imports::template_feedback,
        imports::template_feedback_all,
        imports::ledger_export,
        // 报送任务
        rounds::rounds_list,
        rounds::round_detail,
        rounds::round_create,
        rounds::round_propose,
        rounds::round_templates,
        rounds::round_import,
        rounds::round_report,
        // 月度督办通报
        circulation::monthly_figures,
        circulation::monthly_export,
        // 工作台, 提醒, 延期申请, 催办, 会签, 传达学习
        reminders::dashboard_load,
        reminders::reminders_list,
        reminders::reminder_checks,
        reminders::reminders_run_due,
        reminders::check_times_get,
        reminders::check_times_set,
        reminders::extension_request,
        reminders::extension_decide,
        reminders::extensions_for_item,
        reminders::extensions_pending,
        reminders::chase_record,
        reminders::chases_for_item,
        reminders::chase_notice_export,
        reminders::countersign_send,
        reminders::countersign_reply,
        reminders::countersigns_list,
        reminders::relay_plan,
        reminders::relay_report,
        reminders::relay_status,
    ]
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
