//! The figures of EXCHANGE §3, as plain functions of plain facts.
//!
//! Nothing here reads the database or the clock: [`compute`] takes the items,
//! extensions, rounds, parties, the calendar and the [`Period`], and returns
//! everything the sheet and the preview show.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{summary, Period, Span};
use crate::calendar::Calendar;
use crate::org::PartyKind;
use crate::rounds::{report_status_at_end_of, ReportStatus};

mod tallies;

use tallies::{ranked_tables, Tallies};

/// A party (department or unit) as the figures need it.
#[derive(Debug, Clone)]
pub struct PartyFact {
    /// `parties.id`.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// 内设机构 or 下级单位: they are ranked separately.
    pub kind: PartyKind,
    /// The organisation's order (ties in rank are listed in this order).
    pub sort_order: i64,
}

/// An item as the figures need it.
#[derive(Debug, Clone)]
pub struct ItemFact {
    /// `items.id`.
    pub id: i64,
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// The lead party (`parties.id`): figures are attributed to it.
    pub lead: i64,
    /// Cooperating parties (`parties.id`).
    pub cooperators: Vec<i64>,
    /// 长期: listed, not rated.
    pub standing: bool,
    /// 撤销: leaves every figure.
    pub withdrawn: bool,
    /// The original 完成时限.
    pub deadline: Option<NaiveDate>,
    /// `due(t)`: the effective deadline after approved extensions.
    pub due: Option<NaiveDate>,
    /// `done(t)`: the accepted completion date, or none.
    pub done: Option<NaiveDate>,
    /// When it was registered.
    pub created_on: NaiveDate,
    /// The current status label (未启动/推进中/待销号/已办结), for the lists.
    pub status_label: String,
}

/// An extension request as the figures need it.
#[derive(Debug, Clone)]
pub struct ExtensionFact {
    /// The item it is for (`items.id`).
    pub item_id: i64,
    /// When it was requested.
    pub requested_on: NaiveDate,
    /// The deadline before.
    pub old_deadline: NaiveDate,
    /// The deadline asked for.
    pub new_deadline: NaiveDate,
    /// Approved (only approved ones count in 延期次数).
    pub approved: bool,
    /// Its status label (待审批/已批准/未批准).
    pub status_label: String,
    /// The decision date, when decided.
    pub decided_on: Option<NaiveDate>,
    /// The reason given.
    pub reason: String,
}

/// A reporting round as the 报送情况 sheet needs it.
#[derive(Debug, Clone)]
pub struct RoundFact {
    /// `rounds.id`.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its due date.
    pub due: NaiveDate,
    /// Target units (`parties.id`).
    pub targets: Vec<i64>,
    /// The first report received from each target, by party id.
    pub received: HashMap<i64, NaiveDate>,
}

/// Everything [`compute`] reads.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// All parties that may appear.
    pub parties: Vec<PartyFact>,
    /// All items (withdrawn ones are skipped here, not by the caller).
    pub items: Vec<ItemFact>,
    /// Extension requests (any status, any date; filtered here).
    pub extensions: Vec<ExtensionFact>,
    /// Reporting rounds (any due date; filtered here).
    pub rounds: Vec<RoundFact>,
}

/// Which of the three rated outcomes an in-scope item has at the end of A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// 按期办结: done by A and by its due date.
    OnTime,
    /// 逾期办结: done by A, after its due date.
    LateDone,
    /// 逾期未办结: due by A and not done by the end of A.
    OverdueOpen,
}

/// §3 scope and outcome of one rated item (not standing, not withdrawn) with
/// due date `due` and completion date `done`, for the month starting `first`
/// evaluated at the end of `as_of`. `None` when it is out of scope.
pub fn classify(
    due: NaiveDate,
    done: Option<NaiveDate>,
    first: NaiveDate,
    as_of: NaiveDate,
) -> Option<Class> {
    let in_scope = (due <= as_of && done.is_none_or(|d| d >= first))
        || done.is_some_and(|d| first <= d && d <= as_of);
    if !in_scope {
        return None;
    }
    Some(match done {
        Some(d) if d <= as_of && d <= due => Class::OnTime,
        Some(d) if d <= as_of => Class::LateDone,
        _ => Class::OverdueOpen,
    })
}

