//! Entering, changing and marking incidents; the month's figures from the
//! database; the reporting limits; the reminder of a major negative incident
//! left 处置中.

use duban::calendar::Calendar;
use duban::dates::Month;
use duban::opinion::{self, Discipline, Flag, Handling, IncidentFilter, Level, NewIncident};
use duban::reminders::ReminderKind;
use duban::store::Store;
use duban::Error;

use crate::support::{actor, at, count, of_kind, store};

pub fn incident(
    party: &str,
    title: &str,
    occurred: &str,
    level: Level,
    negative: bool,
) -> NewIncident {
    NewIncident {
        party: party.to_string(),
        title: title.to_string(),
        occurred_at: at(occurred),
        discovered_at: Some(at(occurred)),
        reported_at: Some(at(occurred)),
        channel: "微博".to_string(),
        level,
        negative,
        handling: String::new(),
        status: Handling::Handled,
        note: String::new(),
    }
}

fn add(s: &mut Store, new: &NewIncident) -> i64 {
    opinion::create(s, &actor("2026-11-20 09:00"), new, false)
        .unwrap()
        .id
}

#[test]
fn an_entered_incident_is_stored_audited_and_the_same_key_updates_it() {
    let mut s = store();
    let mut new = incident(
        "北京市税务局",
        "某纳税人投诉办税慢",
        "2026-11-03 14:20",
        Level::Larger,
        true,
    );
    let id = add(&mut s, &new);
    let got = opinion::get(s.conn(), id).unwrap();
    assert_eq!(
        (got.party.as_str(), got.level, got.discipline),
        ("北京市税务局", Level::Larger, Some(Discipline::OnTime))
    );
    new.handling = "已回应".into();
    let again = add(&mut s, &new);
    assert_eq!(
        again, id,
        "same unit, title and 发生时间: the same incident"
    );
    assert_eq!(count(&s, "opinion_incidents"), 1);
    assert_eq!(opinion::get(s.conn(), id).unwrap().handling, "已回应");
    let entries = duban::store::audit::entries_for(s.conn(), "opinion", &id.to_string()).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["登记舆情", "修改舆情"]);
    // The update's entry says what it replaced.
    let update = &entries[1];
    assert_eq!(update.before.as_ref().unwrap()["handling"], "");
    assert_eq!(update.after.as_ref().unwrap()["handling"], "已回应");
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let mut s = store();
    let mut early = incident(
        "北京市税务局",
        "报告早于发现",
        "2026-11-03 14:20",
        Level::General,
        true,
    );
    early.reported_at = Some(at("2026-11-03 14:00"));
    let mut found_early = incident(
        "北京市税务局",
        "发现早于发生",
        "2026-11-03 14:20",
        Level::General,
        true,
    );
    found_early.discovered_at = Some(at("2026-11-03 10:00"));
    found_early.reported_at = None;
    let department = incident("办公厅", "部门", "2026-11-03 14:20", Level::General, true);
    let unknown = incident(
        "火星税务局",
        "未知单位",
        "2026-11-03 14:20",
        Level::General,
        true,
    );
    let blank = incident(
        "北京市税务局",
        "  ",
        "2026-11-03 14:20",
        Level::General,
        true,
    );
    let to_come = incident(
        "北京市税务局",
        "将来",
        "2026-11-21 08:00",
        Level::General,
        true,
    );
    let mut reported_to_come = incident(
        "北京市税务局",
        "报告在将来",
        "2026-11-03 14:20",
        Level::General,
        true,
    );
    reported_to_come.reported_at = Some(at("2026-11-22 09:00"));
    // Later the same day than the moment of entry (09:00): not yet happened.
    let mut later_today = incident(
        "北京市税务局",
        "今晚",
        "2026-11-20 23:30",
        Level::General,
        true,
    );
    later_today.discovered_at = None;
    later_today.reported_at = None;
    let cases: [(&NewIncident, &str); 8] = [
        (&to_come, "发生时间 2026-11-21 08:00 晚于今天（2026-11-20）"),
        (
            &later_today,
            "发生时间 2026-11-20 23:30 晚于现在（2026-11-20 09:00）",
        ),
        (&reported_to_come, "报告时间 2026-11-22 09:00 晚于今天"),
        (
            &early,
            "报告时间 2026-11-03 14:00 早于发现时间 2026-11-03 14:20",
        ),
        (
            &found_early,
            "发现时间 2026-11-03 10:00 早于发生时间 2026-11-03 14:20",
        ),
        (&department, "“办公厅”是内设机构"),
        (&unknown, "“火星税务局”不在组织机构中"),
        (&blank, "舆情标题为空"),
    ];
    for (new, frag) in cases {
        let e = opinion::create(&mut s, &actor("2026-11-20 09:00"), new, false).unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{e:?}");
        assert!(e.to_string().contains(frag), "“{e}” should say “{frag}”");
    }
    assert_eq!(count(&s, "opinion_incidents"), 0);
    let e = "严重".parse::<Level>().unwrap_err().to_string();
    assert!(
        e.contains("等级“严重”无法识别") && e.contains("特别重大"),
        "{e}"
    );
}

