//! The ledger sheet (EXCHANGE §2.1 columns) for a ledger filter: print-ready,
//! lights as cell colours. What Duban exports, [`super::LedgerImporter`]
//! reads back unchanged (extra 灯 column ignored, 完成时限 = the effective
//! deadline, 长期 for standing items, 办理进展 = the latest progress).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::ledger::LEDGER_FIELDS;
use crate::calendar::Calendar;
use crate::error::Result;
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};
use crate::tasks::{query_ledger, ItemRow, LedgerFilter, Light};

/// The 灯 column's header (after the §2.1 columns).
pub const LIGHT_HEADER: &str = "灯";

fn columns() -> Vec<Column> {
    let widths = [
        14.0, 30.0, 12.0, 16.0, 36.0, 11.0, 14.0, 18.0, 10.0, 12.0, 36.0, 10.0, 12.0, 16.0,
    ];
    let mut cols: Vec<Column> = LEDGER_FIELDS
        .iter()
        .zip(widths)
        .map(|(f, w)| match f.name {
            "完成时限" | "办结日期" => Column::date(f.name),
            "事项名称" | "工作要求" | "配合部门" | "办理进展" | "备注" => {
                Column::text(f.name, w).wrap()
            }
            _ => Column::text(f.name, w),
        })
        .collect();
    cols.push(Column::text(LIGHT_HEADER, 6.0));
    cols
}

fn light_fill(l: Option<Light>) -> Fill {
    match l {
        Some(Light::Red) => Fill::Red,
        Some(Light::Yellow) => Fill::Yellow,
        Some(Light::Green) => Fill::Green,
        None => Fill::None,
    }
}

/// The ledger workbook for `filter` (all matching rows, paging ignored) on `today`.
pub fn ledger_workbook(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    filter: &LedgerFilter,
) -> Result<(Book, usize)> {
    let mut f = filter.clone();
    f.page = 1;
    f.page_size = 0;
    let page = query_ledger(conn, cal, today, &f)?;
    let mut book = Book::new();
    let layout = Layout::new("督办事项台账")
        .info(vec![(
            0,
            format!(
                "导出日期：{}　共 {} 项",
                today.format("%Y-%m-%d"),
                page.rows.len()
            ),
        )])
        .columns(columns());
    let mut t = book.table("督办事项台账", &layout)?;
    let light_col = LEDGER_FIELDS.len();
    let deadline_col = 9;
    for r in &page.rows {
        let coop = r.cooperators.join("、");
        let fill = light_fill(r.light);
        let cells = row_cells(r, &coop);
        t.row_with(&cells, |c| {
            if c == light_col || c == deadline_col {
                fill
            } else {
                Fill::None
            }
        })?;
    }
    Ok((book, page.rows.len()))
}

fn row_cells<'a>(r: &'a ItemRow, coop: &'a str) -> [Cell<'a>; 15] {
    let date = |d: Option<NaiveDate>| d.map(Cell::Date).unwrap_or(Cell::Blank);
    [
        Cell::Text(&r.item_no),
        Cell::Text(&r.name),
        Cell::Text(&r.source_category),
        Cell::Text(&r.source_doc_no),
        Cell::Text(&r.requirement),
        Cell::Text(&r.coordinator_leader),
        Cell::Text(&r.lead),
        Cell::Text(coop),
        Cell::Text(&r.owner_person),
        if r.standing {
            Cell::Text("长期")
        } else {
            date(r.effective_deadline)
        },
        Cell::Text(&r.latest_progress),
        Cell::Text(&r.status_label),
        date(r.done_on),
        Cell::Text(&r.note),
        Cell::Text(match r.light {
            Some(l) => l.label(),
            None => "",
        }),
    ]
}

/// Writes the ledger sheet for `filter` to `path`; returns the number of items.
pub fn export_ledger(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    filter: &LedgerFilter,
    path: &Path,
) -> Result<usize> {
    let (book, n) = ledger_workbook(conn, cal, today, filter)?;
    book.save(path)?;
    Ok(n)
}
