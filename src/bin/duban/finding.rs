//! `duban finding …` — 问题 (EXCHANGE §7): record a problem against one
//! unit (from an inspection, or from 执法督察 / 审计 / 巡视 / 干部监督 with
//! that source's reference), which becomes a 整改事项; send a 普遍性问题 to
//! other units as 防范整改 items.

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::dates::parse_day;
use duban::imports::split_names;
use duban::inspections::findings::{self, NewFinding, Spread};
use duban::inspections::Source;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum FindingCommand {
    /// 记录问题并生成整改事项（整改编号 ZG年-nnn）
    Add {
        /// 被督查单位（名称或简称）
        #[arg(long)]
        unit: String,
        /// 问题描述
        #[arg(long = "desc")]
        description: String,
        /// 整改时限
        #[arg(long, value_parser = parse_day)]
        deadline: NaiveDate,
        /// 所属督查（督查编号或序号；来源为“督查”时必填）
        #[arg(long)]
        inspection: Option<String>,
        /// 问题来源：督查、执法督察、审计、巡视、干部监督（有 --inspection 时默认督查；
        /// 没有 --inspection 时必填）
        #[arg(long, required_unless_present = "inspection")]
        source: Option<Source>,
        /// 来源依据（报告文号等；来源不是督查时必填）
        #[arg(long = "ref", default_value = "")]
        source_ref: String,
        /// 普遍性问题（可下发防范整改）
        #[arg(long)]
        general: bool,
        /// 发现日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        found: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 将普遍性问题作为防范整改事项下发给单位（一次完成，全部或全不）
    Spread {
        /// 问题序号（finding add 输出的 finding_id）
        finding: i64,
        /// 整改时限
        #[arg(long, value_parser = parse_day)]
        deadline: NaiveDate,
        /// 下发单位（逗号分隔；不写或写 all 为全部下级单位）
        #[arg(long, default_value = "all")]
        units: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
}

pub fn run(door: &Door, c: FindingCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        FindingCommand::Add {
            unit,
            description,
            deadline,
            inspection,
            source,
            source_ref,
            general,
            found,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            // clap requires --source without --inspection.
            let source = source.unwrap_or(Source::Inspection);
            let new = NewFinding {
                source,
                inspection,
                source_ref,
                party: unit,
                description,
                general,
                found_on: found.unwrap_or(actor.today()),
                deadline,
            };
            let made = findings::record(&mut store, &actor, &new)?;
            door.print(&made, || {
                format!("已记录问题 #{}，整改事项 {}", made.finding_id, made.rect_no)
            });
        }
        FindingCommand::Spread {
            finding,
            deadline,
            units,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let units = if units.trim() == "all" {
                Vec::new()
            } else {
                split_names(&units)
            };
            let nos = findings::spread(
                &mut store,
                &actor,
                &Spread {
                    finding_id: finding,
                    units,
                    deadline,
                },
            )?;
            door.print(&nos, || {
                format!("已下发防范整改 {} 项：{}", nos.len(), nos.join("、"))
            });
        }
    }
    Ok(())
}
