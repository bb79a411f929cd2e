//! Receiving returned reports: one more importer in the loader of
//! [`crate::imports`] (same two steps, one transaction per file, `duplicate`
//! for the same content twice, `--dry-run` through the very same path).
//!
//! Each file is matched to its round by the identity written into its
//! template (`报送任务编号：BS…`), unless the clerk chose a round
//! ([`ImportOptions::round`]), which wins (with a warning when the file says
//! otherwise). The unit is the file's 填报单位 (or [`ImportOptions::party`])
//! and must be one the round asked. The received date is the file's 报送日期
//! (填报日期 on a progress sheet); when blank, the import date, said in a
//! warning. A progress round's sheet is also a §2.2 feedback sheet: its rows
//! are recorded as progress and completion reports, as a feedback import would.

use std::cell::RefCell;
use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::form::{find_tokens, grids_of, read_labels, value_date, Value, ROWS_KEY};
use super::query::{round_by_token, round_row, FieldValue, Round};
use super::{phase_fields, report_status, ReportStatus, RoundKind};
use crate::error::{Error, Result};
use crate::imports::forms::{recognise, SheetForm};
use crate::imports::{
    import_file_of, ApplyContext, FeedbackImporter, FileReport, ImportKind, ImportOptions,
    ImportSource, Importer, ParseContext, Parsed, PartyRef, Planned,
};
use crate::sheets::{RowIssue, Workbook};
use crate::store::{Actor, Store};

/// The label of the received date on a policy form.
const REPORT_DATE: &str = "报送日期";
/// The label of the received date on a progress (§2.2) sheet.
const FEEDBACK_DATE: &str = "填报日期";

/// One file's outcome: the loader's report plus the round it went to.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportOutcome {
    /// `file`, `status`, `party`, `rows_applied`, `rows_rejected`, `error` … (EXCHANGE §4).
    #[serde(flatten)]
    pub report: FileReport,
    /// The round matched, when known.
    pub round_id: Option<i64>,
    /// Its title.
    pub round: Option<String>,
    /// The received date recorded (or that would be).
    pub received_on: Option<NaiveDate>,
    /// 按时 or 迟报 for this report.
    pub report_status: Option<ReportStatus>,
    /// What was read from the form (labels and values), for the preview.
    pub fields: Vec<FieldValue>,
}

/// A planned row of a report file.
#[derive(Debug, Clone)]
pub enum ReportRow {
    /// The report itself (one per file): the round's record of receipt.
    Receipt(Receipt),
    /// A progress round's item row, recorded as a feedback import would.
    Feedback(<FeedbackImporter as Importer>::Row),
}

/// The record of receipt of one file.
#[derive(Debug, Clone)]
pub struct Receipt {
    round_id: i64,
    round: String,
    party_id: i64,
    party: String,
    received_on: NaiveDate,
    fields: serde_json::Value,
}

/// What the parse step found, kept for the outcome.
#[derive(Debug, Clone, Default)]
struct Matched {
    round: Option<(i64, String)>,
    received_on: Option<NaiveDate>,
    status: Option<ReportStatus>,
    fields: Vec<FieldValue>,
}

/// The round-report importer ([`ImportKind::Report`]).
#[derive(Default)]
pub struct RoundReportImporter {
    matched: RefCell<Matched>,
}

/// Imports returned report files one by one (each its own transaction), or
/// previews them with `options.dry_run`.
pub fn import_reports(
    store: &mut Store,
    actor: &Actor,
    files: &[PathBuf],
    options: &ImportOptions,
) -> Vec<ReportOutcome> {
    // One snapshot for the whole preview, not one per file.
    let mut dry = crate::imports::dry_run_store(store, options);
    let store = dry.as_deref_mut().unwrap_or(store);
    let importer = RoundReportImporter::default();
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            importer.matched.replace(Matched::default());
            let report = import_file_of(store, actor, &importer, f, options, (i, files.len()));
            let m = importer.matched.take();
            let ok = !matches!(
                report.status,
                crate::imports::FileStatus::Rejected | crate::imports::FileStatus::Duplicate
            );
            ReportOutcome {
                report,
                round_id: m.round.as_ref().map(|r| r.0),
                round: m.round.map(|r| r.1),
                received_on: m.received_on.filter(|_| ok),
                report_status: m.status.filter(|_| ok),
                fields: m.fields,
            }
        })
        .collect()
}

