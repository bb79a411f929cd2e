//! Which of the known sheets a workbook is (台账, 落实情况反馈表, 政策措施落实情况报送表,
//! 组织机构表, 舆情情况登记表, 整改情况反馈表), so that a file brought to the wrong import is refused with
//! where it belongs, not with "no header found" that sends the clerk looking
//! in the wrong place.

use crate::error::{Error, Result};
use crate::sheets::value::cell_text;
use crate::sheets::{Field, Grid, Table, Workbook};

use super::{
    FEEDBACK_FIELDS, LEADER_FIELDS, LEDGER_FIELDS, OPINION_FIELDS, ORG_FIELDS, RECTIFICATION_FIELDS,
};

/// The title of the §2.3 form.
pub const POLICY_FORM_TITLE: &str = "政策措施落实情况报送表";

/// How many rows from the top are searched for a form's title or labels.
const SEARCH_ROWS: usize = 40;

/// A kind of sheet Duban reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetForm {
    /// 督办事项台账 (§2.1).
    Ledger,
    /// 落实情况反馈表 (§2.2), also a 落实进展 round's report.
    Feedback,
    /// 政策措施落实情况报送表 (§2.3), a 政策措施落实情况 round's report.
    PolicyReport,
    /// 组织机构表 (§2.4).
    Org,
    /// 舆情情况登记表 (§2.6).
    Opinion,
    /// 整改情况反馈表 (§2.7).
    Rectification,
}

impl SheetForm {
    /// Its name for the clerk.
    pub fn label(self) -> &'static str {
        match self {
            SheetForm::Ledger => "督办事项台账",
            SheetForm::Feedback => "落实情况反馈表",
            SheetForm::PolicyReport => POLICY_FORM_TITLE,
            SheetForm::Org => "组织机构表",
            SheetForm::Opinion => "舆情情况登记表",
            SheetForm::Rectification => "整改情况反馈表",
        }
    }

    /// Where a file of this kind is imported, for the clerk.
    pub fn where_to_import(self) -> &'static str {
        match self {
            SheetForm::Ledger => {
                "请在“导入”页面按“督办事项台账”导入（命令行：duban import ledger 文件）"
            }
            SheetForm::Feedback => {
                "请在“导入”页面按“落实情况反馈表”导入（命令行：duban import feedback 文件）；如是落实进展报送任务收回的表，请在“报送任务”页面该任务中导入"
            }
            SheetForm::PolicyReport => {
                "请在“报送任务”页面，在该表所属的政策措施落实情况报送任务中导入（命令行：duban import report 文件；表中带有“报送任务编号”时会自动归入所属任务）"
            }
            SheetForm::Org => "请在“组织机构”页面导入（命令行：duban org import 文件）",
            SheetForm::Opinion => {
                "请在“导入”页面按“舆情情况登记表”导入（命令行：duban import opinion 文件）"
            }
            SheetForm::Rectification => {
                "请在“导入”页面按“整改情况反馈表”导入（命令行：duban import rectification 文件）"
            }
        }
    }
}

/// What the workbook is, judged from its visible sheets: the first sheet
/// that is recognisably one of the known kinds decides.
pub fn recognise(book: &Workbook) -> Option<SheetForm> {
    book.sheets.iter().find_map(recognise_grid)
}

/// What one sheet (or a sheet's first piece) is: the §2.3 form by its title
/// or its 政策措施名称 label; the tables by a header with every required column
/// (a ledger before a feedback sheet: a ledger's header also names a
/// feedback sheet's columns, so a header that is both is a ledger only when
/// [`plainly_ledger`]; the 舆情 and 整改 sheets last, so that the
/// older forms are recognised as before); the 局领导 table only on a sheet
/// so named.
pub fn recognise_grid(grid: &Grid) -> Option<SheetForm> {
    if is_policy_form(grid) {
        return Some(SheetForm::PolicyReport);
    }
    let complete = |fields: &[Field]| {
        grid.table(fields)
            .is_some_and(|t| t.missing_required().is_empty())
    };
    let feedback = complete(&FEEDBACK_FIELDS);
    let ledger = grid
        .table(&LEDGER_FIELDS)
        .filter(|t| t.missing_required().is_empty());
    if ledger.is_some_and(|t| !feedback || plainly_ledger(&t)) {
        Some(SheetForm::Ledger)
    } else if feedback {
        Some(SheetForm::Feedback)
    } else if complete(&ORG_FIELDS)
        || (grid.name.contains("局领导") && leader_table(grid).is_some())
    {
        Some(SheetForm::Org)
    } else if complete(&OPINION_FIELDS) {
        Some(SheetForm::Opinion)
    } else if complete(&RECTIFICATION_FIELDS) {
        Some(SheetForm::Rectification)
    } else {
        None
    }
}

