//! 作废 of a whole import: everything the file wrote leaves every figure in
//! one transaction, the items it moved are put back, and the file can be
//! imported again; kinds that cannot be taken back are refused.

use duban::circulation::{monthly_figures, Period};
use duban::dates::Month;
use duban::imports::{self, FeedbackImporter, FileStatus, LedgerImporter, OrgImporter};
use duban::store::Store;
use duban::Error;

use super::{audit_rows, last_entry, ledger};
use crate::imports::common::{count, import, strict, text};
use crate::support::{actor, store};

fn status(s: &Store, no: &str) -> String {
    text(s, "SELECT status FROM items WHERE item_no = ?1", no).unwrap()
}

fn live_progress(s: &Store) -> i64 {
    count(s, "SELECT count(*) FROM progress WHERE voided_at IS NULL")
}

#[test]
fn a_voided_feedback_import_takes_back_its_progress_and_reports_and_may_come_again() {
    let mut s = store();
    let base = import(
        &mut s,
        &LedgerImporter,
        "feedback_base_ledger.xlsx",
        &strict(),
    );
    assert_eq!(base.status, FileStatus::Applied, "{}", base.message());
    let progress_before = live_progress(&s);
    let (fb001, fb005) = (status(&s, "FB-001"), status(&s, "FB-005"));
    let fb = import(
        &mut s,
        &FeedbackImporter,
        "feedback_openpyxl.xlsx",
        &strict(),
    );
    assert_eq!(fb.status, FileStatus::Applied, "{}", fb.message());
    assert_eq!(status(&s, "FB-005"), "pending_review");
    assert!(live_progress(&s) > progress_before);
    let id = fb.import_id.unwrap();

    let out = imports::void_import(&mut s, &actor("2026-11-27 09:00"), id, "报错了单位").unwrap();
    assert_eq!((out.items, out.round_reports), (0, 0));
    assert!(out.progress >= 3 && out.completion_reports == 1, "{out:?}");
    assert_eq!(live_progress(&s), progress_before);
    assert_eq!(status(&s, "FB-001"), fb001, "put back");
    assert_eq!(status(&s, "FB-005"), fb005, "no longer waits for 销号");
    let entry = last_entry(&s, "import", &id.to_string());
    assert_eq!(entry.action, "作废导入");
    assert_eq!(entry.after.unwrap()["原因"], "报错了单位");
    assert_eq!(last_entry(&s, "item", "FB-005").action, "作废导入的记录");
    let history = imports::history(s.conn(), 10).unwrap();
    assert!(history
        .iter()
        .find(|h| h.id == id)
        .unwrap()
        .voided
        .is_some());

    let before = audit_rows(&s);
    let err = imports::void_import(&mut s, &actor("2026-11-27 09:00"), id, "再来").unwrap_err();
    assert!(
        matches!(err, Error::Conflict(_)) && err.to_string().contains("不能重复作废"),
        "{err}"
    );
    let err = imports::void_import(&mut s, &actor("2026-11-27 09:00"), id, "").unwrap_err();
    assert!(err.to_string().contains("必须填写原因"), "{err}");
    assert_eq!(audit_rows(&s), before);

    let again = import(
        &mut s,
        &FeedbackImporter,
        "feedback_openpyxl.xlsx",
        &strict(),
    );
    assert_eq!(
        again.status,
        FileStatus::Applied,
        "a voided file may be imported again: {}",
        again.message()
    );
    assert_eq!(status(&s, "FB-005"), "pending_review");
}

