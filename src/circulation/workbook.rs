//! The 月度督办通报 workbook (EXCHANGE §3): the computed figures, sheet by
//! sheet in the contract's order, print-ready, with typed cells.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::FormatAlign;

use super::figures::{MonthlyFigures, PartyRow, Tally};
use super::{monthly_figures, Period};
use crate::error::Result;
use crate::org::PartyKind;
use crate::sheets::write::{write_error, Book, Cell, Column, Fill, Layout};

/// The sheet names, in the order of the contract (单位排名 only when a unit leads an item).
pub const SHEETS: [&str; 7] = [
    "总体情况",
    "部门排名",
    "单位排名",
    "逾期事项清单",
    "延期事项",
    "报送情况",
    "办结事项",
];

/// Computes the figures for `period` from the database and writes the workbook
/// to `path`. Returns the figures written.
pub fn export_monthly(conn: &Connection, period: &Period, path: &Path) -> Result<MonthlyFigures> {
    let figures = monthly_figures(conn, period)?;
    let mut book = write_monthly(&figures)?;
    book.anchor(crate::store::audit::head(conn)?.short());
    book.save(path)?;
    Ok(figures)
}

/// Builds the workbook of already computed figures.
pub fn write_monthly(f: &MonthlyFigures) -> Result<Book> {
    let mut book = Book::new();
    let heading = format!("{}督办工作通报", f.period.month.label());
    let as_of = format!(
        "统计月份：{}　　统计截至：{}",
        f.period.month.label(),
        crate::dates::cn(f.period.as_of)
    );
    overview(&mut book, f, &heading, &as_of)?;
    ranking(
        &mut book,
        SHEETS[1],
        &f.departments,
        PartyKind::Department,
        &heading,
        &as_of,
    )?;
    if !f.units.is_empty() {
        ranking(
            &mut book,
            SHEETS[2],
            &f.units,
            PartyKind::Unit,
            &heading,
            &as_of,
        )?;
    }
    overdue(&mut book, f, &heading, &as_of)?;
    extensions(&mut book, f, &heading, &as_of)?;
    reports(&mut book, f, &heading, &as_of)?;
    finished(&mut book, f, &heading, &as_of)?;
    Ok(book)
}

fn rate_cell(t: &Tally) -> Cell<'static> {
    match t.rate_value() {
        Some(v) => Cell::Number(v),
        None => Cell::Text("—"),
    }
}

fn opt_date(d: Option<NaiveDate>) -> Cell<'static> {
    d.map_or(Cell::Blank, Cell::Date)
}

fn count(n: u32) -> Cell<'static> {
    Cell::Int(i64::from(n))
}

fn overview(book: &mut Book, f: &MonthlyFigures, heading: &str, as_of: &str) -> Result<()> {
    let layout = Layout::new(format!("{heading}（总体情况）"))
        .info(vec![(0, as_of.to_string())])
        .columns(vec![
            Column::text("范围", 24.0),
            Column::integer("应办结", 9.0),
            Column::integer("按期办结", 9.0),
            Column::integer("逾期办结", 9.0),
            Column::integer("逾期未办结", 11.0),
            Column::percent("按期办结率"),
            Column::integer("新增事项", 9.0),
            Column::integer("延期次数", 9.0),
            Column::integer("长期事项（不计分）", 12.0),
        ]);
    let ncols = layout.columns.len() as u16;
    let mut table = book.table(SHEETS[0], &layout)?;
    let mut groups = vec![
        ("全局合计", &f.total),
        ("内设机构（机关督办）", &f.departments_total),
    ];
    if !f.units.is_empty() {
        groups.push(("下级单位（系统督查）", &f.units_total));
    }
    for (label, t) in groups {
        table.row(
            &[
                Cell::Text(label),
                count(t.due_total),
                count(t.on_time),
                count(t.late_done),
                count(t.overdue_open),
                rate_cell(t),
                count(t.new_items),
                count(t.extensions),
                count(t.standing),
            ],
            Fill::None,
        )?;
    }
    let r = table.next_row() + 1;
    table
        .worksheet()
        .write_string(r, 0, "情况说明")
        .map_err(write_error)?;
    let note = rust_xlsxwriter::Format::new()
        .set_font_name(crate::sheets::write::FONT)
        .set_font_size(12)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let ws = table.worksheet();
    ws.merge_range(r + 1, 0, r + 1, ncols - 1, &f.summary, &note)
        .map_err(write_error)?;
    // The summary spans the merged columns, in 12pt.
    let merged: f64 = layout.columns.iter().map(|c| c.width).sum();
    let lines = crate::sheets::height::lines_in(&f.summary, merged, 12.0).max(2);
    ws.set_row_height(r + 1, crate::sheets::height::height_for_lines(lines, 12.0))
        .map_err(write_error)?;
    Ok(())
}

