//! Black-box tests of `duban backup [--to DIR]`, `duban backup list DIR` and
//! `duban restore FILE` with archives that carry the attachments.

use crate::support::Sandbox;

fn add_document(s: &Sandbox, title: &str, attach: &std::path::Path) {
    s.duban(&[
        "doc",
        "add",
        "--title",
        title,
        "--category",
        "重要文件要求",
        "--attach",
        attach.to_str().unwrap(),
    ])
    .ok();
}

#[test]
fn backup_to_a_folder_lists_and_restores_database_and_attachments() {
    let s = Sandbox::new();
    let scan = s.path("批示扫描.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan of the instruction").unwrap();
    add_document(&s, "备份之前", &scan);
    let dir = s.path("备份");
    let out = s
        .duban(&["--json", "backup", "--to", dir.to_str().unwrap()])
        .ok()
        .json();
    let file = out["backup"].as_str().unwrap().to_string();
    assert!(file.ends_with(".zip"), "{file}");
    assert_eq!(out["manifest"]["documents"], 1);
    assert_eq!(out["manifest"]["attachments"], 1);
    assert!(out["head"]["count"].as_i64().unwrap() > 0);

    let list = s
        .duban(&["--json", "backup", "list", dir.to_str().unwrap()])
        .ok()
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["documents"], 1);
    assert_eq!(list[0]["kind"], "archive");
    let text = s
        .duban(&["backup", "list", dir.to_str().unwrap()])
        .ok()
        .stdout;
    assert!(text.contains("收文 1") && text.contains("附件 1"), "{text}");

    // Lose the attachment and add another document, then restore.
    let other = s.path("其他.txt");
    std::fs::write(&other, "later").unwrap();
    add_document(&s, "备份之后", &other);
    std::fs::remove_dir_all(s.path("attachments")).unwrap();
    let r = s.duban(&["restore", &file]).ok();
    assert!(r.stdout.contains("原数据库保存在"), "{}", r.stdout);
    let docs = s.duban(&["--json", "doc", "list"]).ok().json();
    assert!(!docs.to_string().contains("备份之后"), "{docs}");
    assert!(docs.to_string().contains("备份之前"), "{docs}");
    let stored: Vec<_> = std::fs::read_dir(s.path("attachments"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(stored, [b"%PDF-1.4 scan of the instruction".to_vec()]);
    s.duban(&["verify", "--against", &file]).ok();
}

#[test]
fn backup_keeps_the_newest_and_refuses_a_folder_it_cannot_write() {
    let s = Sandbox::new();
    let dir = s.path("b");
    for _ in 0..3 {
        s.duban(&["backup", "--to", dir.to_str().unwrap(), "--keep", "2"])
            .ok();
        // Names carry the second.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
    std::fs::write(s.path("文件"), "x").unwrap();
    let r = s
        .duban(&["backup", "--to", s.path("文件").to_str().unwrap()])
        .failed();
    assert!(
        r.stderr.contains("无法写入") && r.stderr.contains("未做备份"),
        "{}",
        r.stderr
    );
}

#[test]
fn rotation_deletes_only_its_own_stamped_backups_never_a_hand_named_one_or_the_database() {
    let s = Sandbox::new();
    let dir = s.path("b");
    std::fs::create_dir_all(&dir).unwrap();
    // A backup the clerk named by hand, an old rotating one, and the
    // database itself in the same folder under a name that starts alike.
    std::fs::write(dir.join("duban-月底手工备份.zip"), "kept by hand").unwrap();
    std::fs::write(dir.join("duban-20240101-080000.zip"), "old").unwrap();
    let db = dir.join("duban-2025.sqlite3");
    std::fs::copy(s.db(), &db).unwrap();
    let run = crate::support::run_duban(
        &db,
        &[
            "--json",
            "backup",
            "--to",
            dir.to_str().unwrap(),
            "--keep",
            "1",
        ],
    )
    .ok()
    .json();
    let written = run["backup"].as_str().unwrap().to_string();
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".lock") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    left.sort();
    assert!(
        std::path::Path::new(&written).exists(),
        "the backup just written stays: {left:?}"
    );
    assert!(
        left.contains(&"duban-月底手工备份.zip".to_string()),
        "{left:?}"
    );
    assert!(left.contains(&"duban-2025.sqlite3".to_string()), "{left:?}");
    assert!(
        !left.contains(&"duban-20240101-080000.zip".to_string()),
        "the older rotating backup goes: {left:?}"
    );
}

#[test]
fn restoring_what_is_not_a_backup_is_refused_in_chinese() {
    let s = Sandbox::new();
    let before = std::fs::read(s.db()).unwrap();
    let sheet = s.path("表.txt");
    std::fs::write(&sheet, "督办事项").unwrap();
    let r = s.duban(&["restore", sheet.to_str().unwrap()]).failed();
    assert!(
        r.stderr.contains("不是督办台账的备份") && r.stderr.contains("未做任何恢复"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}
