//! 督查督办台账 — the desktop shell: a door into the `duban` core. It opens
//! the database, keeps the app state, registers the commands
//! ([`commands::handler`]) and the plugins; it holds no business rules.

pub mod bindings;
pub mod clock;
pub mod commands;
pub mod door;
pub mod error;
pub mod events;
pub mod first_page;
pub mod scheduler;
pub mod state;

use tauri::{Emitter, Manager};

use crate::clock::Clock;
use crate::events::SECOND_INSTANCE_EVENT;
use crate::state::AppState;

/// A build for testing (a debug build, or one with the e2e hooks), never
/// handed to an office: its window title says 测试版.
pub const TEST_BUILD: bool = cfg!(debug_assertions) || cfg!(feature = "e2e");

/// Asks WebKitGTK to draw the page without accelerated compositing, unless
/// `WEBKIT_DISABLE_COMPOSITING_MODE` is set already (`=0` keeps it on).
///
/// On a machine without a graphics card (the office's 2-core test machine,
/// a virtual desktop) compositing runs on Mesa's software OpenGL, whose
/// shader compiler (LLVM) took a sixth of both cores while the window
/// started. Without it, `scripts/bench-window.sh` measured the 工作台's
/// charts painted 1.8–2.4 s after start instead of 2.8–3.4 s, and the
/// 工作台 itself a little sooner. The pages (tables, forms, charts drawn on
/// a canvas) need no compositing; their motions are already stepped.
///
/// Called first, before any thread starts: the environment is not changed
/// while something else may read it.
fn draw_without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

/// Starts the app.
pub fn run() {
    let started = std::time::Instant::now();
    draw_without_compositing();
    let db_path = duban::store::default_db_path();
    duban::logs::init(&db_path);
    // Opening the database makes its folder (the logs folder goes inside it),
    // so the first line comes after.
    let state = AppState::open(db_path, Clock::from_env());
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        open_ms = started.elapsed().as_millis() as u64,
        "app started"
    );

    let app = tauri::Builder::default()
        // First: a second launch focuses the running window and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
            let _ = app.emit(SECOND_INSTANCE_EVENT, ());
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .manage(first_page::FirstPage::default())
        .invoke_handler(commands::handler())
        // The reminder checks (start-up catch-up, then the check times).
        .setup(|app| {
            if TEST_BUILD {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.set_title("督查督办台账（测试版）");
                }
            }
            // The 工作台's answers, computed while the webview starts.
            first_page::FirstPage::start(app.handle());
            // The start-up backup (database and attachments) runs beside
            // the window: with 1 GB of attachments it takes seconds, and only
            // its snapshot holds the database.
            let handle = app.handle().clone();
            let spawned = std::thread::Builder::new()
                .name("duban-backup".into())
                .spawn(move || {
                    // After the first page: compressing a 100 MB database
                    // beside the window's first paint slowed it by a third.
                    std::thread::sleep(std::time::Duration::from_secs(5));
                    handle.state::<AppState>().backup_at_startup()
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "start-up backup thread did not start");
            }
            // The text search's index, brought up to date once the first page
            // shows: a ledger imported by `duban` (which exits before its
            // background indexing ends) would otherwise make the first search
            // typed in the window pay for indexing 100,000 items (1 s measured).
            let db = app.state::<AppState>().db_path().to_path_buf();
            let spawned = std::thread::Builder::new()
                .name("duban-search-index".into())
                .spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(3));
                    match duban::items::sync_search_index_in_file(&db) {
                        Ok(n) => tracing::info!(items = n, "search index brought up to date"),
                        Err(e) => {
                            tracing::warn!(code = e.code(), "search index not brought up to date")
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "search index thread did not start");
            }
            scheduler::start(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"));
    match app {
        // On exit, one more rotating backup (the day's last state).
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Err(e) = app.state::<AppState>().backup_rotating() {
                    eprintln!("退出时备份失败：{e}");
                }
            }
        }),
        Err(e) => {
            tracing::error!(error = %e, "app did not start");
            eprintln!("督查督办台账无法启动：{e}");
            std::process::exit(1);
        }
    }
}
