//! The `calendar_missing` reminder: from 1 December, next year's holiday
//! schedule is not loaded. The calendar sits below the reminder vocabulary,
//! so its source lives here, above both.

use chrono::NaiveDate;

use crate::error::Result;
use crate::reminders::{Reminder, ReminderKind, ScanContext};

/// One reminder when [`crate::calendar::Calendar::missing_schedule_year`] says so;
/// due on 1 December of this year, the office's move.
pub(crate) fn calendar_reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let today = ctx.window.today;
    let (Some(year), Some(message)) = (
        ctx.cal.missing_schedule_year(today),
        crate::calendar::missing_schedule_notice(ctx.cal, today),
    ) else {
        return Ok(());
    };
    let due = NaiveDate::from_ymd_opt(year - 1, 12, 1).unwrap_or(today);
    let mut r = Reminder::new(
        ReminderKind::CalendarMissing,
        format!("{year}年节假日安排"),
        ctx.office.to_string(),
        due,
        message,
    );
    r.title = format!("{year}年节假日安排未载入");
    r.days_late = ctx.window.days_late(due);
    out.push(r);
    Ok(())
}
