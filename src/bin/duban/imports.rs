//! `duban import | export | template` (EXCHANGE §4).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use duban::imports::{
    export, import_kind, template, FileReport, ImportBatch, ImportKind, ImportOptions, SearchIndex,
};
use duban::items::{LedgerFilter, Light, Status};
use duban::store::Store;

use crate::{Door, Failure, Outcome};

const EXIT_HELP: &str = "退出码：全部文件已导入、部分导入（--apply-valid-rows）或重复时为 0；\
任一文件未导入（rejected）时为 1。--json 时标准输出为 JSON 数组，每个文件一个对象。";

/// 导入表格
#[derive(Subcommand)]
pub enum ImportCommand {
    /// 导入督办事项台账（新建事项）
    #[command(after_help = EXIT_HELP)]
    Ledger(ImportArgs),
    /// 导入落实情况反馈表（记录进展、报送办结）
    #[command(after_help = EXIT_HELP)]
    Feedback(ImportArgs),
    /// 导入报送任务的报送表
    #[command(after_help = EXIT_HELP)]
    Report(ImportArgs),
}

/// Options shared by every import.
#[derive(Args)]
pub struct ImportArgs {
    /// 要导入的文件（.xlsx .xlsm .xls .ods），可多个
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 只检查并报告结果，不写入数据库
    #[arg(long)]
    pub dry_run: bool,
    /// 文件中有不合格的行时，仍导入其余合格的行（状态 partial）
    #[arg(long)]
    pub apply_valid_rows: bool,
    /// 填报单位（表内未写明或写错时指定；反馈表、报送表）
    #[arg(long)]
    pub party: Option<String>,
    /// 报送任务编号（报送表无法识别所属任务时指定）
    #[arg(long)]
    pub round: Option<i64>,
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        ImportOptions {
            dry_run: self.dry_run,
            apply_valid_rows: self.apply_valid_rows,
            party: self.party.clone(),
            round: self.round,
            with_rows: false,
        }
    }
}

/// 导出表格
#[derive(Subcommand)]
pub enum ExportCommand {
    /// 导出督办事项台账（可按条件筛选）
    Ledger(ExportLedgerArgs),
    /// 导出月度督办通报
    Monthly(crate::rounds::ExportMonthlyArgs),
}

/// `duban export ledger`.
#[derive(Args)]
pub struct ExportLedgerArgs {
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// 牵头部门（名称或简称）
    #[arg(long)]
    pub party: Option<String>,
    /// 同时包括该部门配合办理的事项
    #[arg(long)]
    pub include_cooperating: bool,
    /// 统筹局领导
    #[arg(long)]
    pub leader: Option<String>,
    /// 办理状态（未启动 推进中 待销号 已办结 已撤销，或 not_started 等），可多次
    #[arg(long)]
    pub status: Vec<Status>,
    /// 灯（红 黄 绿，或 red yellow green），可多次
    #[arg(long)]
    pub light: Vec<Light>,
    /// 来源类别
    #[arg(long)]
    pub source: Option<String>,
    /// 完成时限不早于（YYYY-MM-DD）
    #[arg(long)]
    pub from: Option<String>,
    /// 完成时限不晚于（YYYY-MM-DD）
    #[arg(long)]
    pub to: Option<String>,
    /// 事项编号、名称或工作要求中包含的文字
    #[arg(long)]
    pub text: Option<String>,
    /// 只导出跟踪督办事项
    #[arg(long)]
    pub tracked: bool,
    /// 按哪一天计算红黄绿灯（默认今天）
    #[arg(long)]
    pub today: Option<String>,
}

/// 生成模板
#[derive(Subcommand)]
pub enum TemplateCommand {
    /// 落实情况反馈表：--party 名称 -o 文件，或 --all -o 文件夹（每个有未办结事项的单位一份）
    Feedback(FeedbackTemplateArgs),
    /// 报送任务的报送表：每个报送单位一份，写入 -o 文件夹
    Round(crate::rounds::TemplateRoundArgs),
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

fn run_import(door: &Door, kind: ImportKind, a: &ImportArgs) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let index = SearchIndex::FillOnFirstSearch;
    let batch = import_kind(&mut store, &actor, kind, &a.files, &a.options(), index)?;
    finish(door, &batch)
}

/// Prints a batch and turns a rejected file into exit code 1.
fn finish(door: &Door, batch: &ImportBatch) -> Outcome {
    door.print(&batch.files, || {
        batch
            .files
            .iter()
            .map(FileReport::message)
            .collect::<Vec<_>>()
            .join("\n")
    });
    if batch.any_rejected() {
        let n = batch.files.iter().filter(|f| f.error.is_some()).count();
        return Err(Failure::msg(format!("{n} 个文件未导入，原因见上。")));
    }
    Ok(())
}

/// `duban import …`.
pub fn import(door: &Door, c: ImportCommand) -> Outcome {
    match c {
        ImportCommand::Ledger(a) => run_import(door, ImportKind::Ledger, &a),
        ImportCommand::Feedback(a) => run_import(door, ImportKind::Feedback, &a),
        // Round reports are read by duban::rounds (the report importer).
        ImportCommand::Report(a) => crate::rounds::import_report(door, &a.files, &a.options()),
    }
}

fn date_arg(s: &Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>, Failure> {
    match s {
        None => Ok(None),
        Some(t) => duban::sheets::parse_date(t)
            .map(Some)
            .map_err(|e| Failure::msg(format!("{what}：{}", e.reason(t)))),
    }
}

fn ledger_filter(a: &ExportLedgerArgs) -> Result<LedgerFilter, Failure> {
    Ok(LedgerFilter {
        party: a.party.clone(),
        include_cooperating: a.include_cooperating,
        leader: a.leader.clone(),
        status: a.status.clone(),
        light: a.light.clone(),
        source_category: a.source.clone(),
        deadline_from: date_arg(&a.from, "--from")?,
        deadline_to: date_arg(&a.to, "--to")?,
        text: a.text.clone(),
        tracked_only: a.tracked,
        ..LedgerFilter::default()
    })
}

/// `duban export …`.
pub fn export(door: &Door, c: ExportCommand) -> Outcome {
    match c {
        ExportCommand::Ledger(a) => {
            let store = door.open()?;
            let filter = ledger_filter(&a)?;
            let today = date_arg(&a.today, "--today")?.unwrap_or_else(|| door.today());
            let cal = duban::calendar::Calendar::load(store.conn())?;
            let n = export::export_ledger(store.conn(), &cal, today, &filter, &a.output)?;
            door.print(&serde_json::json!({"file": a.output, "items": n}), || {
                format!("已导出 {n} 项督办事项到：{}", a.output.display())
            });
            Ok(())
        }
        ExportCommand::Monthly(a) => crate::rounds::export_monthly(door, a),
    }
}

/// `duban template …`.
pub fn template(door: &Door, c: TemplateCommand) -> Outcome {
    match c {
        TemplateCommand::Feedback(a) => {
            let store = door.open()?;
            feedback_templates(door, &store, &a)
        }
        TemplateCommand::Round(a) => crate::rounds::template_round(door, a),
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
