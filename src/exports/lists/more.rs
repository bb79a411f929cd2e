//! The lists of 传达学习, a round's per-unit status, the organisation and
//! roster, and the audit log of a period.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::kinds::wanted_party;
use super::{Heading, ListFilter, ListTable, Value};
use crate::error::Result;
use crate::org::PartyKind;
use crate::sheets::write::{Book, Column};
use crate::store::audit::readable;
use crate::store::audit_labels::{action_label, entity_label};

/// 传达学习: one row per key document and party that must relay it, with the
/// report or 未报送; by 报送期限 in `from..=to`, one document's, one party's,
/// or only the unreported (`open_only`).
pub fn relay(conn: &Connection, today: NaiveDate, f: &ListFilter) -> Result<ListTable> {
    let party = wanted_party(conn, &f.party)?;
    let docs = match f.doc_no.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(doc) => vec![crate::relay::status(conn, doc, today)?],
        None => crate::relay::key_documents(conn, today)?,
    };
    let mut t = ListTable::new(
        "传达学习情况",
        "重点文件传达学习情况表",
        vec![
            Column::integer("序号", 6.0),
            Column::text("收文编号", 15.0),
            Column::text("文件标题", 30.0).wrap(),
            Column::text("部门/单位", 16.0).wrap(),
            Column::date("报送期限"),
            Column::date("报送日期"),
            Column::text("传达形式", 9.0),
            Column::text("贯彻落实措施", 36.0).wrap(),
            Column::text("状态", 9.0),
        ],
    );
    t.scope = f.period_text("报送期限");
    for d in &docs {
        for e in &d.entries {
            if !f.in_range(e.due)
                || (f.open_only && e.reported_on.is_some())
                || party.is_some_and(|p| p != e.party_id)
            {
                continue;
            }
            let state = match (e.reported_on, e.late, e.missing) {
                (Some(_), true, _) => "逾期报送",
                (Some(_), false, _) => "已报送",
                (None, _, true) => "逾期未报",
                (None, _, false) => "未到期",
            };
            t.rows.push(vec![
                Value::Int(t.rows.len() as i64 + 1),
                Value::text(&d.doc_no),
                Value::text(&d.title),
                Value::text(&e.party),
                Value::Date(e.due),
                Value::date(e.reported_on),
                Value::text(e.form.map(|x| x.label()).unwrap_or("")),
                Value::text(&e.measures),
                Value::text(state),
            ]);
        }
    }
    Ok(t)
}

/// One round's per-unit status (按时 / 迟报 / 漏报 / 未到期), the round named by
/// `filter.round`.
pub fn round(conn: &Connection, today: NaiveDate, f: &ListFilter) -> Result<ListTable> {
    let Some(id) = f.round else {
        return Err(crate::error::invalid(
            "请指定报送任务（编号），可用 duban round list 查看。",
        ));
    };
    let detail = crate::rounds::query::round_detail(conn, id, today)?;
    let r = &detail.round;
    let mut t = ListTable::new(
        "报送情况",
        &format!("“{}”报送情况", r.title),
        vec![
            Column::integer("序号", 6.0),
            Column::text("部门/单位", 20.0).wrap(),
            Column::text("类别", 10.0),
            Column::date("报送期限"),
            Column::date("收到日期"),
            Column::integer("报送份数", 9.0),
            Column::text("状态", 9.0),
        ],
    );
    let c = &r.counts;
    t.scope = format!(
        "{}　报送期限：{}　应报 {} 个，按时 {}、迟报 {}、漏报 {}、未到期 {}",
        r.kind.label(),
        crate::dates::ymd(r.due),
        c.targets,
        c.on_time,
        c.late,
        c.missing,
        c.not_due
    );
    for x in &detail.targets {
        t.rows.push(vec![
            Value::Int(t.rows.len() as i64 + 1),
            Value::text(&x.party),
            Value::text(x.kind.label()),
            Value::Date(r.due),
            Value::date(x.received_on),
            Value::Int(i64::from(x.reports)),
            Value::text(x.status.label()),
        ]);
    }
    Ok(t)
}

