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

#[derive(Args)]
pub struct VerifyArgs {
    /// 与一份较早的备份对照：备份中的操作记录必须原样保留在数据库中（发现删除或改写）
    #[arg(long, value_name = "备份文件")]
    pub against: Option<PathBuf>,
    /// 与打印在导出表格页脚的审计链对照，格式“条数:哈希前缀”，如 1234:9f86d081884c7d65
    #[arg(long, value_name = "条数:哈希", conflicts_with = "against")]
    pub head: Option<String>,
}

pub fn backup(door: &Door, a: BackupArgs) -> Outcome {
    let store = door.open()?;
    let head = duban::store::backup::backup_to(&store, &a.output)?;
    door.print(
        &serde_json::json!({"backup": a.output, "head": head}),
        || {
            format!(
                "已备份到：{}（{}。以后可用 duban verify --against 该备份，检查操作记录是否被删除或改写）",
                a.output.display(),
                head.short()
            )
        },
    );
    Ok(())
}

/// `N:HASH` (or the footer's `审计链 第 N 条 HASH`) as a chain head.
fn parse_head(text: &str) -> Result<duban::store::audit::ChainHead, Failure> {
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let bad = || {
        Failure {
        message: format!(
            "无法识别审计链“{text}”：应为“条数:哈希前缀”（如 1234:9f86d081884c7d65），哈希至少 8 位。"
        ),
        code: 1,
    }
    };
    let [count, hash] = digits[..] else {
        return Err(bad());
    };
    let count: i64 = count.parse().map_err(|_| bad())?;
    if hash.len() < 8 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok(duban::store::audit::ChainHead {
        count,
        hash: hash.to_ascii_lowercase(),
    })
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

pub fn verify(door: &Door, a: VerifyArgs) -> Outcome {
    use duban::store::backup::Anchor;
    let anchor = match (&a.against, &a.head) {
        (Some(file), _) => Anchor::Backup(file),
        (None, Some(head)) => Anchor::Head(parse_head(head)?),
        (None, None) => Anchor::None,
    };
    // Read-only, and a missing file is an error: a check never creates a database.
    let report = duban::store::backup::verify_file(&door.db, anchor)?;
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
