//! A large `.xlsx` ledger is read piece by piece on one thread while its rows
//! are applied on another (`imports::pieces`). Whatever the piece boundaries
//! cut through (blank rows, a second sheet, a hidden sheet, a 合计 row), the
//! outcome must be exactly the whole-file path's: the same planned rows, the
//! same rejections in the same order, and all or nothing.

use std::collections::BTreeSet;

use duban::imports::{
    import_bytes, FileReport, FileStatus, ImportOptions, Importer, LedgerImporter, ParseContext,
    PREVIEW_ROWS,
};
use duban::org::PartyIndex;
use duban::sheets::read::{open_bytes, stream_xlsx};
use duban::sheets::{cell_text, RowIssue};
use duban::store::Store;
use rust_xlsxwriter::Workbook;

use super::common::{count, dry, strict, valid_rows};
use crate::support::{actor, d, store};

const HEADER: [&str; 6] = [
    "事项编号",
    "事项名称",
    "牵头部门",
    "配合部门",
    "统筹局领导",
    "完成时限",
];

/// A ledger far larger than one piece (pieces are 2,048 rows):
/// - 台账一: a title in B1, the header in row 3 from column B, 5,000 rows,
///   blank rows around the first piece boundary, an unknown department in
///   row 4,000, a 合计 row at the end;
/// - 隐藏: a hidden sheet with rows that must be ignored;
/// - 台账二: the header in row 1, 300 rows, one repeating a number of 台账一.
fn large_ledger() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("台账一").unwrap();
    ws.write_string(0, 1, "2026年督办事项台账（大）").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, 1 + c as u16, *h).unwrap();
    }
    let leads = ["办公厅", "政策法规司", "所得税司", "纳税服务司"];
    let mut excel_row = 4u32; // the Excel row written next
    for i in 0..5000u32 {
        if (2045..2052).contains(&excel_row) && i % 2 == 0 {
            excel_row += 1; // a blank row near the first piece boundary
        }
        let r = excel_row - 1;
        let lead = if excel_row == 4000 {
            "不存在司"
        } else {
            leads[i as usize % 4]
        };
        ws.write_string(r, 1, format!("P-{i:05}")).unwrap();
        ws.write_string(r, 2, format!("分段读取事项{i}")).unwrap();
        ws.write_string(r, 3, lead).unwrap();
        if i % 7 == 0 {
            ws.write_string(r, 4, "征管和科技发展司").unwrap();
            ws.write_string(r, 5, "王建国").unwrap();
        }
        ws.write_string(r, 6, "2026-12-31").unwrap();
        excel_row += 1;
    }
    ws.write_string(excel_row - 1, 1, "合计").unwrap();
    ws.write_string(excel_row - 1, 2, "5000 项").unwrap();
    let hidden = wb.add_worksheet().set_name("隐藏").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        hidden.write_string(0, c as u16, *h).unwrap();
    }
    hidden.write_string(1, 0, "H-1").unwrap();
    hidden.write_string(1, 1, "隐藏的事项").unwrap();
    hidden.write_string(1, 2, "办公厅").unwrap();
    hidden.write_string(1, 5, "2026-12-31").unwrap();
    hidden.set_hidden(true);
    let ws = wb.add_worksheet().set_name("台账二").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..300u32 {
        let r = 1 + i;
        let no = if i == 150 {
            "P-03000".to_string()
        } else {
            format!("Q-{i:05}")
        };
        ws.write_string(r, 0, no).unwrap();
        ws.write_string(r, 1, format!("第二张表事项{i}")).unwrap();
        ws.write_string(r, 2, "货物和劳务税司").unwrap();
        ws.write_string(r, 5, "2027-01-15").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// What the whole-file path plans: (sheet, row, 事项编号) and the rejections.
fn whole_file_plan(s: &Store, bytes: &[u8]) -> (BTreeSet<(String, u32, String)>, Vec<RowIssue>) {
    let book = open_bytes("large.xlsx", bytes).unwrap();
    let parties = PartyIndex::load(s.conn()).unwrap();
    let options = ImportOptions::default();
    let ctx = ParseContext {
        conn: s.conn(),
        parties: &parties,
        options: &options,
        today: d("2026-11-26"),
        now: d("2026-11-26").and_hms_opt(9, 0, 0).unwrap(),
    };
    let parsed = LedgerImporter.parse(&ctx, &book).unwrap();
    let planned = parsed
        .rows
        .iter()
        .map(|p| {
            let no = p.data.item.item_no.clone().unwrap();
            (parsed.sheets[p.sheet].clone(), p.row, no)
        })
        .collect();
    (planned, parsed.rejected.listed().to_vec())
}

fn import(s: &mut Store, bytes: &[u8], options: &ImportOptions) -> FileReport {
    import_bytes(
        s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        "large.xlsx",
        bytes,
        options,
    )
}

#[test]
fn pieces_cover_the_cells_of_the_whole_sheet() {
    let bytes = large_ledger();
    let book = open_bytes("large.xlsx", &bytes).unwrap();
    let whole: BTreeSet<(String, u32, u32, String)> = book
        .sheets
        .iter()
        .flat_map(|g| {
            let first_col = g.first_col();
            g.rows().flat_map(move |(r, cells)| {
                cells.iter().enumerate().filter_map(move |(c, v)| {
                    let t = cell_text(v);
                    (!t.is_empty()).then(|| (g.name.clone(), r, first_col + c as u32, t))
                })
            })
        })
        .collect();
    let mut pieced = BTreeSet::new();
    let mut firsts = Vec::new();
    let mut pieces = 0;
    stream_xlsx("large.xlsx", &bytes, 2048, |g, first| {
        pieces += 1;
        if first {
            firsts.push((g.name.clone(), g.first_row()));
        }
        for (r, cells) in g.rows() {
            for (c, v) in cells.iter().enumerate() {
                let t = cell_text(v);
                if !t.is_empty() {
                    assert!(
                        pieced.insert((g.name.clone(), r, g.first_col() + c as u32, t)),
                        "a cell in two pieces"
                    );
                }
            }
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(pieced, whole);
    assert!(pieces >= 4, "5,300 rows in pieces of 2,048: {pieces}");
    assert_eq!(
        firsts,
        [("台账一".to_string(), 1), ("台账二".to_string(), 1)],
        "visible sheets only, each starting at its first used row"
    );
}

#[test]
fn a_large_ledger_applies_exactly_what_the_whole_file_plans() {
    let bytes = large_ledger();
    let mut s = store();
    let (planned, rejected) = whole_file_plan(&s, &bytes);
    assert_eq!(planned.len(), 5000 - 1 + 300 - 1);
    assert_eq!(
        rejected
            .iter()
            .map(|r| (r.sheet.as_str(), r.row))
            .collect::<Vec<_>>(),
        [("台账一", 4000), ("台账二", 152)],
        "{rejected:#?}"
    );
    let rep = import(&mut s, &bytes, &valid_rows());
    assert_eq!(rep.status, FileStatus::Partial, "{}", rep.message());
    assert_eq!(rep.rows_applied as usize, planned.len());
    assert_eq!(rep.rows_rejected, rejected, "same rejections, same order");
    let mut st = s
        .conn()
        .prepare("SELECT import_sheet, import_row, item_no FROM items")
        .unwrap();
    let stored: BTreeSet<(String, u32, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        stored, planned,
        "every planned row, linked to its sheet and row"
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM item_cooperators c JOIN items i ON i.id = c.item_id WHERE i.item_no LIKE 'P-%'"
        ),
        (0..5000).filter(|i| i % 7 == 0).count() as i64,
    );
}

#[test]
fn a_large_ledger_with_one_bad_row_applies_nothing() {
    let bytes = large_ledger();
    let mut s = store();
    let (_, rejected) = whole_file_plan(&s, &bytes);
    let before = count(&s, "SELECT count(*) FROM audit_log");
    let rep = import(&mut s, &bytes, &strict());
    assert_eq!(rep.status, FileStatus::Rejected, "{}", rep.message());
    assert_eq!(rep.rows_applied, 0);
    assert_eq!(rep.rows_rejected, rejected);
    assert!(rep
        .error
        .as_deref()
        .unwrap_or("")
        .contains("整个文件未导入"));
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM imports"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), before);
}

#[test]
fn a_dry_run_of_a_large_ledger_lists_its_first_rows_and_writes_nothing() {
    let bytes = large_ledger();
    let mut s = store();
    let (planned, _) = whole_file_plan(&s, &bytes);
    let options = ImportOptions {
        with_rows: true,
        apply_valid_rows: true,
        ..dry()
    };
    let rep = import(&mut s, &bytes, &options);
    assert_eq!(rep.status, FileStatus::Partial, "{}", rep.message());
    // The first PREVIEW_ROWS planned rows, in file order (台账一 before 台账二).
    assert_eq!(rep.rows.len(), PREVIEW_ROWS);
    assert_eq!(rep.rows_not_listed as usize, planned.len() - PREVIEW_ROWS);
    let previewed: Vec<(String, u32, String)> = rep
        .rows
        .iter()
        .map(|p| (p.sheet.clone(), p.row, p.key.clone()))
        .collect();
    let first: Vec<_> = planned.into_iter().take(PREVIEW_ROWS).collect();
    assert_eq!(previewed, first);
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM imports"), 0);
}

#[test]
fn a_corrupt_large_ledger_is_refused_with_its_name() {
    let mut bytes = large_ledger();
    let n = bytes.len();
    // Damage the middle of the archive (the worksheet's compressed data).
    for b in &mut bytes[n / 3..n / 3 + 4096] {
        *b = 0x5A;
    }
    let mut s = store();
    let rep = import(&mut s, &bytes, &valid_rows());
    assert_eq!(rep.status, FileStatus::Rejected);
    let err = rep.error.unwrap_or_default();
    assert!(err.contains("large.xlsx"), "{err}");
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM imports"), 0);
}

/// The indexes of the tables a ledger fills, as the schema defines them.
fn indexes(s: &Store) -> Vec<(String, String)> {
    let mut st = s
        .conn()
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
               AND tbl_name IN ('items', 'item_cooperators', 'progress') ORDER BY name",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn cache_size(s: &Store) -> i64 {
    count(s, "PRAGMA cache_size")
}

/// A large ledger into empty tables builds their secondary indexes once after
/// its rows (`store::bulk`): whatever the outcome, the schema afterwards is
/// the one before, the indexes hold every row, and the connection's page
/// cache and sorter threads (changed while the indexes are built) are back
/// to what they were.
#[test]
fn a_bulk_load_leaves_the_indexes_and_the_page_cache_as_they_were() {
    let bytes = large_ledger();
    let mut s = store();
    let schema = indexes(&s);
    assert!(schema.len() >= 6, "{schema:#?}");
    // The indexes a ledger keeps up instead of building again are in the
    // schema (a renamed one would only be built again): partial ones, and
    // the one on progress by item, whose keys a ledger adds in order.
    for kept in LedgerImporter.bulk_kept_indexes() {
        assert!(
            schema.iter().any(|(name, sql)| name == kept
                && (sql.contains(" WHERE ") || sql.contains("progress(item_id"))),
            "{kept}: {schema:#?}"
        );
    }
    let cache = cache_size(&s);
    let threads = count(&s, "PRAGMA threads");
    for (what, options, status) in [
        ("refused", strict(), FileStatus::Rejected),
        (
            "dry run",
            ImportOptions {
                apply_valid_rows: true,
                ..dry()
            },
            FileStatus::Partial,
        ),
        ("applied", valid_rows(), FileStatus::Partial),
    ] {
        let rep = import(&mut s, &bytes, &options);
        assert_eq!(rep.status, status, "{what}: {}", rep.message());
        assert_eq!(indexes(&s), schema, "{what}: the same indexes");
        assert_eq!(cache_size(&s), cache, "{what}: the page cache");
        assert_eq!(
            count(&s, "PRAGMA threads"),
            threads,
            "{what}: sorter threads"
        );
    }
    let integrity: String = s
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "every index holds every row");
    // Found through the rebuilt indexes: the lead's items by deadline.
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM items INDEXED BY items_lead WHERE lead_party_id =
               (SELECT id FROM parties WHERE name = '货物和劳务税司')"
        ),
        299
    );
}

