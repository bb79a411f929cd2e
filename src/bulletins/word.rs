//! The Word 通报 of a published monthly issue, from its frozen figures only.

use std::collections::BTreeMap;

use super::{text, MonthlyIssue};
use crate::circulation::{MonthlyFigures, PartyRow};
use crate::docx::{Col, DocxBook, TableSize};
use crate::error::Result;
use crate::publications::PublicationSummary;
use crate::rounds::ReportStatus;

/// The title of the monthly 通报.
pub const TITLE: &str = "督办通报";

/// The most rows the 通报 lists of the overdue items and of the extensions;
/// the full lists are in the Excel appendix (a leader reads a few pages, not
/// 24,000 rows).
pub const LIST_LIMIT: usize = 30;

/// The `.docx` bytes of the issue `p` holding `issue`.
pub fn monthly_docx(p: &PublicationSummary, issue: &MonthlyIssue) -> Result<Vec<u8>> {
    let f = &issue.figures;
    let mut book = DocxBook::new();
    book.title(TITLE);
    book.subtitle(&p.number_line());
    book.issue_line(&issue.issuer, &crate::dates::cn(p.published_at.date()));
    if p.version > 1 {
        book.paragraph(&format!(
            "更正说明：本期为第{}版，更正原因：{}。此前各版本同时保留，以本版为准。",
            p.version, p.reason
        ));
    }
    book.heading("一、总体情况");
    for para in text::overview(f) {
        book.paragraph(&para);
    }

    book.heading("二、排名情况");
    book.subheading("（一）内设机构（机关督办）");
    ranking(&mut book, &f.departments, "牵头部门");
    if !f.units.is_empty() {
        book.subheading("（二）下级单位（系统督查）");
        ranking(&mut book, &f.units, "下级单位");
    }

    book.heading("三、逾期未办结事项");
    overdue(&mut book, f);
    book.heading("四、延期事项");
    extensions(&mut book, f);
    book.heading("五、报送纪律");
    reports(&mut book, f);

    book.heading("六、统计口径");
    book.paragraph(text::counting_rules());
    book.paragraph(&format!(
        "附件：{}（Excel，含总体情况、排名、逾期事项、延期事项、报送情况、办结事项明细）",
        p.file_stem()
    ));
    book.right(&issue.issuer);
    book.right(&crate::dates::cn(p.published_at.date()));
    book.to_bytes()
}

fn ranking(book: &mut DocxBook, rows: &[PartyRow], who: &str) {
    if rows.is_empty() {
        book.paragraph("无。");
        return;
    }
    book.table_size(TableSize::Small);
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let t = &r.tally;
            vec![
                r.rank.map_or("—".to_string(), |n| n.to_string()),
                r.name.clone(),
                t.due_total.to_string(),
                t.on_time.to_string(),
                t.late_done.to_string(),
                t.overdue_open.to_string(),
                t.rate_text.clone(),
                r.cooperating.to_string(),
                t.extensions.to_string(),
            ]
        })
        .collect();
    book.table(
        &[
            Col::new("排名", 5).center(),
            Col::new(who, 16),
            Col::new("应办结", 6).center(),
            Col::new("按期办结", 6).center(),
            Col::new("逾期办结", 6).center(),
            Col::new("逾期未办结", 7).center(),
            Col::new("按期办结率", 8).center(),
            Col::new("配合事项", 6).center(),
            Col::new("延期次数", 6).center(),
        ],
        &table,
    );
}

