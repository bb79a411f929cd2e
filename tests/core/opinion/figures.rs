//! §5 on hand-made incidents: each level's limit (exactly at it, one minute
//! over), 漏报 vs 瞒报 counted once, ranking ties, each flag, every unit a row.

use chrono::Duration;
use duban::dates::Month;
use duban::opinion::figures::{compute, UnitRef};
use duban::opinion::{classify, Discipline, Flag, IncidentFact, Level, Limits, UnitCounts};

use crate::support::at;

fn fact(party: i64, occurred: &str, level: Level, negative: bool) -> IncidentFact {
    IncidentFact {
        party_id: party,
        occurred_at: at(occurred),
        discovered_at: Some(at(occurred)),
        reported_at: Some(at(occurred)),
        level,
        negative,
        concealed: false,
    }
}

fn reported_after(mut f: IncidentFact, minutes: i64) -> IncidentFact {
    f.reported_at = Some(f.discovered_at.unwrap() + Duration::minutes(minutes));
    f
}

#[test]
fn each_level_is_on_time_exactly_at_its_limit_and_late_one_minute_over() {
    let limits = Limits::default();
    for (level, minutes) in [
        (Level::Critical, 60),
        (Level::Major, 120),
        (Level::Larger, 12 * 60),
        (Level::General, 24 * 60),
    ] {
        assert_eq!(limits.of(level), minutes, "§5 default of {}", level.label());
        let f = fact(1, "2026-11-03 14:20", level, true);
        assert_eq!(
            classify(&reported_after(f, i64::from(minutes)), &limits),
            Some(Discipline::OnTime),
            "{} reported exactly at its limit is on time",
            level.label()
        );
        assert_eq!(
            classify(&reported_after(f, i64::from(minutes) + 1), &limits),
            Some(Discipline::Late),
            "{} reported one minute over its limit is late",
            level.label()
        );
    }
}

#[test]
fn the_limit_runs_from_discovery_and_follows_the_office_setting() {
    let mut f = fact(1, "2026-11-03 08:00", Level::Major, true);
    f.discovered_at = Some(at("2026-11-03 12:00"));
    f.reported_at = Some(at("2026-11-03 14:00"));
    assert_eq!(classify(&f, &Limits::default()), Some(Discipline::OnTime));
    // Without a 发现时间, 发生时间 counts: 6 hours after it.
    f.discovered_at = None;
    assert_eq!(classify(&f, &Limits::default()), Some(Discipline::Late));
    let strict = Limits {
        general: 30,
        ..Limits::default()
    };
    let g = fact(1, "2026-11-03 08:00", Level::General, true);
    assert_eq!(
        classify(&reported_after(g, 31), &strict),
        Some(Discipline::Late)
    );
    assert_eq!(
        classify(&reported_after(g, 30), &strict),
        Some(Discipline::OnTime)
    );
}

#[test]
fn date_only_times_mean_midnight_for_discovery_and_23_59_for_the_report() {
    use duban::opinion::{report_moment, start_moment};
    let day = crate::support::d("2026-11-03");
    let found = start_moment(day, None);
    assert_eq!(found, at("2026-11-03 00:00"));
    let reported = report_moment(day, None);
    assert_eq!(reported, at("2026-11-03 23:59"));
    // 一般 (24 h): a report dated the same day is on time, the next day late.
    let mut f = fact(1, "2026-11-03 00:00", Level::General, true);
    f.reported_at = Some(reported);
    assert_eq!(classify(&f, &Limits::default()), Some(Discipline::OnTime));
    f.reported_at = Some(report_moment(crate::support::d("2026-11-04"), None));
    assert_eq!(classify(&f, &Limits::default()), Some(Discipline::Late));
    // 特别重大 (1 h) found at 23:00, report dated that day: 59 minutes.
    let mut c = fact(1, "2026-11-03 23:00", Level::Critical, true);
    c.reported_at = Some(reported);
    assert_eq!(classify(&c, &Limits::default()), Some(Discipline::OnTime));
}

