//! Item rules: red and yellow lights, milestones due.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::params;

use crate::dates::date_col;
use crate::error::Result;
use crate::reminders::{
    Reminder, ReminderKind, ScanContext, OPEN_ITEM_SQL, OPEN_STATUSES_SQL, RED, YELLOW,
};

/// Red items (`deadline < today`) and yellow items (`today <= deadline <
/// yellow_end`): two range reads of the partial index of open items by
/// deadline (`items_open_deadline`, migration 0003).
pub(crate) fn item_light_reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, cal, w) = (ctx.conn, ctx.cal, ctx.window);
    let sql = format!(
        "SELECT i.id, i.item_no, i.name, p.name, i.effective_deadline, s.light
         FROM items i INDEXED BY items_open_deadline JOIN parties p ON p.id = i.lead_party_id
         LEFT JOIN item_lights_seen s ON s.item_id = i.id
         WHERE i.{OPEN_ITEM_SQL} AND i.effective_deadline >= ?1 AND i.effective_deadline < ?2"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let today = crate::dates::ymd(w.today);
    let red_from = "0000-00-00";
    let yellow_end = crate::dates::ymd(w.yellow_end);
    for (from, to, kind) in [
        (red_from, today.as_str(), ReminderKind::ItemRed),
        (
            today.as_str(),
            yellow_end.as_str(),
            ReminderKind::ItemYellow,
        ),
    ] {
        let mut rows = st.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let item_no: String = r.get(1)?;
            let name: String = r.get(2)?;
            let party: String = r.get(3)?;
            let due = date_col(r, 4)?;
            let seen: Option<String> = r.get(5)?;
            let light = if kind == ReminderKind::ItemRed {
                RED
            } else {
                YELLOW
            };
            let message = if kind == ReminderKind::ItemRed {
                format!(
                    "事项“{name}”已逾期 {} 天（完成时限 {}），请向{party}催办，督促尽快办结；确需延期的，应先提出延期申请。",
                    w.days_late(due),
                    crate::dates::ymd(due)
                )
            } else if due == w.today {
                format!("事项“{name}”今天到期，请提醒{party}按时办结并报送办结报告。")
            } else {
                format!(
                    "事项“{name}”距完成时限 {} 还有 {} 个工作日，请提醒{party}抓紧办理。",
                    crate::dates::ymd(due),
                    cal.workdays_between(w.today, due)
                )
            };
            let mut rem = Reminder::new(kind, item_no, party, due, message);
            rem.title = name;
            rem.days_late = w.days_late(due);
            rem.new = seen.as_deref() != Some(light);
            rem.item_id = Some(id);
            out.push(rem);
        }
    }
    Ok(())
}

/// Milestones not done, of open items, due before the end of the yellow window.
///
/// Old milestones of closed items are usually never ticked, so most undone
/// milestones belong to closed items. Rather than look each one's item up,
/// the candidates come from the partial index of undone milestones, the open
/// items from the small partial index of open ids (both migration 0003), and
/// only the survivors are joined to their item.
pub(crate) fn milestone_reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, w) = (ctx.conn, ctx.window);
    let mut st = conn.prepare_cached(
        "SELECT item_id, due, title FROM milestones INDEXED BY milestones_open_due
         WHERE done_on IS NULL AND voided_at IS NULL AND due < ?1",
    )?;
    let candidates: Vec<(i64, NaiveDate, String)> = st
        .query_map([crate::dates::ymd(w.yellow_end)], |r| {
            Ok((r.get(0)?, date_col(r, 1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if candidates.is_empty() {
        return Ok(());
    }
    let open: HashSet<i64> = conn
        .prepare_cached(&format!(
            "SELECT id FROM items INDEXED BY items_status WHERE status IN {OPEN_STATUSES_SQL}"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut item = conn.prepare_cached(
        "SELECT i.item_no, i.name, p.name FROM items i JOIN parties p ON p.id = i.lead_party_id WHERE i.id = ?1",
    )?;
    for (id, due, title) in candidates
        .into_iter()
        .filter(|(id, _, _)| open.contains(id))
    {
        let (item_no, name, party): (String, String, String) =
            item.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let late = w.days_late(due);
        let message = if due < w.today {
            format!(
                "事项“{name}”的节点“{title}”已超过计划时间 {} {late} 天，请向{party}了解进度并督促完成。",
                crate::dates::ymd(due)
            )
        } else {
            format!(
                "事项“{name}”的节点“{title}”将于 {} 到期，请提醒{party}按时间表推进。",
                crate::dates::ymd(due)
            )
        };
        let mut rem = Reminder::new(ReminderKind::MilestoneDue, item_no, party, due, message);
        rem.title = name;
        rem.days_late = late;
        rem.item_id = Some(id);
        out.push(rem);
    }
    Ok(())
}