/// A ledger of `rows` rows with long 工作要求, larger than the size from
/// which a load into an empty database bypasses the WAL.
fn wide_ledger(rows: u32) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项编号", "事项名称", "牵头部门", "完成时限", "工作要求"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i + 1;
        ws.write_string(r, 0, format!("W-{i:05}")).unwrap();
        ws.write_string(r, 1, format!("整批写入事项{i}")).unwrap();
        ws.write_string(r, 2, "办公厅").unwrap();
        ws.write_string(r, 3, "2026-12-31").unwrap();
        ws.write_string(
            r,
            4,
            format!(
                "第{i}项要求：{}",
                "按期报送落实情况，".repeat(1 + i as usize % 9) + &(i * 7919 % 100_003).to_string()
            ),
        )
        .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// A database file with the default organisation.
fn seeded(path: &std::path::Path) -> Store {
    let mut s = Store::open(path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-01-05 09:00")).unwrap();
    s
}

fn wal_bytes(db: &std::path::Path) -> u64 {
    let wal = db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_string_lossy()));
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

fn journal_mode(conn: &rusqlite::Connection) -> String {
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_bulk_load_into_an_empty_database_bypasses_the_log_and_leaves_wal_mode() {
    let bytes = wide_ledger(12_000);
    assert!(bytes.len() > 256 * 1024, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();

    // Alone on the database: the rows go straight into it.
    let alone = dir.path().join("alone.sqlite3");
    let mut s = seeded(&alone);
    let before = wal_bytes(&alone);
    let rep = import(&mut s, &bytes, &strict());
    assert_eq!(rep.status, FileStatus::Applied, "{:?}", rep.error);
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 12_000);
    assert_eq!(journal_mode(s.conn()), "wal");
    // Written with SQLite's foreign keys off (store::bulk::BulkLoad): every
    // key holds, and they are on again.
    assert_eq!(
        count(&s, "SELECT count(*) FROM pragma_foreign_key_check"),
        0
    );
    assert_eq!(count(&s, "SELECT foreign_keys FROM pragma_foreign_keys"), 1);
    assert!(
        wal_bytes(&alone) <= before.max(64 * 1024),
        "the log grew to {} bytes",
        wal_bytes(&alone)
    );
    drop(s);
    let reopened = Store::open(&alone).unwrap();
    assert_eq!(count(&reopened, "SELECT count(*) FROM items"), 12_000);

    // With another connection open (the window reading while the command
    // line imports): no switch, the import goes through the log as before.
    let shared = dir.path().join("shared.sqlite3");
    let mut s = seeded(&shared);
    let other = rusqlite::Connection::open(&shared).unwrap();
    assert_eq!(journal_mode(&other), "wal");
    let rep = {
        // The other connection is in a read transaction: the import does not
        // wait for it (SQLite refuses the switch at once) and goes through the log.
        other.execute_batch("BEGIN").unwrap();
        let parties: i64 = other
            .query_row("SELECT count(*) FROM parties", [], |r| r.get(0))
            .unwrap();
        assert!(parties > 0);
        let started = std::time::Instant::now();
        let rep = import(&mut s, &bytes, &strict());
        assert!(
            started.elapsed() < duban::store::BUSY_TIMEOUT,
            "the import waited for the other connection: {:?}",
            started.elapsed()
        );
        other.execute_batch("COMMIT").unwrap();
        rep
    };
    assert_eq!(rep.status, FileStatus::Applied, "{:?}", rep.error);
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 12_000);
    assert_eq!(journal_mode(s.conn()), "wal");
    assert!(
        wal_bytes(&shared) > bytes.len() as u64,
        "the rows went through the log"
    );
    let seen: i64 = other
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 12_000);
}

