//! The short Chinese text of 总体情况: what a leader reads first.

use super::figures::{MonthlyFigures, PartyRow};
use crate::rounds::ReportStatus;

/// A few sentences on the month, built only from the computed figures.
pub(super) fn text(f: &MonthlyFigures) -> String {
    let p = &f.period;
    let t = &f.total;
    let mut s = format!(
        "{}（统计截至{}），全局应办结督办事项{}项，其中按期办结{}项、逾期办结{}项、逾期未办结{}项，按期办结率{}。",
        p.month.label(),
        crate::dates::cn(p.as_of),
        t.due_total,
        t.on_time,
        t.late_done,
        t.overdue_open,
        t.rate_text
    );
    s.push_str(&format!(
        "本月新增督办事项{}项，批准延期{}次",
        t.new_items, t.extensions
    ));
    if t.standing > 0 {
        s.push_str(&format!("；另有长期事项{}项（不计入办结率）", t.standing));
    }
    s.push('。');
    if f.units_total.due_total > 0 || !f.units.is_empty() {
        s.push_str(&format!(
            "机关督办（内设机构）按期办结率{}，系统督查（下级单位）按期办结率{}。",
            f.departments_total.rate_text, f.units_total.rate_text
        ));
    }
    let top = leaders_in(&f.departments).or_else(|| leaders_in(&f.units));
    if let Some(names) = top {
        s.push_str(&format!("按期办结率排名第一的是{names}。"));
    }
    let worst = most_overdue(f);
    if !worst.is_empty() {
        s.push_str(&format!(
            "逾期未办结事项较多的是：{}，请抓紧办理。",
            worst.join("、")
        ));
    } else if t.due_total > 0 {
        s.push_str("本月无逾期未办结事项。");
    }
    if !f.reports.is_empty() {
        let count = |st: ReportStatus| f.reports.iter().filter(|r| r.status == st).count();
        let rounds: std::collections::BTreeSet<i64> =
            f.reports.iter().map(|r| r.round_id).collect();
        s.push_str(&format!(
            "本月到期报送任务{}项，应报{}家次，按时报送{}家次、迟报{}家次、漏报{}家次",
            rounds.len(),
            f.reports.len(),
            count(ReportStatus::OnTime),
            count(ReportStatus::Late),
            count(ReportStatus::Missing)
        ));
        let not_due = count(ReportStatus::NotDue);
        if not_due > 0 {
            s.push_str(&format!("，尚未到期{not_due}家次"));
        }
        s.push('。');
    }
    s
}

/// The parties sharing rank 1, joined with 、.
/// The parties ranked first, when they finished anything on time (first at
/// 0.0% is not said to lead).
fn leaders_in(rows: &[PartyRow]) -> Option<String> {
    let names: Vec<&str> = rows
        .iter()
        .filter(|r| r.rank == Some(1) && r.tally.rate_permille.is_some_and(|p| p > 0))
        .map(|r| r.name.as_str())
        .collect();
    (!names.is_empty()).then(|| names.join("、"))
}

/// Up to three parties with the most 逾期未办结 items, "名称（N项）".
fn most_overdue(f: &MonthlyFigures) -> Vec<String> {
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
    rows.iter()
        .take(3)
        .map(|r| format!("{}（{}项）", r.name, r.tally.overdue_open))
        .collect()
}
