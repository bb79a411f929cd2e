//! The seed's two statutory rounds for a policy issued on D (§十二): within one
//! month (传达学习、采取的措施、当地反映) and within two months (首月落实情况:
//! 实施效果、典型做法、困难问题、意见建议).

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{phase_fields, NewRound, RoundKind, Targets, PHASE_FIRST, PHASE_SECOND};
use crate::calendar::Calendar;
use crate::error::{Error, Result};

/// A round the app proposes; the clerk may change anything before creating it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProposedRound {
    /// Ready to pass to [`super::create_round`] (targets: all units).
    pub round: NewRound,
    /// D + 1 or 2 months, before moving off a non-working day.
    pub nominal_due: NaiveDate,
    /// Why the due date is what it is (Chinese, shown beside the date).
    pub explanation: String,
    /// The due date rests on a year without a holiday schedule (weekends
    /// alone): 暂定, to be checked once that year's schedule is loaded.
    pub provisional: bool,
}

/// The two rounds for policy `name` (文号 `doc_no`) issued on `issued_on`:
/// due D + 1 month and D + 2 months (the month's last day when D's day does
/// not exist in it), each moved to the next working day when it lands on a
/// non-working day.
pub fn propose_for_policy(
    cal: &Calendar,
    name: &str,
    doc_no: &str,
    issued_on: NaiveDate,
    document_id: Option<i64>,
) -> Vec<ProposedRound> {
    let name = name.trim();
    let shown = if name.is_empty() {
        "该政策措施".to_string()
    } else {
        format!("《{}》", name.trim_matches(['《', '》']))
    };
    [
        (1u32, PHASE_FIRST, "传达学习及采取措施情况"),
        (2, PHASE_SECOND, "首月落实情况"),
    ]
    .into_iter()
    .map(|(months, phase, what)| {
        let nominal = issued_on
            .checked_add_months(Months::new(months))
            .expect("a date two months on exists");
        let due = cal.next_workday_on_or_after(nominal);
        let mut explanation = format!(
            "出台后{}个月内报送（{} + {} 个月 = {}）",
            months, issued_on, months, nominal
        );
        if due != nominal {
            explanation.push_str(&format!("，{nominal} 为非工作日，顺延至 {due}"));
        }
        let provisional = !cal.covers(nominal.year()) || !cal.covers(due.year());
        if provisional {
            explanation.push_str(&format!(
                "（暂定：{}年节假日安排未载入，只按周末判断是否为工作日；载入后请核对截止日期）",
                due.year()
            ));
        }
        explanation.push_str(&format!("。报送内容：{}。", phase_fields(phase).join("、")));
        ProposedRound {
            round: NewRound {
                title: format!("{shown}{what}（{phase}）"),
                kind: RoundKind::Policy,
                phase: phase.to_string(),
                document_id,
                policy_name: name.to_string(),
                policy_doc_no: doc_no.trim().to_string(),
                issued_on: Some(issued_on),
                due,
                notes: String::new(),
                targets: Targets::All,
            },
            nominal_due: nominal,
            explanation,
            provisional,
        }
    })
    .collect()
}

/// The two rounds for a registered document: its title and 来文文号, issued on
/// its 收文日期 unless `issued_on` says otherwise.
pub fn propose_for_document(
    conn: &Connection,
    cal: &Calendar,
    document_id: i64,
    issued_on: Option<NaiveDate>,
) -> Result<Vec<ProposedRound>> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT title, source_doc_no, received_on FROM documents WHERE id = ?1",
            [document_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    crate::store::void::refuse_voided_document(conn, document_id, "据此安排报送任务")?;
    let Some((title, doc_no, received)) = row else {
        return Err(Error::NotFound(format!(
            "找不到 ID 为 {document_id} 的收文。请在收文登记中确认该文件。"
        )));
    };
    let d = match issued_on {
        Some(d) => d,
        None => crate::dates::parse_ymd(&received)
            .ok_or_else(|| Error::BadFile(format!("收文日期“{received}”格式有误。")))?,
    };
    Ok(propose_for_policy(
        cal,
        &title,
        &doc_no,
        d,
        Some(document_id),
    ))
}

/// The document id of `key`: a number, or a 收文编号 such as `收〔2026〕15号`.
pub fn document_id_of(conn: &Connection, key: &str) -> Result<i64> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return Ok(id);
    }
    conn.query_row("SELECT id FROM documents WHERE doc_no = ?1", [key], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "找不到收文“{key}”。请填写收文的 ID 或收文编号（如 收〔2026〕15号）。"
        ))
    })
}