/// The counts of §3 for a party, a group of parties or the whole office.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Tally {
    /// 应办结 = 按期办结 + 逾期办结 + 逾期未办结.
    pub due_total: u32,
    /// 按期办结.
    pub on_time: u32,
    /// 逾期办结.
    pub late_done: u32,
    /// 逾期未办结.
    pub overdue_open: u32,
    /// 按期办结率 in tenths of a percent, rounded half up (9/16 → 563); none when 应办结 is 0.
    pub rate_permille: Option<u32>,
    /// The rate as shown: `56.3%`, or `—` when 应办结 is 0.
    pub rate_text: String,
    /// 新增事项: items created in M (up to A).
    pub new_items: u32,
    /// 延期次数: extensions approved with a decision date in M (up to A).
    pub extensions: u32,
    /// 长期事项 led (listed, not rated).
    pub standing: u32,
}

impl Tally {
    fn add(&mut self, class: Class) {
        self.due_total += 1;
        match class {
            Class::OnTime => self.on_time += 1,
            Class::LateDone => self.late_done += 1,
            Class::OverdueOpen => self.overdue_open += 1,
        }
    }
    fn finish(&mut self) {
        self.rate_permille = rate_permille(self.on_time, self.due_total);
        self.rate_text = rate_text(self.rate_permille);
    }
    /// The rate as a number for a `0.0%` cell (0.563 for 56.3%), none when 应办结 is 0.
    pub fn rate_value(&self) -> Option<f64> {
        self.rate_permille.map(|p| f64::from(p) / 1000.0)
    }
    /// Compares exact rates (not the rounded ones): `Greater` when `self`'s is higher.
    /// Both must have 应办结 > 0.
    pub fn cmp_rate(&self, other: &Tally) -> Ordering {
        let a = u64::from(self.on_time) * u64::from(other.due_total);
        let b = u64::from(other.on_time) * u64::from(self.due_total);
        a.cmp(&b)
    }
}

pub use crate::rates::{rate_permille, rate_text};

/// One row of 部门排名 / 单位排名.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PartyRow {
    /// `parties.id`.
    pub party_id: i64,
    /// Its name.
    pub name: String,
    /// 内设机构 or 下级单位.
    pub kind: PartyKind,
    /// Its figures as lead.
    pub tally: Tally,
    /// 配合: in-scope items where it cooperates (not rated).
    pub cooperating: u32,
    /// Its rank among its kind; none when 应办结 is 0 (shown "—").
    pub rank: Option<u32>,
}

/// One row of 逾期事项清单.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct OverdueRow {
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// 牵头部门.
    pub lead: String,
    /// 配合部门, joined with 、.
    pub cooperators: String,
    /// The original 完成时限.
    pub deadline: Option<NaiveDate>,
    /// The effective deadline `due(t)`.
    pub due: NaiveDate,
    /// 逾期天数: calendar days from `due(t)` to A.
    pub overdue_days: i64,
    /// 逾期工作日: working days in (`due(t)`, A].
    pub overdue_workdays: i64,
    /// 暂定: some day counted lies in a year whose holiday schedule is not
    /// loaded (counted Monday to Friday). Absent in figures published before.
    #[serde(default)]
    pub overdue_workdays_provisional: bool,
    /// The current status label.
    pub status: String,
}

/// One row of 延期事项.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ExtensionRow {
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// 牵头部门.
    pub lead: String,
    /// 申请日期.
    pub requested_on: NaiveDate,
    /// 原完成时限.
    pub old_deadline: NaiveDate,
    /// 申请延至.
    pub new_deadline: NaiveDate,
    /// 审批结果.
    pub status: String,
    /// 审批日期.
    pub decided_on: Option<NaiveDate>,
    /// 延期理由.
    pub reason: String,
    /// Counted in 延期次数 (approved with a decision date in M).
    pub counted: bool,
}

