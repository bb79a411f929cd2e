//! A fuzzer for the sheet reader, run for a fixed time from the benchmarks
//! (not in CI): `cargo bench --bench fuzz_sheets` (default 60 s; set
//! `DUBAN_FUZZ_SECS`, and `DUBAN_FUZZ_SEED` to replay a run).
//!
//! Each case starts from a valid workbook — a ledger or a feedback sheet,
//! written by rust_xlsxwriter with random cells at random places (far rows
//! and columns included), or a hand-made `.ods` with random repeat counts —
//! and then, half of the time, mutates bytes inside one of its XML parts
//! (the zip is rebuilt, so the mutation reaches the XML parser rather than
//! stopping at a checksum); or one of the committed `.xls` fixtures with a
//! few bytes changed past its container's header (a damaged `.xls` once
//! made calamine panic, or build a grid of billions of cells: a run that
//! eats the machine's memory is a finding too). Every case goes through `open_bytes`, the
//! piece-by-piece reader and a dry-run import of each kind into an
//! in-memory database. A panic is a finding: its seed and the file are
//! saved to `$CARGO_TARGET_DIR/fuzz-findings/` and the run ends non-zero.
//! Errors are expected (they are the reader refusing a bad file in Chinese).

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use duban::imports::{import_bytes, FeedbackImporter, ImportOptions, LedgerImporter, OrgImporter};
use duban::sheets::read::{open_bytes, stream_xlsx};
use duban::store::{Actor, Store};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "事项名称",
    "牵头部门",
    "完成时限",
    "事项编号",
    "办理进展",
    "配合部门",
    "办公厅",
    "北京市税务局",
    "2026-12-31",
    "长期",
    "已办结",
    "合计",
    "=1+1",
    "",
    "  ",
    "2026年13月1日",
    "填报单位：办公厅",
    "\u{0}",
    "ＡＢＣ",
    "1e308",
    "-0",
    "#REF!",
];

fn random_xlsx(rng: &mut Rng) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "事项编号",
        "事项名称",
        "牵头部门",
        "配合部门",
        "完成时限",
        "办理进展",
    ];
    let header_row = rng.below(5) as u32;
    for (c, h) in header.iter().enumerate() {
        let _ = ws.write_string(header_row, c as u16, *h);
    }
    for _ in 0..rng.below(200) {
        let far = rng.below(20) == 0;
        let row = if far {
            rng.below(1_048_576) as u32
        } else {
            header_row + 1 + rng.below(300) as u32
        };
        let col = if far {
            rng.below(16_384) as u16
        } else {
            rng.below(8) as u16
        };
        let _ = match rng.below(4) {
            0 => ws.write_number(row, col, (rng.next() as i64 as f64) / 1e6),
            1 => ws.write_boolean(row, col, rng.below(2) == 0),
            _ => ws.write_string(row, col, rng.pick(WORDS)),
        };
    }
    wb.save_to_buffer().unwrap_or_default()
}

