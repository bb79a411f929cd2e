//! `duban reminders [--at DATETIME] [--record]` (EXCHANGE §4) and `duban dashboard`.

use chrono::NaiveDateTime;
use duban::calendar::Calendar;
use duban::store::{Actor, Store};
use duban::{reminders, rhythm};

use crate::{Door, Failure, Outcome};

#[derive(clap::Args)]
pub struct RemindersArgs {
    /// 时刻（YYYY-MM-DD HH:MM 或 YYYY-MM-DDTHH:MM:SS；只写日期时为当日 00:00；默认：现在）
    #[arg(long, value_parser = crate::moment_arg)]
    pub at: Option<NaiveDateTime>,
    /// 同时运行并记录该时刻到期的提醒检查（与桌面程序相同；已运行过的检查不再重复）
    #[arg(long)]
    pub record: bool,
}

#[derive(clap::Args)]
pub struct DashboardArgs {
    /// 时刻（默认：现在）
    #[arg(long, value_parser = crate::moment_arg)]
    pub at: Option<NaiveDateTime>,
}

/// The actor of a write at `--at` (or now).
pub fn actor_at(door: &Door, store: &Store, at: Option<NaiveDateTime>) -> Result<Actor, Failure> {
    let mut actor = door.actor(store)?;
    if let Some(at) = at {
        actor.now = at;
    }
    Ok(actor)
}

pub fn run(door: &Door, a: RemindersArgs) -> Outcome {
    let mut store = door.open()?;
    let cal = Calendar::load(store.conn())?;
    let now = a.at.unwrap_or_else(|| door.now());
    if a.record {
        let actor = actor_at(door, &store, a.at)?;
        let outcome = rhythm::run_due_check(&mut store, &actor, &cal)?;
        if !door.json {
            match &outcome {
                Some(o) => println!("{}\n{}", o.summary.title, o.summary.body),
                None => println!("该时刻没有到期的提醒检查（已运行过或不是检查时间）。"),
            }
        }
    }
    let list = rhythm::scan(store.conn(), &cal, now)?;
    door.print(&list, || reminders::to_text(&list));
    Ok(())
}

pub fn dashboard(door: &Door, a: DashboardArgs) -> Outcome {
    let store = door.open()?;
    let cal = Calendar::load(store.conn())?;
    let now = a.at.unwrap_or_else(|| door.now());
    let dash = duban::dashboard::load(store.conn(), &cal, now)?;
    door.print(&dash, || {
        let l = &dash.lights;
        let mut s = format!(
            "{} 工作台\n在办事项：红灯 {}，黄灯 {}，绿灯 {}，长期 {}\n",
            dash.today, l.red, l.yellow, l.green, l.standing
        );
        let st: Vec<String> = dash
            .statuses
            .iter()
            .map(|c| format!("{} {}", c.label, c.count))
            .collect();
        s.push_str(&format!("状态：{}\n", st.join("，")));
        if !dash.overdue_by_party.is_empty() {
            let od: Vec<String> = dash
                .overdue_by_party
                .iter()
                .map(|p| format!("{} {}", p.party, p.count))
                .collect();
            s.push_str(&format!("逾期（按牵头部门）：{}\n", od.join("，")));
        }
        s.push_str(&format!(
            "待分解文件 {} 件，延期待审批 {} 件，会签待回复 {} 个\n",
            dash.unsplit_total,
            dash.pending_extensions.len(),
            dash.open_countersign_replies
        ));
        s.push_str(&reminders::to_text(&dash.reminders));
        s
    });
    Ok(())
}
