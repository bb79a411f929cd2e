//! 督查问题整改台账 (every 整改事项 with unit, source, deadline, light, the
//! three checks and status; filtered like the ledger) and, per inspection,
//! the 督查情况汇总 (per unit: found, rectified, open, overdue); print-ready.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::calendar::Calendar;
use crate::dates::ymd;
use crate::error::Result;
use crate::exports::lists::{write_lists, Heading, Lights, ListTable, Value};
use crate::inspections::inspection::{detail, find};
use crate::inspections::queries::{list, summary, LightRule, RectFilter, UnitSummary};
use crate::items::{yellow_days, Light};
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};

fn ledger_columns() -> Vec<Column> {
    vec![
        Column::integer("序号", 6.0),
        Column::text("整改编号", 13.0),
        Column::text("被督查单位", 16.0),
        Column::text("问题来源", 10.0),
        Column::text("来源依据", 16.0).wrap(),
        Column::text("类别", 9.0),
        Column::text("问题描述", 36.0).wrap(),
        Column::date("整改时限"),
        Column::text("灯", 5.0),
        Column::text("原因分析", 24.0).wrap(),
        Column::text("整改措施", 24.0).wrap(),
        Column::text("单位报送", 10.0),
        Column::text("原因查清", 9.0),
        Column::text("整改到位", 9.0),
        Column::text("责任追究", 16.0).wrap(),
        Column::text("状态", 9.0),
        Column::date("销号日期"),
    ]
}

