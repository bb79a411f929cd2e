//! `duban countersign …` — 会签 / 征求意见: send, reply, list.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::calendar::Calendar;
use duban::countersigns::{self, Countersign, CountersignKind, NewCountersign, NewReply, Opinion};
use duban::dates::parse_day;

use duban::imports::split_names;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum CountersignCommand {
    /// 发送会签或征求意见
    Send {
        /// 文稿标题（关联收文时可省略）
        #[arg(long, default_value = "")]
        title: String,
        /// 关联的收文编号
        #[arg(long)]
        doc: Option<String>,
        /// 类型：会签、征求意见
        #[arg(long, default_value = "会签")]
        kind: String,
        /// 回复期限（工作日）
        #[arg(long)]
        days: u32,
        /// 发送给的部门（逗号或顿号分隔）
        #[arg(long = "to")]
        parties: String,
        /// 发送日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 登记部门回复
    Reply {
        /// 会签编号
        id: i64,
        /// 回复部门
        #[arg(long)]
        party: String,
        /// 意见：同意、不同意、有意见
        #[arg(long)]
        opinion: String,
        /// 具体意见
        #[arg(long, default_value = "")]
        comment: String,
        /// 回复日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出会签（--open 只列尚有未回复的）
    List {
        /// 只列尚有未回复的
        #[arg(long)]
        open: bool,
    },
}

fn text(c: &Countersign) -> String {
    let replies: Vec<String> = c
        .replies
        .iter()
        .map(|r| match (r.replied_on, r.opinion) {
            (Some(on), Some(op)) => format!("{} {}（{}）", r.party, op.label(), on),
            _ => format!("{} 未回复", r.party),
        })
        .collect();
    format!(
        "#{} {}“{}” 发送 {}，{} 前回复：{}",
        c.id,
        c.kind.label(),
        c.title,
        c.sent_on,
        c.reply_due,
        replies.join("；")
    )
}

pub fn run(door: &Door, c: CountersignCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        CountersignCommand::Send {
            title,
            doc,
            kind,
            days,
            parties,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let cal = Calendar::load(store.conn())?;
            let new = NewCountersign {
                doc_no: doc,
                title,
                kind: CountersignKind::parse(&kind)?,
                sent_on: on.unwrap_or(actor.today()),
                reply_days: days,
                parties: split_names(&parties),
            };
            let cs = countersigns::send(&mut store, &actor, &cal, &new)?;
            door.print(&cs, || format!("已发送：{}", text(&cs)));
            crate::workdays::note_provisional_deadline(
                cal.add_workdays_answer(cs.sent_on, cs.reply_days)
                    .provisional,
            );
        }
        CountersignCommand::Reply {
            id,
            party,
            opinion,
            comment,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let new = NewReply {
                countersign_id: id,
                party,
                replied_on: on.unwrap_or(actor.today()),
                opinion: Opinion::parse(&opinion)?,
                comment,
            };
            let cs = countersigns::reply(&mut store, &actor, &new)?;
            door.print(&cs, || format!("已登记回复：{}", text(&cs)));
        }
        CountersignCommand::List { open } => {
            let list = countersigns::list(store.conn(), open)?;
            door.print(&list, || {
                if list.is_empty() {
                    "没有会签/征求意见。".into()
                } else {
                    list.iter().map(text).collect::<Vec<_>>().join("\n")
                }
            });
        }
    }
    Ok(())
}
