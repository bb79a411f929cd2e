//! Reading an inspection: its detail with the stage timeline, the list with
//! the current stage and open problems, the terminal text.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{InspectionKind, Manner, Stage};
use crate::attachments::{self, Attachment};
use crate::dates::{opt_date_col, ymd};
use crate::error::{Error, Result};
/// The attachment owner kind of a stage's documents.
pub const STAGE_FILES: &str = "inspection_stage";

/// One member of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TeamMember {
    /// Row id in `people`.
    pub person_id: i64,
    /// 姓名.
    pub name: String,
    /// Their organisation.
    pub party: String,
    /// 组长 / 组员.
    pub role: String,
    /// 司局级 / 处以下, or empty.
    pub level: String,
}

/// One stage on the timeline.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StageState {
    /// Which stage.
    pub stage: Stage,
    /// False when 不适用 to this inspection's 类型 / 方式.
    pub applies: bool,
    /// The planned date.
    pub planned_on: Option<NaiveDate>,
    /// The day it was done.
    pub done_on: Option<NaiveDate>,
    /// 备注.
    pub note: String,
    /// Its documents (方案, 通知, 公告 …).
    pub files: Vec<Attachment>,
}

/// An inspection with everything the detail page shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct InspectionDetail {
    /// Row id.
    pub id: i64,
    /// 督查〔YYYY〕N号.
    pub number: String,
    /// 督查名称.
    pub name: String,
    /// 实地 / 案头.
    pub kind: InspectionKind,
    /// 明察 / 暗访.
    pub manner: Manner,
    /// The planned period.
    pub planned_start: Option<NaiveDate>,
    /// The planned period's end.
    pub planned_end: Option<NaiveDate>,
    /// Target units / departments.
    pub targets: Vec<String>,
    /// 收文编号 of linked documents.
    pub documents: Vec<String>,
    /// 事项编号 of linked items.
    pub items: Vec<String>,
    /// 组长 first, then 组员.
    pub team: Vec<TeamMember>,
    /// The seven stages in order.
    pub stages: Vec<StageState>,
    /// The first applicable stage not done; None when all are done.
    pub current_stage: Option<Stage>,
    /// Problems recorded.
    pub findings: i64,
    /// Rectification items not closed.
    pub open_items: i64,
}

/// Finds an inspection by id or 督查编号; [`Error::NotFound`] otherwise.
pub fn find(conn: &Connection, key: &str) -> Result<i64> {
    let key = key.trim();
    let by_id = key.parse::<i64>().ok();
    conn.query_row(
        "SELECT id FROM inspections WHERE id = ?1 OR number = ?2",
        params![by_id, key],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "找不到督查“{key}”。请核对督查编号（如 督查〔2026〕1号）或序号。"
        ))
    })
}