fn issue(sheet: &str, column: &str, reason: String) -> RowIssue {
    RowIssue {
        sheet: sheet.to_string(),
        row: 0,
        column: column.to_string(),
        reason,
    }
}

impl RoundReportImporter {
    /// The round of a file: the one chosen, else the identity in the file.
    fn round_of(
        &self,
        conn: &Connection,
        options: &ImportOptions,
        tokens: &[String],
        warnings: &mut Vec<RowIssue>,
        sheet: &str,
    ) -> Result<Round> {
        let mut found: Vec<Round> = Vec::new();
        for t in tokens {
            if let Some(r) = round_by_token(conn, t)? {
                if !found.iter().any(|f| f.id == r.id) {
                    found.push(r);
                }
            }
        }
        match (options.round, found.as_slice()) {
            (Some(id), found) => {
                let chosen = round_row(conn, id)?;
                if let Some(v) = &chosen.voided {
                    return Err(Error::Conflict(format!(
                        "报送任务“{}”已于 {} 作废，不再接收报送材料。",
                        chosen.title, v.voided_at
                    )));
                }
                if let Some(f) = found.iter().find(|f| f.id != id) {
                    warnings.push(issue(
                        sheet,
                        "",
                        format!("文件中的报送任务编号属于“{}”，已按指定归入“{}”", f.title, chosen.title),
                    ));
                }
                Ok(chosen)
            }
            (None, [one]) => Ok(one.clone()),
            (None, []) => Err(Error::Invalid(
                "无法识别文件属于哪个报送任务（文件中没有有效的“报送任务编号”）。请选择所属报送任务后再导入（命令行：--round 任务编号）。"
                    .into(),
            )),
            (None, many) => Err(Error::Invalid(format!(
                "文件中含有多个报送任务编号（{}）。请选择所属报送任务后再导入（命令行：--round 任务编号）。",
                many.iter().map(|r| format!("“{}”", r.title)).collect::<Vec<_>>().join("、")
            ))),
        }
    }
}

