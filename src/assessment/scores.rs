//! The scores of EXCHANGE §6 as plain functions of per-party facts.

use std::cmp::Ordering;

use super::load::ExternalFacts;
use super::{IndicatorId, IndicatorScore, PartyScore, SchemeBody};
use crate::circulation::Tally;
use crate::org::PartyKind;

/// A unit's reports in the rounds due in `[F, A]`, as [`crate::rounds::report_status`]
/// judges them at A (rounds not yet due are not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportCounts {
    /// 按时.
    pub on_time: u32,
    /// 迟报.
    pub late: u32,
    /// 漏报.
    pub missing: u32,
}

/// What the scores of one party are computed from.
#[derive(Debug, Clone)]
pub struct PartyFacts {
    /// Its name.
    pub name: String,
    /// 内设机构 or 下级单位: ranked separately, weighted by their own columns.
    pub kind: PartyKind,
    /// The organisation's order (ties are listed in it).
    pub sort_order: i64,
    /// §3's counts over the period as lead; none when it leads nothing in scope.
    pub tally: Option<Tally>,
    /// Its reports in the period's rounds.
    pub reports: ReportCounts,
    /// 综合评价, when the office gave one.
    pub manual: Option<f64>,
    /// Facts other capabilities own (整改, 舆情, 约谈/问责).
    pub external: ExternalFacts,
}

/// `max(0, 100 − factor × value)`.
fn count_score(value: u32, factor: f64) -> f64 {
    (100.0 - factor * f64::from(value)).max(0.0)
}

/// `(value, 100 × value)` of a rate `n / d`; none when `d` is 0.
fn rate(n: u32, d: u32) -> Option<(f64, f64)> {
    (d > 0).then(|| {
        let r = f64::from(n) / f64::from(d);
        (r, 100.0 * f64::from(n) / f64::from(d))
    })
}

/// The value and s_i of each indicator defined for a party, in the order of §6.
fn indicators(p: &PartyFacts, scheme: &SchemeBody) -> Vec<IndicatorScore> {
    let factor = |i: IndicatorId| scheme.factor(i);
    let count = |i: IndicatorId, v: u32| Some((f64::from(v), count_score(v, factor(i))));
    let tally = p.tally.clone().unwrap_or_default();
    let ext = &p.external;
    let mut out = Vec::new();
    for id in IndicatorId::ALL {
        if p.kind == PartyKind::Department && !id.for_departments() {
            continue;
        }
        let defined = match id {
            IndicatorId::OnTimeRate => rate(tally.on_time, tally.due_total),
            IndicatorId::OverdueOpen => count(id, tally.overdue_open),
            IndicatorId::Extensions => count(id, tally.extensions),
            IndicatorId::ReportTimeliness => {
                let r = p.reports;
                rate(r.on_time, r.on_time + r.late + r.missing)
            }
            IndicatorId::RectificationRate => ext.rectification.and_then(|c| rate(c.done, c.due)),
            IndicatorId::NegativeOpinion => ext.negative_opinions.and_then(|v| count(id, v)),
            IndicatorId::OpinionDiscipline => ext.opinion_breaches.and_then(|v| count(id, v)),
            IndicatorId::Accountability => ext.accountability.and_then(|v| count(id, v)),
            IndicatorId::Manual => p.manual.map(|s| (s, s)),
        };
        if let Some((value, score)) = defined {
            out.push(IndicatorScore {
                id,
                value,
                score,
                weight: scheme.weight(p.kind, id),
            });
        }
    }
    out
}

/// Σ wᵢ·sᵢ / Σ wᵢ over the defined indicators; none unless a rate indicator is
/// defined (and the defined ones carry some weight).
fn total(list: &[IndicatorScore]) -> Option<f64> {
    if !list.iter().any(|i| i.id.is_rate()) {
        return None;
    }
    let w: f64 = list.iter().map(|i| i.weight).sum();
    (w > 0.0).then(|| list.iter().map(|i| i.weight * i.score).sum::<f64>() / w)
}

/// Scores below this apart are the same score: Σ wᵢ·sᵢ / Σ wᵢ is computed in
/// floating point, and two parties with equal facts must share a rank even
/// when the sums were added in another order.
const SAME: f64 = 1e-9;

fn cmp_score(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) if (x - y).abs() < SAME => Ordering::Equal,
        (Some(x), Some(y)) => y.total_cmp(&x),
    }
}

/// Scores every party by `scheme` and ranks departments and units separately:
/// exact score descending, equal scores share a rank (1, 2, 2, 4), unscored
/// parties last without a rank. Returns (departments, units).
pub fn score_parties(
    parties: &[PartyFacts],
    scheme: &SchemeBody,
) -> (Vec<PartyScore>, Vec<PartyScore>) {
    let mut departments = Vec::new();
    let mut units = Vec::new();
    for p in parties {
        let list = indicators(p, scheme);
        let row = (
            p.sort_order,
            PartyScore {
                party: p.name.clone(),
                score: total(&list),
                rank: None,
                indicators: list,
            },
        );
        match p.kind {
            PartyKind::Department => departments.push(row),
            PartyKind::Unit => units.push(row),
        }
    }
    (rank(departments), rank(units))
}

fn rank(mut rows: Vec<(i64, PartyScore)>) -> Vec<PartyScore> {
    rows.sort_by(|(oa, a), (ob, b)| {
        cmp_score(a.score, b.score)
            .then(oa.cmp(ob))
            .then_with(|| a.party.cmp(&b.party))
    });
    let mut out: Vec<PartyScore> = Vec::with_capacity(rows.len());
    for (i, (_, mut row)) in rows.into_iter().enumerate() {
        if row.score.is_some() {
            row.rank = Some(match out.last() {
                Some(prev) if cmp_score(prev.score, row.score) == Ordering::Equal => {
                    prev.rank.expect("a scored row has a rank")
                }
                _ => i as u32 + 1,
            });
        }
        out.push(row);
    }
    out
}

/// A score as shown: two decimals, rounded half up (85.125 → 85.13); `—` when none.
pub fn score_text(score: Option<f64>) -> String {
    match score {
        Some(s) => {
            // The nudge keeps a half that floating point stored just below it (85.125
            // computed as 85.12499…) rounding up, as the office would by hand.
            let hundredths = (s * 100.0 + 0.5 + SAME).floor() as i64;
            format!("{}.{:02}", hundredths / 100, hundredths % 100)
        }
        None => "—".to_string(),
    }
}

/// The score rounded as shown (for number cells): 85.125 → 85.13.
pub fn score_rounded(score: f64) -> f64 {
    (score * 100.0 + 0.5 + SAME).floor() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_text_rounds_half_up_to_two_decimals() {
        for (s, t) in [
            (Some(85.125), "85.13"),
            (Some(85.124), "85.12"),
            (Some(100.0), "100.00"),
            (Some(0.0), "0.00"),
            (Some(200.0 / 3.0), "66.67"),
            (None, "—"),
        ] {
            assert_eq!(score_text(s), t, "{s:?}");
        }
    }
}
