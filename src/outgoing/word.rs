//! The Word 公文办理质量通报 of a publication, from its stored figures only.

use super::events::Gate;
use super::quality::{quality_summary, QualityFigures, QualityRow};
use super::workbook::RULES;
use crate::docx::{Col, DocxBook, TableSize};
use crate::error::Result;
use crate::publications::PublicationSummary;

/// The title of the bulletin.
pub const TITLE: &str = "公文办理质量通报";

fn n(v: u32) -> String {
    v.to_string()
}

fn ranking_row(r: &QualityRow) -> Vec<String> {
    vec![
        r.rank.map_or("—".to_string(), |x| x.to_string()),
        r.department.clone(),
        n(r.handled),
        n(r.clean),
        r.rate_text.clone(),
        n(r.returned),
        n(r.revised),
        n(r.countersign_overdue),
        n(r.time_limit_late),
    ]
}

/// The `.docx` bytes of publication `p` holding `f`.
pub fn quality_docx(f: &QualityFigures, p: &PublicationSummary) -> Result<Vec<u8>> {
    let mut book = DocxBook::new();
    book.title(TITLE);
    book.subtitle(&p.number_line());
    let date = crate::dates::cn(p.published_at.date());
    book.issue_line(&f.issuer, &date);
    if p.version > 1 {
        book.paragraph(&format!(
            "更正说明：本期为第{}版，更正原因：{}。此前各版本同时保留，以本版为准。",
            p.version, p.reason
        ));
    }
    book.heading("一、总体情况");
    book.paragraph(&format!(
        "统计期间：{}，统计截至{}。",
        f.period_label,
        crate::dates::cn(f.as_of)
    ));
    for para in quality_summary(f) {
        book.paragraph(&para);
    }

    book.heading("二、各部门公文办理质量排名");
    book.table_size(TableSize::Small);
    let mut rows: Vec<Vec<String>> = f.departments.iter().map(ranking_row).collect();
    rows.push(ranking_row(&f.total));
    book.table(
        &[
            Col::new("名次", 2).center(),
            Col::new("部门", 5),
            Col::new("办理发文", 3).center(),
            Col::new("无问题", 3).center(),
            Col::new("无问题率", 4).center(),
            Col::new("退文", 2).center(),
            Col::new("退改", 2).center(),
            Col::new("会签逾期", 3).center(),
            Col::new("限时件超时", 4).center(),
        ],
        &rows,
    );

    book.heading("三、退文退改关口分布");
    let gated: Vec<Vec<String>> = f
        .departments
        .iter()
        .filter(|r| r.gates.iter().any(|g| *g > 0))
        .map(|r| {
            let mut row = vec![r.department.clone()];
            row.extend(r.gates.iter().map(|g| n(*g)));
            row
        })
        .collect();
    if gated.is_empty() {
        book.paragraph("本期无退文、退改。");
    } else {
        let mut cols = vec![Col::new("部门", 5)];
        cols.extend(Gate::ALL.iter().map(|g| Col::new(g.label(), 2).center()));
        book.table(&cols, &gated);
    }

    book.heading("四、问题明细");
    if f.details.is_empty() {
        book.paragraph("无。");
    } else {
        let rows: Vec<Vec<String>> = f
            .details
            .iter()
            .map(|e| {
                vec![
                    e.department.clone(),
                    e.doc_no.clone(),
                    e.title.clone(),
                    match e.gate {
                        Some(g) => format!("{}（{}）", e.kind.label(), g.label()),
                        None => e.kind.label().to_string(),
                    },
                    crate::dates::ymd(e.occurred_on),
                ]
            })
            .collect();
        book.table(
            &[
                Col::new("责任部门", 4),
                Col::new("文号", 5),
                Col::new("标题", 5),
                Col::new("问题", 4),
                // A date (2026-11-10) on one line.
                Col::new("日期", 4).center(),
            ],
            &rows,
        );
    }

    book.heading("五、统计口径");
    book.paragraph(RULES);
    book.paragraph(&format!(
        "附件：{}（Excel，含部门排名、问题明细）",
        p.file_stem()
    ));
    book.right(&f.issuer);
    book.right(&date);
    book.to_bytes()
}
