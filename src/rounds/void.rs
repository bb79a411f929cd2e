//! 作废 of a round created by mistake (issue 13): it stays listed, marked, and
//! leaves every figure (§3 rounds due, §6 按时/迟报/漏报); reports for it are
//! no longer received.

use serde_json::json;

use super::query::round_row;
use crate::error::Result;
use crate::store::{audit, void, Actor, Store};

/// 作废 a round with a reason.
pub fn void_round(store: &mut Store, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    let reason = void::required_reason(reason, "报送任务")?;
    let round = round_row(store.conn(), id)?;
    store.write(|tx| {
        void::void_row_in(tx, actor, "rounds", id, &reason, "报送任务")?;
        audit::append_in(
            tx,
            actor,
            "round",
            &round.token,
            "作废报送任务",
            Some(&json!({"id": id, "title": round.title, "due": crate::dates::ymd(round.due)})),
            Some(&json!({"id": id, "已作废": true, "原因": reason})),
        )
    })
}
