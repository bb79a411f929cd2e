//! The 公文办理质量通报 workbook, from the STORED figures of a publication:
//! 部门排名 (documents, events by kind and by 关, 无问题率 as `0.0%` number
//! cells, rank) and 问题明细 (every event counted), print-ready.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::events::Gate;
use super::quality::{QualityFigures, QualityRow};
use crate::error::{invalid, Result};
use crate::publications::{self, PublicationKind, PublicationSummary};
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};

/// The sheet names, in order.
pub const SHEETS: [&str; 2] = ["部门排名", "问题明细"];

/// The counting rules, one paragraph (the workbook's note and the Word footer).
pub const RULES: &str = "统计口径：办理发文为本期印发（印发日期在统计期间内且不晚于统计截止日）的本部门主办公文；问题按责任部门计：退文、退改（注明未通过的法律关、政策关、程序关、内容关或文字关）由督查督办室登记，会签逾期按会签回复日期晚于回复期限（或截止统计日未回复）认定，限时件超时按印发日期晚于限时（或截止统计日逾限未印发）认定；无问题率 = 本部门主办且无本部门问题的公文数 ÷ 本部门办理发文数，四舍五入到 0.1%；按无问题率排名，并列同名次，本期未印发公文的部门不排名。";

/// The title line: `2026年11月公文办理质量通报（2026年第1期）`.
pub fn title(f: &QualityFigures, p: &PublicationSummary) -> String {
    match p.issue {
        Some(i) => format!("{}公文办理质量通报（{}）", f.period_label, i.label()),
        None => format!("{}公文办理质量通报", f.period_label),
    }
}

/// The line under the title: as-of day, version, who published.
pub fn state_line(f: &QualityFigures, p: &PublicationSummary) -> String {
    let version = if p.version > 1 {
        format!("第 {} 版（更正：{}）", p.version, p.reason)
    } else {
        "第 1 版".to_string()
    };
    format!(
        "统计期间：{}　　统计截至：{}　　{version}，{} {} 发布",
        f.period_label,
        crate::dates::cn(f.as_of),
        crate::dates::minute(p.published_at),
        p.published_by
    )
}

fn row_cells(r: &QualityRow) -> Vec<Cell<'_>> {
    let mut cells = vec![
        r.rank.map_or(Cell::Text("—"), |n| Cell::Int(i64::from(n))),
        Cell::Text(&r.department),
        Cell::Int(i64::from(r.handled)),
        Cell::Int(i64::from(r.clean)),
        r.rate().map_or(Cell::Text("—"), Cell::Number),
        Cell::Int(i64::from(r.returned)),
        Cell::Int(i64::from(r.revised)),
        Cell::Int(i64::from(r.countersign_overdue)),
        Cell::Int(i64::from(r.time_limit_late)),
    ];
    cells.extend(r.gates.iter().map(|n| Cell::Int(i64::from(*n))));
    cells
}

/// Builds the workbook of published figures.
pub fn write_quality(f: &QualityFigures, p: &PublicationSummary) -> Result<Book> {
    let mut book = Book::new();
    let heading = title(f, p);
    let mut columns = vec![
        Column::integer("排名", 7.0),
        Column::text("部门", 20.0),
        Column::integer("办理发文", 9.0),
        Column::integer("无问题发文", 9.0).wrap(),
        Column::percent("无问题率"),
        Column::integer("退文", 7.0),
        Column::integer("退改", 7.0),
        Column::integer("会签逾期", 9.0),
        Column::integer("限时件超时", 9.0).wrap(),
    ];
    columns.extend(Gate::ALL.iter().map(|g| Column::integer(g.label(), 8.0)));
    let layout = Layout::new(heading.clone())
        .info(vec![(0, state_line(f, p))])
        .info(vec![(0, RULES.to_string())])
        .columns(columns);
    let mut table = book.table(SHEETS[0], &layout)?;
    for r in &f.departments {
        table.row(&row_cells(r), Fill::None)?;
    }
    table.row(&row_cells(&f.total), Fill::Grey)?;

    let layout = Layout::new(format!("{heading}（问题明细）"))
        .info(vec![(0, state_line(f, p))])
        .columns(vec![
            Column::text("责任部门", 20.0),
            Column::text("文号", 18.0),
            Column::text("标题", 36.0).wrap(),
            Column::text("问题类型", 11.0),
            Column::text("关口", 8.0),
            Column::date("日期"),
            Column::text("来源", 8.0),
            Column::text("说明", 36.0).wrap(),
        ]);
    let mut table = book.table(SHEETS[1], &layout)?;
    for e in &f.details {
        table.row(
            &[
                Cell::Text(&e.department),
                Cell::Text(&e.doc_no),
                Cell::Text(&e.title),
                Cell::Text(e.kind.label()),
                Cell::Text(e.gate.map_or("", Gate::label)),
                Cell::Date(e.occurred_on),
                Cell::Text(if e.derived { "自动认定" } else { "登记" }),
                Cell::Text(&e.note),
            ],
            Fill::None,
        )?;
    }
    Ok(book)
}

/// Writes the Word 通报 and the workbook of the published 公文办理质量通报 `id`
/// into `dir`, from its stored figures (the same content whatever changed
/// since). Returns the paths: the `.docx`, then the `.xlsx`.
pub fn export_quality(conn: &Connection, id: i64, dir: &Path) -> Result<Vec<PathBuf>> {
    let p = publications::get(conn, id)?;
    if p.summary.kind != PublicationKind::QualityBulletin {
        return Err(invalid(format!(
            "编号 {id} 是{}，不是公文办理质量通报。",
            p.summary.kind.label()
        )));
    }
    let f: QualityFigures = p.figures_as()?;
    let mut book = write_quality(&f, &p.summary)?;
    book.anchor(format!("发布编号 {id}"));
    let stem = p.summary.file_stem();
    let word = dir.join(format!("{stem}.docx"));
    crate::saved_file::write_atomic(&word, &super::word::quality_docx(&f, &p.summary)?)?;
    let path = dir.join(format!("{stem}.xlsx"));
    book.save(&path)?;
    Ok(vec![word, path])
}
