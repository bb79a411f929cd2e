//! `duban import …` (EXCHANGE §4): the ledger, 落实情况反馈表, round reports
//! 舆情情况登记表 and 整改情况反馈表.

use crate::{Door, Failure, Outcome};
use clap::{Args, Subcommand};
use duban::imports::{
    import_kind, FileReport, ImportBatch, ImportKind, ImportOptions, SearchIndex,
};
use std::path::PathBuf;

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
    Feedback(PartyImportArgs),
    /// 导入报送任务的报送表
    #[command(after_help = EXIT_HELP)]
    Report(ReportImportArgs),
    /// 导入下级单位的舆情情况登记表（同一单位、舆情标题、发生时间的舆情再次导入时更新）
    #[command(after_help = EXIT_HELP)]
    Opinion(PartyImportArgs),
    /// 导入整改情况反馈表（记录整改进展、原因分析、整改措施；已整改为报送完成，不自动销号）
    #[command(after_help = EXIT_HELP)]
    Rectification(PartyImportArgs),
    /// 导入记录（最近的在前；编号可用于 duban void import）
    History {
        /// 最多列出多少条
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
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
}

/// The imports of a sheet filled in by one party (反馈表, 舆情情况登记表,
/// 整改情况反馈表):
/// `--party` where the sheet does not say who, or says it wrongly.
#[derive(Args)]
pub struct PartyImportArgs {
    #[command(flatten)]
    pub common: ImportArgs,
    /// 填报单位（表内未写明或写错时指定）
    #[arg(long)]
    pub party: Option<String>,
}

/// The import of round reports (报送表): `--party`, and `--round`.
#[derive(Args)]
pub struct ReportImportArgs {
    #[command(flatten)]
    pub common: PartyImportArgs,
    /// 报送任务编号（报送表无法识别所属任务时指定）
    #[arg(long)]
    pub round: Option<i64>,
}

impl ImportArgs {
    /// The options of this import, with the party and round given (if any).
    fn options(&self, party: Option<&str>, round: Option<i64>) -> ImportOptions {
        ImportOptions {
            dry_run: self.dry_run,
            apply_valid_rows: self.apply_valid_rows,
            party: party.map(str::to_string),
            round,
            with_rows: false,
            ..ImportOptions::default()
        }
    }
}

fn run_import(door: &Door, kind: ImportKind, a: &ImportArgs, party: Option<&str>) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let index = SearchIndex::FillOnFirstSearch;
    let options = a.options(party, None);
    let batch = import_kind(&mut store, &actor, kind, &a.files, &options, index)?;
    finish(door, &batch)
}

/// Prints a batch and turns a rejected file into exit code 1.
pub fn finish(door: &Door, batch: &ImportBatch) -> Outcome {
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
pub fn run(door: &Door, c: ImportCommand) -> Outcome {
    match c {
        ImportCommand::Ledger(a) => run_import(door, ImportKind::Ledger, &a, None),
        ImportCommand::Feedback(a) => {
            run_import(door, ImportKind::Feedback, &a.common, a.party.as_deref())
        }
        ImportCommand::Opinion(a) => {
            run_import(door, ImportKind::Opinion, &a.common, a.party.as_deref())
        }
        ImportCommand::Rectification(a) => run_import(
            door,
            ImportKind::Rectification,
            &a.common,
            a.party.as_deref(),
        ),
        ImportCommand::History { limit } => {
            let store = door.open()?;
            let list = duban::imports::history(store.conn(), limit)?;
            door.print(&list, || {
                list.iter()
                    .map(|h| {
                        format!(
                            "{}\t{}\t{}\t{}\t导入 {} 行{}",
                            h.id,
                            h.imported_at,
                            ImportKind::from_code(&h.kind).map_or(h.kind.as_str(), |k| k.label()),
                            h.file_name,
                            h.rows_applied,
                            match &h.voided {
                                Some(v) => format!("\t已作废（{}）", v.reason),
                                None => String::new(),
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        // Round reports are read by duban::rounds (the report importer).
        ImportCommand::Report(a) => {
            let options = a.common.common.options(a.common.party.as_deref(), a.round);
            crate::round::import_report(door, &a.common.common.files, &options)
        }
    }
}
