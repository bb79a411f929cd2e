//! Sheets that print right (issue 12): rendered by LibreOffice, no line of a
//! wrapped cell may cross a row's border. Without explicit row heights
//! LibreOffice keeps a wrapped row one line high and prints the other lines
//! over the rows above and below it, or (LibreOffice 7.4) prints only the
//! lines that fit. This test reads the PDF LibreOffice makes: every character
//! of every cell must be drawn, and no text line may cross a row's border.
//! (It fails on the code before explicit row heights: 467 of 796, 628 of 878
//! and 1083 of 1127 characters drawn for the ledger, the 催办通知单 and the
//! monthly sheet.)
//! Skipped (with a note) when `soffice` is absent.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use duban::calendar::Calendar;
use duban::circulation::{export_monthly, Month, Period};
use duban::items::{self, LedgerFilter, NewItem};

use crate::support::{actor, d, store};

fn soffice() -> Option<PathBuf> {
    let p = PathBuf::from("/usr/bin/soffice");
    if p.exists() {
        return Some(p);
    }
    let found = Command::new("soffice").arg("--version").output().ok()?;
    found.status.success().then(|| PathBuf::from("soffice"))
}

/// Converts `xlsx` to PDF beside it with a private LibreOffice profile.
fn to_pdf(soffice: &Path, xlsx: &Path) -> Vec<u8> {
    let dir = xlsx.parent().unwrap();
    let profile = dir.join("lo-profile");
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .output()
        .unwrap();
    let pdf = xlsx.with_extension("pdf");
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF of {}: {}",
        xlsx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    if let Some(keep) = std::env::var_os("KEEP_PDF") {
        let _ = std::fs::copy(&pdf, Path::new(&keep).join(pdf.file_name().unwrap()));
        let _ = std::fs::copy(xlsx, Path::new(&keep).join(xlsx.file_name().unwrap()));
    }
    std::fs::read(pdf).unwrap()
}

/// The inflated content streams of a PDF (the pages' drawing operations).
fn streams(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"stream") {
        let mut start = at + i + b"stream".len();
        if pdf[start..].starts_with(b"\r\n") {
            start += 2;
        } else if pdf[start..].starts_with(b"\n") {
            start += 1;
        } else {
            // "endstream" itself.
            at = start;
            continue;
        }
        let Some(len) = find(&pdf[start..], b"endstream") else {
            break;
        };
        let mut text = Vec::new();
        let mut z = flate2::read::ZlibDecoder::new(&pdf[start..start + len]);
        if z.read_to_end(&mut text).is_ok() {
            out.push(String::from_utf8_lossy(&text).into_owned());
        }
        at = start + len + b"endstream".len();
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Three coordinates: a border `(x1, x2, y)` or a text line `(x, y, size)`.
type Triple = (f64, f64, f64);

/// One page's horizontal borders and text lines.
fn page(ops: &str) -> (Vec<Triple>, Vec<Triple>) {
    let (mut rules, mut texts) = (Vec::new(), Vec::new());
    let mut nums: Vec<f64> = Vec::new();
    let mut moved: Option<(f64, f64)> = None;
    let mut td: Option<(f64, f64)> = None;
    for tok in ops.split_ascii_whitespace() {
        if let Ok(n) = tok.parse::<f64>() {
            nums.push(n);
            continue;
        }
        let last2 = (nums.len() >= 2).then(|| (nums[nums.len() - 2], nums[nums.len() - 1]));
        match tok {
            "m" => moved = last2,
            "l" => {
                if let (Some((x1, y1)), Some((x2, y2))) = (moved, last2) {
                    if (y1 - y2).abs() < 0.01 && (x2 - x1).abs() > 1.0 {
                        rules.push((x1.min(x2), x1.max(x2), y1));
                    }
                }
            }
            "Td" => td = last2,
            // LibreOffice writes the string right after: `Tf<0102>Tj`.
            t if t.starts_with("Tf") => {
                if let (Some((x, y)), Some(&size)) = (td.take(), nums.last()) {
                    texts.push((x, y, size));
                }
            }
            _ => {}
        }
        if !tok.starts_with('/') {
            nums.clear();
        }
    }
    (rules, texts)
}

/// How many glyphs the pages draw above the footer: LibreOffice shows text
/// as `BT x y Td /Fn size Tf<0102>Tj ET` (or `[<01>30<02>]TJ`), one-byte
/// glyph codes in hex; the footer (page number, audit anchor) lies below y=40.
fn glyphs(pdf: &[u8]) -> usize {
    let mut n = 0;
    for ops in streams(pdf) {
        let mut rest = ops.as_str();
        while let Some(start) = rest.find("BT\n") {
            let block = &rest[start + 3..];
            let end = block.find("\nET").unwrap_or(block.len());
            let (text, after) = block.split_at(end);
            rest = after;
            let mut words = text.split_ascii_whitespace();
            let y = words.nth(1).and_then(|w| w.parse::<f64>().ok());
            if y.is_some_and(|y| y < 40.0) {
                continue;
            }
            let mut in_hex = false;
            let mut digits = 0;
            for c in text.chars() {
                match c {
                    '<' => {
                        in_hex = true;
                        digits = 0;
                    }
                    '>' if in_hex => {
                        in_hex = false;
                        n += digits / 2;
                    }
                    c if in_hex && c.is_ascii_hexdigit() => digits += 1,
                    _ => {}
                }
            }
        }
    }
    n
}

/// The characters (not counting spaces) every cell of a workbook shows:
/// text as it is, whole numbers in digits, dates as `YYYY-MM-DD`, rates as
/// `56.3%` — what pages that print everything draw at least.
fn cell_chars(xlsx: &Path) -> usize {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(xlsx).unwrap();
    let mut n = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            n += match c.2 {
                Data::String(s) => s.chars().filter(|c| !c.is_whitespace()).count(),
                Data::DateTime(_) => 10,
                Data::Float(f) if f.fract() == 0.0 => f.to_string().len(),
                Data::Float(f) => format!("{:.1}%", f * 100.0).len(),
                Data::Int(i) => i.to_string().len(),
                _ => 0,
            };
        }
    }
    n
}