#[test]
fn marking_concealed_needs_a_reason_and_counts_once() {
    let mut s = store();
    let mut new = incident(
        "天津市税务局",
        "未报告的负面舆情",
        "2026-11-05 08:00",
        Level::Major,
        true,
    );
    new.reported_at = None;
    let id = opinion::create(&mut s, &actor("2026-11-20 09:00"), &new, true)
        .unwrap()
        .id;
    let got = opinion::get(s.conn(), id).unwrap();
    assert!(got.by_office);
    assert_eq!(
        got.discipline,
        Some(Discipline::Missing),
        "recorded by the office, never reported: 漏报"
    );
    // "The unit did not report it" with a 报告时间 beside it: refused (it was
    // counted 按时 by that time), nothing written.
    let mut with_report = new.clone();
    with_report.title = "又一条".into();
    with_report.reported_at = Some(at("2026-11-05 09:00"));
    let before = count(&s, "opinion_incidents");
    let e = opinion::create(&mut s, &actor("2026-11-20 09:00"), &with_report, true).unwrap_err();
    assert!(e.to_string().contains("不能同时填写报告时间"), "{e}");
    assert_eq!(count(&s, "opinion_incidents"), before);
    let e = opinion::mark_concealed(&mut s, &actor("2026-11-21 09:00"), id, true, " ").unwrap_err();
    assert!(e.to_string().contains("理由"), "{e}");
    let got = opinion::mark_concealed(
        &mut s,
        &actor("2026-11-21 09:00"),
        id,
        true,
        "经核查，单位知情未报",
    )
    .unwrap();
    assert_eq!(got.discipline, Some(Discipline::Concealed));
    let e = opinion::mark_concealed(&mut s, &actor("2026-11-21 09:00"), id, true, "再认定")
        .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    let m: Month = "2026-11".parse().unwrap();
    let rows = opinion::stats(s.conn(), m).unwrap();
    let tj = rows.iter().find(|r| r.party == "天津市税务局").unwrap();
    assert_eq!(
        (tj.missing, tj.concealed, tj.negative),
        (0, 1, 1),
        "瞒报, not also 漏报"
    );
    assert_eq!(tj.flags, vec![Flag::LowRank, Flag::Concealed]);
}

#[test]
fn stats_from_the_database_list_every_unit_of_the_organisation() {
    let mut s = store();
    add(
        &mut s,
        &incident(
            "北京市税务局",
            "一",
            "2026-11-03 10:00",
            Level::General,
            true,
        ),
    );
    add(
        &mut s,
        &incident(
            "北京市税务局",
            "二",
            "2026-10-03 10:00",
            Level::General,
            true,
        ),
    );
    let rows = opinion::stats(s.conn(), "2026-11".parse().unwrap()).unwrap();
    assert_eq!(rows.len(), 36, "every unit of the default organisation");
    assert_eq!(rows.last().unwrap().party, "北京市税务局");
    assert_eq!(rows.last().unwrap().rank, 36);
    let filter = IncidentFilter {
        month: Some("2026-11".parse().unwrap()),
        ..IncidentFilter::default()
    };
    assert_eq!(opinion::list(s.conn(), &filter).unwrap().len(), 1);
}

