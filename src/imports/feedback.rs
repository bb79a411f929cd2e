//! 落实情况反馈表 (EXCHANGE §2.2): a department's or unit's progress on its
//! items becomes progress entries and completion reports awaiting review.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};

use super::party_form::{one_row_per_item, report_date, reporting_party};
use super::{ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, PartyRef};
use crate::error::{Error, Result};
use crate::items::{
    insert_completion_report_in, insert_progress_in, item_head_by_no, takes_part, NewCompletion,
    NewProgress, Status,
};
use crate::org::normalize_name;
use crate::sheets::{Field, Row, RowIssue, Workbook};

/// The §2.2 columns (plus an optional 办结日期), in template order.
pub const FEEDBACK_FIELDS: [Field; 11] = [
    Field::optional("序号", &[]),
    Field::required("事项编号", &["编号", "督办编号"]),
    Field::optional("事项名称", &["督办事项", "工作事项", "事项"]),
    Field::optional("完成时限", &["办理时限", "截止日期", "完成时间"]),
    Field::required("办理进展", &["进展情况", "落实情况", "工作进展"]),
    Field::optional("完成状态", &["办理状态", "状态", "完成情况"]),
    Field::optional("存在问题", &["困难问题", "存在困难", "问题"]),
    Field::optional("下步措施", &["下一步措施", "下步计划", "下一步工作计划"]),
    Field::optional("填报人", &["联系人"]),
    Field::optional("联系电话", &["电话"]),
    Field::optional("办结日期", &["完成日期"]),
];

const NO: usize = 1;
const NAME: usize = 2;
const PROGRESS: usize = 4;
const STATUS: usize = 5;
const PROBLEMS: usize = 6;
const NEXT: usize = 7;
const REPORTER: usize = 8;
const PHONE: usize = 9;
const DONE_ON: usize = 10;

/// Reads feedback sheets.
pub struct FeedbackImporter;

/// A planned feedback row.
#[derive(Debug, Clone)]
pub struct FeedbackRow {
    pub item_id: i64,
    pub item_no: String,
    pub progress: Option<NewProgress>,
    pub completion: Option<NewCompletion>,
}

impl Importer for FeedbackImporter {
    type Row = FeedbackRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Feedback
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<FeedbackRow>> {
        let tables = super::forms::form_tables(
            book,
            &FEEDBACK_FIELDS,
            super::forms::SheetForm::Feedback,
            "没有找到落实情况反馈表的表头：在各个可见工作表的前 20 行中，没有一行包含“事项编号”“办理进展”等列名。请确认选择的是反馈表。",
        )?;
        let mut out = Parsed::default();
        let party = reporting_party(ctx, &tables, &mut out.warnings)?;
        let reported_on = report_date(&tables, ctx.today, &mut out.warnings).unwrap_or(ctx.today);
        one_row_per_item(
            &tables,
            &mut out,
            ("事项", NO),
            is_unfilled,
            |row, warnings| read_row(ctx.conn, &party, reported_on, ctx.today, row, warnings),
            |data| (data.item_id, &data.item_no),
        );
        out.party = Some(party);
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &FeedbackRow,
        source: &ImportSource,
    ) -> Result<()> {
        if let Some(p) = &row.progress {
            insert_progress_in(tx, ctx.actor, row.item_id, p, Some(source))?;
        }
        if let Some(c) = &row.completion {
            insert_completion_report_in(tx, ctx.actor, row.item_id, c, Some(source))?;
        }
        Ok(())
    }

    fn preview(&self, row: &FeedbackRow) -> (String, String) {
        let mut s = Vec::new();
        if let Some(p) = &row.progress {
            s.push(format!("记录进展：{}", p.text));
        }
        if row.completion.is_some() {
            s.push("报送办结（待销号审核）".to_string());
        }
        (row.item_no.clone(), s.join("；"))
    }
}

/// A row the party left as the template gave it (or marked only 未启动).
fn is_unfilled(row: &Row<'_>) -> bool {
    [PROGRESS, PROBLEMS, NEXT, DONE_ON]
        .iter()
        .all(|&f| row.is_blank(f))
        && (row.is_blank(STATUS) || status_word(&row.text(STATUS)) == Some(Status::NotStarted))
}

fn status_word(text: &str) -> Option<Status> {
    Status::from_sheet_word(text)
}

