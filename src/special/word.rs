//! The Word 专项通报 of a publication, from its stored figures only.

use super::{special_summary, Phase, SpecialFigures};
use crate::docx::{Col, DocxBook, TableSize};
use crate::error::Result;
use crate::publications::PublicationSummary;

/// The title of the bulletin.
pub const TITLE: &str = "专项通报";

/// The `.docx` bytes of publication `p` holding `f`.
pub fn special_docx(f: &SpecialFigures, p: &PublicationSummary) -> Result<Vec<u8>> {
    let mut book = DocxBook::new();
    book.title(TITLE);
    book.subtitle(&p.number_line());
    let date = crate::dates::cn(p.published_at.date());
    book.issue_line(&f.issuer, &date);
    book.paragraph(&format!(
        "关于《{}》（{}）贯彻落实的{}情况，统计截至{}。",
        f.title,
        f.doc_no,
        f.phase.label(),
        crate::dates::cn(f.as_of)
    ));
    if p.version > 1 {
        book.paragraph(&format!(
            "更正说明：本期为第{}版，更正原因：{}。此前各版本同时保留，以本版为准。",
            p.version, p.reason
        ));
    }
    book.heading("一、总体情况");
    for para in special_summary(f) {
        book.paragraph(&para);
    }
    book.table_size(TableSize::Small);
    if f.phase == Phase::Start {
        book.heading("二、传达学习情况");
        if f.relay.is_empty() {
            book.paragraph("无。");
        } else {
            let rows: Vec<Vec<String>> = f
                .relay
                .iter()
                .map(|l| {
                    vec![
                        l.party.clone(),
                        l.reported_on.map(crate::dates::ymd).unwrap_or_default(),
                        l.status.label().to_string(),
                        l.form.clone(),
                        l.measures.clone(),
                    ]
                })
                .collect();
            book.table(
                &[
                    Col::new("部门/单位", 4),
                    Col::new("报送日期", 3).center(),
                    Col::new("状态", 2).center(),
                    Col::new("形式", 2).center(),
                    Col::new("采取的措施", 8),
                ],
                &rows,
            );
        }
    } else {
        book.heading("二、报送情况");
        if f.rounds.is_empty() {
            book.paragraph("无。");
        } else {
            let rows: Vec<Vec<String>> = f
                .rounds
                .iter()
                .map(|r| {
                    let c = &r.counts;
                    vec![
                        r.title.clone(),
                        crate::dates::ymd(r.due),
                        c.targets.to_string(),
                        c.on_time.to_string(),
                        c.late.to_string(),
                        c.missing.to_string(),
                        c.missing_parties.join("、"),
                    ]
                })
                .collect();
            book.table(
                &[
                    Col::new("报送任务", 5),
                    Col::new("截止日期", 3).center(),
                    Col::new("应报", 2).center(),
                    Col::new("按时", 2).center(),
                    Col::new("迟报", 2).center(),
                    Col::new("漏报", 2).center(),
                    Col::new("漏报单位", 5),
                ],
                &rows,
            );
        }
    }
    let numerals = ["三", "四", "五", "六"];
    for (i, g) in f.gathered.iter().enumerate() {
        book.heading(&format!("{}、{}", numerals[i.min(3)], g.label));
        if g.entries.is_empty() {
            book.paragraph("暂未收到。");
        }
        for (party, text) in &g.entries {
            book.paragraph(&format!("{party}：{text}"));
        }
    }
    book.paragraph(&format!("附件：{}（Excel）", p.file_stem()));
    book.right(&f.issuer);
    book.right(&date);
    book.to_bytes()
}
