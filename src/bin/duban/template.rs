//! `duban template …`: the 落实情况反馈表, round-report and 舆情情况登记表 templates.

use crate::{Door, Outcome};
use clap::{Args, Subcommand};
use duban::imports::template;
use duban::store::Store;
use std::path::PathBuf;

/// 生成模板
#[derive(Subcommand)]
pub enum TemplateCommand {
    /// 落实情况反馈表：--party 名称 -o 文件，或 --all -o 文件夹（每个有未办结事项的单位一份）
    Feedback(FeedbackTemplateArgs),
    /// 报送任务的报送表：每个报送单位一份，写入 -o 文件夹
    Round(crate::round::TemplateRoundArgs),
    /// 舆情情况登记表：--party 下级单位 -o 文件
    Opinion(crate::opinion::OpinionTemplateArgs),
    /// 整改情况反馈表：--party 单位 -o 文件（预填该单位未销号的整改事项），或 --all -o 文件夹
    Rectification(RectificationTemplateArgs),
}

/// `duban template rectification`.
#[derive(Args)]
pub struct RectificationTemplateArgs {
    /// 单位（名称或简称）
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    pub party: Option<String>,
    /// 为每个有未销号整改事项的单位各生成一份，-o 为文件夹
    #[arg(long)]
    pub all: bool,
    /// 输出文件（--party）或文件夹（--all）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// `duban template feedback`.
#[derive(Args)]
pub struct FeedbackTemplateArgs {
    /// 部门或单位（名称或简称）
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    pub party: Option<String>,
    /// 为所有有未办结事项的部门和单位各生成一份，-o 为文件夹
    #[arg(long)]
    pub all: bool,
    /// 输出文件（--party）或文件夹（--all）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// `duban template …`.
pub fn run(door: &Door, c: TemplateCommand) -> Outcome {
    match c {
        TemplateCommand::Feedback(a) => {
            let store = door.open()?;
            feedback_templates(door, &store, &a)
        }
        TemplateCommand::Round(a) => crate::round::template_round(door, a),
        TemplateCommand::Opinion(a) => crate::opinion::template(door, a),
        TemplateCommand::Rectification(a) => {
            use duban::imports::rectification_template as t;
            let store = door.open()?;
            let written = match &a.party {
                Some(p) => {
                    let n =
                        t::write_rectification_template(store.conn(), p, door.today(), &a.output)?;
                    vec![(a.output.clone(), n)]
                }
                None => {
                    t::write_rectification_templates(store.conn(), &[], door.today(), &a.output)?
                }
            };
            let json: Vec<_> = written
                .iter()
                .map(|(f, n)| serde_json::json!({"file": f, "items": n}))
                .collect();
            door.print(&json, || {
                if written.is_empty() {
                    return "没有单位有未销号的整改事项，未生成模板。".to_string();
                }
                written
                    .iter()
                    .map(|(f, n)| format!("已生成：{}（{n} 项）", f.display()))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
    }
}

fn feedback_templates(door: &Door, store: &Store, a: &FeedbackTemplateArgs) -> Outcome {
    let written = match &a.party {
        Some(p) => {
            let n = template::write_feedback_template(store.conn(), p, &a.output)?;
            vec![(a.output.clone(), n)]
        }
        None => template::write_all_feedback_templates(store.conn(), &a.output)?,
    };
    let json: Vec<_> = written
        .iter()
        .map(|(f, n)| serde_json::json!({"file": f, "items": n}))
        .collect();
    door.print(&json, || {
        if written.is_empty() {
            return "没有部门或单位有未办结的事项，未生成模板。".to_string();
        }
        written
            .iter()
            .map(|(f, n)| format!("已生成：{}（{n} 项）", f.display()))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
