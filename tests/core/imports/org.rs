//! Organisation import (EXCHANGE §2.4): adds and updates, never deletes.

use duban::imports::{FileStatus, OrgImporter};

use super::common::{assert_rejections, count, import, strict, text};
use crate::support::store;

#[test]
fn an_organisation_sheet_adds_parties_aliases_and_leaders() {
    let mut s = store();
    let parties = count(&s, "SELECT count(*) FROM parties");
    let leaders = count(&s, "SELECT count(*) FROM leaders");
    let rep = import(&mut s, &OrgImporter, "org_openpyxl.xlsx", &strict());
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 5),
        "{}",
        rep.message()
    );
    assert_eq!(
        count(&s, "SELECT count(*) FROM parties"),
        parties + 2,
        "nothing deleted, two added"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM leaders"), leaders + 1);
    for (alias, party) in [
        ("宣教中心", "宣传教育中心"),
        ("宣传中心", "宣传教育中心"),
        ("厅办公室", "办公厅"),
        ("办公室", "办公厅"),
        ("雄安局", "雄安新区税务局"),
    ] {
        assert_eq!(
            text(&s, "SELECT p.name FROM party_aliases a JOIN parties p ON p.id = a.party_id WHERE a.alias = ?1", alias).as_deref(),
            Some(party),
            "alias {alias}"
        );
    }
    assert_eq!(
        text(
            &s,
            "SELECT kind FROM parties WHERE name = ?1",
            "雄安新区税务局"
        )
        .as_deref(),
        Some("unit")
    );
}

#[test]
fn an_unknown_type_rejects_the_row() {
    let mut s = store();
    let rep = import(&mut s, &OrgImporter, "org_bad_type.xlsx", &strict());
    assert_eq!(rep.status, FileStatus::Rejected);
    assert_rejections(&rep, &[(2, "类型", "“科室”")]);
}