fn overdue(book: &mut DocxBook, f: &MonthlyFigures) {
    if f.overdue.is_empty() {
        book.paragraph("无。");
        return;
    }
    // The figures list them longest overdue first.
    if f.overdue.len() > LIST_LIMIT {
        book.paragraph(&format!(
            "逾期未办结事项共{}项，以下列出逾期时间最长的{LIST_LIMIT}项，完整清单见附件“逾期事项清单”。",
            f.overdue.len()
        ));
    }
    let rows: Vec<Vec<String>> = f
        .overdue
        .iter()
        .take(LIST_LIMIT)
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.item_no.clone(),
                r.name.clone(),
                r.lead.clone(),
                crate::dates::ymd(r.due),
                r.overdue_days.to_string(),
                if r.overdue_workdays_provisional {
                    format!("{}（暂定）", r.overdue_workdays)
                } else {
                    r.overdue_workdays.to_string()
                },
            ]
        })
        .collect();
    book.table_size(TableSize::Small);
    book.table(
        &[
            // 事项编号 and dates on one line (they broke: DB2026-/0007, 2026-11-/10).
            Col::new("序号", 4).center(),
            Col::new("事项编号", 15),
            Col::new("事项名称", 15),
            Col::new("牵头部门", 11),
            Col::new("完成时限", 13).center(),
            Col::new("逾期天数", 6).center(),
            Col::new("逾期工作日", 7).center(),
        ],
        &rows,
    );
}

fn extensions(book: &mut DocxBook, f: &MonthlyFigures) {
    if f.extensions.is_empty() {
        book.paragraph("本月无延期申请。");
        return;
    }
    let approved = f.extensions.iter().filter(|e| e.counted).count();
    book.paragraph(&format!(
        "本月提出或审批延期申请{}件，其中本月批准{}件{}。",
        f.extensions.len(),
        approved,
        if f.extensions.len() > LIST_LIMIT {
            format!("；以下列出前{LIST_LIMIT}件，完整清单见附件“延期事项”")
        } else {
            String::new()
        }
    ));
    let rows: Vec<Vec<String>> = f
        .extensions
        .iter()
        .take(LIST_LIMIT)
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.lead.clone(),
                crate::dates::ymd(r.old_deadline),
                crate::dates::ymd(r.new_deadline),
                r.status.clone(),
                r.decided_on.map(crate::dates::ymd).unwrap_or_default(),
            ]
        })
        .collect();
    book.table_size(TableSize::Small);
    book.table(
        &[
            Col::new("序号", 4).center(),
            Col::new("事项名称", 14),
            Col::new("牵头部门", 10),
            Col::new("原完成时限", 13).center(),
            Col::new("申请延至", 13).center(),
            Col::new("审批结果", 7).center(),
            Col::new("审批日期", 13).center(),
        ],
        &rows,
    );
}

fn reports(book: &mut DocxBook, f: &MonthlyFigures) {
    book.paragraph(&text::reporting(&f.reports));
    if f.reports.is_empty() {
        return;
    }
    // One row per round: its counts and who was late or missing.
    let mut rounds: BTreeMap<(chrono::NaiveDate, i64), Vec<&crate::circulation::ReportRow>> =
        BTreeMap::new();
    for r in &f.reports {
        rounds.entry((r.due, r.round_id)).or_default().push(r);
    }
    let rows: Vec<Vec<String>> = rounds
        .values()
        .map(|rs| {
            let n = |st: ReportStatus| rs.iter().filter(|r| r.status == st).count();
            let who = |st: ReportStatus| {
                rs.iter()
                    .filter(|r| r.status == st)
                    .map(|r| r.party.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            vec![
                rs[0].round.clone(),
                crate::dates::ymd(rs[0].due),
                rs.len().to_string(),
                n(ReportStatus::OnTime).to_string(),
                n(ReportStatus::Late).to_string(),
                n(ReportStatus::Missing).to_string(),
                who(ReportStatus::Missing),
                who(ReportStatus::Late),
            ]
        })
        .collect();
    book.table_size(TableSize::Small);
    book.table(
        &[
            Col::new("报送任务", 14),
            Col::new("截止日期", 12).center(),
            Col::new("应报", 4).center(),
            Col::new("按时", 4).center(),
            Col::new("迟报", 4).center(),
            Col::new("漏报", 4).center(),
            Col::new("漏报单位", 12),
            Col::new("迟报单位", 11),
        ],
        &rows,
    );
}
