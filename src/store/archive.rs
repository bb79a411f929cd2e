//! Backups that cover everything (PRODUCT #19): one zip archive holding a
//! snapshot of the database (`duban.sqlite3`), the attachment files it
//! names (`attachments/<sha256>`, stored as they are: scans and PDFs do not
//! shrink) and a manifest (`duban-backup.json`: what, when, how many).
//!
//! One file rather than a database plus a folder: it is written under a
//! temporary name and renamed when whole (a half-written backup never looks
//! like one), it can be moved to another drive or mailed as it is, rotation
//! deletes one file, and any zip tool opens it.
//!
//! The store is needed only for the database snapshot ([`prepare`], one
//! read of SQLite's online backup); the slow part — copying the attachment
//! files into the archive — is [`Pending::write`], which holds nothing, so
//! the desktop app keeps working while a gigabyte of attachments is copied.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::error::{Error, Result};
use crate::store::{audit, Store};

/// The manifest's name inside an archive.
pub const MANIFEST: &str = "duban-backup.json";
/// The database's name inside an archive.
pub const DATABASE: &str = "duban.sqlite3";
/// The folder of the attachment files inside an archive.
pub const ATTACHMENTS: &str = "attachments/";
/// What the manifest's `format` says.
const FORMAT: &str = "duban-backup";

/// What an archive says about itself (`duban-backup.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Manifest {
    /// Always `duban-backup`.
    pub format: String,
    /// The archive layout's version (1).
    pub version: u32,
    /// When the backup was made: `YYYY-MM-DD HH:MM:SS`.
    pub made_at: String,
    /// The database's schema version (`PRAGMA user_version`).
    pub db_version: i64,
    /// 督办事项 in the backup.
    pub items: i64,
    /// 收文 in the backup.
    pub documents: i64,
    /// Attachment files in the archive.
    pub attachments: i64,
    /// Their bytes.
    pub attachment_bytes: i64,
    /// Attachment files the database names that were not in the attachment
    /// folder when the backup was made (their SHA-256): not in the archive.
    pub missing: Vec<String>,
    /// The audit chain's head in the backup (`verify --against` anchors on it).
    pub head: audit::ChainHead,
}

/// The outcome of a backup.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    /// The archive written.
    #[ts(type = "string")]
    pub file: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// What it holds.
    pub manifest: Manifest,
}

/// A temporary database file, removed when dropped.
pub(crate) struct TempDb(pub(crate) PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = self.0.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

static NEXT: AtomicU64 = AtomicU64::new(0);

/// A fresh name in the system's temporary folder.
pub(crate) fn temp_db_name(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "duban-{what}-{}-{}.sqlite3",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// A backup whose database snapshot is taken; the archive is not yet written.
pub struct Pending {
    dest: PathBuf,
    snapshot: TempDb,
    source_dir: PathBuf,
    /// (sha256, size) of each attachment file present, in name order.
    files: Vec<(String, i64)>,
    manifest: Manifest,
}

/// The Chinese error for a backup folder that cannot be written.
fn unwritable(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!(
        "备份文件夹“{}”无法写入（{e}），未做备份。请检查该文件夹（或所在磁盘）是否存在、可写，或换一个备份文件夹。",
        dir.display()
    ))
}

/// Refuses a backup that needs more bytes than the disk has free.
pub fn check_space(dir: &Path, needed: u64, available: u64) -> Result<()> {
    if needed > available {
        let mb = |n: u64| n.div_ceil(1024 * 1024);
        return Err(Error::Invalid(format!(
            "备份文件夹“{}”所在磁盘剩余空间不足：本次备份约需 {} MB，只剩 {} MB。未做备份。请清理磁盘，或换一个空间足够的备份文件夹。",
            dir.display(),
            mb(needed),
            mb(available)
        )));
    }
    Ok(())
}

fn count(conn: &Connection, sql: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Takes the database snapshot for a backup into `dest` (a `.zip`): checks
/// that the folder can be written and has room, copies the database with
/// one read of SQLite's online backup, and lists the attachment files the
/// copy names. `made_at` is recorded in the manifest. This is the only step
/// that reads the store.
pub fn prepare(store: &Store, dest: &Path, made_at: NaiveDateTime) -> Result<Pending> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| unwritable(&dir, e))?;
    // A probe: a folder may exist and still refuse files (read-only media).
    let probe = dir.join(format!(".duban-probe-{}", std::process::id()));
    File::create(&probe).map_err(|e| unwritable(&dir, e))?;
    let _ = std::fs::remove_file(&probe);

    let conn = store.conn();
    let db_bytes = (count(conn, "PRAGMA page_count")? * count(conn, "PRAGMA page_size")?) as u64;
    let att_bytes = count(
        conn,
        "SELECT coalesce(sum(size), 0) FROM (SELECT DISTINCT sha256, size FROM attachments)",
    )? as u64;
    // The snapshot goes to the temporary folder, the archive to `dir`
    // (database deflated, attachments as they are), plus a margin.
    let needed = db_bytes + att_bytes + att_bytes / 100 + 1024 * 1024;
    let available = fs4::available_space(&dir).map_err(|e| unwritable(&dir, e))?;
    check_space(&dir, needed, available)?;

    let snapshot = TempDb(temp_db_name("backup"));
    let mut out = Connection::open(&snapshot.0)?;
    {
        let backup = Backup::new(conn, &mut out)?;
        // All pages in one step: one consistent read of the source.
        while backup.step(-1)? != StepResult::Done {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    out.execute_batch("PRAGMA journal_mode = DELETE;")?;
    let head = audit::head(&out)?;
    let source_dir = store.attachments_dir();
    let mut files = Vec::new();
    let mut missing = Vec::new();
    {
        let mut st = out
            .prepare("SELECT sha256, max(size) FROM attachments GROUP BY sha256 ORDER BY sha256")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (sha, size) = row?;
            // A copy cut short (a power cut before the disk held it) is as
            // good as missing: archived, it would make the whole backup
            // fail its check on restore.
            let whole = std::fs::metadata(source_dir.join(&sha))
                .is_ok_and(|m| m.is_file() && m.len() == size as u64);
            if whole {
                files.push((sha, size));
            } else {
                missing.push(sha);
            }
        }
    }
    let manifest = Manifest {
        format: FORMAT.to_string(),
        version: 1,
        made_at: crate::dates::stamp(made_at),
        db_version: out.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        items: count(&out, "SELECT count(*) FROM items")?,
        documents: count(&out, "SELECT count(*) FROM documents")?,
        attachments: files.len() as i64,
        attachment_bytes: files.iter().map(|(_, n)| n).sum(),
        missing,
        head,
    };
    drop(out);
    Ok(Pending {
        dest: dest.to_path_buf(),
        snapshot,
        source_dir,
        files,
        manifest,
    })
}

fn zip_error(file: &Path, e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("写入备份“{}”失败：{e}。未做备份。", file.display()))
}

