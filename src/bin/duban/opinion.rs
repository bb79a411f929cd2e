//! `duban opinion …` — 舆情 (EXCHANGE §2.6, §5): record, change, mark 瞒报,
//! list, the month's figures and the reporting limits. Imports, the
//! template and the workbook are `duban import opinion`, `duban template
//! opinion` and `duban export opinion`.

use chrono::NaiveDateTime;
use clap::{Args, Subcommand};
use duban::dates::Month;
use duban::opinion::{self, Handling, Incident, IncidentFilter, Level, NewIncident, UnitStats};
use std::path::PathBuf;

use crate::{Door, Failure, Outcome};

const TIME_HELP: &str =
    "时间写成 2026-11-03 14:20；只写日期时，发生、发现时间按 00:00 计，报告时间按 23:59 计。";

#[derive(Subcommand)]
pub enum OpinionCommand {
    /// 登记一条舆情（不填 --reported 即未报告；办公室发现单位未报告的，加 --by-office，负面舆情按漏报统计）
    #[command(after_help = TIME_HELP)]
    Add(AddArgs),
    /// 修改一条舆情（只改给出的项；所属单位不能改）
    #[command(after_help = TIME_HELP)]
    Update(UpdateArgs),
    /// 认定瞒报（须填写理由）；加 --undo 撤销认定
    MarkConcealed {
        /// 舆情编号（opinion list 中的 #号）
        id: i64,
        /// 认定（或撤销）的理由
        #[arg(long)]
        reason: String,
        /// 撤销瞒报认定
        #[arg(long)]
        undo: bool,
    },
    /// 列出舆情
    List {
        /// 只列发生在该月的（YYYY-MM）
        #[arg(long, value_parser = month_arg)]
        month: Option<Month>,
        /// 只列某单位的
        #[arg(long)]
        party: Option<String>,
        /// 只列处置中的
        #[arg(long)]
        open: bool,
    },
    /// 月度统计：各单位舆情数、负面数、重大及以上、迟报、漏报、瞒报、按时报告率、名次与标记
    Stats {
        /// 统计月份（YYYY-MM），按发生时间归月
        #[arg(long, value_parser = month_arg)]
        month: Month,
    },
    /// 查看报告时限；加 --level 与 --hours/--minutes 修改某一等级的时限
    Limits {
        /// 等级：一般、较大、重大、特别重大
        #[arg(long, value_parser = level_arg, requires = "amount")]
        level: Option<Level>,
        /// 时限（小时）
        #[arg(long, group = "amount", requires = "level")]
        hours: Option<u32>,
        /// 时限（分钟）
        #[arg(long, group = "amount", requires = "level")]
        minutes: Option<u32>,
    },
}

/// `duban opinion add`.
#[derive(Args)]
pub struct AddArgs {
    /// 下级单位（名称或简称）
    #[arg(long)]
    party: String,
    /// 舆情标题
    #[arg(long)]
    title: String,
    /// 发生时间
    #[arg(long, value_parser = start_arg)]
    occurred: NaiveDateTime,
    /// 发现时间（不填按发生时间计算时限）
    #[arg(long, value_parser = start_arg)]
    discovered: Option<NaiveDateTime>,
    /// 报告时间（不填即未报告）
    #[arg(long, value_parser = report_arg)]
    reported: Option<NaiveDateTime>,
    /// 来源渠道
    #[arg(long, default_value = "")]
    channel: String,
    /// 等级：一般、较大、重大、特别重大
    #[arg(long, value_parser = level_arg)]
    level: Level,
    /// 是否负面：是、否
    #[arg(long, value_parser = negative_arg, action = clap::ArgAction::Set)]
    negative: bool,
    /// 处置情况
    #[arg(long, default_value = "")]
    handling: String,
    /// 处置状态：处置中、已处置
    #[arg(long, value_parser = status_arg, default_value = "处置中")]
    status: Handling,
    /// 备注
    #[arg(long, default_value = "")]
    note: String,
    /// 由办公室记录（单位未报告的舆情）
    #[arg(long)]
    by_office: bool,
}

