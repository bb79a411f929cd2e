//! 舆情情况登记表 (EXCHANGE §2.6): one unit's incidents. A row whose (unit,
//! 舆情标题, 发生时间) is already stored updates that incident
//! (`crate::opinion::upsert_in`); the others are added.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::Transaction;

use super::party_form::reporting_party;
use super::{
    ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, PartyRef, Planned,
};
use crate::error::{Error, Result};
use crate::opinion::{
    check, negative_word, report_moment, start_moment, unknown_level, upsert_in, Handling, Level,
    NewIncident, RowSource,
};
use crate::org::PartyKind;
use crate::sheets::value::cell_moment;
use crate::sheets::{Field, Row, RowIssue, Workbook};

/// The §2.6 columns, in template order.
pub const OPINION_FIELDS: [Field; 11] = [
    Field::optional("序号", &[]),
    Field::required(
        "舆情标题",
        &["标题", "舆情名称", "舆情事件", "事件名称", "舆情内容"],
    ),
    Field::required("发生时间", &["发生日期", "发生时间点"]),
    Field::required("发现时间", &["发现日期", "监测时间"]),
    Field::required("报告时间", &["报告日期", "上报时间", "上报日期"]),
    Field::optional(
        "来源渠道",
        &["来源", "渠道", "舆情来源", "发布平台", "来源平台"],
    ),
    Field::required("等级", &["舆情等级", "级别"]),
    Field::required("是否负面", &["负面", "舆情性质", "性质"]),
    Field::optional("处置情况", &["处置措施", "处理情况", "应对情况"]),
    Field::optional("处置状态", &["处理状态", "状态"]),
    Field::optional("备注", &[]),
];

const TITLE: usize = 1;
const OCCURRED: usize = 2;
const FOUND: usize = 3;
const REPORTED: usize = 4;
const CHANNEL: usize = 5;
const LEVEL: usize = 6;
const NEGATIVE: usize = 7;
const HANDLING: usize = 8;
const STATUS: usize = 9;
const NOTE: usize = 10;

/// Reads 舆情情况登记表 files.
pub struct OpinionImporter;

/// A planned incident row.
#[derive(Debug, Clone)]
pub struct OpinionRow {
    /// The unit's `parties.id`.
    pub party_id: i64,
    /// The incident.
    pub incident: NewIncident,
}

impl Importer for OpinionImporter {
    type Row = OpinionRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Opinion
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<OpinionRow>> {
        let tables = super::forms::form_tables(
            book,
            &OPINION_FIELDS,
            super::forms::SheetForm::Opinion,
            "没有找到舆情情况登记表的表头：在各个可见工作表的前 20 行中，没有一行包含“舆情标题”“发生时间”“等级”等列名。请确认选择的是舆情情况登记表。",
        )?;
        let mut out = Parsed::default();
        let party = reporting_party(ctx, &tables, &mut out.warnings)?;
        if ctx.parties.by_id(party.id).map(|p| p.kind) != Some(PartyKind::Unit) {
            return Err(Error::Invalid(format!(
                "填报单位“{}”是内设机构，舆情情况登记表只适用于下级单位。请核对文件，或用 --party 指定下级单位。",
                party.name
            )));
        }
        let mut seen: HashMap<(String, NaiveDateTime), (String, u32)> = HashMap::new();
        for t in &tables {
            let sheet = out.sheets.len();
            out.sheets.push(t.grid.name.clone());
            for row in t.rows() {
                // A row with only its 序号 (a template's numbered blank line).
                if (TITLE..=NOTE).all(|f| row.is_blank(f)) {
                    continue;
                }
                match read_row(&party, &row, ctx.now, &mut out.warnings) {
                    Err(issue) => out.rejected.push(issue),
                    Ok(incident) => {
                        let key = (incident.title.clone(), incident.occurred_at);
                        if let Some((s, r)) = seen.get(&key) {
                            out.rejected.push(row.issue(
                                TITLE,
                                format!(
                                    "与工作表“{s}”第 {r} 行的舆情标题和发生时间相同，同一舆情只能填一行"
                                ),
                            ));
                            continue;
                        }
                        seen.insert(key, (t.grid.name.clone(), row.excel_row));
                        out.rows.push(Planned {
                            sheet,
                            row: row.excel_row,
                            data: OpinionRow {
                                party_id: party.id,
                                incident,
                            },
                        });
                    }
                }
            }
        }
        out.party = Some(party);
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &OpinionRow,
        source: &ImportSource,
    ) -> Result<()> {
        let from = RowSource {
            import_id: source.import_id,
            sheet: &source.sheet,
            row: source.row,
        };
        upsert_in(
            tx,
            ctx.actor,
            row.party_id,
            &row.incident,
            false,
            Some(from),
        )?;
        Ok(())
    }