/// Text lines that cross a horizontal border: `page: (x, y)`.
fn crossings(pdf: &[u8]) -> Vec<String> {
    let mut bad = Vec::new();
    let pages: Vec<String> = streams(pdf)
        .into_iter()
        .filter(|s| s.contains(" Td "))
        .collect();
    assert!(!pages.is_empty(), "no page with text in the PDF");
    for (p, ops) in pages.iter().enumerate() {
        let (rules, texts) = page(ops);
        assert!(
            rules.len() >= 2 && texts.len() >= 5,
            "page {} of the PDF: {} borders, {} text lines — not a table page?",
            p + 1,
            rules.len(),
            texts.len()
        );
        for &(x, y, size) in &texts {
            // The glyphs' box: a little below the baseline, most of the size above.
            let (low, high) = (y - 0.12 * size, y + 0.8 * size);
            if rules
                .iter()
                .any(|&(x1, x2, ry)| low < ry && ry < high && x1 - 1.0 <= x && x <= x2)
            {
                bad.push(format!("第{}页 ({x:.1}, {y:.1})", p + 1));
            }
        }
    }
    bad
}

const LONG_NAME: &str =
    "落实组合式税费支持政策，确保退税减税降费红利直达快享，并做好政策宣传辅导和效应分析工作";
const LONG_REQUIREMENT: &str = "按月报送落实情况，每季度末形成分析报告；\n对纳税人反映的问题建立台账，逐项研究解决，及时向局领导报告重大情况，并抄送政策法规司";

const LONG_DEPARTMENT: &str =
    "全面推进税收征管数字化升级和智能化改造暨智慧税务建设工作领导小组办公室";

