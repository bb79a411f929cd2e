//! Kill `duban import ledger`, and `duban import feedback` of a batch of
//! files, at varied moments; every time the database must pass `duban verify`
//! and hold either all of the file (the batch) or none of it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use duban::sheets::write::{Book, Cell, Column, Fill, Layout};

use crate::support::{run_duban, Sandbox};

const ROWS: usize = 12_000;

/// A large ledger written by our own writer.
pub fn big_ledger(path: &Path) {
    let mut book = Book::new();
    let layout = Layout::new("大台账").columns(vec![
        Column::text("事项编号", 14.0),
        Column::text("事项名称", 30.0),
        Column::text("牵头部门", 14.0),
        Column::text("配合部门", 14.0),
        Column::text("统筹局领导", 10.0),
        Column::date("完成时限"),
        Column::text("办理进展", 30.0),
    ]);
    let mut t = book.table("台账", &layout).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    for i in 0..ROWS {
        let no = format!("K-{i:06}");
        let name = format!("压力测试事项{i}");
        t.row(
            &[
                Cell::Text(&no),
                Cell::Text(&name),
                Cell::Text("办公厅"),
                Cell::Text(if i % 3 == 0 { "所得税司" } else { "" }),
                Cell::Text(if i % 3 == 0 { "王建国" } else { "" }),
                Cell::Date(day),
                Cell::Text("进展"),
            ],
            Fill::None,
        )
        .unwrap();
    }
    book.save(path).unwrap();
}

fn items(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let s = Sandbox::new();
    let file = s.path("big.xlsx");
    big_ledger(&file);
    let template = std::fs::read(s.db()).unwrap();
    let started = Instant::now();
    run_duban(
        &s.db(),
        &["import", "ledger", file.to_str().unwrap(), "--dry-run"],
    )
    .ok();
    let full = started.elapsed();
    let import = |db: &Path| duban_quietly(db, &["import", "ledger", file.to_str().unwrap()]);
    kill_at_varied_moments(&s, &template, full, import, items, ROWS as i64);
}

/// `duban --db db args…`, its output thrown away.
fn duban_quietly(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duban"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUBAN_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// Runs `command` on ten copies of `template`, each killed at another moment,
/// from just after its start to just past a whole run (`full`): every time
/// `duban verify` passes and `count` finds none or all (`whole`) of what the
/// command writes. At least three kills must land before the commit.
fn kill_at_varied_moments(
    s: &Sandbox,
    template: &[u8],
    full: Duration,
    command: impl Fn(&Path) -> Command,
    count: impl Fn(&Path) -> i64,
    whole: i64,
) {
    let mut killed_midway = 0;
    for k in 0..10u32 {
        let db = s.path(&format!("crash{k}.sqlite3"));
        std::fs::write(&db, template).unwrap();
        let mut child = command(&db).spawn().unwrap();
        std::thread::sleep(full.mul_f64(0.1 + 0.11 * f64::from(k)) + Duration::from_millis(5));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        run_duban(&db, &["verify"]).ok();
        let n = count(&db);
        assert!(
            n == 0 || n == whole,
            "kill {k}: {n} of {whole} rows — a half-applied write"
        );
        if !finished && n == 0 {
            killed_midway += 1;
        }
    }
    assert!(
        killed_midway >= 3,
        "only {killed_midway} kills landed before the commit; the test proves little"
    );
}

/// What a crash during a large write in rollback-journal mode (a bulk
/// import's) leaves at `db`: the database with some of the write's pages
/// already in it (here: a new table, and the organisation deleted), and beside it
/// the journal that undoes them. Made by copying both files while the write
/// is under way on a copy, its pages spilled out of a tiny cache.
fn crash_mid_write(db: &Path) {
    let live = db.with_extension("live");
    std::fs::copy(db, &live).unwrap();
    let conn = rusqlite::Connection::open(&live).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = TRUNCATE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "truncate");
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA cache_size = 10; BEGIN;
         CREATE TABLE interrupted(x);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO interrupted SELECT hex(randomblob(500)) FROM n;
         DELETE FROM parties;",
    )
    .unwrap();
    let beside = |p: &Path, suffix: &str| format!("{}{suffix}", p.display());
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(db, suffix));
    }
    std::fs::copy(&live, db).unwrap();
    std::fs::copy(beside(&live, "-journal"), beside(db, "-journal")).unwrap();
}

#[test]
fn verify_rolls_back_a_write_a_crash_left_in_rollback_journal_mode() {
    let s = Sandbox::new();
    let db = s.db();
    let parties = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM parties", [], |r| r.get(0))
            .unwrap()
    };
    let before = parties(&rusqlite::Connection::open(&db).unwrap());
    assert!(before > 0, "nothing for the interrupted write to delete");
    crash_mid_write(&db);
    let journal = std::path::PathBuf::from(format!("{}-journal", db.display()));
    assert!(
        std::fs::metadata(&journal).unwrap().len() > 0,
        "no journal left"
    );
    // A read-only connection cannot roll it back: the journal is hot.
    let ro = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    assert!(ro
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    drop(ro);
    let out = run_duban(&db, &["verify"]).ok();
    assert!(out.stdout.contains("完整性检查通过"), "{}", out.stdout);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(parties(&conn), before, "the interrupted write is undone");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'interrupted'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0);
}

/// `files` feedback sheets from 办公厅 on the big ledger's items, `rows` each.
fn feedback_batch(dir: &Path, files: usize, rows: usize) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    (0..files)
        .map(|f| {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.write_string(0, 0, "督办事项落实情况反馈表").unwrap();
            ws.write_string(1, 0, "填报单位：办公厅").unwrap();
            ws.write_string(2, 0, "事项编号").unwrap();
            ws.write_string(2, 1, "办理进展").unwrap();
            for r in 0..rows {
                let row = 3 + r as u32;
                ws.write_string(row, 0, format!("K-{:06}", f * rows + r))
                    .unwrap();
                ws.write_string(row, 1, format!("第{f}份反馈：已推进第{r}项工作"))
                    .unwrap();
            }
            let path = dir.join(format!("反馈-{f:02}.xlsx"));
            wb.save(&path).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect()
}

fn fed_back(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM progress p JOIN imports i ON i.id = p.import_id
          WHERE i.kind = 'feedback'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// A batch of feedback files is written in one transaction (savepoints per
/// file): killed at any moment, the database holds the whole batch or none
/// of it, never the first files alone.
#[test]
fn a_killed_feedback_batch_leaves_all_of_it_or_none() {
    const FILES: usize = 12;
    const ROWS: usize = 1_000;
    let s = Sandbox::new();
    let ledger = s.path("big.xlsx");
    big_ledger(&ledger);
    run_duban(&s.db(), &["import", "ledger", ledger.to_str().unwrap()]).ok();
    let files = feedback_batch(&s.path("反馈"), FILES, ROWS);
    let template = std::fs::read(s.db()).unwrap();
    let mut args = vec!["import", "feedback"];
    args.extend(files.iter().map(String::as_str));
    let import = |db: &Path| duban_quietly(db, &args);
    let whole = s.path("whole.sqlite3");
    std::fs::write(&whole, &template).unwrap();
    let started = Instant::now();
    assert!(import(&whole).status().unwrap().success());
    let full = started.elapsed();
    assert_eq!(fed_back(&whole), (FILES * ROWS) as i64);
    kill_at_varied_moments(&s, &template, full, import, fed_back, (FILES * ROWS) as i64);
}
