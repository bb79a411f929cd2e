//! The ledger query (PRODUCT #9): filters, count and one page, in SQL. Lights
//! become date ranges on `effective_deadline` (see [`yellow_bound`]) so that
//! the query stays on indexes at hundreds of thousands of items.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::dates::{parse_ymd, ymd};
use crate::error::{Error, Result};
use crate::items::search;
use crate::items::{light_of, yellow_bound, yellow_days, Light, Status};
use crate::store::columns::{opt_text_at, str_at, text_at};

/// How the ledger is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LedgerSort {
    /// 事项编号, oldest first
    #[default]
    ItemNo,
    /// 事项编号, newest first.
    ItemNoDesc,
    /// 完成时限 (effective), earliest first; standing items last
    Deadline,
    /// 完成时限 (effective), latest first.
    DeadlineDesc,
    /// 牵头部门 in organisation order
    Lead,
}

/// The ledger's filters; empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct LedgerFilter {
    /// A department or unit (name or alias): items it leads, or also those it
    /// cooperates on when `include_cooperating`.
    pub party: Option<String>,
    /// With `party`: also list the items it cooperates on (配合), not only those it leads.
    pub include_cooperating: bool,
    /// 统筹局领导
    pub leader: Option<String>,
    /// Only items in one of these 办理状态; empty for all.
    pub status: Vec<Status>,
    /// Only open items with one of these lights (红/黄/绿灯); empty for all.
    pub light: Vec<Light>,
    /// Only items of this 来源类别 (exact match); None or blank for all.
    pub source_category: Option<String>,
    /// Only items whose effective 完成时限 is on or after this date (excludes standing items).
    pub deadline_from: Option<NaiveDate>,
    /// Only items whose effective 完成时限 is on or before this date (excludes standing items).
    pub deadline_to: Option<NaiveDate>,
    /// Chinese substring over 事项编号, 事项名称 and 工作要求.
    pub text: Option<String>,
    /// Only items under 跟踪督办 (§十六).
    pub tracked_only: bool,
    /// Items split from this document (收文编号).
    pub doc_no: Option<String>,
    /// Only these items (事项编号), e.g. the rows selected in the window; empty for all.
    pub item_nos: Vec<String>,
    /// Row order.
    pub sort: LedgerSort,
    /// 1-based
    pub page: u32,
    /// 0 means all rows
    pub page_size: u32,
}

/// One row of the ledger.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ItemRow {
    /// Row id in `items`.
    pub id: i64,
    /// 事项编号, e.g. `DB2026-0001` (or as imported).
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// 工作要求 (任务书); may be empty.
    pub requirement: String,
    /// 牵头部门: the leading department's name.
    pub lead: String,
    /// 牵头部门: its `parties.id`.
    pub lead_id: i64,
    /// 配合部门: names of the cooperating departments; empty when none.
    pub cooperators: Vec<String>,
    /// 统筹局领导 (§五); empty when not set.
    pub coordinator_leader: String,
    /// 责任人: the person responsible; empty when not set.
    pub owner_person: String,
    /// 来源类别; empty when not set.
    pub source_category: String,
    /// 来文文号 of the source document, as recorded on the item; may be empty.
    pub source_doc_no: String,
    /// 收文编号 of the registered document the item was split from; None when it has none.
    pub doc_no: Option<String>,
    /// 长期: a standing item that reports by cycle and may have no deadline.
    pub standing: bool,
    /// 报送周期 of a standing item (每月 / 每季度 ...); empty otherwise.
    pub report_cycle: String,
    /// 完成时限 as first set; None only for a standing item.
    pub deadline: Option<NaiveDate>,
    /// The deadline in force after approved extensions; None only for a standing item.
    pub effective_deadline: Option<NaiveDate>,
    /// 办理状态.
    pub status: Status,
    /// The status's Chinese label (未启动, 推进中 ...), as the UI shows it.
    pub status_label: String,
    /// None for standing, done and withdrawn items.
    pub light: Option<Light>,
    /// 跟踪督办 (§十六).
    pub tracked: bool,
    /// 办结日期; None until the item is done.
    pub done_on: Option<NaiveDate>,
    /// The date the item was entered or imported.
    pub created_on: NaiveDate,
    /// 备注; may be empty.
    pub note: String,
    /// The text of the latest 办理进展; empty when none.
    pub latest_progress: String,
    /// Number of 办理进展 entries.
    pub progress_count: i64,
    /// Number of 催办 recorded on the item.
    pub chase_count: i64,
    /// The date of the latest 办理进展 (a standing item's last report); None when none.
    pub last_report: Option<NaiveDate>,
}

