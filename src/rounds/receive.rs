//! Receiving returned reports in a batch: match each file to its round (by the
//! identity in the file, else the round the clerk chose), read the unit and
//! the 报送日期, then preview (write nothing) or apply (one transaction, one
//! audit entry per file). The same file twice is a `duplicate`.
//!
//! The received date is the file's 报送日期 (填报日期 on a progress sheet);
//! when the unit left it blank, the import date (`actor.today()`), and the
//! outcome says so in a warning.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::form::{find_tokens, read_grids, read_labels, read_rows, value_date, Value, ROWS_KEY};
use super::query::{round_by_token, round_row, FieldValue, Round};
use super::{phase_fields, report_status, ReportStatus, RoundKind};
use crate::error::Result;
use crate::org::PartyIndex;
use crate::store::{audit, Actor, Store};

/// What to import.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportRequest {
    /// The returned files.
    #[ts(type = "string[]")]
    pub files: Vec<PathBuf>,
    /// The round to assign files to whose identity cannot be read (or that
    /// the clerk reassigns on purpose).
    #[serde(default)]
    pub round_id: Option<i64>,
    /// Preview: validate and report exactly as applying would, write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// What happened to one file (EXCHANGE.md §4 import output, plus the round).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportOutcome {
    /// The file as given.
    pub file: String,
    /// `applied`, `rejected` or `duplicate` (in a preview: what applying would do).
    pub status: String,
    /// The reporting party, when known.
    pub party: Option<String>,
    /// The round matched, when known.
    pub round_id: Option<i64>,
    /// Its title.
    pub round: Option<String>,
    /// The received date recorded.
    pub received_on: Option<NaiveDate>,
    /// 按时 or 迟报 for this report.
    pub report_status: Option<ReportStatus>,
    /// 1 for a form; the item rows for a progress sheet.
    pub rows_applied: u32,
    /// Rejected rows (a report is one form: its problems reject the file).
    pub rows_rejected: Vec<RejectedRow>,
    /// Notes that did not stop the import.
    pub warnings: Vec<String>,
    /// Why the file was rejected.
    pub error: Option<String>,
    /// What was read (labels and values), for the preview.
    pub fields: Vec<FieldValue>,
    /// True when nothing was written (a preview).
    pub dry_run: bool,
}

/// A rejected row of a file.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RejectedRow {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub reason: String,
}

impl ReportOutcome {
    fn new(file: &str, dry_run: bool) -> ReportOutcome {
        ReportOutcome {
            file: file.to_string(),
            status: "rejected".into(),
            party: None,
            round_id: None,
            round: None,
            received_on: None,
            report_status: None,
            rows_applied: 0,
            rows_rejected: Vec::new(),
            warnings: Vec::new(),
            error: None,
            fields: Vec::new(),
            dry_run,
        }
    }
    fn reject(mut self, why: impl Into<String>) -> ReportOutcome {
        self.status = "rejected".into();
        self.error = Some(why.into());
        self
    }
}

/// A file read and checked, ready to write.
struct Accepted {
    round: Round,
    party_id: i64,
    sha256: String,
    file_name: String,
    fields: serde_json::Value,
}

