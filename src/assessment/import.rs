//! 综合评价 imported from a sheet (单位/部门, 得分, 备注) through the one
//! loader of [`crate::imports`]: a file applies whole or not at all, a
//! duplicate changes nothing, each bad row names its sheet, row and column.

use std::path::Path;

use rusqlite::Transaction;

use super::{check_manual_score, set_manual_in, AssessPeriod};
use crate::error::{invalid, Result};
use crate::imports::{
    import_files, ApplyContext, ImportBatch, ImportKind, ImportOptions, ImportSource, Importer,
    ParseContext, Parsed, Planned,
};
use crate::sheets::value::cell_number;
use crate::sheets::{Field, Workbook};
use crate::store::{Actor, Store};

/// The columns of the 综合评价 sheet.
pub const MANUAL_FIELDS: [Field; 3] = [
    Field::required(
        "单位/部门",
        &["单位", "部门", "单位名称", "部门名称", "被考核单位", "名称"],
    ),
    Field::required("得分", &["分数", "综合评价", "综合评价得分", "评分"]),
    Field::optional("备注", &["说明"]),
];

/// Reads 综合评价 sheets for one period.
pub struct ManualImporter {
    /// The period the scores are for.
    pub period: AssessPeriod,
}

/// A planned 综合评价 row.
#[derive(Debug, Clone)]
pub struct ManualRow {
    party_id: i64,
    party: String,
    score: f64,
    note: String,
}

impl Importer for ManualImporter {
    type Row = ManualRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Assessment
    }

    /// The period: the same sheet brought for another period is not a
    /// duplicate.
    fn scope(&self) -> String {
        self.period.to_string()
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<ManualRow>> {
        let mut out = Parsed::default();
        let mut found = false;
        // One score a party: a second row for it (by its name or an alias)
        // is refused, naming the first, rather than the last silently winning.
        let mut seen: std::collections::HashMap<i64, (String, u32)> = Default::default();
        for grid in &book.sheets {
            let Some(t) = grid.table(&MANUAL_FIELDS) else {
                continue;
            };
            let missing = t.missing_required();
            if !missing.is_empty() {
                return Err(invalid(format!(
                    "工作表“{}”第 {} 行的表头缺少必需的列：{}。",
                    grid.name,
                    t.header_row,
                    missing.join("、")
                )));
            }
            found = true;
            let sheet = out.sheets.len();
            out.sheets.push(grid.name.clone());
            for row in t.rows() {
                if let Some(issue) = row.unreadable_cell() {
                    out.rejected.push(issue);
                    continue;
                }
                let name = row.text(0);
                if name.is_empty() {
                    out.rejected.push(row.issue(0, "单位/部门为空"));
                    continue;
                }
                let Some(party) = ctx.parties.resolve(&name) else {
                    out.rejected.push(
                        row.issue(0, format!("“{name}”不是组织机构中的部门或单位，请核对名称")),
                    );
                    continue;
                };
                let text = row.text(1);
                let Some(score) = row.cell(1).and_then(cell_number) else {
                    out.rejected.push(row.issue(
                        1,
                        if text.is_empty() {
                            "得分为空".to_string()
                        } else {
                            format!("得分“{text}”不是数字")
                        },
                    ));
                    continue;
                };
                if check_manual_score(score).is_err() {
                    out.rejected
                        .push(row.issue(1, format!("得分 {text} 超出范围，应在 0 至 100 之间")));
                    continue;
                }
                if let Some((s, r)) = seen.get(&party.id) {
                    out.rejected.push(row.issue(
                        0,
                        format!(
                            "“{name}”（{}）在工作表“{s}”第 {r} 行已有得分，同一部门或单位只能填一行",
                            party.name
                        ),
                    ));
                    continue;
                }
                seen.insert(party.id, (grid.name.clone(), row.excel_row));
                out.rows.push(Planned {
                    sheet,
                    row: row.excel_row,
                    data: ManualRow {
                        party_id: party.id,
                        party: party.name.clone(),
                        score,
                        note: row.text(2),
                    },
                });
            }
        }
        if !found {
            return Err(invalid(
                "没有找到综合评价表的表头：需要“单位/部门”“得分”两列（“备注”可选）。",
            ));
        }
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &ManualRow,
        source: &ImportSource,
    ) -> Result<()> {
        set_manual_in(
            tx,
            ctx.actor,
            &self.period,
            row.party_id,
            row.score,
            &row.note,
            Some(source.import_id),
        )
    }

    fn preview(&self, row: &ManualRow) -> (String, String) {
        (
            row.party.clone(),
            format!("{} 综合评价 {}", self.period.label(), row.score),
        )
    }
}

/// Imports 综合评价 sheets for `period`, each file standing alone (a batch is
/// saved at its end: [`import_files`]).
pub fn import_manual<P: AsRef<Path> + Sync>(
    store: &mut Store,
    actor: &Actor,
    period: &AssessPeriod,
    files: &[P],
    options: &ImportOptions,
) -> ImportBatch {
    import_files(
        store,
        actor,
        &ManualImporter { period: *period },
        files,
        options,
    )
}
