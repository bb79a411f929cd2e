//! Every list to Excel (issue 13) through one exporter ([`table`]): the
//! 收文登记簿, 批示件办理情况, 延期申请, 会签, 传达学习, a round's per-unit
//! status, the organisation and roster, and the audit log of a period — each
//! with the filters its page has ([`ListFilter`]). The rows come from each
//! capability's own queries ([`kinds`], [`more`]); this module only lays them out.

mod kinds;
mod more;
pub mod shown;
pub mod table;

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::documents::Urgency;
use crate::error::Result;
use crate::extensions::ExtensionStatus;
pub use table::{list_row, list_sheet, write_lists, Heading, Lights, ListTable, Value};

/// Which list to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 收文登记簿.
    Documents,
    /// 批示件办理情况: per leader, the documents they instructed and their items.
    Instructions,
    /// 延期申请.
    Extensions,
    /// 会签 / 征求意见, one row per party asked.
    Countersigns,
    /// 传达学习, one row per key document and party.
    Relay,
    /// One round's per-unit status (`ListFilter::round`).
    Round,
    /// 组织机构: departments and units, 局领导, the staff and 督查专员 roster.
    Org,
    /// The audit log of a period.
    Audit,
}

impl ListKind {
    /// Every kind, in menu order.
    pub const ALL: [ListKind; 8] = [
        ListKind::Documents,
        ListKind::Instructions,
        ListKind::Extensions,
        ListKind::Countersigns,
        ListKind::Relay,
        ListKind::Round,
        ListKind::Org,
        ListKind::Audit,
    ];
    /// The list's name (also the default file name).
    pub fn label(self) -> &'static str {
        match self {
            ListKind::Documents => "收文登记簿",
            ListKind::Instructions => "批示件办理情况",
            ListKind::Extensions => "延期申请",
            ListKind::Countersigns => "会签征求意见",
            ListKind::Relay => "传达学习情况",
            ListKind::Round => "报送情况",
            ListKind::Org => "组织机构与人员",
            ListKind::Audit => "操作记录",
        }
    }
}

/// The filters of the lists' pages; each list reads the ones it has and
/// ignores the rest. Dates are inclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ListFilter {
    /// From this day: 收文日期, 批示日期, 申请日期, 发出日期, 报送期限, 操作时间.
    pub from: Option<NaiveDate>,
    /// Up to this day (the same dates).
    pub to: Option<NaiveDate>,
    /// Text to find (收文: title and numbers; 操作记录: object, number, action).
    pub text: Option<String>,
    /// A department or unit (name or alias): 延期 (申请单位), 会签 / 传达学习
    /// (the party asked), 人员 (所在部门).
    pub party: Option<String>,
    /// A leader (批示件办理情况).
    pub leader: Option<String>,
    /// 紧急程度 (收文).
    pub urgency: Option<Urgency>,
    /// Only documents not yet split into items (收文).
    pub unsplit_only: bool,
    /// 收〔year〕 (收文).
    pub year: Option<i32>,
    /// 延期申请 status.
    pub extension_status: Option<ExtensionStatus>,
    /// One item's requests (延期).
    pub item_no: Option<String>,
    /// Only the open: 会签 not answered, 传达学习 not reported.
    pub open_only: bool,
    /// One document (会签, 传达学习): its 收文编号.
    pub doc_no: Option<String>,
    /// The round (报送情况), by id.
    pub round: Option<i64>,
    /// Who did it (操作记录).
    pub operator: Option<String>,
}

impl ListFilter {
    /// Whether `d` lies in `from..=to`.
    pub fn in_range(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
    /// The chosen period as text (`2026-11-01 至 2026-11-30`), empty when none.
    pub fn period_text(&self, what: &str) -> String {
        let day = |d: Option<NaiveDate>| d.map(crate::dates::ymd).unwrap_or_default();
        match (self.from, self.to) {
            (None, None) => String::new(),
            (f, t) => format!("{what}：{} 至 {}", day(f), day(t)),
        }
    }
}

/// The sheets of list `kind` under `filter` on `today`.
pub fn list_tables(
    conn: &Connection,
    today: NaiveDate,
    kind: ListKind,
    filter: &ListFilter,
) -> Result<Vec<ListTable>> {
    Ok(match kind {
        ListKind::Documents => vec![kinds::documents(conn, filter)?],
        ListKind::Instructions => vec![kinds::instructions(conn, today, filter)?],
        ListKind::Extensions => vec![kinds::extensions(conn, filter)?],
        ListKind::Countersigns => vec![kinds::countersigns(conn, today, filter)?],
        ListKind::Relay => vec![more::relay(conn, today, filter)?],
        ListKind::Round => vec![more::round(conn, today, filter)?],
        ListKind::Org => more::org(conn, filter)?,
        ListKind::Audit => vec![more::audit(conn, filter)?],
    })
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ListExport {
    /// The list.
    pub kind: ListKind,
    /// Rows written, over all sheets.
    pub rows: usize,
}

/// Writes list `kind` under `filter` on `today` to `path` (one read snapshot,
/// so the rows agree with each other); returns the number of rows.
pub fn export_list(
    conn: &Connection,
    today: NaiveDate,
    kind: ListKind,
    filter: &ListFilter,
    path: &Path,
) -> Result<ListExport> {
    let made = crate::store::in_read_snapshot(conn, || {
        let heading = Heading {
            office: crate::reminders::office_name(conn)?,
            today,
            anchor: crate::store::audit::head(conn)?.short(),
        };
        // The lists that grow long are written while they are read.
        match kind {
            ListKind::Audit => return more::audit_book(conn, filter, &heading),
            ListKind::Documents => return kinds::documents_book(conn, filter, &heading),
            _ => {}
        }
        let tables = list_tables(conn, today, kind, filter)?;
        let rows = tables.iter().map(|t| t.rows.len()).sum();
        Ok((write_lists(&tables, &heading)?, rows))
    });
    let (book, rows) = made?;
    book.save(path)?;
    Ok(ListExport { kind, rows })
}
