//! The printable 催办通知单: one sheet per party (牵头部门/单位) that leads at
//! least one red or yellow item, listing those items, with the office's name
//! (setting `office_name`) and the date. Print-ready through
//! [`crate::sheets::write`].

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::dates::date_col;
use crate::error::{Error, Result};
use crate::items::Light;
use crate::reminders::{office_name, yellow_days, Window, OPEN_ITEM_SQL};
use crate::sheets::write::{Book, Cell, Column, Fill, Layout};

/// One item on a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct NoticeLine {
    /// 事项编号.
    pub item_no: String,
    /// 事项名称.
    pub name: String,
    /// 工作要求; may be empty.
    pub requirement: String,
    /// The effective deadline.
    pub deadline: NaiveDate,
    /// Red or yellow.
    pub light: Light,
    /// Red: calendar days overdue; yellow: working days left.
    pub days: i64,
    /// Chases recorded so far.
    pub chases: i64,
}

/// The notice to one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Notice {
    /// The lead department's or unit's name, the notice's addressee.
    pub party: String,
    /// The office's name as signed on the notice (setting `office_name`).
    pub office: String,
    /// The notice's date (the day it was built).
    pub date: NaiveDate,
    /// Red items first, then yellow, each by deadline.
    pub lines: Vec<NoticeLine>,
}

/// The notices due on `today`: every party (or only the named ones) that
/// leads red or yellow items. An unknown party name is refused.
pub fn build(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    only: &[String],
) -> Result<Vec<Notice>> {
    let index = crate::org::PartyIndex::load(conn)?;
    let mut wanted = Vec::new();
    for name in only.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let p = index.resolve(name).ok_or_else(|| {
            Error::NotFound(format!(
                "组织机构中没有“{name}”。请核对部门/单位名称，或先在组织机构中添加。"
            ))
        })?;
        wanted.push(p.id);
    }
    let w = Window::new(cal, today, yellow_days(conn)?);
    let office = office_name(conn)?;
    let sql = format!(
        "SELECT p.id, p.name, i.item_no, i.name, i.requirement, i.effective_deadline,
                (SELECT COUNT(*) FROM chases c WHERE c.item_id = i.id AND c.voided_at IS NULL)
         FROM items i INDEXED BY items_open_deadline JOIN parties p ON p.id = i.lead_party_id
         WHERE i.{OPEN_ITEM_SQL} AND i.effective_deadline < ?1
         ORDER BY p.sort_order, p.id, i.effective_deadline, i.item_no"
    );
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query([crate::dates::ymd(w.yellow_end)])?;
    let mut notices: Vec<(i64, Notice)> = Vec::new();
    while let Some(r) = rows.next()? {
        let party_id: i64 = r.get(0)?;
        if !wanted.is_empty() && !wanted.contains(&party_id) {
            continue;
        }
        let deadline = date_col(r, 5)?;
        let (light, days) = if deadline < today {
            (Light::Red, w.days_late(deadline))
        } else {
            (Light::Yellow, cal.workdays_between(today, deadline))
        };
        let line = NoticeLine {
            item_no: r.get(2)?,
            name: r.get(3)?,
            requirement: r.get(4)?,
            deadline,
            light,
            days,
            chases: r.get(6)?,
        };
        match notices.last_mut() {
            Some((id, n)) if *id == party_id => n.lines.push(line),
            _ => notices.push((
                party_id,
                Notice {
                    party: r.get(1)?,
                    office: office.clone(),
                    date: today,
                    lines: vec![line],
                },
            )),
        }
    }
    let mut out: Vec<Notice> = notices.into_iter().map(|(_, n)| n).collect();
    for n in &mut out {
        n.lines.sort_by_key(|l| (l.light != Light::Red, l.deadline));
    }
    Ok(out)
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique.
fn sheet_name(party: &str, used: &mut Vec<String>) -> String {
    let clean: String = party
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut k = 2;
    while used.contains(&name) {
        name = format!("{clean}{k}");
        k += 1;
    }
    used.push(name.clone());
    name
}

/// Writes the notices as one workbook (one sheet per party) to `path`, the
/// audit chain's `anchor` in every page's footer. Refused when there is
/// nothing to chase.
pub fn write(notices: &[Notice], anchor: &str, path: &Path) -> Result<()> {
    if notices.is_empty() {
        return Err(crate::error::invalid(
            "当前没有红灯或黄灯事项，无需生成催办通知单。",
        ));
    }
    let mut book = Book::new();
    book.anchor(anchor);
    let mut used = Vec::new();
    for n in notices {
        let date = crate::dates::cn_padded(n.date);
        let reds = n.lines.iter().filter(|l| l.light == Light::Red).count();
        let yellows = n.lines.len() - reds;
        let layout = Layout::new("督办事项催办通知单")
            .info(vec![(0, format!("{}：", n.party))])
            .info(vec![(
                0,
                format!(
                    "    经查，贵单位牵头承办的督办事项中，已逾期（红灯）{reds} 项、临近完成时限（黄灯）{yellows} 项，清单如下。请抓紧办理，及时报送办理进展；确需延期的，请在完成时限到期前提出延期申请。"
                ),
            )])
            .columns(vec![
                Column::integer("序号", 6.0),
                Column::text("事项编号", 14.0),
                Column::text("事项名称", 30.0).wrap(),
                Column::text("工作要求", 36.0).wrap(),
                Column::date("完成时限"),
                Column::text("状态", 8.0),
                Column::text("逾期/剩余", 14.0),
                Column::integer("已催办次数", 10.0),
            ]);
        let name = sheet_name(&n.party, &mut used);
        let mut table = book.table(&name, &layout)?;
        for (i, l) in n.lines.iter().enumerate() {
            let (state, fill, days) = match l.light {
                Light::Red => ("红灯", Fill::Red, format!("逾期 {} 天", l.days)),
                _ => ("黄灯", Fill::Yellow, format!("剩 {} 个工作日", l.days)),
            };
            table.row_with(
                &[
                    Cell::Int(i as i64 + 1),
                    Cell::Text(&l.item_no),
                    Cell::Text(&l.name),
                    Cell::Text(&l.requirement),
                    Cell::Date(l.deadline),
                    Cell::Text(state),
                    Cell::Text(&days),
                    Cell::Int(l.chases),
                ],
                |c| if c == 5 { fill } else { Fill::None },
            )?;
        }
        let foot = table.next_row() + 1;
        let font = rust_xlsxwriter::Format::new()
            .set_font_name(crate::sheets::write::FONT)
            .set_font_size(12);
        let ws = table.worksheet();
        ws.write_string_with_format(foot, 5, &n.office, &font)
            .map_err(crate::sheets::write::write_error)?;
        ws.write_string_with_format(foot + 1, 5, &date, &font)
            .map_err(crate::sheets::write::write_error)?;
    }
    book.save(path)
}

/// [`build`] then [`write`]: the notices due on `today` written to `path`.
pub fn export(
    conn: &Connection,
    cal: &Calendar,
    today: NaiveDate,
    only: &[String],
    path: &Path,
) -> Result<Vec<Notice>> {
    let notices = build(conn, cal, today, only)?;
    write(&notices, &crate::store::audit::head(conn)?.short(), path)?;
    Ok(notices)
}
