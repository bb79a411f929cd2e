//! 督办事项台账 (EXCHANGE §2.1): an office's Excel ledger becomes items.

use chrono::NaiveDate;
use foldhash::{HashMap, HashSet};
use rusqlite::{Connection, Transaction};

use super::forms::{recognise_grid, wrong_form, SheetForm};
use super::{
    split_names, ApplyContext, ImportKind, ImportSource, Importer, ParseContext, Parsed, Planned,
    RowApplier, SheetParser,
};
use crate::error::{Error, Result};
use crate::items::{insert_item_with, mark_withdrawn_in, ItemStatements, NewItem, Status};
use crate::org::{normalize_name, PartyIndex};
use crate::sheets::header::HeaderMatch;
use crate::sheets::{Field, Grid, Row, Table, Workbook};

/// The §2.1 columns, in export order.
pub const LEDGER_FIELDS: [Field; 14] = [
    Field::optional("事项编号", &["编号", "督办编号"]),
    Field::required("事项名称", &["督办事项", "工作事项", "事项"]),
    Field::optional("来源类别", &["来源", "事项来源"]),
    Field::optional("来文文号", &["文号"]),
    Field::optional("工作要求", &["具体要求", "任务要求"]),
    Field::optional("统筹局领导", &["牵头局领导", "分管局领导", "局领导"]),
    Field::required("牵头部门", &["主办部门", "责任部门", "承办部门"]),
    Field::optional("配合部门", &["协办部门", "配合单位"]),
    Field::optional("责任人", &["联系人"]),
    Field::required("完成时限", &["办理时限", "截止日期", "完成时间"]),
    Field::optional("办理进展", &["进展情况", "落实情况"]),
    Field::optional("办理状态", &["状态", "完成情况"]),
    Field::optional("办结日期", &["完成日期"]),
    Field::optional("备注", &[]),
];

const NO: usize = 0;
const NAME: usize = 1;
const SOURCE: usize = 2;
const DOC_NO: usize = 3;
const REQUIREMENT: usize = 4;
const LEADER: usize = 5;
const LEAD: usize = 6;
const COOPERATORS: usize = 7;
const OWNER: usize = 8;
const DEADLINE: usize = 9;
const PROGRESS: usize = 10;
const STATUS: usize = 11;
const DONE_ON: usize = 12;
const NOTE: usize = 13;

/// The words that mean a standing (长期) item in 完成时限.
pub const STANDING_WORDS: [&str; 3] = ["长期", "长期坚持", "持续推进"];

/// 完成时限 as a standing item: one of [`STANDING_WORDS`], optionally with
/// its 报送周期 in brackets (`长期（每月）`, as the export writes it). None
/// when it is not a standing word; `Some(Ok(cycle))` with the stored cycle
/// (empty when none is given); `Some(Err(text))` for a cycle not understood.
fn standing_cycle(text: &str) -> Option<std::result::Result<String, String>> {
    let (head, cycle) = match text.find(['（', '(']) {
        Some(i) => (
            &text[..i],
            Some(
                text[i..]
                    .trim_start_matches(['（', '('])
                    .trim_end_matches(['）', ')'])
                    .trim(),
            ),
        ),
        None => (text, None),
    };
    if !STANDING_WORDS.contains(&normalize_name(head).as_str()) {
        return None;
    }
    Some(match cycle.filter(|c| !c.is_empty()) {
        None => Ok(String::new()),
        Some(c) => crate::items::ReportCycle::parse(c)
            .map(|r| r.label().to_string())
            .ok_or_else(|| c.to_string()),
    })
}

/// Reads ledgers; creates one item per row.
pub struct LedgerImporter;

/// A planned ledger row.
#[derive(Debug, Clone)]
pub struct LedgerRow {
    /// The item the row describes, ready for `items::insert_item_in`.
    pub item: NewItem,
    /// The ledger said 已撤销: the item is created, then withdrawn.
    pub withdrawn: bool,
}

/// A status word as a ledger may carry it: the §2.1 words and synonyms, plus
/// the two a Duban export writes (待销号 is imported as 推进中, 已撤销 as withdrawn).
fn status_word(text: &str) -> Option<(Status, bool)> {
    if let Some(s) = Status::from_sheet_word(text) {
        return Some((s, false));
    }
    match normalize_name(text).as_str() {
        "待销号" => Some((Status::InProgress, false)),
        "已撤销" | "撤销" => Some((Status::NotStarted, true)),
        _ => None,
    }
}

