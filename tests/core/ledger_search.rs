//! Integration tests: the ledger's filters, counts and pages, and its search
//! index (filled on a connection of its own, scanned while another writes).

use chrono::NaiveDate;
use duban::calendar::Calendar;
use duban::items::{self, LedgerFilter, LedgerSort, Light, NewItem};

use crate::support::{actor, d, store};

fn item(name: &str, lead: &str, due: &str) -> NewItem {
    NewItem::new(name, lead, Some(d(due)))
}

#[test]
fn ledger_filters_count_and_page() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let cal = Calendar::official();
    let today = a.today();
    let mut coop = item("联合推进发票改革", "货物和劳务税司", "2026-11-20");
    coop.cooperators = vec!["征管和科技发展司".into()];
    coop.coordinator_leader = "赵振宇".into();
    coop.requirement = "扩大电子发票试点范围".into();
    items::create_item(&mut s, &a, &coop).unwrap(); // red
    items::create_item(&mut s, &a, &item("培训", "人事司", "2026-11-30")).unwrap(); // yellow
    items::create_item(&mut s, &a, &item("审计整改", "督察内审司", "2027-01-31")).unwrap(); // green
    let mut standing = NewItem::new("长期工作", "办公厅", None);
    standing.standing = true;
    items::create_item(&mut s, &a, &standing).unwrap();
    let q = |s: &duban::store::Store, f: LedgerFilter| {
        items::query_ledger(s.conn(), &cal, today, &f).unwrap()
    };
    let names = |s: &duban::store::Store, f: LedgerFilter| -> Vec<String> {
        q(s, f).rows.into_iter().map(|r| r.name).collect()
    };
    assert_eq!(q(&s, LedgerFilter::default()).total, 4);
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                light: vec![Light::Red],
                ..Default::default()
            }
        ),
        ["联合推进发票改革"]
    );
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                light: vec![Light::Yellow],
                ..Default::default()
            }
        ),
        ["培训"]
    );
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                light: vec![Light::Green],
                ..Default::default()
            }
        ),
        ["审计整改"]
    );
    let repeated = LedgerFilter {
        light: vec![Light::Red, Light::Red, Light::Yellow],
        ..Default::default()
    };
    let mut got = names(&s, repeated);
    got.sort();
    assert_eq!(
        got,
        ["培训", "联合推进发票改革"],
        "a light named twice is one light"
    );
    // Chinese substring search: (query, the items found, what the case protects).
    let searches: [(&str, &[&str], &str); 10] = [
        ("发票", &["联合推进发票改革"], "a word of the name"),
        (
            "试点",
            &["联合推进发票改革"],
            "requirement text is searched",
        ),
        ("DB2026-0003", &["审计整改"], "item numbers are searched"),
        ("发票改", &["联合推进发票改革"], "three characters"),
        ("训", &["培训"], "one character is searched too"),
        ("改发票", &[], "characters must be adjacent and in order"),
        (
            "发票 改革",
            &["联合推进发票改革"],
            "spaces in the query are ignored",
        ),
        ("db2026-0003", &["审计整改"], "letter case is ignored"),
        (
            "改革扩大",
            &[],
            "a match cannot run from the name into the requirement",
        ),
        ("，", &[], "punctuation-only search falls back to a scan"),
    ];
    let unknown = LedgerFilter {
        party: Some("不存在的司".into()),
        ..Default::default()
    };
    assert!(
        names(&s, unknown).is_empty(),
        "an unknown department matches nothing, it is not ignored"
    );
    for (text, want, why) in searches {
        let f = LedgerFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        assert_eq!(names(&s, f), want, "searching {text:?}: {why}");
    }
    items::create_item(&mut s, &a, &item("新增的发票事项", "人事司", "2027-03-01")).unwrap();
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                text: Some("发票".into()),
                ..Default::default()
            }
        )
        .len(),
        2,
        "items added after a search are found"
    );
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                party: Some("征科司".into()),
                ..Default::default()
            }
        )
        .len(),
        0,
        "lead only by default"
    );
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                party: Some("征科司".into()),
                include_cooperating: true,
                ..Default::default()
            }
        ),
        ["联合推进发票改革"]
    );
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                leader: Some("赵振宇".into()),
                ..Default::default()
            }
        ),
        ["联合推进发票改革"]
    );
    assert_eq!(
        names(
            &s,
            LedgerFilter {
                deadline_from: Some(d("2026-11-25")),
                deadline_to: Some(d("2026-12-31")),
                ..Default::default()
            }
        ),
        ["培训"]
    );
    let page = q(
        &s,
        LedgerFilter {
            page: 2,
            page_size: 4,
            sort: LedgerSort::Deadline,
            ..Default::default()
        },
    );
    assert_eq!(
        (page.total, page.rows.len()),
        (5, 1),
        "page 2 of 4-row pages holds the last row"
    );
    assert_eq!(
        page.rows[0].name, "长期工作",
        "standing items sort last by deadline"
    );
    let rows = q(&s, LedgerFilter::default()).rows;
    let lights: Vec<Option<Light>> = rows.iter().map(|r| r.light).collect();
    assert_eq!(
        lights,
        [
            Some(Light::Red),
            Some(Light::Yellow),
            Some(Light::Green),
            None,
            Some(Light::Green)
        ]
    );
    assert_eq!(rows[0].cooperators, ["征管和科技发展司"]);
    let _: Option<NaiveDate> = rows[0].deadline;
}

