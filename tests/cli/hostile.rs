//! Hostile or careless spreadsheets through the real binary: each import
//! either reads what it should or refuses in Chinese, quickly and in little
//! memory (peak RSS of the child measured with GNU time), and never panics.

use crate::hostile_files::{
    biff_record, first_sheet, move_row_to_end, ods_absurd, ods_with_inflating_manifest,
    xls_with_workbook_edited, xlsx_unusual_with_reference, xlsx_with_far_cell,
    xlsx_with_inflating_cell, xlsx_with_inflating_part, xlsx_with_inflating_strings,
};
use crate::support::{run_measured, Sandbox};

/// The most memory one import of a crafted file may take (the bound).
const PEAK_MB: u64 = 200;

fn write(s: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let path = s.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn import_measured(s: &Sandbox, kind: &str, file: &str) -> (serde_json::Value, u64) {
    let (run, mb) = run_measured(&s.db(), &["--json", "import", kind, file, "--dry-run"]);
    assert!(
        !run.stderr.contains("panicked"),
        "the reader panicked: {}",
        run.stderr
    );
    let report = run.json()[0].clone();
    (report, mb)
}

#[test]
fn a_cell_at_xfd1048576_is_ignored_in_little_memory() {
    let s = Sandbox::new();
    let file = write(&s, "远处.xlsx", &xlsx_with_far_cell(3, (1_048_575, 16_383)));
    // The ledger is read piece by piece, the feedback form whole: both ignore
    // a column far right of every form.
    for kind in ["ledger", "feedback"] {
        let (report, mb) = import_measured(&s, kind, &file);
        assert!(mb < PEAK_MB, "{kind}: peak {mb} MB");
        let text = report.to_string();
        assert!(!text.contains("表格范围过大"), "{kind}: {text}");
        if kind == "ledger" {
            assert_eq!(report["rows_applied"], 3, "{text}");
        }
    }
}

#[test]
fn a_far_row_under_a_wide_header_is_refused_as_too_large() {
    let s = Sandbox::new();
    // 20 columns × 1,048,576 rows spans 21 million cells: the whole-file path refuses.
    let file = write(&s, "远行.xlsx", &xlsx_with_far_cell(3, (1_048_575, 19)));
    let (report, mb) = import_measured(&s, "feedback", &file);
    assert!(mb < PEAK_MB, "peak {mb} MB");
    let error = report["error"].as_str().unwrap_or_default();
    assert_eq!(report["status"], "rejected", "{report}");
    assert!(
        error.contains("表格范围过大")
            && error.contains("A1:T1048576")
            && error.contains("远行.xlsx"),
        "{error}"
    );
    // The piece-by-piece ledger reader reads it: the far cell is one more
    // row, rejected for what it lacks (and with it the file, all or nothing).
    let (report, mb) = import_measured(&s, "ledger", &file);
    assert!(mb < PEAK_MB, "peak {mb} MB");
    let rejected = &report["rows_rejected"];
    assert_eq!(rejected.as_array().map(Vec::len), Some(1), "{report}");
    assert_eq!(rejected[0]["row"], 1_048_576, "{report}");
    assert_eq!(rejected[0]["reason"], "事项名称为空", "{report}");
}

#[test]
fn an_ods_row_repeated_a_million_times_is_refused() {
    let s = Sandbox::new();
    let bytes = ods_absurd();
    assert!(bytes.len() < 2048, "{} bytes", bytes.len());
    let file = write(&s, "重复.ods", &bytes);
    for kind in ["ledger", "feedback"] {
        let (report, mb) = import_measured(&s, kind, &file);
        assert!(mb < PEAK_MB, "{kind}: peak {mb} MB");
        let error = report["error"].as_str().unwrap_or_default();
        assert!(error.contains("表格范围过大"), "{kind}: {report}");
        assert!(error.contains("“台账”"), "{error}");
    }
}

#[test]
fn rows_out_of_order_are_read_within_a_piece_and_refused_across_pieces() {
    let s = Sandbox::new();
    // Row 3 stored after row 40: both readers put it back in place.
    let small = move_row_to_end(&xlsx_with_far_cell(40, (1, 0)), 3);
    let file = write(&s, "乱序.xlsx", &small);
    let (report, _) = import_measured(&s, "ledger", &file);
    assert_eq!(report["rows_applied"], 40, "{report}");
    // Row 3 stored after row 5,000: the piece it belongs to is gone.
    let big = move_row_to_end(&xlsx_with_far_cell(5_000, (1, 0)), 3);
    let file = write(&s, "乱序大.xlsx", &big);
    let (report, mb) = import_measured(&s, "ledger", &file);
    assert!(mb < PEAK_MB, "peak {mb} MB");
    let error = report["error"].as_str().unwrap_or_default();
    assert_eq!(report["status"], "rejected", "{report}");
    assert!(
        error.contains("第 3 行") && error.contains("顺序异常") && error.contains("另存"),
        "{error}"
    );
}

/// Both kinds of import of `file`: its reason contains `expected`, in little
/// memory, and nothing panicked (import_measured).
fn refused_in_little_memory(s: &Sandbox, file: &str, expected: &str) {
    for kind in ["ledger", "feedback"] {
        let (report, mb) = import_measured(s, kind, file);
        assert!(mb < PEAK_MB, "{file}, {kind}: peak {mb} MB");
        let error = report["error"].as_str().unwrap_or_default();
        assert!(error.contains(expected), "{file}, {kind}: {report}");
    }
}

#[test]
fn a_shared_strings_part_that_inflates_past_the_limit_is_refused() {
    let s = Sandbox::new();
    let bytes = xlsx_with_inflating_strings(170);
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let file = write(&s, "膨胀.xlsx", &bytes);
    refused_in_little_memory(&s, &file, "解压后超过 160 MB");
}

#[test]
fn a_sheet_with_one_cell_that_inflates_to_hundreds_of_megabytes_is_refused_unread() {
    let s = Sandbox::new();
    let bytes = xlsx_with_inflating_cell(300);
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let file = write(&s, "单元格膨胀.xlsx", &bytes);
    // Read, the cell alone took 1.5 GB.
    refused_in_little_memory(
        &s,
        &file,
        "文件中的“xl/worksheets/sheet1.xml”解压后有 300 MB，是压缩后的",
    );
}

#[test]
fn a_workbook_styles_relationships_or_manifest_part_that_inflates_past_the_limit_is_refused_unread()
{
    let s = Sandbox::new();
    for part in [
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
    ] {
        let bytes = xlsx_with_inflating_part(part, 100);
        assert!(bytes.len() < 1024 * 1024, "{part}: {} bytes", bytes.len());
        let file = write(&s, "部件膨胀.xlsx", &bytes);
        // Read, a 1 GB styles part took 2.6 GB.
        refused_in_little_memory(&s, &file, &format!("文件中的“{part}”解压后有 100 MB"));
    }
    // An .ods's manifest, which calamine reads whole (1 GB of it took 2.1 GB).
    let file = write(&s, "清单膨胀.ods", &ods_with_inflating_manifest(100));
    refused_in_little_memory(&s, &file, "文件中的“META-INF/manifest.xml”解压后有 100 MB");
}

#[test]
fn an_xls_whose_cells_or_dimensions_span_billions_of_cells_is_refused_in_little_memory() {
    let s = Sandbox::new();
    // One cell record moved to row 60,001, column 65,001: calamine built a
    // grid of 3.9 billion cells (a damaged 7 KB file took 24 GB).
    let far = xls_with_workbook_edited(|w| {
        let at = biff_record(w, 0x00FD, first_sheet(w));
        w[at..at + 2].copy_from_slice(&60_000u16.to_le_bytes());
        w[at + 2..at + 4].copy_from_slice(&65_000u16.to_le_bytes());
    });
    // The sheet's DIMENSIONS claims 4,294,967,295 rows: calamine reserved
    // room for them, and a failed allocation aborts the process.
    let claimed = xls_with_workbook_edited(|w| {
        let at = biff_record(w, 0x0200, first_sheet(w));
        w[at + 4..at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
    });
    for (name, bytes) in [("远处.xls", far), ("维度.xls", claimed)] {
        let file = write(&s, name, &bytes);
        refused_in_little_memory(&s, &file, "表格范围过大");
    }
}

#[test]
fn an_xls_that_makes_the_reader_panic_or_whose_container_is_cut_short_is_refused_as_damaged() {
    let s = Sandbox::new();
    // The first sheet's place in the stream past the stream's end: calamine
    // slices there and panics.
    let misplaced = xls_with_workbook_edited(|w| {
        let at = biff_record(w, 0x0085, 0);
        w[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    });
    let file = write(&s, "错位.xls", &misplaced);
    refused_in_little_memory(&s, &file, "读取时无法解析其中的内容");
    // The last two sectors cut off, as a copy that did not finish.
    let mut cut = std::fs::read(crate::import::fixture("ledger_libreoffice.xls")).unwrap();
    cut.truncate(cut.len() - 1024);
    let file = write(&s, "不完整.xls", &cut);
    refused_in_little_memory(&s, &file, "内部结构不完整");
}

#[test]
fn an_xlsx_whose_cell_reference_overflows_calamine_is_read_or_refused_never_a_panic() {
    let s = Sandbox::new();
    // Read by calamine (laid out unusually), read whole (feedback) and in
    // pieces (ledger, on the reading thread). Its arithmetic on a reference
    // of nine letters overflows: a panic where overflow is checked (the test
    // build), refused as damaged; elsewhere a wrong column, far right of
    // every form, and the row lacks its 事项名称.
    let file = write(&s, "溢出.xlsx", &xlsx_unusual_with_reference("AAAAAAAAA2"));
    for kind in ["ledger", "feedback"] {
        let (report, _) = import_measured(&s, kind, &file);
        assert_eq!(report["status"], "rejected", "{kind}: {report}");
    }
    // The same file with a sound reference is read by calamine and applied.
    let sound = write(&s, "正常.xlsx", &xlsx_unusual_with_reference("A2"));
    let (report, _) = import_measured(&s, "ledger", &sound);
    assert_eq!(report["rows_applied"], 1, "{report}");
}