#[test]
fn concealed_counts_once_as_concealed_never_also_as_missing_or_late() {
    let limits = Limits::default();
    let base = fact(1, "2026-11-03 10:00", Level::Major, true);
    let missing = IncidentFact {
        reported_at: None,
        ..base
    };
    let concealed_missing = IncidentFact {
        concealed: true,
        ..missing
    };
    let concealed_late = IncidentFact {
        concealed: true,
        ..reported_after(base, 500)
    };
    let concealed_positive = IncidentFact {
        concealed: true,
        negative: false,
        ..base
    };
    let not_negative = IncidentFact {
        negative: false,
        reported_at: None,
        ..base
    };
    let cases: [(&IncidentFact, Option<Discipline>); 5] = [
        (&missing, Some(Discipline::Missing)),
        (&concealed_missing, Some(Discipline::Concealed)),
        (&concealed_late, Some(Discipline::Concealed)),
        (&concealed_positive, Some(Discipline::Concealed)),
        (&not_negative, None),
    ];
    for (f, want) in cases {
        assert_eq!(classify(f, &limits), want, "{f:?}");
    }
    let mut c = UnitCounts::default();
    for f in [missing, concealed_missing, concealed_late, not_negative] {
        c.add(&f, &limits);
    }
    assert_eq!(
        (
            c.total,
            c.negative,
            c.missing,
            c.concealed,
            c.late,
            c.on_time
        ),
        (4, 3, 1, 2, 0, 0),
        "each incident is counted once"
    );
    assert_eq!(c.discipline(), 3);
    assert_eq!(c.on_time_rate(), Some(0.0));
}

fn units(n: i64) -> Vec<UnitRef> {
    (1..=n)
        .map(|id| UnitRef {
            id,
            name: format!("单位{id}"),
        })
        .collect()
}

fn nov() -> Month {
    "2026-11".parse().unwrap()
}

/// `n` incidents of `party` in November: negative or not, of `level`, on time.
fn many(party: i64, n: usize, level: Level, negative: bool) -> Vec<IncidentFact> {
    (0..n)
        .map(|i| {
            fact(
                party,
                &format!("2026-11-{:02} 10:00", i + 1),
                level,
                negative,
            )
        })
        .collect()
}

#[test]
fn ranking_orders_by_negative_then_discipline_then_major_and_ties_share_a_rank() {
    let mut inc = Vec::new();
    // 单位1: nothing. 单位2 and 单位3: one negative 一般 on time each (tie).
    inc.extend(many(2, 1, Level::General, true));
    inc.extend(many(3, 1, Level::General, true));
    // 单位4: one negative, but reported late: after the tie.
    inc.push(reported_after(
        fact(4, "2026-11-05 10:00", Level::General, true),
        24 * 60 + 1,
    ));
    // 单位5: one negative 重大 on time: same negatives and discipline as 2/3, more major.
    inc.extend(many(5, 1, Level::Major, true));
    // 单位6: two negatives. 单位7: three non-negative incidents only.
    inc.extend(many(6, 2, Level::General, true));
    inc.extend(many(7, 3, Level::General, false));
    let rows = compute(nov(), &units(7), &inc, &Limits::default());
    let got: Vec<(&str, u32)> = rows.iter().map(|r| (r.party.as_str(), r.rank)).collect();
    assert_eq!(
        got,
        vec![
            ("单位1", 1),
            ("单位7", 1),
            ("单位2", 3),
            ("单位3", 3),
            ("单位5", 5),
            ("单位4", 6),
            ("单位6", 7),
        ],
        "1, 1, 3, 3, 5, 6, 7: equal keys share a rank, the next rank skips"
    );
    let u4 = rows.iter().find(|r| r.party == "单位4").unwrap();
    assert_eq!((u4.late, u4.on_time_rate), (1, Some(0.0)));
    let u1 = rows.iter().find(|r| r.party == "单位1").unwrap();
    assert_eq!((u1.total, u1.on_time_rate), (0, None), "— when 负面数 = 0");
}

#[test]
fn every_unit_gets_a_row_even_without_incidents() {
    let rows = compute(nov(), &units(36), &[], &Limits::default());
    assert_eq!(rows.len(), 36);
    assert!(rows.iter().all(|r| r.rank == 1 && r.flags.is_empty()));
}

#[test]
fn incidents_of_other_months_do_not_count_in_m() {
    let inc = vec![
        fact(1, "2026-10-31 23:59", Level::General, true),
        fact(1, "2026-12-01 00:00", Level::General, true),
        fact(1, "2026-11-30 23:59", Level::General, true),
    ];
    let rows = compute(nov(), &units(1), &inc, &Limits::default());
    assert_eq!(
        rows[0].total, 1,
        "an incident's month is that of its 发生时间"
    );
}

fn flags_of(rows: &[duban::opinion::UnitStats], party: &str) -> Vec<Flag> {
    rows.iter()
        .find(|r| r.party == party)
        .unwrap()
        .flags
        .clone()
}