#[test]
fn splitting_creates_all_items_or_none_and_names_the_refused_one() {
    let mut s = store();
    let a = actor("2026-11-26 10:00");
    let good = item("第一项", "办公厅", "2026-12-31");
    let mut bad = item("第二项", "人事司", "2026-12-31");
    bad.cooperators = vec!["稽查局".into()];
    let err = items::create_items(&mut s, &a, &[good.clone(), bad.clone()]).unwrap_err();
    assert!(err.to_string().starts_with("第2项："), "{err}");
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "a refused split creates nothing");
    bad.coordinator_leader = "李明华".into();
    let made = items::create_items(&mut s, &a, &[good, bad]).unwrap();
    assert_eq!(
        made.iter().map(|r| r.item_no.as_str()).collect::<Vec<_>>(),
        ["DB2026-0001", "DB2026-0002"]
    );
}

#[test]
fn the_search_index_is_filled_from_a_connection_of_its_own() {
    use duban::imports::{import_file, ImportOptions, LedgerImporter};
    use duban::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("duban.sqlite3");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-01-05 09:00")).unwrap();
    let fixture = crate::support::repo_dir().join("tests/fixtures/ledger_tolerant_openpyxl.xlsx");
    let rep = import_file(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        &fixture,
        &ImportOptions::default(),
    );
    assert_eq!(rep.rows_applied, 13, "{}", rep.message());
    let indexed = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT indexed FROM item_search_state", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(indexed(&s), 0, "imports leave the index to later");
    // While this connection stays open (as the app's does).
    assert_eq!(items::sync_search_index_in_file(&path).unwrap(), 13);
    let max: i64 = s
        .conn()
        .query_row("SELECT max(id) FROM items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed(&s), max);
    assert_eq!(items::sync_search_index_in_file(&path).unwrap(), 0);
    assert_eq!(
        items::sync_search_index_in_file(std::path::Path::new("")).unwrap(),
        0,
        "an in-memory store has no file"
    );
}

#[test]
fn a_search_while_another_connection_writes_scans_instead_of_failing() {
    use duban::imports::{import_file, ImportOptions, LedgerImporter};
    use duban::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("duban.sqlite3");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-01-05 09:00")).unwrap();
    let fixture = crate::support::repo_dir().join("tests/fixtures/ledger_tolerant_openpyxl.xlsx");
    let rep = import_file(
        &mut s,
        &actor("2026-11-26 10:00"),
        &LedgerImporter,
        &fixture,
        &ImportOptions::default(),
    );
    assert_eq!(rep.rows_applied, 13, "{}", rep.message());
    let cal = Calendar::load(s.conn()).unwrap();
    let name: String = s
        .conn()
        .query_row("SELECT name FROM items ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let filter = LedgerFilter {
        text: Some(name.chars().take(4).collect()),
        ..LedgerFilter::default()
    };
    // Another connection holds the write (as the background indexing does).
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let scanned = items::query_ledger(s.conn(), &cal, d("2026-11-26"), &filter).unwrap();
    assert!(scanned.total >= 1, "found by the scan");
    writer.execute_batch("COMMIT").unwrap();
    let indexed = items::query_ledger(s.conn(), &cal, d("2026-11-26"), &filter).unwrap();
    assert_eq!(indexed.total, scanned.total, "the index finds the same");
    let state: i64 = s
        .conn()
        .query_row("SELECT indexed FROM item_search_state", [], |r| r.get(0))
        .unwrap();
    assert!(state > 0, "the index was filled once the write was free");
}
