//! 整改 sheets as a whole (EXCHANGE §2.6, §2.7): 36 returned 整改情况反馈表 of
//! 50 rows each imported together (target < 0.3 s), and the 督查问题整改台账 of
//! 20,000 items written to a file (target < 0.5 s). Files are written by our
//! own template writer; each import iteration starts from a fresh copy of the
//! prepared database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use duban::imports::rectification_template::{rectification_book, RectTemplateRow};
use duban::imports::{import_files, FileStatus, ImportOptions, RectificationImporter};
use duban::inspections::findings::{record_in, NewFinding};
use duban::inspections::queries::RectFilter;
use duban::inspections::Source;
use duban::store::{Actor, Store};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn actor() -> Actor {
    Actor::new(
        "基准测试",
        duban::dates::parse_stamp("2026-11-26 10:00:00").unwrap(),
    )
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

/// A database with `per_unit` 审计 findings for each of the first `units` units.
fn database(path: &Path, units: usize, per_unit: usize) -> Vec<String> {
    let mut s = Store::open(path).unwrap();
    duban::org::seed_default(&mut s, &actor()).unwrap();
    let names: Vec<String> = duban::org::list(s.conn())
        .unwrap()
        .parties
        .into_iter()
        .filter(|p| p.kind == duban::org::PartyKind::Unit)
        .map(|p| p.name)
        .take(units)
        .collect();
    s.write(|tx| {
        for i in 0..per_unit {
            for unit in &names {
                let new = NewFinding {
                    source: Source::Audit,
                    inspection: None,
                    source_ref: "审计报告〔2026〕1号".into(),
                    party: unit.clone(),
                    description: format!("{unit}基准问题{i}"),
                    general: false,
                    found_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                    deadline: day(1 + (i % 28) as u32),
                };
                record_in(tx, &actor(), &new, None)?;
            }
        }
        Ok(())
    })
    .unwrap();
    names
}

fn fresh(path: &Path, bytes: &[u8]) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
    std::fs::write(path, bytes).unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.sqlite3");
    let units = database(&base, 36, 50);
    let mut files: Vec<PathBuf> = Vec::new();
    {
        let s = Store::open(&base).unwrap();
        for unit in &units {
            let mut st = s
                .conn()
                .prepare(
                    "SELECT r.rect_no, r.problem, r.deadline FROM rectifications r JOIN parties p ON p.id = r.party_id
                     WHERE p.name = ?1 ORDER BY r.id",
                )
                .unwrap();
            let rows: Vec<RectTemplateRow> = st
                .query_map([unit], |r| {
                    Ok(RectTemplateRow {
                        rect_no: r.get(0)?,
                        problem: r.get(1)?,
                        deadline: Some(r.get(2)?),
                        filled: [
                            "制度执行不严".into(),
                            "建立复核机制".into(),
                            "已完成自查，正在整改".into(),
                            "整改中".into(),
                            String::new(),
                            "已提醒谈话".into(),
                            "李四".into(),
                            "010-12345678".into(),
                        ],
                    })
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(rows.len(), 50);
            let path = dir.path().join(format!("整改-{unit}.xlsx"));
            rectification_book(unit, Some(day(1)), &rows)
                .unwrap()
                .save(&path)
                .unwrap();
            files.push(path);
        }
    }
    let base_bytes = std::fs::read(&base).unwrap();
    let scratch = dir.path().join("run.sqlite3");
    let mut g = c.benchmark_group("rectification");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("36 整改情况反馈表 x 50 rows", |b| {
        b.iter_batched(
            || fresh(&scratch, &base_bytes),
            |()| {
                let mut s = Store::open(&scratch).unwrap();
                let batch = import_files(
                    &mut s,
                    &actor(),
                    &RectificationImporter,
                    &files,
                    &ImportOptions::default(),
                );
                assert!(batch
                    .files
                    .iter()
                    .all(|f| f.status == FileStatus::Applied && f.rows_applied == 50));
            },
            BatchSize::PerIteration,
        )
    });
    let big = dir.path().join("big.sqlite3");
    database(&big, 36, 556);
    let s = Store::open(&big).unwrap();
    let cal = duban::calendar::Calendar::official();
    let out = dir.path().join("整改台账.xlsx");
    g.bench_function("督查问题整改台账 20016 items", |b| {
        b.iter(|| {
            let n = duban::exports::rectifications::export_rectification_ledger(
                s.conn(),
                &cal,
                day(10),
                &RectFilter::default(),
                &out,
            )
            .unwrap();
            assert_eq!(n, 36 * 556);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
