//! Feedback import (EXCHANGE §2.2): the reporting party, matching rows to
//! items, progress and completion reports with their source, rejections.

use duban::imports::{FeedbackImporter, FileStatus, ImportOptions, LedgerImporter};
use duban::store::Store;

use super::common::{assert_rejections, count, import, strict, text, valid_rows};
use crate::support::store;

/// A store holding the FB-00x items the feedback fixtures refer to.
fn with_items() -> Store {
    let mut s = store();
    let rep = import(
        &mut s,
        &LedgerImporter,
        "feedback_base_ledger.xlsx",
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    s
}

fn status(s: &Store, no: &str) -> String {
    text(s, "SELECT status FROM items WHERE item_no = ?1", no).unwrap()
}

#[test]
fn a_filled_feedback_sheet_records_progress_and_completion_reports() {
    for file in [
        "feedback_openpyxl.xlsx",
        "feedback_libreoffice.xls",
        "feedback_libreoffice.ods",
    ] {
        let mut s = with_items();
        let rep = import(&mut s, &FeedbackImporter, file, &strict());
        assert_eq!(rep.status, FileStatus::Applied, "{file}: {}", rep.message());
        assert_eq!(
            rep.party.as_deref(),
            Some("办公厅"),
            "{file}: 填报单位 “办公室” is an alias"
        );
        assert_eq!(
            rep.rows_applied, 4,
            "{file}: the unfilled FB-007 row is skipped"
        );
        assert_eq!(rep.warnings.len(), 1, "{file}: {:?}", rep.warnings);
        assert!(
            rep.warnings[0].reason.contains("FB-004"),
            "{file}: matched by name, with a warning"
        );
        let id = rep.import_id.unwrap();
        assert_eq!(
            text(
                &s,
                "SELECT p.reported_on || '|' || p.text || '|' || p.reporter || '|' || p.problems || '|' || p.next_steps
                   || '|' || p.import_sheet || '|' || p.import_row || '|' || p.import_id
                 FROM progress p JOIN items i ON i.id = p.item_id WHERE i.item_no = ?1 AND p.import_id IS NOT NULL",
                "FB-001"
            )
            .unwrap(),
            format!("2026-11-20|台账已上线|李四（010-1234）|人手不足|12月底前完成|落实情况反馈表|4|{id}"),
            "{file}"
        );
        assert_eq!(status(&s, "FB-001"), "in_progress", "{file}");
        assert_eq!(count(&s, "SELECT count(*) FROM progress p JOIN items i ON i.id = p.item_id WHERE i.item_no = 'FB-002'"), 1, "{file}: a cooperating party reports too");
        assert_eq!(count(&s, "SELECT count(*) FROM progress p JOIN items i ON i.id = p.item_id WHERE i.item_no = 'FB-004'"), 1, "{file}");
        assert_eq!(
            status(&s, "FB-005"),
            "pending_review",
            "{file}: 已办结 waits for 销号"
        );
        assert_eq!(
            text(&s, "SELECT c.status || '|' || c.reported_on || '|' || c.import_row FROM completion_reports c JOIN items i ON i.id = c.item_id WHERE i.item_no = ?1", "FB-005").unwrap(),
            "pending|2026-11-20|7",
            "{file}"
        );
        assert_eq!(
            count(&s, "SELECT count(*) FROM items WHERE status = 'done'"),
            1,
            "{file}: nothing closes by itself"
        );
        assert_eq!(status(&s, "FB-007"), "not_started", "{file}");
    }
}

#[test]
fn rows_the_party_cannot_report_are_rejected_with_reasons() {
    let mut s = with_items();
    let rep = import(
        &mut s,
        &FeedbackImporter,
        "feedback_rejections_openpyxl.xlsx",
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    let want = [
        (5, "事项编号", "既不由办公厅牵头"),
        (6, "事项编号", "“FB-999”不存在"),
        (7, "完成状态", "“快完了”"),
        (8, "事项编号", "已办结"),
    ];
    assert_rejections(&rep, &want);
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM progress WHERE import_id IS NOT NULL AND reporter = '王五'"
        ),
        0
    );
    let rep = import(
        &mut s,
        &FeedbackImporter,
        "feedback_rejections_openpyxl.xlsx",
        &valid_rows(),
    );
    assert_eq!((rep.status, rep.rows_applied), (FileStatus::Partial, 1));
    assert_rejections(&rep, &want);
    assert_eq!(
        text(
            &s,
            "SELECT reported_on FROM progress WHERE reporter = ?1",
            "王五"
        )
        .unwrap_or_default(),
        "2026-11-20",
        "填报日期 “2026年11月20日” as text"
    );
}

