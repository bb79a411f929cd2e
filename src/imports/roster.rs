//! The 督查专员 sheet of the organisation workbook (EXCHANGE §2.4, PRODUCT
//! #16): the staff and inspectors' roster beside 组织机构 and 局领导. Read by
//! the organisation importer ([`super::OrgImporter`]) through [`read_sheet`];
//! [`roster_book`] writes the same sheet (export), which reads back.

use std::collections::HashSet;

use super::{ParseContext, Parsed, Planned};
use crate::error::{Error, Result};
use crate::org::normalize_name;
use crate::org::people::{parse_full_time, parse_level, NewPerson, Person, PersonRole};
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};
use crate::sheets::{Field, Grid};

/// The sheet's name (also what an exported roster is called).
pub const ROSTER_SHEET: &str = "督查专员";

/// The columns of the 督查专员 sheet.
pub const ROSTER_FIELDS: [Field; 7] = [
    Field::required("姓名", &["人员姓名", "专员姓名"]),
    Field::required(
        "所在单位",
        &["工作单位", "单位", "部门", "所在部门", "单位/部门"],
    ),
    Field::optional("级别", &["职级", "层级"]),
    Field::optional("专兼职", &["专职/兼职", "专职或兼职", "任职方式"]),
    Field::optional("联系电话", &["电话", "手机"]),
    Field::optional("人员类别", &["类别", "身份"]),
    Field::optional("状态", &["是否在岗", "在岗状态"]),
];

/// What a planned row of an organisation sheet needs to make a person.
pub type RosterRow = NewPerson;

/// Reads a grid as the roster when it is one (its name is 督查专员, or its
/// header names 姓名, 所在单位 and 级别 or 专兼职). Returns `None` for any other
/// sheet; otherwise the planned people go to `out` through `wrap`. A person's
/// unit must be in the organisation or among `new_parties` (named earlier in
/// the same file).
pub fn read_sheet<R>(
    ctx: &ParseContext<'_>,
    grid: &Grid,
    new_parties: &HashSet<String>,
    out: &mut Parsed<R>,
    wrap: impl Fn(RosterRow) -> R,
) -> Option<Result<()>> {
    let t = grid.table(&ROSTER_FIELDS)?;
    let named = normalize_name(&grid.name) == ROSTER_SHEET;
    if !named && !(t.has(0) && t.has(1) && (t.has(2) || t.has(3))) {
        return None;
    }
    let missing = t.missing_required();
    if !missing.is_empty() {
        return Some(Err(Error::Invalid(format!(
            "工作表“{}”第 {} 行的表头缺少必需的列：{}。",
            grid.name,
            t.header_row,
            missing.join("、")
        ))));
    }
    let sheet = out.sheets.len();
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
        let party = row.text(1);
        let known =
            ctx.parties.resolve(&party).is_some() || new_parties.contains(&normalize_name(&party));
        if !known {
            out.rejected
                .push(row.issue(1, format!("“{party}”不在组织机构中，请核对单位名称")));
            continue;
        }
        let level = match parse_level(&row.text(2)) {
            Ok(l) => l,
            Err(e) => {
                out.rejected.push(row.issue(2, e.to_string()));
                continue;
            }
        };
        let full_time = match parse_full_time(&row.text(3)) {
            Ok(f) => f,
            Err(e) => {
                out.rejected.push(row.issue(3, e.to_string()));
                continue;
            }
        };
        let role = match row.text(5) {
            r if r.is_empty() => PersonRole::Inspector,
            r => match PersonRole::parse(&r) {
                Ok(r) => r,
                Err(e) => {
                    out.rejected.push(row.issue(5, e.to_string()));
                    continue;
                }
            },
        };
        let active = match normalize_name(&row.text(6)).as_str() {
            "" | "在岗" | "启用" | "是" | "正常" => true,
            "停用" | "已停用" | "否" | "离岗" => false,
            other => {
                out.rejected
                    .push(row.issue(6, format!("状态“{other}”无法识别（可填：在岗、停用）")));
                continue;
            }
        };
        out.rows.push(Planned {
            sheet,
            row: row.excel_row,
            data: wrap(NewPerson {
                name,
                party,
                role,
                level,
                full_time,
                phone: row.text(4),
                active,
            }),
        });
    }
    Some(Ok(()))
}

/// The roster as a workbook (sheet 督查专员, the import's columns), print-ready.
pub fn roster_book(people: &[Person]) -> Result<Book> {
    let mut book = Book::new();
    let columns = vec![
        Column::text(ROSTER_FIELDS[0].name, 12.0),
        Column::text(ROSTER_FIELDS[1].name, 24.0),
        Column::text(ROSTER_FIELDS[2].name, 10.0),
        Column::text(ROSTER_FIELDS[3].name, 10.0),
        Column::text(ROSTER_FIELDS[4].name, 16.0),
        Column::text(ROSTER_FIELDS[5].name, 10.0),
        Column::text(ROSTER_FIELDS[6].name, 8.0),
    ];
    let layout = Layout::new("经办人及督查专员名单").columns(columns);
    let mut t = book.table(ROSTER_SHEET, &layout)?;
    for p in people {
        t.row(
            &[
                Cell::Text(&p.name),
                Cell::Text(&p.party),
                Cell::Text(&p.level),
                Cell::Text(if p.full_time { "专职" } else { "兼职" }),
                Cell::Text(&p.phone),
                Cell::Text(p.role.label()),
                Cell::Text(if p.active { "在岗" } else { "停用" }),
            ],
            Fill::None,
        )?;
    }
    Ok(book)
}
