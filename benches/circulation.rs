//! 月度督办通报 at scale: the whole monthly sheet (load + figures + workbook)
//! for a 200,000-item ledger must take under 2 s; the figures alone and the
//! loading are measured apart to show where the time goes. The 绩效考核 of a
//! whole year (EXCHANGE §6) on the same ledger runs the same counting over
//! `[F, A]`; the issue asks for under 0.5 s at 200,000 items and 36 units.
//! Publishing a month as 《督办通报》 (issue 12: compute once, store, then
//! write the Word 通报 and the Excel workbook from the stored figures) must
//! take under 1.5 s.

use chrono::{Datelike, Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use duban::assessment::{assess, AssessPeriod};
use duban::bulletins;
use duban::calendar::Calendar;
use duban::circulation::{compute, load_inputs, monthly_figures, write_monthly, Month, Period};
use duban::store::{Actor, Store};
use rusqlite::params;

const ITEMS: usize = 200_000;

/// A deterministic pseudo-random sequence (no clock, no external crate).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// 200,000 items over three years (2024–2026) for all parties: about 85%
/// done around their deadline, 5% standing, 1% withdrawn, a third with
/// cooperators, and a few thousand extension requests.
fn ledger() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let at = duban::dates::parse_minute("2026-01-05 09:00").unwrap();
    duban::org::seed_default(&mut store, &Actor::new("基准", at)).unwrap();
    let parties: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM parties")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut rng = Lcg(7);
    store
        .write(|tx| {
            let mut item = tx.prepare(
                "INSERT INTO items(id, item_no, name, lead_party_id, standing, deadline, effective_deadline,
                                   status, is_open, done_on, created_on, coordinator_leader)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7 <> 'done' AND ?7 <> 'withdrawn', ?8, ?9, '王建国')",
            )?;
            let mut coop = tx.prepare("INSERT OR IGNORE INTO item_cooperators(item_id, party_id) VALUES (?1, ?2)")?;
            let mut ext = tx.prepare(
                "INSERT INTO extensions(item_id, requested_on, old_deadline, new_deadline, reason, status, decided_on)
                 VALUES (?1, ?2, ?3, ?4, '工作量大', ?5, ?6)",
            )?;
            for i in 0..ITEMS {
                let id = i as i64 + 1;
                let created = start + Duration::days(rng.next(1080) as i64);
                let deadline = created + Duration::days(10 + rng.next(120) as i64);
                let standing = rng.next(100) < 5;
                let roll = rng.next(100);
                let (status, done) = if roll < 1 {
                    ("withdrawn", None)
                } else if roll < 86 && !standing {
                    let done = deadline + Duration::days(rng.next(40) as i64 - 25);
                    ("done", Some(done.max(created).to_string()))
                } else {
                    ("in_progress", None)
                };
                item.execute(params![
                    id,
                    format!("DB{}-{id:06}", created.year()),
                    format!("督办事项{id}：落实有关工作部署"),
                    parties[rng.next(parties.len() as u64) as usize],
                    standing,
                    (!standing).then(|| deadline.to_string()),
                    status,
                    done,
                    created.to_string(),
                ])?;
                if rng.next(3) == 0 {
                    coop.execute(params![id, parties[rng.next(parties.len() as u64) as usize]])?;
                }
                if !standing && rng.next(40) == 0 {
                    let asked = deadline - Duration::days(3);
                    let approved = rng.next(2) == 0;
                    ext.execute(params![
                        id,
                        asked.to_string(),
                        deadline.to_string(),
                        (deadline + Duration::days(30)).to_string(),
                        if approved { "approved" } else { "rejected" },
                        (asked + Duration::days(1)).to_string(),
                    ])?;
                }
            }
            Ok(())
        })
        .unwrap();
    store
}

fn bench(c: &mut Criterion) {
    let mut store = ledger();
    let period = Period::new(Month::new(2026, 10).unwrap(), None).unwrap();
    let figures = monthly_figures(store.conn(), &period).unwrap();
    eprintln!(
        "200,000 items, October 2026: 应办结 {}, 逾期未办结 {}, 办结 {} rows, {} department rows, {} unit rows",
        figures.total.due_total,
        figures.total.overdue_open,
        figures.finished.len(),
        figures.departments.len(),
        figures.units.len()
    );

    let mut g = c.benchmark_group("circulation");
    g.sample_size(10);
    g.bench_function("monthly sheet, 200k items (load + figures + xlsx)", |b| {
        b.iter(|| {
            let f = monthly_figures(store.conn(), &period).unwrap();
            write_monthly(&f).unwrap().to_bytes().unwrap()
        })
    });
    g.bench_function("monthly figures, 200k items (load + figures)", |b| {
        b.iter(|| monthly_figures(store.conn(), &period).unwrap())
    });
    let inputs = load_inputs(store.conn(), &period).unwrap();
    let cal = Calendar::official();
    g.bench_function("monthly figures, 200k items (figures only)", |b| {
        b.iter(|| compute(&inputs, &cal, &period))
    });
    let year: AssessPeriod = "2026".parse().unwrap();
    let a = assess(store.conn(), &year, None).unwrap();
    eprintln!(
        "200,000 items, assessment of 2026: {} departments, {} units, {} scored",
        a.departments.len(),
        a.units.len(),
        a.departments
            .iter()
            .chain(&a.units)
            .filter(|p| p.score.is_some())
            .count()
    );
    g.bench_function("assess a year, 200k items (load + scores)", |b| {
        b.iter(|| assess(store.conn(), &year, None).unwrap())
    });
    // Every iteration publishes the next 更正 of October and exports it.
    let actor = Actor::new(
        "基准",
        duban::dates::parse_minute("2026-11-02 09:00").unwrap(),
    );
    let month = Month::new(2026, 10).unwrap();
    bulletins::publish_monthly(&mut store, &actor, month, None).unwrap();
    let out = std::env::temp_dir().join(format!("duban-bench-bulletin-{}", std::process::id()));
    g.bench_function(
        "publish a month, 200k items (figures + store + docx + xlsx)",
        |b| {
            b.iter(|| {
                let (row, _) =
                    bulletins::correct_monthly(&mut store, &actor, month, None, "基准").unwrap();
                bulletins::export_monthly_issue(store.conn(), row.summary.id, &out).unwrap()
            })
        },
    );
    // On a shared machine wall time waits for others: the CPU time of one
    // publication and export, from /proc (Linux), is the figure to quote.
    let cpu = || {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (ticks(11) + ticks(12)) / 100.0
    };
    let before = cpu();
    for _ in 0..5 {
        let (row, _) = bulletins::correct_monthly(&mut store, &actor, month, None, "基准").unwrap();
        bulletins::export_monthly_issue(store.conn(), row.summary.id, &out).unwrap();
    }
    eprintln!(
        "publish + export a month, 200,000 items: {:.2} s CPU each (mean of 5)",
        (cpu() - before) / 5.0
    );
    let (row, _) = bulletins::correct_monthly(&mut store, &actor, month, None, "基准").unwrap();
    g.bench_function("export a published issue, 200k items (docx + xlsx)", |b| {
        b.iter(|| bulletins::export_monthly_issue(store.conn(), row.summary.id, &out).unwrap())
    });
    let _ = std::fs::remove_dir_all(&out);
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
