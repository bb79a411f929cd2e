//! 约谈 / 问责 records: written with their items, on each item's timeline,
//! listed per party and period, counted for the assessment, exported.

use duban::accountability::{self, AccountabilityFilter, AccountabilityKind, NewAccountability};
use duban::Error;

use crate::support::{actor, count, d, item, store};

fn new(party: &str, on: &str, kind: AccountabilityKind, items: &[&str]) -> NewAccountability {
    NewAccountability {
        party: party.to_string(),
        decided_on: d(on),
        kind,
        reason: "逾期未办结".to_string(),
        items: items.iter().map(|s| s.to_string()).collect(),
        decided_by: "张局长".to_string(),
    }
}

#[test]
fn a_record_shows_on_the_timeline_of_each_item_it_concerns() {
    let mut s = store();
    let a = item(&mut s, "事项甲", "办公厅", "2026-10-31");
    let b = item(&mut s, "事项乙", "办公厅", "2026-10-31");
    let r = accountability::record(
        &mut s,
        &actor("2026-11-10 10:00"),
        &new(
            "办公厅",
            "2026-11-10",
            AccountabilityKind::Interview,
            &[&a, &b, &a],
        ),
    )
    .unwrap();
    assert_eq!(r.items, vec![a.clone(), b.clone()], "each item once");
    assert_eq!((r.party.as_str(), r.kind.label()), ("办公厅", "约谈"));
    let cal = duban::calendar::Calendar::official();
    for no in [&a, &b] {
        let detail = duban::items::get_item(s.conn(), &cal, d("2026-11-10"), no).unwrap();
        assert!(
            detail.timeline.iter().any(|e| e.action == "记录约谈"),
            "{no}: {:?}",
            detail.timeline
        );
    }
}

#[test]
fn records_are_listed_per_party_and_period_and_counted() {
    let mut s = store();
    let at = actor("2026-12-01 10:00");
    for (party, on, kind) in [
        ("办公厅", "2026-10-31", AccountabilityKind::ReminderTalk),
        ("办公厅", "2026-11-01", AccountabilityKind::Interview),
        ("办公厅", "2026-11-30", AccountabilityKind::Accountability),
        ("北京市税务局", "2026-11-15", AccountabilityKind::Criticism),
    ] {
        accountability::record(&mut s, &at, &new(party, on, kind, &[])).unwrap();
    }
    let office = duban::org::party_id(s.conn(), "办公厅").unwrap().unwrap();
    let n = accountability::count_for_party(s.conn(), office, d("2026-11-01"), d("2026-11-30"))
        .unwrap();
    assert_eq!(n, 2, "dated in [F, A], both ends included");
    let all = accountability::counts_by_party(s.conn(), d("2026-11-01"), d("2026-11-30")).unwrap();
    assert_eq!(all.get(&office), Some(&2));
    assert_eq!(all.len(), 2);
    let filter = AccountabilityFilter {
        party: Some("办公厅".into()),
        from: Some(d("2026-11-01")),
        to: None,
    };
    let list = accountability::list(s.conn(), &filter).unwrap();
    let dates: Vec<String> = list.iter().map(|r| r.decided_on.to_string()).collect();
    assert_eq!(dates, vec!["2026-11-30", "2026-11-01"], "newest first");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("问责.xlsx");
    let n = accountability::export(
        s.conn(),
        &AccountabilityFilter::default(),
        d("2026-12-01"),
        &path,
    )
    .unwrap();
    assert_eq!(n, 4);
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(&path).unwrap();
    let range = wb.worksheet_range("约谈问责记录").unwrap();
    let cell = |r, c| {
        range
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        cell(0, 0),
        "督查督办室约谈问责记录",
        "the office's name heads it"
    );
    assert!(
        cell(1, 0).starts_with("统计日期：2026-12-01"),
        "{}",
        cell(1, 0)
    );
    assert!(
        matches!(range.get_value((3, 1)), Some(Data::DateTime(_))),
        "dates are date cells"
    );
}

#[test]
fn refusals_write_nothing() {
    let mut s = store();
    let at = actor("2026-11-10 10:00");
    let mut blank = new("办公厅", "2026-11-10", AccountabilityKind::Interview, &[]);
    blank.reason = " ".into();
    let cases: [(NewAccountability, &str); 4] = [
        (blank, "请填写事由"),
        (
            new("办公厅", "2026-11-11", AccountabilityKind::Interview, &[]),
            "日期 2026-11-11 晚于今天（2026-11-10）",
        ),
        (
            new("火星局", "2026-11-10", AccountabilityKind::Interview, &[]),
            "“火星局”不在组织机构中",
        ),
        (
            new(
                "办公厅",
                "2026-11-10",
                AccountabilityKind::Interview,
                &["DB2099-0001"],
            ),
            "DB2099-0001",
        ),
    ];
    for (n, frag) in cases {
        let e = accountability::record(&mut s, &at, &n).unwrap_err();
        assert!(e.to_string().contains(frag), "{e}");
    }
    assert_eq!(count(&s, "accountability_records"), 0);
    let e = "批评".parse::<AccountabilityKind>().unwrap_err();
    assert!(
        matches!(e, Error::Invalid(_)) && e.to_string().contains("通报批评"),
        "{e}"
    );
}
