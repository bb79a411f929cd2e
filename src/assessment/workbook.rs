//! The 绩效考核 workbook: 部门排名, 单位排名 and 指标明细 (each party's
//! indicators: value, s_i, weight), print-ready like the monthly sheet
//! (`crate::circulation::workbook`), with typed cells: scores are number
//! cells with two decimals, rates `0.0%` number cells, "—" where undefined.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::scores::score_rounded;
use super::{assess, published_assessment, AssessPeriod, Assessment, IndicatorId, PartyScore};
use crate::error::Result;
use crate::org::PartyKind;
use crate::publications::PublicationSummary;
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};

/// The sheet names, in order (单位排名 only when the organisation has units).
pub const SHEETS: [&str; 3] = ["部门排名", "单位排名", "指标明细"];

/// Writes the workbook of `period`: its published figures when it was
/// published and no as-of day is asked for, otherwise the figures computed
/// now (as of [`AssessPeriod::as_of_seen_on`] `today`). Returns the figures
/// written and, when they are the published ones, which version.
pub fn export_assessment(
    conn: &Connection,
    period: &AssessPeriod,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    path: &Path,
) -> Result<(Assessment, Option<PublicationSummary>)> {
    let live_as_of = Some(period.as_of_seen_on(as_of, today));
    let (figures, published, state) = match (as_of, published_assessment(conn, period)?) {
        (None, Some((summary, figures))) => {
            let state = format!(
                "已发布（第 {} 版，{} {}）",
                summary.version,
                crate::dates::minute(summary.published_at),
                summary.published_by
            );
            (figures, Some(summary), state)
        }
        // Another day than the published one: the figures of that day, and
        // the sheet says they are not the published ones.
        (_, Some((summary, _))) => (
            assess(conn, period, live_as_of)?,
            None,
            format!(
                "按统计截至日的当前数据重新计算，不是已发布的结果（已发布第 {} 版）",
                summary.version
            ),
        ),
        (_, None) => (
            assess(conn, period, live_as_of)?,
            None,
            "未发布（按当前数据计算）".to_string(),
        ),
    };
    let mut book = write_assessment(&figures, &state)?;
    book.anchor(crate::store::audit::head(conn)?.short());
    book.save(path)?;
    Ok((figures, published))
}

fn indicators_for(kind: PartyKind) -> Vec<IndicatorId> {
    IndicatorId::ALL
        .into_iter()
        .filter(|i| kind == PartyKind::Unit || i.for_departments())
        .collect()
}

fn score_cell(s: Option<f64>) -> Cell<'static> {
    s.map_or(Cell::Text("—"), |s| Cell::Number(score_rounded(s)))
}

/// Builds the workbook of already computed (or published) figures; `state`
/// says which (已发布第 N 版, 未发布, …) in the line under the title.
pub fn write_assessment(f: &Assessment, state: &str) -> Result<Book> {
    let mut book = Book::new();
    let heading = format!("{}绩效考核结果", f.period.label());
    let info = format!(
        "考核期间：{}　　统计截至：{}　　考核方案：{}　　{state}",
        f.period.label(),
        crate::dates::cn(f.as_of),
        f.scheme
    );
    ranking(
        &mut book,
        SHEETS[0],
        &f.departments,
        PartyKind::Department,
        &heading,
        &info,
    )?;
    if !f.units.is_empty() {
        ranking(
            &mut book,
            SHEETS[1],
            &f.units,
            PartyKind::Unit,
            &heading,
            &info,
        )?;
    }
    breakdown(&mut book, f, &heading, &info)?;
    Ok(book)
}

fn ranking(
    book: &mut Book,
    sheet: &str,
    rows: &[PartyScore],
    kind: PartyKind,
    heading: &str,
    info: &str,
) -> Result<()> {
    let who = match kind {
        PartyKind::Department => "部门",
        PartyKind::Unit => "单位",
    };
    let ids = indicators_for(kind);
    let mut columns = vec![
        Column::integer("排名", 7.0),
        Column::text(who, 22.0),
        Column::number("考核得分", 10.0),
    ];
    columns.extend(
        ids.iter()
            .map(|i| Column::number(&format!("{}得分", i.label()), 11.0).wrap()),
    );
    let layout = Layout::new(format!("{heading}（{who}排名）"))
        .info(vec![(0, info.to_string())])
        .info(vec![(
            0,
            "考核得分 = Σ 权重 × 指标得分 ÷ Σ 权重（只计有数据的指标）；没有比率类指标数据的不计分、不排名，显示“—”".to_string(),
        )])
        .columns(columns);
    let mut table = book.table(sheet, &layout)?;
    for row in rows {
        let mut cells = vec![
            row.rank
                .map_or(Cell::Text("—"), |r| Cell::Int(i64::from(r))),
            Cell::Text(&row.party),
            score_cell(row.score),
        ];
        for id in &ids {
            let s = row.indicators.iter().find(|i| i.id == *id).map(|i| i.score);
            cells.push(score_cell(s));
        }
        table.row(&cells, Fill::None)?;
    }
    Ok(())
}

fn breakdown(book: &mut Book, f: &Assessment, heading: &str, info: &str) -> Result<()> {
    let layout = Layout::new(format!("{heading}（指标明细）"))
        .info(vec![(0, info.to_string())])
        .info(vec![(
            0,
            "比率类指标的值为百分比；计数类指标得分 = max(0, 100 − 系数 × 数量)；未列出的指标无数据，不计入".to_string(),
        )])
        .columns(vec![
            Column::text("类别", 8.0),
            Column::integer("排名", 7.0),
            Column::text("部门/单位", 22.0),
            Column::number("考核得分", 10.0),
            Column::text("指标", 14.0),
            Column::percent("比率"),
            Column::number("数量/分值", 10.0),
            Column::number("指标得分", 10.0),
            Column::number("权重", 8.0),
        ]);
    let mut table = book.table(SHEETS[2], &layout)?;
    for (who, rows) in [("部门", &f.departments), ("单位", &f.units)] {
        for row in rows {
            let rank = row
                .rank
                .map_or(Cell::Text("—"), |r| Cell::Int(i64::from(r)));
            if row.indicators.is_empty() {
                table.row(
                    &[
                        Cell::Text(who),
                        rank,
                        Cell::Text(&row.party),
                        score_cell(row.score),
                        Cell::Text("（无指标数据）"),
                    ],
                    Fill::None,
                )?;
                continue;
            }
            for i in &row.indicators {
                let (rate, amount) = if i.id.is_rate() {
                    (Cell::Number(i.value), Cell::Blank)
                } else {
                    (Cell::Blank, Cell::Number(i.value))
                };
                table.row(
                    &[
                        Cell::Text(who),
                        rank,
                        Cell::Text(&row.party),
                        score_cell(row.score),
                        Cell::Text(i.id.label()),
                        rate,
                        amount,
                        Cell::Number(score_rounded(i.score)),
                        Cell::Number(i.weight),
                    ],
                    Fill::None,
                )?;
            }
        }
    }
    Ok(())
}
