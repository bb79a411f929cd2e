//! Integration tests: the store — migrations, the audit chain, backup and restore.

use duban::store::{audit, backup, migrations, Store};

use crate::support::actor;

#[test]
fn a_database_made_by_the_first_schema_migrates_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations::migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO parties(name, kind) VALUES ('办公厅', 'department')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO items(item_no, name, lead_party_id, deadline, effective_deadline, created_on)
             VALUES ('DB2026-0001', '旧事项', 1, '2026-12-31', '2026-12-31', '2026-11-01')",
            [],
        )
        .unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let s = Store::open(&path).unwrap();
    let v: i64 = s
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        v as usize,
        migrations::MIGRATIONS.len(),
        "migrated to the newest schema"
    );
    let name: String = s
        .conn()
        .query_row("SELECT name FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "旧事项", "data survives the migration");
}

/// An in-memory database migrated up to, not including, migration `name`.
fn schema_before(name: &str) -> rusqlite::Connection {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let before = migrations::MIGRATIONS
        .iter()
        .position(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no migration {name}"));
    migrations::migrate_to(&mut conn, before).unwrap();
    conn
}

#[test]
fn migration_0013_takes_the_deadline_off_standing_items() {
    // The schema before 0013 (the tenth migration in the list): a standing item
    // that kept an extension's date, and a dated one.
    let mut conn = schema_before("0013_standing_without_deadline");
    conn.execute_batch(
        "INSERT INTO parties(name, kind) VALUES ('办公厅', 'department');
         INSERT INTO items(item_no, name, lead_party_id, standing, deadline, effective_deadline, created_on)
         VALUES ('DB2026-0001', '长期', 1, 1, NULL, '2026-12-20', '2026-11-01'),
                ('DB2026-0002', '定期', 1, 0, '2026-11-30', '2026-12-20', '2026-11-01');",
    )
    .unwrap();
    migrations::migrate(&mut conn).unwrap();
    let effective: Vec<Option<String>> = conn
        .prepare("SELECT effective_deadline FROM items ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(effective, [None, Some("2026-12-20".to_string())]);
}

#[test]
fn migration_0014_scopes_an_earlier_assessment_import_by_its_period() {
    let mut conn = schema_before("0014_import_scope");
    conn.execute_batch(
        "INSERT INTO parties(name, kind) VALUES ('办公厅', 'department');
         INSERT INTO imports(kind, file_name, sha256, status, imported_at, operator)
         VALUES ('assessment', '综合评价.xlsx', 'abc', 'applied', '2026-12-01 09:00:00', '甲'),
                ('ledger', '台账.xlsx', 'abc', 'applied', '2026-12-01 09:00:00', '甲');
         INSERT INTO assessment_manual(period, party_id, score, import_id, updated_at, updated_by)
         VALUES ('2026Q4', 1, 90, 1, '2026-12-01 09:00:00', '甲');",
    )
    .unwrap();
    migrations::migrate(&mut conn).unwrap();
    let scopes: Vec<String> = conn
        .prepare("SELECT scope FROM imports ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(scopes, ["2026Q4", ""]);
}

#[test]
fn migration_4_keeps_the_status_rule_without_temporary_tables() {
    // A database at schema 3 with items in every status, opened by a second
    // connection while the first one migrates it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite3");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    migrations::migrate_to(&mut conn, 3).unwrap();
    one_item_in_each_status(&conn);
    let other = rusqlite::Connection::open(&path).unwrap();
    let s = Store::open(&path).unwrap();
    let schema: String = s
        .conn()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'items'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!schema.contains("status IN ("), "{schema}");
    let integrity: String = s
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // The rule still holds, on this connection and on one opened before.
    for c in [s.conn(), &other] {
        let err = c
            .execute(
                "INSERT INTO items(item_no, name, lead_party_id, deadline, created_on, status)
                 VALUES ('X-1', '坏状态', 1, '2026-12-31', '2026-11-01', 'finished')",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{err}");
    }
    // No temporary b-tree per written item any more.
    let ops: Vec<String> = s
        .conn()
        .prepare(
            "EXPLAIN INSERT INTO items(item_no, name, lead_party_id, deadline, effective_deadline, created_on, status)
             VALUES ('X-2', '事项', 1, '2026-12-31', '2026-12-31', '2026-11-01', 'done')",
        )
        .unwrap()
        .query_map([], |r| r.get(1))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(ops.iter().all(|o| o != "OpenEphemeral"), "{ops:?}");
    // The open items are still found through the partial index.
    assert_eq!(open_items_through_their_index(s.conn()), 3);
}

/// One party, and an item of it in each of [`STATUSES`], in that order, on
/// a schema before migration 0019 (which adds `is_open`).
fn one_item_in_each_status(conn: &rusqlite::Connection) {
    conn.execute(
        "INSERT INTO parties(name, kind) VALUES ('办公厅', 'department')",
        [],
    )
    .unwrap();
    for (i, status) in STATUSES.iter().enumerate() {
        conn.execute(
            "INSERT INTO items(item_no, name, lead_party_id, deadline, effective_deadline, created_on, status)
             VALUES (?1, '事项', 1, '2026-12-31', '2026-12-31', '2026-11-01', ?2)",
            rusqlite::params![format!("DB2026-{i:04}"), status],
        )
        .unwrap();
    }
}

const STATUSES: [&str; 5] = [
    "not_started",
    "in_progress",
    "pending_review",
    "done",
    "withdrawn",
];

/// How many items the open-items index holds, read through it.
fn open_items_through_their_index(conn: &rusqlite::Connection) -> i64 {
    conn.query_row(
        &format!(
            "SELECT count(*) FROM items INDEXED BY items_open_deadline WHERE {}",
            duban::reminders::OPEN_ITEM_SQL
        ),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn migration_0019_marks_the_closed_items_and_the_status_keeps_the_mark_true() {
    let mut conn = schema_before("0019_open_flag");
    one_item_in_each_status(&conn);
    migrations::migrate(&mut conn).unwrap();
    let marks: Vec<(String, i64)> = conn
        .prepare("SELECT status, is_open FROM items ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let expected: Vec<(String, i64)> = STATUSES
        .iter()
        .map(|s| {
            (
                s.to_string(),
                i64::from(!matches!(*s, "done" | "withdrawn")),
            )
        })
        .collect();
    assert_eq!(marks, expected);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    // A write that forgets the mark is refused, whichever way it goes.
    for sql in [
        "INSERT INTO items(item_no, name, lead_party_id, deadline, created_on, status)
         VALUES ('X-1', '已办结', 1, '2026-12-31', '2026-11-01', 'done')",
        "UPDATE items SET status = 'done' WHERE item_no = 'DB2026-0001'",
        "UPDATE items SET status = 'in_progress' WHERE item_no = 'DB2026-0004'",
        "UPDATE items SET is_open = 0 WHERE item_no = 'DB2026-0000'",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{sql}: {err}");
    }
    assert_eq!(open_items_through_their_index(&conn), 3);
}

#[test]
fn a_status_change_that_keeps_an_item_open_leaves_the_open_items_index_alone() {
    // What migration 0019 is for: SQLite writes a partial index when an
    // UPDATE sets a column its WHERE names, whatever the values.
    let s = Store::open_in_memory().unwrap();
    let root: i64 = s
        .conn()
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'items_open_deadline'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let writes_index = |sql: &str| -> bool {
        s.conn()
            .prepare(&format!("EXPLAIN {sql}"))
            .unwrap()
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .any(|(op, p2)| op == "OpenWrite" && p2 == root)
    };
    assert!(!writes_index(
        "UPDATE items SET status = 'in_progress', done_on = NULL, status_reason = '' WHERE id = 1 AND is_open = 1"
    ));
    assert!(writes_index(
        "UPDATE items SET status = 'done', done_on = '2026-12-01', status_reason = '', is_open = 0 WHERE id = 1"
    ));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite3");
    std::fs::write(&path, "这不是数据库，只是一些文字。").unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert_eq!(err.code(), "bad_file");
    assert!(
        err.to_string().contains("不是有效的督办台账数据库"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "这不是数据库，只是一些文字。"
    );
}

#[test]
fn a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("更新版本"), "{err}");
}

#[test]
fn the_audit_chain_finds_the_first_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut s = Store::open(&path).unwrap();
    let a = actor("2026-11-26 09:00");
    duban::org::seed_default(&mut s, &a).unwrap();
    for n in ["一", "二", "三"] {
        duban::items::create_item(
            &mut s,
            &a,
            &duban::items::NewItem::new(n, "办公厅", chrono::NaiveDate::from_ymd_opt(2026, 12, 31)),
        )
        .unwrap();
    }
    assert!(audit::verify(s.conn()).unwrap().ok());
    assert!(
        s.conn()
            .execute("UPDATE audit_log SET operator = 'x' WHERE id = 2", [])
            .is_err(),
        "the log refuses updates"
    );
    assert!(
        s.conn()
            .execute("DELETE FROM audit_log WHERE id = 2", [])
            .is_err(),
        "the log refuses deletes"
    );
    // Someone goes behind SQLite's back: drop the trigger and edit entry 3.
    s.conn()
        .execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    s.conn()
        .execute(
            "UPDATE audit_log SET after = '{\"name\":\"改\"}' WHERE id = 3",
            [],
        )
        .unwrap();
    let r = audit::verify(s.conn()).unwrap();
    assert_eq!(r.first_broken, Some(3), "{}", r.message());
    assert!(r.message().contains("第 3 条"));
}

#[test]
fn backup_and_restore_round_trip_and_keep_the_replaced_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let a = actor("2026-11-26 09:00");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &a).unwrap();
    let bak = dir.path().join("bak/b.sqlite3");
    backup::backup_to(&s, &bak).unwrap();
    duban::items::create_item(
        &mut s,
        &a,
        &duban::items::NewItem::new(
            "备份后",
            "办公厅",
            chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
        ),
    )
    .unwrap();
    drop(s);
    let kept = backup::restore(&path, &bak, &actor("2026-11-26 09:30"))
        .unwrap()
        .expect("kept");
    assert!(
        kept.to_string_lossy()
            .ends_with("before-restore-20261126-093000"),
        "{}",
        kept.display()
    );
    let s = Store::open(&path).unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "restored to the backup's state");
    let (action, operator, at): (String, String, String) = s
        .conn()
        .query_row(
            "SELECT action, operator, at FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        action, "从备份恢复",
        "a restore is an entry of the restored log"
    );
    assert_eq!(operator, "测试员");
    assert!(at.starts_with("2026-11-26 09:30"), "{at}");
    assert!(
        duban::store::audit::verify(s.conn()).unwrap().ok(),
        "the chain holds"
    );
    let old = Store::open(&kept).unwrap();
    let n: i64 = old
        .conn()
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the replaced database is kept beside it");
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, "junk").unwrap();
    assert!(
        backup::restore(&path, &junk, &actor("2026-11-26 10:00")).is_err(),
        "a bad backup is refused"
    );
    let n: i64 = Store::open(&path)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM parties", [], |r| r.get(0))
        .unwrap();
    assert!(n > 50, "a refused restore leaves the database as it was");
}

