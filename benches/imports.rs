//! Imports as a whole, from files on disk to a committed database:
//! 36 feedback files of 300 rows each (target < 0.3 s together), one
//! 100,000-row ledger (target < 1.0 s) and 36 舆情情况登记表 of 200 rows each
//! (target < 0.3 s together). Files are written by our own writer;
//! each iteration starts from a fresh copy of the prepared database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use duban::imports::template::{feedback_book, TemplateRow};
use duban::imports::{import_files, FeedbackImporter, FileStatus, ImportOptions, LedgerImporter};
use duban::sheets::write::{Book, Cell, Column, Fill, Layout};
use duban::store::{Actor, Store};

// The allocator of the shipped binaries (`duban`, the desktop app).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn actor() -> Actor {
    let now = duban::dates::parse_stamp("2026-11-26 10:00:00").unwrap();
    Actor::new("基准测试", now)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
}

/// A ledger of `rows` items led in turn by `leads`, written by our writer.
fn ledger_file(path: &Path, leads: &[String], per_lead: usize) {
    let mut book = Book::new();
    let layout = Layout::new("督办事项台账").columns(vec![
        Column::text("事项编号", 14.0),
        Column::text("事项名称", 30.0),
        Column::text("来源类别", 12.0),
        Column::text("工作要求", 30.0),
        Column::text("统筹局领导", 10.0),
        Column::text("牵头部门", 14.0),
        Column::text("配合部门", 14.0),
        Column::text("责任人", 10.0),
        Column::date("完成时限"),
        Column::text("办理进展", 30.0),
        Column::text("办理状态", 10.0),
    ]);
    let mut t = book.table("台账", &layout).unwrap();
    let mut i = 0;
    for _ in 0..per_lead {
        for lead in leads {
            let no = format!("B-{i:06}");
            let name = format!("基准事项{i}");
            let coop = i % 4 == 0;
            t.row(
                &[
                    Cell::Text(&no),
                    Cell::Text(&name),
                    Cell::Text("会议决定事项"),
                    Cell::Text("按要求抓好落实，按时报送进展"),
                    Cell::Text(if coop { "王建国" } else { "" }),
                    Cell::Text(lead),
                    Cell::Text(if coop { "征管和科技发展司" } else { "" }),
                    Cell::Text("张三"),
                    Cell::Date(day()),
                    Cell::Text(if i % 2 == 0 { "已部署" } else { "" }),
                    Cell::Text(if i % 2 == 0 { "推进中" } else { "未启动" }),
                ],
                Fill::None,
            )
            .unwrap();
            i += 1;
        }
    }
    book.save(path).unwrap();
}

struct Prepared {
    _dir: tempfile::TempDir,
    empty_db: Vec<u8>,
    with_items_db: Vec<u8>,
    feedback: Vec<PathBuf>,
    ledger: PathBuf,
    scratch: PathBuf,
}

