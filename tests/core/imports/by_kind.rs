//! The one import dispatch of the doors (`imports::import_kind`).

use super::common::{fixture, strict};
use crate::support::{actor, store};
use duban::imports::{history, import_kind, FileStatus, ImportKind, SearchIndex};

#[test]
fn each_kind_goes_to_its_importer_and_round_reports_are_refused() {
    let mut s = store();
    let at = actor("2026-11-26 10:00");
    let later = SearchIndex::FillOnFirstSearch;
    let org = [fixture("org_openpyxl.xlsx")];
    let b = import_kind(&mut s, &at, ImportKind::Org, &org, &strict(), later).unwrap();
    assert_eq!(
        b.files[0].status,
        FileStatus::Applied,
        "{}",
        b.files[0].message()
    );
    let ledger = [fixture("ledger_tolerant_openpyxl.xlsx")];
    let b = import_kind(&mut s, &at, ImportKind::Ledger, &ledger, &strict(), later).unwrap();
    assert_eq!(
        b.files[0].status,
        FileStatus::Applied,
        "{}",
        b.files[0].message()
    );
    let kinds: Vec<String> = history(s.conn(), 10)
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["ledger", "org"]);

    let e = import_kind(&mut s, &at, ImportKind::Report, &ledger, &strict(), later).unwrap_err();
    assert!(e.to_string().contains("报送任务"), "{e}");
}