/// 组织机构与人员: departments and units (with aliases), 局领导, and the
/// staff and 督查专员 roster (one party's when `filter.party`).
pub fn org(conn: &Connection, f: &ListFilter) -> Result<Vec<ListTable>> {
    let party = wanted_party(conn, &f.party)?;
    let o = crate::org::list(conn)?;
    let state = |active: bool| Value::text(if active { "在用" } else { "停用" });
    let mut parties = ListTable::new(
        "组织机构",
        "组织机构",
        vec![
            Column::integer("序号", 6.0),
            Column::text("类别", 10.0),
            Column::text("名称", 24.0).wrap(),
            Column::text("简称/别名", 36.0).wrap(),
            Column::text("状态", 7.0),
        ],
    );
    for kind in [PartyKind::Department, PartyKind::Unit] {
        for p in o.parties.iter().filter(|p| p.kind == kind) {
            if party.is_some_and(|id| id != p.id) {
                continue;
            }
            parties.rows.push(vec![
                Value::Int(parties.rows.len() as i64 + 1),
                Value::text(p.kind.label()),
                Value::text(&p.name),
                Value::text(p.aliases.join("、")),
                state(p.active),
            ]);
        }
    }
    let mut leaders = ListTable::new(
        "局领导",
        "局领导",
        vec![
            Column::integer("序号", 6.0),
            Column::text("姓名", 12.0),
            Column::text("职务", 24.0).wrap(),
            Column::text("状态", 7.0),
        ],
    );
    for l in &o.leaders {
        leaders.rows.push(vec![
            Value::Int(leaders.rows.len() as i64 + 1),
            Value::text(&l.name),
            Value::text(&l.title),
            state(l.active),
        ]);
    }
    let mut people = ListTable::new(
        "人员名单",
        "经办人与督查专员名单",
        vec![
            Column::integer("序号", 6.0),
            Column::text("姓名", 12.0),
            Column::text("所在部门/单位", 24.0).wrap(),
            Column::text("身份", 10.0),
            Column::text("级别", 10.0),
            Column::text("专职/兼职", 9.0),
            Column::text("联系电话", 16.0),
            Column::text("状态", 7.0),
        ],
    );
    for p in crate::org::people::list_people(conn, None)? {
        if party.is_some_and(|id| id != p.party_id) {
            continue;
        }
        people.rows.push(vec![
            Value::Int(people.rows.len() as i64 + 1),
            Value::text(&p.name),
            Value::text(&p.party),
            Value::text(p.role.label()),
            Value::text(&p.level),
            Value::text(if p.full_time { "专职" } else { "兼职" }),
            Value::text(&p.phone),
            state(p.active),
        ]);
    }
    Ok(vec![parties, leaders, people])
}

/// The audit log of a period (操作时间 in `from..=to`), oldest first, with
/// who did what to which record and the before → after values; one
/// operator's, or entries mentioning `filter.text`.
pub fn audit(conn: &Connection, f: &ListFilter) -> Result<ListTable> {
    super::table::gathered(audit_table(f), |each| audit_rows(conn, f, each))
}

/// The audit log's sheet without its rows.
fn audit_table(f: &ListFilter) -> ListTable {
    let mut t = ListTable::new(
        "操作记录",
        "操作记录（审计日志）",
        vec![
            Column::integer("序号", 8.0),
            Column::datetime("操作时间"),
            Column::text("操作人", 10.0),
            Column::text("对象", 10.0),
            Column::text("编号", 16.0),
            Column::text("操作", 16.0),
            Column::text("修改前", 40.0).wrap(),
            Column::text("修改后", 40.0).wrap(),
        ],
    );
    t.scope = f.period_text("操作时间");
    t
}

/// Each entry of the audit log under `f`, oldest first, as a row.
fn audit_rows(
    conn: &Connection,
    f: &ListFilter,
    mut each: impl FnMut(Vec<Value>) -> Result<()>,
) -> Result<()> {
    let mut st = conn.prepare(&format!(
        "SELECT id, at, operator, entity, entity_id, action, before, after FROM audit_log
         {} ORDER BY id",
        super::shown::AUDIT_WHERE
    ))?;
    let mut rows = st.query(rusqlite::params_from_iter(super::shown::audit_args(f)))?;
    while let Some(r) = rows.next()? {
        let at: String = r.get(1)?;
        let moment = crate::dates::parse_stamp(&at);
        let entity: String = r.get(3)?;
        each(vec![
            Value::Int(r.get(0)?),
            moment.map_or_else(|| Value::Text(at), Value::DateTime),
            Value::Text(r.get(2)?),
            Value::Text(entity_label(&entity).to_string()),
            Value::Text(r.get(4)?),
            Value::Text(action_label(&r.get::<_, String>(5)?).to_string()),
            Value::text(readable(&entity, r.get::<_, Option<String>>(6)?.as_deref())),
            Value::text(readable(&entity, r.get::<_, Option<String>>(7)?.as_deref())),
        ])?;
    }
    Ok(())
}

/// The audit log's workbook under `f`: the log can hold hundreds of
/// thousands of entries, so its rows are written while they are read
/// ([`crate::exports::overlap`]) rather than gathered first. Returns the
/// workbook and the number of rows.
pub(super) fn audit_book(
    conn: &Connection,
    f: &ListFilter,
    heading: &Heading,
) -> Result<(Book, usize)> {
    let total: i64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM audit_log {}",
            super::shown::AUDIT_WHERE
        ),
        rusqlite::params_from_iter(super::shown::audit_args(f)),
        |r| r.get(0),
    )?;
    super::table::streamed_book(&audit_table(f), total as usize, heading, |each| {
        audit_rows(conn, f, each)
    })
}