#[test]
fn low_rank_flags_the_last_three_places_only_with_a_negative_incident() {
    // Six units: 1–3 clean, 4: 1 negative, 5: 2, 6: 3. Last three: ranks 4, 5, 6.
    let mut inc = Vec::new();
    inc.extend(many(4, 1, Level::General, true));
    inc.extend(many(5, 2, Level::General, true));
    inc.extend(many(6, 3, Level::General, true));
    let rows = compute(nov(), &units(6), &inc, &Limits::default());
    for (party, low) in [
        ("单位1", false),
        ("单位3", false),
        ("单位4", true),
        ("单位5", true),
        ("单位6", true),
    ] {
        assert_eq!(
            flags_of(&rows, party).contains(&Flag::LowRank),
            low,
            "{party}"
        );
    }
    // Only one unit has a negative: ranks 1,1,1,1,1,6; the clean ones are not flagged.
    let rows = compute(
        nov(),
        &units(6),
        &many(6, 1, Level::General, true),
        &Limits::default(),
    );
    assert_eq!(flags_of(&rows, "单位6"), vec![Flag::LowRank]);
    assert!(
        flags_of(&rows, "单位5").is_empty(),
        "tied rank 1 is not in the last three"
    );
}

#[test]
fn negative_rising_needs_two_rises_running() {
    let monthly = |party: i64, counts: [usize; 3]| -> Vec<IncidentFact> {
        let mut out = Vec::new();
        for (month, n) in ["2026-09", "2026-10", "2026-11"].iter().zip(counts) {
            for i in 0..n {
                out.push(fact(
                    party,
                    &format!("{month}-{:02} 09:00", i + 1),
                    Level::General,
                    true,
                ));
            }
        }
        out
    };
    let mut inc = Vec::new();
    inc.extend(monthly(1, [1, 2, 3]));
    inc.extend(monthly(2, [1, 1, 2]));
    inc.extend(monthly(3, [2, 1, 3]));
    inc.extend(monthly(4, [0, 1, 2]));
    inc.extend(monthly(5, [3, 2, 1]));
    let rows = compute(nov(), &units(5), &inc, &Limits::default());
    for (party, rising) in [
        ("单位1", true),
        ("单位2", false),
        ("单位3", false),
        ("单位4", true),
        ("单位5", false),
    ] {
        assert_eq!(
            flags_of(&rows, party).contains(&Flag::NegativeRising),
            rising,
            "{party}"
        );
    }
}

#[test]
fn any_concealed_incident_in_m_flags_the_unit() {
    let mut inc = many(1, 1, Level::General, false);
    inc[0].concealed = true;
    let mut oct = fact(2, "2026-10-10 10:00", Level::General, true);
    oct.concealed = true;
    inc.push(oct);
    let rows = compute(nov(), &units(8), &inc, &Limits::default());
    assert!(flags_of(&rows, "单位1").contains(&Flag::Concealed));
    assert!(
        !flags_of(&rows, "单位2").contains(&Flag::Concealed),
        "瞒报 of another month"
    );
    let json = serde_json::to_value(&rows).unwrap();
    let u1 = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["party"] == "单位1")
        .unwrap();
    assert_eq!(
        u1["flags"],
        serde_json::json!(["瞒报"]),
        "flags are the words of §5"
    );
    for key in [
        "party",
        "total",
        "negative",
        "major",
        "late",
        "missing",
        "concealed",
        "on_time_rate",
        "rank",
        "flags",
    ] {
        assert!(u1.get(key).is_some(), "§4 field {key}");
    }
}

#[test]
fn on_time_rate_is_rounded_half_up_to_a_tenth_of_a_percent() {
    let limits = Limits::default();
    let mut c = UnitCounts::default();
    let on = fact(1, "2026-11-03 10:00", Level::General, true);
    let late = reported_after(on, 24 * 60 + 1);
    for f in [on, on, late] {
        c.add(&f, &limits);
    }
    assert_eq!(c.on_time_permille(), Some(667));
    assert_eq!(c.on_time_rate(), Some(0.667));
}

#[test]
fn a_period_like_2026_13_is_refused_in_chinese() {
    for bad in ["2026-13", "2026-00", "26-11", "十一月"] {
        let e = bad.parse::<Month>().unwrap_err().to_string();
        assert!(
            e.contains(bad.trim()) && e.contains("YYYY-MM"),
            "{bad}: {e}"
        );
    }
}
