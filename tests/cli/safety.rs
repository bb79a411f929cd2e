//! The audit chain anchored by backups and printed sheets (`verify --against`,
//! `verify --head`), restores that refuse to replace a database in use, a
//! backup with a `-wal` beside it, and a dry run that leaves the database free.

use std::io::Read;

use crate::support::{run_duban, Sandbox};

fn add_item(s: &Sandbox, name: &str) -> crate::support::Run {
    s.duban(&[
        "item",
        "add",
        "--name",
        name,
        "--lead",
        "办公厅",
        "--deadline",
        "2026-12-31",
    ])
}

fn sql(s: &Sandbox, batch: &str) {
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute_batch(batch).unwrap();
}

/// A sandbox with a few entries in the chain and a backup of it.
fn with_backup() -> (Sandbox, String) {
    let s = Sandbox::new();
    for i in 0..3 {
        add_item(&s, &format!("事项{i}")).ok();
    }
    let bak = s.path("b.sqlite3").display().to_string();
    let out = s.duban(&["--json", "backup", "-o", &bak]).ok().json();
    assert!(out["head"]["count"].as_i64().unwrap() > 3, "{out}");
    (s, bak)
}

#[test]
fn verify_against_a_backup_passes_when_the_chain_only_grew() {
    let (s, bak) = with_backup();
    add_item(&s, "备份之后").ok();
    let v = s
        .duban(&["--json", "verify", "--against", &bak])
        .ok()
        .json();
    assert_eq!(v["against"]["result"], "extends", "{v}");
}

#[test]
fn verify_against_a_backup_finds_deleted_last_entries() {
    let (s, bak) = with_backup();
    // Delete the last entries behind SQLite's back: the chain that is left
    // is intact, so only the anchor can tell.
    sql(
        &s,
        "DROP TRIGGER audit_log_no_delete;
         DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log);
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END;",
    );
    s.duban(&["verify"]).ok();
    let r = s.duban(&["--json", "verify", "--against", &bak]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["against"]["result"], "truncated", "{v}");
    assert!(r.stderr.contains("记录被删除过"), "{}", r.stderr);
}

#[test]
fn verify_against_a_backup_finds_a_recomputed_chain() {
    let (s, bak) = with_backup();
    // Rewrite history and recompute the whole chain with the program's own
    // rule: verify alone cannot tell.
    let conn = rusqlite::Connection::open(s.db()).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    conn.execute("UPDATE audit_log SET operator = '篡改者' WHERE id = 2", [])
        .unwrap();
    let rows: Vec<(i64, Vec<Option<String>>)> = conn
        .prepare("SELECT id, at, operator, entity, entity_id, action, before, after FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, (1..8).map(|i| r.get(i).unwrap()).collect()))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut prev = duban::store::audit::GENESIS.to_string();
    for (id, f) in rows {
        let text = |i: usize| f[i].as_deref().unwrap_or_default();
        let hash = duban::store::audit::entry_hash(
            &prev,
            text(0),
            text(1),
            text(2),
            text(3),
            text(4),
            f[5].as_deref(),
            f[6].as_deref(),
        );
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![prev, hash, id],
        )
        .unwrap();
        prev = hash;
    }
    conn.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END;",
    )
    .unwrap();
    drop(conn);
    s.duban(&["verify"]).ok();
    let r = s.duban(&["--json", "verify", "--against", &bak]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.json()["against"]["result"], "rewritten");
    assert!(r.stderr.contains("改写"), "{}", r.stderr);
}

/// The left part of the first sheet's footer in an exported workbook.
fn footer_of(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let start = xml.find("<oddFooter>").expect("a footer") + "<oddFooter>".len();
    let end = xml[start..].find("</oddFooter>").unwrap();
    xml[start..start + end].to_string()
}