fn prepare() -> Prepared {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    {
        let mut s = Store::open(&db).unwrap();
        duban::org::seed_default(&mut s, &actor()).unwrap();
    }
    let empty_db = std::fs::read(&db).unwrap();
    let units: Vec<String> = {
        let s = Store::open(&db).unwrap();
        let org = duban::org::list(s.conn()).unwrap();
        org.parties
            .into_iter()
            .filter(|p| p.kind == duban::org::PartyKind::Unit)
            .map(|p| p.name)
            .take(36)
            .collect()
    };
    assert_eq!(units.len(), 36);
    let base_ledger = dir.path().join("base_ledger.xlsx");
    ledger_file(&base_ledger, &units, 300);
    {
        let mut s = Store::open(&db).unwrap();
        let b = import_files(
            &mut s,
            &actor(),
            &LedgerImporter,
            &[&base_ledger],
            &ImportOptions::default(),
        );
        assert_eq!(
            b.files[0].status,
            FileStatus::Applied,
            "{}",
            b.files[0].message()
        );
    }
    let with_items_db = std::fs::read(&db).unwrap();
    let mut feedback = Vec::new();
    {
        let s = Store::open(&db).unwrap();
        for unit in &units {
            let mut st = s
                .conn()
                .prepare(
                    "SELECT i.item_no, i.name FROM items i JOIN parties p ON p.id = i.lead_party_id
                     WHERE p.name = ?1 ORDER BY item_no",
                )
                .unwrap();
            let rows: Vec<TemplateRow> = st
                .query_map([unit], |r| {
                    Ok(TemplateRow {
                        item_no: r.get(0)?,
                        name: r.get(1)?,
                        deadline: Some(day()),
                        standing: false,
                        filled: [
                            "本月已完成阶段性任务，正在推进下一步工作".into(),
                            if r.get::<_, String>(0)?.ends_with('7') {
                                "已办结"
                            } else {
                                "推进中"
                            }
                            .into(),
                            "暂无".into(),
                            "按计划推进".into(),
                            "李四".into(),
                            "010-12345678".into(),
                        ],
                    })
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(rows.len(), 300);
            let path = dir.path().join(format!("反馈-{unit}.xlsx"));
            feedback_book(
                unit,
                Some(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
                &rows,
            )
            .unwrap()
            .save(&path)
            .unwrap();
            feedback.push(path);
        }
    }
    let ledger = dir.path().join("ledger_100k.xlsx");
    let departments: Vec<String> = ["办公厅", "政策法规司", "所得税司", "纳税服务司"]
        .map(String::from)
        .to_vec();
    ledger_file(&ledger, &departments, 25_000);
    if let Some(keep) = std::env::var_os("DUBAN_BENCH_KEEP_LEDGER") {
        // For measuring the command line's peak memory on the same file.
        std::fs::copy(&ledger, keep).unwrap();
    }
    let scratch = dir.path().join("run.sqlite3");
    Prepared {
        _dir: dir,
        empty_db,
        with_items_db,
        feedback,
        ledger,
        scratch,
    }
}

fn fresh(path: &Path, bytes: &[u8]) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    std::fs::write(path, bytes).unwrap();
}

fn bench(c: &mut Criterion) {
    let p = prepare();
    let mut g = c.benchmark_group("imports");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("36 feedback files x 300 rows", |b| {
        b.iter_batched(
            || fresh(&p.scratch, &p.with_items_db),
            |()| {
                let mut s = Store::open(&p.scratch).unwrap();
                let batch = import_files(
                    &mut s,
                    &actor(),
                    &FeedbackImporter,
                    &p.feedback,
                    &ImportOptions::default(),
                );
                assert!(batch
                    .files
                    .iter()
                    .all(|f| f.status == FileStatus::Applied && f.rows_applied == 300));
            },
            BatchSize::PerIteration,
        )
    });
    // The same as the window asks for it: every planned row listed in the
    // reports (`with_rows`), the JSON the window receives made too.
    g.bench_function("36 feedback files x 300 rows, with rows as JSON", |b| {
        b.iter_batched(
            || fresh(&p.scratch, &p.with_items_db),
            |()| {
                let mut s = Store::open(&p.scratch).unwrap();
                let options = ImportOptions {
                    with_rows: true,
                    ..ImportOptions::default()
                };
                let batch =
                    import_files(&mut s, &actor(), &FeedbackImporter, &p.feedback, &options);
                let json = serde_json::to_vec(&batch.files).unwrap();
                assert!(json.len() > 36 * 300 * 10, "{} bytes", json.len());
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("ledger 100000 rows", |b| {
        b.iter_batched(
            || fresh(&p.scratch, &p.empty_db),
            |()| {
                let mut s = Store::open(&p.scratch).unwrap();
                let batch = import_files(
                    &mut s,
                    &actor(),
                    &LedgerImporter,
                    &[&p.ledger],
                    &ImportOptions::default(),
                );
                assert_eq!(
                    batch.files[0].rows_applied,
                    100_000,
                    "{}",
                    batch.files[0].message()
                );
            },
            BatchSize::PerIteration,
        )
    });
    // The ledger sheet of 100,000 items (query + workbook + file), target < 1.0 s.
    let exported_db = p.scratch.with_file_name("exported.sqlite3");
    fresh(&exported_db, &p.empty_db);
    {
        let mut s = Store::open(&exported_db).unwrap();
        let batch = import_files(
            &mut s,
            &actor(),
            &LedgerImporter,
            &[&p.ledger],
            &ImportOptions::default(),
        );
        assert_eq!(batch.files[0].rows_applied, 100_000);
    }
    let s = Store::open(&exported_db).unwrap();
    let cal = duban::calendar::Calendar::official();
    let out = p.scratch.with_file_name("ledger_export.xlsx");
    g.bench_function("ledger export 100000 rows", |b| {
        b.iter(|| {
            let n = duban::exports::ledger::export_ledger(
                s.conn(),
                &cal,
                NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
                &duban::items::LedgerFilter::default(),
                &out,
            )
            .unwrap();
            assert_eq!(n, 100_000);
        })
    });
    g.finish();
}

/// One unit's 舆情情况登记表 of `rows` incidents (text times, as units type them).
fn opinion_file(path: &Path, unit: &str, rows: usize) {
    let mut book = Book::new();
    let fields = duban::imports::OPINION_FIELDS;
    let columns = fields.iter().map(|f| Column::text(f.name, 14.0)).collect();
    let layout = Layout::new("舆情情况登记表")
        .info(vec![(0, format!("填报单位：{unit}"))])
        .columns(columns);
    let mut t = book.table("舆情情况登记表", &layout).unwrap();
    let levels = ["一般", "较大", "重大", "特别重大"];
    for i in 0..rows {
        let day = 1 + i % 28;
        let occurred = format!("2026-11-{day:02} {:02}:{:02}", i % 24, i % 60);
        let found = format!("2026-11-{day:02} {:02}:{:02}", i % 24, 59);
        let reported = format!("2026-11-{:02} 23:00", (day + 1).min(30));
        let title = format!("{unit}舆情{i:04}");
        let no = (i + 1) as i64;
        t.row(
            &[
                Cell::Int(no),
                Cell::Text(&title),
                Cell::Text(&occurred),
                Cell::Text(&found),
                Cell::Text(&reported),
                Cell::Text("微博"),
                Cell::Text(levels[i % 4]),
                Cell::Text(if i % 3 == 0 { "是" } else { "否" }),
                Cell::Text("已核实并回应"),
                Cell::Text(if i % 5 == 0 { "处置中" } else { "已处置" }),
                Cell::Text(""),
            ],
            Fill::None,
        )
        .unwrap();
    }
    book.save(path).unwrap();
}

/// 36 舆情情况登记表 of 200 rows each into a database with the default
/// organisation (target < 0.3 s together).
fn opinion(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let units: Vec<String> = {
        let mut s = Store::open(&db).unwrap();
        duban::org::seed_default(&mut s, &actor()).unwrap();
        duban::org::list(s.conn())
            .unwrap()
            .parties
            .into_iter()
            .filter(|p| p.kind == duban::org::PartyKind::Unit)
            .map(|p| p.name)
            .take(36)
            .collect()
    };
    let empty_db = std::fs::read(&db).unwrap();
    let files: Vec<PathBuf> = units
        .iter()
        .map(|u| {
            let path = dir.path().join(format!("舆情-{u}.xlsx"));
            opinion_file(&path, u, 200);
            path
        })
        .collect();
    let scratch = dir.path().join("run.sqlite3");
    let mut g = c.benchmark_group("imports");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("36 opinion files x 200 rows", |b| {
        b.iter_batched(
            || fresh(&scratch, &empty_db),
            |()| {
                let mut s = Store::open(&scratch).unwrap();
                let batch = import_files(
                    &mut s,
                    &actor(),
                    &duban::imports::OpinionImporter,
                    &files,
                    &ImportOptions::default(),
                );
                assert!(
                    batch
                        .files
                        .iter()
                        .all(|f| f.status == FileStatus::Applied && f.rows_applied == 200),
                    "{}",
                    batch.files[0].message()
                );
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench, opinion);
criterion_main!(benches);
