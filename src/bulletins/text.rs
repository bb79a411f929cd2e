//! The words of a 通报: 总体情况, ranking sentences, 报送纪律 and the counting
//! rules — pure functions of the frozen figures, so a published issue reads
//! the same every time it is opened.

use crate::circulation::{MonthlyFigures, PartyRow, ReportRow};
use crate::rounds::ReportStatus;

/// The 总体情况 paragraphs: totals, first and last of each group, overdue, reports.
pub fn overview(f: &MonthlyFigures) -> Vec<String> {
    let p = &f.period;
    let t = &f.total;
    let mut out = Vec::new();
    let head = format!(
        "{}（统计截至{}）",
        p.month.label(),
        crate::dates::cn(p.as_of)
    );
    let mut s = if t.due_total == 0 {
        format!("{head}，全局没有应办结的督办事项。")
    } else {
        format!(
            "{head}，全局应办结督办事项{}项，其中按期办结{}项、逾期办结{}项、逾期未办结{}项，按期办结率{}。",
            t.due_total, t.on_time, t.late_done, t.overdue_open, t.rate_text
        )
    };
    s.push_str(&format!(
        "本月新增督办事项{}项，批准延期{}次",
        t.new_items, t.extensions
    ));
    if t.standing > 0 {
        s.push_str(&format!("；另有长期事项{}项，不计入办结率", t.standing));
    }
    s.push('。');
    out.push(s);

    let mut ranks = ranking_sentence("内设机构", &f.departments);
    if !f.units.is_empty() {
        ranks.push_str(&ranking_sentence("下级单位", &f.units));
    }
    out.push(ranks);
    out.push(overdue_sentence(f));
    out.push(reporting(&f.reports));
    out
}

/// Who is first and last in one group (ties named together, unranked noted).
pub fn ranking_sentence(group: &str, rows: &[PartyRow]) -> String {
    let ranked: Vec<&PartyRow> = rows.iter().filter(|r| r.rank.is_some()).collect();
    if rows.is_empty() {
        return format!("{group}本月没有牵头的督办事项。");
    }
    if ranked.is_empty() {
        return format!("{group}本月均没有应办结事项，不排名。");
    }
    let names = |rank: u32| {
        ranked
            .iter()
            .filter(|r| r.rank == Some(rank))
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
    };
    let first = names(1);
    let last_rank = ranked.iter().filter_map(|r| r.rank).max().unwrap_or(1);
    let rate = |rank: u32| {
        ranked
            .iter()
            .find(|r| r.rank == Some(rank))
            .map(|r| r.tally.rate_text.clone())
            .unwrap_or_default()
    };
    let mut s = if ranked.len() == 1 {
        format!("{group}中仅{}有应办结事项，按期办结率{}", first[0], rate(1))
    } else if last_rank == 1 {
        format!(
            "{group}参与排名的{}家按期办结率均为{}，并列第一",
            ranked.len(),
            rate(1)
        )
    } else {
        let last = names(last_rank);
        let tie = |n: &[&str]| if n.len() > 1 { "（并列）" } else { "" };
        format!(
            "{group}按期办结率排名第一的是{}{}（{}），排名最后的是{}{}（{}）",
            first.join("、"),
            tie(&first),
            rate(1),
            last.join("、"),
            tie(&last),
            rate(last_rank)
        )
    };
    let unranked = rows.len() - ranked.len();
    if unranked > 0 {
        s.push_str(&format!("；另有{unranked}家本月没有应办结事项，不排名"));
    }
    s.push('。');
    s
}

fn overdue_sentence(f: &MonthlyFigures) -> String {
    let open = f.total.overdue_open;
    if open == 0 {
        return if f.total.due_total > 0 {
            "本月无逾期未办结事项。".to_string()
        } else {
            "本月无逾期事项。".to_string()
        };
    }
    let mut rows: Vec<&PartyRow> = f
        .departments
        .iter()
        .chain(f.units.iter())
        .filter(|r| r.tally.overdue_open > 0)
        .collect();
    rows.sort_by(|a, b| {
        b.tally
            .overdue_open
            .cmp(&a.tally.overdue_open)
            .then_with(|| a.name.cmp(&b.name))
    });
    let who: Vec<String> = rows
        .iter()
        .map(|r| format!("{}（{}项）", r.name, r.tally.overdue_open))
        .collect();
    format!(
        "逾期未办结事项{open}项，涉及{}，请相关部门（单位）抓紧办理，尽快办结。",
        who.join("、")
    )
}

/// 报送纪律: rounds due in the month, on time / late / missing, who did not report.
pub fn reporting(reports: &[ReportRow]) -> String {
    if reports.is_empty() {
        return "本月没有到期的报送任务。".to_string();
    }
    let count = |st: ReportStatus| reports.iter().filter(|r| r.status == st).count();
    let rounds: std::collections::BTreeSet<i64> = reports.iter().map(|r| r.round_id).collect();
    let mut s = format!(
        "本月到期报送任务{}项，应报{}家次，按时报送{}家次、迟报{}家次、漏报{}家次",
        rounds.len(),
        reports.len(),
        count(ReportStatus::OnTime),
        count(ReportStatus::Late),
        count(ReportStatus::Missing)
    );
    let not_due = count(ReportStatus::NotDue);
    if not_due > 0 {
        s.push_str(&format!("，尚未到期{not_due}家次"));
    }
    s.push('。');
    // In the order of the report rows (the organisation's), each unit once.
    let names = |st: ReportStatus| {
        let mut by: Vec<(&str, u32)> = Vec::new();
        for r in reports.iter().filter(|r| r.status == st) {
            match by.iter_mut().find(|(n, _)| *n == r.party) {
                Some((_, c)) => *c += 1,
                None => by.push((r.party.as_str(), 1)),
            }
        }
        by.into_iter()
            .map(|(n, c)| {
                if c > 1 {
                    format!("{n}（{c}次）")
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
    };
    let missing = names(ReportStatus::Missing);
    let late = names(ReportStatus::Late);
    if !missing.is_empty() {
        s.push_str(&format!("未报送的单位：{}。", missing.join("、")));
    }
    if !late.is_empty() {
        s.push_str(&format!("迟报的单位：{}。", late.join("、")));
    }
    if missing.is_empty() && late.is_empty() && count(ReportStatus::OnTime) > 0 {
        s.push_str("各单位均按时报送。");
    }
    s
}

/// The counting rules of EXCHANGE §3 in one paragraph.
pub fn counting_rules() -> &'static str {
    "统计口径：统计月份内，完成时限（含批准延期后的时限）在统计截止日及以前、且月初仍未办结的事项，以及在本月内办结的事项（含提前办结），计入应办结；\
     在完成时限及以前办结的为按期办结，超过完成时限办结的为逾期办结，截至统计截止日仍未办结的为逾期未办结；\
     应办结＝按期办结＋逾期办结＋逾期未办结，按期办结率＝按期办结÷应办结，保留一位小数、四舍五入，应办结为0时记为“—”且不排名。\
     长期事项只列示、不计入办结率，已撤销事项不计入任何数字。事项计入牵头部门（单位），配合事项单独列示、不计分。\
     排名按未经四舍五入的按期办结率从高到低，相同时逾期未办结少者在前，仍相同的并列；内设机构与下级单位分别排名。\
     逾期天数为自完成时限至统计截止日的自然日数，逾期工作日不含节假日。新增事项为本月登记的事项，延期次数为本月批准的延期。"
}
