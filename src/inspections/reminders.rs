//! 整改's reminder sources (PRODUCT #6, EXCHANGE §7): open 整改事项 turning
//! red (`deadline < today`) or yellow (`today <= deadline < yellow_end`, the
//! items' rule and calendar), and follow-ups not done whose planned date is
//! within the yellow window or past (`followup_due`).

use rusqlite::params;

use crate::dates::{date_col, ymd};
use crate::error::Result;
use crate::reminders::{Reminder, ReminderKind, ScanContext};

/// Red and yellow open rectification items: two range reads of the partial
/// index `rectifications_open_deadline`.
pub fn rectification_light_reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, cal, w) = (ctx.conn, ctx.cal, ctx.window);
    let mut st = conn.prepare_cached(
        "SELECT r.rect_no, r.problem, p.name, r.deadline FROM rectifications r
         JOIN parties p ON p.id = r.party_id
         WHERE r.status = 'open' AND r.deadline >= ?1 AND r.deadline < ?2",
    )?;
    let today = ymd(w.today);
    let yellow_end = ymd(w.yellow_end);
    for (from, to, kind) in [
        ("0000-00-00", today.as_str(), ReminderKind::RectificationRed),
        (
            today.as_str(),
            yellow_end.as_str(),
            ReminderKind::RectificationYellow,
        ),
    ] {
        let mut rows = st.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let no: String = r.get(0)?;
            let problem: String = r.get(1)?;
            let party: String = r.get(2)?;
            let due = date_col(r, 3)?;
            let message = if kind == ReminderKind::RectificationRed {
                format!(
                    "整改事项 {no} 已逾期 {} 天（整改时限 {}），请督促{party}抓紧整改并报送整改情况。",
                    w.days_late(due),
                    ymd(due)
                )
            } else if due == w.today {
                format!("整改事项 {no} 今天到期，请提醒{party}按时完成整改。")
            } else {
                format!(
                    "整改事项 {no} 距整改时限 {} 还有 {} 个工作日，请提醒{party}抓紧整改。",
                    ymd(due),
                    cal.workdays_between(w.today, due)
                )
            };
            let mut rem = Reminder::new(kind, no, party, due, message);
            rem.title = problem;
            rem.days_late = w.days_late(due);
            out.push(rem);
        }
    }
    Ok(())
}

/// 回头看 / 再督查 not done, planned before the end of the yellow window.
pub fn followup_reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let w = ctx.window;
    let mut st = ctx.conn.prepare_cached(
        "SELECT u.id, u.kind, u.planned_on, coalesce(r.rect_no, i.number), coalesce(r.problem, i.name)
         FROM followups u LEFT JOIN rectifications r ON r.id = u.rectification_id
         LEFT JOIN inspections i ON i.id = u.inspection_id
         WHERE u.done_on IS NULL AND u.planned_on < ?1",
    )?;
    let mut rows = st.query([ymd(w.yellow_end)])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let kind: String = r.get(1)?;
        let due = date_col(r, 2)?;
        let of: String = r.get(3)?;
        let title: String = r.get(4)?;
        let message = if due < w.today {
            format!(
                "{of} 的{kind}（#{id}）计划于 {} 进行，已过期 {} 天，请安排并登记结果。",
                ymd(due),
                w.days_late(due)
            )
        } else {
            format!(
                "{of} 的{kind}（#{id}）计划于 {} 进行，请做好安排。",
                ymd(due)
            )
        };
        let mut rem = Reminder::new(
            ReminderKind::FollowupDue,
            of,
            ctx.office.to_string(),
            due,
            message,
        );
        rem.title = title;
        rem.days_late = w.days_late(due);
        out.push(rem);
    }
    Ok(())
}
