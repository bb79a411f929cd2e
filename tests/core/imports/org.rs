//! Organisation import (EXCHANGE §2.4): adds and updates, never deletes.

use duban::imports::{import_bytes, FileReport, FileStatus, ImportOptions, OrgImporter};

use super::common::{assert_rejections, count, dry, import, strict, text};
use crate::support::{actor, item, store};

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

/// An organisation sheet 组织机构 (名称, 类型, 简称/别名) of `rows`.
pub fn org_sheet(rows: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("组织机构").unwrap();
    for (c, h) in ["名称", "类型", "简称/别名"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, kind, aliases)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *kind).unwrap();
        ws.write_string(r, 2, *aliases).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn import_org(s: &mut duban::store::Store, bytes: &[u8], options: &ImportOptions) -> FileReport {
    import_bytes(
        s,
        &actor("2026-11-26 10:00"),
        &OrgImporter,
        "组织机构.xlsx",
        bytes,
        options,
    )
}

fn lead_of(s: &duban::store::Store, item_no: &str) -> (i64, String) {
    s.conn()
        .query_row(
            "SELECT p.id, p.name FROM items i JOIN parties p ON p.id = i.lead_party_id WHERE i.item_no = ?1",
            [item_no],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// The office's own sheet: official names as 名称, short names as 简称.
const OFFICIAL: [(&str, &str, &str); 4] = [
    (
        "国家税务总局北京市税务局",
        "下级单位",
        "北京市税务局、北京局",
    ),
    ("国家税务总局天津市税务局", "下级单位", "天津市税务局、天津"),
    ("办公厅", "内设机构", "办公室"),
    (
        "国家税务总局雄安新区税务局",
        "下级单位",
        "雄安新区税务局、雄安局",
    ),
];

#[test]
fn official_names_over_the_default_rename_the_bureaus_and_keep_their_items() {
    let mut s = store();
    let no = item(&mut s, "推进电子发票扩围", "北京市税务局", "2026-12-31");
    let (bj, _) = lead_of(&s, &no);
    let parties = count(&s, "SELECT count(*) FROM parties");
    let audit = count(&s, "SELECT count(*) FROM audit_log");
    let sheet = org_sheet(&OFFICIAL);

    let trial = import_org(&mut s, &sheet, &dry());
    assert_eq!(trial.status, FileStatus::Applied, "{}", trial.message());
    let preview = trial.org_plan.clone().expect("the dry run shows the plan");
    assert_eq!(
        (
            preview.renames.len(),
            preview.new_parties.len(),
            preview.unchanged
        ),
        (2, 1, 1),
        "{}",
        trial.message()
    );
    assert!(trial
        .message()
        .contains("北京市税务局 → 国家税务总局北京市税务局"));
    assert_eq!(
        lead_of(&s, &no).1,
        "北京市税务局",
        "a dry run writes nothing"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit);

    let rep = import_org(&mut s, &sheet, &strict());
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 4),
        "{}",
        rep.message()
    );
    assert_eq!(
        rep.org_plan.as_ref(),
        Some(&preview),
        "the import applies the plan the dry run showed"
    );
    assert_eq!(
        lead_of(&s, &no),
        (bj, "国家税务总局北京市税务局".to_string()),
        "the item keeps its party, now under its official name"
    );
    assert_eq!(
        count(&s, "SELECT count(*) FROM parties"),
        parties + 1,
        "one new party, the others renamed"
    );
    assert_eq!(
        count(&s, "SELECT count(*) FROM audit_log"),
        audit + 1,
        "one audit entry"
    );
    for name in ["北京市税务局", "北京", "国家税务总局北京市税务局", "北京局"]
    {
        assert_eq!(
            duban::org::party_id(s.conn(), name).unwrap(),
            Some(bj),
            "“{name}” still resolves to the same party"
        );
    }
}

#[test]
fn a_true_conflict_refuses_the_sheet_naming_both_rows_and_writes_nothing() {
    let mut s = store();
    let parties = count(&s, "SELECT count(*) FROM parties");
    let aliases = count(&s, "SELECT count(*) FROM party_aliases");
    let sheet = org_sheet(&[
        ("国家税务总局北京市税务局", "下级单位", "北京市税务局"),
        ("国家税务总局天津市税务局", "下级单位", "天津市税务局"),
        ("北京市税务局第二稽查局", "下级单位", "北京"),
    ]);
    let rep = import_org(&mut s, &sheet, &strict());
    assert_eq!(rep.status, FileStatus::Rejected);
    let err = rep.error.clone().unwrap_or_default();
    for f in ["工作表“组织机构”第 2 行", "第 4 行", "“北京市税务局”"] {
        assert!(err.contains(f), "“{err}” should name {f}");
    }
    assert!(!err.contains("第 3 行"), "天津's row is fine: {err}");
    assert_eq!(count(&s, "SELECT count(*) FROM parties"), parties);
    assert_eq!(count(&s, "SELECT count(*) FROM party_aliases"), aliases);
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM parties WHERE name = '天津市税务局'"
        ),
        1,
        "no row applied"
    );
}