impl Importer for RoundReportImporter {
    type Row = ReportRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Report
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<ReportRow>> {
        let form = recognise(book);
        if let Some(found @ (SheetForm::Ledger | SheetForm::Org)) = form {
            return Err(Error::Invalid(format!(
                "所选文件不是报送任务的报送表，而是{}。{}。",
                found.label(),
                found.where_to_import()
            )));
        }
        let grids = grids_of(book);
        let first_sheet = grids.first().map(|g| g.name.clone()).unwrap_or_default();
        let mut out: Parsed<ReportRow> = Parsed::default();
        let tokens = find_tokens(&grids);
        let round = self.round_of(
            ctx.conn,
            ctx.options,
            &tokens,
            &mut out.warnings,
            &first_sheet,
        )?;
        self.matched.borrow_mut().round = Some((round.id, round.title.clone()));
        if form.is_some() {
            // The round the file's own number names, when it is another one.
            let mut own = None;
            for t in &tokens {
                own = own.or(round_by_token(ctx.conn, t)?.filter(|r| r.id != round.id));
            }
            refuse_other_round_kind(&round, form, own.as_ref())?;
        }

        let date_label = match round.kind {
            RoundKind::Policy => REPORT_DATE,
            RoundKind::Progress => FEEDBACK_DATE,
        };
        let mut labels = read_labels(&grids, &[FEEDBACK_DATE]);
        if round.kind == RoundKind::Progress {
            // Only the cells above a feedback table are the report's own; the
            // rest (填报人, 联系电话 …) are column headers of item rows.
            labels.retain(|(l, _)| l == "填报单位" || l == FEEDBACK_DATE);
        }
        if let Some((label, Value::Error { code, cell })) = labels
            .iter()
            .find(|(_, v)| matches!(v, Value::Error { .. }))
        {
            return Err(Error::Invalid(format!(
                "{cell}（{label}）显示公式错误 {code}，没有可导入的内容。请改正公式或直接填写内容后再导入。"
            )));
        }
        let field = |l: &str| labels.iter().find(|(k, _)| k == l).map(|(_, v)| v);
        let fields: Vec<FieldValue> = labels
            .iter()
            .map(|(l, v)| FieldValue {
                label: l.clone(),
                value: v.text(),
            })
            .collect();
        self.matched.borrow_mut().fields = fields;

        // A progress sheet is a feedback sheet: its rows and party come from that importer.
        let mut feedback_rows = Vec::new();
        let party = match round.kind {
            RoundKind::Progress => {
                let fb = FeedbackImporter.parse(ctx, book)?;
                out.sheets = fb.sheets;
                out.rejected = fb.rejected;
                out.warnings.extend(fb.warnings);
                feedback_rows = fb.rows;
                fb.party.ok_or_else(|| {
                    Error::Invalid(
                        "表内没有填写填报单位。请选择填报单位（命令行：--party 名称）。".into(),
                    )
                })?
            }
            RoundKind::Policy => {
                out.sheets = vec![first_sheet.clone()];
                form_party(ctx, field("填报单位"))?
            }
        };
        let targeted: i64 = ctx.conn.query_row(
            "SELECT count(*) FROM round_targets WHERE round_id = ?1 AND party_id = ?2",
            params![round.id, party.id],
            |r| r.get(0),
        )?;
        if targeted == 0 {
            return Err(Error::Invalid(format!(
                "“{}”不是报送任务“{}”的报送单位。请确认文件是否选错了报送任务。",
                party.name, round.title
            )));
        }

        let received = match field(date_label) {
            Some(v) => value_date(v).ok_or_else(|| {
                Error::Invalid(format!(
                    "{date_label}“{}”无法识别为日期（需含年、月、日，如 2026-11-30）。请改正后再导入。",
                    v.text()
                ))
            })?,
            None => {
                out.warnings.push(issue(
                    &first_sheet,
                    date_label,
                    format!("未填写{date_label}，以导入日期 {} 作为报送日期", ctx.today),
                ));
                ctx.today
            }
        };
        crate::dates::not_after_today(date_label, received, ctx.today, "请核对后再导入。")?;
        if round.kind == RoundKind::Policy
            && phase_fields(&round.phase)
                .iter()
                .all(|l| field(l).is_none())
        {
            return Err(Error::Invalid(format!(
                "报送表中{}均未填写，不能作为报送材料。请填写后再导入。",
                phase_fields(&round.phase).join("、")
            )));
        }
        let earlier: Option<String> = ctx
            .conn
            .query_row(
                "SELECT min(received_on) FROM round_reports
                  WHERE round_id = ?1 AND party_id = ?2 AND voided_at IS NULL",
                params![round.id, party.id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if let Some(e) = earlier {
            out.warnings.push(issue(
                &first_sheet,
                "",
                format!("{}已于 {e} 报送过本任务，本次作为补充材料记录", party.name),
            ));
        }

        let mut json = serde_json::Map::new();
        for (l, v) in &labels {
            json.insert(l.clone(), serde_json::Value::String(v.text()));
        }
        json.insert(
            date_label.to_string(),
            serde_json::Value::String(received.to_string()),
        );
        if round.kind == RoundKind::Progress {
            json.insert(ROWS_KEY.to_string(), progress_rows_json(&feedback_rows));
        }
        let status = report_status(round.due, Some(received), ctx.today);
        {
            let mut m = self.matched.borrow_mut();
            m.received_on = Some(received);
            m.status = Some(status);
        }
        let receipt_row = book.sheets.first().map_or(1, |g| g.first_row());
        out.rows.push(Planned {
            sheet: 0,
            row: receipt_row,
            data: ReportRow::Receipt(Receipt {
                round_id: round.id,
                round: round.title.clone(),
                party_id: party.id,
                party: party.name.clone(),
                received_on: received,
                fields: serde_json::Value::Object(json),
            }),
        });
        out.rows.extend(feedback_rows.into_iter().map(|p| Planned {
            sheet: p.sheet,
            row: p.row,
            data: ReportRow::Feedback(p.data),
        }));
        if out.sheets.is_empty() {
            out.sheets.push(first_sheet);
        }
        out.party = Some(party);
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &ReportRow,
        source: &ImportSource,
    ) -> Result<()> {
        match row {
            ReportRow::Receipt(r) => {
                tx.execute(
                    "INSERT INTO round_reports(round_id, party_id, received_on, fields, import_id, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        r.round_id,
                        r.party_id,
                        r.received_on.to_string(),
                        r.fields.to_string(),
                        source.import_id,
                        ctx.actor.stamp()
                    ],
                )?;
                Ok(())
            }
            ReportRow::Feedback(f) => FeedbackImporter.apply(tx, ctx, f, source),
        }
    }

    fn preview(&self, row: &ReportRow) -> (String, String) {
        match row {
            ReportRow::Receipt(r) => (
                r.party.clone(),
                format!("报送任务“{}”：{} 报送", r.round, r.received_on),
            ),
            ReportRow::Feedback(f) => FeedbackImporter.preview(f),
        }
    }
}

/// Refuses a form of the other kind of round: a 政策措施落实情况报送表 brought to
/// a 落实进展 round, a 落实情况反馈表 to a 政策措施落实情况 round.
/// `own` is the round the file's 报送任务编号 names, when it is another one.
fn refuse_other_round_kind(
    round: &Round,
    form: Option<SheetForm>,
    own: Option<&Round>,
) -> Result<()> {
    match (round.kind, form) {
        (RoundKind::Progress, Some(SheetForm::PolicyReport)) => Err(Error::Invalid(format!(
            "这是{}，而报送任务“{}”收的是落实情况反馈表（落实进展）。{}",
            SheetForm::PolicyReport.label(),
            round.title,
            match own {
                Some(r) if r.kind == RoundKind::Policy => format!(
                    "表中的报送任务编号属于报送任务“{}”：请在该任务中导入，或不指定报送任务直接导入（命令行：去掉 --round），系统会自动归入。",
                    r.title
                ),
                _ => "请在“报送任务”页面，在该表所属的政策措施落实情况报送任务中导入（表中带有“报送任务编号”时，不指定报送任务即可自动归入）。".to_string(),
            }
        ))),
        (RoundKind::Policy, Some(SheetForm::Feedback)) => Err(Error::Invalid(format!(
            "这是落实情况反馈表，而报送任务“{}”收的是{}。{}。",
            round.title,
            SheetForm::PolicyReport.label(),
            SheetForm::Feedback.where_to_import()
        ))),
        _ => Ok(()),
    }
}

/// The party of a policy form: its 填报单位, or the one chosen when the form
/// does not say (a chosen one that disagrees with the form is refused).
fn form_party(ctx: &ParseContext<'_>, in_form: Option<&Value>) -> Result<PartyRef> {
    let named = in_form.map(Value::text).filter(|s| !s.is_empty());
    let from_form = match &named {
        Some(n) => Some(ctx.parties.resolve(n).ok_or_else(|| {
            Error::Invalid(format!(
                "填报单位“{n}”不在组织机构中。请核对单位名称，或先在组织机构中添加该单位或其简称。"
            ))
        })?),
        None => None,
    };
    let chosen = match ctx.options.party.as_deref() {
        Some(n) => Some(ctx.parties.resolve(n).ok_or_else(|| {
            Error::NotFound(format!("指定的填报单位“{n}”不在组织机构中，请核对名称。"))
        })?),
        None => None,
    };
    let p =
        match (from_form, chosen) {
            (Some(f), Some(c)) if f.id != c.id => {
                return Err(Error::Invalid(format!(
                    "表内填报单位为“{}”，与指定的“{}”不一致。请核对文件，或去掉 --party。",
                    f.name, c.name
                )))
            }
            (Some(p), _) | (None, Some(p)) => p,
            (None, None) => return Err(Error::Invalid(
                "报送表未填写“填报单位”。请补填后再导入，或选择填报单位（命令行：--party 名称）。"
                    .into(),
            )),
        };
    Ok(PartyRef {
        id: p.id,
        name: p.name.clone(),
    })
}

/// A progress report's item rows as stored for reading back: `[[label, value], …]` per row.
fn progress_rows_json(rows: &[Planned<<FeedbackImporter as Importer>::Row>]) -> serde_json::Value {
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|p| {
            let f = &p.data;
            let mut cells = vec![["事项编号".to_string(), f.item_no.clone()]];
            if let Some(pr) = &f.progress {
                cells.push(["办理进展".into(), pr.text.clone()]);
                if !pr.problems.is_empty() {
                    cells.push(["存在问题".into(), pr.problems.clone()]);
                }
                if !pr.next_steps.is_empty() {
                    cells.push(["下步措施".into(), pr.next_steps.clone()]);
                }
            }
            if let Some(c) = &f.completion {
                cells.push([
                    "完成状态".into(),
                    format!("已办结（{}，待销号审核）", c.reported_on),
                ]);
            }
            serde_json::json!(cells)
        })
        .collect();
    serde_json::Value::Array(rows)
}