fn long_items(s: &mut duban::store::Store) {
    for (i, deadline) in ["2026-10-15", "2026-10-20", "2026-11-20", "2026-11-30"]
        .iter()
        .enumerate()
    {
        let mut it = NewItem::new(
            &format!("{LONG_NAME}（第{}项）", i + 1),
            "征管和科技发展司",
            Some(d(deadline)),
        );
        it.requirement = LONG_REQUIREMENT.to_string();
        it.cooperators = vec![
            "政策法规司".into(),
            "货物和劳务税司".into(),
            "所得税司".into(),
            "财产和行为税司".into(),
        ];
        it.coordinator_leader = "李明华".into();
        items::create_item(s, &actor("2026-09-01 09:00"), &it).unwrap();
    }
    // A department whose name is longer than its column (it was cut at the
    // next cell in every sheet that lists departments).
    let id: i64 = s
        .conn()
        .query_row(
            "SELECT id FROM parties WHERE name = '所得税司'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    duban::org::edit::rename_party(s, &actor("2026-09-01 09:00"), id, LONG_DEPARTMENT).unwrap();
    items::create_item(
        s,
        &actor("2026-09-01 09:00"),
        &NewItem::new(
            "长名称部门牵头的事项",
            LONG_DEPARTMENT,
            Some(d("2026-10-12")),
        ),
    )
    .unwrap();
    // Short rows between the long ones.
    items::create_item(
        s,
        &actor("2026-09-01 09:00"),
        &NewItem::new("短", "办公厅", Some(d("2026-10-16"))),
    )
    .unwrap();
}

#[test]
fn wrapped_rows_print_inside_their_borders_in_libreoffice() {
    let Some(soffice) = soffice() else {
        println!("注意：未找到 soffice（LibreOffice），跳过打印检查。");
        return;
    };
    let mut s = store();
    long_items(&mut s);
    let cal = Calendar::load(s.conn()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("台账.xlsx");
    duban::exports::ledger::export_ledger(
        s.conn(),
        &cal,
        d("2026-11-26"),
        &LedgerFilter::default(),
        &ledger,
    )
    .unwrap();
    let notice = dir.path().join("催办通知单.xlsx");
    duban::chases::notice::export(s.conn(), &cal, d("2026-11-26"), &[], &notice).unwrap();
    let monthly = dir.path().join("月度通报.xlsx");
    let period = Period::new(Month::new(2026, 10).unwrap(), None).unwrap();
    export_monthly(s.conn(), &period, &monthly).unwrap();
    // The form a department fills in: room to write, and the whole 事项名称.
    let form = dir.path().join("反馈表.xlsx");
    duban::imports::template::write_feedback_template(s.conn(), "征管和科技发展司", &form).unwrap();

    let mut problems = Vec::new();
    // The form's second sheet is its 填表说明, text without borders: only
    // its characters are counted.
    for (xlsx, tables_only) in [
        (&ledger, true),
        (&notice, true),
        (&monthly, true),
        (&form, false),
    ] {
        let pdf = to_pdf(&soffice, xlsx);
        let name = xlsx.file_name().unwrap().to_string_lossy().into_owned();
        // Every character of every text cell is printed: a row too low for
        // its wrapped text prints only the lines that fit (LibreOffice 7.4
        // drops the others) or lets them run over the next rows.
        let (drawn, text) = (glyphs(&pdf), cell_chars(xlsx));
        if drawn < text {
            problems.push(format!(
                "{name}: the pages draw {drawn} glyphs, the cells hold {text} characters (text cut off)"
            ));
        }
        let bad = if tables_only {
            crossings(&pdf)
        } else {
            Vec::new()
        };
        if !bad.is_empty() {
            problems.push(format!(
                "{name}: {} text lines cross a row border, e.g. {:?}",
                bad.len(),
                &bad[..bad.len().min(3)]
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_pdf_reader_sees_a_crossing() {
    // A border at y=100 through a line of text of size 10 at y=98.
    let ops = "0 0 0 RG\n10 100 m\n500 100 l S\nBT\n20 98 Td /F1 10 Tf<01>Tj\nET\nBT\n20 102 Td /F1 10 Tf<01>Tj\nET";
    let (rules, texts) = page(ops);
    assert_eq!(rules, vec![(10.0, 500.0, 100.0)]);
    assert_eq!(texts, vec![(20.0, 98.0, 10.0), (20.0, 102.0, 10.0)]);
}

#[test]
fn the_pdf_reader_counts_glyphs() {
    // Two text blocks on the page (3 + 3 glyphs), one in the footer (not counted).
    let ops = "q\nBT\n1 50 Td /F1 4 Tf[<0102>30<03>]TJ\nET\nBT\n1 60 Td /F2 4 Tf<0A0B0C>Tj\nET\nBT\n1 20 Td /F2 4 Tf<0D>Tj\nET\n<<ignored>>";
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut z, ops.as_bytes()).unwrap();
    let mut pdf = b"1 0 obj<</Filter/FlateDecode>>stream\n".to_vec();
    pdf.extend(z.finish().unwrap());
    pdf.extend(b"endstream");
    assert_eq!(glyphs(&pdf), 6);
}
