//! 示例数据: a realistic small office, so that a first launch is not an empty
//! screen. Loading it twice adds nothing the second time.

use chrono::{Duration, NaiveDate};
use rusqlite::Transaction;
use serde::Serialize;

use crate::documents::{self, InstructionKind, NewDocument, NewInstruction, Urgency};
use crate::error::Result;
use crate::items::{self, NewCompletion, NewItem, NewMilestone, NewProgress};
use crate::org::PartyIndex;
use crate::store::{audit, Actor, Store};

/// What [`load`] did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DemoSummary {
    /// Number of sample documents (收文) added; 0 when already loaded.
    pub documents: usize,
    /// Number of sample items (督办事项) added; 0 when already loaded.
    pub items: usize,
    /// The sample data was there before; nothing was added.
    pub already_loaded: bool,
}

impl DemoSummary {
    /// A sentence for the clerk.
    pub fn message(&self) -> String {
        if self.already_loaded {
            "示例数据此前已载入，未重复添加。".into()
        } else {
            format!(
                "已载入示例数据：收文 {} 件，督办事项 {} 项。",
                self.documents, self.items
            )
        }
    }
}

struct DemoDoc {
    title: &'static str,
    source_doc_no: &'static str,
    source_org: &'static str,
    category: &'static str,
    urgency: Urgency,
    days_ago: i64,
    limit_in: Option<i64>,
    important: bool,
    instruction: Option<(&'static str, &'static str)>,
    items: &'static [DemoItem],
}

struct DemoItem {
    name: &'static str,
    lead: &'static str,
    coop: &'static [&'static str],
    leader: &'static str,
    /// deadline relative to today; None = 长期
    due_in: Option<i64>,
    progress: Option<&'static str>,
    done: bool,
}

const DOCS: &[DemoDoc] = &[
    DemoDoc {
        title: "关于进一步优化税务执法方式的工作方案",
        source_doc_no: "税总发〔2026〕12号",
        source_org: "国家税务总局",
        category: "税务总局重大决策部署",
        urgency: Urgency::TeJi,
        days_ago: 40,
        limit_in: None,
        important: true,
        instruction: Some((
            "王建国",
            "请征科司牵头，法规司、稽查局配合，抓紧细化分工，月底前报送方案。",
        )),
        items: &[
            DemoItem {
                name: "制定税务执法方式优化实施细则",
                lead: "征管和科技发展司",
                coop: &["政策法规司", "稽查局"],
                leader: "李明华",
                due_in: Some(-3),
                progress: Some("已形成初稿，正在征求意见。"),
                done: false,
            },
            DemoItem {
                name: "开展执法方式优化专题培训",
                lead: "人事司",
                coop: &[],
                leader: "",
                due_in: Some(2),
                progress: None,
                done: false,
            },
            DemoItem {
                name: "建立执法问题台账并按月通报",
                lead: "督察内审司",
                coop: &[],
                leader: "",
                due_in: None,
                progress: Some("已建立台账，按月更新。"),
                done: false,
            },
        ],
    },
    DemoDoc {
        title: "全国税收工作会议重点任务分工",
        source_doc_no: "税总办发〔2026〕3号",
        source_org: "国家税务总局办公厅",
        category: "全国税务工作会议任务",
        urgency: Urgency::JiaJi,
        days_ago: 90,
        limit_in: None,
        important: true,
        instruction: None,
        items: &[
            DemoItem {
                name: "推进发票电子化改革扩围",
                lead: "货物和劳务税司",
                coop: &["征管和科技发展司"],
                leader: "赵振宇",
                due_in: Some(30),
                progress: Some("已完成第一批试点。"),
                done: false,
            },
            DemoItem {
                name: "完善个人所得税汇算清缴服务",
                lead: "所得税司",
                coop: &["纳税服务司"],
                leader: "陈立新",
                due_in: Some(-20),
                progress: Some("服务方案已印发。"),
                done: true,
            },
            DemoItem {
                name: "加强税收经济分析报告质量",
                lead: "税收经济分析司",
                coop: &[],
                leader: "",
                due_in: Some(60),
                progress: None,
                done: false,
            },
        ],
    },
    DemoDoc {
        title: "关于报送减税降费政策落实情况的通知",
        source_doc_no: "国办函〔2026〕45号",
        source_org: "国务院办公厅",
        category: "党中央国务院重大决策部署",
        urgency: Urgency::TeJi,
        days_ago: 1,
        limit_in: Some(4),
        important: true,
        instruction: Some(("王建国", "")),
        items: &[],
    },
];

