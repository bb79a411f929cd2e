//! Integration tests of the organisation: how an organisation sheet is
//! reconciled with the parties there are (EXCHANGE §2.4), on hand-made data.

use duban::org::reconcile::{plan, SheetLeader, SheetParty};
use duban::org::{Leader, Party, PartyKind};
use duban::Error;

fn party(id: i64, name: &str, kind: PartyKind, aliases: &[&str], active: bool) -> Party {
    Party {
        id,
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        sort_order: id,
        active,
    }
}

/// 北京 with its official name already an alias (as the default has it),
/// 天津 without, 办公厅 a department, 雄安 已停用.
fn existing() -> Vec<Party> {
    use PartyKind::*;
    vec![
        party(
            1,
            "北京市税务局",
            Unit,
            &["国家税务总局北京市税务局", "北京", "北京局"],
            true,
        ),
        party(2, "天津市税务局", Unit, &["天津", "天津局"], true),
        party(3, "办公厅", Department, &["办公室"], true),
        party(4, "雄安新区税务局", Unit, &["雄安局"], false),
    ]
}

fn leaders() -> Vec<Leader> {
    vec![Leader {
        id: 1,
        name: "王建国".into(),
        title: "局长".into(),
        active: true,
    }]
}

/// A sheet row at Excel row `row` of the sheet 组织机构.
fn row(row: u32, name: &str, kind: PartyKind, aliases: &[&str]) -> SheetParty {
    SheetParty {
        sheet: "组织机构".into(),
        row,
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

fn leader(row: u32, name: &str, title: &str) -> SheetLeader {
    SheetLeader {
        sheet: "局领导".into(),
        row,
        name: name.into(),
        title: title.into(),
    }
}

/// (new parties, renames, parties gaining aliases, other party updates, new
/// leaders, leader updates, unchanged rows).
type Counts = (usize, usize, usize, usize, usize, usize, u32);

/// A case: what it shows, the sheet's party rows and leader rows, and what is expected.
type Case<T> = (&'static str, Vec<SheetParty>, Vec<SheetLeader>, T);

#[test]
fn a_row_naming_an_existing_party_by_name_or_alias_updates_it_instead_of_clashing() {
    use PartyKind::*;
    let cases: Vec<Case<Counts>> = vec![
        (
            "official name as 名称, short name as 简称: a rename, not a refusal",
            vec![row(
                2,
                "国家税务总局北京市税务局",
                Unit,
                &["北京市税务局", "北京"],
            )],
            vec![],
            (0, 1, 0, 0, 0, 0, 0),
        ),
        (
            "official name not yet known, matched through the short name in 简称",
            vec![row(
                2,
                "国家税务总局天津市税务局",
                Unit,
                &["天津市税务局", "津税"],
            )],
            vec![],
            (0, 1, 1, 0, 0, 0, 0),
        ),
        (
            "the same name and aliases: unchanged",
            vec![row(2, "北京市税务局", Unit, &["北京局"])],
            vec![],
            (0, 0, 0, 0, 0, 0, 1),
        ),
        (
            "名称 is an existing alias: that party takes it as its name",
            vec![row(2, "办公室", Department, &["办公厅", "厅办公室"])],
            vec![],
            (0, 1, 1, 0, 0, 0, 0),
        ),
        (
            "a kind changes; a deactivated party is used again",
            vec![row(2, "办公厅", Unit, &[]), row(3, "雄安局", Unit, &[])],
            vec![],
            (0, 1, 0, 2, 0, 0, 0),
        ),
        (
            "a party matching nothing is new",
            vec![row(
                2,
                "国家税务总局宁波市税务局",
                Unit,
                &["宁波", "宁波局"],
            )],
            vec![],
            (1, 0, 0, 0, 0, 0, 0),
        ),
        (
            "leaders: one new, one retitled, one the same",
            vec![],
            vec![leader(2, "王建国", "局长"), leader(3, "李明华", "副局长")],
            (0, 0, 0, 0, 1, 0, 1),
        ),
        (
            "a leader's title changes",
            vec![],
            vec![leader(2, "王建国", "党委书记、局长")],
            (0, 0, 0, 0, 0, 1, 0),
        ),
    ];
    for (what, rows, ls, want) in cases {
        let p = plan(&existing(), &leaders(), &rows, &ls)
            .unwrap_or_else(|e| panic!("{what}: refused: {e}"));
        let got = (
            p.new_parties.len(),
            p.renames.len(),
            p.alias_additions.len(),
            p.party_updates.len(),
            p.new_leaders.len(),
            p.leader_updates.len(),
            p.unchanged,
        );
        assert_eq!(got, want, "{what}: {:#?}", p.lines());
        assert_eq!(
            p.steps().len(),
            rows.len() + ls.len(),
            "{what}: one step per row"
        );
    }
}

#[test]
fn a_rename_keeps_the_party_and_its_old_name_resolvable() {
    use PartyKind::*;
    let rows = [row(
        2,
        "国家税务总局天津市税务局",
        Unit,
        &["天津市税务局", "津税"],
    )];
    let p = plan(&existing(), &[], &rows, &[]).unwrap();
    let r = &p.renames[0];
    assert_eq!(
        (r.party_id, r.from.as_str(), r.to.as_str(), r.row),
        (2, "天津市税务局", "国家税务总局天津市税务局", 2),
        "the same party (its items stay), renamed"
    );
    let a = &p.alias_additions[0];
    assert_eq!(
        (a.party_id, a.party.as_str(), a.aliases.clone()),
        (2, "国家税务总局天津市税务局", vec!["津税".to_string()]),
        "the old name is kept by the rename itself, not listed as an added alias"
    );
    let text = p.lines().join("\n");
    assert!(
        text.contains("天津市税务局 → 国家税务总局天津市税务局"),
        "{text}"
    );
}

#[test]
fn only_a_true_conflict_refuses_the_sheet_naming_both_rows() {
    use PartyKind::*;
    let cases: Vec<Case<Vec<&str>>> = vec![
        (
            "one row names two existing parties",
            vec![row(5, "北京市税务局", Unit, &["天津"])],
            vec![],
            vec!["第 5 行", "“北京市税务局”", "“天津市税务局”", "“天津”"],
        ),
        (
            "two rows claim the same existing party",
            vec![
                row(2, "国家税务总局北京市税务局", Unit, &[]),
                row(7, "北京", Unit, &["京局"]),
            ],
            vec![],
            vec!["第 2 行", "第 7 行", "同一个已有机构“北京市税务局”"],
        ),
        (
            "two new rows share an alias",
            vec![
                row(3, "宁波市税务局", Unit, &["甬"]),
                row(4, "舟山市税务局", Unit, &["甬"]),
            ],
            vec![],
            vec!["第 3 行", "第 4 行", "“甬”"],
        ),
        (
            "a leader twice",
            vec![],
            vec![leader(2, "李明华", "副局长"), leader(6, "李明华", "局长")],
            vec!["工作表“局领导”第 2 行", "第 6 行", "“李明华”"],
        ),
    ];
    for (what, rows, ls, fragments) in cases {
        match plan(&existing(), &leaders(), &rows, &ls) {
            Err(Error::Conflict(msg)) => {
                for f in fragments {
                    assert!(msg.contains(f), "{what}: “{msg}” should name {f}");
                }
            }
            other => panic!("{what}: should be a conflict, got {other:?}"),
        }
    }
}

/// A bulk load writes with SQLite's foreign keys off and first asks whether
/// every party of the index it resolves names with is still stored.
#[test]
fn an_index_knows_when_one_of_its_parties_was_deleted_since_it_was_loaded() {
    let mut store = duban::store::Store::open_in_memory().unwrap();
    duban::org::seed_default(&mut store, &crate::support::actor("2026-01-05 09:00")).unwrap();
    let index = duban::org::PartyIndex::load(store.conn()).unwrap();
    assert!(index.parties().len() > 10);
    assert!(index.all_stored(store.conn()).unwrap());
    let last = index.parties().last().unwrap().id;
    store
        .conn()
        .execute("DELETE FROM parties WHERE id = ?1", [last])
        .unwrap();
    assert!(!index.all_stored(store.conn()).unwrap());
    // Loaded again, it holds only what is stored.
    let again = duban::org::PartyIndex::load(store.conn()).unwrap();
    assert!(again.all_stored(store.conn()).unwrap());
}
