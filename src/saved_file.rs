//! Files written for the clerk (workbooks, Word documents): written beside
//! their name first (`NAME.part`) and renamed into place, so that a failed
//! save never leaves half a file under the name the clerk chose; the half
//! written beside it is removed.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` ([`write_with`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |out| Ok(out.write_all(bytes)?))
}

/// Writes to `path` what `write` gives `out` as it is made (a large export's
/// parts go to the file without being gathered in memory first). A failed
/// write to `out` is reported for `path` in Chinese; `write`'s own errors as
/// they are.
pub fn write_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = part_path(path);
    let file = std::fs::File::create(&tmp).map_err(|e| cannot_write(path, &e))?;
    let mut out = std::io::BufWriter::new(file);
    let written = write(&mut out).and_then(|()| Ok(out.flush()?));
    // Closed before it is renamed or removed (Windows refuses both on an open file).
    drop(out);
    // The rename is refused where the file is open in another program (Windows).
    let written = written.and_then(|()| Ok(std::fs::rename(&tmp, path)?));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        match e {
            Error::Io(e) => cannot_write(path, &e),
            other => other,
        }
    })
}

/// `NAME.part` beside `path`.
fn part_path(path: &Path) -> PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    PathBuf::from(tmp)
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Error {
    Error::BadFile(format!(
        "无法写入文件“{}”：{}。请检查文件夹是否存在、是否有写入权限，以及该文件是否正在 Excel、WPS 等程序中打开。",
        path.display(),
        crate::error::io_reason(e)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_is_written_whole_under_its_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        std::fs::write(&path, "旧内容").unwrap();
        write_atomic(&path, "新内容".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新内容");
        assert_eq!(names_in(dir.path()), ["台账.xlsx"]);
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file_and_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        std::fs::write(&path, "旧内容").unwrap();
        let failed = write_with(&path, |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull).into())
        })
        .unwrap_err()
        .to_string();
        assert!(
            failed.contains("无法写入文件")
                && failed.contains("台账.xlsx")
                && failed.contains("磁盘空间已满"),
            "{failed}"
        );
        // The maker's own refusal is passed on as it is.
        let refused = write_with(&path, |_| Err(Error::Invalid("没有可导出的内容".into())));
        assert!(matches!(refused, Err(Error::Invalid(m)) if m == "没有可导出的内容"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "旧内容");
        assert_eq!(names_in(dir.path()), ["台账.xlsx"]);
    }

    #[test]
    fn a_name_that_cannot_be_taken_is_refused_and_nothing_is_left() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename is refused.
        let path = dir.path().join("台账.xlsx");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("里面的文件"), "x").unwrap();
        let err = write_atomic(&path, b"content").unwrap_err().to_string();
        assert!(err.contains("无法写入文件"), "{err}");
        assert_eq!(names_in(dir.path()), ["台账.xlsx"]);
        let missing = dir.path().join("没有这个文件夹").join("x.docx");
        let err = write_atomic(&missing, b"content").unwrap_err().to_string();
        assert!(
            err.contains("无法写入文件") && err.contains("x.docx"),
            "{err}"
        );
    }
}
