//! Attachments of documents and completion reports: files copied into
//! `<data>/attachments/<sha256>` (content-hashed, so the same file is stored
//! once) with their original names kept in the database. Below `documents`
//! and `items`, which both attach files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::store::Actor;

/// An attachment as listed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Attachment {
    /// Row id in `attachments`.
    pub id: i64,
    /// The file's original name, as the clerk chose it.
    pub file_name: String,
    /// SHA-256 of its bytes, hex; the file is kept as `<data>/attachments/<sha256>`.
    pub sha256: String,
    /// Size in bytes.
    pub size: i64,
    /// When it was attached: local moment `YYYY-MM-DD HH:MM:SS`.
    pub added_at: String,
}

/// A file copied into the attachment folder, not yet recorded.
#[derive(Debug, Clone)]
pub struct StoredFile {
    /// The file's original name.
    pub file_name: String,
    /// SHA-256 of its bytes, hex: its name in the attachment folder.
    pub sha256: String,
    /// Size in bytes.
    pub size: i64,
}

/// Copies each file into `dir` under its content hash. Done before the
/// transaction: a copy whose record is never written is harmless, a record
/// without its file is not.
pub fn store_files(dir: &Path, files: &[PathBuf]) -> Result<Vec<StoredFile>> {
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| {
            Error::Invalid(format!(
                "无法读取附件“{}”：{}。请检查文件是否存在。",
                f.display(),
                crate::error::io_reason(&e)
            ))
        })?;
        let sha = hex::encode(Sha256::digest(&bytes));
        std::fs::create_dir_all(dir)?;
        if !stored_whole(&dir.join(&sha), bytes.len()) {
            write_durably(dir, &sha, &bytes)?;
        }
        out.push(StoredFile {
            file_name: f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| sha.clone()),
            sha256: sha,
            size: bytes.len() as i64,
        });
    }
    Ok(out)
}

/// Whether `path` holds a file of `len` bytes: a copy cut short (a power cut
/// before the disk held it) is written again when the same file comes back.
fn stored_whole(path: &Path, len: usize) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == len as u64)
}

