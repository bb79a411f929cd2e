//! The 舆情 workbook of a month (EXCHANGE §5): the ranking with its flags
//! highlighted, and the month's incidents. Print-ready, typed cells: counts
//! and 名次 are numbers, 按时报告率 a `0.0%` number ("—" where undefined),
//! times are date-time cells.

use std::path::Path;

use rusqlite::Connection;

use super::{limits, list, stats, Discipline, Flag, Incident, IncidentFilter, Limits, UnitStats};
use crate::dates::Month;
use crate::error::Result;
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};

/// The sheet names, in order.
pub const SHEETS: [&str; 2] = ["舆情排名", "舆情明细"];

/// Computes month `m` from the database and writes the workbook to `path`;
/// returns the rows of the ranking.
pub fn export_opinion(conn: &Connection, m: Month, path: &Path) -> Result<Vec<UnitStats>> {
    let rows = stats(conn, m)?;
    let filter = IncidentFilter {
        month: Some(m),
        ..IncidentFilter::default()
    };
    let incidents = list(conn, &filter)?;
    let mut book = write_opinion(m, &rows, &incidents, &limits(conn)?)?;
    book.anchor(crate::store::audit::head(conn)?.short());
    book.save(path)?;
    Ok(rows)
}

fn count(n: u32) -> Cell<'static> {
    Cell::Int(i64::from(n))
}

/// The fill of a ranking row: red with 瞒报, yellow with another flag.
fn row_fill(r: &UnitStats) -> Fill {
    if r.flags.contains(&Flag::Concealed) {
        Fill::Red
    } else if r.flags.is_empty() {
        Fill::None
    } else {
        Fill::Yellow
    }
}

/// Builds the workbook of already computed rows and the month's incidents.
pub fn write_opinion(
    m: Month,
    rows: &[UnitStats],
    incidents: &[Incident],
    lim: &Limits,
) -> Result<Book> {
    let mut book = Book::new();
    let heading = format!("{}舆情情况统计", m.label());
    let info = format!("统计月份：{}　　报告时限：{}", m.label(), lim.text());
    let layout = Layout::new(format!("{heading}（单位排名）"))
        .info(vec![(0, info.clone())])
        .info(vec![(
            0,
            "排名：负面数少者在前，相同时迟报+漏报+瞒报少者在前，再相同时重大及以上少者在前；标红：有瞒报，标黄：排名靠后或负面上升".to_string(),
        )])
        .columns(vec![
            Column::integer("名次", 7.0),
            Column::text("单位", 24.0),
            Column::integer("舆情数", 9.0),
            Column::integer("负面数", 9.0),
            Column::integer("重大及以上", 11.0),
            Column::integer("迟报", 8.0),
            Column::integer("漏报", 8.0),
            Column::integer("瞒报", 8.0),
            Column::percent("按时报告率"),
            Column::text("标记", 22.0),
        ]);
    let mut t = book.table(SHEETS[0], &layout)?;
    for r in rows {
        let flags = r
            .flags
            .iter()
            .map(|f| f.word())
            .collect::<Vec<_>>()
            .join("、");
        let rate = match r.on_time_rate {
            Some(v) => Cell::Number(v),
            None => Cell::Text("—"),
        };
        t.row(
            &[
                count(r.rank),
                Cell::Text(&r.party),
                count(r.total),
                count(r.negative),
                count(r.major),
                count(r.late),
                count(r.missing),
                count(r.concealed),
                rate,
                Cell::Text(&flags),
            ],
            row_fill(r),
        )?;
    }
    incidents_sheet(&mut book, &heading, &info, incidents)?;
    Ok(book)
}

fn incidents_sheet(
    book: &mut Book,
    heading: &str,
    info: &str,
    incidents: &[Incident],
) -> Result<()> {
    let layout = Layout::new(format!("{heading}（舆情明细）"))
        .info(vec![(0, info.to_string())])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::text("单位", 20.0),
            Column::text("舆情标题", 30.0).wrap(),
            Column::datetime("发生时间"),
            Column::datetime("发现时间"),
            Column::datetime("报告时间"),
            Column::text("来源渠道", 12.0),
            Column::text("等级", 9.0),
            Column::text("是否负面", 9.0),
            Column::text("报告情况", 9.0),
            Column::text("处置状态", 9.0),
            Column::text("处置情况", 30.0).wrap(),
            Column::text("备注", 20.0).wrap(),
            Column::text("瞒报认定理由", 20.0).wrap(),
        ]);
    let mut t = book.table(SHEETS[1], &layout)?;
    for (n, i) in incidents.iter().enumerate() {
        let at = |m: Option<chrono::NaiveDateTime>| m.map_or(Cell::Blank, Cell::DateTime);
        let discipline = i.discipline.map_or("—", Discipline::label);
        let fill = match i.discipline {
            Some(Discipline::Concealed | Discipline::Missing | Discipline::Late) => Fill::Red,
            _ => Fill::None,
        };
        t.row_with(
            &[
                Cell::Int(n as i64 + 1),
                Cell::Text(&i.party),
                Cell::Text(&i.title),
                Cell::DateTime(i.occurred_at),
                at(i.discovered_at),
                at(i.reported_at),
                Cell::Text(&i.channel),
                Cell::Text(i.level.label()),
                Cell::Text(if i.negative { "是" } else { "否" }),
                Cell::Text(discipline),
                Cell::Text(i.status.label()),
                Cell::Text(&i.handling),
                Cell::Text(&i.note),
                Cell::Text(&i.concealed_reason),
            ],
            |c| if c == 9 { fill } else { Fill::None },
        )?;
    }
    Ok(())
}
