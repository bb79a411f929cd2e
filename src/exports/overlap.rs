//! Reading and writing at once: a large export reads its rows from the
//! database on this thread (the connection stays here) while a second thread
//! writes them into the workbook as they arrive, in batches.

use std::sync::mpsc;

use crate::error::{Error, Result};

/// Rows travel from the query to the writing thread in batches of this many.
const BATCH: usize = 512;

/// Runs `read` here, handing each row it gives to `write`, which runs on a
/// second thread and sees the rows as one iterator; returns what `write`
/// returns. A failed read or write stops both; the write's error comes
/// first (the read then only knows that the writer stopped).
pub(crate) fn read_while_writing<T: Send, R: Send>(
    read: impl FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()>,
    write: impl FnOnce(&mut dyn Iterator<Item = T>) -> Result<R> + Send,
) -> Result<R> {
    std::thread::scope(|scope| {
        // Made inside the scope: should the writer panic, the sender is
        // dropped while unwinding and the reader stops (no deadlock at join).
        let (tx, rx) = mpsc::sync_channel::<Vec<T>>(8);
        let writer = scope.spawn(move || write(&mut rx.into_iter().flatten()));
        let mut batch = Vec::with_capacity(BATCH);
        let read = read(&mut |row| {
            batch.push(row);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                // A closed channel means the writer failed: its error is reported below.
                if tx.send(full).is_err() {
                    return Err(Error::Invalid("导出中断".into()));
                }
            }
            Ok(())
        });
        if read.is_ok() && !batch.is_empty() {
            let _ = tx.send(batch);
        }
        drop(tx);
        let written = writer
            .join()
            .map_err(|_| Error::Invalid("生成表格时出错，请重试。".into()))?;
        let written = written?;
        read?;
        Ok(written)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_reaches_the_writer_in_order() {
        let n = read_while_writing(
            |each| (0..10_000).try_for_each(each),
            |rows| Ok(rows.enumerate().all(|(i, r)| i == r)),
        )
        .unwrap();
        assert!(n);
    }

    #[test]
    fn a_failed_read_or_write_is_reported() {
        let read = read_while_writing(
            |each| {
                each(1)?;
                Err(Error::Invalid("读取失败".into()))
            },
            |rows| Ok(rows.count()),
        );
        assert!(matches!(read, Err(Error::Invalid(m)) if m == "读取失败"));
        let write = read_while_writing(
            |each| (0..100_000).try_for_each(each),
            |_rows| Err::<(), _>(Error::Invalid("写入失败".into())),
        );
        assert!(matches!(write, Err(Error::Invalid(m)) if m == "写入失败"));
    }
}
