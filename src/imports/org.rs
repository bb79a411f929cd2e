//! 组织机构 (EXCHANGE §2.4): departments, units and their aliases from a sheet
//! 组织机构 (名称, 类型, 简称/别名), leaders from a sheet 局领导 (姓名, 职务).
//! The rows are reconciled with the organisation there is
//! ([`crate::org::reconcile`]): a row that names an existing party (by its
//! name or an alias) renames it and adds aliases, a new one is added; nothing
//! is deleted. The plan is in the report ([`super::FileReport::org_plan`]).

use rusqlite::Transaction;

use super::forms::{refuse_other_form, SheetForm};
use super::{
    split_names, ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, Planned,
};
use crate::error::{Error, Result};
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

impl Importer for OrgImporter {
    type Row = OrgStep;

    fn kind(&self) -> ImportKind {
        ImportKind::Org
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<OrgStep>> {
        let mut out = Parsed::default();
        let mut found = false;
        let mut parties: Vec<SheetParty> = Vec::new();
        let mut leaders: Vec<SheetLeader> = Vec::new();
        for grid in &book.sheets {
            if let Some(t) = grid.table(&ORG_FIELDS) {
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
                    if let Some(issue) = row.over_long() {
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
            } else if let Some(t) = grid.table(&LEADER_FIELDS) {
                found = true;
                out.sheets.push(grid.name.clone());
                for row in t.rows() {
                    if let Some(issue) = row.over_long() {
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
                "没有找到组织机构表的表头：需要工作表“组织机构”（名称、类型、简称/别名）或“局领导”（姓名、职务）。"
                    .into(),
            ));
        }
        let org = crate::org::list(ctx.conn)?;
        let changes = plan(&org.parties, &org.leaders, &parties, &leaders)?;
        for s in changes.steps() {
            let sheet = out.sheets.iter().position(|n| *n == s.sheet).unwrap_or(0);
            out.rows.push(Planned {
                sheet,
                row: s.row,
                data: s.step.clone(),
            });
        }
        out.org_plan = Some(changes);
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        _ctx: &ApplyContext<'_>,
        row: &OrgStep,
        _source: &ImportSource,
    ) -> Result<()> {
        apply_step_in(tx, row)
    }

    fn preview(&self, row: &OrgStep) -> (String, String) {
        match row {
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
