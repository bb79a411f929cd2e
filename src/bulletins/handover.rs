//! 交办单 (one per lead department of a split document) and 督办事项卡 (one
//! item), print-ready Word documents built from the ledger rows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::docx::{Col, DocxBook, TableSize};
use crate::error::{Error, Result};
use crate::items::{get_item, query_ledger, ItemRow, LedgerFilter, Status};

/// One written 交办单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HandoverFile {
    /// The lead department (主办部门) it is addressed to.
    pub lead: String,
    /// How many items it hands over.
    pub items: usize,
    /// Where it was written.
    #[ts(type = "string")]
    pub path: PathBuf,
}

fn deadline_text(r: &ItemRow) -> String {
    if r.standing {
        return "长期".to_string();
    }
    match (r.deadline, r.effective_deadline) {
        (Some(d), Some(e)) if d != e => {
            format!("{}（原{}）", crate::dates::ymd(e), crate::dates::ymd(d))
        }
        (_, Some(e)) => crate::dates::ymd(e),
        (Some(d), None) => crate::dates::ymd(d),
        (None, None) => "未定".to_string(),
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        s.to_string()
    }
}

/// The 交办单 of document `doc_no`: one `.docx` (bytes) per lead department,
/// in the order of the departments' names, with the items it leads (withdrawn
/// items left out). Refused when the document has no item yet.
pub fn handover_docs(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    doc_no: &str,
) -> Result<Vec<(String, usize, Vec<u8>)>> {
    let doc = crate::documents::get_document(conn, doc_no)?;
    let filter = LedgerFilter {
        doc_no: Some(doc.row.doc_no.clone()),
        ..LedgerFilter::default()
    };
    let rows = query_ledger(conn, cal, today, &filter)?.rows;
    let mut by_lead: BTreeMap<String, Vec<ItemRow>> = BTreeMap::new();
    for r in rows.into_iter().filter(|r| r.status != Status::Withdrawn) {
        by_lead.entry(r.lead.clone()).or_default().push(r);
    }
    if by_lead.is_empty() {
        return Err(Error::NotFound(format!(
            "收文“{}”尚未分解为督办事项（或事项均已撤销），没有可交办的事项。请先分解该文件。",
            doc.row.doc_no
        )));
    }
    let office = crate::reminders::office_name(conn)?;
    let mut out = Vec::new();
    for (lead, items) in by_lead {
        let mut book = DocxBook::new();
        book.title("督办事项交办单");
        book.subtitle(&doc.row.doc_no);
        book.issue_line(&office, &crate::dates::cn(today));
        book.field("主办部门", &lead);
        let source = if doc.row.source_doc_no.is_empty() {
            format!("《{}》", doc.row.title)
        } else {
            format!("《{}》（{}）", doc.row.title, doc.row.source_doc_no)
        };
        book.field("来文", &source);
        // A 批示 voided as entered by mistake is not sent out.
        for i in doc.instructions.iter().filter(|i| i.voided.is_none()) {
            if !i.text.trim().is_empty() {
                book.field(&format!("{}批示", i.leader), &i.text);
            }
        }
        book.heading("一、督办事项");
        book.table_size(TableSize::Small);
        let rows: Vec<Vec<String>> = items
            .iter()
            .enumerate()
            .map(|(n, r)| {
                vec![
                    (n + 1).to_string(),
                    r.item_no.clone(),
                    r.name.clone(),
                    or_dash(&r.requirement),
                    deadline_text(r),
                    or_dash(&r.cooperators.join("、")),
                    or_dash(&r.coordinator_leader),
                ]
            })
            .collect();
        book.table(
            &[
                Col::new("序号", 3).center(),
                Col::new("事项编号", 8),
                Col::new("事项名称", 12),
                Col::new("工作要求", 14),
                Col::new("完成时限", 10).center(),
                Col::new("配合部门", 8),
                Col::new("统筹局领导", 6).center(),
            ],
            &rows,
        );
        book.heading("二、办理要求");
        let cycles: Vec<&str> = {
            let mut c: Vec<&str> = items
                .iter()
                .map(|r| r.report_cycle.as_str())
                .filter(|c| !c.trim().is_empty())
                .collect();
            c.sort_unstable();
            c.dedup();
            c
        };
        book.paragraph(&format!(
            "请你部门牵头，会同配合部门按照工作要求抓紧办理，明确责任人，在完成时限前将办结情况（附佐证材料）报送{office}{}。确需延期的，应在完成时限前提出延期申请并说明理由和已办进展。",
            if cycles.is_empty() {
                String::new()
            } else {
                format!("；办理期间按{}报送进展情况", cycles.join("、"))
            }
        ));
        book.paragraph("签收人：　　　　　　　签收日期：　　年　　月　　日");
        book.right(&office);
        book.right(&crate::dates::cn(today));
        out.push((lead, items.len(), book.to_bytes()?));
    }
    Ok(out)
}