/// `duban opinion update`.
#[derive(Args)]
pub struct UpdateArgs {
    /// 舆情编号
    id: i64,
    /// 舆情标题
    #[arg(long)]
    title: Option<String>,
    /// 发生时间
    #[arg(long, value_parser = start_arg)]
    occurred: Option<NaiveDateTime>,
    /// 发现时间
    #[arg(long, value_parser = start_arg)]
    discovered: Option<NaiveDateTime>,
    /// 清空发现时间（误填时；不填按发生时间计算时限）
    #[arg(long, conflicts_with = "discovered")]
    clear_discovered: bool,
    /// 报告时间
    #[arg(long, value_parser = report_arg)]
    reported: Option<NaiveDateTime>,
    /// 清空报告时间（误填了单位并未报告的时间；清空后按未报告统计）
    #[arg(long, conflicts_with = "reported")]
    clear_reported: bool,
    /// 来源渠道
    #[arg(long)]
    channel: Option<String>,
    /// 等级
    #[arg(long, value_parser = level_arg)]
    level: Option<Level>,
    /// 是否负面：是、否
    #[arg(long, value_parser = negative_arg, action = clap::ArgAction::Set)]
    negative: Option<bool>,
    /// 处置情况
    #[arg(long)]
    handling: Option<String>,
    /// 处置状态：处置中、已处置
    #[arg(long, value_parser = status_arg)]
    status: Option<Handling>,
    /// 备注
    #[arg(long)]
    note: Option<String>,
}

/// A time `opinion update` may clear: none when cleared, else the one given
/// or the one stored.
fn kept_or_cleared(
    given: Option<NaiveDateTime>,
    clear: bool,
    stored: Option<NaiveDateTime>,
) -> Option<NaiveDateTime> {
    if clear {
        None
    } else {
        given.or(stored)
    }
}

fn month_arg(s: &str) -> duban::Result<Month> {
    s.parse()
}
fn level_arg(s: &str) -> duban::Result<Level> {
    s.parse()
}
fn status_arg(s: &str) -> duban::Result<Handling> {
    s.parse()
}
fn negative_arg(s: &str) -> duban::Result<bool> {
    opinion::negative_word(s).ok_or_else(|| {
        duban::Error::Invalid(format!("是否负面“{}”无法识别（可填：是、否）。", s.trim()))
    })
}
fn start_arg(s: &str) -> duban::Result<NaiveDateTime> {
    duban::dates::parse_moment(s, opinion::DATE_ONLY_START)
}
fn report_arg(s: &str) -> duban::Result<NaiveDateTime> {
    duban::dates::parse_moment(s, opinion::date_only_report())
}

fn line(i: &Incident) -> String {
    let discipline = i.discipline.map(|d| d.label()).unwrap_or("—");
    let reported = i
        .reported_at
        .map(duban::dates::minute)
        .unwrap_or_else(|| "未报告".into());
    format!(
        "#{} {} {} “{}” {}{} 报告：{}（{}） {}",
        i.id,
        i.party,
        duban::dates::minute(i.occurred_at),
        i.title,
        i.level.label(),
        if i.negative { "·负面" } else { "" },
        reported,
        discipline,
        i.status.label()
    )
}

fn stats_text(m: Month, rows: &[UnitStats]) -> String {
    let mut s = format!(
        "{}舆情统计（{} 个单位）\n名次  单位  舆情数  负面数  重大及以上  迟报  漏报  瞒报  按时报告率  标记",
        m.label(),
        rows.len()
    );
    for r in rows {
        let rate = r
            .on_time_rate
            .map(|v| format!("{:.1}%", v * 100.0))
            .unwrap_or_else(|| "—".into());
        let flags: Vec<&str> = r.flags.iter().map(|f| f.word()).collect();
        s.push_str(&format!(
            "\n{}  {}  {}  {}  {}  {}  {}  {}  {}  {}",
            r.rank,
            r.party,
            r.total,
            r.negative,
            r.major,
            r.late,
            r.missing,
            r.concealed,
            rate,
            flags.join("、")
        ));
    }
    s
}

