//! The 专项通报 appendix workbook, from the STORED figures: 传达学习 (启动),
//! 报送情况 (进展 / 完成), 报送内容汇总 (what the reports said), print-ready.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{Phase, SpecialFigures};
use crate::error::{invalid, Result};
use crate::publications::{self, PublicationKind, PublicationSummary};
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};

/// The title line: `《标题》专项通报（进展情况）（2026年第2期）`.
pub fn title(f: &SpecialFigures, p: &PublicationSummary) -> String {
    let issue = p
        .issue
        .map(|i| format!("（{}）", i.label()))
        .unwrap_or_default();
    format!("《{}》专项通报（{}情况）{issue}", f.title, f.phase.label())
}

/// The line under the title.
pub fn state_line(f: &SpecialFigures, p: &PublicationSummary) -> String {
    let version = if p.version > 1 {
        format!("第 {} 版（更正：{}）", p.version, p.reason)
    } else {
        "第 1 版".to_string()
    };
    format!(
        "收文编号：{}　　统计截至：{}　　{version}，{} {} 发布",
        f.doc_no,
        crate::dates::cn(f.as_of),
        crate::dates::minute(p.published_at),
        p.published_by
    )
}

/// Builds the appendix of published figures.
pub fn write_special(f: &SpecialFigures, p: &PublicationSummary) -> Result<Book> {
    let mut book = Book::new();
    let heading = title(f, p);
    let state = state_line(f, p);
    if f.phase == Phase::Start {
        let layout = Layout::new(format!("{heading}（传达学习）"))
            .info(vec![(0, state.clone())])
            .columns(vec![
                Column::text("部门/单位", 22.0),
                Column::date("报送期限"),
                Column::date("报送日期"),
                Column::text("状态", 8.0),
                Column::text("传达形式", 9.0),
                Column::text("采取的措施", 50.0).wrap(),
            ]);
        let mut t = book.table("传达学习", &layout)?;
        for l in &f.relay {
            t.row(
                &[
                    Cell::Text(&l.party),
                    Cell::Date(l.due),
                    l.reported_on.map_or(Cell::Blank, Cell::Date),
                    Cell::Text(l.status.label()),
                    Cell::Text(&l.form),
                    Cell::Text(&l.measures),
                ],
                Fill::None,
            )?;
        }
        if f.relay.is_empty() {
            t.row(
                &[
                    Cell::Text("—"),
                    Cell::Blank,
                    Cell::Blank,
                    Cell::Text(""),
                    Cell::Text(""),
                    Cell::Text("暂无须报送传达学习情况的单位。"),
                ],
                Fill::None,
            )?;
        }
    } else {
        let layout = Layout::new(format!("{heading}（报送情况）"))
            .info(vec![(0, state.clone())])
            .columns(vec![
                Column::text("报送任务", 30.0).wrap(),
                Column::date("截止日期"),
                Column::integer("应报", 7.0),
                Column::integer("按时", 7.0),
                Column::integer("迟报", 7.0),
                Column::integer("漏报", 7.0),
                Column::integer("未到期", 7.0),
                Column::text("迟报单位", 24.0).wrap(),
                Column::text("漏报单位", 24.0).wrap(),
            ]);
        let mut t = book.table("报送情况", &layout)?;
        for r in &f.rounds {
            let c = &r.counts;
            let (late, missing) = (c.late_parties.join("、"), c.missing_parties.join("、"));
            t.row(
                &[
                    Cell::Text(&r.title),
                    Cell::Date(r.due),
                    Cell::Int(c.targets.into()),
                    Cell::Int(c.on_time.into()),
                    Cell::Int(c.late.into()),
                    Cell::Int(c.missing.into()),
                    Cell::Int(c.not_due.into()),
                    Cell::Text(&late),
                    Cell::Text(&missing),
                ],
                Fill::None,
            )?;
        }
        if f.rounds.is_empty() {
            t.row(&[Cell::Text("暂无据此文件安排的报送任务。")], Fill::None)?;
        }
    }
    let layout = Layout::new(format!("{heading}（报送内容汇总）"))
        .info(vec![(0, state)])
        .columns(vec![
            Column::text("事项", 14.0),
            Column::text("部门/单位", 22.0),
            Column::text("内容", 70.0).wrap(),
        ]);
    let mut t = book.table("报送内容汇总", &layout)?;
    for g in &f.gathered {
        for (party, text) in &g.entries {
            t.row(
                &[Cell::Text(&g.label), Cell::Text(party), Cell::Text(text)],
                Fill::None,
            )?;
        }
    }
    if f.gathered.iter().all(|g| g.entries.is_empty()) {
        // A sheet with only its header reads as a failed export.
        t.row(
            &[
                Cell::Text("—"),
                Cell::Text("—"),
                Cell::Text("截至统计日，暂未收到报送内容。"),
            ],
            Fill::None,
        )?;
    }
    if let Some(i) = f.items {
        t.row(
            &[
                Cell::Text("督办事项"),
                Cell::Text("合计"),
                Cell::Text(&format!(
                    "分解 {} 项，已办结 {} 项，未办结 {} 项（其中逾期 {} 项）",
                    i.total,
                    i.done,
                    i.total - i.done,
                    i.overdue
                )),
            ],
            Fill::Grey,
        )?;
    }
    Ok(book)
}

/// Writes the Word 通报 and the appendix of the published 专项通报 `id` into
/// `dir` from its stored figures. Returns the paths: the `.docx`, then the `.xlsx`.
pub fn export_special(conn: &Connection, id: i64, dir: &Path) -> Result<Vec<PathBuf>> {
    let p = publications::get(conn, id)?;
    if p.summary.kind != PublicationKind::SpecialBulletin {
        return Err(invalid(format!(
            "编号 {id} 是{}，不是专项通报。",
            p.summary.kind.label()
        )));
    }
    let f: SpecialFigures = p.figures_as()?;
    let mut book = write_special(&f, &p.summary)?;
    book.anchor(format!("发布编号 {id}"));
    let stem = p.summary.file_stem();
    let word = dir.join(format!("{stem}.docx"));
    crate::saved_file::write_atomic(&word, &super::word::special_docx(&f, &p.summary)?)?;
    let path = dir.join(format!("{stem}.xlsx"));
    book.save(&path)?;
    Ok(vec![word, path])
}
