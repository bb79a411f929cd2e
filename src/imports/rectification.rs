//! 整改情况反馈表 (EXCHANGE §2.7): a unit's report on its 整改事项 becomes
//! progress, its 原因分析 / 整改措施 and, for 已整改, a completion report that
//! never closes the item (the office closes it once 三不放过 holds, §7).
//! Rows match by 整改编号, else by exact 问题描述 within the unit (a warning).

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};

use super::party_form::{one_row_per_item, report_date, reporting_party};
use super::{ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, PartyRef};
use crate::dates::ymd;
use crate::error::{Error, Result};
use crate::inspections::queries::{item_for_import, numbers_with_problem};
use crate::inspections::rectify::{apply_unit_report_in, UnitReport};
use crate::inspections::UnitStatus;
use crate::org::normalize_name;
use crate::sheets::{Field, Row, RowIssue, Workbook};

/// The §2.7 columns, in template order.
pub const RECTIFICATION_FIELDS: [Field; 12] = [
    Field::optional("序号", &[]),
    Field::required("整改编号", &["编号", "问题编号"]),
    Field::optional("问题描述", &["问题", "存在问题", "问题内容"]),
    Field::optional("整改时限", &["完成时限", "整改期限"]),
    Field::optional("原因分析", &["问题原因", "原因"]),
    Field::optional("整改措施", &["措施"]),
    Field::required("整改进展", &["整改情况", "进展情况", "落实情况"]),
    Field::optional("整改状态", &["状态", "完成情况"]),
    Field::optional("完成日期", &["整改完成日期", "办结日期"]),
    Field::optional("责任追究情况", &["责任追究", "问责情况"]),
    Field::optional("填报人", &["联系人"]),
    Field::optional("联系电话", &["电话"]),
];

const NO: usize = 1;
const PROBLEM: usize = 2;
const CAUSE: usize = 4;
const MEASURES: usize = 5;
const PROGRESS: usize = 6;
const STATUS: usize = 7;
const DONE_ON: usize = 8;
const ACCOUNT: usize = 9;
const REPORTER: usize = 10;
const PHONE: usize = 11;

/// Reads 整改情况反馈表 files.
pub struct RectificationImporter;

/// A planned row: the unit's report on one item.
#[derive(Debug, Clone)]
pub struct RectificationRow {
    /// 整改编号.
    pub rect_no: String,
    /// What to record.
    pub report: UnitReport,
}

impl Importer for RectificationImporter {
    type Row = RectificationRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Rectification
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<RectificationRow>> {
        let tables = super::forms::form_tables(
            book,
            &RECTIFICATION_FIELDS,
            super::forms::SheetForm::Rectification,
            "没有找到整改情况反馈表的表头：在各个可见工作表的前 20 行中，没有一行包含“整改编号”“整改进展”等列名。请确认选择的是整改情况反馈表。",
        )?;
        let mut out = Parsed::default();
        let party = reporting_party(ctx, &tables, &mut out.warnings)?;
        let reported_on = report_date(&tables, ctx.today, &mut out.warnings).unwrap_or(ctx.today);
        one_row_per_item(
            &tables,
            &mut out,
            ("整改事项", NO),
            is_unfilled,
            |row, warnings| read_row(ctx.conn, &party, reported_on, ctx.today, row, warnings),
            |data| (data.report.rectification_id, &data.rect_no),
        );
        out.party = Some(party);
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &RectificationRow,
        source: &ImportSource,
    ) -> Result<()> {
        apply_unit_report_in(tx, ctx.actor, &row.report, source)
    }

    fn preview(&self, row: &RectificationRow) -> (String, String) {
        let r = &row.report;
        let mut s = Vec::new();
        if !r.progress.is_empty() {
            s.push(format!("整改进展：{}", r.progress));
        }
        if r.status == Some(UnitStatus::Done) {
            s.push("报送整改完成（待核查销号）".to_string());
        }
        (row.rect_no.clone(), s.join("；"))
    }
}

/// A row the unit left as the template gave it (or marked only 未整改).
fn is_unfilled(row: &Row<'_>) -> bool {
    [CAUSE, MEASURES, PROGRESS, DONE_ON, ACCOUNT]
        .iter()
        .all(|&f| row.is_blank(f))
        && (row.is_blank(STATUS)
            || UnitStatus::from_sheet_word(&row.text(STATUS)) == Some(UnitStatus::NotStarted))
}

