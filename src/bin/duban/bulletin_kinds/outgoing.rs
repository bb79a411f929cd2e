//! `duban outgoing …` — 发文登记: add, edit, list, record a quality event.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::dates::parse_day;
use duban::outgoing::{
    self, EventKind, Gate, NewEvent, NewOutgoing, Outgoing, OutgoingFilter, OutgoingPatch,
};

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum OutgoingCommand {
    /// 登记发文
    Add {
        /// 文号
        #[arg(long = "no")]
        doc_no: String,
        /// 标题
        #[arg(long)]
        title: String,
        /// 主办部门
        #[arg(long = "dept")]
        department: String,
        /// 拟稿日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        drafted: Option<NaiveDate>,
        /// 会签日期
        #[arg(long, value_parser = parse_day)]
        countersigned: Option<NaiveDate>,
        /// 审签日期
        #[arg(long, value_parser = parse_day)]
        approved: Option<NaiveDate>,
        /// 印发日期
        #[arg(long, value_parser = parse_day)]
        issued: Option<NaiveDate>,
        /// 限时（应于此日前印发）
        #[arg(long = "limit", value_parser = parse_day)]
        time_limit: Option<NaiveDate>,
        /// 特急
        #[arg(long)]
        urgent: bool,
        /// 重要发文（每个工作日上、下午查询提醒）
        #[arg(long)]
        important: bool,
        /// 关联的会签编号
        #[arg(long)]
        countersign: Option<i64>,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 修改发文（只改给出的项）
    Edit {
        /// 文号
        doc_no: String,
        /// 标题
        #[arg(long)]
        title: Option<String>,
        /// 主办部门
        #[arg(long = "dept")]
        department: Option<String>,
        /// 拟稿日期
        #[arg(long, value_parser = parse_day)]
        drafted: Option<NaiveDate>,
        /// 会签日期
        #[arg(long, value_parser = parse_day)]
        countersigned: Option<NaiveDate>,
        /// 审签日期
        #[arg(long, value_parser = parse_day)]
        approved: Option<NaiveDate>,
        /// 印发日期
        #[arg(long, value_parser = parse_day)]
        issued: Option<NaiveDate>,
        /// 限时（须于此日前印发）
        #[arg(long = "limit", value_parser = parse_day)]
        time_limit: Option<NaiveDate>,
        /// 特急：是 / 否
        #[arg(long, value_parser = crate::yes_no_arg, action = clap::ArgAction::Set)]
        urgent: Option<bool>,
        /// 重要：是 / 否
        #[arg(long, value_parser = crate::yes_no_arg, action = clap::ArgAction::Set)]
        important: Option<bool>,
        /// 关联的会签编号（会签逾期由其回复自动认定）
        #[arg(long)]
        countersign: Option<i64>,
        /// 备注
        #[arg(long)]
        note: Option<String>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出发文
    List {
        /// 只列某主办部门
        #[arg(long = "dept")]
        department: Option<String>,
        /// 只列未印发的
        #[arg(long)]
        open: bool,
        /// 只列重要发文
        #[arg(long)]
        important: bool,
    },
    /// 登记办文质量问题：退文、退改（注明关口）、会签逾期
    Event {
        /// 文号
        doc_no: String,
        /// 类型：退文、退改、会签逾期
        #[arg(long)]
        kind: String,
        /// 未通过的关口：法律关、政策关、程序关、内容关、文字关
        #[arg(long)]
        gate: Option<String>,
        /// 责任部门（默认主办部门）
        #[arg(long = "dept")]
        department: Option<String>,
        /// 发生日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 说明
        #[arg(long, default_value = "")]
        note: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
}

fn text(o: &Outgoing) -> String {
    let mut flags = Vec::new();
    if o.important {
        flags.push("重要".to_string());
    }
    if o.urgent {
        flags.push("特急".to_string());
    }
    if let Some(t) = o.time_limit {
        flags.push(format!("限时 {t}"));
    }
    let dates: Vec<String> = [
        ("拟稿", Some(o.drafted_on)),
        ("会签", o.countersigned_on),
        ("审签", o.approved_on),
        ("印发", o.issued_on),
    ]
    .iter()
    .filter_map(|(w, d)| d.map(|d| format!("{w} {d}")))
    .collect();
    format!(
        "{}“{}” 主办：{}　{}　[{}]{}",
        o.doc_no,
        o.title,
        o.department,
        dates.join("，"),
        o.stage,
        if flags.is_empty() {
            String::new()
        } else {
            format!("（{}）", flags.join("、"))
        }
    )
}

pub fn run(door: &Door, c: OutgoingCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        OutgoingCommand::Add {
            doc_no,
            title,
            department,
            drafted,
            countersigned,
            approved,
            issued,
            time_limit,
            urgent,
            important,
            countersign,
            note,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let new = NewOutgoing {
                doc_no,
                title,
                department,
                drafted_on: drafted.unwrap_or(actor.today()),
                countersigned_on: countersigned,
                approved_on: approved,
                issued_on: issued,
                time_limit,
                urgent,
                important,
                countersign_id: countersign,
                note,
            };
            let o = outgoing::add(&mut store, &actor, &new)?;
            door.print(&o, || format!("已登记发文：{}", text(&o)));
        }
        OutgoingCommand::Edit {
            doc_no,
            title,
            department,
            drafted,
            countersigned,
            approved,
            issued,
            time_limit,
            urgent,
            important,
            countersign,
            note,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let patch = OutgoingPatch {
                title,
                department,
                drafted_on: drafted,
                countersigned_on: countersigned,
                approved_on: approved,
                issued_on: issued,
                time_limit,
                urgent,
                important,
                countersign_id: countersign,
                note,
            };
            let o = outgoing::update(&mut store, &actor, &doc_no, &patch)?;
            door.print(&o, || format!("已修改发文：{}", text(&o)));
        }
        OutgoingCommand::List {
            department,
            open,
            important,
        } => {
            let f = OutgoingFilter {
                department,
                open_only: open,
                important_only: important,
            };
            let list = outgoing::list(store.conn(), &f)?;
            door.print(&list, || {
                if list.is_empty() {
                    "没有符合条件的发文。".into()
                } else {
                    list.iter().map(text).collect::<Vec<_>>().join("\n")
                }
            });
        }
        OutgoingCommand::Event {
            doc_no,
            kind,
            gate,
            department,
            on,
            note,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let new = NewEvent {
                doc_no,
                department,
                kind: EventKind::parse(&kind)?,
                gate: gate.as_deref().map(Gate::parse).transpose()?,
                occurred_on: on.unwrap_or(actor.today()),
                note,
            };
            let e = outgoing::record_event(&mut store, &actor, &new)?;
            door.print(&e, || {
                format!(
                    "已登记：{} {}{}（{}，{}）",
                    e.doc_no,
                    e.kind.label(),
                    e.gate
                        .map(|g| format!("·{}", g.label()))
                        .unwrap_or_default(),
                    e.department,
                    e.occurred_on
                )
            });
        }
    }
    Ok(())
}