fn ranking(
    book: &mut Book,
    sheet: &str,
    rows: &[PartyRow],
    kind: PartyKind,
    heading: &str,
    as_of: &str,
) -> Result<()> {
    let who = match kind {
        PartyKind::Department => "部门",
        PartyKind::Unit => "单位",
    };
    let scope = match kind {
        PartyKind::Department => "内设机构（机关督办）",
        PartyKind::Unit => "下级单位（系统督查）",
    };
    let layout = Layout::new(format!("{heading}（{who}排名）"))
        .info(vec![(
            0,
            format!("{as_of}　　范围：{scope}　　按按期办结率排名，相同时逾期未办结少者在前"),
        )])
        .columns(vec![
            Column::integer("排名", 7.0),
            Column::text(
                if kind == PartyKind::Unit {
                    "下级单位"
                } else {
                    "牵头部门"
                },
                24.0,
            ),
            Column::integer("应办结", 9.0),
            Column::integer("按期办结", 9.0),
            Column::integer("逾期办结", 9.0),
            Column::integer("逾期未办结", 11.0),
            Column::percent("按期办结率"),
            Column::integer("配合事项", 9.0),
            Column::integer("新增事项", 9.0),
            Column::integer("延期次数", 9.0),
            Column::integer("长期事项（不计分）", 12.0),
        ]);
    let mut table = book.table(sheet, &layout)?;
    for row in rows {
        let t = &row.tally;
        // §3: numbers are numbers (leaders re-sort by 排名); "—" only where unranked.
        let rank = match row.rank {
            Some(r) => Cell::Int(i64::from(r)),
            None => Cell::Text("—"),
        };
        table.row(
            &[
                rank,
                Cell::Text(&row.name),
                count(t.due_total),
                count(t.on_time),
                count(t.late_done),
                count(t.overdue_open),
                rate_cell(t),
                count(row.cooperating),
                count(t.new_items),
                count(t.extensions),
                count(t.standing),
            ],
            Fill::None,
        )?;
    }
    Ok(())
}

fn overdue(book: &mut Book, f: &MonthlyFigures, heading: &str, as_of: &str) -> Result<()> {
    let layout = Layout::new(format!("{heading}（逾期事项清单）"))
        .info(vec![(
            0,
            format!(
                "{as_of}　　逾期天数为自完成时限至统计截止日的自然日数，逾期工作日不含节假日{}",
                provisional_note(f)
            ),
        )])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::text("事项编号", 14.0),
            Column::text("事项名称", 36.0).wrap(),
            Column::text("牵头部门", 16.0).wrap(),
            Column::text("配合部门", 18.0).wrap(),
            Column::date("原定时限"),
            Column::date("完成时限"),
            Column::integer("逾期天数", 9.0),
            Column::integer("逾期工作日", 10.0),
            Column::text("工作日暂定", 6.0),
            Column::text("办理状态", 10.0),
        ]);
    let mut table = book.table(SHEETS[3], &layout)?;
    for (i, r) in f.overdue.iter().enumerate() {
        table.row(
            &[
                Cell::Int(i as i64 + 1),
                Cell::Text(&r.item_no),
                Cell::Text(&r.name),
                Cell::Text(&r.lead),
                Cell::Text(&r.cooperators),
                opt_date(r.deadline),
                Cell::Date(r.due),
                Cell::Int(r.overdue_days),
                Cell::Int(r.overdue_workdays),
                Cell::Text(if r.overdue_workdays_provisional {
                    "暂定"
                } else {
                    ""
                }),
                Cell::Text(&r.status),
            ],
            Fill::None,
        )?;
    }
    Ok(())
}