#[test]
fn a_voided_ledger_import_takes_its_items_out_of_the_ledger_and_the_figures() {
    let mut s = store();
    let rep = import(
        &mut s,
        &LedgerImporter,
        "feedback_base_ledger.xlsx",
        &strict(),
    );
    let id = rep.import_id.unwrap();
    let n = ledger(&s, "2026-11-27").len();
    assert!(n > 0);
    let nov = Period::new(Month::new(2026, 11).unwrap(), None).unwrap();
    let had = monthly_figures(s.conn(), &nov).unwrap().total;
    assert!(
        had.new_items as usize == n,
        "the items count before: {had:?}"
    );
    let lit = |s: &Store| {
        let cal = duban::calendar::Calendar::load(s.conn()).unwrap();
        duban::rhythm::scan(s.conn(), &cal, crate::support::at("2026-12-31 09:00"))
            .unwrap()
            .iter()
            .filter(|r| r.kind == duban::reminders::ReminderKind::ItemRed)
            .count()
    };
    let red = lit(&s);
    assert!(red > 0, "some items are red at the end of the year");
    let out = imports::void_import(&mut s, &actor("2026-11-27 09:00"), id, "导错了文件").unwrap();
    assert_eq!(out.items, n);
    assert_eq!(
        ledger(&s, "2026-11-27").len(),
        0,
        "the items leave the ledger"
    );
    let now = monthly_figures(s.conn(), &nov).unwrap().total;
    assert_eq!(
        (now.due_total, now.new_items, now.overdue_open),
        (0, 0, 0),
        "before: {had:?}"
    );
    // Voided items are withdrawn in the table, but the 工作台 counts none of
    // them as 已撤销: they were never the office's items.
    let counts = duban::dashboard::status_counts(s.conn()).unwrap();
    assert!(counts.iter().all(|c| c.count == 0), "{counts:?}");
    let err = duban::items::reopen(&mut s, &actor("2026-11-27 10:00"), "FB-001", "x").unwrap_err();
    assert!(err.to_string().contains("作废"), "{err}");
    let again = import(
        &mut s,
        &LedgerImporter,
        "feedback_base_ledger.xlsx",
        &strict(),
    );
    assert_ne!(
        again.status,
        FileStatus::Duplicate,
        "not refused as a duplicate of a voided file"
    );
}

#[test]
fn imports_whose_rows_cannot_be_taken_back_are_refused() {
    let mut s = store();
    let rep = import(&mut s, &OrgImporter, "org_openpyxl.xlsx", &strict());
    let id = rep.import_id.unwrap();
    let before = audit_rows(&s);
    let err = imports::void_import(&mut s, &actor("2026-11-27 09:00"), id, "x").unwrap_err();
    assert!(err.to_string().contains("不能整批作废"), "{err}");
    let err = imports::void_import(&mut s, &actor("2026-11-27 09:00"), 9999, "x").unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    assert_eq!(audit_rows(&s), before);
}

#[test]
fn a_voided_round_report_import_leaves_the_round_status_and_the_monthly_reports() {
    use crate::rounds::receive::{fill, options, statuses, template_for, templates, Answer};
    use duban::rounds::{import_reports, ReportStatus, RoundKind};
    let mut s = store();
    let r = crate::rounds::round(&mut s, RoundKind::Policy, "2026-10-20", &["北京", "天津"]);
    let dir = tempfile::tempdir().unwrap();
    let files = templates(&s, &r, dir.path());
    let bj = dir.path().join("北京-已填.xlsx");
    fill(
        template_for(&files, "北京"),
        &bj,
        &[
            ("传达学习情况", Answer::Text("党委会专题传达学习。")),
            ("报送日期", Answer::Date(2026, 10, 19)),
        ],
        true,
        &[],
    );
    let out = import_reports(
        &mut s,
        &actor("2026-10-19 10:00"),
        std::slice::from_ref(&bj),
        &options(),
    );
    assert_eq!(
        out[0].report.status,
        FileStatus::Applied,
        "{}",
        out[0].report.message()
    );
    let id = out[0].report.import_id.unwrap();
    let oct = Period::new(Month::new(2026, 10).unwrap(), None).unwrap();
    let received = |s: &Store| {
        monthly_figures(s.conn(), &oct)
            .unwrap()
            .reports
            .iter()
            .filter(|r| r.received_on.is_some())
            .count()
    };
    let bj_status = |s: &Store| {
        statuses(s, &r, "2026-10-25")
            .into_iter()
            .find(|(p, _)| p.contains("北京"))
            .unwrap()
            .1
    };
    assert_eq!((received(&s), bj_status(&s)), (1, ReportStatus::OnTime));
    let v = imports::void_import(&mut s, &actor("2026-10-25 09:00"), id, "报错了任务").unwrap();
    assert_eq!(v.round_reports, 1);
    assert_eq!((received(&s), bj_status(&s)), (0, ReportStatus::Missing));
    // Imported again, it is the unit's first report, not a supplement to the voided one.
    let again = import_reports(
        &mut s,
        &actor("2026-10-25 10:00"),
        std::slice::from_ref(&bj),
        &options(),
    );
    let rep = &again[0].report;
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert!(
        rep.warnings
            .iter()
            .all(|w| !w.reason.contains("报送过本任务")),
        "{:?}",
        rep.warnings
    );
    assert_eq!((received(&s), bj_status(&s)), (1, ReportStatus::OnTime));
}
