//! `duban backup | restore | verify`: copies of the database and its checks.

use crate::{Door, Failure, Outcome};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    /// 备份文件：.zip 为完整备份（数据库和附件）；.sqlite3 / .db 只复制数据库
    #[arg(short = 'o', long = "output", conflicts_with = "to")]
    pub output: Option<PathBuf>,
    /// 备份文件夹：写入 duban-<时间>.zip（默认：数据库旁的 backups 文件夹）
    #[arg(long, value_name = "文件夹")]
    pub to: Option<PathBuf>,
    /// 只保留该文件夹中最新的 N 份备份
    #[arg(long, value_name = "N")]
    pub keep: Option<usize>,
    #[command(subcommand)]
    pub command: Option<BackupCommand>,
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// 列出文件夹中的备份：时间、大小、事项数、收文数
    List {
        /// 备份文件夹
        dir: PathBuf,
    },
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
    if let Some(BackupCommand::List { dir }) = &a.command {
        return list(door, dir);
    }
    let store = door.open()?;
    if let Some(out) = a.output.as_ref().filter(|o| is_database_name(o)) {
        let head = duban::store::backup::backup_to(&store, out)?;
        door.print(&serde_json::json!({"backup": out, "head": head}), || {
            format!(
                "已备份数据库到：{}（不含附件；{}。以后可用 duban verify --against 该备份，检查操作记录是否被删除或改写）",
                out.display(),
                head.short()
            )
        });
        return Ok(());
    }
    let stamp = duban::dates::file_stamp(door.now());
    let dir = a.to.clone().unwrap_or_else(|| match door.db.parent() {
        Some(d) => d.join("backups"),
        None => PathBuf::from("backups"),
    });
    let dest = a
        .output
        .clone()
        .unwrap_or_else(|| dir.join(format!("duban-{stamp}.zip")));
    let pending = duban::store::archive::prepare(&store, &dest, door.now())?;
    // The archive is written without the database open.
    drop(store);
    let info = pending.write()?;
    if let (Some(keep), None) = (a.keep, &a.output) {
        duban::store::backup::prune(&dir, keep.max(1), &[door.db.as_path()])?;
    }
    let m = &info.manifest;
    door.print(
        &serde_json::json!({"backup": info.file, "head": m.head, "size": info.size, "manifest": m}),
        || {
            let mut s = format!(
                "已备份到：{}（{} 个事项、{} 份收文、{} 个附件，共 {}；{}。以后可用 duban verify --against 该备份，检查操作记录是否被删除或改写）",
                info.file.display(),
                m.items,
                m.documents,
                m.attachments,
                size_text(info.size),
                m.head.short()
            );
            if !m.missing.is_empty() {
                s.push_str(&format!(
                    "\n注意：有 {} 个附件文件在附件文件夹中找不到，未能备份。",
                    m.missing.len()
                ));
            }
            s
        },
    );
    Ok(())
}

/// `.sqlite3` / `.db`: a copy of the database alone (the older form).
fn is_database_name(p: &std::path::Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("sqlite3" | "sqlite" | "db")
    )
}

fn size_text(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}

fn list(door: &Door, dir: &std::path::Path) -> Outcome {
    let list = duban::store::backup::list_backups(dir)?;
    door.print(&list, || {
        if list.is_empty() {
            return format!("文件夹“{}”中没有备份。", dir.display());
        }
        let mut s = format!(
            "“{}”中共 {} 份备份（最新在前）：",
            dir.display(),
            list.len()
        );
        for e in &list {
            let name = e
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            s.push('\n');
            match &e.problem {
                Some(p) => s.push_str(&format!("{name}  无法读取：{p}")),
                None => s.push_str(&format!(
                    "{name}  {}  {}  事项 {}  收文 {}  附件 {}{}",
                    e.made_at.as_deref().unwrap_or("时间不明"),
                    size_text(e.size),
                    e.items.unwrap_or(0),
                    e.documents.unwrap_or(0),
                    e.attachments.unwrap_or(0),
                    if e.kind == "database" {
                        "（仅数据库）"
                    } else {
                        ""
                    }
                )),
            }
        }
        s
    });
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