/// What the 逾期工作日 of `f` rest on when some year counted has no holiday
/// schedule loaded (empty otherwise).
pub(crate) fn provisional_note(f: &MonthlyFigures) -> &'static str {
    if f.overdue.iter().any(|r| r.overdue_workdays_provisional) {
        "（标“暂定”的逾期工作日含尚未载入节假日安排的年份，按周一至周五计算，载入后以重算为准）"
    } else {
        ""
    }
}

fn extensions(book: &mut Book, f: &MonthlyFigures, heading: &str, as_of: &str) -> Result<()> {
    let layout = Layout::new(format!("{heading}（延期事项）"))
        .info(vec![(
            0,
            format!("{as_of}　　本月提出或审批的延期申请；“计入延期次数”为本月批准的延期"),
        )])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::text("事项编号", 14.0),
            Column::text("事项名称", 30.0).wrap(),
            Column::text("牵头部门", 16.0).wrap(),
            Column::date("申请日期"),
            Column::date("原完成时限"),
            Column::date("申请延至"),
            Column::text("审批结果", 9.0),
            Column::date("审批日期"),
            Column::text("计入延期次数", 8.0),
            Column::text("延期理由", 30.0).wrap(),
        ]);
    let mut table = book.table(SHEETS[4], &layout)?;
    for (i, r) in f.extensions.iter().enumerate() {
        table.row(
            &[
                Cell::Int(i as i64 + 1),
                Cell::Text(&r.item_no),
                Cell::Text(&r.name),
                Cell::Text(&r.lead),
                Cell::Date(r.requested_on),
                Cell::Date(r.old_deadline),
                Cell::Date(r.new_deadline),
                Cell::Text(&r.status),
                opt_date(r.decided_on),
                Cell::Text(if r.counted { "是" } else { "否" }),
                Cell::Text(&r.reason),
            ],
            Fill::None,
        )?;
    }
    Ok(())
}

fn reports(book: &mut Book, f: &MonthlyFigures, heading: &str, as_of: &str) -> Result<()> {
    let layout = Layout::new(format!("{heading}（报送情况）"))
        .info(vec![(0, format!("{as_of}　　本月到期的报送任务"))])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::text("报送任务", 36.0).wrap(),
            Column::date("截止日期"),
            Column::text("报送单位", 20.0),
            Column::date("报送日期"),
            Column::text("报送情况", 10.0),
        ]);
    let mut table = book.table(SHEETS[5], &layout)?;
    for (i, r) in f.reports.iter().enumerate() {
        let fill = match r.status {
            crate::rounds::ReportStatus::Missing => Fill::Red,
            crate::rounds::ReportStatus::Late => Fill::Yellow,
            _ => Fill::None,
        };
        table.row_with(
            &[
                Cell::Int(i as i64 + 1),
                Cell::Text(&r.round),
                Cell::Date(r.due),
                Cell::Text(&r.party),
                opt_date(r.received_on),
                Cell::Text(r.status.label()),
            ],
            |c| if c == 5 { fill } else { Fill::None },
        )?;
    }
    Ok(())
}

fn finished(book: &mut Book, f: &MonthlyFigures, heading: &str, as_of: &str) -> Result<()> {
    let layout = Layout::new(format!("{heading}（办结事项）"))
        .info(vec![(
            0,
            format!("{as_of}　　本月办结的事项（含提前办结）"),
        )])
        .columns(vec![
            Column::integer("序号", 6.0),
            Column::text("事项编号", 14.0),
            Column::text("事项名称", 40.0).wrap(),
            Column::text("牵头部门", 18.0).wrap(),
            Column::date("完成时限"),
            Column::date("办结日期"),
            Column::text("是否按期", 9.0),
        ]);
    let mut table = book.table(SHEETS[6], &layout)?;
    for (i, r) in f.finished.iter().enumerate() {
        table.row(
            &[
                Cell::Int(i as i64 + 1),
                Cell::Text(&r.item_no),
                Cell::Text(&r.name),
                Cell::Text(&r.lead),
                Cell::Date(r.due),
                Cell::Date(r.done),
                Cell::Text(if r.on_time { "按期" } else { "逾期" }),
            ],
            Fill::None,
        )?;
    }
    Ok(())
}