#[test]
fn rotating_backups_keep_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let bdir = dir.path().join("backups");
    for i in 0..5 {
        backup::rotate(&s, &bdir, &format!("2026112{i}-0900"), 3).unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir(&bdir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "duban-20261122-0900.zip",
            "duban-20261123-0900.zip",
            "duban-20261124-0900.zip"
        ]
    );
}

#[test]
fn default_organisation_has_departments_and_the_36_provincial_bureaus() {
    let s = crate::support::store();
    let org = duban::org::list(s.conn()).unwrap();
    let units = org
        .parties
        .iter()
        .filter(|p| p.kind == duban::org::PartyKind::Unit)
        .count();
    assert_eq!(units, 36);
    for name in [
        "大连市税务局",
        "宁波市税务局",
        "厦门市税务局",
        "青岛市税务局",
        "深圳市税务局",
        "新疆维吾尔自治区税务局",
    ] {
        assert!(
            org.parties.iter().any(|p| p.name == name),
            "{name} ships by default"
        );
    }
    assert!(org.parties.iter().any(|p| p.name == "办公厅"));
    assert!(!org.leaders.is_empty());
}

#[test]
fn the_operator_is_the_setting_else_the_system_user_else_the_office() {
    use duban::store::{operator_name, set_operator};
    let mut s = Store::open_in_memory().unwrap();
    assert_eq!(operator_name(s.conn(), Some("zhang")).unwrap(), "zhang");
    assert_eq!(operator_name(s.conn(), Some("  ")).unwrap(), "督办室");
    assert_eq!(operator_name(s.conn(), None).unwrap(), "督办室");

    let e = set_operator(&mut s, &actor("2026-11-26 09:00"), "  ").unwrap_err();
    assert_eq!(e.to_json().code, "invalid");
    assert!(e.to_string().contains("请填写操作人姓名"), "{e}");

    set_operator(&mut s, &actor("2026-11-26 09:00"), " 王科长 ").unwrap();
    assert_eq!(operator_name(s.conn(), Some("zhang")).unwrap(), "王科长");
    let log = audit::entries_for(s.conn(), "setting", "operator").unwrap();
    assert_eq!(log.len(), 1, "the change is audited");
    assert_eq!(log[0].before, Some(serde_json::json!({"operator": ""})));
    assert_eq!(
        log[0].after,
        Some(serde_json::json!({"operator": "王科长"}))
    );
    assert!(audit::verify(s.conn()).unwrap().ok());
}

