//! Ledger import (EXCHANGE §2.1): tolerances, rejections, atomicity,
//! partial application, dry runs, duplicates and the links to the file.

use duban::imports::{FileStatus, LedgerImporter};

use super::common::{assert_rejections, count, dry, import, strict, text, text_sheet, valid_rows};
use crate::support::store;

fn item(store: &duban::store::Store, no: &str, column: &str) -> Option<String> {
    text(
        store,
        &format!("SELECT CAST({column} AS TEXT) FROM items WHERE item_no = ?1"),
        no,
    )
}

fn cooperators(store: &duban::store::Store, no: &str) -> String {
    text(
        store,
        "SELECT group_concat(p.name, '、') FROM (SELECT p.name FROM item_cooperators c JOIN items i ON i.id = c.item_id
           JOIN parties p ON p.id = c.party_id WHERE i.item_no = ?1 ORDER BY p.name) p",
        no,
    )
    .unwrap_or_default()
}

#[test]
fn a_tolerant_openpyxl_ledger_imports_every_row() {
    let mut s = store();
    let rep = import(
        &mut s,
        &LedgerImporter,
        "ledger_tolerant_openpyxl.xlsx",
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(rep.rows_applied, 13);
    assert_eq!(
        count(&s, "SELECT count(*) FROM items"),
        13,
        "title, notes, blank and 合计 rows skipped"
    );
    assert_eq!(
        item(&s, "T-999", "name"),
        None,
        "the hidden sheet is ignored"
    );
    for (no, column, want) in [
        ("T-001", "effective_deadline", "2026-11-30"),
        ("T-001", "status", "in_progress"),
        ("T-002", "deadline", "2026-12-15"),
        ("T-002", "status", "not_started"),
        ("T-002", "coordinator_leader", "王建国"),
        ("T-003", "deadline", "2026-10-08"),
        ("T-004", "deadline", "2026-09-30"),
        ("T-005", "deadline", "2026-12-31"),
        ("T-006", "deadline", "2026-12-31"),
        ("T-007", "standing", "1"),
        ("T-008", "standing", "1"),
        ("T-009", "standing", "1"),
        ("T-010", "status", "done"),
        ("T-010", "done_on", "2026-06-30"),
        ("T-010", "deadline", "2026-11-30"),
        ("T-012", "done_on", "2026-03-01"),
        ("T-013", "done_on", "NULL"),
        ("T-013", "import_row", "18"),
    ] {
        assert_eq!(
            item(&s, no, column).unwrap_or("NULL".into()),
            want,
            "{no}.{column}"
        );
    }
    assert_eq!(
        text(&s, "SELECT p.name FROM items i JOIN parties p ON p.id = i.lead_party_id WHERE item_no = ?1", "T-001").unwrap(),
        "办公厅",
        "the alias 办公室 resolves to 办公厅"
    );
    for (no, want) in [
        ("T-002", "办公厅、所得税司"),
        ("T-003", "国际税务司、纳税服务司"),
        ("T-004", "大企业税收管理司、征管和科技发展司"),
        ("T-005", "办公厅、政策法规司"),
        ("T-006", "办公厅、所得税司"),
    ] {
        assert_eq!(
            cooperators(&s, no),
            want,
            "配合部门 of {no} split on 、，；/ and line breaks"
        );
    }
    assert_eq!(
        count(&s, "SELECT count(*) FROM items WHERE item_no LIKE 'DB2026-%' AND status = 'done' AND done_on = '2026-05-20'"),
        1,
        "a blank 事项编号 is assigned"
    );
    assert_eq!(rep.warnings.len(), 1, "{:?}", rep.warnings);
    assert_eq!(
        (rep.warnings[0].row, rep.warnings[0].column.as_str()),
        (18, "完成日期")
    );
}

#[test]
fn formula_cells_give_their_cached_values_and_hidden_sheets_stay_hidden() {
    let mut s = store();
    let rep = import(
        &mut s,
        &LedgerImporter,
        "ledger_formulas_xlsxwriter.xlsx",
        &strict(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 3),
        "{}",
        rep.message()
    );
    assert_eq!(item(&s, "X-001", "name").as_deref(), Some("年度考核"));
    assert_eq!(item(&s, "X-001", "deadline").as_deref(), Some("2026-11-30"));
    assert_eq!(
        item(&s, "X-002", "deadline").as_deref(),
        Some("2026-12-20"),
        "事项编号 from a formula"
    );
    assert_eq!(item(&s, "X-003", "done_on").as_deref(), Some("2026-08-15"));
    assert_eq!(item(&s, "X-900", "name"), None);
}

#[test]
fn libreoffice_xls_and_ods_read_the_same() {
    for file in ["ledger_libreoffice.xls", "ledger_libreoffice.ods"] {
        let mut s = store();
        let rep = import(&mut s, &LedgerImporter, file, &strict());
        assert_eq!(
            (rep.status, rep.rows_applied),
            (FileStatus::Applied, 4),
            "{file}: {}",
            rep.message()
        );
        for (no, column, want) in [
            ("L-001", "deadline", "2026-11-30"),
            ("L-001", "import_row", "4"),
            ("L-002", "deadline", "2026-12-31"),
            ("L-002", "status", "in_progress"),
            ("L-003", "standing", "1"),
            ("L-004", "done_on", "2026-05-20"),
        ] {
            assert_eq!(
                item(&s, no, column).unwrap_or_default(),
                want,
                "{file}: {no}.{column}"
            );
        }
        assert_eq!(cooperators(&s, "L-002"), "办公厅、国际税务司", "{file}");
    }
}

const REJECTIONS: [(u32, &str, &str); 11] = [
    (3, "牵头部门", "“宣传部门”"),
    (4, "配合部门", "“不存在司”"),
    (5, "统筹局领导", "统筹局领导"),
    (6, "完成时限", "“11月30日”缺少年份"),
    (7, "完成时限", "“2026-02-30”不存在"),
    (8, "办理状态", "“差不多”"),
    (9, "办结日期", "办结日期"),
    (10, "事项名称", "事项名称为空"),
    (11, "完成时限", "完成时限为空"),
    (12, "事项编号", "“R-001”"),
    (14, "牵头部门", "牵头部门为空"),
];

#[test]
fn a_file_with_bad_rows_applies_nothing() {
    let mut s = store();
    let audit_before = count(&s, "SELECT count(*) FROM audit_log");
    let rep = import(
        &mut s,
        &LedgerImporter,
        "ledger_rejections_openpyxl.xlsx",
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    assert_eq!(rep.rows_applied, 0);
    assert!(
        rep.error
            .as_deref()
            .unwrap_or("")
            .contains("整个文件未导入"),
        "{:?}",
        rep.error
    );
    assert_rejections(&rep, &REJECTIONS);
    assert_eq!(
        count(&s, "SELECT count(*) FROM items"),
        0,
        "not even the valid rows"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM imports"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit_before);
}

#[test]
fn apply_valid_rows_keeps_the_good_ones_as_partial() {
    let mut s = store();
    let audit_before = count(&s, "SELECT count(*) FROM audit_log");
    let rep = import(
        &mut s,
        &LedgerImporter,
        "ledger_rejections_openpyxl.xlsx",
        &valid_rows(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Partial, 2),
        "{}",
        rep.message()
    );
    assert_rejections(&rep, &REJECTIONS);
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM items WHERE item_no IN ('R-001', 'R-011')"
        ),
        2
    );
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 2);
    assert_eq!(count(&s, "SELECT count(*) FROM imports WHERE status = 'partial' AND rows_applied = 2 AND rows_rejected = 11"), 1);
    assert_eq!(
        count(&s, "SELECT count(*) FROM audit_log"),
        audit_before + 1,
        "one audit entry per file"
    );
}

