//! Chinese substring search over 事项编号, 事项名称 and 工作要求 at ledger
//! scale. Each pair of neighbouring letters, digits or characters is indexed
//! as one FTS5 token (纳税服务 → 纳税 税服 服务), so the phrase of a query's
//! pairs finds the items that contain it as a substring of one field —
//! ignoring spaces, punctuation and letter case ("纳税 服务" is found by
//! 纳税服务, "db2026" by DB2026). Pairs keep posting lists short, so even a
//! common character costs little. A one-character query is answered by a
//! plain scan. Fields are kept apart by a token no pair can equal.
//!
//! The index is derived data, not a record: it is filled lazily (items added
//! since the last search, and items whose text changed, noted by a trigger),
//! with no audit entry. Imports stay lean; the first search after a large
//! import pays for indexing once.

use rusqlite::{params, Connection};

use crate::error::Result;

/// Stands between fields: a token of several letters never equals a query's
/// two-character tokens, so a phrase cannot run from one field into the next.
const FIELD_SEPARATOR: &str = "fieldsep";

/// The text as indexed: the pairs of neighbouring characters of each field
/// (a one-character field is its one character).
fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for (i, field) in text.split(FIELD_SEPARATOR).enumerate() {
        if i > 0 {
            out.push_str(FIELD_SEPARATOR);
            out.push(' ');
        }
        let chars: Vec<char> = field.chars().filter(|c| c.is_alphanumeric()).collect();
        if chars.len() == 1 {
            out.push(chars[0]);
            out.push(' ');
        }
        for w in chars.windows(2) {
            out.push(w[0]);
            out.push(w[1]);
            out.push(' ');
        }
    }
    out
}

/// The FTS5 phrase that prefilters a substring query, or None when the query
/// has no character that is indexed.
pub(crate) fn phrase(query: &str) -> Option<String> {
    let chars: Vec<char> = query.chars().filter(|c| c.is_alphanumeric()).collect();
    if chars.len() < 2 {
        return None;
    }
    let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    Some(format!("\"{}\"", pairs.join(" ")))
}

/// Brings the search index up to date; returns how many items were indexed.
pub fn sync_search_index(conn: &Connection) -> Result<usize> {
    let indexed: i64 = conn.query_row(
        "SELECT indexed FROM item_search_state WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    let max: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM items", [], |r| r.get(0))?;
    let stale: i64 = conn.query_row("SELECT count(*) FROM item_search_stale", [], |r| r.get(0))?;
    if max <= indexed && stale == 0 {
        return Ok(0);
    }
    // A savepoint, not a transaction: the ledger may be read inside one
    // (the export reads it from one snapshot), and then this nests in it.
    conn.execute_batch("SAVEPOINT search_sync")?;
    match fill(conn, indexed, max) {
        Ok(n) => {
            conn.execute_batch("RELEASE search_sync")?;
            Ok(n)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO search_sync; RELEASE search_sync")?;
            Err(e)
        }
    }
}

/// Indexes the items after `indexed` and the stale ones; the new state.
fn fill(tx: &Connection, indexed: i64, max: i64) -> Result<usize> {
    let mut n = 0;
    {
        let mut del = tx.prepare("DELETE FROM item_search WHERE rowid = ?1")?;
        let mut ins = tx.prepare("INSERT INTO item_search(rowid, text) VALUES (?1, ?2)")?;
        let mut st = tx.prepare(
            "SELECT id, item_no, name, requirement FROM items
             WHERE id > ?1 OR id IN (SELECT item_id FROM item_search_stale)",
        )?;
        let mut rows = st.query([indexed])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let text = format!(
                "{} {FIELD_SEPARATOR} {} {FIELD_SEPARATOR} {}",
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?
            );
            if id <= indexed {
                del.execute([id])?;
            }
            ins.execute(params![id, spaced(&text)])?;
            n += 1;
        }
    }
    tx.execute("DELETE FROM item_search_stale", [])?;
    tx.execute(
        "UPDATE item_search_state SET indexed = ?1 WHERE id = 1",
        [max.max(indexed)],
    )?;
    Ok(n)
}

/// [`sync_search_index`] on a connection of its own to the database file at
/// `path`, for a background thread after a large import (so that the first
/// search does not pay for indexing): other connections keep reading
/// meanwhile and wait at most the busy timeout to write. An in-memory
/// database (empty path) has nothing to do here.
pub fn sync_search_index_in_file(path: &std::path::Path) -> Result<usize> {
    if path.as_os_str().is_empty() {
        return Ok(0);
    }
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    sync_search_index(&conn)
}

#[cfg(test)]
mod tests {
    use super::{phrase, spaced};

    #[test]
    fn pairs_of_characters_are_tokens_and_punctuation_is_dropped() {
        assert_eq!(
            spaced("纳税 服务-D1 fieldsep 办"),
            "纳税 税服 服务 务D D1 fieldsep 办 "
        );
        assert_eq!(phrase("税服务").as_deref(), Some("\"税服 服务\""));
        assert_eq!(phrase("“”，"), None);
        assert_eq!(phrase("税"), None, "one character: a plain scan");
        assert_eq!(
            phrase("a\"b").as_deref(),
            Some("\"ab\""),
            "quotes cannot break the phrase"
        );
    }
}
