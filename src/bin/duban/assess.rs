//! `duban assess …` — 绩效考核 (EXCHANGE §6): scores of a period, publishing
//! (frozen versions), schemes (weights and factors), 综合评价.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Subcommand};
use duban::assessment::{
    self, score_text, AssessPeriod, Assessment, IndicatorId, PartyScore, Scheme, SchemeChange,
};
use duban::dates::parse_day;
use duban::imports::ImportOptions;
use duban::publications::{self, PublicationKind, PublicationSummary};

use crate::{Door, Failure, Outcome};

fn parse_period(s: &str) -> duban::Result<AssessPeriod> {
    s.parse()
}

/// `duban assess`: without a subcommand, the scores of `--period`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AssessArgs {
    #[command(subcommand)]
    command: Option<AssessCommand>,
    /// 考核期间：YYYY-MM（月）、YYYYQn（季度）或 YYYY（年），如 2026-11、2026Q4、2026
    #[arg(long, value_parser = parse_period)]
    period: Option<AssessPeriod>,
    /// 统计截止日期（默认期间的最后一天；期间未结束时为今天）
    #[arg(long, value_parser = parse_day)]
    as_of: Option<NaiveDate>,
}

/// 绩效考核的子命令
#[derive(Subcommand)]
enum AssessCommand {
    /// 发布考核结果（发布后数据变化不影响已发布的得分；再次发布须填写更正原因）
    Publish {
        /// 考核期间
        #[arg(long, value_parser = parse_period)]
        period: AssessPeriod,
        /// 统计截止日期（默认期间的最后一天）
        #[arg(long, value_parser = parse_day)]
        as_of: Option<NaiveDate>,
        /// 更正原因（已发布过的期间重新发布时必填）
        #[arg(long)]
        reason: Option<String>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出某期间已发布的各个版本
    Versions {
        /// 考核期间
        #[arg(long, value_parser = parse_period)]
        period: AssessPeriod,
    },
    /// 查看已发布的考核结果（默认当前版本）
    Published {
        /// 考核期间
        #[arg(long, value_parser = parse_period)]
        period: AssessPeriod,
        /// 版本号（默认最新版本）
        #[arg(long)]
        version: Option<u32>,
    },
    /// 考核方案：列出、复制、修改权重和系数、为期间选择方案
    #[command(subcommand)]
    Scheme(SchemeCommand),
    /// 综合评价：录入或从表格导入
    #[command(subcommand)]
    Manual(ManualCommand),
}

/// 考核方案
#[derive(Subcommand)]
enum SchemeCommand {
    /// 列出考核方案及其权重、系数
    List,
    /// 复制一个方案（默认方案不能直接修改）
    Copy {
        /// 复制哪个方案
        #[arg(long, default_value = assessment::DEFAULT_SCHEME)]
        from: String,
        /// 新方案的名称
        #[arg(long)]
        name: String,
    },
    /// 修改方案的权重和扣分系数，如 --department on_time_rate=60 --factor overdue_open=8
    Set {
        /// 方案名称
        #[arg(long)]
        scheme: String,
        /// 部门指标权重：指标=权重，可多次
        #[arg(long = "department", value_parser = parse_pair)]
        departments: Vec<(IndicatorId, f64)>,
        /// 单位指标权重：指标=权重，可多次
        #[arg(long = "unit", value_parser = parse_pair)]
        units: Vec<(IndicatorId, f64)>,
        /// 计数指标的扣分系数：指标=系数，可多次
        #[arg(long = "factor", value_parser = parse_pair)]
        factors: Vec<(IndicatorId, f64)>,
    },
    /// 为考核期间选择方案
    Choose {
        /// 考核期间
        #[arg(long, value_parser = parse_period)]
        period: AssessPeriod,
        /// 方案名称
        #[arg(long)]
        scheme: String,
    },
}

/// 综合评价
#[derive(Subcommand)]
enum ManualCommand {
    /// 录入一个部门或单位的综合评价得分（0–100）
    Set {
        /// 考核期间
        #[arg(long, value_parser = parse_period)]
        period: AssessPeriod,
        /// 部门或单位（名称或简称）
        #[arg(long)]
        party: String,
        /// 得分（0–100）
        #[arg(long)]
        score: f64,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 从综合评价表导入（列：单位/部门、得分、备注）
    Import {
        /// 考核期间
        #[arg(long, value_parser = parse_period)]
        period: AssessPeriod,
        /// 要导入的文件（.xlsx .xlsm .xls .ods），可多个
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 只检查并报告结果，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 文件中有不合格的行时，仍导入其余合格的行
        #[arg(long)]
        apply_valid_rows: bool,
    },
}

/// `指标=数` (the indicator by id or Chinese name).
fn parse_pair(s: &str) -> duban::Result<(IndicatorId, f64)> {
    let (id, n) = s.split_once(['=', '＝']).ok_or_else(|| {
        duban::error::invalid(format!(
            "“{s}”的格式不对，应写成 指标=数值，例如 on_time_rate=60。"
        ))
    })?;
    let id: IndicatorId = id.parse()?;
    let n: f64 = n
        .trim()
        .parse()
        .map_err(|_| duban::error::invalid(format!("“{s}”中的“{}”不是数字。", n.trim())))?;
    Ok((id, n))
}

/// `duban export assessment`.
#[derive(Args)]
pub struct ExportAssessmentArgs {
    /// 考核期间
    #[arg(long, value_parser = parse_period)]
    period: AssessPeriod,
    /// 统计截止日期（指定时按当前数据计算；不指定时已发布的期间导出已发布的结果，未发布的按期末或今天计算）
    #[arg(long, value_parser = parse_day)]
    as_of: Option<NaiveDate>,
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

fn rows_text(title: &str, rows: &[PartyScore]) -> String {
    let mut s = format!("【{title}】");
    for r in rows {
        let rank = r.rank.map_or("—".to_string(), |n| n.to_string());
        let parts: Vec<String> = r
            .indicators
            .iter()
            .map(|i| format!("{} {}", i.id.label(), score_text(Some(i.score))))
            .collect();
        s.push_str(&format!(
            "\n{rank:>3}  {}  {}  （{}）",
            r.party,
            score_text(r.score),
            parts.join("，")
        ));
    }
    s
}

fn assessment_text(a: &Assessment) -> String {
    let mut s = format!(
        "{}绩效考核（统计截至 {}，考核方案：{}）\n{}",
        a.period.label(),
        a.as_of,
        a.scheme,
        rows_text("部门", &a.departments)
    );
    if !a.units.is_empty() {
        s.push('\n');
        s.push_str(&rows_text("单位", &a.units));
    }
    s
}

fn version_text(v: &PublicationSummary) -> String {
    format!(
        "第 {} 版{}  {} 发布于 {}（统计截至 {}）{}",
        v.version,
        if v.current { "（当前）" } else { "" },
        v.published_by,
        duban::dates::minute(v.published_at),
        v.as_of,
        if v.reason.is_empty() {
            String::new()
        } else {
            format!("  更正原因：{}", v.reason)
        }
    )
}

fn scheme_text(s: &Scheme) -> String {
    let weights = |m: &std::collections::BTreeMap<IndicatorId, f64>| {
        m.iter()
            .filter(|(_, w)| **w > 0.0)
            .map(|(i, w)| format!("{} {w}", i.label()))
            .collect::<Vec<_>>()
            .join("，")
    };
    format!(
        "{}{}\n  部门：{}\n  单位：{}\n  扣分系数：{}",
        s.name,
        if s.builtin {
            "（内置，不可修改）"
        } else {
            ""
        },
        weights(&s.body.departments),
        weights(&s.body.units),
        weights(&s.body.factors)
    )
}

/// `duban assess …`.
pub fn run(door: &Door, a: AssessArgs) -> Outcome {
    let Some(command) = a.command else {
        let period = a
            .period
            .ok_or_else(|| Failure::msg("请用 --period 指明考核期间，例如 --period 2026-11。"))?;
        let store = door.open()?;
        let as_of = period.as_of_seen_on(a.as_of, door.today());
        let result = assessment::assess(store.conn(), &period, Some(as_of))?;
        door.print(&result, || assessment_text(&result));
        return Ok(());
    };
    match command {
        AssessCommand::Publish {
            period,
            as_of,
            reason,
            at,
        } => {
            let mut store = door.open()?;
            let actor = door.actor_at(&store, at)?;
            let (version, figures) = assessment::publish_assessment(
                &mut store,
                &actor,
                &period,
                as_of,
                reason.as_deref(),
            )?;
            let out = serde_json::json!({"publication": version, "figures": figures});
            door.print(&out, || {
                format!(
                    "已发布{}绩效考核：{}\n{}",
                    period.label(),
                    version_text(&version),
                    assessment_text(&figures)
                )
            });
        }
        AssessCommand::Versions { period } => {
            let store = door.open()?;
            let list = publications::versions(
                store.conn(),
                PublicationKind::Assessment,
                &period.to_string(),
            )?;
            door.print(&list, || {
                if list.is_empty() {
                    format!("{}的绩效考核尚未发布。", period.label())
                } else {
                    list.iter().map(version_text).collect::<Vec<_>>().join("\n")
                }
            });
        }
        AssessCommand::Published { period, version } => {
            let store = door.open()?;
            let kind = PublicationKind::Assessment;
            let key = period.to_string();
            let found = match version {
                None => publications::current(store.conn(), kind, &key)?,
                Some(n) => publications::versions(store.conn(), kind, &key)?
                    .into_iter()
                    .find(|v| v.version == n)
                    .map(|v| publications::get(store.conn(), v.id))
                    .transpose()?,
            };
            let p = found.ok_or_else(|| {
                Failure::msg(format!(
                    "{}的绩效考核没有{}。",
                    period.label(),
                    version.map_or("已发布的版本".to_string(), |n| format!("第 {n} 版"))
                ))
            })?;
            let figures: Assessment = p.figures_as()?;
            let out = serde_json::json!({"publication": p.summary, "figures": figures});
            door.print(&out, || {
                format!(
                    "{}\n{}",
                    version_text(&p.summary),
                    assessment_text(&figures)
                )
            });
        }
        AssessCommand::Scheme(c) => scheme(door, c)?,
        AssessCommand::Manual(c) => manual(door, c)?,
    }
    Ok(())
}

fn scheme(door: &Door, c: SchemeCommand) -> Outcome {
    let mut store = door.open()?;
    let scheme = match c {
        SchemeCommand::List => {
            let list = assessment::list_schemes(store.conn())?;
            door.print(&list, || {
                list.iter().map(scheme_text).collect::<Vec<_>>().join("\n")
            });
            return Ok(());
        }
        SchemeCommand::Copy { from, name } => {
            let actor = door.actor(&store)?;
            assessment::copy_scheme(&mut store, &actor, &from, &name)?
        }
        SchemeCommand::Set {
            scheme,
            departments,
            units,
            factors,
        } => {
            let actor = door.actor(&store)?;
            let change = SchemeChange {
                departments,
                units,
                factors,
            };
            assessment::update_scheme(&mut store, &actor, &scheme, &change)?
        }
        SchemeCommand::Choose { period, scheme } => {
            let actor = door.actor(&store)?;
            let s = assessment::choose_scheme(&mut store, &actor, &period, &scheme)?;
            door.print(&s, || {
                format!("{}的绩效考核将按“{}”计算。", period.label(), s.name)
            });
            return Ok(());
        }
    };
    door.print(&scheme, || {
        format!("已保存考核方案：{}", scheme_text(&scheme))
    });
    Ok(())
}

fn manual(door: &Door, c: ManualCommand) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    match c {
        ManualCommand::Set {
            period,
            party,
            score,
            note,
        } => {
            assessment::set_manual(&mut store, &actor, &period, &party, score, &note)?;
            let out =
                serde_json::json!({"period": period, "party": party, "score": score, "note": note});
            door.print(&out, || {
                format!(
                    "已录入{}{}的综合评价：{score}",
                    period.label(),
                    party.trim()
                )
            });
            Ok(())
        }
        ManualCommand::Import {
            period,
            files,
            dry_run,
            apply_valid_rows,
        } => {
            let options = ImportOptions {
                dry_run,
                apply_valid_rows,
                ..ImportOptions::default()
            };
            let batch = assessment::import_manual(&mut store, &actor, &period, &files, &options);
            crate::import::finish(door, &batch)
        }
    }
}

/// `duban export assessment`.
pub fn export(door: &Door, a: ExportAssessmentArgs) -> Outcome {
    let store = door.open()?;
    let (figures, published) =
        assessment::export_assessment(store.conn(), &a.period, a.as_of, door.today(), &a.output)?;
    let out = serde_json::json!({
        "file": a.output.display().to_string(),
        "publication": published,
        "figures": figures,
    });
    door.print(&out, || {
        format!(
            "已导出{}绩效考核{}：{}",
            a.period.label(),
            published
                .as_ref()
                .map_or("（按当前数据计算）".to_string(), |p| format!(
                    "（已发布第 {} 版）",
                    p.version
                )),
            a.output.display()
        )
    });
    Ok(())
}