impl Importer for LedgerImporter {
    type Row = LedgerRow;

    fn kind(&self) -> ImportKind {
        ImportKind::Ledger
    }

    fn parse(&self, ctx: &ParseContext<'_>, book: &Workbook) -> Result<Parsed<LedgerRow>> {
        let mut parser = LedgerParser::new(ctx.conn, ctx.parties, ctx.today)?;
        let mut out = Parsed::default();
        for grid in &book.sheets {
            parser.feed(grid, true, &mut out)?;
        }
        parser.finish(&mut out)?;
        Ok(out)
    }

    fn reads_in_pieces(&self) -> bool {
        true
    }

    fn bulk_tables(&self) -> &'static [&'static str] {
        &["items", "item_cooperators", "progress"]
    }

    /// A ledger's items come with no 收文 (`document_id IS NULL`) and are not
    /// voided (`voided_at IS NULL`): neither partial index gets an entry. A
    /// row's first progress entry belongs to the item just inserted, whose id
    /// is above every other: `progress_item` (item id first) only grows at
    /// its end, which costs less than reading the table again to build it
    /// (the 100,000-row ledger: CPU 2.07 → 1.95 s, median of five).
    fn bulk_kept_indexes(&self) -> &'static [&'static str] {
        &["items_document", "items_voided", "progress_item"]
    }

    fn sheet_parser<'a>(
        &self,
        conn: &Connection,
        parties: &'a PartyIndex,
        today: NaiveDate,
    ) -> Result<Option<Box<dyn SheetParser<LedgerRow> + 'a>>> {
        Ok(Some(Box::new(LedgerParser::new(conn, parties, today)?)))
    }

    fn apply(
        &self,
        tx: &Transaction,
        ctx: &ApplyContext<'_>,
        row: &LedgerRow,
        source: &ImportSource,
    ) -> Result<()> {
        apply_row(tx, &mut ItemStatements::prepare(tx)?, ctx, row, source)
    }

    fn row_applier<'t>(&'t self, tx: &'t Transaction) -> Result<RowApplier<'t, LedgerRow>> {
        let mut statements = ItemStatements::prepare(tx)?;
        Ok(Box::new(move |ctx, row, source| {
            apply_row(tx, &mut statements, ctx, row, source)
        }))
    }

    fn preview(&self, row: &LedgerRow) -> (String, String) {
        let it = &row.item;
        let when = match it.deadline {
            Some(d) if !it.standing => crate::dates::ymd(d),
            _ => "长期".to_string(),
        };
        (
            it.item_no.clone().unwrap_or_else(|| "（自动编号）".into()),
            format!(
                "新建事项“{}”，牵头部门 {}，完成时限 {when}",
                it.name, it.lead
            ),
        )
    }
}

/// A ledger row becomes an item.
fn apply_row(
    tx: &Transaction,
    statements: &mut ItemStatements<'_>,
    ctx: &ApplyContext<'_>,
    row: &LedgerRow,
    source: &ImportSource,
) -> Result<()> {
    let r = insert_item_with(
        tx,
        statements,
        ctx.actor,
        &row.item,
        ctx.parties,
        Some(source),
    )?;
    if row.withdrawn {
        // A withdrawn item in a migrated ledger: kept, out of every figure.
        mark_withdrawn_in(tx, r.id, "台账导入时已撤销")?;
    }
    Ok(())
}

/// Reads ledger sheets, whole or piece by piece.
struct LedgerParser<'a> {
    parties: &'a PartyIndex,
    /// The import's day: a 办结日期 after it has not happened.
    today: NaiveDate,
    /// Every 事项编号 already stored, read once (cheaper than a query per row).
    existing: HashSet<String>,
    /// The 事项编号 of voided items (issue 13): taken, and the refusal says why.
    voided: HashSet<String>,
    /// 事项编号 seen in this file: (sheet, Excel row). One insert and a lookup
    /// a row: foldhash's maps here, not std's SipHash.
    seen: HashMap<String, (usize, u32)>,
    /// The sheet being read: its index in `Parsed::sheets`, header row and header.
    current: Option<(usize, u32, HeaderMatch)>,
    tables: usize,
    /// Another known kind of sheet seen where no ledger header was (the refusal says so).
    other: Option<SheetForm>,
}