#[test]
fn the_reporting_party_comes_from_the_sheet_or_the_user() {
    let mut s = with_items();
    let rep = import(
        &mut s,
        &FeedbackImporter,
        "feedback_no_party.xlsx",
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected);
    assert!(
        rep.error.as_deref().unwrap().contains("--party"),
        "{:?}",
        rep.error
    );
    let rep = import(
        &mut s,
        &FeedbackImporter,
        "feedback_unknown_party.xlsx",
        &strict(),
    );
    assert!(
        rep.error.as_deref().unwrap().contains("“宣传科”"),
        "{:?}",
        rep.error
    );
    let other = ImportOptions {
        party: Some("所得税司".into()),
        ..ImportOptions::default()
    };
    let rep = import(&mut s, &FeedbackImporter, "feedback_openpyxl.xlsx", &other);
    assert!(
        rep.error.as_deref().unwrap().contains("不一致"),
        "a sheet naming another party: {:?}",
        rep.error
    );
    let chosen = ImportOptions {
        party: Some("厅办".into()),
        ..ImportOptions::default()
    };
    let rep = import(
        &mut s,
        &FeedbackImporter,
        "feedback_unknown_party.xlsx",
        &chosen,
    );
    assert_eq!(
        (rep.status, rep.party.as_deref()),
        (FileStatus::Applied, Some("办公厅")),
        "{}",
        rep.message()
    );
    assert!(rep.warnings[0].reason.contains("宣传科"));
    let rep = import(&mut s, &FeedbackImporter, "feedback_no_party.xlsx", &chosen);
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM imports WHERE kind = 'feedback' AND party_id IS NOT NULL"
        ),
        2
    );
}

#[test]
fn the_end_to_end_file_has_exactly_one_bad_row() {
    let mut s = with_items();
    let rep = import(
        &mut s,
        &FeedbackImporter,
        "feedback_one_bad_row.xlsx",
        &valid_rows(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Partial, 2),
        "{}",
        rep.message()
    );
    assert_rejections(&rep, &[(5, "事项编号", "FB-003")]);
}

#[test]
fn a_batch_read_ahead_ends_exactly_as_files_imported_one_by_one() {
    use super::common::fixture;
    use crate::support::actor;
    use duban::imports::{import_file, import_files};
    // Order matters here: the .xls repeats the completion reports the .xlsx
    // made (refused as already pending), and the last file is a duplicate.
    let files = [
        fixture("feedback_openpyxl.xlsx"),
        fixture("no_such_file.xlsx"),
        fixture("corrupt.xlsx"),
        fixture("feedback_one_bad_row.xlsx"),
        fixture("feedback_libreoffice.xls"),
        fixture("feedback_openpyxl.xlsx"),
    ];
    let options = valid_rows();
    let at = actor("2026-11-26 10:00");
    let mut batch_store = with_items();
    let batch = import_files(&mut batch_store, &at, &FeedbackImporter, &files, &options);
    let mut single_store = with_items();
    let singles: Vec<_> = files
        .iter()
        .map(|f| import_file(&mut single_store, &at, &FeedbackImporter, f, &options))
        .collect();
    let outline = |r: &duban::imports::FileReport| {
        (
            r.status,
            r.rows_applied,
            r.rows_rejected.clone(),
            r.warnings.clone(),
            r.error.clone(),
            r.import_id,
        )
    };
    assert_eq!(batch.files.len(), files.len());
    for (b, s) in batch.files.iter().zip(&singles) {
        assert_eq!(outline(b), outline(s), "{}", b.file);
    }
    assert_eq!(
        batch.files.iter().map(|f| f.status).collect::<Vec<_>>(),
        [
            FileStatus::Applied,
            FileStatus::Rejected,
            FileStatus::Rejected,
            batch.files[3].status,
            batch.files[4].status,
            FileStatus::Duplicate,
        ]
    );
    for sql in [
        "SELECT count(*) FROM progress",
        "SELECT count(*) FROM completion_reports",
        "SELECT count(*) FROM imports",
    ] {
        assert_eq!(count(&batch_store, sql), count(&single_store, sql), "{sql}");
    }
}