/// The 局领导 sheet's columns as looked for on a sheet so named, where a
/// header of 姓名 alone is enough (the synonym 局领导 left out: it is also the
/// title such a sheet often has above its header).
const LEADER_NAME_FIELDS: [Field; 2] = [
    Field::required("姓名", &["领导姓名"]),
    Field::optional("职务", &["职位"]),
];

/// The 局领导 table of a sheet: a header with 姓名 and 职务, or on a sheet
/// named 局领导 one with 姓名 alone.
pub(super) fn leader_table(grid: &Grid) -> Option<Table<'_>> {
    grid.table(&LEADER_FIELDS).or_else(|| {
        grid.name
            .contains("局领导")
            .then(|| grid.table_of(&LEADER_NAME_FIELDS, 1))
            .flatten()
            .filter(|t| t.missing_required().is_empty())
    })
}

fn is_policy_form(grid: &Grid) -> bool {
    grid.rows().take(SEARCH_ROWS).any(|(_, row)| {
        row.iter().any(|d| {
            let t: String = cell_text(d)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
                .collect();
            t.contains(POLICY_FORM_TITLE)
                || t.trim_end_matches([':', '：', '*', '＊']) == "政策措施名称"
                || t.starts_with("政策措施名称：")
                || t.starts_with("政策措施名称:")
        })
    })
}

/// The refusal of a file of kind `found` brought to the import of `expected`.
pub fn wrong_form(found: SheetForm, expected: SheetForm) -> Error {
    Error::Invalid(format!(
        "所选文件不是{}，而是{}。{}。",
        expected.label(),
        found.label(),
        found.where_to_import()
    ))
}

/// Refuses the workbook when it is recognisably another kind than `expected`
/// (called where the importer of `expected` found no usable header).
pub fn refuse_other_form(book: &Workbook, expected: SheetForm) -> Result<()> {
    match recognise(book) {
        Some(found) if found != expected => Err(wrong_form(found, expected)),
        _ => Ok(()),
    }
}

/// The tables of form `expected` (headers of `fields`) on the workbook's
/// visible sheets. Refused: a workbook that is recognisably another form
/// (saying where it goes), none found (`not_found` names the form and its
/// column names), a table missing a required column.
pub fn form_tables<'a>(
    book: &'a Workbook,
    fields: &'a [Field],
    expected: SheetForm,
    not_found: &str,
) -> Result<Vec<Table<'a>>> {
    let tables: Vec<_> = book.sheets.iter().filter_map(|g| g.table(fields)).collect();
    if tables.iter().all(|t| !t.missing_required().is_empty()) {
        refuse_other_form(book, expected)?;
    }
    let plainly = |g: &Grid| g.table(&LEDGER_FIELDS).is_some_and(|t| plainly_ledger(&t));
    if expected != SheetForm::Ledger && tables.iter().any(|t| plainly(t.grid)) {
        return Err(wrong_form(SheetForm::Ledger, expected));
    }
    require_complete(&tables, not_found)?;
    Ok(tables)
}

/// Whether a ledger header (`t`, of [`LEDGER_FIELDS`]) is a ledger beyond
/// doubt, even where it also holds another form's columns (a ledger has
/// 事项编号 and 办理进展, as a 落实情况反馈表 does): complete, with at least two
/// columns no 反馈表 has (牵头部门 and one of 工作要求, 配合部门, 统筹局领导, 来源类别
/// …). A 反馈表 to which a partner added a 牵头部门 column is still read as one.
fn plainly_ledger(t: &Table<'_>) -> bool {
    let ledger_only = LEDGER_FIELDS
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            // By the column's own heading: 联系人 is the ledger's 责任人 and
            // the 反馈表's 填报人 alike.
            t.has(*i)
                && !FEEDBACK_FIELDS
                    .iter()
                    .any(|g| g.matches(&t.header.labels[*i]))
        })
        .count();
    t.missing_required().is_empty() && ledger_only >= 2
}

/// Refuses a form's tables unless there is at least one (`not_found` says
/// which form and its column names) and each has every required column
/// (naming the sheet, the header row and the missing columns).
fn require_complete(tables: &[Table<'_>], not_found: &str) -> Result<()> {
    if tables.is_empty() {
        return Err(Error::Invalid(not_found.to_string()));
    }
    for t in tables {
        let missing = t.missing_required();
        if !missing.is_empty() {
            return Err(Error::Invalid(format!(
                "工作表“{}”第 {} 行的表头缺少必需的列：{}。请补上这些列后重新导入。",
                t.grid.name,
                t.header_row,
                missing.join("、")
            )));
        }
    }
    Ok(())
}
