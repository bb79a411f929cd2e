//! `duban init`: create or migrate the database, seed the organisation.

use crate::{Door, Outcome};
use clap::Args;

#[derive(Args)]
pub struct InitArgs {}

pub fn run(door: &Door, _a: InitArgs) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let added = duban::org::seed_default(&mut store, &actor)?;
    door.print(&serde_json::json!({"db": door.db, "seeded": added}), || {
        format!("数据库已就绪：{}", door.db.display())
    });
    Ok(())
}