/// A feedback sheet whose 填报单位 cell is `party_cell` (and nothing else
/// above the header), with one progress row for FB-001.
fn one_row_sheet(party_cell: &str) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "督办事项落实情况反馈表").unwrap();
    ws.write(1, 0, party_cell).unwrap();
    for (c, h) in ["事项编号", "办理进展"].iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "FB-001").unwrap();
    ws.write(3, 1, "已召开专题会议").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_report_date_is_read_beside_the_party_and_a_missing_one_is_said() {
    let at = crate::support::actor("2026-12-03 09:00");
    for (cell, reported, warned) in [
        (
            "填报单位：办公厅　　填报日期：2026年11月20日",
            "2026-11-20",
            false,
        ),
        ("填报单位：办公厅", "2026-12-03", true),
    ] {
        let mut s = with_items();
        let rep = duban::imports::import_bytes(
            &mut s,
            &at,
            &FeedbackImporter,
            "反馈.xlsx",
            &one_row_sheet(cell),
            &strict(),
        );
        assert_eq!(rep.status, FileStatus::Applied, "{cell}: {}", rep.message());
        let on = text(
            &s,
            "SELECT p.reported_on FROM progress p JOIN items i ON i.id = p.item_id
              WHERE i.item_no = ?1 AND p.import_id IS NOT NULL",
            "FB-001",
        );
        assert_eq!(on.as_deref(), Some(reported), "{cell}");
        let said = rep
            .warnings
            .iter()
            .any(|w| w.reason.contains("没有填写填报日期"));
        assert_eq!(said, warned, "{cell}: {:?}", rep.warnings);
    }
}

#[test]
fn a_row_marked_done_without_an_account_of_it_is_refused() {
    let mut s = with_items();
    let bytes = super::common::text_sheet(&[
        &["填报单位：办公厅", "", "", "", "填报日期：2026-11-20"],
        &["事项编号", "办理进展", "完成状态", "办结日期"],
        &["FB-001", "台账已上线", "推进中", ""],
        &["FB-005", "", "已办结", "2026-11-20"],
    ]);
    let rep = duban::imports::import_bytes(
        &mut s,
        &crate::support::actor("2026-11-26 10:00"),
        &FeedbackImporter,
        "反馈.xlsx",
        &bytes,
        &valid_rows(),
    );
    assert_eq!(rep.status, FileStatus::Partial, "{}", rep.message());
    let bad = &rep.rows_rejected[0];
    assert_eq!((bad.row, bad.column.as_str()), (4, "办理进展"), "{bad:?}");
    assert!(bad.reason.contains("写明办结情况"), "{}", bad.reason);
    assert_eq!(
        status(&s, "FB-005"),
        "not_started",
        "unchanged: no empty report waits for 销号"
    );
}