/// A page of the ledger and the number of rows the filters match.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LedgerPage {
    /// Number of rows the filters match, over all pages.
    pub total: i64,
    /// The rows of the requested page.
    pub rows: Vec<ItemRow>,
}

/// The deadline as the index `items_deadline_order` holds it (standing items last).
const DEADLINE_KEY: &str = "coalesce(i.effective_deadline, '9999-12-31')";

const OPEN: &str = "i.status IN ('not_started','in_progress','pending_review') AND i.standing = 0";

/// A ledger filter turned into SQL: the WHERE clause, its arguments and the
/// ORDER BY expression.
struct Plan {
    where_sql: String,
    args: Vec<Value>,
    order: &'static str,
    yellow_days: u32,
    /// The filter is a search and nothing else: count in the search index
    /// (one row per item, just filled) rather than seek every match in items
    /// (50,000 matches: 17 ms -> 1.3 ms).
    search_only: bool,
}

impl Plan {
    fn count(&self, conn: &Connection) -> Result<i64> {
        let sql = if self.search_only {
            "SELECT count(*) FROM item_search WHERE item_search MATCH ?1".to_string()
        } else {
            format!("SELECT count(*) FROM items i {}", self.where_sql)
        };
        Ok(
            conn.query_row(&sql, rusqlite::params_from_iter(self.args.iter()), |r| {
                r.get(0)
            })?,
        )
    }
    fn select(&self, limit: &str) -> String {
        self.select_from(ROW_SELECT, limit)
    }
    /// The filter's query over `head` (a [`ROW_SELECT`] or [`sheet_select`]).
    fn select_from(&self, head: &str, limit: &str) -> String {
        format!("{head} {} ORDER BY {} {limit}", self.where_sql, self.order)
    }
}

/// Runs the ledger query on `today`.
pub fn query_ledger(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    f: &LedgerFilter,
) -> Result<LedgerPage> {
    let plan = plan(conn, cal, today, f)?;
    let total = plan.count(conn)?;
    let limit = if f.page_size == 0 {
        String::new()
    } else {
        let page = f.page.max(1);
        format!(
            "LIMIT {} OFFSET {}",
            f.page_size,
            (page as u64 - 1) * f.page_size as u64
        )
    };
    let rows = select_rows(
        conn,
        &plan.select(&limit),
        &plan.args,
        cal,
        today,
        plan.yellow_days,
    )?;
    Ok(LedgerPage { total, rows })
}

/// The number of items `f` matches (paging ignored).
pub fn count_ledger(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    f: &LedgerFilter,
) -> Result<i64> {
    plan(conn, cal, today, f)?.count(conn)
}

/// Hands every row `f` matches (paging ignored), in the filter's order, to
/// `each` without collecting them: for exports of the whole ledger. Stops at
/// the first error `each` returns. Only the columns of the ledger sheet are
/// read ([`sheet_select`]): `doc_no`, `progress_count`, `chase_count` and
/// `last_report` are left empty.
pub fn for_each_ledger_sheet_row(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    f: &LedgerFilter,
    mut each: impl FnMut(ItemRow) -> Result<()>,
) -> Result<()> {
    let plan = plan(conn, cal, today, f)?;
    let mut st = conn.prepare(&plan.select_from(&sheet_select(), ""))?;
    let mut rows = st.query(rusqlite::params_from_iter(plan.args.iter()))?;
    while let Some(r) = rows.next()? {
        each(item_row(r, cal, today, plan.yellow_days)?)?;
    }
    Ok(())
}

