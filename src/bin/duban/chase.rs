//! `duban chase …` — 催办: record, list, print the 催办通知单.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::calendar::Calendar;
use duban::chases::{self, notice, BatchChase, Channel, Chase, NewChase};
use duban::dates::parse_day;

use duban::imports::split_names;

use crate::{Door, Failure, Outcome};

#[derive(Subcommand)]
pub enum ChaseCommand {
    /// 登记一次催办（事项或文件）
    Add {
        /// 事项编号（可重复：批量催办，一次写入，任一事项不能催办则全部不登记）
        #[arg(long)]
        item: Vec<String>,
        /// 收文编号
        #[arg(long)]
        doc: Option<String>,
        /// 方式：电话、通知单、当面、系统
        #[arg(long)]
        channel: String,
        /// 催办对象（默认：牵头部门）
        #[arg(long = "to", default_value = "")]
        to_whom: String,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        /// 催办日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出事项或文件的催办记录
    List {
        /// 事项编号
        #[arg(long)]
        item: Option<String>,
        /// 收文编号
        #[arg(long)]
        doc: Option<String>,
    },
    /// 导出催办通知单（每个有红灯、黄灯事项的牵头部门一张）
    Notice {
        /// 输出文件（.xlsx）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 只给这些部门/单位（逗号或顿号分隔）
        #[arg(long)]
        party: Option<String>,
        /// 通知单日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
}

fn line(c: &Chase) -> String {
    format!(
        "#{} {} {} {} {} {}{}",
        c.id,
        c.chased_on,
        c.item_no.as_deref().or(c.doc_no.as_deref()).unwrap_or(""),
        c.channel.label(),
        c.to_whom,
        c.note,
        crate::extension::voided(&c.voided)
    )
}

pub fn run(door: &Door, c: ChaseCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        ChaseCommand::Add {
            item,
            doc,
            channel,
            to_whom,
            note,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            if item.len() > 1 {
                if doc.is_some() {
                    return Err(Failure::msg(
                        "批量催办只针对事项：多个 --item 时不能同时指定 --doc。",
                    ));
                }
                let input = BatchChase {
                    chased_on: on.unwrap_or(actor.today()),
                    channel: Channel::parse(&channel)?,
                    to_whom,
                    note,
                };
                let ids = chases::record_batch(&mut store, &actor, &item, &input)?;
                let list = ids
                    .iter()
                    .map(|id| chases::get(store.conn(), *id))
                    .collect::<Result<Vec<_>, _>>()?;
                door.print(&list, || {
                    let lines: Vec<String> = list.iter().map(line).collect();
                    format!("已为 {} 个事项登记催办：\n{}", list.len(), lines.join("\n"))
                });
                return Ok(());
            }
            let new = NewChase {
                item_no: item.into_iter().next(),
                doc_no: doc,
                chased_on: on.unwrap_or(actor.today()),
                channel: Channel::parse(&channel)?,
                to_whom,
                note,
            };
            let chase = chases::record(&mut store, &actor, &new)?;
            door.print(&chase, || format!("已登记催办：{}", line(&chase)));
        }
        ChaseCommand::List { item, doc } => {
            let list = match (item, doc) {
                (Some(no), None) => chases::for_item(store.conn(), &no)?,
                (None, Some(no)) => chases::for_document(store.conn(), &no)?,
                _ => {
                    return Err(Failure::msg(
                        "请指定 --item 事项编号 或 --doc 收文编号（二者选一）。",
                    ))
                }
            };
            door.print(&list, || {
                if list.is_empty() {
                    "没有催办记录。".into()
                } else {
                    list.iter().map(line).collect::<Vec<_>>().join("\n")
                }
            });
        }
        ChaseCommand::Notice {
            output,
            party,
            date,
        } => {
            let cal = Calendar::load(store.conn())?;
            let today = date.unwrap_or_else(|| door.today());
            let only = party.as_deref().map(split_names).unwrap_or_default();
            let notices = notice::export(store.conn(), &cal, today, &only, &output)?;
            door.print(&notices, || {
                format!(
                    "已导出催办通知单 {} 份（{}）：{}",
                    notices.len(),
                    notices
                        .iter()
                        .map(|n| n.party.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    output.display()
                )
            });
        }
    }
    Ok(())
}