/// Writes the 交办单 of `doc_no` into `dir` (created if missing), one file
/// per lead department: `交办单-收〔2026〕15号-办公室.docx`.
pub fn write_handover(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    doc_no: &str,
    dir: &Path,
) -> Result<Vec<HandoverFile>> {
    let docs = handover_docs(conn, cal, today, doc_no)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::BadFile(format!(
            "无法创建文件夹“{}”：{e}。请检查路径和写入权限。",
            dir.display()
        ))
    })?;
    let mut out = Vec::new();
    for (lead, items, bytes) in docs {
        let name = format!("交办单-{}-{}.docx", safe(doc_no.trim()), safe(&lead));
        let path = dir.join(name);
        crate::saved_file::write_atomic(&path, &bytes)?;
        out.push(HandoverFile { lead, items, path });
    }
    Ok(out)
}

/// A name usable as a file name on Windows and Linux.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c => c,
        })
        .collect()
}

/// The 督办事项卡 of item `item_no` as `.docx` bytes: every fact of the item
/// on one page, its 时间表 and its latest progress.
pub fn item_card(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    item_no: &str,
) -> Result<Vec<u8>> {
    let d = get_item(conn, cal, today, item_no)?;
    let r = &d.row;
    let office = crate::reminders::office_name(conn)?;
    let mut book = DocxBook::new();
    book.title("督办事项卡");
    book.subtitle(&r.item_no);
    book.issue_line(&office, &crate::dates::cn(today));
    let source = match (&r.doc_no, d.meeting.trim()) {
        (Some(no), _) => format!("{no}　{}", r.source_doc_no),
        (None, m) if !m.is_empty() => m.to_string(),
        _ => or_dash(&r.source_doc_no),
    };
    let facts: Vec<Vec<String>> = [
        ("事项名称", r.name.clone()),
        ("来源", source.trim().to_string()),
        ("来源类别", or_dash(&r.source_category)),
        ("工作要求", or_dash(&r.requirement)),
        ("牵头部门", r.lead.clone()),
        ("配合部门", or_dash(&r.cooperators.join("、"))),
        ("统筹局领导", or_dash(&r.coordinator_leader)),
        ("责任人", or_dash(&r.owner_person)),
        ("完成时限", deadline_text(r)),
        ("报送周期", or_dash(&r.report_cycle)),
        ("办理状态", r.status_label.clone()),
        ("最新进展", or_dash(&r.latest_progress)),
    ]
    .into_iter()
    .map(|(k, v)| vec![k.to_string(), v])
    .collect();
    book.table(&[Col::new("项目", 2).center(), Col::new("内容", 7)], &facts);
    // Milestones voided as entered by mistake are not part of the timetable.
    let milestones: Vec<_> = d.milestones.iter().filter(|m| m.voided.is_none()).collect();
    if !milestones.is_empty() {
        book.heading("时间表");
        book.table_size(TableSize::Small);
        let rows: Vec<Vec<String>> = milestones
            .iter()
            .map(|m| {
                vec![
                    crate::dates::ymd(m.due),
                    m.title.clone(),
                    m.done_on.map(crate::dates::ymd).unwrap_or_default(),
                ]
            })
            .collect();
        book.table(
            &[
                Col::new("节点时间", 2).center(),
                Col::new("工作内容", 6),
                Col::new("完成日期", 2).center(),
            ],
            &rows,
        );
    }
    book.paragraph(&format!(
        "请牵头部门在完成时限前将办结情况（附佐证材料）报送{office}。"
    ));
    book.to_bytes()
}

/// Writes the 督办事项卡 of `item_no` to `path`.
pub fn write_item_card(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    item_no: &str,
    path: &Path,
) -> Result<()> {
    let bytes = item_card(conn, cal, today, item_no)?;
    crate::saved_file::write_atomic(path, &bytes)
}
