//! Opening a database that a crash left in the middle of a write, where the
//! write cannot be undone (a read-only medium).

use super::*;

/// What a crash during a large write in rollback-journal mode (a bulk
/// import's) leaves: the database with some of the write's pages already in
/// it, and beside it the journal that undoes them. Made by copying both files
/// while the write is under way, its pages spilled out of a tiny cache.
fn crashed_copy(dir: &Path) -> PathBuf {
    let live = dir.join("live.sqlite3");
    drop(Store::open(&live).unwrap());
    let conn = Connection::open(&live).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = TRUNCATE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "truncate");
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA cache_size = 10; BEGIN;
         CREATE TABLE interrupted(x);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO interrupted SELECT hex(randomblob(500)) FROM n;",
    )
    .unwrap();
    let copy = dir.join("crashed.sqlite3");
    std::fs::copy(&live, &copy).unwrap();
    std::fs::copy(journal_of(&live), journal_of(&copy)).unwrap();
    copy
}

#[test]
fn an_interrupted_write_that_cannot_be_undone_is_named_with_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = crashed_copy(dir.path());
    assert!(is_non_empty(&journal_of(&db)), "no journal left");
    // The open alone, as on a read-only medium: nothing undid the write.
    let then = "未做检查。请用 --db 指定要检查的数据库。";
    let message = open_read_only(&db, "数据库文件", then)
        .expect_err("a hot journal cannot be read past")
        .to_string();
    for part in [
        "数据库文件“",
        "上次写入时中断",
        &journal_of(&db).display().to_string(),
        "该位置只读（或没有写入权限）",
        "未做检查。请把这两个文件一起复制到可写的文件夹",
    ] {
        assert!(message.contains(part), "{part:?} missing from: {message}");
    }
    assert!(!message.contains("readonly"), "{message}");
    // Where the file can be written, the write is undone first and the file opens.
    let conn = open_existing(&db, "数据库文件", then).unwrap();
    let interrupted: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'interrupted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(interrupted, 0, "the interrupted write is undone");
}
