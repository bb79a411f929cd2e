//! The one list exporter at scale: the audit log of a period with 100,000
//! entries (the whole export, then query and workbook apart), and the
//! 收文登记簿 of 100,000 documents (both read while they are written).
//! Target < 0.5 s for any list of 100,000 rows (issue 13).
//!
//! Run: `cargo bench --bench lists`

use std::path::Path;

use chrono::Datelike;
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use duban::documents::{NewDocument, Urgency};
use duban::exports::lists::{export_list, list_tables, write_lists, Heading, ListFilter, ListKind};
use duban::store::{audit, Actor, Store};

// The allocator of both programs (the command line and the app), so that
// the figure is theirs: rows are made on one thread and freed on another.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ENTRIES: usize = 100_000;

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let at = duban::dates::parse_minute("2026-11-02 09:00").unwrap();
    let actor = Actor::new("测试员", at);
    s.write(|tx| {
        for i in 0..ENTRIES {
            let after = serde_json::json!({
                "name": format!("落实组合式税费支持政策第{i}项，确保红利直达快享"),
                "lead": "征管和科技发展司",
                "deadline": "2026-12-31",
            });
            audit::append_in(
                tx,
                &actor,
                "item",
                &format!("DB2026-{i:06}"),
                "登记进展",
                None,
                Some(&after),
            )?;
        }
        Ok(())
    })
    .unwrap();
    s
}

fn bench(c: &mut Criterion) {
    let today = duban::dates::parse_ymd("2026-11-30").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("lists");
    g.sample_size(10);
    let month = ListFilter {
        from: Some(today.with_day0(0).unwrap()),
        to: Some(today),
        ..ListFilter::default()
    };
    let audit = store();
    let list = List {
        name: "audit",
        store: &audit,
        kind: ListKind::Audit,
        filter: &month,
        today,
    };
    list.bench(&mut g, &dir.path().join("操作记录.xlsx"));
    // The 收文登记簿: read while it is written, like the audit log.
    let docs = documents();
    let list = List {
        name: "documents",
        store: &docs,
        kind: ListKind::Documents,
        filter: &ListFilter::default(),
        today,
    };
    list.bench(&mut g, &dir.path().join("收文登记簿.xlsx"));
    g.finish();
}

/// One list of [`ENTRIES`] rows to benchmark.
struct List<'a> {
    name: &'static str,
    store: &'a Store,
    kind: ListKind,
    filter: &'a ListFilter,
    today: chrono::NaiveDate,
}

impl List<'_> {
    /// The whole export to a file, then its two halves: reading the rows,
    /// and writing the workbook.
    fn bench(&self, g: &mut BenchmarkGroup<'_, WallTime>, path: &Path) {
        let conn = self.store.conn();
        g.bench_function(format!("{}_100k_rows_to_xlsx", self.name), |b| {
            b.iter(|| {
                let n = export_list(conn, self.today, self.kind, self.filter, path).unwrap();
                assert_eq!(n.rows, ENTRIES);
            })
        });
        g.bench_function(format!("{}_100k_rows_query_only", self.name), |b| {
            b.iter(|| list_tables(conn, self.today, self.kind, self.filter).unwrap())
        });
        let tables = list_tables(conn, self.today, self.kind, self.filter).unwrap();
        let heading = Heading {
            office: "督查督办室".into(),
            today: self.today,
            anchor: String::new(),
        };
        g.bench_function(format!("{}_100k_rows_write_only", self.name), |b| {
            b.iter(|| {
                write_lists(&tables, &heading)
                    .unwrap()
                    .to_bytes()
                    .unwrap()
                    .len()
            })
        });
    }
}

/// 100,000 registered documents (each registered as the window does: its
/// number, its audit entry).
fn documents() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    for i in 0..ENTRIES {
        let received = duban::dates::parse_ymd("2026-01-05").unwrap()
            + chrono::Duration::days((i % 300) as i64);
        let actor = Actor::new("测试员", received.and_hms_opt(9, 0, 0).unwrap());
        let new = NewDocument {
            source_doc_no: format!("税总办发〔2026〕{i}号"),
            title: format!("关于进一步落实组合式税费支持政策第{i}项的通知"),
            source_org: "国家税务总局办公厅".to_string(),
            source_category: duban::documents::SOURCE_CATEGORIES[2].to_string(),
            urgency: Urgency::PingJian,
            time_limited: false,
            time_limit: None,
            received_on: received,
            summary: "请各单位结合实际认真贯彻落实，确保政策红利直达快享。".to_string(),
            important: i % 7 == 0,
            key_relay: false,
            attachments: Vec::new(),
        };
        duban::documents::register(&mut s, &actor, &new).unwrap();
    }
    s
}

criterion_group!(benches, bench);
criterion_main!(benches);
