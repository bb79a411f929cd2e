//! `duban accountability …` — 约谈 / 问责 records: add and list; the sheet is
//! `duban export accountability`.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use duban::accountability::{
    self, AccountabilityFilter, AccountabilityKind, AccountabilityRecord, NewAccountability,
};
use duban::dates::parse_day;
use std::path::PathBuf;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum AccountabilityCommand {
    /// 记录一次约谈或问责（提醒谈话、约谈、诫勉谈话、通报批评、问责），会记入所涉事项的办理记录
    Add {
        /// 部门或单位（名称或简称）
        #[arg(long)]
        party: String,
        /// 类型：提醒谈话、约谈、诫勉谈话、通报批评、问责
        #[arg(long, value_parser = kind_arg)]
        kind: AccountabilityKind,
        /// 日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// 事由
        #[arg(long)]
        reason: String,
        /// 涉及的事项编号，可多次
        #[arg(long = "item")]
        items: Vec<String>,
        /// 决定人（如分管局领导、局务会）
        #[arg(long, default_value = "")]
        decided_by: String,
    },
    /// 列出约谈问责记录（可按部门/单位和日期范围）
    List(ListArgs),
}

/// Which records (`list`, `export accountability`).
#[derive(Args)]
pub struct ListArgs {
    /// 部门或单位（名称或简称）
    #[arg(long)]
    pub party: Option<String>,
    /// 日期不早于
    #[arg(long, value_parser = parse_day)]
    pub from: Option<NaiveDate>,
    /// 日期不晚于
    #[arg(long, value_parser = parse_day)]
    pub to: Option<NaiveDate>,
}

impl ListArgs {
    fn filter(&self) -> AccountabilityFilter {
        AccountabilityFilter {
            party: self.party.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

fn kind_arg(s: &str) -> duban::Result<AccountabilityKind> {
    s.parse()
}

fn line(r: &AccountabilityRecord) -> String {
    let items = if r.items.is_empty() {
        String::new()
    } else {
        format!(" 涉及：{}", r.items.join("、"))
    };
    let by = if r.decided_by.is_empty() {
        String::new()
    } else {
        format!(" 决定人：{}", r.decided_by)
    };
    format!(
        "#{} {} {} {}：{}{items}{by}",
        r.id,
        r.decided_on,
        r.party,
        r.kind.label(),
        r.reason
    )
}

/// `duban accountability …`.
pub fn run(door: &Door, c: AccountabilityCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        AccountabilityCommand::Add {
            party,
            kind,
            date,
            reason,
            items,
            decided_by,
        } => {
            let actor = door.actor(&store)?;
            let new = NewAccountability {
                party,
                decided_on: date.unwrap_or_else(|| door.today()),
                kind,
                reason,
                items,
                decided_by,
            };
            let r = accountability::record(&mut store, &actor, &new)?;
            door.print(&r, || format!("已记录：{}", line(&r)));
        }
        AccountabilityCommand::List(a) => {
            let list = accountability::list(store.conn(), &a.filter())?;
            door.print(&list, || {
                if list.is_empty() {
                    return "没有约谈问责记录。".into();
                }
                list.iter().map(line).collect::<Vec<_>>().join("\n")
            });
        }
    }
    Ok(())
}

/// `duban export accountability`.
#[derive(Args)]
pub struct ExportAccountabilityArgs {
    /// 输出文件（.xlsx）
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    #[command(flatten)]
    pub which: ListArgs,
}

/// `duban export accountability -o FILE [--party P] [--from D] [--to D]`.
pub fn export(door: &Door, a: ExportAccountabilityArgs) -> Outcome {
    let store = door.open()?;
    let today = door.today();
    let n = accountability::export(store.conn(), &a.which.filter(), today, &a.output)?;
    door.print(&serde_json::json!({"file": a.output, "records": n}), || {
        format!("已导出 {n} 条约谈问责记录到：{}", a.output.display())
    });
    Ok(())
}
