//! `duban init | org | backup | restore | verify | demo`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::{Door, Failure, Outcome};

#[derive(Args)]
pub struct InitArgs {}

#[derive(Subcommand)]
pub enum OrgCommand {
    /// 从表格导入组织机构（组织机构、局领导两张工作表）
    Import {
        /// 组织机构表格文件
        file: PathBuf,
    },
    /// 列出组织机构
    List,
}

#[derive(Args)]
pub struct BackupArgs {
    /// 备份文件
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// 备份文件
    pub file: PathBuf,
}

pub fn init(door: &Door, _a: InitArgs) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let added = duban::org::seed_default(&mut store, &actor)?;
    door.print(&serde_json::json!({"db": door.db, "seeded": added}), || {
        format!("数据库已就绪：{}", door.db.display())
    });
    Ok(())
}

pub fn org(door: &Door, c: OrgCommand) -> Outcome {
    match c {
        OrgCommand::Import { file } => {
            let mut store = door.open()?;
            let actor = door.actor(&store)?;
            let options = duban::imports::ImportOptions::default();
            let kind = duban::imports::ImportKind::Org;
            let index = duban::imports::SearchIndex::FillOnFirstSearch;
            let files = [file];
            let mut batch =
                duban::imports::import_kind(&mut store, &actor, kind, &files, &options, index)?;
            let report = batch.files.remove(0);
            door.print(&vec![&report], || report.message());
            match report.error {
                Some(_) => Err(Failure::msg("组织机构表未导入，原因见上。")),
                None => Ok(()),
            }
        }
        OrgCommand::List => {
            let store = door.open()?;
            let org = duban::org::list(store.conn())?;
            door.print(&org, || duban::org::to_text(&org));
            Ok(())
        }
    }
}

pub fn backup(door: &Door, a: BackupArgs) -> Outcome {
    let store = door.open()?;
    duban::store::backup::backup_to(&store, &a.output)?;
    door.print(&serde_json::json!({"backup": a.output}), || {
        format!("已备份到：{}", a.output.display())
    });
    Ok(())
}

pub fn restore(door: &Door, a: RestoreArgs) -> Outcome {
    let stamp = duban::dates::file_stamp(door.now());
    let kept = duban::store::backup::restore(&door.db, &a.file, &stamp)?;
    door.print(
        &serde_json::json!({"restored": a.file, "kept": kept}),
        || match &kept {
            Some(k) => format!(
                "已从“{}”恢复。原数据库保存在：{}",
                a.file.display(),
                k.display()
            ),
            None => format!("已从“{}”恢复。", a.file.display()),
        },
    );
    Ok(())
}

pub fn verify(door: &Door) -> Outcome {
    let store = door.open()?;
    let report = duban::store::audit::verify(store.conn())?;
    door.print(&report, || report.message());
    if report.ok() {
        Ok(())
    } else {
        Err(Failure {
            message: report.message(),
            code: 2,
        })
    }
}

pub fn demo(door: &Door) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let summary = duban::demo::load(&mut store, &actor)?;
    door.print(&summary, || summary.message());
    Ok(())
}