#[test]
fn a_ledger_written_with_official_names_imports_over_the_default() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["事项名称", "牵头部门", "配合部门", "统筹局领导", "完成时限"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        (
            "推进电子发票扩围",
            "国家税务总局北京市税务局",
            "",
            "2026-12-31",
        ),
        (
            "优化退税流程",
            "国家税务总局天津市税务局",
            "国家税务总局河北省税务局",
            "2026-12-31",
        ),
        ("完善督办制度", "国家税务总局办公厅", "", "2026-12-31"),
    ];
    for (r, (name, lead, co, due)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *lead).unwrap();
        ws.write_string(r, 2, *co).unwrap();
        ws.write_string(r, 3, if co.is_empty() { "" } else { "王建国" })
            .unwrap();
        ws.write_string(r, 4, *due).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut s = store();
    let rep = import_bytes(
        &mut s,
        &actor("2026-11-26 10:00"),
        &duban::imports::LedgerImporter,
        "台账.xlsx",
        &bytes,
        &strict(),
    );
    assert_eq!(
        (rep.status, rep.rows_applied),
        (FileStatus::Applied, 3),
        "{}",
        rep.message()
    );
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM items i JOIN parties p ON p.id = i.lead_party_id WHERE p.name = '北京市税务局'"
        ),
        1
    );
}

#[test]
fn a_leaders_sheet_with_only_names_is_read_not_skipped() {
    // The 局领导 sheet often carries only 姓名 (and a title above it that
    // says 局领导); a header of one column was not taken for one, and the
    // sheet was skipped without a word beside a 组织机构 sheet, or the file
    // refused when it was the only one.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("组织机构").unwrap();
    for (c, h) in ["名称", "类型", "简称/别名"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
        ws.write_string(1, c as u16, ["宣传教育中心", "内设机构", "宣教中心"][c])
            .unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("局领导").unwrap();
    ws.write_string(0, 0, "局领导").unwrap();
    ws.write_string(1, 0, "姓名").unwrap();
    ws.write_string(2, 0, "欧阳明").unwrap();
    ws.write_string(3, 0, "司马青").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let mut s = store();
    let leaders = count(&s, "SELECT count(*) FROM leaders");
    let rep = import_org(&mut s, &bytes, &strict());
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(count(&s, "SELECT count(*) FROM leaders"), leaders + 2);
    assert!(text(&s, "SELECT title FROM leaders WHERE name = ?1", "司马青").is_some());
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM leaders WHERE name IN ('姓名', '局领导')"
        ),
        0,
        "the title and the header are not leaders"
    );

    // The 局领导 sheet alone, naming a leader with a 职务 stored: it stays.
    s.conn()
        .execute(
            "UPDATE leaders SET title = '副局长' WHERE name = '司马青'",
            [],
        )
        .unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("局领导").unwrap();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1, 0, "诸葛文").unwrap();
    ws.write_string(2, 0, "司马青").unwrap();
    let rep = import_org(&mut s, &wb.save_to_buffer().unwrap(), &strict());
    assert_eq!(rep.status, FileStatus::Applied, "{}", rep.message());
    assert_eq!(count(&s, "SELECT count(*) FROM leaders"), leaders + 3);
    assert_eq!(
        text(&s, "SELECT title FROM leaders WHERE name = ?1", "司马青").as_deref(),
        Some("副局长"),
        "a sheet without 职务 does not clear it"
    );

    // 职务 alone is no 局领导 table: the file is refused for its header.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("局领导").unwrap();
    ws.write_string(0, 0, "职务").unwrap();
    ws.write_string(1, 0, "局长").unwrap();
    let rep = import_org(&mut s, &wb.save_to_buffer().unwrap(), &strict());
    assert_eq!(rep.status, FileStatus::Rejected);
    let err = rep.error.unwrap_or_default();
    assert!(err.contains("没有找到组织机构表的表头"), "{err}");
}
