//! The app state's tests: a file that is not a database, the support log of a
//! failed command, a restore under way, the backups made at start-up and each
//! new day.

use super::*;

#[test]
fn a_file_that_is_not_a_database_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("duban.sqlite3");
    let junk = "这不是数据库，只是一段文字。".repeat(20);
    std::fs::write(&path, &junk).unwrap();

    let state = AppState::open(path.clone(), Clock::default());

    let err = state
        .open_error()
        .expect("a text file must not open as the database");
    assert_eq!(err.code, "bad_file");
    assert!(
        err.message.contains("不是有效的督办台账数据库"),
        "{}",
        err.message
    );
    let refused = state
        .read(|s| duban::store::audit::verify(s.conn()))
        .unwrap_err();
    assert_eq!(
        refused.0.code, "bad_file",
        "commands answer with the same Chinese error"
    );
    state.backup_at_startup();
    assert!(matches!(state.startup_backup(), Some(Err(_))));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        junk,
        "the file is untouched"
    );
    assert!(
        !state.backups_dir().exists(),
        "no backup folder is made from a bad file"
    );
}

/// Everything in a log folder.
fn log_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).expect("a log folder") {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    text
}

#[test]
fn a_failed_command_leaves_its_name_and_code_in_the_log_but_not_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("duban.sqlite3"), Clock::default());
    let fail = || {
        state
            .read(|_| -> duban::Result<()> {
                Err(duban::Error::NotFound(
                    "找不到事项“关于张三同志来信的办理”。".into(),
                ))
            })
            .unwrap_err()
    };
    // tracing caches each callsite's interest for the whole process, and
    // a parallel test that fails a command with no subscriber may cache
    // "never" for the error's warning. Warm the callsites here, then
    // rebuild their interest with this subscriber alive.
    let warmed = || {
        fail();
        tracing::callsite::rebuild_interest_cache();
    };
    let logs = dir.path().join("logs");
    tracing::subscriber::with_default(duban::logs::subscriber(logs.clone(), None), || {
        warmed();
        assert_eq!(fail().0.code, "not_found");
    });
    let text = log_text(&logs);
    assert!(text.contains("WARN"), "{text}");
    assert!(text.contains("code=not_found"), "{text}");
    assert!(
        text.contains("command{name=\"state::tests::a_failed_command"),
        "the span names the command: {text}"
    );
    assert!(!text.contains("张三"), "no personal text at info: {text}");

    // At debug, for a support session, the message is there too.
    let debug_logs = dir.path().join("debug-logs");
    let sub = duban::logs::subscriber(debug_logs.clone(), Some("debug"));
    tracing::subscriber::with_default(sub, || {
        warmed();
        fail();
    });
    assert!(log_text(&debug_logs).contains("张三"));
}

#[test]
fn command_names_come_from_the_closure() {
    fn in_a_command() -> &'static str {
        fn name_of<F: FnOnce()>(_: F) -> &'static str {
            command_name::<F>()
        }
        name_of(|| {})
    }
    assert_eq!(
        in_a_command(),
        "state::tests::command_names_come_from_the_closure::in_a_command"
    );
}

#[test]
fn a_restore_closes_the_connections_and_opens_the_restored_database() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("duban.sqlite3"), Clock::default());
    let count = |state: &AppState| {
        state
            .read(|s| {
                Ok(s.conn()
                    .query_row("SELECT COUNT(*) FROM items", [], |r| r.get::<_, i64>(0))?)
            })
            .unwrap()
    };
    let backup = dir.path().join("before.zip");
    let file = backup.clone();
    let now = state.clock.now();
    state
        .read(move |s| duban::store::archive::backup_archive(s, &file, now))
        .unwrap();
    state
        .write(|s, a| {
            let new = duban::items::NewItem::new(
                "恢复后应消失",
                "办公厅",
                chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
            );
            duban::items::create_item(s, a, &new)
        })
        .unwrap();
    assert_eq!(count(&state), 1);

    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, "不是数据库".repeat(50)).unwrap();
    let refused = state.restore(&junk).unwrap_err();
    assert!(
        refused.0.message.contains("不是督办台账的备份"),
        "{}",
        refused.0.message
    );
    assert_eq!(count(&state), 1, "nothing lost");

    let kept = state
        .restore(&backup)
        .unwrap()
        .expect("the replaced database is kept");
    assert!(kept.exists());
    assert_eq!(count(&state), 0, "the restored database is in use");
    state
        .write(|s, a| duban::store::set_operator(s, a, "张三"))
        .expect("the app writes to the restored database");
}

#[test]
fn a_restore_waits_for_a_query_under_way_and_its_reader_is_not_reused() {
    let dir = tempfile::tempdir().unwrap();
    let state = std::sync::Arc::new(AppState::open(
        dir.path().join("duban.sqlite3"),
        Clock::default(),
    ));
    let backup = dir.path().join("empty.zip");
    let file = backup.clone();
    let now = state.clock.now();
    state
        .read(move |s| duban::store::archive::backup_archive(s, &file, now))
        .unwrap();
    state
        .write(|s, a| {
            let new = duban::items::NewItem::new("恢复后应消失", "办公厅", None);
            duban::items::create_item(s, a, &new)
        })
        .unwrap();
    let count = |state: &AppState| {
        state
            .read(|s| {
                Ok(s.conn()
                    .query_row("SELECT COUNT(*) FROM items", [], |r| r.get::<_, i64>(0))?)
            })
            .unwrap()
    };
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let busy = std::sync::Arc::clone(&state);
    let query = std::thread::spawn(move || {
        busy.read(move |s| {
            started_tx.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(400));
            Ok(s.conn()
                .query_row("SELECT COUNT(*) FROM items", [], |r| r.get::<_, i64>(0))?)
        })
    });
    started_rx.recv().unwrap();
    state
        .restore(&backup)
        .expect("the restore waits for the query instead of refusing");
    assert_eq!(query.join().unwrap().unwrap(), 1, "the query saw its data");
    for _ in 0..6 {
        assert_eq!(count(&state), 0, "no reader of the replaced file is reused");
    }
}

#[test]
fn startup_backups_rotate_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("duban.sqlite3"), Clock::default());
    assert!(state.open_error().is_none());
    state.backup_at_startup();
    let written = state.startup_backup().unwrap().unwrap();
    assert!(
        written.starts_with(dir.path().join("backups")),
        "{}",
        written.display()
    );
    assert!(written.exists());
}

#[test]
fn a_new_day_while_open_writes_one_more_backup() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::default();
    clock.set(crate::clock::parse_moment("2026-11-26 09:00").unwrap());
    let state = AppState::open(dir.path().join("duban.sqlite3"), clock);
    assert!(
        state.backup_if_new_day().is_none(),
        "nothing before the start-up backup"
    );
    state.backup_at_startup();
    assert!(
        state.backup_if_new_day().is_none(),
        "the same day: no second backup"
    );
    state
        .clock
        .set(crate::clock::parse_moment("2026-11-27 08:00").unwrap());
    let daily = state.backup_if_new_day().unwrap().unwrap();
    assert!(daily.exists(), "{}", daily.display());
    assert!(state.backup_if_new_day().is_none(), "once a day");
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .count();
    assert_eq!(backups, 2, "start-up and the next day's");
}
