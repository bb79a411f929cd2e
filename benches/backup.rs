//! A full backup with 10,000 attachments of about 100 KB each (~1 GB), then
//! its restore (issue 13). Not criterion: one run each, its wall time printed,
//! plus how long the store was held (the database snapshot only — the
//! archive is written without it, so the window keeps working).
//!
//! `cargo bench --bench backup` (`DUBAN_BENCH_FILES=N` for another count).
//! Needs about 3 GB free in the temporary folder; everything is removed after.

use std::time::Instant;

use duban::attachments::{insert_in, StoredFile};
use duban::store::{archive, backup, Actor, Store};
use sha2::{Digest, Sha256};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn actor() -> Actor {
    Actor::new(
        "基准测试",
        duban::dates::parse_stamp("2026-12-02 10:00:00").unwrap(),
    )
}

fn main() {
    let n: usize = std::env::var("DUBAN_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/duban.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let att = store.attachments_dir();
    std::fs::create_dir_all(&att).unwrap();

    let started = Instant::now();
    let mut files = Vec::with_capacity(n);
    let mut bytes = vec![0u8; 100 * 1024];
    for i in 0..n {
        // Distinct, incompressible-looking content (scans and PDFs are).
        let mut seed = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for b in bytes.iter_mut() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            *b = seed as u8;
        }
        let size = bytes.len() - (i % 1000);
        let sha = hex::encode(Sha256::digest(&bytes[..size]));
        std::fs::write(att.join(&sha), &bytes[..size]).unwrap();
        files.push(StoredFile {
            file_name: format!("附件{i}.pdf"),
            sha256: sha,
            size: size as i64,
        });
    }
    let a = actor();
    store
        .write(|tx| {
            insert_in(tx, &a, "document", 1, &files)?;
            duban::store::audit::append_in(tx, &a, "bench", "attach", "附件", None, None)
        })
        .unwrap();
    let total: i64 = files.iter().map(|f| f.size).sum();
    println!(
        "generated {n} attachments, {:.0} MB, in {:.1} s",
        total as f64 / 1048576.0,
        started.elapsed().as_secs_f64()
    );

    let dest = dir.path().join("backups/duban-20261202-100000.zip");
    let t = Instant::now();
    let pending = archive::prepare(&store, &dest, a.now).unwrap();
    let held = t.elapsed();
    let info = pending.write().unwrap();
    let whole = t.elapsed();
    println!(
        "backup: {:.2} s in all, the store held {:.3} s (snapshot), archive {:.0} MB",
        whole.as_secs_f64(),
        held.as_secs_f64(),
        info.size as f64 / 1048576.0
    );
    drop(store);

    let t = Instant::now();
    let list = backup::list_backups(dest.parent().unwrap()).unwrap();
    println!(
        "list: {} backup(s) in {:.3} s",
        list.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    backup::restore(&db, &dest, &a).unwrap();
    println!(
        "restore (SHA-256 of every file checked): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    assert_eq!(std::fs::read_dir(&att).unwrap().count(), n);
}