    fn preview(&self, row: &OpinionRow) -> (String, String) {
        let i = &row.incident;
        let summary = format!(
            "{}舆情，{}，发生于 {}，{}",
            i.level.label(),
            if i.negative { "负面" } else { "非负面" },
            crate::dates::minute(i.occurred_at),
            i.status.label()
        );
        (i.title.clone(), summary)
    }
}

/// A moment cell: `(date, time)`, with the column's date-only rule.
fn moment(
    row: &Row<'_>,
    f: usize,
    at: fn(chrono::NaiveDate, Option<chrono::NaiveTime>) -> NaiveDateTime,
) -> std::result::Result<Option<NaiveDateTime>, RowIssue> {
    match row.cell(f) {
        None => Ok(None),
        Some(d) => cell_moment(d)
            .map(|o| o.map(|(day, time)| at(day, time)))
            .map_err(|e| row.issue(f, e.reason(&crate::sheets::cell_text(d)))),
    }
}

fn read_row(
    party: &PartyRef,
    row: &Row<'_>,
    now: NaiveDateTime,
    warnings: &mut Vec<RowIssue>,
) -> std::result::Result<NewIncident, RowIssue> {
    if let Some(issue) = row.unreadable_cell() {
        return Err(issue);
    }
    let title = row.text(TITLE);
    if title.is_empty() {
        return Err(row.issue(TITLE, "舆情标题为空，请填写"));
    }
    let occurred_at = moment(row, OCCURRED, start_moment)?
        .ok_or_else(|| row.issue(OCCURRED, "发生时间为空，请填写（如 2026-11-03 14:20）"))?;
    let discovered_at = moment(row, FOUND, start_moment)?;
    let reported_at = moment(row, REPORTED, report_moment)?;
    let level_text = row.text(LEVEL);
    if level_text.is_empty() {
        return Err(row.issue(LEVEL, "等级为空，请填写一般、较大、重大或特别重大"));
    }
    let level = Level::from_word(&level_text)
        .ok_or_else(|| row.issue(LEVEL, unknown_level(&level_text)))?;
    let neg_text = row.text(NEGATIVE);
    let negative = negative_word(&neg_text).ok_or_else(|| {
        row.issue(
            NEGATIVE,
            if neg_text.is_empty() {
                "是否负面为空，请填写是或否".to_string()
            } else {
                format!("是否负面“{neg_text}”无法识别（可填：是、否）")
            },
        )
    })?;
    let status_text = row.text(STATUS);
    let status = if status_text.is_empty() {
        Handling::Handling
    } else {
        Handling::from_word(&status_text).ok_or_else(|| {
            row.issue(
                STATUS,
                format!("处置状态“{status_text}”无法识别（可填：处置中、已处置）"),
            )
        })?
    };
    let incident = NewIncident {
        party: party.name.clone(),
        title,
        occurred_at,
        discovered_at,
        reported_at,
        channel: row.text(CHANNEL),
        level,
        negative,
        handling: row.text(HANDLING),
        status,
        note: row.text(NOTE),
    };
    if let Err(reason) = check(&incident, now) {
        let col = if reason.starts_with("报告时间") {
            REPORTED
        } else if reason.starts_with("发生时间") {
            OCCURRED
        } else {
            FOUND
        };
        return Err(row.issue(col, reason));
    }
    if discovered_at.is_none() {
        warnings.push(row.issue(FOUND, "未填发现时间，按发生时间计算报告时限"));
    }
    if reported_at.is_none() && negative {
        warnings.push(row.issue(REPORTED, "未填报告时间，该负面舆情按漏报统计"));
    }
    Ok(incident)
}