/// The handles this process has open on `path` (Linux: `/proc/self/fd`).
#[cfg(target_os = "linux")]
fn handles_on(path: &std::path::Path) -> usize {
    let path = path.canonicalize().unwrap();
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|target| *target == path)
        .count()
}

/// The handles this process has open on a file that was at `path` and is
/// in no folder any more (Linux: `/proc/self/fd` says "… (deleted)").
#[cfg(target_os = "linux")]
fn handles_on_deleted(path: &std::path::Path) -> usize {
    let gone = format!("{} (deleted)", path.canonicalize().unwrap().display());
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|target| target.to_string_lossy() == gone)
        .count()
}

/// Imports a 12,000-row ledger into `s`, in one bulk load.
fn bulk_load(s: &mut Store) {
    let rep = import(s, &wide_ledger(12_000), &strict());
    assert_eq!(rep.status, FileStatus::Applied, "{:?}", rep.error);
}

/// The POSIX locks this process holds on `path` (Linux: `/proc/locks`,
/// `… POSIX ADVISORY READ|WRITE pid maj:min:inode start end`).
#[cfg(target_os = "linux")]
fn locks_on(path: &std::path::Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(path).unwrap().ino().to_string();
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|f| f.get(1) == Some(&"POSIX") && f.get(4) == Some(&pid.as_str()))
        .filter(|f| f.get(5).and_then(|d| d.rsplit(':').next()) == Some(inode.as_str()))
        .count()
}