/// The inspection with its targets, links, team, stage timeline and counts.
pub fn detail(conn: &Connection, id: i64) -> Result<InspectionDetail> {
    let head = conn
        .query_row(
            "SELECT number, name, kind, manner, planned_start, planned_end FROM inspections WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    opt_date_col(r, 4)?,
                    opt_date_col(r, 5)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到序号为 {id} 的督查。")))?;
    let kind = InspectionKind::parse(&head.2)?;
    let manner = Manner::parse(&head.3)?;
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut st = conn.prepare_cached(sql)?;
        let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let targets = strings(
        "SELECT p.name FROM inspection_targets t JOIN parties p ON p.id = t.party_id
         WHERE t.inspection_id = ?1 ORDER BY p.sort_order, p.id",
    )?;
    let documents = strings(
        "SELECT d.doc_no FROM inspection_links l JOIN documents d ON d.id = l.document_id
         WHERE l.inspection_id = ?1 ORDER BY d.id",
    )?;
    let items = strings(
        "SELECT i.item_no FROM inspection_links l JOIN items i ON i.id = l.item_id
         WHERE l.inspection_id = ?1 ORDER BY i.item_no",
    )?;
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.name, t.name, m.role, p.level FROM inspection_team m
         JOIN people p ON p.id = m.person_id JOIN parties t ON t.id = p.party_id
         WHERE m.inspection_id = ?1 ORDER BY m.role = '组员', p.id",
    )?;
    let team = st
        .query_map([id], |r| {
            Ok(TeamMember {
                person_id: r.get(0)?,
                name: r.get(1)?,
                party: r.get(2)?,
                role: r.get(3)?,
                level: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached(
        "SELECT id, stage, planned_on, done_on, note FROM inspection_stages WHERE inspection_id = ?1 ORDER BY stage",
    )?;
    let raw = st
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                opt_date_col(r, 2)?,
                opt_date_col(r, 3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stages = Vec::new();
    for (sid, n, planned_on, done_on, note) in raw {
        let stage = Stage::from_number(n).unwrap_or(Stage::Plan);
        stages.push(StageState {
            stage,
            applies: stage.applies(kind, manner),
            planned_on,
            done_on,
            note,
            files: attachments::list(conn, STAGE_FILES, sid)?,
        });
    }
    let current_stage = stages
        .iter()
        .find(|s| s.applies && s.done_on.is_none())
        .map(|s| s.stage);
    let (findings, open_items) = counts(conn, id)?;
    Ok(InspectionDetail {
        id,
        number: head.0,
        name: head.1,
        kind,
        manner,
        planned_start: head.4,
        planned_end: head.5,
        targets,
        documents,
        items,
        team,
        stages,
        current_stage,
        findings,
        open_items,
    })
}

fn counts(conn: &Connection, id: i64) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM findings WHERE inspection_id = ?1),
                (SELECT count(*) FROM rectifications r JOIN findings f ON f.id = r.finding_id
                 WHERE f.inspection_id = ?1 AND r.status = 'open')",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// One line of the list of inspections.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct InspectionRow {
    /// Row id.
    pub id: i64,
    /// 督查〔YYYY〕N号.
    pub number: String,
    /// 督查名称.
    pub name: String,
    /// 实地 / 案头.
    pub kind: InspectionKind,
    /// 明察 / 暗访.
    pub manner: Manner,
    /// Target units / departments.
    pub targets: Vec<String>,
    /// The current stage; None when every stage is done.
    pub current_stage: Option<Stage>,
    /// Problems recorded.
    pub findings: i64,
    /// 未销号 rectification items (open problems).
    pub open_items: i64,
}

/// Every inspection, newest first, with its current stage and open problems.
pub fn list(conn: &Connection) -> Result<Vec<InspectionRow>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM inspections ORDER BY year DESC, seq DESC")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|id| {
            let d = detail(conn, id)?;
            Ok(InspectionRow {
                id,
                number: d.number,
                name: d.name,
                kind: d.kind,
                manner: d.manner,
                targets: d.targets,
                current_stage: d.current_stage,
                findings: d.findings,
                open_items: d.open_items,
            })
        })
        .collect()
}

/// The detail as text for the terminal (the stage timeline).
pub fn detail_text(d: &InspectionDetail) -> String {
    let mut s = format!(
        "{} {}（{}·{}）\n督查对象：{}\n督查组：{}\n",
        d.number,
        d.name,
        d.kind.label(),
        d.manner.label(),
        d.targets.join("、"),
        d.team
            .iter()
            .map(|m| format!("{}（{}，{}）", m.name, m.role, m.party))
            .collect::<Vec<_>>()
            .join("、")
    );
    for st in &d.stages {
        let state = if !st.applies {
            "不适用".to_string()
        } else {
            match (st.done_on, st.planned_on) {
                (Some(done), _) => format!("已完成 {}", ymd(done)),
                (None, Some(p)) => format!("计划 {}", ymd(p)),
                (None, None) => "未开始".into(),
            }
        };
        s.push_str(&format!(
            "{}. {} {}",
            st.stage.number(),
            st.stage.label(),
            state
        ));
        if !st.note.is_empty() {
            s.push_str(&format!("（{}）", st.note));
        }
        if !st.files.is_empty() {
            let names: Vec<&str> = st.files.iter().map(|f| f.file_name.as_str()).collect();
            s.push_str(&format!(" 附件：{}", names.join("、")));
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "当前环节：{}；问题 {} 个，未销号 {} 项",
        d.current_stage.map(Stage::label).unwrap_or("已全部完成"),
        d.findings,
        d.open_items
    ));
    s
}