impl Pending {
    /// What the archive will hold.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Writes the archive under a temporary name and renames it into place
    /// when whole. Needs no store.
    pub fn write(self) -> Result<BackupInfo> {
        let tmp = self.dest.with_extension("zip.partial");
        let result = self.write_to(&tmp);
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result?;
        std::fs::rename(&tmp, &self.dest)?;
        Ok(BackupInfo {
            size: std::fs::metadata(&self.dest)?.len(),
            file: self.dest,
            manifest: self.manifest,
        })
    }

    fn write_to(&self, tmp: &Path) -> Result<()> {
        let bad = |e: zip::result::ZipError| zip_error(&self.dest, e);
        let file = File::create(tmp).map_err(|e| zip_error(&self.dest, e))?;
        let mut zip = zip::ZipWriter::new(BufWriter::with_capacity(1 << 20, file));
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(false);
        zip.start_file(MANIFEST, stored).map_err(bad)?;
        zip.write_all(
            &serde_json::to_vec_pretty(&self.manifest)
                .map_err(|e| Error::Invalid(format!("备份清单无法写出：{e}")))?,
        )?;
        let db_size = std::fs::metadata(&self.snapshot.0)?.len();
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(db_size >= u32::MAX as u64);
        zip.start_file(DATABASE, deflated).map_err(bad)?;
        std::io::copy(&mut File::open(&self.snapshot.0)?, &mut zip)?;
        for (sha, size) in &self.files {
            let opts = stored.large_file(*size >= u32::MAX as i64);
            zip.start_file(format!("{ATTACHMENTS}{sha}"), opts)
                .map_err(bad)?;
            let mut src = File::open(self.source_dir.join(sha)).map_err(|e| {
                Error::Invalid(format!(
                    "无法读取附件文件“{}”（{e}），未做备份。",
                    self.source_dir.join(sha).display()
                ))
            })?;
            std::io::copy(&mut src, &mut zip)?;
        }
        let mut out = zip.finish().map_err(bad)?;
        out.flush()?;
        out.into_inner()
            .map_err(|e| zip_error(&self.dest, e.error()))?
            .sync_all()?;
        Ok(())
    }
}

/// Writes a whole backup (database and attachments) into `dest`.
pub fn backup_archive(store: &Store, dest: &Path, made_at: NaiveDateTime) -> Result<BackupInfo> {
    prepare(store, dest, made_at)?.write()
}

/// Whether `file` starts like a zip archive.
pub fn is_archive(file: &Path) -> bool {
    let mut magic = [0u8; 4];
    File::open(file)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == *b"PK\x03\x04"
}

/// An opened archive and its manifest.
pub(crate) struct Opened {
    pub(crate) zip: zip::ZipArchive<BufReader<File>>,
    pub(crate) manifest: Manifest,
}