/// Imports `req.files` (or previews them with `req.dry_run`). All accepted
/// files are written in one transaction; a rejected file writes nothing.
pub fn import_reports(
    store: &mut Store,
    actor: &Actor,
    req: &ReportRequest,
) -> Result<Vec<ReportOutcome>> {
    let index = PartyIndex::load(store.conn())?;
    let chosen = req
        .round_id
        .map(|id| round_row(store.conn(), id))
        .transpose()?;
    let mut seen = HashSet::new();
    let mut outcomes = Vec::new();
    let mut accepted: Vec<(usize, Accepted)> = Vec::new();
    for path in &req.files {
        let (outcome, ok) = check_file(
            store.conn(),
            actor,
            &index,
            chosen.as_ref(),
            path,
            &mut seen,
            req.dry_run,
        )?;
        if let Some(a) = ok {
            accepted.push((outcomes.len(), a));
        }
        outcomes.push(outcome);
    }
    if req.dry_run || accepted.is_empty() {
        return Ok(outcomes);
    }
    store.write(|tx| {
        for (i, a) in &accepted {
            write_report_in(tx, actor, a, &outcomes[*i])?;
        }
        Ok(())
    })?;
    Ok(outcomes)
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn check_file(
    conn: &Connection,
    actor: &Actor,
    index: &PartyIndex,
    chosen: Option<&Round>,
    path: &Path,
    seen: &mut HashSet<String>,
    dry_run: bool,
) -> Result<(ReportOutcome, Option<Accepted>)> {
    let file = path.display().to_string();
    let file_name = path
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let mut out = ReportOutcome::new(&file, dry_run);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Ok((
                out.reject(format!("无法读取文件“{file_name}”：{e}。")),
                None,
            ))
        }
    };
    let sha256 = sha256_hex(&bytes);
    let known: Option<String> = conn
        .query_row(
            "SELECT imported_at FROM imports WHERE kind = 'report' AND sha256 = ?1",
            [&sha256],
            |r| r.get(0),
        )
        .optional()?;
    if known.is_some() || !seen.insert(sha256.clone()) {
        out.status = "duplicate".into();
        out.warnings.push(match known {
            Some(at) => format!("文件“{file_name}”已于 {at} 导入过，内容相同，本次未作改动。"),
            None => format!("文件“{file_name}”与本批中另一文件内容相同，只导入一次。"),
        });
        return Ok((out, None));
    }
    let grids = match read_grids(&file_name, &bytes) {
        Ok(g) => g,
        Err(e) => return Ok((out.reject(e.to_string()), None)),
    };

    // The round: the identity in the file, unless the clerk chose one.
    let mut found = Vec::new();
    for t in find_tokens(&grids) {
        if let Some(r) = round_by_token(conn, &t)? {
            if !found.iter().any(|f: &Round| f.id == r.id) {
                found.push(r);
            }
        }
    }
    let round = match (chosen, found.as_slice()) {
        (Some(c), [f, ..]) if f.id != c.id => {
            out.warnings.push(format!(
                "文件中的报送任务编号属于“{}”，已按指定归入“{}”。",
                f.title, c.title
            ));
            c.clone()
        }
        (Some(c), _) => c.clone(),
        (None, [one]) => one.clone(),
        (None, []) => {
            return Ok((out.reject(format!(
                "无法识别文件“{file_name}”属于哪个报送任务（文件中没有有效的“报送任务编号”）。请选择所属报送任务后再导入（命令行：--round 任务编号）。"
            )), None))
        }
        (None, many) => {
            let titles: Vec<String> = many.iter().map(|r| format!("“{}”", r.title)).collect();
            return Ok((out.reject(format!(
                "文件“{file_name}”中含有多个报送任务编号（{}）。请选择所属报送任务后再导入。",
                titles.join("、")
            )), None));
        }
    };
    out.round_id = Some(round.id);
    out.round = Some(round.title.clone());

    let (labels, rows) = match round.kind {
        RoundKind::Policy => (read_labels(&grids, &[]), Vec::new()),
        RoundKind::Progress => (
            read_labels(&grids, &["填报日期"]),
            read_rows(
                &grids,
                &["事项编号", "办理进展"],
                &["办理进展", "完成状态", "存在问题", "下步措施"],
            ),
        ),
    };
    let field = |l: &str| labels.iter().find(|(k, _)| k == l).map(|(_, v)| v);
    out.fields = labels
        .iter()
        .map(|(l, v)| FieldValue {
            label: l.clone(),
            value: v.text(),
        })
        .collect();

    // The party: 填报单位, which must be one the round asked.
    let Some(unit) = field("填报单位").map(Value::text).filter(|s| !s.is_empty()) else {
        return Ok((
            out.reject(format!(
                "文件“{file_name}”未填写“填报单位”。请补填后再导入。"
            )),
            None,
        ));
    };
    let Some(party) = index.resolve(&unit) else {
        return Ok((out.reject(format!(
            "文件“{file_name}”的填报单位“{unit}”不在组织机构中。请核对单位名称，或先在组织机构中添加该单位或其简称。"
        )), None));
    };
    out.party = Some(party.name.clone());
    let targeted: bool = conn
        .query_row(
            "SELECT count(*) FROM round_targets WHERE round_id = ?1 AND party_id = ?2",
            params![round.id, party.id],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)?;
    if !targeted {
        return Ok((
            out.reject(format!(
                "“{}”不是报送任务“{}”的报送单位。请确认文件是否选错了报送任务。",
                party.name, round.title
            )),
            None,
        ));
    }

    // The received date: 报送日期 / 填报日期, else today (said in a warning).
    let date_label = if round.kind == RoundKind::Policy {
        "报送日期"
    } else {
        "填报日期"
    };
    let today = actor.today();
    let received = match field(date_label) {
        Some(v) => match value_date(v) {
            Some(d) => d,
            None => {
                return Ok((out.reject(format!(
                    "文件“{file_name}”的{date_label}“{}”无法识别为日期（需含年、月、日，如 2026-11-30）。请改正后再导入。",
                    v.text()
                )), None))
            }
        },
        None => {
            out.warnings.push(format!("未填写{date_label}，以导入日期 {today} 作为报送日期。"));
            today
        }
    };
    if received > today {
        return Ok((
            out.reject(format!(
                "文件“{file_name}”的{date_label} {received} 晚于今天（{today}）。请核对后再导入。"
            )),
            None,
        ));
    }

    // Content: a form with nothing in its long fields is not a report.
    if round.kind == RoundKind::Policy
        && phase_fields(&round.phase)
            .iter()
            .all(|l| field(l).is_none())
    {
        return Ok((
            out.reject(format!(
                "文件“{file_name}”中{}均未填写，不能作为报送材料。请填写后再导入。",
                phase_fields(&round.phase).join("、")
            )),
            None,
        ));
    }
    if round.kind == RoundKind::Progress && rows.is_empty() {
        out.warnings
            .push("反馈表中没有填写任何事项的办理进展。".into());
    }
    let earlier: Option<String> = conn
        .query_row(
            "SELECT min(received_on) FROM round_reports WHERE round_id = ?1 AND party_id = ?2",
            params![round.id, party.id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(e) = earlier {
        out.warnings.push(format!(
            "{}已于 {e} 报送过本任务，本次作为补充材料记录。",
            party.name
        ));
    }

    let mut json = serde_json::Map::new();
    for (l, v) in &labels {
        json.insert(l.clone(), serde_json::Value::String(v.text()));
    }
    if round.kind == RoundKind::Progress {
        let rows_json: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!(r
                    .iter()
                    .map(|(h, v)| [h.clone(), v.text()])
                    .collect::<Vec<_>>())
            })
            .collect();
        json.insert(ROWS_KEY.to_string(), serde_json::Value::Array(rows_json));
    }
    out.status = "applied".into();
    out.received_on = Some(received);
    out.report_status = Some(report_status(round.due, Some(received), today));
    out.rows_applied = if round.kind == RoundKind::Policy {
        1
    } else {
        rows.len() as u32
    };
    let accepted = Accepted {
        party_id: party.id,
        round,
        sha256,
        file_name,
        fields: serde_json::Value::Object(json),
    };
    Ok((out, Some(accepted)))
}

fn write_report_in(
    tx: &Transaction,
    actor: &Actor,
    a: &Accepted,
    out: &ReportOutcome,
) -> Result<()> {
    let received = out
        .received_on
        .expect("accepted files have a date")
        .to_string();
    let detail = serde_json::json!({ "warnings": out.warnings }).to_string();
    tx.execute(
        "INSERT INTO imports(kind, file_name, sha256, party_id, status, rows_applied, rows_rejected, detail, imported_at, operator)
         VALUES ('report', ?1, ?2, ?3, 'applied', ?4, 0, ?5, ?6, ?7)",
        params![a.file_name, a.sha256, a.party_id, out.rows_applied, detail, actor.stamp(), actor.operator],
    )?;
    let import_id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO round_reports(round_id, party_id, received_on, fields, import_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            a.round.id,
            a.party_id,
            received,
            a.fields.to_string(),
            import_id,
            actor.stamp()
        ],
    )?;
    let after = serde_json::json!({
        "party": out.party,
        "received_on": received,
        "status": out.report_status.map(|s| s.label()),
        "file": a.file_name,
        "sha256": a.sha256,
    });
    audit::append_in(
        tx,
        actor,
        "round",
        &a.round.token,
        "接收报送",
        None,
        Some(&after),
    )
}
