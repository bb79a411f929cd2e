//! `duban person …` — 人员 (PRODUCT #16): the office's staff (经办人) and the
//! 督查专员 roster. A sheet 督查专员 in the organisation workbook is imported
//! with `duban org import`; `duban person export` writes the same sheet.

use std::path::PathBuf;

use clap::Subcommand;
use duban::org::people::{self, NewPerson, PersonRole};

use crate::{Door, Outcome};

#[derive(Subcommand)]
pub enum PersonCommand {
    /// 登记或修改人员（同一单位同名人员即修改）
    Save {
        /// 姓名
        #[arg(long)]
        name: String,
        /// 所在单位（内设机构或下级单位，名称或简称）
        #[arg(long)]
        party: String,
        /// 人员类别：经办人、督查专员
        #[arg(long, default_value = "督查专员")]
        role: String,
        /// 级别：司局级、处以下
        #[arg(long, default_value = "")]
        level: String,
        /// 专职（不写为兼职）
        #[arg(long)]
        full_time: bool,
        /// 联系电话
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// 停用人员（不再能加入督查组，历史记录保留）
    Disable {
        /// 人员编号（person list 中的 #）
        id: i64,
    },
    /// 重新启用人员
    Enable {
        /// 人员编号
        id: i64,
    },
    /// 列出人员名单
    List {
        /// 只列出某一类：经办人、督查专员
        #[arg(long)]
        role: Option<String>,
    },
    /// 导出人员名单（工作表“督查专员”，可用 duban org import 导回）
    Export {
        /// 输出文件（.xlsx）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

pub fn run(door: &Door, c: PersonCommand) -> Outcome {
    let mut store = door.open()?;
    match c {
        PersonCommand::Save {
            name,
            party,
            role,
            level,
            full_time,
            phone,
        } => {
            let actor = door.actor(&store)?;
            let p = NewPerson {
                name,
                party,
                role: PersonRole::parse(&role)?,
                level,
                full_time,
                phone,
                active: true,
            };
            let saved = people::save_person(&mut store, &actor, &p)?;
            door.print(&saved, || format!("已保存：{}", saved.line()));
        }
        PersonCommand::Disable { id } | PersonCommand::Enable { id } => {
            let active = matches!(c, PersonCommand::Enable { .. });
            let actor = door.actor(&store)?;
            let p = people::set_person_active(&mut store, &actor, id, active)?;
            door.print(&p, || {
                format!("已{}：{}", if active { "启用" } else { "停用" }, p.line())
            });
        }
        PersonCommand::List { role } => {
            let role = role.as_deref().map(PersonRole::parse).transpose()?;
            let list = people::list_people(store.conn(), role)?;
            door.print(&list, || people::people_text(&list));
        }
        PersonCommand::Export { output } => {
            let list = people::list_people(store.conn(), None)?;
            duban::imports::roster::roster_book(&list)?.save(&output)?;
            let n = list.len();
            door.print(&serde_json::json!({"file": output, "people": n}), || {
                format!("已导出：{}（{n} 人）", output.display())
            });
        }
    }
    Ok(())
}
