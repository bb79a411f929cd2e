//! 专项通报 (seed §十二; PRODUCT #11): the bulletin of one key document or
//! policy, by phase —
//! - 启动: who has relayed and studied it (传达学习, `crate::relay`), and the
//!   传达学习情况 the rounds' reports gave;
//! - 进展: its rounds (`crate::rounds`): who reported 按时, 迟报, who is 漏报,
//!   and the 采取的措施, 当地反映 and 典型做法 gathered from the reports;
//! - 完成: the rounds again, the 实施效果, 困难问题 and 意见建议 gathered, and
//!   the items split from the document (办结 / 未办结 / 逾期).
//!
//! [`special_figures`] is a plain function of loaded facts ([`SpecialInputs`]);
//! [`load_special`] gathers them; [`publish_special`] freezes them (kind
//! 专项通报, period key `<收文编号>/<阶段>`); `workbook.rs` writes the appendix.

pub mod word;
pub mod workbook;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{invalid, Result};
use crate::publications::{self, NewPublication, PublicationKind, PublicationSummary};
use crate::rounds::ReportStatus;
use crate::store::{Actor, Store};

pub use workbook::{export_special, write_special};

/// The phase a 专项通报 reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub enum Phase {
    /// 启动情况.
    #[serde(rename = "启动")]
    Start,
    /// 进展情况.
    #[serde(rename = "进展")]
    Progress,
    /// 完成情况.
    #[serde(rename = "完成")]
    Done,
}

impl Phase {
    /// 启动 / 进展 / 完成.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Start => "启动",
            Phase::Progress => "进展",
            Phase::Done => "完成",
        }
    }
    /// The report fields gathered for the phase (labels of the §2.3 form).
    pub fn gathered_fields(self) -> &'static [&'static str] {
        match self {
            Phase::Start => &["传达学习情况"],
            Phase::Progress => &["采取的措施", "当地反映", "典型做法"],
            Phase::Done => &["实施效果", "困难问题", "意见建议"],
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Phase {
    type Err = crate::Error;
    /// 启动 / 进展 / 完成 (情况 may follow).
    fn from_str(s: &str) -> Result<Phase> {
        let t = s.trim();
        let t = t.strip_suffix("情况").unwrap_or(t);
        [Phase::Start, Phase::Progress, Phase::Done]
            .into_iter()
            .find(|p| p.label() == t)
            .ok_or_else(|| {
                invalid(format!(
                    "通报阶段“{}”无法识别。请填写：启动、进展或完成。",
                    s.trim()
                ))
            })
    }
}

/// One party's 传达学习 line, as loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RelayLine {
    /// The department or unit.
    pub party: String,
    /// Its deadline.
    pub due: NaiveDate,
    /// When it reported; none while it has not.
    pub reported_on: Option<NaiveDate>,
    /// 会议 / 文件 / 其他; empty while it has not reported.
    pub form: String,
    /// 采取的措施.
    pub measures: String,
    /// 按时 / 迟报 / 漏报 / 未到期.
    pub status: ReportStatus,
}

/// One target party of a round, as loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoundTarget {
    /// The department or unit.
    pub party: String,
    /// 按时 / 迟报 / 漏报 / 未到期.
    pub status: ReportStatus,
    /// The first report's date.
    pub received_on: Option<NaiveDate>,
    /// Its report's fields (label, value).
    pub fields: Vec<(String, String)>,
}

/// One round of the document, as loaded and as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoundInput {
    /// The round's title.
    pub title: String,
    /// 一个月内 / 两个月内 / empty.
    pub phase: String,
    /// 报送截止日期.
    pub due: NaiveDate,
    /// Every target party, in the organisation's order.
    pub targets: Vec<RoundTarget>,
}

/// Items split from the document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ItemCounts {
    /// Every item (撤销 ones left out).
    pub total: u32,
    /// 已办结.
    pub done: u32,
    /// Open and past the deadline (红灯).
    pub overdue: u32,
}