/// One row of 报送情况: a target unit of a round due in M.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ReportRow {
    /// `rounds.id`.
    pub round_id: i64,
    /// The round's title.
    pub round: String,
    /// The round's due date.
    pub due: NaiveDate,
    /// The unit.
    pub party: String,
    /// When its report arrived (by A), if it did.
    pub received_on: Option<NaiveDate>,
    /// 按时 / 迟报 / 漏报 / 未到期 at A.
    pub status: ReportStatus,
}

/// One row of 办结事项 (finished within M, up to A).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct FinishedRow {
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// 牵头部门.
    pub lead: String,
    /// The effective deadline.
    pub due: NaiveDate,
    /// 办结日期.
    pub done: NaiveDate,
    /// 按期 (true) or 逾期 (false).
    pub on_time: bool,
}

/// Everything the monthly sheet shows.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct MonthlyFigures {
    /// M, A and the month's bounds.
    pub period: Period,
    /// The whole office.
    pub total: Tally,
    /// All items led by 内设机构 (机关督办).
    pub departments_total: Tally,
    /// All items led by 下级单位 (系统督查).
    pub units_total: Tally,
    /// 部门排名, in rank order (unranked rows last).
    pub departments: Vec<PartyRow>,
    /// 单位排名, in rank order (unranked rows last); empty when no unit leads an item.
    pub units: Vec<PartyRow>,
    /// 逾期事项清单, longest overdue first.
    pub overdue: Vec<OverdueRow>,
    /// 延期事项: requests made or decided in M (up to A).
    pub extensions: Vec<ExtensionRow>,
    /// 报送情况: rounds due in M, one row per target unit.
    pub reports: Vec<ReportRow>,
    /// 办结事项: finished within M (up to A).
    pub finished: Vec<FinishedRow>,
    /// The short text summary of 总体情况.
    pub summary: String,
}

/// Computes the §3 figures for `period` from `inputs`.
pub fn compute(inputs: &Inputs, cal: &Calendar, period: &Period) -> MonthlyFigures {
    let parties: HashMap<i64, &PartyFact> = inputs.parties.iter().map(|p| (p.id, p)).collect();
    let name_of = |id: i64| {
        parties
            .get(&id)
            .map_or_else(|| format!("#{id}"), |p| p.name.clone())
    };
    let kind_of = |id: i64| parties.get(&id).map_or(PartyKind::Department, |p| p.kind);
    let order = |id: i64| parties.get(&id).map_or(i64::MAX, |p| p.sort_order);

    let span = period.span();
    let mut tallies = Tallies {
        lists: true,
        ..Tallies::default()
    };
    let mut item_index: HashMap<i64, &ItemFact> = HashMap::with_capacity(inputs.items.len());
    for t in inputs.items.iter().filter(|t| !t.withdrawn) {
        item_index.insert(t.id, t);
        tallies.add_item(t, kind_of(t.lead), &name_of, cal, &span);
    }
    let extensions = tallies.add_extensions(inputs, &item_index, &name_of, &kind_of, &span);
    let Tallies {
        rows,
        cooperating,
        mut total,
        mut by_kind,
        mut overdue,
        mut finished,
        lists: _,
    } = tallies;
    total.finish();
    for t in &mut by_kind {
        t.finish();
    }
    let (departments, units) = ranked_tables(rows, cooperating, &order);
    overdue.sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then_with(|| a.item_no.cmp(&b.item_no))
    });
    finished.sort_by(|a, b| (a.done, &a.item_no).cmp(&(b.done, &b.item_no)));
    let reports = report_rows(inputs, period, &name_of, &order);

    let [departments_total, units_total] = by_kind;
    let mut figures = MonthlyFigures {
        period: *period,
        total,
        departments_total,
        units_total,
        departments,
        units,
        overdue,
        extensions,
        reports,
        finished,
        summary: String::new(),
    };
    figures.summary = summary::text(&figures);
    figures
}

