//! `duban outgoing …` (发文登记), and the 公文办理质量 / 专项通报 bulletins that
//! `bulletin.rs` mounts as `duban bulletin quality|special publish|list|export`.

mod outgoing;

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use duban::dates::parse_day;
use duban::outgoing::{QualityFigures, QualityPeriod, QualityRow};
use duban::publications::{self, PublicationKind, PublicationSummary};
use duban::special::{Phase, SpecialFigures};

use crate::{Door, Failure, Outcome};

/// The top-level commands of this file, flattened into the top level.
#[derive(Subcommand)]
pub enum KindsCommand {
    /// 发文登记：登记、修改、列表、办文质量问题
    #[command(subcommand)]
    Outgoing(outgoing::OutgoingCommand),
}

fn parse_quality_period(s: &str) -> duban::Result<QualityPeriod> {
    s.parse()
}

fn parse_phase(s: &str) -> duban::Result<Phase> {
    s.parse()
}

#[derive(Subcommand)]
pub enum QualityCommand {
    /// 发布公文办理质量通报（发布后数据变化不影响已发布的内容；再次发布须用 --correct 填写更正原因）
    Publish {
        /// 统计期间：2026-11（月度）或 2026-Q4（季度）
        #[arg(long, value_parser = parse_quality_period)]
        period: QualityPeriod,
        /// 统计截止日期（期间未结束时必填）
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// 更正原因（发布更正版本）
        #[arg(long = "correct")]
        reason: Option<String>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 按当前数据计算（不发布）
    Figures {
        /// 期间：月份 YYYY-MM 或季度 YYYY-Qn
        #[arg(long, value_parser = parse_quality_period)]
        period: QualityPeriod,
        /// 统计截止日期（默认：期间最后一天）
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },
    /// 列出已发布的公文办理质量通报
    List,
    /// 导出已发布的通报（按发布时的内容）
    Export {
        /// 发布编号（见 list）
        id: i64,
        /// 输出文件夹
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum SpecialCommand {
    /// 发布专项通报（再次发布同一文件同一阶段须用 --correct 填写更正原因）
    Publish {
        /// 收文编号或 ID
        #[arg(long)]
        doc: String,
        /// 阶段：启动、进展、完成
        #[arg(long, value_parser = parse_phase)]
        phase: Phase,
        /// 统计截止日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// 更正原因（发布更正版本）
        #[arg(long = "correct")]
        reason: Option<String>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出已发布的专项通报
    List,
    /// 导出已发布的专项通报附表（按发布时的内容）
    Export {
        /// 发布编号（见 list）
        id: i64,
        /// 输出文件夹
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

pub fn run(door: &Door, c: KindsCommand) -> Outcome {
    match c {
        KindsCommand::Outgoing(c) => outgoing::run(door, c),
    }
}

fn version_text(p: &PublicationSummary) -> String {
    format!(
        "#{} {}{} {} 第 {} 版{}，截至 {}，{} {} 发布{}",
        p.id,
        p.kind.label(),
        p.issue
            .map(|i| format!("（{}）", i.label()))
            .unwrap_or_default(),
        p.period,
        p.version,
        if p.current { "（当前）" } else { "" },
        p.as_of,
        duban::dates::minute(p.published_at),
        p.published_by,
        if p.reason.is_empty() {
            String::new()
        } else {
            format!("，更正原因：{}", p.reason)
        }
    )
}

fn row_text(r: &QualityRow) -> String {
    format!(
        "{:>3} {} 发文 {} 件，无问题 {} 件，无问题率 {}；退文 {}，退改 {}，会签逾期 {}，限时件超时 {}",
        r.rank.map_or("—".to_string(), |n| n.to_string()),
        r.department,
        r.handled,
        r.clean,
        r.rate_text,
        r.returned,
        r.revised,
        r.countersign_overdue,
        r.time_limit_late
    )
}

fn quality_text(f: &QualityFigures) -> String {
    let mut lines = duban::outgoing::quality_summary(f);
    lines.extend(f.departments.iter().map(row_text));
    lines.push(row_text(&f.total));
    lines.join("\n")
}

fn list(door: &Door, kind: PublicationKind) -> Outcome {
    let store = door.open()?;
    let list = publications::list(store.conn(), kind)?;
    door.print(&list, || {
        if list.is_empty() {
            format!("尚未发布{}。", kind.label())
        } else {
            list.iter().map(version_text).collect::<Vec<_>>().join("\n")
        }
    });
    Ok(())
}

fn output_dir(dir: &PathBuf) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::msg(format!(
            "无法创建输出文件夹“{}”：{e}。请检查路径和写入权限。",
            dir.display()
        ))
    })
}

/// `duban bulletin quality …`.
pub fn quality(door: &Door, c: QualityCommand) -> Outcome {
    match c {
        QualityCommand::Publish {
            period,
            as_of,
            reason,
            at,
        } => {
            let mut store = door.open()?;
            let actor = door.actor_at(&store, at)?;
            let (p, f) = duban::outgoing::publish_quality(
                &mut store,
                &actor,
                &period,
                as_of,
                reason.as_deref(),
            )?;
            let out = serde_json::json!({"publication": p, "figures": f});
            door.print(&out, || {
                format!("已发布：{}\n{}", version_text(&p), quality_text(&f))
            });
        }
        QualityCommand::Figures { period, as_of } => {
            let store = door.open()?;
            let f = duban::outgoing::load_quality(store.conn(), &period, as_of)?;
            door.print(&f, || quality_text(&f));
        }
        QualityCommand::List => list(door, PublicationKind::QualityBulletin)?,
        QualityCommand::Export { id, output } => {
            let store = door.open()?;
            output_dir(&output)?;
            let paths = duban::outgoing::export_quality(store.conn(), id, &output)?;
            let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            door.print(&files, || format!("已导出：{}", files.join("、")));
        }
    }
    Ok(())
}

fn special_text(f: &SpecialFigures) -> String {
    duban::special::special_summary(f).join("\n")
}

/// `duban bulletin special …`.
pub fn special(door: &Door, c: SpecialCommand) -> Outcome {
    match c {
        SpecialCommand::Publish {
            doc,
            phase,
            as_of,
            reason,
            at,
        } => {
            let mut store = door.open()?;
            let actor = door.actor_at(&store, at)?;
            let (p, f) = duban::special::publish_special(
                &mut store,
                &actor,
                &doc,
                phase,
                as_of,
                reason.as_deref(),
            )?;
            let out = serde_json::json!({"publication": p, "figures": f});
            door.print(&out, || {
                format!("已发布：{}\n{}", version_text(&p), special_text(&f))
            });
        }
        SpecialCommand::List => list(door, PublicationKind::SpecialBulletin)?,
        SpecialCommand::Export { id, output } => {
            let store = door.open()?;
            output_dir(&output)?;
            let paths = duban::special::export_special(store.conn(), id, &output)?;
            let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            door.print(&files, || format!("已导出：{}", files.join("、")));
        }
    }
    Ok(())
}
