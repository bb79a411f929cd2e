//! 工作台: counts by light and status, overdue by department, documents
//! awaiting split, extensions awaiting decision.

use duban::calendar::Calendar;
use duban::dashboard;
use duban::documents::Urgency;
use duban::extensions::{self, NewExtension};
use duban::items::{self, Status};
use duban::reminders::ReminderKind;

use crate::support::{actor, at, d, document, item, store};

#[test]
fn the_dashboard_counts_what_the_rules_say() {
    let cal = Calendar::official();
    let mut s = store();
    // Today 2026-11-26 (Thu), N = 3: yellow up to 12-01.
    for (name, lead, due) in [
        ("红1", "办公厅", "2026-11-20"),
        ("红2", "办公厅", "2026-11-25"),
        ("红3", "稽查局", "2026-10-01"),
        ("黄1", "稽查局", "2026-11-26"),
        ("黄2", "人事司", "2026-12-01"),
        ("绿1", "人事司", "2026-12-02"),
    ] {
        item(&mut s, name, lead, due);
    }
    let a = actor("2026-11-20 09:00");
    items::create_item(&mut s, &a, &items::NewItem::new("长期", "人事司", None)).unwrap();
    let w = item(&mut s, "撤销", "办公厅", "2026-11-01");
    items::withdraw(&mut s, &a, &w, "撤销").unwrap();
    let ext_item = item(&mut s, "申请延期", "政策法规司", "2026-12-10");
    extensions::request(
        &mut s,
        &a,
        &NewExtension {
            item_no: ext_item,
            requested_on: d("2026-11-20"),
            new_deadline: d("2026-12-31"),
            reason: "理由".into(),
            progress_so_far: "进展".into(),
        },
    )
    .unwrap();
    document(&mut s, "平件未分解", "2026-11-10", Urgency::PingJian, None);
    let urgent = document(&mut s, "特急未分解", "2026-11-05", Urgency::TeJi, None);

    let dash = dashboard::load(s.conn(), &cal, at("2026-11-26 09:00")).unwrap();
    assert_eq!(dash.today, d("2026-11-26"));
    assert_eq!(
        (
            dash.lights.red,
            dash.lights.yellow,
            dash.lights.green,
            dash.lights.standing
        ),
        (3, 2, 2, 1)
    );
    let status = |st: Status| dash.statuses.iter().find(|c| c.status == st).unwrap().count;
    assert_eq!(status(Status::NotStarted), 8);
    assert_eq!(status(Status::Withdrawn), 1);
    assert_eq!(status(Status::Done), 0);
    let overdue: Vec<(&str, i64)> = dash
        .overdue_by_party
        .iter()
        .map(|p| (p.party.as_str(), p.count))
        .collect();
    assert_eq!(overdue, vec![("办公厅", 2), ("稽查局", 1)]);
    assert_eq!(dash.unsplit_total, 2);
    assert_eq!(dash.unsplit_documents[0].doc_no, urgent, "特急 first");
    assert_eq!(dash.pending_extensions.len(), 1);
    let count_of = |k: ReminderKind| {
        dash.reminder_counts
            .iter()
            .find(|c| c.kind == k)
            .map_or(0, |c| c.count)
    };
    assert_eq!(count_of(ReminderKind::ItemRed), 3);
    assert_eq!(count_of(ReminderKind::ItemYellow), 2);
    assert_eq!(count_of(ReminderKind::ExtensionPending), 1);
    assert_eq!(count_of(ReminderKind::UrgentUnsplit), 1);
    assert_eq!(dash.reminders.len(), 7);
    assert!(dash.last_check.is_none());
}

