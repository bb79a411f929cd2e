//! A report lists at most `REJECTED_ROWS` rejected rows and counts them all:
//! 200,000 bad rows must not make a report of 50 MB.

use duban::imports::{
    history, import_bytes, FileStatus, LedgerImporter, OrgImporter, REJECTED_ROWS,
};

use super::common::{strict, valid_rows};
use super::org::org_sheet;
use crate::support::{actor, store};

/// A ledger of `good` rows then `bad` rows whose 牵头部门 is unknown.
fn ledger(good: usize, bad: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "完成时限"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 0..good + bad {
        let row = r as u32 + 1;
        ws.write_string(row, 0, format!("事项{r}")).unwrap();
        ws.write_string(
            row,
            1,
            if r < good {
                "办公厅"
            } else {
                "不存在的部门"
            },
        )
        .unwrap();
        ws.write_string(row, 2, "2026-12-31").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_file_of_thousands_of_bad_rows_lists_the_first_ones_and_counts_them_all() {
    assert_eq!(REJECTED_ROWS, 2000);
    let bytes = ledger(0, 5000);
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        "台账.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    assert_eq!(
        (rep.rows_rejected.len(), rep.rows_rejected_count),
        (2000, 5000),
        "listed, counted"
    );
    assert_eq!(rep.rows_rejected[0].row, 2, "the first rows are listed");
    assert_eq!(rep.rows_rejected[1999].row, 2001);
    assert!(rep.error.as_deref().unwrap_or("").contains("5000 行"));
    let text = rep.message();
    assert!(text.contains("问题 5000 行"), "{}", &text[..200]);
    assert!(text.contains("另有 3000 行未列出"));
    let json = serde_json::to_value(&rep).unwrap();
    assert_eq!(json["rows_rejected_count"], 5000);
    assert_eq!(json["rows_rejected"].as_array().unwrap().len(), 2000);
}

/// A refused file is not said to have "0 valid rows": its report counts its
/// problems and its reason how many rows were good; a preview says how many
/// rows it would import (the line said 有效 0 行 beside 仅导入有效行).
#[test]
fn a_refused_file_says_how_many_rows_were_good() {
    let bytes = ledger(3, 1);
    let mut s = store();
    let run = |s: &mut duban::store::Store, options: &duban::imports::ImportOptions| {
        import_bytes(
            s,
            &actor("2026-11-26 10:00"),
            &LedgerImporter,
            "台账.xlsx",
            &bytes,
            options,
        )
    };
    for dry_run in [true, false] {
        let options = duban::imports::ImportOptions {
            dry_run,
            ..strict()
        };
        let rep = run(&mut s, &options);
        assert_eq!(rep.status, FileStatus::Rejected);
        let line = rep.message();
        assert!(
            line.contains("，问题 1 行") && !line.contains("0 行，"),
            "{line}"
        );
        assert!(
            line.contains("有 1 行不符合要求（另有 3 行符合要求）"),
            "{line}"
        );
    }
    let options = duban::imports::ImportOptions {
        dry_run: true,
        ..valid_rows()
    };
    let line = run(&mut s, &options).message();
    assert!(line.contains("可导入 3 行，问题 1 行"), "{line}");
    let line = run(&mut s, &valid_rows()).message();
    assert!(line.contains("，导入 3 行，问题 1 行"), "{line}");
}

#[test]
fn a_partial_import_records_the_count_and_keeps_only_the_listed_rows() {
    let bytes = ledger(10, 5000);
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        "台账.xlsx",
        &bytes,
        &valid_rows(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied, rep.rows_rejected_count),
        (FileStatus::Partial, 10, 5000)
    );
    assert_eq!(rep.rows_rejected.len(), 2000);
    let h = &history(s.conn(), 1).unwrap()[0];
    assert_eq!(
        (h.rows_rejected, h.rejected.len()),
        (5000, 2000),
        "the history counts all and keeps the listed rows"
    );
}

#[test]
fn a_sheet_read_whole_is_capped_the_same_way() {
    let rows: Vec<(String, &str, &str)> = (0..5000)
        .map(|i| (format!("机构{i}"), "科室", ""))
        .collect();
    let rows: Vec<(&str, &str, &str)> = rows.iter().map(|(a, b, c)| (a.as_str(), *b, *c)).collect();
    let bytes = org_sheet(&rows);
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &OrgImporter,
        "组织机构.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    assert_eq!(
        (rep.rows_rejected.len(), rep.rows_rejected_count),
        (2000, 5000)
    );
}
