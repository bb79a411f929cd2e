//! The lists of documents, leaders' instructions, extension requests and
//! countersigns, from their capabilities' queries.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Heading, ListFilter, ListTable, Value};
use crate::documents::{count_documents, for_each_document, DocumentFilter, Received};
use crate::error::Result;
use crate::items::Status;
use crate::sheets::write::{Book, Column};

fn yes(b: bool) -> Value {
    Value::text(if b { "是" } else { "" })
}

/// The party a filter names (a name or alias), None when no filter;
/// refused when it names no department or unit.
pub(super) fn wanted_party(conn: &Connection, wanted: &Option<String>) -> Result<Option<i64>> {
    match wanted.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(w) => match crate::org::party_id(conn, w)? {
            Some(id) => Ok(Some(id)),
            None => Err(crate::error::invalid(format!(
                "没有名为“{w}”的部门或单位，请检查名称（可用 duban org list 查看）。"
            ))),
        },
    }
}

/// 收文登记簿: every document received, oldest first, with the page's filters
/// and 收文日期 in `from..=to`.
pub fn documents(conn: &Connection, f: &ListFilter) -> Result<ListTable> {
    super::table::gathered(documents_table(f), |each| document_rows(conn, f, each))
}

/// The 收文登记簿's workbook, its rows written while they are read (a
/// register can be long); returns the workbook and the number of rows.
pub(super) fn documents_book(
    conn: &Connection,
    f: &ListFilter,
    heading: &Heading,
) -> Result<(Book, usize)> {
    let total = count_documents(conn, &document_filter(f), &received(f))?;
    super::table::streamed_book(&documents_table(f), total, heading, |each| {
        document_rows(conn, f, each)
    })
}

fn document_filter(f: &ListFilter) -> DocumentFilter {
    DocumentFilter {
        text: f.text.clone(),
        urgency: f.urgency,
        unsplit_only: f.unsplit_only,
        year: f.year,
    }
}

/// The list's period as a period of 收文日期.
fn received(f: &ListFilter) -> Received {
    Received {
        from: f.from,
        to: f.to,
    }
}

/// The 收文登记簿's sheet without its rows.
fn documents_table(f: &ListFilter) -> ListTable {
    let mut t = ListTable::new(
        "收文登记簿",
        "收文登记簿",
        vec![
            Column::integer("序号", 6.0),
            Column::text("收文编号", 15.0),
            Column::date("收文日期"),
            Column::text("来文单位", 16.0).wrap(),
            Column::text("来文文号", 16.0).wrap(),
            Column::text("文件标题", 36.0).wrap(),
            Column::text("来源类别", 12.0),
            Column::text("紧急程度", 9.0),
            Column::date("办理时限"),
            Column::text("重要文件", 9.0),
            Column::text("重点传达", 9.0),
            Column::integer("批示圈阅", 9.0),
            Column::integer("督办事项", 9.0),
            Column::text("内容摘要", 30.0).wrap(),
        ],
    );
    t.scope = f.period_text("收文日期");
    t
}

/// Each document under `f` received in `from..=to`, oldest first, as a row.
fn document_rows(
    conn: &Connection,
    f: &ListFilter,
    mut each: impl FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let mut n = 0;
    for_each_document(conn, &document_filter(f), &received(f), true, |d| {
        n += 1;
        each(vec![
            Value::Int(n),
            Value::Text(d.doc_no),
            Value::Date(d.received_on),
            Value::Text(d.source_org),
            Value::Text(d.source_doc_no),
            // A voided document stays in the register, marked where it is read.
            Value::Text(match &d.voided {
                Some(v) => format!("{}（已作废：{}）", d.title, v.reason),
                None => d.title,
            }),
            Value::Text(d.source_category),
            Value::text(d.urgency.label()),
            Value::date(d.time_limit),
            yes(d.important),
            yes(d.key_relay),
            Value::Int(d.instruction_count),
            Value::Int(d.item_count),
            Value::Text(d.summary),
        ])
    })
}