fn plan(conn: &Connection, cal: &Calendar, today: NaiveDate, f: &LedgerFilter) -> Result<Plan> {
    let n = yellow_days(conn)?;
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(p) = f.party.as_deref().filter(|s| !s.trim().is_empty()) {
        // An unknown name matches nothing (id -1) rather than being ignored.
        let id = crate::org::party_id(conn, p)?.unwrap_or(-1);
        let a = arg(Value::Integer(id), &mut args);
        if f.include_cooperating {
            wh.push(format!(
                "(i.lead_party_id = {a} OR i.id IN (SELECT item_id FROM item_cooperators WHERE party_id = {a}))"
            ));
        } else {
            wh.push(format!("i.lead_party_id = {a}"));
        }
    }
    if let Some(l) = f.leader.as_deref().filter(|s| !s.trim().is_empty()) {
        let a = arg(Value::Text(crate::org::normalize_name(l)), &mut args);
        wh.push(format!("i.coordinator_leader = {a}"));
    }
    if !f.status.is_empty() {
        let list: Vec<String> = f.status.iter().map(|s| format!("'{}'", s.code())).collect();
        wh.push(format!("i.status IN ({})", list.join(",")));
    }
    // The lights asked for, each once (`--light 红 --light 红` is one light).
    let lights = [Light::Red, Light::Yellow, Light::Green]
        .into_iter()
        .filter(|l| f.light.contains(l))
        .count();
    if lights > 0 && lights < 3 {
        // Inline the two bounds: they are dates we computed, not user text.
        let t = format!("'{}'", ymd(today));
        let b = format!("'{}'", ymd(yellow_bound(cal, today, n)));
        let parts: Vec<String> = f
            .light
            .iter()
            .map(|l| match l {
                Light::Red => format!("i.effective_deadline < {t}"),
                Light::Yellow => {
                    format!("(i.effective_deadline >= {t} AND i.effective_deadline < {b})")
                }
                Light::Green => format!("i.effective_deadline >= {b}"),
            })
            .collect();
        wh.push(format!("({OPEN} AND ({}))", parts.join(" OR ")));
    } else if lights == 3 {
        wh.push(OPEN.to_string());
    }
    if let Some(c) = f
        .source_category
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        let a = arg(Value::Text(c.trim().to_string()), &mut args);
        wh.push(format!("i.source_category = {a}"));
    }
    if f.deadline_from.is_some() || f.deadline_to.is_some() {
        // Implied (standing items have no deadline); lets the status index reach the dates.
        wh.push("i.standing = 0".into());
    }
    if let Some(d) = f.deadline_from {
        let a = arg(Value::Text(ymd(d)), &mut args);
        wh.push(format!("{DEADLINE_KEY} >= {a}"));
    }
    if let Some(d) = f.deadline_to {
        let a = arg(Value::Text(ymd(d)), &mut args);
        wh.push(format!("{DEADLINE_KEY} <= {a}"));
    }
    let mut searched = None;
    if let Some(t) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        // The index is brought up to date first; while another connection
        // holds the write (a large import, the background indexing after
        // one), the plain scan answers instead: slower, never wrong, never
        // "database is locked".
        let indexed = match search::phrase(t) {
            Some(p) => match sync_without_waiting(conn) {
                Ok(_) => Some(p),
                Err(Error::Db(e)) if is_busy(&e) => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        match indexed {
            Some(p) => {
                searched = Some(wh.len());
                let m = arg(Value::Text(p), &mut args);
                wh.push(format!(
                    "i.id IN (SELECT rowid FROM item_search WHERE item_search MATCH {m})"
                ));
            }
            None => {
                let a = arg(Value::Text(t.to_string()), &mut args);
                wh.push(format!(
                "(instr(i.name, {a}) > 0 OR instr(i.requirement, {a}) > 0 OR instr(i.item_no, {a}) > 0)"
            ))
            }
        }
    }
    if f.tracked_only {
        wh.push("i.tracked = 1".into());
    }
    if let Some(d) = f.doc_no.as_deref().filter(|s| !s.trim().is_empty()) {
        let a = arg(Value::Text(d.trim().to_string()), &mut args);
        wh.push(format!(
            "i.document_id = (SELECT id FROM documents WHERE doc_no = {a})"
        ));
    }
    if !f.item_nos.is_empty() {
        // One JSON array argument, however many were selected.
        let nos: Vec<&str> = f.item_nos.iter().map(|s| s.trim()).collect();
        let a = arg(Value::Text(serde_json::json!(nos).to_string()), &mut args);
        wh.push(format!("i.item_no IN (SELECT value FROM json_each({a}))"));
    }
    let search_only = wh.len() == 1 && searched == Some(0);
    // Voided items (作废, issue 13) leave the ledger; the test is added only
    // when there are any, so the usual queries keep their plans.
    if conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM items INDEXED BY items_voided WHERE voided_at IS NOT NULL)")?
        .query_row([], |r| r.get::<_, bool>(0))?
    {
        wh.push("i.voided_at IS NULL".into());
    }
    let search_only = search_only && wh.len() == 1;
    let where_sql = if wh.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wh.join(" AND "))
    };
    let order = match f.sort {
        LedgerSort::ItemNo => "i.id",
        LedgerSort::ItemNoDesc => "i.id DESC",
        LedgerSort::Deadline => "coalesce(i.effective_deadline, '9999-12-31'), i.id",
        LedgerSort::DeadlineDesc => "coalesce(i.effective_deadline, '9999-12-31') DESC, i.id DESC",
        // (the same expression as DEADLINE_KEY and the index items_deadline_order)
        LedgerSort::Lead => "(SELECT sort_order FROM parties WHERE id = i.lead_party_id), i.id",
    };
    Ok(Plan {
        search_only,
        where_sql,
        args,
        order,
        yellow_days: n,
    })
}