/// What a 专项通报 is computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecialInputs {
    /// 收文编号.
    pub doc_no: String,
    /// 文件标题.
    pub title: String,
    /// The document's 传达学习 lines (none when it is not a key document).
    pub relay: Vec<RelayLine>,
    /// Its rounds, oldest due first.
    pub rounds: Vec<RoundInput>,
    /// Its items.
    pub items: ItemCounts,
}

/// How many parties stand where (a relay or a round).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StatusCounts {
    /// Parties asked.
    pub targets: u32,
    /// 按时.
    pub on_time: u32,
    /// 迟报.
    pub late: u32,
    /// 漏报.
    pub missing: u32,
    /// 未到期.
    pub not_due: u32,
    /// The parties 迟报.
    pub late_parties: Vec<String>,
    /// The parties 漏报.
    pub missing_parties: Vec<String>,
}

impl StatusCounts {
    fn of<'a>(it: impl Iterator<Item = (&'a str, ReportStatus)>) -> StatusCounts {
        let mut c = StatusCounts::default();
        for (party, s) in it {
            c.targets += 1;
            match s {
                ReportStatus::OnTime => c.on_time += 1,
                ReportStatus::Late => {
                    c.late += 1;
                    c.late_parties.push(party.to_string());
                }
                ReportStatus::Missing => {
                    c.missing += 1;
                    c.missing_parties.push(party.to_string());
                }
                ReportStatus::NotDue => c.not_due += 1,
            }
        }
        c
    }
}

/// A round in the bulletin: its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoundSummary {
    /// The round's title.
    pub title: String,
    /// 一个月内 / 两个月内 / empty.
    pub phase: String,
    /// 报送截止日期.
    pub due: NaiveDate,
    /// Who stands where.
    pub counts: StatusCounts,
}

/// What the reports said under one label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Gathered {
    /// The form's label (采取的措施 …).
    pub label: String,
    /// (party, text), in the rounds' order then the organisation's; empty texts left out.
    pub entries: Vec<(String, String)>,
}

/// The figures of a 专项通报.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SpecialFigures {
    /// 收文编号.
    pub doc_no: String,
    /// 文件标题.
    pub title: String,
    /// The phase.
    pub phase: Phase,
    /// The as-of day.
    pub as_of: NaiveDate,
    /// 传达学习 (启动 only; empty lines otherwise).
    pub relay: Vec<RelayLine>,
    /// Its counts.
    pub relay_counts: StatusCounts,
    /// The rounds (进展 and 完成).
    pub rounds: Vec<RoundSummary>,
    /// What the reports said, by label of the phase.
    pub gathered: Vec<Gathered>,
    /// The items (完成 only).
    pub items: Option<ItemCounts>,
    /// 编发单位 (the setting `office_name` when published).
    #[serde(default)]
    pub issuer: String,
}

/// The figures of `phase` from loaded facts.
pub fn special_figures(inputs: &SpecialInputs, phase: Phase, as_of: NaiveDate) -> SpecialFigures {
    let relay = if phase == Phase::Start {
        inputs.relay.clone()
    } else {
        Vec::new()
    };
    let relay_counts = StatusCounts::of(relay.iter().map(|l| (l.party.as_str(), l.status)));
    let rounds = if phase == Phase::Start {
        Vec::new()
    } else {
        inputs
            .rounds
            .iter()
            .map(|r| RoundSummary {
                title: r.title.clone(),
                phase: r.phase.clone(),
                due: r.due,
                counts: StatusCounts::of(r.targets.iter().map(|t| (t.party.as_str(), t.status))),
            })
            .collect()
    };
    let gathered = phase
        .gathered_fields()
        .iter()
        .map(|label| Gathered {
            label: label.to_string(),
            entries: inputs
                .rounds
                .iter()
                .flat_map(|r| &r.targets)
                .flat_map(|t| {
                    t.fields
                        .iter()
                        .filter(|(l, v)| l == label && !v.trim().is_empty())
                        .map(|(_, v)| (t.party.clone(), v.trim().to_string()))
                })
                .collect(),
        })
        .collect();
    SpecialFigures {
        doc_no: inputs.doc_no.clone(),
        title: inputs.title.clone(),
        phase,
        as_of,
        relay,
        relay_counts,
        rounds,
        gathered,
        items: (phase == Phase::Done).then_some(inputs.items),
        issuer: String::new(),
    }
}

