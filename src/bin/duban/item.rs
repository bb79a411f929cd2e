//! `duban item …`: 督办事项 (任务分解, progress, 办结/销号, 撤销) and the ledger list.

use crate::{Door, Outcome};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use duban::calendar::Calendar;
use duban::dates::parse_day;
use duban::documents::{self};
use duban::items::{
    self, ItemEdit, LedgerFilter, Light, NewCompletion, NewItem, NewProgress, Status,
};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ItemCommand {
    /// 新建督办事项（任务分解）
    Add(ItemArgs),
    /// 督办台账：按条件列出事项
    List(ListArgs),
    /// 查看事项详情与时间线
    Show {
        /// 事项编号
        item_no: String,
    },
    /// 打印督办事项卡（Word）
    Card {
        /// 事项编号
        item_no: String,
        /// 输出文件（.docx）
        #[arg(short, long = "output", visible_alias = "out")]
        out: std::path::PathBuf,
    },
    /// 录入办理进展
    Progress {
        /// 事项编号
        item_no: String,
        /// 进展内容
        #[arg(long)]
        text: String,
        /// 报送日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 报送人
        #[arg(long, default_value = "")]
        reporter: String,
        /// 佐证材料文件（可多次）
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
    },
    /// 报送办结报告（待销号）
    Complete {
        /// 事项编号
        item_no: String,
        /// 办结日期
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 办结情况
        #[arg(long, default_value = "")]
        text: String,
        /// 佐证材料文件（可多次）
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
    },
    /// 销号（审核通过办结报告）
    Accept {
        /// 事项编号
        item_no: String,
        /// 审核意见
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 退回办结报告
    Return {
        /// 事项编号
        item_no: String,
        /// 退回理由
        #[arg(long)]
        reason: String,
    },
    /// 撤销事项
    Withdraw {
        /// 事项编号
        item_no: String,
        /// 撤销理由
        #[arg(long)]
        reason: String,
    },
    /// 重新打开事项
    Reopen {
        /// 事项编号
        item_no: String,
        /// 重新打开的理由
        #[arg(long)]
        reason: String,
    },
    /// 修改事项（更正牵头部门、配合部门、完成时限等；只给要改的项）
    Edit(EditArgs),
}

#[derive(Args)]
pub struct EditArgs {
    /// 事项编号
    item_no: String,
    /// 事项名称
    #[arg(long)]
    title: Option<String>,
    /// 工作要求
    #[arg(long)]
    requirement: Option<String>,
    /// 牵头部门（名称或简称）
    #[arg(long)]
    lead: Option<String>,
    /// 配合部门，可用、，,；分隔；给空字符串表示无配合部门
    #[arg(long)]
    coop: Option<String>,
    /// 统筹局领导
    #[arg(long)]
    leader: Option<String>,
    /// 责任人
    #[arg(long)]
    owner: Option<String>,
    /// 完成时限（更正，不是延期）
    #[arg(long, value_parser = parse_day)]
    due: Option<NaiveDate>,
    /// 长期事项：是 / 否
    #[arg(long, value_parser = crate::yes_no_arg, action = clap::ArgAction::Set)]
    standing: Option<bool>,
    /// 报送周期（长期事项）
    #[arg(long)]
    cycle: Option<String>,
    /// 来源类别
    #[arg(long)]
    category: Option<String>,
    /// 来文文号
    #[arg(long)]
    source_doc_no: Option<String>,
    /// 跟踪督办：是 / 否
    #[arg(long, value_parser = crate::yes_no_arg, action = clap::ArgAction::Set)]
    tracked: Option<bool>,
    /// 备注
    #[arg(long)]
    note: Option<String>,
    /// 修改原因（必填）
    #[arg(long)]
    reason: String,
}

#[derive(Args)]
pub struct ItemArgs {
    /// 事项名称
    #[arg(long)]
    name: String,
    /// 牵头部门（名称或简称）
    #[arg(long)]
    lead: String,
    /// 配合部门，可用、，,；分隔
    #[arg(long, default_value = "")]
    coop: String,
    /// 统筹局领导（有配合部门时必填）
    #[arg(long, default_value = "")]
    leader: String,
    /// 完成时限
    #[arg(long, value_parser = parse_day)]
    deadline: Option<NaiveDate>,
    /// 长期事项（没有完成时限，不能与 --deadline 同用）
    #[arg(long, conflicts_with = "deadline")]
    standing: bool,
    /// 长期事项的报送周期：每月、每季度、每半年、每年（给出即为长期事项，不能与 --deadline 同用）
    #[arg(long, value_name = "周期", conflicts_with = "deadline")]
    cycle: Option<String>,
    /// 工作要求
    #[arg(long, default_value = "")]
    requirement: String,
    /// 责任人
    #[arg(long, default_value = "")]
    owner: String,
    /// 所属收文编号
    #[arg(long)]
    doc: Option<String>,
    /// 跟踪督办
    #[arg(long)]
    tracked: bool,
    /// 来源类别
    #[arg(long, default_value = "")]
    category: String,
}

#[derive(Args)]
pub struct ListArgs {
    /// 部门或单位（牵头）
    #[arg(long)]
    party: Option<String>,
    /// 包括配合的事项
    #[arg(long)]
    cooperating: bool,
    /// 统筹局领导
    #[arg(long)]
    leader: Option<String>,
    /// 灯：红、黄、绿（可多次）
    #[arg(long)]
    light: Vec<Light>,
    /// 状态：未启动、推进中、待销号、已办结、已撤销（可多次）
    #[arg(long)]
    status: Vec<Status>,
    /// 名称或要求中包含的文字
    #[arg(long)]
    text: Option<String>,
    /// 所属收文编号（只列该文件分解的事项）
    #[arg(long)]
    doc: Option<String>,
    /// 完成时限起
    #[arg(long, value_parser = parse_day)]
    from: Option<NaiveDate>,
    /// 完成时限止
    #[arg(long, value_parser = parse_day)]
    to: Option<NaiveDate>,
    /// 今天（默认：系统日期）
    #[arg(long, value_parser = parse_day)]
    today: Option<NaiveDate>,
}

pub fn run(door: &Door, c: ItemCommand) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let cal = Calendar::load(store.conn())?;
    match c {
        ItemCommand::Add(a) => {
            let document_id = match &a.doc {
                Some(no) => Some(documents::get_document(store.conn(), no)?.row.id),
                None => None,
            };
            let deadline = a.deadline;
            let mut it = NewItem::new(&a.name, &a.lead, deadline);
            it.standing = a.standing || a.cycle.is_some();
            if let Some(text) = &a.cycle {
                it.report_cycle = duban::items::ReportCycle::stored_form(text)?;
            }
            it.cooperators = duban::imports::split_names(&a.coop);
            it.coordinator_leader = a.leader;
            it.requirement = a.requirement;
            it.owner_person = a.owner;
            it.document_id = document_id;
            it.tracked = a.tracked;
            it.source_category = a.category;
            let r = items::create_item(&mut store, &actor, &it)?;
            door.print(&r, || format!("已新建事项：{}", r.item_no));
        }
        ItemCommand::List(l) => {
            let today = l.today.unwrap_or_else(|| door.today());
            let f = LedgerFilter {
                party: l.party,
                include_cooperating: l.cooperating,
                leader: l.leader,
                light: l.light,
                status: l.status,
                text: l.text,
                doc_no: l.doc,
                deadline_from: l.from,
                deadline_to: l.to,
                ..Default::default()
            };
            let page = items::query_ledger(store.conn(), &cal, today, &f)?;
            door.print(&page, || {
                let mut out = format!("共 {} 项\n", page.total);
                for r in &page.rows {
                    out.push_str(&format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\n",
                        r.item_no,
                        r.light.map(|l| l.label()).unwrap_or("—"),
                        r.status_label,
                        r.lead,
                        r.effective_deadline
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| standing_text(r)),
                        r.name
                    ));
                }
                out.trim_end().to_string()
            });
        }
        ItemCommand::Card { item_no, out } => {
            duban::bulletins::handover::write_item_card(
                store.conn(),
                &cal,
                door.today(),
                &item_no,
                &out,
            )?;
            let path = out.display().to_string();
            door.print(&serde_json::json!({ "path": path }), || {
                format!("已生成督办事项卡：{path}")
            });
        }
        ItemCommand::Show { item_no } => {
            let detail = items::get_item(store.conn(), &cal, door.now().date(), &item_no)?;
            let chases = duban::chases::for_item(store.conn(), &item_no)?;
            let shown = crate::item_show::Shown {
                detail: &detail,
                chases: &chases,
            };
            door.print(&shown, || crate::item_show::lines(&shown));
        }
        ItemCommand::Progress {
            item_no,
            text,
            date,
            reporter,
            attach,
        } => {
            let p = NewProgress {
                reported_on: date.unwrap_or_else(|| door.today()),
                text,
                reporter,
                party_id: None,
                problems: String::new(),
                next_steps: String::new(),
            };
            items::add_progress_with_evidence(&mut store, &actor, &item_no, &p, &attach)?;
            door.print(&serde_json::json!({"item_no": item_no}), || {
                "已录入进展。".into()
            });
        }
        ItemCommand::Complete {
            item_no,
            date,
            text,
            attach,
        } => {
            let c = NewCompletion {
                reported_on: date.unwrap_or_else(|| door.today()),
                text,
                reporter: String::new(),
                party_id: None,
                evidence: attach,
            };
            items::report_completion(&mut store, &actor, &item_no, &c)?;
            door.print(&serde_json::json!({"item_no": item_no}), || {
                "已报送办结报告，待销号。".into()
            });
        }
        ItemCommand::Accept { item_no, note } => {
            items::accept_completion(&mut store, &actor, &item_no, None, &note)?;
            door.print(&serde_json::json!({"item_no": item_no}), || {
                "已销号。".into()
            });
        }
        ItemCommand::Return { item_no, reason } => {
            items::return_completion(&mut store, &actor, &item_no, &reason)?;
            door.print(&serde_json::json!({"item_no": item_no}), || {
                "已退回。".into()
            });
        }
        ItemCommand::Withdraw { item_no, reason } => {
            items::withdraw(&mut store, &actor, &item_no, &reason)?;
            door.print(&serde_json::json!({"item_no": item_no}), || {
                "已撤销。".into()
            });
        }
        ItemCommand::Edit(e) => {
            let edit = ItemEdit {
                name: e.title,
                requirement: e.requirement,
                lead: e.lead,
                cooperators: e.coop.as_deref().map(duban::imports::split_names),
                coordinator_leader: e.leader,
                owner_person: e.owner,
                deadline: e.due,
                standing: e.standing,
                report_cycle: e.cycle,
                source_category: e.category,
                source_doc_no: e.source_doc_no,
                meeting: None,
                tracked: e.tracked,
                note: e.note,
                reason: e.reason,
            };
            let n = items::edit_item(&mut store, &actor, &e.item_no, &edit)?;
            door.print(
                &serde_json::json!({"item_no": e.item_no, "changed": n}),
                || format!("已修改事项 {}（{n} 项）。", e.item_no),
            );
        }
        ItemCommand::Reopen { item_no, reason } => {
            items::reopen(&mut store, &actor, &item_no, &reason)?;
            door.print(&serde_json::json!({"item_no": item_no}), || {
                "已重新打开。".into()
            });
        }
    }
    Ok(())
}

/// 长期 with its 报送周期 and last report: `长期（每月，上次报送 2026-11-03）`.
fn standing_text(r: &items::ItemRow) -> String {
    let last = r
        .last_report
        .map(|d| format!("上次报送 {}", duban::dates::ymd(d)))
        .unwrap_or_else(|| "尚未报送".into());
    if r.report_cycle.is_empty() {
        "长期".into()
    } else {
        format!("长期（{}，{last}）", r.report_cycle)
    }
}