/// Writes `bytes` to `dir/name` durably: through a temporary file of this
/// process's own (the app and the command line may store the same file at
/// once), synced before it is renamed into place, and the folder synced
/// after, so that the record the caller commits next never names a file the
/// disk does not hold whole.
fn write_durably(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(
        "{name}.{}-{}.partial",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dir.join(name))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    // The rename itself reaches the disk with the folder (not on Windows,
    // where a folder cannot be opened as a file; NTFS journals the rename).
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

/// Records stored files as attachments of an owner.
pub fn insert_in(
    tx: &Transaction,
    actor: &Actor,
    owner_kind: &str,
    owner_id: i64,
    files: &[StoredFile],
) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO attachments(owner_kind, owner_id, file_name, sha256, size, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for f in files {
        st.execute(params![
            owner_kind,
            owner_id,
            f.file_name,
            f.sha256,
            f.size,
            actor.stamp()
        ])?;
    }
    Ok(())
}

/// The attachments of an owner.
pub fn list(conn: &Connection, owner_kind: &str, owner_id: i64) -> Result<Vec<Attachment>> {
    let mut st = conn.prepare_cached(
        "SELECT id, file_name, sha256, size, added_at FROM attachments
         WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id",
    )?;
    let rows = st.query_map(params![owner_kind, owner_id], |r| {
        Ok(Attachment {
            id: r.get(0)?,
            file_name: r.get(1)?,
            sha256: r.get(2)?,
            size: r.get(3)?,
            added_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One attachment by id, with its owner (`owner_kind`, `owner_id`).
pub fn get(conn: &Connection, id: i64) -> Result<(Attachment, String, i64)> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        "SELECT id, file_name, sha256, size, added_at, owner_kind, owner_id FROM attachments WHERE id = ?1",
        [id],
        |r| {
            Ok((
                Attachment {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    sha256: r.get(2)?,
                    size: r.get(3)?,
                    added_at: r.get(4)?,
                },
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的附件。")))
}

/// A name for `file_name` in `dir` that is not taken: the name itself, else
/// `stem（2）.ext`, `stem（3）.ext` …
fn free_name(dir: &Path, file_name: &str) -> PathBuf {
    let plain = dir.join(file_name);
    if !plain.exists() {
        return plain;
    }
    let p = Path::new(file_name);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = p
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| {
            let mark = format!("（{n}）");
            // A name is at most 255 bytes on the usual file systems: a long
            // one gives up the end of its stem for the mark.
            let room = MAX_NAME_BYTES.saturating_sub(mark.len() + ext.len());
            dir.join(format!("{}{mark}{ext}", cut_to_bytes(&stem, room)))
        })
        .find(|c| !c.exists())
        .unwrap_or(plain)
}

/// The longest file name (bytes) the usual file systems take.
const MAX_NAME_BYTES: usize = 255;

/// `s` cut to at most `max` bytes, at a character's edge.
fn cut_to_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Copies attachment `id` out of the attachment folder `store_dir` into
/// `to_dir` under its original name (`name（2）.ext` when the name is taken)
/// and returns the copy's path: the door opens the copy with the system's
/// program, so the stored file is never handed out. A stored file that is
/// missing or altered (its hash differs) is refused.
pub fn copy_out(conn: &Connection, store_dir: &Path, id: i64, to_dir: &Path) -> Result<PathBuf> {
    let (a, bytes) = read_checked(conn, store_dir, id)?;
    let io = |what: String, e: std::io::Error| Error::Io(std::io::Error::new(e.kind(), what));
    std::fs::create_dir_all(to_dir)
        .map_err(|e| io(format!("无法创建文件夹“{}”（{e}）", to_dir.display()), e))?;
    // Only the name's last component: a stored name never leads elsewhere.
    let name = Path::new(&a.file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| a.sha256.clone());
    let dest = free_name(to_dir, &name);
    std::fs::write(&dest, &bytes)
        .map_err(|e| io(format!("无法将附件写入“{}”（{e}）", dest.display()), e))?;
    Ok(dest)
}

/// Attachment `id`'s bytes from the attachment folder `store_dir`, checked
/// against its hash: a stored file that is missing or altered is refused.
fn read_checked(conn: &Connection, store_dir: &Path, id: i64) -> Result<(Attachment, Vec<u8>)> {
    let (a, _, _) = get(conn, id)?;
    let src = store_dir.join(&a.sha256);
    let bytes = std::fs::read(&src).map_err(|e| {
        Error::BadFile(format!(
            "附件“{}”的存档文件无法读取（{e}）。请运行数据完整性检查，或从备份恢复附件。",
            a.file_name
        ))
    })?;
    if hex::encode(Sha256::digest(&bytes)) != a.sha256 {
        return Err(Error::BadFile(format!(
            "附件“{}”的存档文件已被改动，与登记时不一致。请从备份恢复附件。",
            a.file_name
        )));
    }
    Ok((a, bytes))
}

/// The largest attachment shown in a preview (30 MB); larger ones are opened.
pub const PREVIEW_MAX_BYTES: i64 = 30 * 1024 * 1024;

/// The MIME type of a file the window can preview (images and PDF), by the
/// name's extension; None for any other file.
pub fn preview_mime(file_name: &str) -> Option<&'static str> {
    let ext = Path::new(file_name)
        .extension()?
        .to_string_lossy()
        .to_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => return None,
    })
}

/// Attachment `id` for a preview: its record, MIME type and checked bytes.
/// Refused: a type that cannot be previewed, a file over `max_bytes`
/// ([`PREVIEW_MAX_BYTES`] in the window), a missing or altered stored file.
pub fn read_for_preview(
    conn: &Connection,
    store_dir: &Path,
    id: i64,
    max_bytes: i64,
) -> Result<(Attachment, &'static str, Vec<u8>)> {
    let (a, _, _) = get(conn, id)?;
    let mime = preview_mime(&a.file_name).ok_or_else(|| {
        crate::error::invalid(format!(
            "附件“{}”不是图片或 PDF，无法预览，请用“打开”。",
            a.file_name
        ))
    })?;
    if a.size > max_bytes {
        return Err(crate::error::invalid(format!(
            "附件“{}”有 {:.1} MB，文件过大，请用“打开”。",
            a.file_name,
            a.size as f64 / 1024.0 / 1024.0
        )));
    }
    let (a, bytes) = read_checked(conn, store_dir, id)?;
    Ok((a, mime, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_copy_cut_short_is_written_again_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("批示.pdf");
        std::fs::write(&src, b"%PDF-1.4 whole file").unwrap();
        let folder = dir.path().join("attachments");
        let first = store_files(&folder, std::slice::from_ref(&src)).unwrap();
        let kept = folder.join(&first[0].sha256);
        assert_eq!(std::fs::read(&kept).unwrap(), b"%PDF-1.4 whole file");
        // A power cut left the copy short: attaching the same file mends it.
        std::fs::write(&kept, b"%PDF").unwrap();
        store_files(&folder, std::slice::from_ref(&src)).unwrap();
        assert_eq!(std::fs::read(&kept).unwrap(), b"%PDF-1.4 whole file");
        let names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_long_name_taken_already_gives_up_the_end_of_its_stem_for_the_mark() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{}.txt", "长".repeat(82)); // 250 bytes
        std::fs::write(dir.path().join(&long), b"first").unwrap();
        let second = free_name(dir.path(), &long);
        let name = second.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= MAX_NAME_BYTES, "{} bytes", name.len());
        assert!(
            name.ends_with("（2）.txt") && name.starts_with("长长"),
            "{name}"
        );
        std::fs::write(&second, b"second").unwrap();
        assert_eq!(std::fs::read(&second).unwrap(), b"second");
    }
}