#[test]
fn rows_dated_before_their_items_document_arrived_are_each_refused_with_the_column() {
    use duban::documents::{self, Urgency};
    use duban::items::{self, NewItem};
    let mut s = store();
    let at = crate::support::actor("2026-11-26 10:00");
    let no = crate::support::document(
        &mut s,
        "关于开展督查的通知",
        "2026-11-10",
        Urgency::PingJian,
        None,
    );
    let id = documents::get_document(s.conn(), &no).unwrap().row.id;
    let mut split = |name: &str| {
        let mut new = NewItem::new(name, "办公厅", Some(crate::support::d("2026-11-30")));
        new.document_id = Some(id);
        items::create_item(&mut s, &at, &new).unwrap().item_no
    };
    let (a, b, c) = (split("甲"), split("乙"), split("丙"));
    let bytes = super::common::text_sheet(&[
        &["填报单位：办公厅", "", "", "", "填报日期：2026-11-09"],
        &["事项编号", "办理进展", "完成状态", "办结日期"],
        &[a.as_str(), "已部署", "推进中", ""],
        &[b.as_str(), "已召开专题会议", "推进中", ""],
        &[c.as_str(), "已完成", "已办结", "2026-11-05"],
    ]);
    let rep = duban::imports::import_bytes(
        &mut s,
        &at,
        &FeedbackImporter,
        "反馈.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(rep.status, FileStatus::Rejected, "{}", rep.message());
    let found: Vec<(u32, &str)> = rep
        .rows_rejected
        .iter()
        .map(|r| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [(3, "办理进展"), (4, "办理进展"), (5, "办结日期")],
        "every early row at once, each with its column: {:?}",
        rep.rows_rejected
    );
    assert!(rep.rows_rejected[0]
        .reason
        .contains("填报日期 2026-11-09 早于事项"));
    assert!(rep.rows_rejected[2]
        .reason
        .contains("办结日期 2026-11-05 早于事项"));
    assert_eq!(
        count(&s, "SELECT count(*) FROM progress"),
        0,
        "nothing written"
    );
}

/// The files of a batch are written in one transaction, each a savepoint of
/// it. Should SQLite end that transaction midway (it does after a full disk
/// or an I/O error; a trigger raising ROLLBACK stands in for one here), the
/// files applied before are gone too: every file says so, and the database
/// is exactly as it was before the batch.
#[test]
fn a_batch_whose_transaction_is_lost_midway_keeps_nothing_and_says_so() {
    use duban::imports::import_files;
    let dir = tempfile::tempdir().unwrap();
    let sheet = |name: &str, item: &str, progress: &str| {
        let path = dir.path().join(name);
        let bytes = super::common::text_sheet(&[
            &["填报单位：办公厅　　填报日期：2026年11月20日"],
            &["事项编号", "办理进展"],
            &[item, progress],
        ]);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let files = [
        sheet("一.xlsx", "FB-001", "已召开专题会议"),
        sheet("二.xlsx", "FB-005", "已完成调研"),
        sheet("三.xlsx", "FB-001", "已印发方案"),
    ];
    let at = crate::support::actor("2026-11-26 10:00");
    let tables = [
        "SELECT count(*) FROM progress",
        "SELECT count(*) FROM imports",
        "SELECT count(*) FROM audit_log",
    ];

    // Without the failure the three files are applied.
    let mut fine = with_items();
    let batch = import_files(&mut fine, &at, &FeedbackImporter, &files, &strict());
    assert!(
        batch.files.iter().all(|f| f.status == FileStatus::Applied),
        "{:?}",
        batch.files.iter().map(|f| f.message()).collect::<Vec<_>>()
    );

    let mut s = with_items();
    let before: Vec<i64> = tables.iter().map(|q| count(&s, q)).collect();
    s.conn()
        .execute_batch(
            "CREATE TEMP TRIGGER lose_the_batch AFTER INSERT ON progress
               WHEN new.item_id = (SELECT id FROM items WHERE item_no = 'FB-005')
             BEGIN SELECT RAISE(ROLLBACK, 'disk I/O error'); END;",
        )
        .unwrap();
    let batch = import_files(&mut s, &at, &FeedbackImporter, &files, &strict());
    let said: Vec<String> = batch.files.iter().map(|f| f.message()).collect();
    for f in &batch.files {
        assert_eq!(f.status, FileStatus::Rejected, "{said:?}");
        assert_eq!((f.rows_applied, f.import_id), (0, None), "{}", f.file);
        let error = f.error.as_deref().unwrap_or_default();
        assert!(
            error.contains("本批文件均未导入") && error.contains("重新导入"),
            "{}: {error}",
            f.file
        );
    }
    let after: Vec<i64> = tables.iter().map(|q| count(&s, q)).collect();
    assert_eq!(after, before, "{tables:?}");
    assert!(s.conn().is_autocommit(), "no transaction left open");

    // The store goes on: the same files import once the failure is gone.
    s.conn()
        .execute_batch("DROP TRIGGER lose_the_batch")
        .unwrap();
    let again = import_files(&mut s, &at, &FeedbackImporter, &files, &strict());
    assert!(
        again.files.iter().all(|f| f.status == FileStatus::Applied),
        "{:?}",
        again.files.iter().map(|f| f.message()).collect::<Vec<_>>()
    );
}
