//! `duban reminders [--at DATETIME] [--record]` (EXCHANGE §4).

use crate::{Door, Outcome};
use chrono::NaiveDateTime;
use duban::calendar::Calendar;
use duban::{reminders, rhythm};

#[derive(clap::Args)]
pub struct RemindersArgs {
    /// 时刻（YYYY-MM-DD HH:MM 或 YYYY-MM-DDTHH:MM:SS；只写日期时为当日 00:00；默认：现在）。
    /// 按现有记录计算该时刻的提醒：过去的时刻不会还原此后的办结、报送等记录
    #[arg(long, value_parser = crate::moment_arg)]
    pub at: Option<NaiveDateTime>,
    /// 同时运行并记录该时刻到期的提醒检查（与桌面程序相同；已运行过的检查不再重复）
    #[arg(long)]
    pub record: bool,
}

pub fn run(door: &Door, a: RemindersArgs) -> Outcome {
    let mut store = door.open()?;
    let cal = Calendar::load(store.conn())?;
    let now = a.at.unwrap_or_else(|| door.now());
    if a.record {
        let actor = door.actor_at(&store, a.at)?;
        let outcome = rhythm::run_due_check(&mut store, &actor, &cal)?;
        if !door.json {
            match &outcome {
                Some(o) => door.say(&format!("{}\n{}", o.summary.title, o.summary.body)),
                None => door.say("该时刻没有到期的提醒检查（已运行过或不是检查时间）。"),
            }
        }
    }
    let list = rhythm::scan(store.conn(), &cal, now)?;
    door.print(&list, || reminders::to_text(&list));
    Ok(())
}
