//! The ledger sheet (EXCHANGE §2.1 columns) for a ledger filter: print-ready,
//! lights as cell colours. What Duban exports, [`crate::imports::LedgerImporter`]
//! reads back unchanged (extra 灯 column ignored, 完成时限 = the effective
//! deadline, 长期 for standing items, 办理进展 = the latest progress).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::calendar::Calendar;
use crate::error::Result;
use crate::imports::ledger::LEDGER_FIELDS;
use crate::items::{count_ledger, for_each_ledger_sheet_row, ItemRow, LedgerFilter, Light};
use crate::sheets::write::{Book, Cell, Colours, Column, Fill, Layout, Table};

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
///
/// The rows are read on this thread and written into the workbook on a
/// second one as they arrive, so reading the database and building the
/// sheet overlap (the connection stays on this thread).
pub fn ledger_workbook(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    filter: &LedgerFilter,
) -> Result<(Book, usize)> {
    // One read snapshot, so the count in the heading and the rows agree even
    // if another window writes meanwhile.
    crate::store::in_read_snapshot(conn, || build(conn, cal, today, filter))
}

fn build(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    filter: &LedgerFilter,
) -> Result<(Book, usize)> {
    let total = count_ledger(conn, cal, today, filter)?;
    let anchor = crate::store::audit::head(conn)?.short();
    let layout = Layout::new("督办事项台账")
        .info(vec![(
            0,
            format!("统计日期：{}　共 {total} 项", crate::dates::ymd(today)),
        )])
        .columns(columns());
    super::overlap::read_while_writing(
        |each| for_each_ledger_sheet_row(conn, cal, today, filter, each),
        |rows| {
            let mut book = Book::new();
            book.anchor(anchor);
            // Lights as cell colours: the 完成时限 and 灯 cells, by the 灯 text.
            let light_col = LEDGER_FIELDS.len() as u16;
            let rules =
                [Light::Red, Light::Yellow, Light::Green].map(|l| (l.label(), light_fill(Some(l))));
            let colours = Colours {
                columns: &[DEADLINE_COL, light_col],
                key: light_col,
                rules: &rules,
            };
            let mut t =
                book.streamed_table("督办事项台账", &layout, total as u32, Some(&colours))?;
            let mut written = 0;
            for r in rows {
                write_row(&mut t, &r)?;
                written += 1;
            }
            t.finish()?;
            Ok((book, written))
        },
    )
}

/// The 完成时限 column (0-based).
const DEADLINE_COL: u16 = 9;

fn write_row(t: &mut Table<'_>, r: &ItemRow) -> Result<()> {
    let coop = r.cooperators.join("、");
    let standing = standing_text(r);
    t.plain_row(&row_cells(r, &coop, &standing))?;
    Ok(())
}

/// 完成时限 of a standing item: 长期, with its 报送周期 in brackets when it has
/// one (`长期（每月）`), so that importing the export keeps the cycle its
/// reminders count. Empty (nothing allocated) for a dated item.
fn standing_text(r: &ItemRow) -> String {
    match (r.standing, r.report_cycle.trim()) {
        (false, _) => String::new(),
        (true, "") => "长期".to_string(),
        (true, cycle) => format!("长期（{cycle}）"),
    }
}

fn row_cells<'a>(r: &'a ItemRow, coop: &'a str, standing: &'a str) -> [Cell<'a>; 15] {
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
            Cell::Text(standing)
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
