//! Files that cannot be read at all (EXCHANGE §1): a clear Chinese reason
//! naming the file, and nothing written.

use duban::imports::{FileStatus, LedgerImporter};

use super::common::{count, import, strict};
use crate::support::store;

#[test]
fn unreadable_files_are_rejected_with_a_reason_naming_them() {
    for (file, fragment) in [
        ("not_a_sheet.xlsx", "不是电子表格文件"),
        ("empty.xlsx", "文件是空的"),
        ("ledger.csv", "不是支持的表格格式"),
        ("corrupt.xlsx", "已损坏"),
        ("encrypted.xlsx", "加密"),
        ("no_header.xlsx", "没有找到督办事项台账的表头"),
        ("ledger_missing_lead_column.xlsx", "缺少必需的列：牵头部门"),
        ("does_not_exist.xlsx", "无法打开文件"),
    ] {
        let mut s = store();
        let audit = count(&s, "SELECT count(*) FROM audit_log");
        let rep = import(&mut s, &LedgerImporter, file, &strict());
        assert_eq!(rep.status, FileStatus::Rejected, "{file}");
        let error = rep.error.unwrap_or_default();
        assert!(
            error.contains(fragment),
            "{file}: “{error}” should say “{fragment}”"
        );
        if !["no_header.xlsx", "ledger_missing_lead_column.xlsx"].contains(&file) {
            assert!(
                error.contains(file),
                "{file}: the reason names the file: {error}"
            );
        }
        assert_eq!(
            count(&s, "SELECT count(*) FROM items") + count(&s, "SELECT count(*) FROM imports"),
            0,
            "{file}"
        );
        assert_eq!(count(&s, "SELECT count(*) FROM audit_log"), audit, "{file}");
    }
}

#[test]
fn a_folder_lists_its_spreadsheets_by_name_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "b反馈.xlsx",
        "a报送.XLS",
        "c.ods",
        "d.xlsm",
        "~$b反馈.xlsx",
        "说明.docx",
        "notes.txt",
    ] {
        std::fs::write(dir.path().join(name), b"x").unwrap();
    }
    std::fs::create_dir(dir.path().join("子文件夹.xlsx")).unwrap();
    let names: Vec<String> = duban::imports::sheet_files(dir.path())
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a报送.XLS", "b反馈.xlsx", "c.ods", "d.xlsm"]);
    let missing = dir.path().join("没有这个文件夹");
    let err = duban::imports::sheet_files(&missing)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("无法读取文件夹") && err.contains("没有这个文件夹"),
        "{err}"
    );
}

/// What is not a regular file is refused before a byte is read: a pipe would
/// block the import forever, a link to `/dev/zero` would fill the memory.
#[cfg(unix)]
#[test]
fn a_pipe_a_device_and_a_folder_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("管道.xlsx");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.map(|s| s.success()).unwrap_or(false), "mkfifo");
    let zero = dir.path().join("零.xlsx");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let folder = dir.path().join("文件夹.xlsx");
    std::fs::create_dir(&folder).unwrap();

    for path in [fifo, zero, folder] {
        let shown = path.display().to_string();
        // On a thread with a deadline: the failure this guards against is a hang.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut s = store();
            let rep = duban::imports::import_file(
                &mut s,
                &crate::support::actor("2026-11-26 10:00"),
                &LedgerImporter,
                &path,
                &strict(),
            );
            let written = count(&s, "SELECT count(*) FROM imports");
            let _ = tx.send((rep, written));
        });
        let (rep, written) = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{shown}: the import did not return within 10 s"));
        assert_eq!(rep.status, FileStatus::Rejected, "{shown}");
        let error = rep.error.unwrap_or_default();
        assert!(
            error.contains("不是普通文件") && error.contains(&shown),
            "{shown}: {error}"
        );
        assert_eq!(written, 0, "{shown}: nothing recorded");
    }
}