/// `duban opinion …`.
pub fn run(door: &Door, c: OpinionCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        OpinionCommand::Add(a) => {
            let actor = door.actor(&store)?;
            let new = NewIncident {
                party: a.party,
                title: a.title,
                occurred_at: a.occurred,
                discovered_at: a.discovered,
                reported_at: a.reported,
                channel: a.channel,
                level: a.level,
                negative: a.negative,
                handling: a.handling,
                status: a.status,
                note: a.note,
            };
            let i = opinion::create(&mut store, &actor, &new, a.by_office)?;
            door.print(&i, || format!("已登记舆情：{}", line(&i)));
        }
        OpinionCommand::Update(a) => {
            let actor = door.actor(&store)?;
            let old = opinion::get(store.conn(), a.id)?;
            let new = NewIncident {
                party: old.party.clone(),
                title: a.title.unwrap_or(old.title),
                occurred_at: a.occurred.unwrap_or(old.occurred_at),
                discovered_at: kept_or_cleared(a.discovered, a.clear_discovered, old.discovered_at),
                reported_at: kept_or_cleared(a.reported, a.clear_reported, old.reported_at),
                channel: a.channel.unwrap_or(old.channel),
                level: a.level.unwrap_or(old.level),
                negative: a.negative.unwrap_or(old.negative),
                handling: a.handling.unwrap_or(old.handling),
                status: a.status.unwrap_or(old.status),
                note: a.note.unwrap_or(old.note),
            };
            let i = opinion::update(&mut store, &actor, a.id, &new)?;
            door.print(&i, || format!("已修改舆情：{}", line(&i)));
        }
        OpinionCommand::MarkConcealed { id, reason, undo } => {
            let actor = door.actor(&store)?;
            let i = opinion::mark_concealed(&mut store, &actor, id, !undo, &reason)?;
            door.print(&i, || {
                let what = if undo {
                    "已撤销瞒报认定"
                } else {
                    "已认定瞒报"
                };
                format!("{what}：{}", line(&i))
            });
        }
        OpinionCommand::List { month, party, open } => {
            let filter = IncidentFilter {
                month,
                party,
                open_only: open,
            };
            let list = opinion::list(store.conn(), &filter)?;
            door.print(&list, || {
                if list.is_empty() {
                    return "没有符合条件的舆情。".into();
                }
                list.iter().map(line).collect::<Vec<_>>().join("\n")
            });
        }
        OpinionCommand::Stats { month } => {
            let rows = opinion::stats(store.conn(), month)?;
            door.print(&rows, || stats_text(month, &rows));
        }
        OpinionCommand::Limits {
            level,
            hours,
            minutes,
        } => {
            let limits = match level {
                None => opinion::limits(store.conn())?,
                Some(l) => {
                    let m = match (hours, minutes) {
                        (Some(h), _) => h.saturating_mul(60),
                        (None, Some(m)) => m,
                        (None, None) => {
                            return Err(Failure::msg("请用 --hours 或 --minutes 给出时限。"))
                        }
                    };
                    let actor = door.actor(&store)?;
                    opinion::set_limit(&mut store, &actor, l, m)?
                }
            };
            door.print(&limits, || {
                format!("负面舆情报告时限（发现后）：{}", limits.text())
            });
        }
    }
    Ok(())
}

/// `duban export opinion`.
#[derive(Args)]
pub struct ExportOpinionArgs {
    /// 统计月份（YYYY-MM）
    #[arg(long, value_parser = month_arg)]
    pub month: Month,
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// `duban export opinion --month M -o FILE`.
pub fn export(door: &Door, a: ExportOpinionArgs) -> Outcome {
    let store = door.open()?;
    let rows = opinion::export_opinion(store.conn(), a.month, &a.output)?;
    let flagged = rows.iter().filter(|r| !r.flags.is_empty()).count();
    door.print(
        &serde_json::json!({"file": a.output, "units": rows.len(), "flagged": flagged}),
        || {
            format!(
                "已导出{}舆情统计（{} 个单位，{flagged} 个有标记）到：{}",
                a.month.label(),
                rows.len(),
                a.output.display()
            )
        },
    );
    Ok(())
}

/// `duban template opinion`.
#[derive(Args)]
pub struct OpinionTemplateArgs {
    /// 下级单位（名称或简称）
    #[arg(long)]
    pub party: String,
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// `duban template opinion --party NAME -o FILE`.
pub fn template(door: &Door, a: OpinionTemplateArgs) -> Outcome {
    let store = door.open()?;
    duban::imports::template::write_opinion_template(store.conn(), &a.party, &a.output)?;
    door.print(&serde_json::json!({"file": a.output}), || {
        format!("已生成：{}", a.output.display())
    });
    Ok(())
}