/// The columns of an [`ItemRow`], for queries that add their own WHERE.
pub(crate) const ROW_SELECT: &str = "SELECT i.id, i.item_no, i.name, i.requirement, p.name, i.lead_party_id,
    (SELECT group_concat(cp.name, '、') FROM item_cooperators c JOIN parties cp ON cp.id = c.party_id WHERE c.item_id = i.id),
    i.coordinator_leader, i.owner_person, i.source_category, i.source_doc_no,
    (SELECT doc_no FROM documents WHERE id = i.document_id), i.standing, i.report_cycle, i.deadline,
    i.effective_deadline, i.status, i.tracked, i.done_on, i.created_on, i.note,
    (SELECT text FROM progress WHERE item_id = i.id AND voided_at IS NULL ORDER BY reported_on DESC, id DESC LIMIT 1),
    (SELECT count(*) FROM progress WHERE item_id = i.id AND voided_at IS NULL),
    (SELECT count(*) FROM chases WHERE item_id = i.id AND voided_at IS NULL),
    (SELECT max(reported_on) FROM progress WHERE item_id = i.id AND voided_at IS NULL)
  FROM items i JOIN parties p ON p.id = i.lead_party_id";

/// The lookups of [`ROW_SELECT`] the ledger sheet does not show (the 收文's
/// number, the numbers of progress entries and chases, the last report's
/// day), each with what stands in its place.
const NOT_ON_THE_SHEET: [(&str, &str); 4] = [
    (
        "(SELECT doc_no FROM documents WHERE id = i.document_id)",
        "NULL",
    ),
    (
        "(SELECT count(*) FROM progress WHERE item_id = i.id AND voided_at IS NULL)",
        "0",
    ),
    (
        "(SELECT count(*) FROM chases WHERE item_id = i.id AND voided_at IS NULL)",
        "0",
    ),
    (
        "(SELECT max(reported_on) FROM progress WHERE item_id = i.id AND voided_at IS NULL)",
        "NULL",
    ),
];

