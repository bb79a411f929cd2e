//! Backups that cover everything (PRODUCT #19, issue 13): the archive holds
//! the database and every attachment it names; restore puts both back, keeps
//! what it replaced, and refuses what is not a Duban backup.

use std::path::Path;

use duban::documents::{self, NewDocument, Urgency};
use duban::store::{archive, backup, Store};

use crate::support::{actor, at, d};

/// Registers a document with the given files attached; returns its id.
fn document_with(store: &mut Store, title: &str, files: Vec<std::path::PathBuf>) -> i64 {
    let new = NewDocument {
        source_doc_no: String::new(),
        title: title.to_string(),
        source_org: "税务总局".to_string(),
        source_category: documents::SOURCE_CATEGORIES[2].to_string(),
        urgency: Urgency::PingJian,
        time_limited: false,
        time_limit: None,
        received_on: d("2026-11-20"),
        summary: String::new(),
        important: false,
        key_relay: false,
        attachments: files,
    };
    documents::register(store, &actor("2026-11-20 09:00"), &new)
        .unwrap()
        .id
}

/// Every attachment of every document, as (file name, bytes read from the store's folder).
fn attachment_bytes(store: &Store) -> Vec<(String, Vec<u8>)> {
    let mut st = store
        .conn()
        .prepare("SELECT file_name, sha256 FROM attachments ORDER BY id")
        .unwrap();
    let rows: Vec<(String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.into_iter()
        .map(|(name, sha)| {
            let bytes = std::fs::read(store.attachments_dir().join(&sha))
                .unwrap_or_else(|e| panic!("attachment {name} ({sha}) cannot be opened: {e}"));
            (name, bytes)
        })
        .collect()
}

/// A data folder with its database (the built-in organisation) under
/// `data/`, and a folder `in/` for the files to attach.
fn data_folder() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
    Store,
) {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir_all(&files).unwrap();
    let path = dir.path().join("data/duban.sqlite3");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-11-20 09:00")).unwrap();
    (dir, files, path, s)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_restored_backup_opens_every_attachment_with_the_same_bytes() {
    let (dir, files, path, mut s) = data_folder();
    let scan: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    document_with(
        &mut s,
        "批示件",
        vec![
            write(&files, "批示.pdf", b"%PDF-1.4 the instruction"),
            write(&files, "扫描件.jpg", &scan),
        ],
    );
    // The same file attached twice is stored and archived once.
    document_with(
        &mut s,
        "第二件",
        vec![write(&files, "同一份.pdf", b"%PDF-1.4 the instruction")],
    );
    let before = attachment_bytes(&s);
    assert_eq!(before.len(), 3);

    let bak = dir.path().join("backups/duban-20261120-100000.zip");
    let info = archive::backup_archive(&s, &bak, at("2026-11-20 10:00")).unwrap();
    assert_eq!(info.manifest.documents, 2);
    assert_eq!(info.manifest.attachments, 2, "stored once per content");
    assert_eq!(info.manifest.made_at, "2026-11-20 10:00:00");
    assert!(info.manifest.missing.is_empty());
    assert!(bak.is_file() && !bak.with_extension("zip.partial").exists());

    // Afterwards: a third document and a lost attachment folder.
    document_with(
        &mut s,
        "备份之后",
        vec![write(&files, "later.txt", b"after the backup")],
    );
    drop(s);
    std::fs::remove_dir_all(dir.path().join("data/attachments")).unwrap();
    std::fs::create_dir_all(dir.path().join("data/attachments")).unwrap();
    std::fs::write(dir.path().join("data/attachments/stray"), b"x").unwrap();

    assert!(backup::check_backup(&bak).unwrap().ok(), "checked first");
    let kept = backup::restore(&path, &bak, &actor("2026-11-21 09:00"))
        .unwrap()
        .expect("the replaced database is kept");
    let s = Store::open(&path).unwrap();
    assert_eq!(crate::support::count(&s, "documents"), 2);
    assert_eq!(attachment_bytes(&s), before, "every attachment, same bytes");
    assert!(
        dir.path()
            .join("data/attachments.before-restore-20261121-090000/stray")
            .is_file(),
        "the replaced attachment folder is kept beside it"
    );
    assert_eq!(
        crate::support::count(&Store::open(&kept).unwrap(), "documents"),
        3
    );
    assert!(duban::store::audit::verify(s.conn()).unwrap().ok());
    drop(s);

    // The archive anchors `verify --against` as a database copy did.
    let r = backup::verify_file(&path, backup::Anchor::Backup(&bak)).unwrap();
    assert!(r.ok(), "{}", r.message());
}

#[test]
fn an_attachment_file_cut_short_is_listed_missing_and_the_backup_still_restores() {
    let (dir, files, path, mut s) = data_folder();
    document_with(
        &mut s,
        "批示件",
        vec![
            write(&files, "批示.pdf", b"%PDF-1.4 the instruction"),
            write(&files, "附件.txt", b"a second, whole file"),
        ],
    );
    let short: String = s
        .conn()
        .query_row(
            "SELECT sha256 FROM attachments WHERE file_name = '批示.pdf'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    std::fs::write(s.attachments_dir().join(&short), b"%PDF").unwrap();
    let bak = dir.path().join("backups/b.zip");
    let info = archive::backup_archive(&s, &bak, at("2026-11-20 10:00")).unwrap();
    assert_eq!(info.manifest.missing, vec![short]);
    assert_eq!(info.manifest.attachments, 1);
    drop(s);
    backup::restore(&path, &bak, &actor("2026-11-21 09:00")).unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(crate::support::count(&s, "documents"), 1);
}

#[test]
fn list_backups_reads_time_size_and_counts_from_each_backup_and_rotation_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("duban.sqlite3");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-11-20 09:00")).unwrap();
    let bdir = dir.path().join("backups");
    // An older database-only copy in the same folder.
    backup::backup_to(&s, &bdir.join("duban-20261119-090000.sqlite3")).unwrap();
    crate::support::item(&mut s, "一项", "办公厅", "2026-12-31");
    for i in 0..4 {
        backup::rotate(&s, &bdir, &format!("2026112{i}-090000"), 3).unwrap();
    }
    std::fs::write(bdir.join("not-a-backup.zip"), b"junk").unwrap();
    let list = backup::list_backups(&bdir).unwrap();
    let names: Vec<String> = list
        .iter()
        .map(|e| e.file.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "duban-20261123-090000.zip",
            "duban-20261122-090000.zip",
            "duban-20261121-090000.zip",
            "not-a-backup.zip",
        ],
        "newest first; the .sqlite3 copy and the oldest archive rotated away"
    );
    assert_eq!(list[0].made_at.as_deref(), Some("2026-11-23 09:00:00"));
    assert_eq!(list[0].items, Some(1));
    assert_eq!(list[0].documents, Some(0));
    assert_eq!(list[0].kind, "archive");
    assert!(list[0].size > 0);
    assert!(list[3]
        .problem
        .as_deref()
        .unwrap()
        .contains("不是督办台账的备份"));
    assert!(backup::list_backups(&dir.path().join("none"))
        .unwrap()
        .is_empty());
}