impl<'a> LedgerParser<'a> {
    fn new(
        conn: &Connection,
        parties: &'a PartyIndex,
        today: NaiveDate,
    ) -> Result<LedgerParser<'a>> {
        let existing: HashSet<String> = {
            let mut st = conn.prepare("SELECT item_no FROM items")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let voided: HashSet<String> = {
            let mut st = conn.prepare(
                "SELECT item_no FROM items INDEXED BY items_voided WHERE voided_at IS NOT NULL",
            )?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(LedgerParser {
            parties,
            today,
            existing,
            voided,
            seen: HashMap::default(),
            current: None,
            tables: 0,
            other: None,
        })
    }

    fn rows(&mut self, sheet: usize, table: &Table<'_>, out: &mut Parsed<LedgerRow>) {
        for row in table.rows() {
            match read_row(self.parties, self.today, &row, &mut out.warnings) {
                Err(issue) => out.rejected.push(issue),
                Ok(data) => {
                    if let Some(no) = &data.item.item_no {
                        if let Some((s, r)) = self.seen.get(no) {
                            out.rejected.push(row.issue(
                                NO,
                                format!("事项编号“{no}”与工作表“{}”第 {r} 行重复", out.sheets[*s]),
                            ));
                            continue;
                        }
                        if self.existing.contains(no) {
                            let why = if self.voided.contains(no) {
                                format!("事项编号“{no}”属于一个已作废的事项（作废后编号仍保留）。请改用新的编号，或将事项编号留空由系统编号")
                            } else {
                                format!("事项编号“{no}”已存在。台账导入只新建事项；更新已有事项请使用落实情况反馈表")
                            };
                            out.rejected.push(row.issue(NO, why));
                            continue;
                        }
                        self.seen.insert(no.clone(), (sheet, row.excel_row));
                    }
                    out.rows.push(Planned {
                        sheet,
                        row: row.excel_row,
                        data,
                    });
                }
            }
        }
    }
}

impl SheetParser<LedgerRow> for LedgerParser<'_> {
    fn feed(&mut self, grid: &Grid, first: bool, out: &mut Parsed<LedgerRow>) -> Result<()> {
        if first {
            self.current = None;
            let Some(table) = grid.table(&LEDGER_FIELDS) else {
                self.other = self.other.or_else(|| recognise_grid(grid));
                return Ok(());
            };
            let missing = table.missing_required();
            if !missing.is_empty() {
                if let Some(found) = recognise_grid(grid).filter(|f| *f != SheetForm::Ledger) {
                    return Err(wrong_form(found, SheetForm::Ledger));
                }
                return Err(Error::Invalid(format!(
                    "工作表“{}”第 {} 行的表头缺少必需的列：{}。请补上这些列后重新导入。",
                    grid.name,
                    table.header_row,
                    missing.join("、")
                )));
            }
            self.tables += 1;
            let sheet = out.sheets.len();
            out.sheets.push(grid.name.clone());
            self.current = Some((sheet, table.header_row, table.header.clone()));
            self.rows(sheet, &table, out);
        } else if let Some((sheet, header_row, header)) = self.current.clone() {
            let table = grid.table_continued(&LEDGER_FIELDS, header_row, header);
            self.rows(sheet, &table, out);
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut Parsed<LedgerRow>) -> Result<()> {
        if self.tables == 0 {
            return Err(match self.other {
                Some(found) => wrong_form(found, SheetForm::Ledger),
                None => no_header(),
            });
        }
        Ok(())
    }
}

fn no_header() -> Error {
    Error::Invalid(
        "没有找到督办事项台账的表头：在各个可见工作表的前 20 行中，没有一行包含“事项名称”“牵头部门”“完成时限”等列名。请确认选择的是台账文件。"
            .into(),
    )
}

fn read_row(
    parties: &PartyIndex,
    today: NaiveDate,
    row: &Row<'_>,
    warnings: &mut Vec<crate::sheets::RowIssue>,
) -> std::result::Result<LedgerRow, crate::sheets::RowIssue> {
    if let Some(issue) = row.unreadable_cell() {
        return Err(issue);
    }
    let name = row.text(NAME);
    if name.is_empty() {
        return Err(row.issue(NAME, "事项名称为空"));
    }
    let lead_text = row.text(LEAD);
    if lead_text.is_empty() {
        return Err(row.issue(LEAD, "牵头部门为空（必须且只能有一个牵头部门）"));
    }
    let lead = parties.resolve(&lead_text).ok_or_else(|| {
        row.issue(
            LEAD,
            format!(
                "牵头部门“{lead_text}”不在组织机构中（请核对名称，或先在组织机构中添加其简称）"
            ),
        )
    })?;
    let mut cooperators = Vec::new();
    for c in split_names(&row.text(COOPERATORS)) {
        let p = parties
            .resolve(&c)
            .ok_or_else(|| row.issue(COOPERATORS, format!("配合部门“{c}”不在组织机构中")))?;
        if p.id == lead.id {
            return Err(row.issue(
                COOPERATORS,
                format!("“{c}”已是牵头部门，不能同时作为配合部门"),
            ));
        }
        cooperators.push(p.name.clone());
    }
    let leader = row.text(LEADER);
    if !cooperators.is_empty() && leader.is_empty() {
        return Err(row.issue(
            LEADER,
            "有配合部门的事项必须填写统筹局领导（《意见》第五条）",
        ));
    }
    let deadline_text = row.text(DEADLINE);
    let (deadline, standing, report_cycle) = if deadline_text.is_empty() {
        return Err(row.issue(DEADLINE, "完成时限为空（请填写日期，长期工作填“长期”）"));
    } else if let Some(cycle) = standing_cycle(&deadline_text) {
        let cycle = cycle.map_err(|c| {
            row.issue(
                DEADLINE,
                format!("报送周期“{c}”无法识别（可写：长期（每月）、长期（每季度）、长期（每半年）、长期（每年））"),
            )
        })?;
        (None, true, cycle)
    } else {
        (row.date(DEADLINE)?, false, String::new())
    };
    let status_text = row.text(STATUS);
    let (status, withdrawn) = if status_text.is_empty() {
        (Status::NotStarted, false)
    } else {
        status_word(&status_text).ok_or_else(|| {
            row.issue(
                STATUS,
                format!("办理状态“{status_text}”无法识别（可填：未启动、推进中、已办结）"),
            )
        })?
    };
    // Read only beside 已办结: elsewhere the cell is ignored with a warning,
    // whatever it holds (a date or not).
    let done_on = if status == Status::Done {
        Some(
            row.past_date(DONE_ON, today)?
                .ok_or_else(|| row.issue(DONE_ON, "办理状态为已办结，必须填写办结日期"))?,
        )
    } else {
        if !row.is_blank(DONE_ON) {
            warnings.push(row.issue(
                DONE_ON,
                format!(
                    "办理状态为“{}”，办结日期已忽略",
                    if status_text.is_empty() {
                        "未填"
                    } else {
                        &status_text
                    }
                ),
            ));
        }
        None
    };
    let no = row.text(NO);
    Ok(LedgerRow {
        item: NewItem {
            item_no: if no.is_empty() {
                None
            } else {
                Some(normalize_name(&no))
            },
            document_id: None,
            meeting: String::new(),
            name,
            requirement: row.text(REQUIREMENT),
            source_category: row.text(SOURCE),
            source_doc_no: row.text(DOC_NO),
            lead: lead.name.clone(),
            cooperators,
            coordinator_leader: leader,
            owner_person: row.text(OWNER),
            deadline,
            standing,
            report_cycle,
            tracked: false,
            milestones: Vec::new(),
            status,
            done_on,
            progress_text: row.text(PROGRESS),
            note: row.text(NOTE),
        },
        withdrawn,
    })
}

#[cfg(test)]
mod tests {
    use super::standing_cycle;

    #[test]
    fn standing_words_with_or_without_a_cycle() {
        for (text, want) in [
            ("长期", Some(Ok(""))),
            ("持续推进", Some(Ok(""))),
            ("长期（每月）", Some(Ok("每月"))),
            ("长期(季度)", Some(Ok("每季度"))),
            ("长期坚持（ 每年 ）", Some(Ok("每年"))),
            ("长期（）", Some(Ok(""))),
            ("长期（每天）", Some(Err("每天"))),
            ("2026-12-31", None),
            ("长期有效期至年底", None),
        ] {
            let got = standing_cycle(text);
            let got = got
                .as_ref()
                .map(|r| r.as_ref().map(String::as_str).map_err(String::as_str));
            assert_eq!(got, want, "{text}");
        }
    }
}
