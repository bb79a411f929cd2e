//! Document rules: 特急/限时 documents not yet split, 限时件 past their limit.

use crate::dates::{date_col, opt_date_col};
use crate::error::Result;
use crate::reminders::{Reminder, ReminderKind, ScanContext, OPEN_STATUSES_SQL};

use super::SPLIT_SQL;

/// A 特急 or 限时 document with no item but withdrawn ones is
/// `urgent_unsplit` (the office's move: split it); a 限时件 whose limit is before today while it is
/// unsplit or has an open item is `time_limit_overdue` (the move of the lead
/// departments of its open items, or the office's when unsplit).
pub(crate) fn reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, w, office) = (ctx.conn, ctx.window, ctx.office);
    let sql = format!(
        "SELECT d.id, d.doc_no, d.title, d.urgency, d.time_limited, d.time_limit, d.received_on,
                {SPLIT_SQL},
                CASE WHEN d.time_limited = 1 AND d.time_limit < ?1 THEN
                    (SELECT group_concat(name, '、') FROM (
                        SELECT DISTINCT p.name AS name
                        FROM items i INDEXED BY items_document JOIN parties p ON p.id = i.lead_party_id
                        WHERE i.document_id = d.id AND i.status IN {OPEN_STATUSES_SQL}
                        ORDER BY p.sort_order, p.id))
                END
         FROM documents d
         WHERE (d.urgency = '特急' OR d.time_limited = 1) AND d.voided_at IS NULL
         ORDER BY d.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query([crate::dates::ymd(w.today)])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let doc_no: String = r.get(1)?;
        let title: String = r.get(2)?;
        let urgency: String = r.get(3)?;
        let limited: bool = r.get(4)?;
        let limit = if limited { opt_date_col(r, 5)? } else { None };
        let received = date_col(r, 6)?;
        let split: bool = r.get(7)?;
        let open_leads: Option<String> = r.get(8)?;
        let what = match (urgency == "特急", limited) {
            (true, true) => "特急限时件",
            (true, false) => "特急件",
            _ => "限时件",
        };
        if !split {
            let due = limit.unwrap_or(received);
            let limit_text = match limit {
                Some(l) => format!("，办理时限 {}", crate::dates::ymd(l)),
                None => String::new(),
            };
            let message = format!(
                "{what}“{title}”（{doc_no}{limit_text}）尚未分解为督办事项，请立即分解交办，明确牵头部门和完成时限。"
            );
            let mut rem = Reminder::new(
                ReminderKind::UrgentUnsplit,
                doc_no.clone(),
                office.to_string(),
                due,
                message,
            );
            rem.title = title.clone();
            rem.days_late = w.days_late(due);
            rem.document_id = Some(id);
            out.push(rem);
        }
        if let Some(limit) = limit {
            if limit < w.today && (!split || open_leads.is_some()) {
                let late = w.days_late(limit);
                let (party, tail) = match open_leads {
                    Some(leads) if split => (
                        leads.clone(),
                        format!("请向{leads}催办，督促立即办结并报告。"),
                    ),
                    _ => (
                        office.to_string(),
                        "且尚未分解，请立即分解交办并催办。".to_string(),
                    ),
                };
                let message = format!(
                    "限时件“{title}”（{doc_no}）已超过办理时限 {} {late} 天，{tail}",
                    crate::dates::ymd(limit)
                );
                let mut rem = Reminder::new(
                    ReminderKind::TimeLimitOverdue,
                    doc_no.clone(),
                    party,
                    limit,
                    message,
                );
                rem.title = title.clone();
                rem.days_late = late;
                rem.document_id = Some(id);
                out.push(rem);
            }
        }
    }
    Ok(())
}
