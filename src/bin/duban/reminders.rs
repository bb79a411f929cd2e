//! `duban reminders` (placeholder until the reminders room lands).

use crate::{Door, Outcome};

#[derive(clap::Args)]
pub struct RemindersArgs {
    /// 时刻（YYYY-MM-DD HH:MM 或 YYYY-MM-DDTHH:MM:SS；默认：现在）
    #[arg(long)]
    pub at: Option<String>,
}

pub fn run(_door: &Door, _a: RemindersArgs) -> Outcome {
    Err(crate::Failure::msg("提醒功能尚未完成。"))
}