/// The sample items name departments of the built-in organisation; an office
/// that loaded its own may lack some. Checked before anything is written, so
/// that the refusal names every missing department at once.
fn refuse_missing_parties(index: &PartyIndex) -> Result<()> {
    let mut missing: Vec<&str> = DOCS
        .iter()
        .flat_map(|d| d.items.iter())
        .flat_map(|it| std::iter::once(it.lead).chain(it.coop.iter().copied()))
        .filter(|name| index.resolve(name).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    Err(crate::error::Error::Conflict(format!(
        "示例数据用到的部门在当前组织机构中没有：{}。示例数据未载入，现有数据未作任何改动。",
        missing.join("、")
    )))
}

/// Loads the demo documents and items (once), all in one transaction: a
/// load refused or cut short leaves nothing of the samples behind, and
/// another try starts clean.
pub fn load(store: &mut Store, actor: &Actor) -> Result<DemoSummary> {
    crate::org::seed_default(store, actor)?;
    store.write(|tx| {
        if crate::store::setting(tx, "demo_loaded", "0")? == "1" {
            return Ok(DemoSummary {
                documents: 0,
                items: 0,
                already_loaded: true,
            });
        }
        let parties = PartyIndex::load(tx)?;
        refuse_missing_parties(&parties)?;
        let mut n_items = 0;
        for d in DOCS {
            n_items += load_document_in(tx, actor, &parties, d)?;
        }
        crate::store::set_setting_in(tx, "demo_loaded", "1")?;
        audit::append_in(tx, actor, "demo", "示例数据", "载入示例数据", None, None)?;
        Ok(DemoSummary {
            documents: DOCS.len(),
            items: n_items,
            already_loaded: false,
        })
    })
}

/// One sample document with its 批示 and items; returns how many items.
fn load_document_in(
    tx: &Transaction,
    actor: &Actor,
    parties: &PartyIndex,
    d: &DemoDoc,
) -> Result<usize> {
    let today = actor.today();
    let day = |n: i64| -> NaiveDate { today + Duration::days(n) };
    let received = day(-d.days_ago);
    let r = documents::register_in(
        tx,
        actor,
        &NewDocument {
            source_doc_no: d.source_doc_no.into(),
            title: d.title.into(),
            source_org: d.source_org.into(),
            source_category: d.category.into(),
            urgency: d.urgency,
            time_limited: d.limit_in.is_some(),
            time_limit: d.limit_in.map(day),
            received_on: received,
            summary: String::new(),
            important: d.important,
            key_relay: false,
            attachments: Vec::new(),
        },
        &[],
    )?;
    if let Some((leader, text)) = d.instruction {
        let kind = if text.is_empty() {
            InstructionKind::ReadMark
        } else {
            InstructionKind::Instruction
        };
        documents::add_instruction_in(
            tx,
            actor,
            &r.doc_no,
            &NewInstruction {
                leader: leader.into(),
                given_on: received,
                kind,
                text: text.into(),
            },
        )?;
    }
    for it in d.items {
        let mut item = NewItem::new(it.name, it.lead, it.due_in.map(day));
        item.document_id = Some(r.id);
        item.source_category = d.category.into();
        item.source_doc_no = d.source_doc_no.into();
        item.cooperators = it.coop.iter().map(|s| s.to_string()).collect();
        item.coordinator_leader = it.leader.into();
        item.requirement = format!("按照{}要求，{}。", d.source_doc_no, it.name);
        item.owner_person = "张明".into();
        if it.due_in.is_none() {
            item.report_cycle = "每月".into();
        }
        if let Some(due) = it.due_in.filter(|n| *n > 20) {
            item.milestones.push(NewMilestone {
                due: day(due / 2),
                title: "完成阶段性工作".into(),
            });
        }
        let created = items::create_item_in(tx, actor, &item, parties)?;
        if let Some(p) = it.progress {
            items::add_progress_in(
                tx,
                actor,
                &created.item_no,
                &NewProgress {
                    reported_on: today.min(received + Duration::days(10)),
                    text: p.into(),
                    reporter: "张明".into(),
                    party_id: None,
                    problems: String::new(),
                    next_steps: String::new(),
                },
                &[],
            )?;
        }
        if it.done {
            let done_on = today.min(day(it.due_in.unwrap_or(0)) - Duration::days(2));
            items::report_completion_in(
                tx,
                actor,
                &created.item_no,
                &NewCompletion {
                    reported_on: done_on,
                    text: "已按要求完成。".into(),
                    reporter: "张明".into(),
                    party_id: None,
                    evidence: Vec::new(),
                },
                &[],
            )?;
            items::accept_completion_in(tx, actor, &created.item_no, None, "材料齐全，同意销号。")?;
        }
    }
    Ok(d.items.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{upsert_party_in, PartyKind};

    fn clerk() -> Actor {
        Actor::new(
            "测试",
            NaiveDate::from_ymd_opt(2026, 11, 20)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
    }

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn an_organisation_without_the_samples_departments_is_refused_before_anything_is_written() {
        let mut store = Store::open_in_memory().unwrap();
        // The office's own organisation: one department only.
        store
            .write(|tx| upsert_party_in(tx, "办公厅", PartyKind::Department, &[]).map(|_| ()))
            .unwrap();
        let actor = clerk();
        let audit_before = count(&store, "audit_log");
        let err = load(&mut store, &actor).unwrap_err();
        assert!(err.to_string().contains("示例数据未载入"), "{err}");
        assert!(err.to_string().contains("政策法规司"), "{err}");
        for table in ["documents", "items", "instructions", "progress"] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
        assert_eq!(count(&store, "audit_log"), audit_before);

        // With the built-in organisation it loads, once.
        let mut fresh = Store::open_in_memory().unwrap();
        let loaded = load(&mut fresh, &actor).unwrap();
        assert!(loaded.items > 0 && !loaded.already_loaded);
        assert!(load(&mut fresh, &actor).unwrap().already_loaded);
    }

    #[test]
    fn a_load_cut_short_midway_leaves_none_of_the_samples() {
        let mut store = Store::open_in_memory().unwrap();
        let actor = clerk();
        // The third sample item fails, after two documents and their items.
        store
            .conn()
            .execute_batch(
                "CREATE TEMP TRIGGER cut_short AFTER INSERT ON items
                   WHEN (SELECT count(*) FROM items) >= 3
                 BEGIN SELECT RAISE(ABORT, '模拟中途失败'); END;",
            )
            .unwrap();
        let err = load(&mut store, &actor).unwrap_err();
        assert!(err.to_string().contains("模拟中途失败"), "{err}");
        for table in [
            "documents",
            "items",
            "instructions",
            "progress",
            "completion_reports",
        ] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
        let loaded = crate::store::setting(store.conn(), "demo_loaded", "0").unwrap();
        assert_eq!(loaded, "0");

        // Another try starts clean and loads every sample once.
        store
            .conn()
            .execute_batch("DROP TRIGGER cut_short")
            .unwrap();
        let summary = load(&mut store, &actor).unwrap();
        assert_eq!(count(&store, "documents"), summary.documents as i64);
        assert_eq!(count(&store, "items"), summary.items as i64);
    }
}