/// [`ROW_SELECT`] without [`NOT_ON_THE_SHEET`]: each is a lookup per row
/// (an export of 100,000 items made 600,000 of them, the export's slowest
/// thread), for a column the sheet has not got.
fn sheet_select() -> String {
    NOT_ON_THE_SHEET
        .iter()
        .fold(ROW_SELECT.to_string(), |sql, (lookup, instead)| {
            sql.replacen(lookup, instead, 1)
        })
}

/// Runs a [`ROW_SELECT`] query and computes each row's light.
pub(crate) fn select_rows(
    conn: &Connection,
    sql: &str,
    args: &[Value],
    cal: &Calendar,
    today: NaiveDate,
    yellow_days: u32,
) -> Result<Vec<ItemRow>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        item_row(r, cal, today, yellow_days)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One [`ROW_SELECT`] row as an [`ItemRow`], with its light on `today`.
/// Texts and dates are read in place ([`crate::store::columns`]): an export
/// reads 100,000 rows through here.
fn item_row(
    r: &rusqlite::Row<'_>,
    cal: &Calendar,
    today: NaiveDate,
    yellow_days: u32,
) -> rusqlite::Result<ItemRow> {
    let date = |i: usize| Ok::<_, rusqlite::Error>(str_at(r, i)?.and_then(parse_ymd));
    let status: Status = r.get(16)?;
    let standing = r.get::<_, i64>(12)? != 0;
    let effective = date(15)?;
    let light = match (status.is_open() && !standing, effective) {
        (true, Some(d)) => Some(light_of(cal, today, d, yellow_days)),
        _ => None,
    };
    Ok(ItemRow {
        id: r.get(0)?,
        item_no: text_at(r, 1)?,
        name: text_at(r, 2)?,
        requirement: text_at(r, 3)?,
        lead: text_at(r, 4)?,
        lead_id: r.get(5)?,
        cooperators: str_at(r, 6)?
            .map(|s| s.split('、').map(str::to_string).collect())
            .unwrap_or_default(),
        coordinator_leader: text_at(r, 7)?,
        owner_person: text_at(r, 8)?,
        source_category: text_at(r, 9)?,
        source_doc_no: text_at(r, 10)?,
        doc_no: opt_text_at(r, 11)?,
        standing,
        report_cycle: text_at(r, 13)?,
        deadline: date(14)?,
        effective_deadline: effective,
        status,
        status_label: status.label().to_string(),
        light,
        tracked: r.get::<_, i64>(17)? != 0,
        done_on: date(18)?,
        created_on: str_at(r, 19)
            .ok()
            .flatten()
            .and_then(parse_ymd)
            .unwrap_or_default(),
        note: text_at(r, 20)?,
        latest_progress: opt_text_at(r, 21)?.unwrap_or_default(),
        progress_count: r.get(22)?,
        chase_count: r.get(23)?,
        last_report: date(24)?,
    })
}

/// Whether SQLite gave up waiting for a lock another connection holds.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// [`search::sync_search_index`], waiting at most a moment for another
/// connection's write (the connection's usual busy timeout is put back).
fn sync_without_waiting(conn: &rusqlite::Connection) -> Result<usize> {
    conn.busy_timeout(std::time::Duration::from_millis(100))?;
    let synced = search::sync_search_index(conn);
    conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
    synced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_leaves_out_exactly_the_lookups_it_does_not_show() {
        for (lookup, _) in NOT_ON_THE_SHEET {
            assert_eq!(ROW_SELECT.matches(lookup).count(), 1, "{lookup}");
        }
        let lookups = |sql: &str| sql.matches("(SELECT").count();
        assert_eq!(lookups(&sheet_select()), lookups(ROW_SELECT) - 4);
        // As many columns, in the same places.
        let store = crate::store::Store::open_in_memory().unwrap();
        let columns = |sql: &str| store.conn().prepare(sql).unwrap().column_count();
        assert_eq!(columns(&sheet_select()), columns(ROW_SELECT));
    }
}
