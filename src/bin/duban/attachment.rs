//! `duban attachment …`: copy an attachment out under its original name (to
//! open it), and add evidence (佐证材料) to a progress entry or a completion
//! report.

use crate::{Door, Outcome};
use clap::{Subcommand, ValueEnum};
use duban::items::{self, EvidenceOwner};
use std::path::PathBuf;

/// What evidence is attached to.
#[derive(Clone, Copy, ValueEnum)]
pub enum Owner {
    /// 办理进展（进展记录编号）
    Progress,
    /// 办结报告（办结报告编号）
    Completion,
}

#[derive(Subcommand)]
pub enum AttachmentCommand {
    /// 将附件按原文件名复制到文件夹（同名时加“（2）”），输出复制后的路径
    Open {
        /// 附件编号
        id: i64,
        /// 目标文件夹
        #[arg(long)]
        to: PathBuf,
    },
    /// 为办理进展或办结报告添加佐证材料
    Add {
        /// 添加到哪一种记录
        #[arg(value_enum)]
        owner: Owner,
        /// 进展记录或办结报告的编号
        id: i64,
        /// 文件（可多个）
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

pub fn run(door: &Door, c: AttachmentCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        AttachmentCommand::Open { id, to } => {
            let dir = store.attachments_dir();
            let path = duban::attachments::copy_out(store.conn(), &dir, id, &to)?;
            door.print(&serde_json::json!({"path": path}), || {
                path.display().to_string()
            });
        }
        AttachmentCommand::Add { owner, id, files } => {
            let actor = door.actor(&store)?;
            let owner = match owner {
                Owner::Progress => EvidenceOwner::Progress,
                Owner::Completion => EvidenceOwner::CompletionReport,
            };
            let list = items::attach_evidence(&mut store, &actor, owner, id, &files)?;
            door.print(&list, || format!("已添加佐证材料 {} 份。", files.len()));
        }
    }
    Ok(())
}