/// §3's counts per lead party over `span`, with the same pass as [`compute`]
/// but without the lists: what 绩效考核 (EXCHANGE §6, `crate::assessment`)
/// scores. Parties that lead no item in scope and no counted extension are absent.
pub fn lead_tallies(inputs: &Inputs, cal: &Calendar, span: &Span) -> HashMap<i64, Tally> {
    let kind_of: HashMap<i64, PartyKind> = inputs.parties.iter().map(|p| (p.id, p.kind)).collect();
    let kind_of = |id: i64| kind_of.get(&id).copied().unwrap_or(PartyKind::Department);
    let no_name = |_: i64| String::new();
    let mut tallies = Tallies::default();
    // Only the items with an extension are looked up again (the extensions
    // are a few hundred; the items may be 200,000).
    let extended: std::collections::HashSet<i64> =
        inputs.extensions.iter().map(|e| e.item_id).collect();
    let mut item_index: HashMap<i64, &ItemFact> = HashMap::with_capacity(extended.len());
    for t in inputs.items.iter().filter(|t| !t.withdrawn) {
        if !extended.is_empty() && extended.contains(&t.id) {
            item_index.insert(t.id, t);
        }
        tallies.add_item(t, kind_of(t.lead), &no_name, cal, span);
    }
    tallies.add_extensions(inputs, &item_index, &no_name, &kind_of, span);
    tallies
        .rows
        .into_iter()
        .map(|(id, mut row)| {
            row.tally.finish();
            (id, row.tally)
        })
        .collect()
}

/// The whole office's counts over `span` — what [`lead_tallies`] gives summed
/// over the parties (应办结, 按期, 逾期办结, 逾期未办结 and the rate; not the
/// extensions or the new and standing items) — in one pass without the
/// per-party rows. The 工作台's 12-month trend asks it once a month.
pub fn office_tally(inputs: &Inputs, span: &Span) -> Tally {
    let mut total = Tally::default();
    for t in inputs.items.iter().filter(|t| !t.withdrawn && !t.standing) {
        let Some(due) = t.due else { continue };
        if let Some(class) = classify(due, t.done, span.first, span.as_of) {
            total.add(class);
        }
    }
    total.finish();
    total
}

/// Sorts rows by exact rate (desc), then 逾期未办结 (asc), and gives equal keys
/// the same rank (1, 2, 2, 4); rows with 应办结 = 0 go last, unranked.
fn rank(rows: &mut [PartyRow], order: &dyn Fn(i64) -> i64) {
    let key_cmp = |a: &PartyRow, b: &PartyRow| match (a.tally.due_total, b.tally.due_total) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        _ => b
            .tally
            .cmp_rate(&a.tally)
            .then_with(|| a.tally.overdue_open.cmp(&b.tally.overdue_open)),
    };
    rows.sort_by(|a, b| {
        key_cmp(a, b)
            .then_with(|| order(a.party_id).cmp(&order(b.party_id)))
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut prev: Option<usize> = None;
    for i in 0..rows.len() {
        if rows[i].tally.due_total == 0 {
            rows[i].rank = None;
            continue;
        }
        let r = match prev {
            Some(p) if key_cmp(&rows[p], &rows[i]) == Ordering::Equal => {
                rows[p].rank.expect("ranked")
            }
            _ => i as u32 + 1,
        };
        rows[i].rank = Some(r);
        prev = Some(i);
    }
}

fn report_rows(
    inputs: &Inputs,
    period: &Period,
    name_of: &dyn Fn(i64) -> String,
    order: &dyn Fn(i64) -> i64,
) -> Vec<ReportRow> {
    let mut rounds: Vec<&RoundFact> = inputs
        .rounds
        .iter()
        .filter(|r| period.month.contains(r.due))
        .collect();
    rounds.sort_by_key(|r| (r.due, r.id));
    let mut out = Vec::new();
    for r in rounds {
        let mut targets = r.targets.clone();
        targets.sort_by_key(|id| (order(*id), name_of(*id)));
        for p in targets {
            let received = r.received.get(&p).copied().filter(|d| *d <= period.as_of);
            out.push(ReportRow {
                round_id: r.id,
                round: r.title.clone(),
                due: r.due,
                party: name_of(p),
                received_on: received,
                status: report_status_at_end_of(r.due, received, period.as_of),
            });
        }
    }
    out
}