#[test]
fn exported_sheets_print_the_chain_head_and_verify_checks_it() {
    let (s, _) = with_backup();
    let out = s.path("台账.xlsx");
    s.duban(&["export", "ledger", "-o", out.to_str().unwrap()])
        .ok();
    let footer = footer_of(&out);
    let head = s.duban(&["--json", "verify"]).ok().json()["head"].clone();
    let count = head["count"].as_i64().unwrap();
    let hash = head["hash"].as_str().unwrap();
    let printed = format!("审计链 第 {count} 条 {}", &hash[..16]);
    assert!(footer.contains(&printed), "{footer} / {printed}");
    assert!(footer.contains("第 &amp;P 页"), "{footer}");
    // What the sheet prints is what verify takes.
    s.duban(&["verify", "--head", &printed]).ok();
    let month = s.path("月报.xlsx");
    s.duban(&[
        "export",
        "monthly",
        "--month",
        "2026-11",
        "-o",
        month.to_str().unwrap(),
    ])
    .ok();
    assert!(footer_of(&month).contains("审计链 第"), "monthly footer");
    // A head that never was: refused with exit 2.
    let r = s.duban(&["verify", "--head", &format!("{count}:0123456789abcdef")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = s.duban(&["verify", "--head", "abc"]).failed();
    assert!(r.stderr.contains("无法识别审计链"), "{}", r.stderr);
}

#[test]
fn restore_is_refused_while_another_process_has_the_database_open() {
    let (s, bak) = with_backup();
    let before = std::fs::read(s.db()).unwrap();
    // This test process opens the database as the app does.
    let open = duban::store::Store::open(&s.db()).unwrap();
    let r = s.duban(&["restore", &bak]).failed();
    assert!(
        r.stderr.contains("请先关闭督查督办台账") && r.stderr.contains("未做任何恢复"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(s.db()).unwrap(), before, "untouched");
    drop(open);
    s.duban(&["restore", &bak]).ok();
}

#[test]
fn no_write_is_lost_to_a_concurrent_restore() {
    let (s, bak) = with_backup();
    let db = s.db();
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut written = Vec::new();
            for i in 0..20 {
                let name = format!("并发写入{i}");
                let r = run_duban(
                    &db,
                    &[
                        "item",
                        "add",
                        "--name",
                        &name,
                        "--lead",
                        "办公厅",
                        "--deadline",
                        "2026-12-31",
                    ],
                );
                if r.code == 0 {
                    written.push(name);
                }
            }
            written
        })
    };
    let mut kept = Vec::new();
    while !writer.is_finished() {
        let r = s.duban(&["--json", "restore", &bak]);
        if r.code == 0 {
            if let Some(k) = r.json()["kept"].as_str() {
                kept.push(k.to_string());
            }
        } else {
            assert!(r.stderr.contains("请先关闭督查督办台账"), "{}", r.stderr);
        }
    }
    let written = writer.join().unwrap();
    assert!(!written.is_empty());
    // Every write reported done is in the database, or in a copy a restore
    // kept of the database it replaced.
    let has = |path: &std::path::Path, name: &str| -> bool {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.query_row("SELECT count(*) FROM items WHERE name = ?1", [name], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap()
            > 0
    };
    for name in &written {
        let found = has(&db, name) || kept.iter().any(|k| has(std::path::Path::new(k), name));
        assert!(found, "“{name}” was reported written and is gone");
    }
}

#[test]
fn a_backup_with_its_wal_beside_it_is_settled_then_checked_and_installed() {
    let s = Sandbox::new();
    let bak = s.path("walbak.sqlite3");
    // A copy of a live database taken with its -wal (as a file copy would):
    // the newest writes are only in the log.
    // An open connection keeps the last writer's close from folding the log in.
    let keeper = rusqlite::Connection::open(s.db()).unwrap();
    let _: i64 = keeper
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    add_item(&s, "只在日志里").ok();
    std::fs::copy(s.db(), &bak).unwrap();
    let wal = format!("{}-wal", s.db().display());
    assert!(
        std::path::Path::new(&wal).exists(),
        "the log holds the write"
    );
    std::fs::copy(&wal, format!("{}-wal", bak.display())).unwrap();
    drop(keeper);
    let other = Sandbox::new();
    other.duban(&["restore", bak.to_str().unwrap()]).ok();
    let page = other
        .duban(&["--json", "item", "list", "--text", "只在日志里"])
        .ok()
        .json();
    assert_eq!(
        page["total"], 1,
        "the write in the backup's log was installed"
    );
    other.duban(&["verify"]).ok();
}

#[test]
fn a_dry_run_leaves_the_database_free_for_other_writers() {
    let s = Sandbox::new();
    let file = s.path("大台账.xlsx");
    crate::import::crash::big_ledger(&file);
    let mut dry = std::process::Command::new(env!("CARGO_BIN_EXE_duban"))
        .arg("--db")
        .arg(s.db())
        .args(["import", "ledger", file.to_str().unwrap(), "--dry-run"])
        .env_remove("DUBAN_DB")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // While the dry run works, the write lock is free at every moment: a
    // writer that does not wait at all gets it.
    let probe = rusqlite::Connection::open(s.db()).unwrap();
    probe.busy_timeout(std::time::Duration::ZERO).unwrap();
    let mut writes = 0;
    while dry.try_wait().unwrap().is_none() {
        probe
            .execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
            .unwrap_or_else(|e| panic!("the dry run holds the write lock: {e}"));
        writes += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(dry.wait().unwrap().success());
    assert!(
        writes > 10,
        "the dry run was too quick to be observed ({writes})"
    );
    add_item(&s, "试运行之后").ok();
    let page = s
        .duban(&["--json", "item", "list", "--text", "压力测试事项"])
        .ok()
        .json();
    assert_eq!(page["total"], 0, "the dry run wrote nothing");
}
