//! The one pass of [`compute`](super::compute) over the items and the
//! extensions: each party's [`Tally`], the office's and each kind's, and the
//! rows of the overdue, finished and extension lists.

use std::collections::HashMap;

use super::{
    classify, rank, Class, ExtensionRow, FinishedRow, Inputs, ItemFact, OverdueRow, PartyRow, Tally,
};
use crate::calendar::Calendar;
use crate::circulation::Span;
use crate::org::PartyKind;

/// The running totals of the pass.
#[derive(Default)]
pub(super) struct Tallies {
    /// One row per lead party met.
    pub rows: HashMap<i64, PartyRow>,
    /// Items due in the window each party cooperates on.
    pub cooperating: HashMap<i64, u32>,
    /// The whole office.
    pub total: Tally,
    /// Departments, units (see [`kind_ix`]).
    pub by_kind: [Tally; 2],
    /// 逾期未办结 items.
    pub overdue: Vec<OverdueRow>,
    /// Items finished in the month.
    pub finished: Vec<FinishedRow>,
    /// Whether to build the lists (overdue, finished, extensions) besides the counts.
    pub lists: bool,
}

/// Departments count in `by_kind[0]`, units in `by_kind[1]`.
fn kind_ix(k: PartyKind) -> usize {
    usize::from(k == PartyKind::Unit)
}

impl Tallies {
    /// Counts one (not withdrawn) item for its lead, its kind and the office,
    /// and lists it when overdue or finished in the month.
    pub fn add_item(
        &mut self,
        t: &ItemFact,
        kind: PartyKind,
        name_of: &dyn Fn(i64) -> String,
        cal: &Calendar,
        period: &Span,
    ) {
        let row = self.rows.entry(t.lead).or_insert_with(|| PartyRow {
            party_id: t.lead,
            name: name_of(t.lead),
            kind,
            tally: Tally::default(),
            cooperating: 0,
            rank: None,
        });
        let created_in_m = period.in_window(t.created_on);
        for tally in [
            &mut row.tally,
            &mut self.total,
            &mut self.by_kind[kind_ix(kind)],
        ] {
            tally.new_items += u32::from(created_in_m);
            tally.standing += u32::from(t.standing);
        }
        if t.standing {
            return;
        }
        let Some(due) = t.due else { return };
        let Some(class) = classify(due, t.done, period.first, period.as_of) else {
            return;
        };
        row.tally.add(class);
        self.total.add(class);
        self.by_kind[kind_ix(kind)].add(class);
        for c in &t.cooperators {
            *self.cooperating.entry(*c).or_default() += 1;
        }
        if !self.lists {
            return;
        }
        match class {
            Class::OverdueOpen => self.overdue.push(overdue_row(t, due, name_of, cal, period)),
            Class::OnTime | Class::LateDone => {
                let done = t.done.expect("a finished class has a completion date");
                // Finished in the window: an as-of day after the month does
                // not bring the next month's completions in.
                if period.in_window(done) {
                    self.finished.push(FinishedRow {
                        item_no: t.item_no.clone(),
                        name: t.name.clone(),
                        lead: name_of(t.lead),
                        due,
                        done,
                        on_time: class == Class::OnTime,
                    });
                }
            }
        }
    }

    /// Counts the extensions approved in the month for their item's lead, and
    /// lists every extension requested or decided in it (by request date).
    pub fn add_extensions(
        &mut self,
        inputs: &Inputs,
        item_index: &HashMap<i64, &ItemFact>,
        name_of: &dyn Fn(i64) -> String,
        kind_of: &dyn Fn(i64) -> PartyKind,
        period: &Span,
    ) -> Vec<ExtensionRow> {
        let mut extensions = Vec::new();
        for e in &inputs.extensions {
            let Some(t) = item_index.get(&e.item_id) else {
                continue;
            };
            let counted = e.approved && e.decided_on.is_some_and(|d| period.in_window(d));
            let touched = period.in_window(e.requested_on)
                || e.decided_on.is_some_and(|d| period.in_window(d));
            if !touched {
                continue;
            }
            if counted {
                let kind = kind_of(t.lead);
                if let Some(row) = self.rows.get_mut(&t.lead) {
                    row.tally.extensions += 1;
                }
                self.total.extensions += 1;
                self.by_kind[kind_ix(kind)].extensions += 1;
            }
            if !self.lists {
                continue;
            }
            extensions.push(ExtensionRow {
                item_no: t.item_no.clone(),
                name: t.name.clone(),
                lead: name_of(t.lead),
                requested_on: e.requested_on,
                old_deadline: e.old_deadline,
                new_deadline: e.new_deadline,
                status: e.status_label.clone(),
                decided_on: e.decided_on,
                reason: e.reason.clone(),
                counted,
            });
        }
        extensions.sort_by(|a, b| (a.requested_on, &a.item_no).cmp(&(b.requested_on, &b.item_no)));
        extensions
    }
}

/// The 逾期未办结 row of an item.
fn overdue_row(
    t: &ItemFact,
    due: chrono::NaiveDate,
    name_of: &dyn Fn(i64) -> String,
    cal: &Calendar,
    period: &Span,
) -> OverdueRow {
    let workdays = cal.workdays_between_answer(due, period.as_of);
    OverdueRow {
        item_no: t.item_no.clone(),
        name: t.name.clone(),
        lead: name_of(t.lead),
        cooperators: t
            .cooperators
            .iter()
            .map(|c| name_of(*c))
            .collect::<Vec<_>>()
            .join("、"),
        deadline: t.deadline,
        due,
        overdue_days: (period.as_of - due).num_days(),
        overdue_workdays: workdays.count,
        overdue_workdays_provisional: workdays.provisional,
        status: t.status_label.clone(),
    }
}

/// 部门排名 and 单位排名: each party's cooperation count and rate, ranked.
pub(super) fn ranked_tables(
    rows: HashMap<i64, PartyRow>,
    cooperating: HashMap<i64, u32>,
    order: &dyn Fn(i64) -> i64,
) -> (Vec<PartyRow>, Vec<PartyRow>) {
    let mut rows = rows;
    for (id, n) in cooperating {
        if let Some(row) = rows.get_mut(&id) {
            row.cooperating = n;
        }
    }
    let mut departments = Vec::new();
    let mut units = Vec::new();
    for mut row in rows.into_values() {
        row.tally.finish();
        match row.kind {
            PartyKind::Department => departments.push(row),
            PartyKind::Unit => units.push(row),
        }
    }
    rank(&mut departments, order);
    rank(&mut units, order);
    (departments, units)
}
