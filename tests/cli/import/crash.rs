//! Kill `duban import ledger` at varied moments; every time the database
//! must pass `duban verify` and hold either all of the file or none of it.

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use duban::sheets::write::{Book, Cell, Column, Fill, Layout};

use crate::support::{run_duban, Sandbox};

const ROWS: usize = 12_000;

/// A large ledger written by our own writer.
pub fn big_ledger(path: &std::path::Path) {
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

fn items(db: &std::path::Path) -> i64 {
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
    let mut killed_midway = 0;
    for k in 0..10u32 {
        let db = s.path(&format!("crash{k}.sqlite3"));
        std::fs::write(&db, &template).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_duban"))
            .arg("--db")
            .arg(&db)
            .args(["import", "ledger", file.to_str().unwrap()])
            .env_remove("DUBAN_DB")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // From just after start to just past a whole run.
        std::thread::sleep(full.mul_f64(0.1 + 0.11 * f64::from(k)) + Duration::from_millis(5));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        run_duban(&db, &["verify"]).ok();
        let n = items(&db);
        assert!(
            n == 0 || n == ROWS as i64,
            "kill {k}: {n} items — a half-applied file"
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
