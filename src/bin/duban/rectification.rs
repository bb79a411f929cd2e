//! `duban rectification …` — 整改事项 (PRODUCT #13, EXCHANGE §7): the
//! 整改台账 with lights, details, progress, the three checks of 三不放过,
//! 销号 (refused while a check is missing), reopening, and 回头看 / 再督查.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Subcommand};
use duban::calendar::Calendar;
use duban::dates::parse_day;
use duban::inspections::followups::{self, FollowupOutcome, NewFollowup};
use duban::inspections::queries::{self, LightRule, RectFilter};
use duban::inspections::rectify::{self, Check, NewRectProgress};
use duban::inspections::{FollowupKind, FollowupResult, Measure, Source};
use duban::items::Light;

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum RectificationCommand {
    /// 整改台账（可筛选），每项带红黄绿灯
    List(ListArgs),
    /// 查看整改事项详情（进展、三不放过、回头看）
    Show {
        /// 整改编号（如 ZG2026-001）
        rect_no: String,
        /// 按哪一天计算灯色（默认今天）
        #[arg(long, value_parser = parse_day)]
        today: Option<NaiveDate>,
    },
    /// 登记整改进展
    Progress {
        /// 整改编号
        rect_no: String,
        /// 整改进展
        #[arg(long)]
        text: String,
        /// 填报人
        #[arg(long, default_value = "")]
        reporter: String,
        /// 进展日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 勾选三不放过的一项：cause（原因查清）、remedied（整改到位）、accountability（责任追究）
    Check {
        /// 整改编号
        rect_no: String,
        #[command(subcommand)]
        check: CheckCommand,
    },
    /// 销号（三不放过全部落实后）
    Close {
        /// 整改编号
        rect_no: String,
        /// 销号日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 重新打开已销号的整改事项
    Reopen {
        /// 整改编号
        rect_no: String,
        /// 理由
        #[arg(long)]
        reason: String,
        /// 新的整改时限
        #[arg(long, value_parser = parse_day)]
        deadline: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 催办整改事项
    Chase {
        /// 整改编号
        rect_no: String,
        /// 催办方式：电话、通知单、当面、系统
        #[arg(long, default_value = "电话")]
        channel: String,
        /// 催办对象（默认为整改单位）
        #[arg(long = "to", default_value = "")]
        to_whom: String,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        /// 催办日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 回头看 / 再督查：安排、登记结果、列出
    #[command(subcommand)]
    Followup(FollowupCommand),
    /// 导出督查问题整改台账（筛选条件同 list）
    Export {
        /// 输出文件（.xlsx）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[command(flatten)]
        filter: ListArgs,
    },
}

/// The 整改台账's filters.
#[derive(Args)]
pub struct ListArgs {
    /// 单位（名称或简称）
    #[arg(long)]
    party: Option<String>,
    /// 督查（督查编号或序号）
    #[arg(long)]
    inspection: Option<String>,
    /// 问题来源：督查、执法督察、审计、巡视、干部监督
    #[arg(long)]
    source: Option<Source>,
    /// 只列未销号的
    #[arg(long, conflicts_with = "closed")]
    open: bool,
    /// 只列已销号的
    #[arg(long)]
    closed: bool,
    /// 灯（红 黄 绿）
    #[arg(long)]
    light: Option<Light>,
    /// 整改编号或问题描述中包含的文字
    #[arg(long)]
    text: Option<String>,
    /// 整改时限不早于
    #[arg(long, value_parser = parse_day)]
    from: Option<NaiveDate>,
    /// 整改时限不晚于
    #[arg(long, value_parser = parse_day)]
    to: Option<NaiveDate>,
    /// 按哪一天计算灯色（默认今天）
    #[arg(long, value_parser = parse_day)]
    today: Option<NaiveDate>,
}

impl ListArgs {
    fn filter(&self) -> RectFilter {
        RectFilter {
            party: self.party.clone(),
            inspection: self.inspection.clone(),
            source: self.source,
            open: match (self.open, self.closed) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            light: self.light,
            text: self.text.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

#[derive(Subcommand)]
pub enum CheckCommand {
    /// 原因查清：原因分析（不写则用单位报送的原因分析）
    Cause {
        /// 原因分析
        #[arg(long, default_value = "")]
        text: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 整改到位：佐证说明和/或佐证材料
    Remedied {
        /// 佐证说明
        #[arg(long, default_value = "")]
        evidence: String,
        /// 佐证材料文件，可多次
        #[arg(long = "file")]
        files: Vec<PathBuf>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 责任追究：方式 提醒谈话/约谈/诫勉谈话/通报批评/组织处理/纪律处分，或 无需追究（须写理由）
    Accountability {
        /// 追责方式
        #[arg(long)]
        measure: Measure,
        /// 追责对象
        #[arg(long, default_value = "")]
        who: String,
        /// 说明；无需追究时为理由
        #[arg(long, default_value = "")]
        note: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
}

#[derive(Subcommand)]
pub enum FollowupCommand {
    /// 安排回头看/再督查：已销号的整改事项（--item）或整改全部销号的督查（--inspection）
    Plan {
        /// 整改编号
        #[arg(
            long,
            conflicts_with = "inspection",
            required_unless_present = "inspection"
        )]
        item: Option<String>,
        /// 督查（督查编号或序号）
        #[arg(long)]
        inspection: Option<String>,
        /// 计划日期（不早于销号日期）
        #[arg(long, value_parser = parse_day)]
        on: NaiveDate,
        /// 类型：回头看、再督查
        #[arg(long, default_value = "回头看")]
        kind: FollowupKind,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 登记结果：整改到位、整改不到位（重新打开，须 --deadline）、问题反弹（新问题，须 --deadline）
    Result {
        /// 回头看序号
        id: i64,
        /// 结果
        #[arg(long)]
        result: FollowupResult,
        /// 复查日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 说明；问题反弹时为新问题的描述
        #[arg(long, default_value = "")]
        note: String,
        /// 督查的回头看：涉及的整改编号
        #[arg(long)]
        item: Option<String>,
        /// 新的整改时限
        #[arg(long, value_parser = parse_day)]
        deadline: Option<NaiveDate>,
        /// 操作时刻（默认：现在）
        #[arg(long, value_parser = crate::moment_arg)]
        at: Option<NaiveDateTime>,
    },
    /// 列出回头看/再督查（--open 只列未完成的）
    List {
        /// 只列未完成的
        #[arg(long)]
        open: bool,
    },
}

pub fn run(door: &Door, c: RectificationCommand) -> Outcome {
    let mut store = door.open()?;
    let cal = Calendar::load(store.conn())?;
    let yellow = duban::items::yellow_days(store.conn())?;
    match c {
        RectificationCommand::List(a) => {
            let rule = LightRule {
                cal: &cal,
                today: a.today.unwrap_or(door.today()),
                yellow_days: yellow,
            };
            let rows = queries::list(store.conn(), &rule, &a.filter())?;
            door.print(&rows, || {
                if rows.is_empty() {
                    "没有符合条件的整改事项。".into()
                } else {
                    rows.iter().map(|r| r.line()).collect::<Vec<_>>().join("\n")
                }
            });
        }
        RectificationCommand::Show { rect_no, today } => {
            let rule = LightRule {
                cal: &cal,
                today: today.unwrap_or(door.today()),
                yellow_days: yellow,
            };
            let d = queries::detail(store.conn(), &rule, &rect_no)?;
            door.print(&d, || {
                let mut s = vec![d.row.line()];
                if let Some(old) = &d.rebound_of {
                    s.push(format!("问题反弹：原整改事项 {old} 经复查发现问题反弹"));
                }
                s.push(format!("原因分析：{}", d.row.cause));
                s.push(format!("整改措施：{}", d.row.measures));
                for p in &d.progress {
                    s.push(format!("  {} {} {}", p.reported_on, p.text, p.reporter));
                }
                if d.missing_checks.is_empty() {
                    s.push("三不放过已全部落实。".into());
                } else {
                    s.push(format!("尚未落实：{}", d.missing_checks.join("、")));
                }
                for f in &d.followups {
                    s.push(format!("  {}", followups::line(f)));
                }
                s.join("\n")
            });
        }
        RectificationCommand::Progress {
            rect_no,
            text,
            reporter,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let p = NewRectProgress {
                rect_no,
                reported_on: on.unwrap_or(actor.today()),
                text,
                reporter,
            };
            rectify::add_progress(&mut store, &actor, &p)?;
            door.print(
                &serde_json::json!({"rect_no": p.rect_no, "ok": true}),
                || format!("已登记进展：{}", p.rect_no),
            );
        }
        RectificationCommand::Check { rect_no, check } => {
            let (check, at) = match check {
                CheckCommand::Cause { text, at } => (Check::Cause { text }, at),
                CheckCommand::Remedied {
                    evidence,
                    files,
                    at,
                } => (Check::Remedied { evidence, files }, at),
                CheckCommand::Accountability {
                    measure,
                    who,
                    note,
                    at,
                } => (Check::Accountability { measure, who, note }, at),
            };
            let actor = door.actor_at(&store, at)?;
            rectify::tick(&mut store, &actor, &rect_no, &check)?;
            let rule = LightRule {
                cal: &cal,
                today: actor.today(),
                yellow_days: yellow,
            };
            let d = queries::detail(store.conn(), &rule, &rect_no)?;
            door.print(&d, || {
                let rest = if d.missing_checks.is_empty() {
                    "三不放过已全部落实，可以销号。".to_string()
                } else {
                    format!("尚未落实：{}", d.missing_checks.join("、"))
                };
                format!("已勾选（{}）。{rest}", d.row.rect_no)
            });
        }
        RectificationCommand::Close { rect_no, on, at } => {
            let actor = door.actor_at(&store, at)?;
            let on = on.unwrap_or(actor.today());
            rectify::close(&mut store, &actor, &rect_no, on)?;
            door.print(
                &serde_json::json!({"rect_no": rect_no.trim(), "closed_on": on}),
                || format!("已销号：{}（{on}）", rect_no.trim()),
            );
        }
        RectificationCommand::Reopen {
            rect_no,
            reason,
            deadline,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            rectify::reopen(&mut store, &actor, &rect_no, &reason, deadline)?;
            door.print(
                &serde_json::json!({"rect_no": rect_no.trim(), "reopened": true}),
                || format!("已重新打开：{}", rect_no.trim()),
            );
        }
        RectificationCommand::Chase {
            rect_no,
            channel,
            to_whom,
            note,
            on,
            at,
        } => {
            let actor = door.actor_at(&store, at)?;
            let c = duban::inspections::chase::NewRectChase {
                rect_no,
                chased_on: on.unwrap_or(actor.today()),
                channel: duban::chases::Channel::parse(&channel)?,
                to_whom,
                note,
            };
            let id = duban::inspections::chase::chase(&mut store, &actor, &c)?;
            door.print(
                &serde_json::json!({"chase_id": id, "rect_no": c.rect_no}),
                || format!("已登记催办：{}", c.rect_no),
            );
        }
        RectificationCommand::Followup(f) => followup(door, &mut store, f)?,
        RectificationCommand::Export { output, filter } => {
            let today = filter.today.unwrap_or(door.today());
            let n = duban::exports::rectifications::export_rectification_ledger(
                store.conn(),
                &cal,
                today,
                &filter.filter(),
                &output,
            )?;
            door.print(&serde_json::json!({"file": output, "rows": n}), || {
                format!("已导出：{}（{n} 项）", output.display())
            });
        }
    }
    Ok(())
}

fn followup(door: &Door, store: &mut duban::store::Store, c: FollowupCommand) -> Outcome {
    match c {
        FollowupCommand::Plan {
            item,
            inspection,
            on,
            kind,
            note,
            at,
        } => {
            let actor = door.actor_at(store, at)?;
            let f = followups::plan(
                store,
                &actor,
                &NewFollowup {
                    kind,
                    rect_no: item,
                    inspection,
                    planned_on: on,
                    note,
                },
            )?;
            door.print(&f, || format!("已安排：{}", followups::line(&f)));
        }
        FollowupCommand::Result {
            id,
            result,
            on,
            note,
            item,
            deadline,
            at,
        } => {
            let actor = door.actor_at(store, at)?;
            let o = FollowupOutcome {
                followup_id: id,
                done_on: on.unwrap_or(actor.today()),
                result,
                note,
                rect_no: item,
                new_deadline: deadline,
            };
            let new_item = followups::record_result(store, &actor, &o)?;
            let f = followups::get(store.conn(), id)?;
            door.print(
                &serde_json::json!({"followup": f, "new_item": new_item}),
                // The line names the new item of a 问题反弹 (Followup::new_rect_no).
                || format!("已登记结果：{}", followups::line(&f)),
            );
        }
        FollowupCommand::List { open } => {
            let list = followups::list(store.conn(), open)?;
            door.print(&list, || {
                if list.is_empty() {
                    "没有回头看/再督查。".into()
                } else {
                    list.iter()
                        .map(followups::line)
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            });
        }
    }
    Ok(())
}
