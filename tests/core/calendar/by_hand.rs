//! A year typed in by hand, day by day (issue 13): each change is stored as
//! the office's schedule, audited, and moves the deadlines counted over it.

use duban::calendar::{Calendar, YearDayKind};
use duban::calendar_change::set_day;
use duban::Error;

use crate::support::{actor, d, store};

fn audit_actions(s: &duban::store::Store) -> Vec<String> {
    let mut st = s
        .conn()
        .prepare("SELECT action FROM audit_log ORDER BY id")
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn days_set_by_hand_move_the_deadlines_counted_over_them() {
    let mut s = store();
    let a = actor("2026-12-02 09:00");
    let cal = |s: &duban::store::Store| Calendar::load(s.conn()).unwrap();
    assert!(!cal(&s).covers(2027), "2027 is not loaded yet");
    // One working day after Tuesday 2027-02-09 is Wednesday 2027-02-10.
    assert_eq!(cal(&s).add_workdays(d("2027-02-09"), 1), d("2027-02-10"));

    // (day, kind, note, one working day after 2027-02-09, the view's kind and name)
    let steps: Vec<(&str, YearDayKind, &str, &str, YearDayKind, &str)> = vec![
        (
            "2027-02-10",
            YearDayKind::Holiday,
            "春节",
            "2027-02-11",
            YearDayKind::Holiday,
            "春节",
        ),
        (
            "2027-02-11",
            YearDayKind::Weekend,
            "",
            "2027-02-12",
            YearDayKind::Holiday,
            "调休",
        ),
        (
            "2027-02-12",
            YearDayKind::Holiday,
            "",
            "2027-02-15",
            YearDayKind::Holiday,
            "放假",
        ),
        (
            "2027-02-13",
            YearDayKind::MakeUp,
            "春节调休上班",
            "2027-02-13",
            YearDayKind::MakeUp,
            "春节调休上班",
        ),
        (
            "2027-02-10",
            YearDayKind::Workday,
            "",
            "2027-02-10",
            YearDayKind::Workday,
            "",
        ),
    ];
    for (day, kind, note, after, shown, name) in steps {
        let before = audit_actions(&s).len();
        set_day(&mut s, &a, d(day), kind, note).unwrap();
        let c = cal(&s);
        assert!(c.covers(2027));
        assert_eq!(
            c.add_workdays(d("2027-02-09"), 1),
            d(after),
            "after {day} {kind:?}"
        );
        let view = c.year_view(2027);
        assert!(view.office_added);
        let v = view.days.iter().find(|x| x.date == d(day)).unwrap();
        assert_eq!((v.kind, v.name.as_str()), (shown, name), "{day}");
        let actions = audit_actions(&s);
        assert_eq!(actions.len(), before + 1, "one audit entry per change");
        assert!(
            actions
                .last()
                .unwrap()
                .starts_with(&format!("逐日设置日历：{day}")),
            "{actions:?}"
        );
    }

    // 调休上班 on a weekday: refused, nothing written.
    let before = audit_actions(&s).len();
    let e = set_day(&mut s, &a, d("2027-02-15"), YearDayKind::MakeUp, "").unwrap_err();
    assert!(matches!(e, Error::Invalid(_)), "{e:?}");
    assert!(e.to_string().contains("不能设为“调休上班”"), "{e}");
    assert_eq!(audit_actions(&s).len(), before);

    // A shipped year changed by hand keeps the notice's other days.
    assert!(
        !cal(&s).is_workday(d("2026-10-01")),
        "国庆 in the shipped 2026"
    );
    assert!(cal(&s).is_workday(d("2026-12-24")));
    set_day(
        &mut s,
        &a,
        d("2026-12-24"),
        YearDayKind::Holiday,
        "临时放假",
    )
    .unwrap();
    let c = cal(&s);
    assert!(!c.is_workday(d("2026-12-24")));
    assert!(!c.is_workday(d("2026-10-01")), "the notice's days stay");
    assert!(c.is_workday(d("2026-10-10")), "and its make-up days");
    assert!(c.year_view(2026).office_added);
}

#[test]
fn a_year_typed_in_without_a_holiday_yet_is_not_a_schedule() {
    let mut s = store();
    let a = actor("2026-12-02 09:00");
    let cal = |s: &duban::store::Store| Calendar::load(s.conn()).unwrap();
    // An ordinary Wednesday set to 工作日, and a weekend made a working day:
    // stored, but no holiday yet, so 2027's answers stay 暂定.
    set_day(&mut s, &a, d("2027-03-03"), YearDayKind::Workday, "").unwrap();
    set_day(&mut s, &a, d("2027-02-20"), YearDayKind::MakeUp, "春节").unwrap();
    let c = cal(&s);
    assert!(!c.covers(2027));
    assert!(c.is_provisional(d("2027-09-30")));
    assert!(!c.year_view(2027).covered);
    assert_eq!(
        c.missing_schedule_year(d("2026-12-02")),
        Some(2027),
        "the reminder stays"
    );
    assert!(c.is_workday(d("2027-02-20")), "the day set still counts");
    // The first holiday makes it a schedule.
    set_day(&mut s, &a, d("2027-01-01"), YearDayKind::Holiday, "元旦").unwrap();
    let c = cal(&s);
    assert!(c.covers(2027));
    assert_eq!(c.missing_schedule_year(d("2026-12-02")), None);
}
