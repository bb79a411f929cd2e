//! `duban workdays add | between | day | load | set | years`: the working-day
//! calendar (PRODUCT #18, EXCHANGE §4).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use duban::calendar::{Calendar, YearDayKind};
use duban::dates::parse_day;

use crate::{Door, Failure, Outcome};

/// The largest N `add` accepts (about 400 years of working days).
const MAX_N: u32 = 100_000;

/// The note printed on stderr when an answer rests on a year without a schedule.
const PROVISIONAL: &str = "（暂定：该年未载入节假日安排）";

#[derive(Subcommand)]
pub enum WorkdaysCommand {
    /// 打印 DATE 之后第 N 个工作日（DATE 当天不计）
    Add {
        /// 起算日期（2026-11-30、2026/11/30、2026.11.30、2026年11月30日 或 20261130）
        #[arg(value_parser = parse_day)]
        date: NaiveDate,
        /// 工作日数
        #[arg(allow_hyphen_values = true)]
        n: String,
    },
    /// 打印 A 之后到 B（含）之间的工作日数
    Between {
        /// 开始日期（不计）
        #[arg(value_parser = parse_day)]
        a: NaiveDate,
        /// 结束日期（计入）
        #[arg(value_parser = parse_day)]
        b: NaiveDate,
    },
    /// 查看某一天是否为工作日
    Day {
        /// 日期
        #[arg(value_parser = parse_day)]
        date: NaiveDate,
    },
    /// 从文件载入一年的节假日安排（.xlsx 或 UTF-8 文本/CSV，列：日期,类型,名称）
    Load {
        /// 文件
        file: PathBuf,
        /// 通知所属年份（默认：文件中大多数日期所在的年份）
        #[arg(long)]
        year: Option<i32>,
    },
    /// 逐日设置某一天：工作日、休息日、节假日或调休上班（可附名称，如 春节）
    Set {
        /// 日期
        #[arg(value_parser = parse_day)]
        date: NaiveDate,
        /// 工作日 / 休息日 / 节假日 / 调休上班
        kind: String,
        /// 名称或备注（如 春节、国庆节调休上班）
        #[arg(long, default_value = "")]
        name: String,
    },
    /// 列出已载入节假日安排的年份
    Years,
}

pub fn run(door: &Door, c: WorkdaysCommand) -> Outcome {
    match c {
        WorkdaysCommand::Add { date, n } => {
            let n = parse_count(&n)?;
            let answer = calendar(door)?.add_workdays_answer(date, n);
            door.print(&answer, || duban::dates::ymd(answer.date));
            note_provisional(answer.provisional);
            Ok(())
        }
        WorkdaysCommand::Between { a, b } => {
            let answer = calendar(door)?.workdays_between_answer(a, b);
            door.print(&answer, || answer.count.to_string());
            note_provisional(answer.provisional);
            Ok(())
        }
        WorkdaysCommand::Day { date } => {
            let info = calendar(door)?.day_info(date);
            door.print(&info, || {
                let kind = if info.workday {
                    "工作日"
                } else {
                    "休息日"
                };
                match &info.name {
                    Some(name) => format!("{} {kind}（{name}）", info.date),
                    None => format!("{} {kind}", info.date),
                }
            });
            note_provisional(info.provisional);
            Ok(())
        }
        WorkdaysCommand::Load { file, year } => {
            let mut store = door.open()?;
            let actor = door.actor(&store)?;
            let load = duban::calendar_change::load_file(&mut store, &actor, &file, year)?;
            door.print(&load, || {
                let c = &load.change;
                if load.duplicate {
                    return format!("文件“{}”已载入过，{}年的安排未变。", load.file, c.year);
                }
                let replaced = match c.replaced.as_deref() {
                    Some("office") => "（替换了此前载入的安排）",
                    Some(_) => "（替换了程序自带的安排）",
                    None => "",
                };
                format!(
                    "已载入{}年节假日安排：放假{}天，调休上班{}天{replaced}。",
                    c.year, c.holidays, c.workdays
                )
            });
            Ok(())
        }
        WorkdaysCommand::Set { date, kind, name } => {
            let kind = parse_kind(&kind)?;
            let mut store = door.open()?;
            let actor = door.actor(&store)?;
            let change = duban::calendar_change::set_day(&mut store, &actor, date, kind, &name)?;
            let info = Calendar::load(store.conn())?.day_info(date);
            door.print(&change, || {
                let what = if info.workday {
                    "工作日"
                } else {
                    "休息日"
                };
                let name = info
                    .name
                    .as_deref()
                    .map(|n| format!("（{n}）"))
                    .unwrap_or_default();
                format!(
                    "已设置 {}：{what}{name}；{}年的安排已保存为办公室的安排。",
                    info.date, change.year
                )
            });
            Ok(())
        }
        WorkdaysCommand::Years => {
            let years = calendar(door)?.year_list();
            door.print(&years, || {
                years
                    .iter()
                    .map(|y| {
                        let origin = if y.office_added {
                            "办公室载入"
                        } else {
                            "程序自带"
                        };
                        format!("{}\t{origin}\t{}", y.year, y.source)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
    }
}

/// The calendar with the office's years; the shipped one when there is no
/// database yet (a query does not create one).
fn calendar(door: &Door) -> Result<Calendar, Failure> {
    if !door.db.exists() {
        return Ok(Calendar::official());
    }
    let store = door.open()?;
    Ok(Calendar::load(store.conn())?)
}

fn parse_kind(text: &str) -> Result<YearDayKind, Failure> {
    match text.trim() {
        "工作日" => Ok(YearDayKind::Workday),
        "休息日" => Ok(YearDayKind::Weekend),
        "节假日" | "休" => Ok(YearDayKind::Holiday),
        "调休上班" | "班" => Ok(YearDayKind::MakeUp),
        other => Err(Failure::msg(format!(
            "日期类型“{other}”无法识别。请写：工作日、休息日、节假日或调休上班。"
        ))),
    }
}

fn parse_count(text: &str) -> Result<u32, Failure> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= MAX_N)
        .ok_or_else(|| {
            Failure::msg(format!(
                "工作日数“{text}”无效。请写 0 到 {MAX_N} 之间的整数。"
            ))
        })
}

/// The note on stderr when a deadline just stored was counted over a year
/// without a schedule (it is counted again when the year is loaded).
pub(crate) fn note_provisional_deadline(provisional: bool) {
    if provisional {
        crate::say_err("（暂定：期限所在年份未载入节假日安排，办公室载入后将自动重算）");
    }
}

fn note_provisional(provisional: bool) {
    if provisional {
        crate::say_err(PROVISIONAL);
    }
}
