//! 组织机构 (EXCHANGE §2.4): departments, units and their aliases from a sheet
//! 组织机构 (名称, 类型, 简称/别名), leaders from a sheet 局领导 (姓名, 职务).
//! Adds what is new and updates aliases and titles; never deletes.

use rusqlite::Transaction;

use super::{
    split_names, ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, Planned,
};
use crate::error::{Error, Result};
use crate::org::people::upsert_person_in;
use crate::org::{upsert_leader_in, upsert_party_in, PartyKind};
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

/// A planned organisation row.
#[derive(Debug, Clone)]
pub enum OrgRow {
    /// A department or unit with its aliases.
    Party {
        name: String,
        kind: PartyKind,
        aliases: Vec<String>,
    },
    /// A leader with a title.
    Leader { name: String, title: String },
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
        for grid in &book.sheets {
            let planned = planned_party_names(&out);
            if let Some(read) =
                super::roster::read_sheet(ctx, grid, &planned, &mut out, OrgRow::Person)
            {
                read?;
                found = true;
            } else if let Some(t) = grid.table(&ORG_FIELDS) {
                let missing = t.missing_required();
                if !missing.is_empty() {
                    return Err(Error::Invalid(format!(
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
                    out.rows.push(Planned {
                        sheet,
                        row: row.excel_row,
                        data: OrgRow::Party {
                            name,
                            kind,
                            aliases: split_names(&row.text(2)),
                        },
                    });
                }
            } else if let Some(t) = grid.table(&LEADER_FIELDS) {
                found = true;
                let sheet = out.sheets.len();
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
                    out.rows.push(Planned {
                        sheet,
                        row: row.excel_row,
                        data: OrgRow::Leader {
                            name,
                            title: row.text(1),
                        },
                    });
                }
            }
        }
        if !found {
            return Err(Error::Invalid(
                "没有找到组织机构表的表头：需要工作表“组织机构”（名称、类型、简称/别名）、“局领导”（姓名、职务）或“督查专员”（姓名、所在单位、级别、专兼职）。"
                    .into(),
            ));
        }
        Ok(out)
    }

    fn apply(
        &self,
        tx: &Transaction,
        _ctx: &ApplyContext<'_>,
        row: &OrgRow,
        _source: &ImportSource,
    ) -> Result<()> {
        match row {
            OrgRow::Party {
                name,
                kind,
                aliases,
            } => upsert_party_in(tx, name, *kind, aliases).map(|_| ()),
            OrgRow::Leader { name, title } => upsert_leader_in(tx, name, title).map(|_| ()),
            OrgRow::Person(p) => upsert_person_in(tx, p).map(|_| ()),
        }
    }

    fn preview(&self, row: &OrgRow) -> (String, String) {
        match row {
            OrgRow::Party {
                name,
                kind,
                aliases,
            } => (
                name.clone(),
                if aliases.is_empty() {
                    kind.label().to_string()
                } else {
                    format!("{}，简称/别名：{}", kind.label(), aliases.join("、"))
                },
            ),
            OrgRow::Leader { name, title } => (name.clone(), format!("局领导 {title}")),
            OrgRow::Person(p) => (p.name.clone(), format!("{}（{}）", p.role.label(), p.party)),
        }
    }
}

/// The parties an organisation file names before the current sheet (a
/// roster may list people of a unit the same file adds).
fn planned_party_names(out: &Parsed<OrgRow>) -> std::collections::HashSet<String> {
    out.rows
        .iter()
        .filter_map(|r| match &r.data {
            OrgRow::Party { name, .. } => Some(crate::org::normalize_name(name)),
            _ => None,
        })
        .collect()
}