#[test]
fn the_limits_are_a_setting_with_the_defaults_of_section_7() {
    let mut s = store();
    let l = opinion::limits(s.conn()).unwrap();
    assert_eq!(
        (l.critical, l.major, l.larger, l.general),
        (60, 120, 720, 1440)
    );
    let mut late = incident(
        "北京市税务局",
        "三小时后报告",
        "2026-11-03 10:00",
        Level::Major,
        true,
    );
    late.reported_at = Some(at("2026-11-03 13:00"));
    let id = add(&mut s, &late);
    assert_eq!(
        opinion::get(s.conn(), id).unwrap().discipline,
        Some(Discipline::Late)
    );
    opinion::set_limit(&mut s, &actor("2026-11-20 09:00"), Level::Major, 180).unwrap();
    assert_eq!(
        opinion::get(s.conn(), id).unwrap().discipline,
        Some(Discipline::OnTime)
    );
    let e = opinion::set_limit(&mut s, &actor("2026-11-20 09:00"), Level::Major, 0).unwrap_err();
    assert!(e.to_string().contains("报告时限"), "{e}");
}

#[test]
fn a_major_negative_incident_still_handling_after_one_working_day_is_reminded() {
    let mut s = store();
    let cal = Calendar::official();
    // Found on Friday 2026-11-06: one working day later is Monday 2026-11-09.
    let mut open = incident(
        "北京市税务局",
        "重大负面未处置",
        "2026-11-06 16:00",
        Level::Major,
        true,
    );
    open.status = Handling::Handling;
    let mut critical = incident(
        "天津市税务局",
        "特别重大负面",
        "2026-11-06 16:00",
        Level::Critical,
        true,
    );
    critical.status = Handling::Handling;
    let mut general = incident(
        "河北省税务局",
        "一般负面",
        "2026-11-06 16:00",
        Level::General,
        true,
    );
    general.status = Handling::Handling;
    let mut positive = incident(
        "山西省税务局",
        "重大非负面",
        "2026-11-06 16:00",
        Level::Major,
        false,
    );
    positive.status = Handling::Handling;
    let done = incident(
        "上海市税务局",
        "重大已处置",
        "2026-11-06 16:00",
        Level::Major,
        true,
    );
    for n in [&open, &critical, &general, &positive, &done] {
        add(&mut s, n);
    }
    let at_kind = |when: &str| {
        let list = duban::rhythm::scan(s.conn(), &cal, at(when)).unwrap();
        let mut got: Vec<String> = of_kind(&list, ReminderKind::OpinionUnhandled)
            .into_iter()
            .map(|(_, party)| party)
            .collect();
        got.sort();
        got
    };
    assert!(
        at_kind("2026-11-08 09:00").is_empty(),
        "the weekend is not a working day"
    );
    assert_eq!(
        at_kind("2026-11-09 09:00"),
        vec!["北京市税务局", "天津市税务局"]
    );
    assert_eq!(ReminderKind::OpinionUnhandled.code(), "opinion_unhandled");
}

#[test]
fn the_trend_counts_each_unit_month_by_month_across_a_year_end() {
    let mut s = store();
    add(
        &mut s,
        &incident(
            "北京市税务局",
            "一",
            "2025-12-03 10:00",
            Level::General,
            true,
        ),
    );
    add(
        &mut s,
        &incident(
            "北京市税务局",
            "二",
            "2026-01-03 10:00",
            Level::General,
            false,
        ),
    );
    add(
        &mut s,
        &incident(
            "北京市税务局",
            "三",
            "2026-01-04 10:00",
            Level::General,
            true,
        ),
    );
    add(
        &mut s,
        &incident(
            "北京市税务局",
            "四",
            "2025-10-31 10:00",
            Level::General,
            true,
        ),
    );
    let t = opinion::trend(s.conn(), "2026-01".parse().unwrap(), 3).unwrap();
    assert_eq!(t.len(), 36);
    let bj = t.iter().find(|u| u.party == "北京市税务局").unwrap();
    let got: Vec<(String, u32, u32)> = bj
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.total, m.negative))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2025-11".to_string(), 0, 0),
            ("2025-12".to_string(), 1, 1),
            ("2026-01".to_string(), 2, 1)
        ]
    );
}