/// Opens an archive and reads its manifest; anything else is "not a Duban
/// backup" (`then` says what was not done).
pub(crate) fn open(file: &Path, then: &str) -> Result<Opened> {
    let not_ours = || {
        Error::BadFile(format!(
            "文件“{}”不是督办台账的备份（缺少备份清单 {MANIFEST}），{then}",
            file.display()
        ))
    };
    if !file.is_file() {
        return Err(Error::NotFound(format!(
            "找不到备份文件“{}”，{then}",
            file.display()
        )));
    }
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(file)?)).map_err(|_| {
        // A zip cut short (a copy interrupted) still starts like one: say it
        // is damaged, not that it is something else.
        let mut head = [0u8; 4];
        let starts_as_zip = File::open(file)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
            && head == *b"PK\x03\x04";
        if starts_as_zip {
            Error::BadFile(format!(
                "备份文件“{}”已损坏或不完整（可能复制时中断），{then}请换用其他备份。",
                file.display()
            ))
        } else {
            not_ours()
        }
    })?;
    let mut text = String::new();
    zip.by_name(MANIFEST)
        .map_err(|_| not_ours())?
        .read_to_string(&mut text)
        .map_err(|_| not_ours())?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|_| not_ours())?;
    if manifest.format != FORMAT {
        return Err(not_ours());
    }
    Ok(Opened { zip, manifest })
}

/// Copies the archive's database into `to` (any file there is replaced).
pub(crate) fn extract_db(opened: &mut Opened, file: &Path, to: &Path, then: &str) -> Result<()> {
    let mut entry = opened.zip.by_name(DATABASE).map_err(|_| {
        Error::BadFile(format!(
            "备份“{}”中没有数据库（{DATABASE}），{then}",
            file.display()
        ))
    })?;
    let mut out = File::create(to)?;
    std::io::copy(&mut entry, &mut out)
        .map_err(|e| Error::BadFile(format!("备份“{}”已损坏（{e}），{then}", file.display())))?;
    out.sync_all()?;
    Ok(())
}

/// The database of a backup in a temporary file (an archive's extracted, a
/// plain `.sqlite3` backup copied as it is not), for reading only.
pub(crate) fn database_of(file: &Path, then: &str) -> Result<(PathBuf, Option<TempDb>)> {
    if !is_archive(file) {
        return Ok((file.to_path_buf(), None));
    }
    let mut opened = open(file, then)?;
    let tmp = TempDb(temp_db_name("verify"));
    extract_db(&mut opened, file, &tmp.0, then)?;
    Ok((tmp.0.clone(), Some(tmp)))
}

/// Extracts the archive's attachment files into `dir` (made empty first),
/// checking each file's SHA-256 against its name.
pub(crate) fn extract_attachments(opened: &mut Opened, file: &Path, dir: &Path) -> Result<u64> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let mut n = 0;
    for i in 0..opened.zip.len() {
        let mut entry = opened.zip.by_index(i).map_err(|e| {
            Error::BadFile(format!(
                "备份“{}”已损坏（{e}），未做任何恢复。",
                file.display()
            ))
        })?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let Some(sha) = name.strip_prefix(ATTACHMENTS).map(str::to_string) else {
            continue;
        };
        if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::BadFile(format!(
                "备份“{}”中有不认识的附件“{sha}”，未做任何恢复。",
                file.display()
            )));
        }
        let mut out = BufWriter::new(File::create(dir.join(&sha))?);
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let k = entry.read(&mut buf).map_err(|e| {
                Error::BadFile(format!(
                    "备份“{}”已损坏（{e}），未做任何恢复。",
                    file.display()
                ))
            })?;
            if k == 0 {
                break;
            }
            hasher.update(&buf[..k]);
            out.write_all(&buf[..k])?;
        }
        out.flush()?;
        if hex::encode(hasher.finalize()) != sha {
            return Err(Error::BadFile(format!(
                "备份“{}”中的附件“{sha}”内容已损坏（校验值不符），未做任何恢复。",
                file.display()
            )));
        }
        n += 1;
    }
    Ok(n)
}

/// Refuses a restore whose database names an attachment the archive did not
/// hold (an entry lost from the zip), except those already missing when the
/// backup was made (the manifest lists them): the clerk would find the file
/// gone only when opening it.
pub(crate) fn check_attachments_complete(
    opened: &Opened,
    db: &Path,
    dir: &Path,
    file: &Path,
) -> Result<()> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut st = conn.prepare("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256")?;
    let named = st.query_map([], |r| r.get::<_, String>(0))?;
    let mut lost = Vec::new();
    for sha in named {
        let sha = sha?;
        if !opened.manifest.missing.contains(&sha) && !dir.join(&sha).is_file() {
            lost.push(sha);
        }
    }
    if lost.is_empty() {
        return Ok(());
    }
    Err(Error::BadFile(format!(
        "备份“{}”不完整：数据库登记的 {} 个附件文件不在备份中（如 {}），未做任何恢复。请换用其他备份。",
        file.display(),
        lost.len(),
        &lost[0][..12]
    )))
}

/// Reads the counts of a plain database backup (read-only).
pub(crate) fn db_counts(file: &Path) -> Result<(i64, i64)> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok((
        count(&conn, "SELECT count(*) FROM items")?,
        count(&conn, "SELECT count(*) FROM documents")?,
    ))
}
