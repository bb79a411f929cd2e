//! Ledger query at scale: 200,000 items and 1,000,000 progress
//! entries; one query = filters + count + first page of 20. Target < 20 ms.
//!
//! Run: `cargo bench --bench ledger_query`

use chrono::{Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use duban::calendar::Calendar;
use duban::items::{self, LedgerFilter, Light, NewItem, Status};
use duban::org::PartyIndex;
use duban::store::{Actor, Store};
use rusqlite::params;

const ITEMS: usize = 200_000;
const PROGRESS: usize = 1_000_000;
/// Topics and actions combine into varied names, as in a real ledger, where a
/// two-character search matches a few hundred or thousand items, not a quarter.
const TOPICS: [&str; 48] = [
    "发票",
    "征管",
    "纳税服务",
    "稽查",
    "培训",
    "社保费",
    "风险",
    "督查",
    "减税降费",
    "出口退税",
    "个人所得税",
    "企业所得税",
    "增值税",
    "消费税",
    "房产税",
    "印花税",
    "契税",
    "资源税",
    "环境保护税",
    "车船税",
    "非税收入",
    "大企业",
    "国际税收",
    "税收协定",
    "反避税",
    "信用评价",
    "办税缴费",
    "电子税务局",
    "数据治理",
    "网络安全",
    "政策解读",
    "宣传",
    "法治",
    "执法规范",
    "内控",
    "审计整改",
    "巡视整改",
    "干部监督",
    "绩效考核",
    "党建",
    "档案",
    "财务",
    "后勤",
    "信访",
    "舆情",
    "应急",
    "调研",
    "统计",
];
const ACTIONS: [&str; 12] = [
    "优化", "推进", "落实", "完善", "加强", "开展", "规范", "深化", "建立", "评估", "总结", "部署",
];
/// The unselective worst case: one item in four carries this word.
const COMMON: &str = "重点";

fn build(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("bench.sqlite3")).unwrap();
    let now = duban::dates::parse_stamp("2026-01-05 09:00:00").unwrap();
    let actor = Actor::new("bench", now);
    duban::org::seed_default(&mut store, &actor).unwrap();
    let idx = PartyIndex::load(store.conn()).unwrap();
    let names: Vec<String> = idx.parties().iter().map(|p| p.name.clone()).collect();
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    store
        .write(|tx| {
            for i in 0..ITEMS {
                let topic = TOPICS[i % TOPICS.len()];
                let action = ACTIONS[(i / TOPICS.len()) % ACTIONS.len()];
                let common = if i % 4 == 0 { COMMON } else { "" };
                let mut it = NewItem::new(
                    &format!("{action}{topic}{common}工作（第{i}号）"),
                    &names[i % names.len()],
                    Some(base + Duration::days((i % 700) as i64)),
                );
                it.requirement = format!("按照部署要求，{action}{}相关工作", TOPICS[(i * 7 + 3) % TOPICS.len()]);
                it.status = if i % 5 == 0 { Status::InProgress } else { Status::NotStarted };
                items::insert_item_in(tx, &actor, &it, &idx, None)?;
            }
            let mut st = tx.prepare(
                "INSERT INTO progress(item_id, reported_on, text, created_at) VALUES (?1, ?2, ?3, '2026-01-05 09:00:00')",
            )?;
            for j in 0..PROGRESS {
                let item = (j % ITEMS) as i64 + 1;
                let day = base + Duration::days((j / ITEMS) as i64 * 30);
                st.execute(params![item, day.to_string(), "已按计划推进，完成阶段性任务。"])?;
            }
            Ok(())
        })
        .unwrap();
    // The search index is derived and filled lazily; fill it once here so
    // that every measured query is a steady-state one.
    items::sync_search_index(store.conn()).unwrap();
    store.conn().execute_batch("ANALYZE;").unwrap();
    store
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path());
    if let Some(keep) = std::env::var_os("DUBAN_BENCH_KEEP_DB") {
        // For looking at query plans on the same data (sqlite3, EXPLAIN).
        store
            .conn()
            .execute("VACUUM INTO ?1", [keep.to_string_lossy()])
            .unwrap();
    }
    let cal = Calendar::official();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let cases: Vec<(&str, LedgerFilter)> = vec![
        (
            "first page, no filter",
            LedgerFilter {
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "department + yellow",
            LedgerFilter {
                party: Some("办公厅".into()),
                light: vec![Light::Yellow],
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "red, sorted by deadline",
            LedgerFilter {
                light: vec![Light::Red],
                sort: items::LedgerSort::Deadline,
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "status + deadline range",
            LedgerFilter {
                status: vec![Status::InProgress],
                deadline_from: NaiveDate::from_ymd_opt(2026, 6, 1),
                deadline_to: NaiveDate::from_ymd_opt(2026, 6, 30),
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "Chinese text search",
            LedgerFilter {
                text: Some("纳税服务".into()),
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "two-character search",
            LedgerFilter {
                text: Some("发票".into()),
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "worst case: search matching 1 in 4 items",
            LedgerFilter {
                text: Some(COMMON.into()),
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
        (
            "department incl. cooperating + text",
            LedgerFilter {
                party: Some("稽查局".into()),
                include_cooperating: true,
                text: Some("推进".into()),
                page: 1,
                page_size: 20,
                ..Default::default()
            },
        ),
    ];
    let mut g = c.benchmark_group("ledger_query_200k_items_1m_progress");
    g.sample_size(20);
    for (name, f) in &cases {
        g.bench_function(*name, |b| {
            b.iter(|| items::query_ledger(store.conn(), &cal, today, f).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