fn read_row(
    conn: &Connection,
    party: &PartyRef,
    reported_on: NaiveDate,
    today: NaiveDate,
    row: &Row<'_>,
    warnings: &mut Vec<RowIssue>,
) -> std::result::Result<FeedbackRow, RowIssue> {
    if let Some(issue) = row.unreadable_cell() {
        return Err(issue);
    }
    let db = |e: Error| row.issue(NO, e.to_string());
    let no = normalize_name(&row.text(NO));
    let key = if no.is_empty() {
        let name = row.text(NAME);
        if name.is_empty() {
            return Err(row.issue(NO, "事项编号和事项名称都为空，无法确定是哪个事项"));
        }
        let found = crate::items::item_nos_named(conn, party.id, &name).map_err(db)?;
        match found.as_slice() {
            [one] => {
                warnings.push(row.issue(
                    NAME,
                    format!("未填事项编号，按事项名称“{name}”对应到 {one}"),
                ));
                item_head_by_no(conn, one).map_err(db)?
            }
            [] => {
                return Err(row.issue(
                    NAME,
                    format!(
                        "未填事项编号，且{}的事项中没有名称为“{name}”的事项",
                        party.name
                    ),
                ))
            }
            many => {
                return Err(row.issue(
                    NAME,
                    format!(
                        "未填事项编号，名称“{name}”对应多个事项（{}），请填写事项编号",
                        many.join("、")
                    ),
                ))
            }
        }
    } else {
        item_head_by_no(conn, &no).map_err(db)?
    };
    let Some(item) = key else {
        return Err(row.issue(NO, format!("事项编号“{no}”不存在")));
    };
    if !takes_part(conn, &item, party.id).map_err(db)? {
        return Err(row.issue(
            NO,
            format!(
                "事项“{}”既不由{}牵头，也不由其配合办理",
                item.item_no, party.name
            ),
        ));
    }
    if !item.status.is_open() {
        return Err(row.issue(
            NO,
            format!(
                "事项“{}”{}，不再接收反馈",
                item.item_no,
                item.status.label()
            ),
        ));
    }
    let status_text = row.text(STATUS);
    let status = if status_text.is_empty() {
        None
    } else {
        Some(status_word(&status_text).ok_or_else(|| {
            row.issue(
                STATUS,
                format!("完成状态“{status_text}”无法识别（可填：未启动、推进中、已办结）"),
            )
        })?)
    };
    let done_on = row.past_date(DONE_ON, today)?;
    let text = row.text(PROGRESS);
    let reporter = row.text(REPORTER);
    let reporter = match row.text(PHONE) {
        p if p.is_empty() => reporter,
        p if reporter.is_empty() => p,
        p => format!("{reporter}（{p}）"),
    };
    let completion = if status == Some(Status::Done) {
        if item.status == Status::PendingReview {
            return Err(row.issue(
                STATUS,
                format!("事项“{}”已有待审核的办结报告", item.item_no),
            ));
        }
        if text.is_empty() {
            // The office closes the item on this report: it needs its account.
            return Err(row.issue(
                PROGRESS,
                "完成状态为已办结，请在办理进展中写明办结情况（作为办结报告的内容）",
            ));
        }
        Some(NewCompletion {
            reported_on: done_on.unwrap_or(reported_on),
            text: text.clone(),
            reporter: reporter.clone(),
            party_id: Some(party.id),
            evidence: Vec::new(),
        })
    } else {
        if done_on.is_some() {
            warnings.push(row.issue(DONE_ON, "完成状态不是已办结，办结日期已忽略"));
        }
        None
    };
    let problems = row.text(PROBLEMS);
    let next_steps = row.text(NEXT);
    let progress = if text.is_empty() {
        if completion.is_none()
            && (!problems.is_empty()
                || !next_steps.is_empty()
                || status == Some(Status::InProgress))
        {
            return Err(row.issue(PROGRESS, "办理进展为空，请填写本期进展"));
        }
        None
    } else {
        Some(NewProgress {
            reported_on,
            text,
            reporter,
            party_id: Some(party.id),
            problems,
            next_steps,
        })
    };
    if progress.is_none() && completion.is_none() {
        return Err(row.issue(PROGRESS, "办理进展为空，请填写本期进展"));
    }
    // What is reported comes after the item's document arrived: checked here,
    // with the row's other checks, so that every such row is listed at once.
    let early = |what: &str, day: NaiveDate, col: usize| match crate::items::before_the_document(
        conn,
        item.id,
        item.document_id,
        what,
        day,
    )
    .map_err(db)?
    {
        Some(why) => Err(row.issue(col, why)),
        None => Ok(()),
    };
    if let Some(c) = &completion {
        match done_on {
            Some(_) => early("办结日期", c.reported_on, DONE_ON)?,
            None => early("填报日期", c.reported_on, PROGRESS)?,
        }
    }
    if let Some(p) = &progress {
        early("填报日期", p.reported_on, PROGRESS)?;
    }
    Ok(FeedbackRow {
        item_id: item.id,
        item_no: item.item_no,
        progress,
        completion,
    })
}
