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
    let figures = duban::dashboard::figures(store.conn(), &cal, now.date())?;
    // The 工作台 and its charts in one object: `figures` beside the rest.
    let mut json = serde_json::to_value(&dash).unwrap_or_default();
    if let Some(obj) = json.as_object_mut() {
        obj.insert(
            "figures".into(),
            serde_json::to_value(&figures).unwrap_or_default(),
        );
    }
    door.print(&json, || {
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
        if let Some(notice) = &dash.calendar_notice {
            s.push_str(&format!("注意：{notice}\n"));
        }
        let rates: Vec<String> = figures
            .rates
            .iter()
            .map(|r| format!("{} {}", r.party, r.tally.rate_text))
            .collect();
        if !rates.is_empty() {
            s.push_str(&format!(
                "按期办结率（{} 起）：{}\n",
                figures.rates_from,
                rates.join("，")
            ));
        }
        let trend: Vec<String> = figures
            .trend
            .iter()
            .filter(|m| m.due > 0)
            .map(|m| {
                format!(
                    "{} 应办结 {} 按期 {} 逾期 {}",
                    m.month,
                    m.due,
                    m.on_time,
                    m.late_done + m.overdue_open
                )
            })
            .collect();
        if !trend.is_empty() {
            s.push_str(&format!("近12个月：{}\n", trend.join("；")));
        }
        for r in &figures.rounds_waiting {
            s.push_str(&format!(
                "报送任务“{}”（截止 {}）：已报 {}/{}，漏报 {}\n",
                r.title, r.due, r.received, r.targets, r.missing
            ));
        }
        let listed = reminders::to_text(&dash.reminders);
        if dash.reminders.len() < dash.reminders_total {
            // The total first: the list below is cut at each kind's first ones.
            s.push_str(&format!(
                "共 {} 条提醒，每类列出前 {} 条（完整清单：duban reminders）：\n",
                dash.reminders_total,
                duban::dashboard::REMINDERS_PER_KIND
            ));
            s.push_str(listed.split_once('\n').map_or("", |(_, rows)| rows));
        } else {
            s.push_str(&listed);
        }
        s
    });
    Ok(())
}
