//! `duban doc …`: 收文登记 and 领导批示.

use crate::{Door, Failure, Outcome};
use chrono::NaiveDate;
use clap::Subcommand;
use duban::dates::parse_day;
use duban::documents::{
    self, DocumentEdit, DocumentFilter, InstructionKind, NewDocument, NewInstruction, Urgency,
};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum DocCommand {
    /// 收文登记
    Add {
        /// 标题
        #[arg(long)]
        title: String,
        /// 来源类别（《意见》第三条所列类别之一）
        #[arg(long)]
        category: String,
        /// 紧急程度：特急、加急、平件
        #[arg(long, default_value = "平件")]
        urgency: String,
        /// 来文文号
        #[arg(long, default_value = "")]
        source_doc_no: String,
        /// 来文单位
        #[arg(long, default_value = "")]
        source_org: String,
        /// 收文日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        received: Option<NaiveDate>,
        /// 限时件的办理时限
        #[arg(long, value_parser = parse_day)]
        limit: Option<NaiveDate>,
        /// 摘要
        #[arg(long, default_value = "")]
        summary: String,
        /// 重要文件（须有明确批示）
        #[arg(long)]
        important: bool,
        /// 附件文件
        #[arg(long = "attach")]
        attachments: Vec<PathBuf>,
    },
    /// 领导批示或圈阅
    Instruct {
        /// 收文编号
        doc_no: String,
        /// 局领导
        #[arg(long)]
        leader: String,
        /// 日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 批示内容（不填且加 --circle 表示圈阅）
        #[arg(long, default_value = "")]
        text: String,
        /// 仅圈阅（圈阅没有批示内容，不能与 --text 同用）
        #[arg(long, conflicts_with = "text")]
        circle: bool,
    },
    /// 列出收文
    List {
        /// 只列未分解的
        #[arg(long)]
        unsplit: bool,
    },
    /// 查看一件收文
    Show {
        /// 收文编号
        doc_no: String,
    },
    /// 打印交办单：按牵头部门各生成一份 Word 交办单
    Handover {
        /// 收文编号
        doc_no: String,
        /// 输出文件夹
        #[arg(short, long = "output", visible_alias = "out")]
        out: PathBuf,
    },
    /// 修改收文登记（只给要改的项）
    Edit(Box<EditArgs>),
    /// 作废误登记的收文（须先撤销由它分解的事项）：保留在收文登记簿中，标为已作废，不再计入待分解和提醒
    Void {
        /// 收文编号
        doc_no: String,
        /// 作废原因（必填）
        #[arg(long)]
        reason: String,
    },
}

#[derive(clap::Args)]
pub struct EditArgs {
    /// 收文编号
    doc_no: String,
    /// 标题
    #[arg(long)]
    title: Option<String>,
    /// 来源类别
    #[arg(long)]
    category: Option<String>,
    /// 紧急程度：特急、加急、平件
    #[arg(long)]
    urgency: Option<String>,
    /// 来文文号
    #[arg(long)]
    source_doc_no: Option<String>,
    /// 来文单位
    #[arg(long)]
    source_org: Option<String>,
    /// 收文日期（同一年内）
    #[arg(long, value_parser = parse_day)]
    received: Option<NaiveDate>,
    /// 限时件的办理时限（同时标为限时件）
    #[arg(long, value_parser = parse_day)]
    limit: Option<NaiveDate>,
    /// 取消限时件
    #[arg(long, conflicts_with = "limit")]
    no_limit: bool,
    /// 摘要
    #[arg(long)]
    summary: Option<String>,
    /// 重要文件：是 / 否
    #[arg(long, value_parser = crate::yes_no_arg, action = clap::ArgAction::Set)]
    important: Option<bool>,
    /// 重点（传达学习）：是 / 否
    #[arg(long, value_parser = crate::yes_no_arg, action = clap::ArgAction::Set)]
    key_relay: Option<bool>,
    /// 修改原因
    #[arg(long, default_value = "")]
    reason: String,
}

fn urgency_of(text: &str) -> Result<Urgency, Failure> {
    match text {
        "特急" => Ok(Urgency::TeJi),
        "加急" => Ok(Urgency::JiaJi),
        "平件" => Ok(Urgency::PingJian),
        other => Err(Failure::msg(format!(
            "紧急程度“{other}”无效，应为 特急、加急 或 平件。"
        ))),
    }
}

