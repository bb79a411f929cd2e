//! `duban dashboard`: the 工作台 figures.

use crate::{Door, Outcome};
use chrono::NaiveDateTime;
use duban::calendar::Calendar;
use duban::reminders;

#[derive(clap::Args)]
pub struct DashboardArgs {
    /// 时刻（默认：现在）
    #[arg(long, value_parser = crate::moment_arg)]
    pub at: Option<NaiveDateTime>,
}

pub fn run(door: &Door, a: DashboardArgs) -> Outcome {
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