#[test]
fn a_dry_run_reports_what_the_real_run_does_and_writes_nothing() {
    for (file, opts) in [
        ("ledger_tolerant_openpyxl.xlsx", dry()),
        ("ledger_rejections_openpyxl.xlsx", dry()),
        (
            "ledger_rejections_openpyxl.xlsx",
            duban::imports::ImportOptions {
                dry_run: true,
                ..valid_rows()
            },
        ),
    ] {
        let mut s = store();
        let trial = import(&mut s, &LedgerImporter, file, &opts);
        assert_eq!(
            count(&s, "SELECT count(*) FROM items") + count(&s, "SELECT count(*) FROM imports"),
            0,
            "{file}"
        );
        assert!(trial.dry_run && trial.import_id.is_none());
        let real = import(
            &mut s,
            &LedgerImporter,
            file,
            &duban::imports::ImportOptions {
                dry_run: false,
                ..opts
            },
        );
        assert_eq!(trial.status, real.status, "{file}");
        assert_eq!(trial.rows_applied, real.rows_applied, "{file}");
        assert_eq!(trial.rows_rejected, real.rows_rejected, "{file}");
        assert_eq!(trial.warnings, real.warnings, "{file}");
        assert_eq!(trial.error, real.error, "{file}");
    }
}

#[test]
fn the_same_file_twice_is_a_duplicate_and_changes_nothing() {
    let mut s = store();
    let first = import(
        &mut s,
        &LedgerImporter,
        "ledger_formulas_xlsxwriter.xlsx",
        &strict(),
    );
    assert_eq!(first.status, FileStatus::Applied);
    let audit = count(&s, "SELECT count(*) FROM audit_log");
    let again = import(
        &mut s,
        &LedgerImporter,
        "ledger_formulas_xlsxwriter.xlsx",
        &strict(),
    );
    assert_eq!(again.status, FileStatus::Duplicate);
    assert_eq!(again.sha256, first.sha256);
    assert_eq!(count(&s, "SELECT count(*) FROM items"), 3);
    assert_eq!(count(&s, "SELECT count(*) FROM imports"), 1);
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit);
}