/// A bulk load syncs its pages early through a second handle on the
/// database (`store::bulk::EarlyFlush`). Closing any handle on a file drops
/// the POSIX locks SQLite holds through its own, so that handle is opened
/// once and kept open: still there after the store that opened it is
/// gone, and the database opens and reads as it should.
#[cfg(target_os = "linux")]
#[test]
fn the_early_flush_handle_is_opened_once_and_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("flush.sqlite3");
    let mut s = seeded(&db);
    assert_eq!(handles_on(&db), 1, "SQLite's own handle");
    bulk_load(&mut s);
    assert_eq!(handles_on(&db), 2, "SQLite's and the early flush's");
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 12_000);
    drop(s);
    assert_eq!(handles_on(&db), 1, "the early flush's stays");
    let reopened = Store::open(&db).unwrap();
    assert_eq!(count(&reopened, "SELECT count(*) FROM items"), 12_000);
    assert_eq!(handles_on(&db), 2);
}

/// The app keeps several connections on its database and closes them at
/// different times: when the store whose bulk load opened the early flush's
/// handle closes, another connection's locks on the file stay (they would
/// go with that handle, were it closed).
#[cfg(target_os = "linux")]
#[test]
fn closing_the_store_that_loaded_keeps_the_locks_of_another_connection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("locks.sqlite3");
    let mut loader = seeded(&db);
    bulk_load(&mut loader);
    let reader = Store::open(&db).unwrap();
    assert_eq!(count(&reader, "SELECT count(*) FROM items"), 12_000);
    let held = locks_on(&db);
    assert!(
        held > 0,
        "a connection in WAL mode holds a shared lock on the file"
    );
    drop(loader);
    assert_eq!(locks_on(&db), held, "the reader's locks");
    assert_eq!(count(&reader, "SELECT count(*) FROM items"), 12_000);
}

/// A restore puts another database file in the place of the one the early
/// flush's handle is on: that handle (on a file nobody can open again) is
/// closed at the next bulk load, which frees the replaced file's disk
/// space, and the file now in its place gets a handle of its own.
#[cfg(target_os = "linux")]
#[test]
fn the_early_flush_handle_on_a_replaced_database_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("replaced.sqlite3");
    let mut s = seeded(&db);
    bulk_load(&mut s);
    drop(s);
    let restored = dir.path().join("restored.sqlite3");
    drop(seeded(&restored));
    std::fs::rename(&restored, &db).unwrap();
    assert_eq!(
        handles_on_deleted(&db),
        1,
        "the replaced file's, still open"
    );
    let mut s = Store::open(&db).unwrap();
    bulk_load(&mut s);
    assert_eq!(handles_on_deleted(&db), 0, "closed");
    assert_eq!(handles_on(&db), 2, "SQLite's and the early flush's");
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 12_000);
}
