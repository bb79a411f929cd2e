//! `duban backup | restore | verify`: copies of the database and its checks.

use crate::{Door, Failure, Outcome};
use clap::Args;
use std::path::PathBuf;

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

pub fn backup(door: &Door, a: BackupArgs) -> Outcome {
    let store = door.open()?;
    duban::store::backup::backup_to(&store, &a.output)?;
    door.print(&serde_json::json!({"backup": a.output}), || {
        format!("已备份到：{}", a.output.display())
    });
    Ok(())
}

pub fn restore(door: &Door, a: RestoreArgs) -> Outcome {
    let actor = door.restore_actor();
    let kept = duban::store::backup::restore(&door.db, &a.file, &actor)?;
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
    // Read-only, and a missing file is an error: a check never creates a database.
    let report = duban::store::backup::verify_file(&door.db)?;
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