#[test]
fn the_dashboard_shows_this_months_flagged_units_and_the_published_assessments_ends() {
    use duban::opinion::{self, Handling, Level, NewIncident};
    let mut s = store();
    let cal = Calendar::load(s.conn()).unwrap();
    let now = at("2026-12-10 09:00");
    let before = dashboard::load(s.conn(), &cal, now).unwrap();
    assert!(before.opinion_flagged.is_empty() && before.assessment.is_none());

    // A negative incident reported late: its unit is last, and flagged.
    let late = NewIncident {
        party: "北京市税务局".into(),
        title: "网传办税排长队".into(),
        occurred_at: at("2026-12-02 10:00"),
        discovered_at: Some(at("2026-12-02 10:30")),
        reported_at: Some(at("2026-12-03 10:00")),
        channel: "网络媒体".into(),
        level: Level::Major,
        negative: true,
        handling: String::new(),
        status: Handling::Handled,
        note: String::new(),
    };
    opinion::create(&mut s, &actor("2026-12-03 10:00"), &late, false).unwrap();
    // November: 办公厅 late on one item, 政策法规司 on time; published.
    item(&mut s, "逾期事项", "办公厅", "2026-11-10");
    duban::assessment::publish_assessment(
        &mut s,
        &actor("2026-12-05 09:00"),
        &"2026-11".parse().unwrap(),
        None,
        None,
    )
    .unwrap();

    let after = dashboard::load(s.conn(), &cal, now).unwrap();
    let flagged: Vec<&str> = after
        .opinion_flagged
        .iter()
        .map(|u| u.party.as_str())
        .collect();
    assert_eq!(flagged, ["北京市税务局"]);
    let flags = serde_json::to_string(&after.opinion_flagged[0].flags).unwrap();
    assert!(flags.contains("排名靠后"), "{flags}");
    let ends = after.assessment.expect("the published November");
    assert_eq!((ends.period.as_str(), ends.version), ("2026-11", 1));
    assert_eq!(ends.departments_bottom[0].party, "办公厅", "last first");
    assert!(ends.departments_top.len() <= 3 && ends.units_bottom.len() <= 3);
}

#[test]
fn the_dashboard_lists_at_most_a_hundred_reminders_of_a_kind_and_counts_them_all() {
    let mut s = store();
    for i in 0..(dashboard::REMINDERS_PER_KIND + 30) {
        item(&mut s, &format!("逾期事项{i}"), "办公厅", "2026-11-02");
    }
    item(&mut s, "将到期事项", "办公厅", "2026-11-27");
    let cal = Calendar::load(s.conn()).unwrap();
    let dash = dashboard::load(s.conn(), &cal, at("2026-11-26 09:00")).unwrap();
    let red = dash
        .reminders
        .iter()
        .filter(|r| r.kind == ReminderKind::ItemRed)
        .count();
    assert_eq!(
        red,
        dashboard::REMINDERS_PER_KIND,
        "the list is capped per kind"
    );
    let counted = |k: ReminderKind| {
        dash.reminder_counts
            .iter()
            .find(|c| c.kind == k)
            .map_or(0, |c| c.count)
    };
    assert_eq!(
        counted(ReminderKind::ItemRed),
        dashboard::REMINDERS_PER_KIND + 30
    );
    assert_eq!(
        counted(ReminderKind::ItemYellow),
        1,
        "other kinds keep theirs"
    );
    assert!(dash
        .reminders
        .iter()
        .any(|r| r.kind == ReminderKind::ItemYellow));
    assert_eq!(dash.reminders_total, dashboard::REMINDERS_PER_KIND + 31);
    assert_eq!(dash.lights.red as usize, dashboard::REMINDERS_PER_KIND + 30);
}

#[test]
fn the_bell_gets_the_count_and_the_first_few_reminders() {
    let mut s = store();
    for i in 0..12 {
        item(&mut s, &format!("逾期事项{i}"), "办公厅", "2026-11-02");
    }
    let cal = Calendar::load(s.conn()).unwrap();
    let now = at("2026-11-26 09:00");
    let all = duban::rhythm::scan(s.conn(), &cal, now).unwrap();
    let head = duban::rhythm::head(s.conn(), &cal, now, 8).unwrap();
    assert_eq!(head.total, all.len());
    assert!(head.total >= 12);
    assert_eq!(head.first, all[..8].to_vec(), "the first of the same order");
}
