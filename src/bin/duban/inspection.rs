//! `duban inspection …` — 督查 (PRODUCT #12, EXCHANGE §7): create an
//! inspection with its team from the roster, walk its seven stages in order,
//! list, show the stage timeline, and write its 督查情况汇总.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::dates::parse_day;
use duban::imports::split_names;
use duban::inspections::inspection::{self, NewInspection, StageUpdate};
use duban::inspections::{queries, InspectionKind, Manner, Stage};

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum InspectionCommand {
    /// 新建督查（编号 督查〔年〕N号 自动生成）
    Create {
        /// 督查名称
        #[arg(long)]
        name: String,
        /// 类型：实地、案头
        #[arg(long, default_value = "实地")]
        kind: InspectionKind,
        /// 方式：明察、暗访
        #[arg(long, default_value = "明察")]
        manner: Manner,
        /// 督查对象（下级单位或内设机构，逗号或顿号分隔）
        #[arg(long)]
        targets: String,
        /// 组长（人员名单中的姓名，同名时写 姓名@单位）
        #[arg(long)]
        leader: String,
        /// 组员（人员名单中的姓名，逗号或顿号分隔）
        #[arg(long, default_value = "")]
        members: String,
        /// 督查的收文（收文编号，逗号分隔）
        #[arg(long, default_value = "")]
        docs: String,
        /// 督查的督办事项（事项编号，逗号分隔）
        #[arg(long, default_value = "")]
        items: String,
        /// 计划开始日期
        #[arg(long, value_parser = parse_day)]
        start: Option<NaiveDate>,
        /// 计划结束日期
        #[arg(long, value_parser = parse_day)]
        end: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 登记环节：计划日期、完成日期（须按 制定方案→下发通知→发布公告→组织实施→意见反馈→汇总报告→整改落实 的顺序；整改落实在整改事项全部销号时完成）、备注、材料
    Stage {
        /// 督查（督查编号或序号）
        inspection: String,
        /// 环节（名称或 1–7）
        stage: String,
        /// 计划日期
        #[arg(long, value_parser = parse_day)]
        planned: Option<NaiveDate>,
        /// 完成日期
        #[arg(long, value_parser = parse_day)]
        done: Option<NaiveDate>,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        /// 材料（方案、通知、公告、汇报材料、反馈意见、汇总报告），可多次
        #[arg(long = "file")]
        files: Vec<PathBuf>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出督查（当前环节、未销号问题数）
    List,
    /// 查看督查详情与环节时间线
    Show {
        /// 督查（督查编号或序号）
        inspection: String,
    },
    /// 督查情况汇总（每个单位：发现问题、已整改、未整改、逾期）；-o 写入表格
    Summary {
        /// 督查（督查编号或序号）
        inspection: String,
        /// 输出文件（.xlsx）；不写则只显示
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// 统计日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        today: Option<NaiveDate>,
    },
}

pub fn run(door: &Door, c: InspectionCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        InspectionCommand::Create {
            name,
            kind,
            manner,
            targets,
            leader,
            members,
            docs,
            items,
            start,
            end,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let new = NewInspection {
                name,
                kind,
                manner,
                targets: split_names(&targets),
                documents: split_names(&docs),
                items: split_names(&items),
                leader,
                members: split_names(&members),
                planned_start: start,
                planned_end: end,
            };
            let d = inspection::create(&mut store, &actor, &new)?;
            door.print(&d, || {
                format!("已新建督查：{}", inspection::detail_text(&d))
            });
        }
        InspectionCommand::Stage {
            inspection: key,
            stage,
            planned,
            done,
            note,
            files,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let u = StageUpdate {
                inspection: key,
                stage: Stage::read(&stage)?,
                planned_on: planned,
                done_on: done,
                note,
                files,
            };
            let d = inspection::update_stage(&mut store, &actor, &u)?;
            door.print(&d, || {
                format!(
                    "已登记“{}”：\n{}",
                    u.stage.label(),
                    inspection::detail_text(&d)
                )
            });
        }
        InspectionCommand::List => {
            let list = inspection::list(store.conn())?;
            door.print(&list, || {
                if list.is_empty() {
                    return "还没有督查。".into();
                }
                list.iter()
                    .map(|r| {
                        format!(
                            "{} {}（{}·{}）对象：{} 当前环节：{} 问题 {} 个，未销号 {} 项",
                            r.number,
                            r.name,
                            r.kind.label(),
                            r.manner.label(),
                            r.targets.join("、"),
                            r.current_stage.map(Stage::label).unwrap_or("已全部完成"),
                            r.findings,
                            r.open_items
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        InspectionCommand::Show { inspection: key } => {
            let d = inspection::detail(store.conn(), inspection::find(store.conn(), &key)?)?;
            door.print(&d, || inspection::detail_text(&d));
        }
        InspectionCommand::Summary {
            inspection: key,
            output,
            today,
        } => {
            let today = today.unwrap_or(door.today());
            if let Some(path) = &output {
                duban::exports::rectifications::export_inspection_summary(
                    store.conn(),
                    &key,
                    today,
                    path,
                )?;
            }
            let rows = queries::summary(store.conn(), &key, today)?;
            door.print(&rows, || {
                let mut s: Vec<String> = rows.iter().map(|u| u.line()).collect();
                s.push(queries::UnitSummary::total(&rows).line());
                if let Some(p) = &output {
                    s.push(format!("已导出：{}", p.display()));
                }
                s.join("\n")
            });
        }
    }
    Ok(())
}