/// Loads the facts of document `doc` (收文编号 or id) as of `as_of`.
pub fn load_special(conn: &Connection, doc: &str, as_of: NaiveDate) -> Result<SpecialInputs> {
    let id = crate::rounds::propose::document_id_of(conn, doc)?;
    let doc_no: String = conn
        .query_row("SELECT doc_no FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| {
            crate::Error::NotFound(format!(
                "找不到 ID 为 {id} 的收文。请填写收文的 ID 或收文编号。"
            ))
        })?;
    let status = crate::relay::status(conn, &doc_no, as_of)?;
    let relay = status
        .entries
        .iter()
        .map(|e| {
            // A report made after the as-of day is not there yet: no date,
            // no form, no measures.
            let reported_on = e.reported_on.filter(|r| *r <= as_of);
            RelayLine {
                party: e.party.clone(),
                due: e.due,
                reported_on,
                form: match (reported_on, e.form) {
                    (Some(_), Some(f)) => f.label().to_string(),
                    _ => String::new(),
                },
                measures: if reported_on.is_some() {
                    e.measures.clone()
                } else {
                    String::new()
                },
                // At the end of the as-of day: due on it and not reported is 未报.
                status: crate::rounds::report_status_at_end_of(e.due, reported_on, as_of),
            }
        })
        .collect();
    let mut rounds: Vec<_> = crate::rounds::list_rounds(conn, as_of)?
        .into_iter()
        // A voided round (作废) is out of every figure, this bulletin's too.
        .filter(|r| r.document_id == Some(id) && r.voided.is_none())
        .collect();
    rounds.sort_by_key(|r| (r.due, r.id));
    let mut inputs = Vec::new();
    for r in rounds {
        let detail = crate::rounds::round_detail(conn, r.id, as_of)?;
        let mut targets = Vec::new();
        for t in detail.targets {
            let fields = match t.report_id {
                Some(rid) => crate::rounds::report_content(conn, rid)?
                    .fields
                    .into_iter()
                    .map(|f| (f.label, f.value))
                    .collect(),
                None => Vec::new(),
            };
            targets.push(RoundTarget {
                party: t.party,
                // round_detail answers during the day; the bulletin stands at its end.
                status: crate::rounds::report_status_at_end_of(r.due, t.received_on, as_of),
                received_on: t.received_on,
                fields,
            });
        }
        inputs.push(RoundInput {
            title: r.title,
            phase: r.phase,
            due: r.due,
            targets,
        });
    }
    let cal = crate::calendar::Calendar::load(conn)?;
    let ledger = crate::items::query_ledger(
        conn,
        &cal,
        as_of,
        &crate::items::LedgerFilter {
            doc_no: Some(doc_no.clone()),
            ..Default::default()
        },
    )?;
    let mut items = ItemCounts::default();
    // As they stood at the end of the as-of day: an item created after it is
    // not counted, one finished after it is still open then.
    for row in ledger.rows {
        if row.status == crate::items::Status::Withdrawn || row.created_on > as_of {
            continue;
        }
        let done_by_then =
            row.status == crate::items::Status::Done && row.done_on.is_some_and(|d| d <= as_of);
        if done_by_then {
            items.done += 1;
        } else if row.effective_deadline.is_some_and(|d| d <= as_of) && !row.standing {
            // Due on the as-of day and open at its end: overdue (as in §3).
            items.overdue += 1;
        }
        items.total += 1;
    }
    Ok(SpecialInputs {
        doc_no,
        title: status.title,
        relay,
        rounds: inputs,
        items,
    })
}