/// The filters of the export in words, for row 2 of the sheet (empty when
/// the whole ledger is exported): the unit by its name and the inspection by
/// its 督查编号, whatever short name or id was typed.
fn filter_scope(conn: &Connection, f: &RectFilter) -> Result<String> {
    let typed = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let text = |label: &str, v: &Option<String>| typed(v).map(|s| format!("{label}：{s}"));
    let party = match typed(&f.party) {
        Some(p) => {
            let parties = crate::org::PartyIndex::load(conn)?;
            let name = parties.resolve(&p).map(|x| x.name.clone()).unwrap_or(p);
            Some(format!("被督查单位：{name}"))
        }
        None => None,
    };
    let inspection = match typed(&f.inspection) {
        Some(k) => {
            let id = find(conn, &k)?;
            let number: String =
                conn.query_row("SELECT number FROM inspections WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            Some(format!("督查：{number}"))
        }
        None => None,
    };
    let period = match (f.from, f.to) {
        (None, None) => None,
        (from, to) => Some(format!(
            "整改时限：{} 至 {}",
            from.map(ymd).unwrap_or_default(),
            to.map(ymd).unwrap_or_default()
        )),
    };
    Ok([
        party,
        inspection,
        f.source.map(|s| format!("问题来源：{}", s.label())),
        f.open
            .map(|open| format!("状态：{}", if open { "整改中" } else { "已销号" })),
        f.light.map(|l| format!("灯：{}", l.label())),
        text("关键词", &f.text),
        period,
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("　"))
}

const DEADLINE_COL: u16 = 7;
const LIGHT_COL: u16 = 8;

/// The 督查问题整改台账 for `filter` on `today`, through the one list
/// exporter ([`crate::exports::lists`]): the office's name in the title, the
/// 整改时限 and 灯 cells coloured by the light; returns the book and the row count.
pub fn rectification_ledger(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    filter: &RectFilter,
) -> Result<(Book, usize)> {
    let rule = LightRule {
        cal,
        today,
        yellow_days: yellow_days(conn)?,
    };
    if let (Some(f), Some(t)) = (filter.from, filter.to) {
        if f > t {
            return Err(crate::error::Error::Invalid(format!(
                "整改时限的起始日期 {} 晚于截止日期 {}，请检查日期范围。",
                ymd(f),
                ymd(t)
            )));
        }
    }
    let rows = list(conn, &rule, filter)?;
    let mut t = ListTable::new("督查问题整改台账", "督查问题整改台账", ledger_columns());
    t.scope = filter_scope(conn, filter)?;
    t.lights = Some(Lights {
        key: LIGHT_COL,
        columns: vec![DEADLINE_COL, LIGHT_COL],
    });
    let tick = |b: bool| Value::text(if b { "✓" } else { "" });
    for (i, r) in rows.iter().enumerate() {
        let acc = match (&r.accountability, r.accountability_who.is_empty()) {
            (None, _) => String::new(),
            (Some(m), true) => m.clone(),
            (Some(m), false) => format!("{}（{}）", m, r.accountability_who),
        };
        let status = if r.closed { "已销号" } else { "整改中" };
        t.rows.push(vec![
            Value::Int(i as i64 + 1),
            Value::text(&r.rect_no),
            Value::text(&r.party),
            Value::text(r.source.label()),
            Value::text(&r.source_ref),
            Value::text(r.kind.label()),
            Value::text(&r.problem),
            Value::Date(r.deadline),
            Value::text(r.light.map(Light::label).unwrap_or("")),
            Value::text(&r.cause),
            Value::text(&r.measures),
            Value::text(r.unit_status.label()),
            tick(r.cause_checked),
            tick(r.remedied_checked),
            Value::Text(acc),
            Value::text(status),
            Value::date(r.closed_on),
        ]);
    }
    let heading = Heading {
        office: crate::reminders::office_name(conn)?,
        today,
        anchor: crate::store::audit::head(conn)?.short(),
    };
    let n = t.rows.len();
    Ok((write_lists(&[t], &heading)?, n))
}

/// Writes the 督查问题整改台账 to `path`; returns the row count.
pub fn export_rectification_ledger(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    filter: &RectFilter,
    path: &Path,
) -> Result<usize> {
    let (book, n) = rectification_ledger(conn, cal, today, filter)?;
    book.save(path)?;
    Ok(n)
}

/// The 督查情况汇总 of one inspection (id or 督查编号) on `today`: one row per
/// unit and a 合计 row; returns the book and the number of units.
pub fn inspection_summary(
    conn: &Connection,
    inspection: &str,
    today: NaiveDate,
) -> Result<(Book, usize)> {
    let d = detail(conn, find(conn, inspection)?)?;
    let units = summary(conn, inspection, today)?;
    let layout = Layout::new(format!("{}督查情况汇总", d.name))
        .info(vec![(
            0,
            format!(
                "{}　{}·{}　统计日期：{}",
                d.number,
                d.kind.label(),
                d.manner.label(),
                ymd(today)
            ),
        )])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::text("单位", 24.0),
            Column::integer("发现问题", 10.0),
            Column::integer("已整改", 10.0),
            Column::integer("未整改", 10.0),
            Column::integer("逾期未整改", 12.0),
            Column::percent("整改完成率"),
        ]);
    let mut book = Book::new();
    let mut t = book.table("督查情况汇总", &layout)?;
    let rate = |u: &UnitSummary| u.rate().map_or(Cell::Blank, Cell::Number);
    for (i, u) in units.iter().enumerate() {
        t.row_with(
            &[
                Cell::Int(i as i64 + 1),
                Cell::Text(&u.party),
                Cell::Int(u.found),
                Cell::Int(u.rectified),
                Cell::Int(u.open),
                Cell::Int(u.overdue),
                rate(u),
            ],
            |c| {
                if c == 5 && u.overdue > 0 {
                    Fill::Red
                } else {
                    Fill::None
                }
            },
        )?;
    }
    let total = UnitSummary::total(&units);
    t.row(
        &[
            Cell::Blank,
            Cell::Text(&total.party),
            Cell::Int(total.found),
            Cell::Int(total.rectified),
            Cell::Int(total.open),
            Cell::Int(total.overdue),
            rate(&total),
        ],
        Fill::Grey,
    )?;
    drop(t);
    Ok((book, units.len()))
}

/// Writes the 督查情况汇总 to `path`; returns the number of units.
pub fn export_inspection_summary(
    conn: &Connection,
    inspection: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<usize> {
    let (book, n) = inspection_summary(conn, inspection, today)?;
    book.save(path)?;
    Ok(n)
}
