//! A row's text columns read with one fast UTF-8 check. rusqlite checks every
//! text it hands out with std's `str::from_utf8`: reading the 100,000 rows of
//! a ledger export (a dozen texts and five dates a row) spent a tenth of its
//! reading thread there, and as much again copying the dates into strings
//! only to parse them. These read the value in place and check it with
//! `simdutf8`; the errors are rusqlite's own.

use rusqlite::types::{Type, ValueRef};
use rusqlite::Row;

/// Column `i` as text borrowed from the row; `None` when it is NULL.
pub(crate) fn str_at<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(bytes) => match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => Ok(Some(s)),
            // std's check says where the bytes go wrong.
            Err(_) => std::str::from_utf8(bytes)
                .map(Some)
                .map_err(|e| rusqlite::Error::Utf8Error(i, e)),
        },
        other => Err(wrong_type(r, i, other.data_type())),
    }
}

/// Column `i` as an owned string (NULL is an error, as for `r.get::<String>`).
pub(crate) fn text_at(r: &Row<'_>, i: usize) -> rusqlite::Result<String> {
    match str_at(r, i)? {
        Some(s) => Ok(s.to_owned()),
        None => Err(wrong_type(r, i, Type::Null)),
    }
}

/// Column `i` as an owned string, or `None` when it is NULL.
pub(crate) fn opt_text_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(str_at(r, i)?.map(str::to_owned))
}

fn wrong_type(r: &Row<'_>, i: usize, found: Type) -> rusqlite::Error {
    let name = r.as_ref().column_name(i).unwrap_or_default().to_string();
    rusqlite::Error::InvalidColumnType(i, name, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_as_rusqlite_reads_them_and_fail_as_it_fails() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let row = |sql: &str| {
            conn.query_row(sql, [], |r| {
                Ok((
                    (
                        str_at(r, 0).map(|s| s.map(str::to_owned)),
                        r.get::<_, Option<String>>(0),
                    ),
                    (text_at(r, 0), r.get::<_, String>(0)),
                    opt_text_at(r, 0),
                ))
            })
            .unwrap()
        };
        // A text, an empty one: as rusqlite reads them.
        for sql in ["SELECT '督办事项 DB2026-0001'", "SELECT ''"] {
            let ((s, s_rusqlite), (t, t_rusqlite), o) = row(sql);
            assert_eq!(s.unwrap(), s_rusqlite.unwrap());
            assert_eq!(t.unwrap(), t_rusqlite.unwrap());
            assert!(o.unwrap().is_some());
        }
        // NULL: none, or the error rusqlite gives.
        let ((s, _), (t, t_rusqlite), o) = row("SELECT NULL AS deadline");
        assert_eq!(s.unwrap(), None);
        assert_eq!(o.unwrap(), None);
        assert_eq!(t.unwrap_err(), t_rusqlite.unwrap_err());
        // A number where a text belongs, and bytes that are not UTF-8.
        let ((s, s_rusqlite), (t, t_rusqlite), _) = row("SELECT 42 AS n");
        assert_eq!(s.unwrap_err(), s_rusqlite.unwrap_err());
        assert_eq!(t.unwrap_err(), t_rusqlite.unwrap_err());
        let ((s, s_rusqlite), _, _) = row("SELECT CAST(x'e79da3ff' AS TEXT) AS bad");
        assert!(matches!(s, Err(rusqlite::Error::Utf8Error(0, _))), "{s:?}");
        assert!(s_rusqlite.is_err());
    }
}