pub fn run(door: &Door, c: DocCommand) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    match c {
        DocCommand::Add {
            title,
            category,
            urgency,
            source_doc_no,
            source_org,
            received,
            limit,
            summary,
            important,
            attachments,
        } => {
            let urgency = urgency_of(&urgency)?;
            let d = NewDocument {
                source_doc_no,
                title,
                source_org,
                source_category: category,
                urgency,
                time_limited: limit.is_some(),
                time_limit: limit,
                received_on: received.unwrap_or_else(|| door.today()),
                summary,
                important,
                key_relay: false,
                attachments,
            };
            let r = documents::register(&mut store, &actor, &d)?;
            door.print(&r, || format!("已登记：{}", r.doc_no));
        }
        DocCommand::Instruct {
            doc_no,
            leader,
            date,
            text,
            circle,
        } => {
            let i = NewInstruction {
                leader,
                given_on: date.unwrap_or_else(|| door.today()),
                kind: if circle {
                    InstructionKind::ReadMark
                } else {
                    InstructionKind::Instruction
                },
                text,
            };
            documents::add_instruction(&mut store, &actor, &doc_no, &i)?;
            door.print(&serde_json::json!({"doc_no": doc_no}), || "已记录。".into());
        }
        DocCommand::List { unsplit } => {
            let rows = documents::list_documents(
                store.conn(),
                &DocumentFilter {
                    unsplit_only: unsplit,
                    ..Default::default()
                },
            )?;
            door.print(&rows, || {
                rows.iter()
                    .map(|d| {
                        format!(
                            "{}\t{}\t{}\t{}{}",
                            d.doc_no,
                            d.urgency.label(),
                            d.title,
                            if d.voided.is_some() {
                                "已作废"
                            } else if d.item_count == 0 {
                                "未分解"
                            } else {
                                "已分解"
                            },
                            if d.only_circled {
                                "\t仅圈阅，未批示"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DocCommand::Edit(e) => {
            let edit = DocumentEdit {
                source_doc_no: e.source_doc_no,
                title: e.title,
                source_org: e.source_org,
                source_category: e.category,
                urgency: e.urgency.as_deref().map(urgency_of).transpose()?,
                time_limited: if e.no_limit {
                    Some(false)
                } else {
                    e.limit.map(|_| true)
                },
                time_limit: e.limit,
                received_on: e.received,
                summary: e.summary,
                important: e.important,
                key_relay: e.key_relay,
                reason: e.reason,
            };
            let n = documents::edit_document(&mut store, &actor, &e.doc_no, &edit)?;
            door.print(
                &serde_json::json!({"doc_no": e.doc_no, "changed": n}),
                || format!("已修改 {}（{n} 项）。", e.doc_no),
            );
        }
        DocCommand::Void { doc_no, reason } => {
            documents::void_document(&mut store, &actor, &doc_no, &reason)?;
            door.print(
                &serde_json::json!({"doc_no": doc_no.trim(), "voided": true}),
                || format!("已作废 {}。", doc_no.trim()),
            );
        }
        DocCommand::Show { doc_no } => {
            let d = documents::get_document(store.conn(), &doc_no)?;
            door.print(&d, || shown(&d));
        }
        DocCommand::Handover { doc_no, out } => {
            let cal = duban::calendar::Calendar::load(store.conn())?;
            let files = duban::bulletins::handover::write_handover(
                store.conn(),
                &cal,
                door.today(),
                &doc_no,
                &out,
            )?;
            door.print(&files, || {
                files
                    .iter()
                    .map(|f| format!("{}（{}项）\t{}", f.lead, f.items, f.path.display()))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

/// `doc show` without `--json`: the document in Chinese lines.
fn shown(d: &documents::DocumentDetail) -> String {
    use duban::dates::ymd;
    let r = &d.row;
    let mut lines = vec![
        format!("{}　{}", r.doc_no, r.title),
        format!(
            "来文单位：{}　来文文号：{}　来源类别：{}　紧急程度：{}",
            r.source_org,
            r.source_doc_no,
            r.source_category,
            r.urgency.label()
        ),
        format!(
            "收文日期：{}　办理时限：{}",
            ymd(r.received_on),
            r.time_limit.map(ymd).unwrap_or_else(|| "无".into())
        ),
        format!(
            "分解事项：{} 项（清单：duban item list --doc {}）",
            r.item_count, r.doc_no
        ),
    ];
    if let Some(v) = &r.voided {
        lines.push(format!(
            "已作废：{}（{} {}）",
            v.reason, v.voided_by, v.voided_at
        ));
    }
    for i in &d.instructions {
        let void = if i.voided.is_some() {
            "（已作废）"
        } else {
            ""
        };
        lines.push(format!(
            "{}：{} {} {}{void}",
            i.kind.label(),
            i.leader,
            ymd(i.given_on),
            i.text
        ));
    }
    if !d.attachments.is_empty() {
        let names: Vec<&str> = d.attachments.iter().map(|a| a.file_name.as_str()).collect();
        lines.push(format!("附件：{}", names.join("、")));
    }
    lines.push(format!("记录：{} 条（--json 可看全部）", d.timeline.len()));
    lines.join("\n")
}
