//! §6 on hand-made facts: every indicator, undefined ones, the weights spread
//! over the defined ones, unscored parties, ties, periods and schemes.

use duban::assessment::{
    score_parties, score_text, AssessPeriod, ExternalFacts, IndicatorId, PartyFacts, PartyScore,
    RateCount, ReportCounts, SchemeBody,
};
use duban::circulation::Tally;
use duban::org::PartyKind;

fn tally(due_total: u32, on_time: u32, overdue_open: u32, extensions: u32) -> Tally {
    Tally {
        due_total,
        on_time,
        late_done: due_total - on_time - overdue_open,
        overdue_open,
        extensions,
        ..Tally::default()
    }
}

fn party(name: &str, kind: PartyKind, order: i64) -> PartyFacts {
    PartyFacts {
        name: name.into(),
        kind,
        sort_order: order,
        tally: None,
        reports: ReportCounts::default(),
        manual: None,
        external: ExternalFacts::default(),
    }
}

fn indicator(p: &PartyScore, id: IndicatorId) -> Option<(f64, f64, f64)> {
    p.indicators
        .iter()
        .find(|i| i.id == id)
        .map(|i| (i.value, i.score, i.weight))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn a_department_gets_every_department_indicator_with_its_value_score_and_weight() {
    let mut p = party("办公厅", PartyKind::Department, 1);
    p.tally = Some(tally(16, 9, 3, 2));
    p.manual = Some(80.0);
    p.external.accountability = Some(1);
    let (deps, units) = score_parties(&[p], &SchemeBody::default());
    assert!(units.is_empty());
    let d = &deps[0];
    use IndicatorId::*;
    for (id, value, score, weight) in [
        (OnTimeRate, 9.0 / 16.0, 56.25, 50.0),
        (OverdueOpen, 3.0, 70.0, 20.0),
        (Extensions, 2.0, 90.0, 10.0),
        (Accountability, 1.0, 80.0, 10.0),
        (Manual, 80.0, 80.0, 10.0),
    ] {
        let (v, s, w) = indicator(d, id).unwrap_or_else(|| panic!("{id:?} is defined"));
        assert!(
            close(v, value) && close(s, score) && w == weight,
            "{id:?}: got ({v}, {s}, {w})"
        );
    }
    assert_eq!(d.indicators.len(), 5, "unit-only indicators are not listed");
    // (50×56.25 + 20×70 + 10×90 + 10×80 + 10×80) / 100 = 67.125
    assert!(close(d.score.unwrap(), 67.125));
    assert_eq!(score_text(d.score), "67.13", "two decimals, half up");
    assert_eq!(d.rank, Some(1));
}

#[test]
fn a_unit_gets_every_unit_indicator_and_counts_floor_at_zero() {
    let mut p = party("北京市税务局", PartyKind::Unit, 1);
    p.tally = Some(tally(4, 4, 0, 1));
    p.reports = ReportCounts {
        on_time: 3,
        late: 1,
        missing: 0,
    };
    p.external = ExternalFacts {
        rectification: Some(RateCount { done: 1, due: 2 }),
        negative_opinions: Some(2),
        opinion_breaches: Some(1),
        accountability: Some(0),
    };
    let mut q = party("天津市税务局", PartyKind::Unit, 2);
    q.tally = Some(tally(2, 0, 2, 30));
    q.external.opinion_breaches = Some(7);
    let (_, units) = score_parties(&[p, q], &SchemeBody::default());
    let u = &units[0];
    use IndicatorId::*;
    for (id, value, score) in [
        (OnTimeRate, 1.0, 100.0),
        (OverdueOpen, 0.0, 100.0),
        (Extensions, 1.0, 95.0),
        (ReportTimeliness, 0.75, 75.0),
        (RectificationRate, 0.5, 50.0),
        (NegativeOpinion, 2.0, 80.0),
        (OpinionDiscipline, 1.0, 80.0),
        (Accountability, 0.0, 100.0),
    ] {
        let (v, s, _) = indicator(u, id).unwrap_or_else(|| panic!("{id:?} is defined"));
        assert!(close(v, value) && close(s, score), "{id:?}: got ({v}, {s})");
    }
    assert!(indicator(u, Manual).is_none(), "no 综合评价 typed in");
    // Units weigh overdue_open and extensions 0 by default: listed, not counted.
    // (30×100 + 20×75 + 15×50 + 10×80 + 10×80 + 5×100) / 90
    assert!(close(u.score.unwrap(), 7350.0 / 90.0));
    assert_eq!(score_text(u.score), "81.67");
    let t = &units[1];
    assert_eq!(
        indicator(t, Extensions).unwrap().1,
        0.0,
        "30 extensions: 0, not negative"
    );
    assert_eq!(indicator(t, OpinionDiscipline).unwrap().1, 0.0);
}

#[test]
fn undefined_indicators_leave_and_their_weight_spreads_over_the_defined_ones() {
    let mut p = party("河北省税务局", PartyKind::Unit, 1);
    p.tally = Some(tally(2, 1, 1, 0));
    p.reports = ReportCounts {
        on_time: 1,
        late: 0,
        missing: 0,
    };
    let mut no_rounds = party("山西省税务局", PartyKind::Unit, 2);
    no_rounds.tally = Some(tally(2, 1, 1, 0));
    let (_, units) = score_parties(&[p, no_rounds], &SchemeBody::default());
    let ids = |u: &PartyScore| u.indicators.iter().map(|i| i.id).collect::<Vec<_>>();
    use IndicatorId::*;
    assert_eq!(
        ids(&units[0]),
        [OnTimeRate, OverdueOpen, Extensions, ReportTimeliness],
        "整改, 舆情, 约谈 and 综合评价 unknown: undefined, not 0"
    );
    // (30×50 + 0×90 + 0×100 + 20×100) / 50 = 70
    assert!(close(units[0].score.unwrap(), 70.0));
    assert_eq!(ids(&units[1]), [OnTimeRate, OverdueOpen, Extensions]);
    assert!(close(units[1].score.unwrap(), 50.0), "only the rate counts");
}

#[test]
fn a_party_without_a_rate_indicator_is_listed_with_its_indicators_but_not_scored() {
    let mut idle = party("机关党委", PartyKind::Department, 1);
    idle.manual = Some(95.0);
    let mut busy = party("办公厅", PartyKind::Department, 2);
    busy.tally = Some(tally(1, 1, 0, 0));
    let (deps, _) = score_parties(&[idle, busy], &SchemeBody::default());
    assert_eq!(deps.len(), 2, "every department gets a row");
    assert_eq!(deps[0].party, "办公厅");
    assert_eq!(deps[0].rank, Some(1));
    let idle = &deps[1];
    assert_eq!((idle.score, idle.rank), (None, None));
    assert_eq!(score_text(idle.score), "—");
    use IndicatorId::*;
    let ids: Vec<_> = idle.indicators.iter().map(|i| i.id).collect();
    assert_eq!(ids, [OverdueOpen, Extensions, Manual]);
    let json = serde_json::to_value(idle).unwrap();
    assert_eq!(json["score"], serde_json::Value::Null);
    assert_eq!(json["rank"], serde_json::Value::Null);
}

#[test]
fn equal_scores_share_a_rank_and_the_next_rank_skips() {
    let mk = |name: &str, order: i64, on_time: u32| {
        let mut p = party(name, PartyKind::Department, order);
        p.tally = Some(tally(4, on_time, 4 - on_time, 0));
        p
    };
    // Order of the organisation deliberately differs from the score order.
    let parties = [
        mk("丁", 1, 1),
        mk("乙", 2, 3),
        mk("甲", 3, 4),
        mk("丙", 4, 3),
    ];
    let (deps, _) = score_parties(&parties, &SchemeBody::default());
    let got: Vec<(&str, Option<u32>)> = deps.iter().map(|d| (d.party.as_str(), d.rank)).collect();
    assert_eq!(
        got,
        [
            ("甲", Some(1)),
            ("乙", Some(2)),
            ("丙", Some(2)),
            ("丁", Some(4))
        ],
        "ties listed in the organisation's order"
    );
}

#[test]
fn departments_and_units_are_ranked_separately() {
    let mut d = party("办公厅", PartyKind::Department, 1);
    d.tally = Some(tally(1, 0, 1, 0));
    let mut u = party("北京市税务局", PartyKind::Unit, 2);
    u.tally = Some(tally(1, 0, 1, 0));
    let (deps, units) = score_parties(&[d, u], &SchemeBody::default());
    assert_eq!((deps[0].rank, units[0].rank), (Some(1), Some(1)));
}

#[test]
fn a_scheme_changes_weights_and_factors() {
    let mut body = SchemeBody::default();
    body.factors.insert(IndicatorId::OverdueOpen, 5.0);
    body.departments.insert(IndicatorId::Extensions, 0.0);
    let mut p = party("办公厅", PartyKind::Department, 1);
    p.tally = Some(tally(4, 1, 3, 2));
    let (deps, _) = score_parties(&[p], &body);
    let (_, s, _) = indicator(&deps[0], IndicatorId::OverdueOpen).unwrap();
    assert_eq!(s, 85.0, "factor 5: 100 − 5 × 3");
    // (50×25 + 20×85 + 0×90) / 70
    assert!(close(deps[0].score.unwrap(), (1250.0 + 1700.0) / 70.0));
}

#[test]
fn scheme_validation_refuses_all_zero_negative_and_misplaced_weights() {
    let mut zero = SchemeBody::default();
    for w in zero.departments.values_mut() {
        *w = 0.0;
    }
    let e = zero.validate().unwrap_err().to_string();
    assert!(e.contains("部门的权重不能全部为 0"), "{e}");
    let mut neg = SchemeBody::default();
    neg.units.insert(IndicatorId::Manual, -1.0);
    assert!(neg.validate().unwrap_err().to_string().contains("权重"));
    // Two absurd weights once overflowed to a score of NaN (shown 0.00, rank 1).
    let mut huge = SchemeBody::default();
    huge.departments.insert(IndicatorId::OnTimeRate, 1e308);
    huge.departments.insert(IndicatorId::OverdueOpen, 1e308);
    let e = huge.validate().unwrap_err().to_string();
    assert!(e.contains("权重应为 0 至 1000 之间的数"), "{e}");
    let mut misplaced = SchemeBody::default();
    misplaced
        .departments
        .insert(IndicatorId::ReportTimeliness, 10.0);
    assert!(misplaced
        .validate()
        .unwrap_err()
        .to_string()
        .contains("只用于下级单位"));
    let mut factor = SchemeBody::default();
    factor.factors.insert(IndicatorId::OnTimeRate, 3.0);
    assert!(factor.validate().is_err(), "a rate has no factor");
    assert!(SchemeBody::default().validate().is_ok());
}

#[test]
fn periods_are_read_strictly() {
    for (text, expect) in [
        ("2026-11", Some(("2026-11", "2026-11-01", "2026-11-30"))),
        ("2024-02", Some(("2024-02", "2024-02-01", "2024-02-29"))),
        ("2026Q4", Some(("2026Q4", "2026-10-01", "2026-12-31"))),
        ("2026q1", Some(("2026Q1", "2026-01-01", "2026-03-31"))),
        ("2026", Some(("2026", "2026-01-01", "2026-12-31"))),
        ("2026-13", None),
        ("2026-00", None),
        ("2026-1", None),
        ("2026Q5", None),
        ("2026Q0", None),
        ("26-11", None),
        ("2026/11", None),
        ("2026年11月", None),
        ("", None),
    ] {
        let got = text.parse::<AssessPeriod>().ok().map(|p| {
            (
                p.to_string(),
                p.first_day().to_string(),
                p.last_day().to_string(),
            )
        });
        let expect = expect.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
        assert_eq!(got, expect, "parsing {text:?}");
    }
    let e = "2026-13".parse::<AssessPeriod>().unwrap_err().to_string();
    assert!(
        e.contains("“2026-13”") && e.contains("月份应为 01 至 12") && e.contains("YYYYQn"),
        "{e}"
    );
}

#[test]
fn the_json_of_a_period_has_the_shape_of_exchange_4() {
    let mut p = party("办公厅", PartyKind::Department, 1);
    p.tally = Some(tally(2, 1, 1, 0));
    let (departments, units) = score_parties(&[p], &SchemeBody::default());
    let a = duban::assessment::Assessment {
        period: "2026-11".parse().unwrap(),
        as_of: duban::dates::parse_ymd("2026-11-30").unwrap(),
        departments,
        units,
        scheme: "默认方案".into(),
    };
    let j = serde_json::to_value(&a).unwrap();
    assert_eq!(j["period"], "2026-11");
    assert_eq!(j["as_of"], "2026-11-30");
    let d = &j["departments"][0];
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(d), ["indicators", "party", "rank", "score"]);
    let i = &d["indicators"][0];
    assert_eq!(keys(i), ["id", "score", "value", "weight"]);
    assert_eq!(i["id"], "on_time_rate");
    assert_eq!(i["value"], 0.5);
    let back: duban::assessment::Assessment = serde_json::from_value(j).unwrap();
    assert_eq!(back, a, "published figures read back as they were");
}
