//! 组织机构 (EXCHANGE §2.4): departments, units and their aliases from a sheet
//! 组织机构 (名称, 类型, 简称/别名), leaders from a sheet 局领导 (姓名, 职务).
//! The rows are reconciled with the organisation there is
//! ([`crate::org::reconcile`]): a row that names an existing party (by its
//! name or an alias) renames it and adds aliases, a new one is added; nothing
//! is deleted. The plan is in the report ([`super::FileReport::org_plan`]).

use rusqlite::Transaction;

use super::forms::{leader_table, refuse_other_form, SheetForm};
use super::{
    split_names, ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, Planned,
};
use crate::error::{Error, Result};
use crate::org::people::save_person_in;
use crate::org::reconcile::{apply_step_in, plan, OrgStep, SheetLeader, SheetParty};
use crate::org::PartyKind;
use crate::sheets::{Field, Workbook};

/// The columns of the 组织机构 sheet.
pub const ORG_FIELDS: [Field; 3] = [
    Field::required(
        "名称",
        &["机构名称", "部门名称", "单位名称", "部门", "单位"],
    ),
    Field::required("类型", &["机构类型", "类别"]),
    Field::optional("简称/别名", &["简称", "别名", "简称或别名", "简称、别名"]),
];

/// The columns of the 局领导 sheet.
pub const LEADER_FIELDS: [Field; 2] = [
    Field::required("姓名", &["领导姓名", "局领导"]),
    Field::optional("职务", &["职位"]),
];

/// Reads organisation sheets.
pub struct OrgImporter;

/// A planned row of an organisation file: a step of the reconciled plan,
/// or a person of the 督查专员 sheet.
#[derive(Debug, Clone)]
pub enum OrgRow {
    /// A party or leader row, reconciled with the organisation there is.
    Step(OrgStep),
    /// A person of the 督查专员 sheet (see `super::roster`).
    Person(super::roster::RosterRow),
}

impl Importer for OrgImporter {
    type Row = OrgRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Org
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<OrgRow>> {
        let mut out = Parsed::default();
        let mut found = false;
        let mut parties: Vec<SheetParty> = Vec::new();
        let mut leaders: Vec<SheetLeader> = Vec::new();
        for grid in &book.sheets {
            let planned = planned_party_names(&parties);
            if let Some(read) =
                super::roster::read_sheet(ctx, grid, &planned, &mut out, OrgRow::Person)
            {
                read?;
                found = true;
            } else if let Some(t) = grid.table(&ORG_FIELDS) {
                let missing = t.missing_required();
                if !missing.is_empty() {
                    refuse_other_form(book, SheetForm::Org)?;
                    return Err(Error::Invalid(format!(
                        "工作表“{}”第 {} 行的表头缺少必需的列：{}。",
                        grid.name,
                        t.header_row,
                        missing.join("、")
                    )));
                }
                found = true;
                out.sheets.push(grid.name.clone());
                for row in t.rows() {
                    if let Some(issue) = row.unreadable_cell() {
                        out.rejected.push(issue);
                        continue;
                    }
                    let name = row.text(0);
                    if name.is_empty() {
                        out.rejected.push(row.issue(0, "名称为空"));
                        continue;
                    }
                    let kind_text = row.text(1);
                    let Some(kind) = PartyKind::from_label(&kind_text) else {
                        out.rejected.push(row.issue(
                            1,
                            format!("类型“{kind_text}”无法识别（可填：内设机构、下级单位）"),
                        ));
                        continue;
                    };
                    parties.push(SheetParty {
                        sheet: grid.name.clone(),
                        row: row.excel_row,
                        name,
                        kind,
                        aliases: split_names(&row.text(2)),
                    });
                }
            } else if let Some(t) = leader_table(grid) {
                found = true;
                out.sheets.push(grid.name.clone());
                for row in t.rows() {
                    if let Some(issue) = row.unreadable_cell() {
                        out.rejected.push(issue);
                        continue;
                    }
                    let name = row.text(0);
                    if name.is_empty() {
                        out.rejected.push(row.issue(0, "姓名为空"));
                        continue;
                    }
                    leaders.push(SheetLeader {
                        sheet: grid.name.clone(),
                        row: row.excel_row,
                        name,
                        title: row.text(1),
                    });
                }
            }
        }
        if !found {
            refuse_other_form(book, SheetForm::Org)?;
            return Err(Error::Invalid(
                "没有找到组织机构表的表头：需要工作表“组织机构”（名称、类型、简称/别名）、“局领导”（姓名、职务）或“督查专员”（姓名、所在单位、级别、专兼职）。"
                    .into(),
            ));
        }
        let org = crate::org::list(ctx.conn)?;
        let changes = plan(&org.parties, &org.leaders, &parties, &leaders)?;
        // Parties and leaders first: a person may belong to a unit this file adds.
        let people = std::mem::take(&mut out.rows);
        for s in changes.steps() {
            let sheet = out.sheets.iter().position(|n| *n == s.sheet).unwrap_or(0);
            out.rows.push(Planned {
                sheet,
                row: s.row,
                data: OrgRow::Step(s.step.clone()),
            });
        }
        out.rows.extend(people);
        out.org_plan = Some(changes);
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &OrgRow,
        _source: &ImportSource,
    ) -> Result<()> {
        match row {
            OrgRow::Step(step) => apply_step_in(tx, step),
            // Each person added or changed has its own audit entry, as by hand.
            OrgRow::Person(p) => save_person_in(tx, ctx.actor, p).map(|_| ()),
        }
    }

    fn preview(&self, row: &OrgRow) -> (String, String) {
        let step = match row {
            OrgRow::Person(p) => {
                return (p.name.clone(), format!("{}（{}）", p.role.label(), p.party));
            }
            OrgRow::Step(step) => step,
        };
        match step {
            OrgStep::NewParty(p) => (
                p.name.clone(),
                if p.aliases.is_empty() {
                    format!("新增{}", p.kind.label())
                } else {
                    format!(
                        "新增{}，简称/别名：{}",
                        p.kind.label(),
                        p.aliases.join("、")
                    )
                },
            ),
            OrgStep::UpdateParty {
                current,
                name,
                aliases,
                ..
            } => {
                let mut what = Vec::new();
                if name != current {
                    what.push(format!("由“{current}”更名"));
                }
                if !aliases.is_empty() {
                    what.push(format!("增加简称/别名：{}", aliases.join("、")));
                }
                if what.is_empty() {
                    what.push("修改类型或重新启用".to_string());
                }
                (name.clone(), what.join("，"))
            }
            OrgStep::Leader { name, title } => (name.clone(), format!("局领导 {title}")),
            OrgStep::Unchanged { name } => (name.clone(), "未变化".to_string()),
        }
    }
}

/// The parties an organisation file names before the current sheet (a
/// roster may list people of a unit the same file adds).
fn planned_party_names(parties: &[SheetParty]) -> std::collections::HashSet<String> {
    parties
        .iter()
        .map(|p| crate::org::normalize_name(&p.name))
        .collect()
}