#[test]
fn a_backup_from_a_newer_program_is_refused_before_anything_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let a = actor("2026-11-26 09:00");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &a).unwrap();
    let bak = dir.path().join("newer.sqlite3");
    backup::backup_to(&s, &bak).unwrap();
    drop(s);
    {
        let conn = rusqlite::Connection::open(&bak).unwrap();
        let newer = duban::store::migrations::MIGRATIONS.len() as i64 + 1;
        conn.pragma_update(None, "user_version", newer).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = backup::restore(&path, &bak, &actor("2026-11-26 10:00"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("更新版本") && err.contains("未做任何恢复"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database is untouched"
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert!(kept.is_empty(), "nothing was moved aside");
}

/// The bundled SQLite is built with a statement journal kept in memory up
/// to 16 MiB (`LIBSQLITE3_FLAGS` in `.cargo/config.toml`): a batch import's
/// savepoints copy every page they change into it (docs/development.md).
/// Should the setting be lost (the file moved, a build from elsewhere), the
/// import stays right but slower; this says so.
#[test]
fn sqlite_is_built_with_statement_journals_kept_in_memory() {
    let store = Store::open_in_memory().unwrap();
    let options: Vec<String> = store
        .conn()
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        options.iter().any(|o| o == "STMTJRNL_SPILL=16777216"),
        "SQLite built without LIBSQLITE3_FLAGS from .cargo/config.toml: {options:?}"
    );
}

/// A bulk load builds its indexes with SQLite's sorter using helper threads
/// (`store::bulk::sort_helper_threads`); a SQLite built without them would
/// answer 0 and sort on one thread, right but slower.
#[test]
fn sqlite_sorts_with_helper_threads_when_asked() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    conn.execute_batch("PRAGMA threads = 2").unwrap();
    let threads: i64 = conn.query_row("PRAGMA threads", [], |r| r.get(0)).unwrap();
    assert_eq!(threads, 2);
    assert_eq!(
        duban::store::bulk::sort_helper_threads(),
        std::thread::available_parallelism()
            .map_or(0, |n| n.get() as i64 - 1)
            .min(3)
    );
}