fn read_row(
    conn: &Connection,
    party: &PartyRef,
    reported_on: NaiveDate,
    today: NaiveDate,
    row: &Row<'_>,
    warnings: &mut Vec<RowIssue>,
) -> std::result::Result<RectificationRow, RowIssue> {
    if let Some(issue) = row.unreadable_cell() {
        return Err(issue);
    }
    let db = |e: Error| row.issue(NO, e.to_string());
    let no = normalize_name(&row.text(NO));
    let no = if no.is_empty() {
        let problem = row.text(PROBLEM);
        if problem.is_empty() {
            return Err(row.issue(NO, "整改编号和问题描述都为空，无法确定是哪个整改事项"));
        }
        let found = numbers_with_problem(conn, party.id, &problem).map_err(db)?;
        match found.as_slice() {
            [one] => {
                warnings.push(row.issue(PROBLEM, format!("未填整改编号，按问题描述对应到 {one}")));
                one.clone()
            }
            [] => {
                return Err(row.issue(
                    PROBLEM,
                    format!(
                        "未填整改编号，且{}的整改事项中没有问题描述为“{problem}”的事项",
                        party.name
                    ),
                ))
            }
            many => {
                return Err(row.issue(
                    PROBLEM,
                    format!(
                        "未填整改编号，问题描述“{problem}”对应多个整改事项（{}），请填写整改编号",
                        many.join("、")
                    ),
                ))
            }
        }
    } else {
        no
    };
    let Some(target) = item_for_import(conn, &no).map_err(db)? else {
        return Err(row.issue(NO, format!("整改编号“{no}”不存在")));
    };
    let (id, rect_no, owner) = (target.id, target.rect_no, target.party);
    if target.party_id != party.id {
        return Err(row.issue(
            NO,
            format!(
                "整改事项“{rect_no}”属于{owner}，不是{}的整改事项，不能由其填报",
                party.name
            ),
        ));
    }
    if target.closed {
        return Err(row.issue(NO, format!("整改事项“{rect_no}”已销号，不再接收整改情况")));
    }
    let status_text = row.text(STATUS);
    let status = if status_text.is_empty() {
        None
    } else {
        Some(UnitStatus::from_sheet_word(&status_text).ok_or_else(|| {
            row.issue(
                STATUS,
                format!("整改状态“{status_text}”无法识别（可填：未整改、整改中、已整改）"),
            )
        })?)
    };
    let done_on = row.past_date(DONE_ON, today)?;
    // Nothing is reported on an item before it was registered.
    let registered = target.created_on;
    if reported_on < registered {
        return Err(row.issue(
            NO,
            format!(
                "填报日期 {} 早于整改事项“{rect_no}”的登记日期 {}，请核对填报日期",
                ymd(reported_on),
                ymd(registered)
            ),
        ));
    }
    if let Some(d) = done_on.filter(|d| *d < registered) {
        return Err(row.issue(
            DONE_ON,
            format!(
                "完成日期 {} 早于整改事项“{rect_no}”的登记日期 {}，请填写实际完成的日期",
                ymd(d),
                ymd(registered)
            ),
        ));
    }
    if done_on.is_some() && status != Some(UnitStatus::Done) {
        warnings.push(row.issue(DONE_ON, "整改状态不是已整改，完成日期已忽略"));
    }
    let progress = row.text(PROGRESS);
    let cause = row.text(CAUSE);
    let measures = row.text(MEASURES);
    let accountability = row.text(ACCOUNT);
    if progress.is_empty()
        && status == Some(UnitStatus::InProgress)
        && cause.is_empty()
        && measures.is_empty()
        && accountability.is_empty()
    {
        return Err(row.issue(PROGRESS, "整改进展为空，请填写本期整改进展"));
    }
    let reporter = row.text(REPORTER);
    let reporter = match row.text(PHONE) {
        p if p.is_empty() => reporter,
        p if reporter.is_empty() => p,
        p => format!("{reporter}（{p}）"),
    };
    Ok(RectificationRow {
        rect_no,
        report: UnitReport {
            rectification_id: id,
            reported_on,
            cause,
            measures,
            progress,
            status,
            done_on: if status == Some(UnitStatus::Done) {
                done_on
            } else {
                None
            },
            accountability,
            reporter,
        },
    })
}