fn random_ods(rng: &mut Rng) -> Vec<u8> {
    let mut rows = String::new();
    for _ in 0..rng.below(20) {
        let repeat = [1, 2, 1000, 1_048_576, 0][rng.below(5) as usize];
        rows.push_str(&format!(
            "<table:table-row table:number-rows-repeated=\"{repeat}\">"
        ));
        for _ in 0..rng.below(6) {
            let cols = [1, 3, 16_384, 100_000][rng.below(4) as usize];
            let word = rng.pick(WORDS).replace('<', "");
            rows.push_str(&format!(
                "<table:table-cell table:number-columns-repeated=\"{cols}\" office:value-type=\"string\"><text:p>{word}</text:p></table:table-cell>"
            ));
        }
        rows.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="表">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let _ = out.start_file("mimetype", stored);
    let _ = out.write_all(b"application/vnd.oasis.opendocument.spreadsheet");
    let _ = out.start_file("content.xml", zip::write::SimpleFileOptions::default());
    let _ = out.write_all(content.as_bytes());
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// Flips, deletes or duplicates a few bytes inside one XML part.
fn mutate(rng: &mut Rng, zipped: &[u8]) -> Vec<u8> {
    let Ok(mut src) = zip::ZipArchive::new(Cursor::new(zipped)) else {
        return zipped.to_vec();
    };
    let target = rng.below(src.len() as u64) as usize;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let Ok(mut entry) = src.by_index(i) else {
            continue;
        };
        let name = entry
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "x".into());
        let mut body = Vec::new();
        let _ = entry.read_to_end(&mut body);
        if i == target && !body.is_empty() {
            for _ in 0..=rng.below(8) {
                let at = rng.below(body.len() as u64) as usize;
                match rng.below(3) {
                    0 => body[at] = rng.next() as u8,
                    1 => {
                        body.remove(at);
                    }
                    _ => {
                        let end = (at + 1 + rng.below(64) as usize).min(body.len());
                        let piece = body[at..end].to_vec();
                        body.splice(at..at, piece);
                    }
                }
                if body.is_empty() {
                    break;
                }
            }
        }
        let _ = out.start_file(name, zip::write::SimpleFileOptions::default());
        let _ = out.write_all(&body);
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// One of the committed `.xls` fixtures (saved by LibreOffice) with one to
/// eight bytes past the container's 512-byte header changed.
fn mutated_xls(rng: &mut Rng) -> Vec<u8> {
    const XLS: [&[u8]; 2] = [
        include_bytes!("../tests/fixtures/ledger_libreoffice.xls"),
        include_bytes!("../tests/fixtures/feedback_libreoffice.xls"),
    ];
    let mut bytes = XLS[rng.below(2) as usize].to_vec();
    for _ in 0..=rng.below(8) {
        let at = 512 + rng.below((bytes.len() - 512) as u64) as usize;
        bytes[at] = rng.next() as u8;
    }
    bytes
}

fn exercise(name: &str, bytes: &[u8], store: &mut Store, actor: &Actor) {
    let _ = open_bytes(name, bytes);
    if name.ends_with(".xlsx") {
        let _ = stream_xlsx(name, bytes, 64, |_, _| Ok(()));
    }
    let dry = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    import_bytes(store, actor, &LedgerImporter, name, bytes, &dry);
    import_bytes(store, actor, &FeedbackImporter, name, bytes, &dry);
    import_bytes(store, actor, &OrgImporter, name, bytes, &dry);
}

fn main() {
    let secs: u64 = std::env::var("DUBAN_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("DUBAN_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00D0_BA17);
    let mut store = Store::open_in_memory().unwrap();
    let actor = Actor::new(
        "fuzz",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
    duban::org::seed_default(&mut store, &actor).unwrap();
    std::panic::set_hook(Box::new(|_| {}));
    let findings = std::path::PathBuf::from(
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()),
    )
    .join("fuzz-findings");
    let started = Instant::now();
    let (mut cases, mut panics, mut slowest) = (0u64, 0u64, Duration::ZERO);
    while started.elapsed() < Duration::from_secs(secs) {
        let case_seed = seed.wrapping_add(cases.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
        let mut rng = Rng(case_seed);
        let (name, mut bytes) = match rng.below(5) {
            0 => ("fuzz.ods", random_ods(&mut rng)),
            1 => ("fuzz.xls", mutated_xls(&mut rng)),
            _ => ("fuzz.xlsx", random_xlsx(&mut rng)),
        };
        if !name.ends_with(".xls") && rng.below(2) == 0 {
            bytes = mutate(&mut rng, &bytes);
        }
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            exercise(name, &bytes, &mut store, &actor)
        }));
        slowest = slowest.max(t.elapsed());
        if outcome.is_err() {
            panics += 1;
            let _ = std::fs::create_dir_all(&findings);
            let file = findings.join(format!("panic-{case_seed}-{name}"));
            let _ = std::fs::write(&file, &bytes);
            eprintln!(
                "finding: a panic on case seed {case_seed}, saved to {}",
                file.display()
            );
        }
        cases += 1;
    }
    println!(
        "fuzz_sheets: {cases} cases in {secs} s (seed {seed}), {panics} panics, slowest case {:.0} ms",
        slowest.as_secs_f64() * 1e3
    );
    if panics > 0 {
        std::process::exit(1);
    }
}