#[test]
fn what_is_not_a_duban_backup_is_refused_with_nothing_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("duban.sqlite3");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-11-20 09:00")).unwrap();
    // A real backup cut short, as by an interrupted copy.
    let cut = dir.path().join("cut.zip");
    archive::backup_archive(&s, &cut, at("2026-11-20 10:00")).unwrap();
    let bytes = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    drop(s);
    let before = std::fs::read(&path).unwrap();
    // A zip that is not ours (a spreadsheet is one), a text file, a missing file.
    let xlsx = dir.path().join("台账.zip");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&xlsx).unwrap());
        z.start_file(
            "[Content_Types].xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut z, b"<Types/>").unwrap();
        z.finish().unwrap();
    }
    let text = write(dir.path(), "说明.txt", "不是备份".as_bytes());
    for (file, says) in [
        (&xlsx, "不是督办台账的备份"),
        (&text, "不是督办台账的备份"),
        (&cut, "已损坏或不完整"),
        (&dir.path().join("无此文件.zip"), "找不到"),
    ] {
        let e = backup::restore(&path, file, &actor("2026-11-21 09:00"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(says) && e.contains("未做任何恢复"), "{e}");
        let e = backup::check_backup(file).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "untouched");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restor"))
        .collect();
    assert!(left.is_empty(), "nothing staged is left: {left:?}");
}

