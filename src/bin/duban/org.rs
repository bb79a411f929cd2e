//! `duban org …`: the organisation (组织机构).

use crate::{Door, Failure, Outcome};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// 从表格导入组织机构（组织机构、局领导两张工作表）：与已有机构按名称和简称/别名对应，
    /// 对应上的更名、补充简称/别名，对应不上的新增；不删除任何机构
    Import {
        /// 组织机构表格文件
        file: PathBuf,
        /// 只列出将新增、更名、补充简称/别名的机构和未变化的行数，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 文件中有不合格的行时，仍导入其余合格的行（状态 partial）
        #[arg(long)]
        apply_valid_rows: bool,
    },
    /// 列出组织机构
    List,
}

pub fn run(door: &Door, c: OrgCommand) -> Outcome {
    match c {
        OrgCommand::Import {
            file,
            dry_run,
            apply_valid_rows,
        } => {
            let mut store = door.open()?;
            let actor = door.actor(&store)?;
            let options = duban::imports::ImportOptions {
                dry_run,
                apply_valid_rows,
                ..Default::default()
            };
            let kind = duban::imports::ImportKind::Org;
            let index = duban::imports::SearchIndex::FillOnFirstSearch;
            let files = [file];
            let mut batch =
                duban::imports::import_kind(&mut store, &actor, kind, &files, &options, index)?;
            let report = batch.files.remove(0);
            door.print(&vec![&report], || report.message());
            match report.error {
                Some(_) => Err(Failure::msg("1 个文件未导入，原因见上。")),
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