/// 批示件办理情况: per leader (then date), each 批示 or 圈阅 with its document
/// and each item split from that document — its 牵头部门, 完成时限, 办理状态
/// and 办结日期 — so a leader sees what became of what they instructed.
/// A document without items has one row with the item columns empty.
pub fn instructions(conn: &Connection, today: NaiveDate, f: &ListFilter) -> Result<ListTable> {
    let mut t = ListTable::new(
        "批示件办理情况",
        "领导批示件办理情况",
        vec![
            Column::text("局领导", 10.0),
            Column::date("批示日期"),
            Column::text("类型", 7.0),
            Column::text("批示内容", 28.0).wrap(),
            Column::text("收文编号", 15.0),
            Column::text("文件标题", 28.0).wrap(),
            Column::text("事项编号", 14.0),
            Column::text("事项名称", 28.0).wrap(),
            Column::text("牵头部门", 14.0).wrap(),
            Column::date("完成时限"),
            Column::text("办理状态", 9.0),
            Column::date("办结日期"),
            Column::text("是否逾期", 9.0),
        ],
    );
    let leader = f.leader.as_deref().map(str::trim).filter(|s| !s.is_empty());
    t.scope = [
        leader.map(|l| format!("局领导：{l}")).unwrap_or_default(),
        f.period_text("批示日期"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join("　");
    let mut st = conn.prepare(
        "SELECT ins.leader, ins.given_on, ins.kind, ins.text, d.doc_no, d.title,
                i.item_no, i.name, p.name, i.effective_deadline, i.status, i.done_on, i.standing
         FROM instructions ins
         JOIN documents d ON d.id = ins.document_id
         LEFT JOIN items i ON i.document_id = d.id AND i.voided_at IS NULL
         LEFT JOIN parties p ON p.id = i.lead_party_id
         WHERE ins.voided_at IS NULL AND d.voided_at IS NULL AND (?1 IS NULL OR ins.leader = ?1)
         ORDER BY ins.leader, ins.given_on, ins.id, i.item_no",
    )?;
    let day = |s: Option<String>| s.as_deref().and_then(crate::dates::parse_ymd);
    let mut rows = st.query(rusqlite::params![leader])?;
    while let Some(r) = rows.next()? {
        let given = day(Some(r.get(1)?)).unwrap_or_default();
        if !f.in_range(given) {
            continue;
        }
        let item_no: Option<String> = r.get(6)?;
        let status = match r.get::<_, Option<String>>(10)? {
            Some(code) => Some(Status::from_code(&code)?),
            None => None,
        };
        let deadline = day(r.get(9)?);
        let done_on = day(r.get(11)?);
        let standing = r.get::<_, Option<i64>>(12)?.unwrap_or(0) != 0;
        let late = match (status, deadline) {
            (Some(s), Some(dl)) if s.is_open() => dl < today,
            (Some(Status::Done), Some(dl)) => done_on.is_some_and(|d| d > dl),
            _ => false,
        };
        t.rows.push(vec![
            Value::Text(r.get(0)?),
            Value::Date(given),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Text(r.get(4)?),
            Value::Text(r.get(5)?),
            Value::text(item_no.unwrap_or_default()),
            Value::text(r.get::<_, Option<String>>(7)?.unwrap_or_default()),
            Value::text(r.get::<_, Option<String>>(8)?.unwrap_or_default()),
            if standing {
                Value::text("长期")
            } else {
                Value::date(deadline)
            },
            Value::text(status.map(Status::label).unwrap_or("")),
            Value::date(done_on),
            yes(late),
        ]);
    }
    Ok(t)
}

/// 延期申请: every request (or one item's, or of one status or party), by
/// 申请日期 in `from..=to`.
pub fn extensions(conn: &Connection, f: &ListFilter) -> Result<ListTable> {
    let list = super::shown::extension_requests(conn, f)?;
    let mut t = ListTable::new(
        "延期申请",
        "延期申请登记表",
        vec![
            Column::integer("序号", 6.0),
            Column::text("事项编号", 14.0),
            Column::text("事项名称", 30.0).wrap(),
            Column::text("申请单位", 16.0).wrap(),
            Column::date("申请日期"),
            Column::date("原定时限"),
            Column::date("申请前时限"),
            Column::date("申请延至"),
            Column::text("延期理由", 30.0).wrap(),
            Column::text("已办理情况", 24.0).wrap(),
            Column::text("审批结果", 9.0),
            Column::date("审批日期"),
            Column::text("审批意见", 20.0).wrap(),
        ],
    );
    t.scope = f.period_text("申请日期");
    for e in &list {
        t.rows.push(vec![
            Value::Int(t.rows.len() as i64 + 1),
            Value::text(&e.item_no),
            Value::text(&e.item_name),
            Value::text(&e.party),
            Value::Date(e.requested_on),
            Value::date(e.original_deadline),
            Value::Date(e.old_deadline),
            Value::Date(e.new_deadline),
            Value::text(&e.reason),
            Value::text(&e.progress_so_far),
            // The page shows a voided request struck through; the sheet says so.
            Value::text(if e.voided.is_some() {
                "已作废"
            } else {
                e.status.label()
            }),
            Value::date(e.decided_on),
            Value::text(&e.decision_note),
        ]);
    }
    Ok(t)
}

/// 会签 / 征求意见: one row per party asked, with its reply or 逾期未复;
/// by 发出日期 in `from..=to`, one document's, one party's, or only the
/// unanswered (`open_only`).
pub fn countersigns(conn: &Connection, today: NaiveDate, f: &ListFilter) -> Result<ListTable> {
    let party = wanted_party(conn, &f.party)?;
    let list = match f.doc_no.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(doc) => crate::countersigns::for_document(conn, doc)?,
        None => crate::countersigns::list(conn, false)?,
    };
    let mut t = ListTable::new(
        "会签征求意见",
        "会签（征求意见）情况表",
        vec![
            Column::integer("序号", 6.0),
            Column::text("类型", 9.0),
            Column::text("事由", 30.0).wrap(),
            Column::text("收文编号", 15.0),
            Column::date("发出日期"),
            Column::integer("答复时限（工作日）", 10.0),
            Column::date("答复期限"),
            Column::text("征询部门", 16.0).wrap(),
            Column::date("答复日期"),
            Column::text("意见", 9.0),
            Column::text("意见内容", 30.0).wrap(),
            Column::text("状态", 10.0),
        ],
    );
    t.scope = f.period_text("发出日期");
    for c in list.iter().filter(|c| f.in_range(c.sent_on)) {
        for r in &c.replies {
            let answered = r.replied_on.is_some();
            if (f.open_only && answered) || party.is_some_and(|p| p != r.party_id) {
                continue;
            }
            let state = match r.replied_on {
                Some(d) if d > c.reply_due => "逾期答复",
                Some(_) => "已答复",
                None if today > c.reply_due => "逾期未复",
                None => "待答复",
            };
            t.rows.push(vec![
                Value::Int(t.rows.len() as i64 + 1),
                Value::text(c.kind.label()),
                Value::text(&c.title),
                Value::text(c.doc_no.clone().unwrap_or_default()),
                Value::Date(c.sent_on),
                Value::Int(i64::from(c.reply_days)),
                Value::Date(c.reply_due),
                Value::text(&r.party),
                Value::date(r.replied_on),
                Value::text(r.opinion.map(|o| o.label()).unwrap_or("")),
                Value::text(&r.comment),
                Value::text(state),
            ]);
        }
    }
    Ok(t)
}
