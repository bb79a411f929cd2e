//! Reading countersigns, and their reminders.

use rusqlite::{Connection, OptionalExtension};

use super::{Countersign, CountersignKind, CountersignReply, Opinion};
use crate::dates::{date_col, opt_date_col};
use crate::error::{Error, Result};
use crate::reminders::{Reminder, ReminderKind, ScanContext};

const SELECT: &str =
    "SELECT c.id, c.document_id, d.doc_no, c.title, c.kind, c.sent_on, c.reply_days, c.reply_due
    FROM countersigns c LEFT JOIN documents d ON d.id = c.document_id";

fn head(r: &rusqlite::Row<'_>) -> rusqlite::Result<Countersign> {
    let kind: String = r.get(4)?;
    Ok(Countersign {
        id: r.get(0)?,
        document_id: r.get(1)?,
        doc_no: r.get(2)?,
        title: r.get(3)?,
        kind: CountersignKind::parse(&kind).unwrap_or(CountersignKind::Countersign),
        sent_on: date_col(r, 5)?,
        reply_days: r.get(6)?,
        reply_due: date_col(r, 7)?,
        replies: Vec::new(),
    })
}

fn with_replies(conn: &Connection, mut cs: Countersign) -> Result<Countersign> {
    let mut st = conn.prepare_cached(
        "SELECT r.party_id, p.name, r.replied_on, r.opinion, r.comment
         FROM countersign_replies r JOIN parties p ON p.id = r.party_id
         WHERE r.countersign_id = ?1 ORDER BY p.sort_order, p.id",
    )?;
    let rows = st.query_map([cs.id], |r| {
        let opinion: Option<String> = r.get(3)?;
        Ok(CountersignReply {
            party_id: r.get(0)?,
            party: r.get(1)?,
            replied_on: opt_date_col(r, 2)?,
            opinion: opinion.and_then(|o| Opinion::parse(&o).ok()),
            comment: r.get(4)?,
        })
    })?;
    cs.replies = rows.collect::<rusqlite::Result<_>>()?;
    Ok(cs)
}

/// One countersign with its replies.
pub fn get(conn: &Connection, id: i64) -> Result<Countersign> {
    let cs = conn
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], head)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的会签/征求意见。")))?;
    with_replies(conn, cs)
}

/// Every countersign, newest first; with `open_only`, those still waiting for a reply.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Countersign>> {
    let sql = format!(
        "{SELECT} WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM countersign_replies r
             WHERE r.countersign_id = c.id AND r.replied_on IS NULL))
         ORDER BY c.sent_on DESC, c.id DESC"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let heads: Vec<Countersign> = st
        .query_map([open_only as i64], head)?
        .collect::<rusqlite::Result<_>>()?;
    heads.into_iter().map(|cs| with_replies(conn, cs)).collect()
}

/// The countersigns of one document, oldest first.
pub fn for_document(conn: &Connection, doc_no: &str) -> Result<Vec<Countersign>> {
    let mut st = conn.prepare_cached(&format!("{SELECT} WHERE d.doc_no = ?1 ORDER BY c.id"))?;
    let heads: Vec<Countersign> = st
        .query_map([doc_no.trim()], head)?
        .collect::<rusqlite::Result<_>>()?;
    heads.into_iter().map(|cs| with_replies(conn, cs)).collect()
}

/// Replies still open (all countersigns).
pub fn open_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM countersign_replies WHERE replied_on IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// One reminder per open reply: `countersign_overdue` when the reply
/// deadline is before today, `countersign_due` otherwise.
pub(crate) fn reminders(ctx: &ScanContext<'_>, out: &mut Vec<Reminder>) -> Result<()> {
    let (conn, w) = (ctx.conn, ctx.window);
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.document_id, d.doc_no, c.title, c.kind, c.reply_due, p.name
         FROM countersign_replies r JOIN countersigns c ON c.id = r.countersign_id
         JOIN parties p ON p.id = r.party_id LEFT JOIN documents d ON d.id = c.document_id
         WHERE r.replied_on IS NULL",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let document_id: Option<i64> = r.get(1)?;
        let doc_no: Option<String> = r.get(2)?;
        let title: String = r.get(3)?;
        let kind: String = r.get(4)?;
        let due = date_col(r, 5)?;
        let party: String = r.get(6)?;
        let late = w.days_late(due);
        let (rk, message) = if due < w.today {
            (
                ReminderKind::CountersignOverdue,
                format!(
                    "{kind}“{title}”的回复期限 {} 已过 {late} 天，{party}仍未回复，请催办。",
                    crate::dates::ymd(due)
                ),
            )
        } else {
            (
                ReminderKind::CountersignDue,
                format!(
                    "{kind}“{title}”请{party}于 {} 前回复意见，目前尚未回复。",
                    crate::dates::ymd(due)
                ),
            )
        };
        // The reference scripts read (docs/exchange.md §4): `会签#<id>` for a
        // countersign of a draft, whichever its kind (会签 or 征求意见).
        let ref_no = doc_no.unwrap_or_else(|| format!("会签#{id}"));
        let mut rem = Reminder::new(rk, ref_no, party, due, message);
        rem.title = title;
        rem.days_late = late;
        rem.document_id = document_id;
        rem.countersign_id = Some(id);
        out.push(rem);
    }
    Ok(())
}
