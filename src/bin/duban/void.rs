//! `duban void …`: 作废 a record entered by mistake, with a reason (issue 13).
//! The record stays, marked 已作废, and leaves every figure.

use crate::{Door, Outcome};
use clap::ValueEnum;
use duban::{chases, documents, extensions, imports, items, rounds};

/// What to void.
#[derive(Clone, Copy, ValueEnum)]
pub enum VoidKind {
    /// 办理进展（进展记录编号）
    Progress,
    /// 领导批示或圈阅（批示记录编号）
    Instruction,
    /// 催办记录
    Chase,
    /// 时间表节点
    Milestone,
    /// 延期申请
    Extension,
    /// 报送任务
    Round,
    /// 一次导入（连同它写入的全部记录）
    Import,
    /// 办结报告（未销号的）
    Completion,
    /// 整改事项的催办记录
    RectChase,
}

#[derive(clap::Args)]
pub struct VoidArgs {
    /// 作废什么
    #[arg(value_enum)]
    kind: VoidKind,
    /// 记录编号（见 item show / doc show / import history 等的 id）
    id: i64,
    /// 作废原因（必填）
    #[arg(long)]
    reason: String,
}

pub fn run(door: &Door, a: VoidArgs) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let (id, reason) = (a.id, a.reason.as_str());
    let s = &mut store;
    match a.kind {
        VoidKind::Progress => items::void_progress(s, &actor, id, reason)?,
        VoidKind::Milestone => items::void_milestone(s, &actor, id, reason)?,
        VoidKind::Completion => items::void_completion_report(s, &actor, id, reason)?,
        VoidKind::Instruction => documents::void_instruction(s, &actor, id, reason)?,
        VoidKind::Chase => chases::void_chase(s, &actor, id, reason)?,
        VoidKind::Extension => extensions::void_extension(s, &actor, id, reason)?,
        VoidKind::Round => rounds::void_round(s, &actor, id, reason)?,
        VoidKind::RectChase => duban::inspections::chase::void_rect_chase(s, &actor, id, reason)?,
        VoidKind::Import => {
            let r = imports::void_import(s, &actor, id, reason)?;
            door.print(&r, || {
                format!(
                    "已作废导入“{}”：事项 {} 项，进展 {} 条，办结报告 {} 份，报送材料 {} 份。",
                    r.file_name, r.items, r.progress, r.completion_reports, r.round_reports
                )
            });
            return Ok(());
        }
    }
    door.print(&serde_json::json!({"id": id, "voided": true}), || {
        "已作废。".into()
    });
    Ok(())
}