#[test]
fn an_applied_file_is_recorded_with_its_hash_and_every_item_points_to_its_row() {
    let mut s = store();
    let rep = import(
        &mut s,
        &LedgerImporter,
        "ledger_formulas_xlsxwriter.xlsx",
        &strict(),
    );
    let id = rep.import_id.expect("applied");
    assert_eq!(
        text(
            &s,
            "SELECT file_name || '|' || sha256 || '|' || kind FROM imports WHERE id = ?1",
            &id.to_string()
        )
        .unwrap(),
        format!("ledger_formulas_xlsxwriter.xlsx|{}|ledger", rep.sha256)
    );
    assert_eq!(rep.sha256.len(), 64);
    assert_eq!(
        count(
            &s,
            &format!("SELECT count(*) FROM items WHERE import_id = {id} AND import_sheet = '台账'")
        ),
        3
    );
    assert_eq!(item(&s, "X-003", "import_row").as_deref(), Some("4"));
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT count(*) FROM audit_log WHERE entity = 'import' AND entity_id = '{id}'"
            )
        ),
        1
    );
    assert!(duban::store::audit::verify(s.conn()).unwrap().ok());
}

#[test]
fn an_existing_item_number_is_rejected() {
    let mut s = store();
    import(&mut s, &LedgerImporter, "ledger_libreoffice.xls", &strict());
    let rep = import(&mut s, &LedgerImporter, "ledger_libreoffice.ods", &strict());
    assert_eq!(rep.status, FileStatus::Rejected);
    assert_eq!(rep.rows_rejected.len(), 4);
    assert!(rep
        .rows_rejected
        .iter()
        .all(|r| r.column == "事项编号" && r.reason.contains("已存在")));
}

#[test]
fn a_done_date_beside_another_status_is_ignored_with_a_warning_whatever_it_holds() {
    let bytes = text_sheet(&[
        &["事项名称", "牵头部门", "完成时限", "办理状态", "办结日期"],
        &["某事项", "办公厅", "2026-12-31", "推进中", "2026-11-20"],
        &["某事项", "办公厅", "2026-12-31", "推进中", "下周"],
    ]);
    let mut s = store();
    let rep = duban::imports::import_bytes(
        &mut s,
        &crate::support::actor("2026-12-03 09:00"),
        &LedgerImporter,
        "台账.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    let ignored: Vec<u32> = rep
        .warnings
        .iter()
        .filter(|w| w.reason.contains("办结日期已忽略"))
        .map(|w| w.row)
        .collect();
    assert_eq!(ignored, [2, 3]);
}

#[test]
fn a_done_date_after_the_import_day_is_refused_for_its_row() {
    let bytes = text_sheet(&[
        &["事项名称", "牵头部门", "完成时限", "办理状态", "办结日期"],
        &["今天办结", "办公厅", "2026-11-30", "已办结", "2026-12-03"],
        &["明年办结", "办公厅", "2026-11-30", "已办结", "2027-03-01"],
    ]);
    let mut s = store();
    let rep = duban::imports::import_bytes(
        &mut s,
        &crate::support::actor("2026-12-03 09:00"),
        &LedgerImporter,
        "台账.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected, "{}", rep.message());
    let bad = &rep.rows_rejected[0];
    assert_eq!((bad.row, bad.column.as_str()), (3, "办结日期"), "{bad:?}");
    assert!(bad.reason.contains("晚于今天"), "{}", bad.reason);
    assert_eq!(rep.rows_rejected.len(), 1);
}

#[test]
fn a_number_the_file_names_below_a_blank_one_stays_with_its_row() {
    // Row 2 has no 事项编号 and is numbered when applied, before row 3 is
    // read; row 3 names the number row 2 was given. Row 3 keeps it and the
    // item of row 2 takes the next one, whether rows stream or not.
    let bytes = text_sheet(&[
        &["事项编号", "事项名称", "牵头部门", "完成时限"],
        &["", "留空编号的事项", "办公厅", "2026-12-31"],
        &["DB2026-0001", "自带编号的事项", "办公厅", "2026-12-31"],
        &["", "又一个留空编号的事项", "办公厅", "2026-12-31"],
        &[
            "DB2026-0002",
            "第二个自带编号的事项",
            "办公厅",
            "2026-12-31",
        ],
    ]);
    let mut s = store();
    let rep = duban::imports::import_bytes(
        &mut s,
        &crate::support::actor("2026-12-03 09:00"),
        &LedgerImporter,
        "台账.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(rep.rows_applied, 4);
    let name = |no: &str| item(&s, no, "name").unwrap_or_default();
    assert_eq!(name("DB2026-0001"), "自带编号的事项");
    assert_eq!(name("DB2026-0002"), "第二个自带编号的事项");
    let given: Vec<String> = ["留空编号的事项", "又一个留空编号的事项"]
        .iter()
        .map(|n| text(&s, "SELECT item_no FROM items WHERE name = ?1", n).unwrap())
        .collect();
    // Row 2 gave way twice (0001, then 0002); row 4 took 0003 between.
    assert_eq!(given, ["DB2026-0004", "DB2026-0003"]);
    assert_eq!(item(&s, "DB2026-0004", "import_row").as_deref(), Some("2"));
}