#[test]
fn an_archive_with_a_damaged_attachment_is_refused_before_anything_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("duban.sqlite3");
    let mut s = Store::open(&path).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-11-20 09:00")).unwrap();
    document_with(
        &mut s,
        "一件",
        vec![write(dir.path(), "a.pdf", b"%PDF good")],
    );
    let bak = dir.path().join("b.zip");
    let info = archive::backup_archive(&s, &bak, at("2026-11-20 10:00")).unwrap();
    drop(s);
    // Rewrite the archive with the attachment's bytes changed.
    let bad = dir.path().join("bad.zip");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&bak).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        for i in 0..src.len() {
            let mut e = src.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
            if name.starts_with("attachments/") {
                bytes = b"%PDF evil".to_vec();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &bytes).unwrap();
        }
        out.finish().unwrap();
    }
    assert_eq!(info.manifest.attachments, 1);
    let before = std::fs::read(&path).unwrap();
    let e = backup::restore(&path, &bad, &actor("2026-11-21 09:00"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("已损坏") && e.contains("未做任何恢复"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("attachments.restoring").exists());
    assert_eq!(
        std::fs::read_dir(dir.path().join("attachments"))
            .unwrap()
            .count(),
        1
    );

    // The same archive with the attachment's entry left out: its database
    // names a file the archive does not hold.
    let lost = dir.path().join("lost.zip");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&bak).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(&lost).unwrap());
        for i in 0..src.len() {
            let mut e = src.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            if name.starts_with("attachments/") {
                continue;
            }
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &bytes).unwrap();
        }
        out.finish().unwrap();
    }
    let e = backup::restore(&path, &lost, &actor("2026-11-21 09:00"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("不完整") && e.contains("1 个附件") && e.contains("未做任何恢复"),
        "{e}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("attachments.restoring").exists());
}

#[test]
fn a_backup_folder_that_cannot_be_written_or_lacks_space_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("duban.sqlite3")).unwrap();
    // A file where the folder should be (root may write anywhere, so no chmod).
    let blocker = write(dir.path(), "占用", b"x");
    let e = archive::backup_archive(&s, &blocker.join("b.zip"), at("2026-11-20 10:00"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("无法写入") && e.contains("未做备份"), "{e}");

    let e = archive::check_space(Path::new("/备份"), 300 * 1024 * 1024, 20 * 1024 * 1024)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("剩余空间不足") && e.contains("300 MB") && e.contains("20 MB"),
        "{e}"
    );
    assert!(archive::check_space(Path::new("/备份"), 10, 20).is_ok());
}

#[test]
fn the_archive_is_taken_from_a_snapshot_so_later_writes_do_not_enter_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("duban.sqlite3")).unwrap();
    duban::org::seed_default(&mut s, &actor("2026-11-20 09:00")).unwrap();
    let pending = archive::prepare(&s, &dir.path().join("b.zip"), at("2026-11-20 10:00")).unwrap();
    // The store is free again: a write lands while the archive is not yet written.
    crate::support::item(&mut s, "之后", "办公厅", "2026-12-31");
    let info = pending.write().unwrap();
    assert_eq!(info.manifest.items, 0, "the archive is the snapshot's");
}