/// The figures of `doc` for `phase` as of `as_of` from the data now, not
/// published (the window's preview).
pub fn preview_special(
    conn: &Connection,
    doc: &str,
    phase: Phase,
    as_of: NaiveDate,
) -> Result<SpecialFigures> {
    let mut f = special_figures(&load_special(conn, doc, as_of)?, phase, as_of);
    f.issuer = crate::reminders::office_name(conn)?;
    Ok(f)
}

/// The publication's period key: `<收文编号>/<阶段>`.
pub fn period_key(doc_no: &str, phase: Phase) -> String {
    format!("{}/{}", doc_no.trim(), phase.label())
}

/// Computes and publishes the 专项通报 of `doc` for `phase` as of the actor's
/// day (or `as_of`): version 1, or with a 更正原因 the next version. Refused,
/// nothing written: an unknown document, a second publication without 更正原因.
pub fn publish_special(
    store: &mut Store,
    actor: &Actor,
    doc: &str,
    phase: Phase,
    as_of: Option<NaiveDate>,
    reason: Option<&str>,
) -> Result<(PublicationSummary, SpecialFigures)> {
    let as_of = as_of.unwrap_or(actor.today());
    let inputs = load_special(store.conn(), doc, as_of)?;
    let mut figures = special_figures(&inputs, phase, as_of);
    figures.issuer = crate::reminders::office_name(store.conn())?;
    let p = publications::publish(
        store,
        actor,
        &NewPublication {
            kind: PublicationKind::SpecialBulletin,
            period: period_key(&figures.doc_no, phase),
            as_of,
            figures: serde_json::to_value(&figures).expect("figures serialise"),
            reason: reason.map(str::to_string),
        },
    )?;
    let frozen = p.figures_as()?;
    Ok((p.summary, frozen))
}

/// The text summary of a 专项通报 (one paragraph per entry).
pub fn special_summary(f: &SpecialFigures) -> Vec<String> {
    let names = |v: &[String]| {
        if v.is_empty() {
            "无".to_string()
        } else {
            v.join("、")
        }
    };
    let mut out = Vec::new();
    match f.phase {
        Phase::Start => {
            let c = &f.relay_counts;
            if c.targets == 0 {
                out.push(format!(
                    "《{}》未列为重点传达学习文件，暂无传达学习报送要求。",
                    f.title
                ));
            } else {
                out.push(format!(
                    "《{}》应报送传达学习情况 {} 个，已按时报送 {} 个、迟报 {} 个、漏报 {} 个、未到期 {} 个。迟报：{}；漏报：{}。",
                    f.title, c.targets, c.on_time, c.late, c.missing, c.not_due,
                    names(&c.late_parties), names(&c.missing_parties)
                ));
            }
        }
        Phase::Progress | Phase::Done => {
            if f.rounds.is_empty() {
                out.push(format!("《{}》尚无报送任务。", f.title));
            }
            for r in &f.rounds {
                let c = &r.counts;
                out.push(format!(
                    "报送任务“{}”（{} 截止）：应报 {} 个，按时 {} 个、迟报 {} 个、漏报 {} 个、未到期 {} 个。迟报：{}；漏报：{}。",
                    r.title, crate::dates::ymd(r.due), c.targets, c.on_time, c.late, c.missing, c.not_due,
                    names(&c.late_parties), names(&c.missing_parties)
                ));
            }
        }
    }
    for g in &f.gathered {
        out.push(format!("收到“{}”{} 条。", g.label, g.entries.len()));
    }
    if let Some(i) = f.items {
        out.push(format!(
            "分解督办事项 {} 项，已办结 {} 项，未办结 {} 项（其中逾期 {} 项）。",
            i.total,
            i.done,
            i.total - i.done,
            i.overdue
        ));
    }
    out
}
