//! `duban demo`: load 示例数据.

use crate::{Door, Outcome};

pub fn run(door: &Door) -> Outcome {
    let mut store = door.open()?;
    let actor = door.actor(&store)?;
    let summary = duban::demo::load(&mut store, &actor)?;
    door.print(&summary, || summary.message());
    Ok(())
}
